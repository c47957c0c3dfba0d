//! The anchor scan: introducers ("đồng chí", "Đ/c", "ông", ranks) and role
//! heads ("Bí thư", "Chủ tịch", …) found without a regex.
//!
//! A case-insensitive regex over these ~90 alternatives runs a lazy DFA over
//! every byte of Vietnamese text (no literal prefilter survives `(?i)`).
//! This scan looks only at word starts whose first byte can begin an
//! alternative and walks a trie of the alternatives there, folding case as
//! it goes; most words leave the trie after a char or two.
//!
//! It reports what `(?i)(?:alt1|alt2|…)` (alternatives longest first, a space
//! standing for `\s+`) would report by leftmost-first, non-overlapping
//! search, restricted to matches that start at a word boundary, which are
//! the only ones the extractor keeps. Of the alternatives matching at one
//! place, each is a prefix of the next, so the longest (the deepest end in
//! the trie) is the regex's first choice. The two scans differ only when a
//! match starting inside a word would run over the next word start and hide
//! an anchor there; no Vietnamese word ends with the first word of a
//! multi-word alternative, so only nonsense such as "xpgs.ts" differs.

use once_cell::sync::Lazy;

use super::lexicon::{INTRODUCERS, ROLES};
use crate::text::is_word_char;

/// The lower case of `c` when it is one char that is known without the
/// Unicode tables (ASCII, Latin-1, Vietnamese letters); `None` otherwise.
#[inline]
pub(super) fn lower_fast(c: char) -> Option<char> {
    let u = c as u32;
    Some(match u {
        0..=0x7F => c.to_ascii_lowercase(),
        0xC0..=0xDE if u != 0xD7 => char::from_u32(u + 0x20)?,
        0xD7..=0xFF => c,
        0x100..=0x12F | 0x132..=0x137 | 0x1EA0..=0x1EF9 => {
            if u % 2 == 0 {
                char::from_u32(u + 1)?
            } else {
                c
            }
        }
        0x1A0 | 0x1AF => char::from_u32(u + 1)?,
        0x1A1 | 0x1B0 | 0x300..=0x36F => c,
        _ => return None,
    })
}

/// The char that `c` matches under the regex crate's `(?i)` among the
/// lower-case letters of the alternatives: its lower case, and "s" for the
/// long s (the Kelvin sign lower-cases to "k" already).
#[inline]
fn fold(c: char) -> char {
    match lower_fast(c) {
        Some(l) => l,
        None if c == '\u{17F}' => 's',
        None => {
            let mut it = c.to_lowercase();
            match (it.next(), it.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// `text::is_word_char` with a fast path for Vietnamese letters.
#[inline]
fn is_word(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0xC0..=0xFF => c != '\u{D7}' && c != '\u{F7}',
        0x100..=0x17F | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x300..=0x36F | 0x1EA0..=0x1EF9 => true,
        _ => is_word_char(c),
    }
}

/// The alternatives in the order of the former regex: longest pattern
/// first, stable otherwise.
pub(super) fn ordered_alternatives() -> Vec<&'static str> {
    let mut alts: Vec<&'static str> = INTRODUCERS
        .iter()
        .chain(ROLES.iter())
        .chain(["phó"].iter())
        .copied()
        .collect();
    alts.sort_by_key(|a| std::cmp::Reverse(regex::escape(a).replace(' ', r"\s+").len()));
    alts
}

#[derive(Default)]
struct Node {
    /// Children by folded char.
    edges: Vec<(char, u32)>,
    /// Child after a run of white space (a space in the alternative).
    space: Option<u32>,
    /// An alternative ends here.
    end: bool,
}

/// The trie of the alternatives; node 0 is the root.
static TRIE: Lazy<Vec<Node>> = Lazy::new(|| {
    let mut nodes = vec![Node::default()];
    for a in ordered_alternatives() {
        let mut n = 0usize;
        for c in a.chars() {
            let next = if c == ' ' {
                nodes[n].space
            } else {
                nodes[n].edges.iter().find(|e| e.0 == c).map(|e| e.1)
            };
            n = match next {
                Some(x) => x as usize,
                None => {
                    let x = nodes.len();
                    nodes.push(Node::default());
                    let id = u32::try_from(x).expect("small trie");
                    if c == ' ' {
                        nodes[n].space = Some(id);
                    } else {
                        nodes[n].edges.push((c, id));
                    }
                    x
                }
            };
        }
        nodes[n].end = true;
    }
    nodes
});

/// The chars that `(?i)` matches to the lower-case letter `a`.
fn orbit(a: char) -> impl Iterator<Item = char> {
    let up = a.to_uppercase();
    let up = (up.len() == 1).then_some(up).into_iter().flatten();
    std::iter::once(a)
        .chain(up.filter(move |&u| u != a))
        .chain((a == 'k').then_some('\u{212A}'))
        .chain((a == 's').then_some('\u{17F}'))
}

/// Cheap tests of the first bytes of a word before the trie walk.
struct Filter {
    /// Bytes that may begin the first char of an alternative.
    first: [bool; 256],
    /// Hashes of the first three bytes of the alternatives in every case.
    three: Vec<u64>,
    /// First two bytes of the alternatives (in some case) whose first word
    /// is under three bytes long ("ts"), a bit per pair.
    two: Vec<u64>,
}

/// The hash of three bytes for [`Filter::three`] (a bit in 2^16).
#[inline]
fn hash3(a: u8, b: u8, c: u8) -> usize {
    let x = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

static FILTER: Lazy<Filter> = Lazy::new(|| {
    let mut f = Filter {
        first: [false; 256],
        three: vec![0; 1 << 10],
        two: vec![0; 1 << 10],
    };
    for a in ordered_alternatives() {
        // Every case variant of the first three chars, as bytes.
        let mut variants: Vec<Vec<u8>> = vec![Vec::new()];
        for ch in a.chars().take(3) {
            let mut next = Vec::new();
            for v in &variants {
                if ch == ' ' {
                    let mut v = v.clone();
                    v.push(b' ');
                    next.push(v);
                    continue;
                }
                for c in orbit(ch) {
                    let mut v = v.clone();
                    let mut buf = [0u8; 4];
                    v.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    next.push(v);
                }
            }
            variants = next;
        }
        for v in variants {
            f.first[usize::from(v[0])] = true;
            let head: Vec<u8> = v.iter().copied().take_while(|&x| x != b' ').collect();
            if head.len() >= 3 {
                let h = hash3(head[0], head[1], head[2]);
                f.three[h / 64] |= 1 << (h % 64);
            } else {
                // One byte: any second byte.
                let seconds = match head.get(1) {
                    Some(&y) => y..=y,
                    None => 0..=255,
                };
                for y in seconds {
                    let p = usize::from(head[0]) << 8 | usize::from(y);
                    f.two[p / 64] |= 1 << (p % 64);
                }
            }
        }
    }
    f
});

impl Filter {
    /// May an alternative match at `i` (a word start)?
    #[inline]
    fn pass(&self, b: &[u8], i: usize) -> bool {
        let (Some(&x), Some(&y)) = (b.get(i + 1), b.get(i + 2)) else {
            return true;
        };
        let h = hash3(b[i], x, y);
        let p = usize::from(b[i]) << 8 | usize::from(x);
        self.first[usize::from(b[i])]
            & ((self.three[h / 64] >> (h % 64) | self.two[p / 64] >> (p % 64)) & 1 != 0)
    }
}

/// The char at `i` of `t` (a char boundary) and its length.
#[inline]
fn char_at(t: &str, i: usize) -> Option<(char, usize)> {
    let b = *t.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = t[i..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// Walks the trie from `p`; returns the end of the longest alternative that
/// matches there.
fn walk(trie: &[Node], t: &str, p: usize) -> Option<usize> {
    let mut node = &trie[0];
    let mut i = p;
    let mut last = None;
    loop {
        if node.end {
            last = Some(i);
        }
        let Some((c, len)) = char_at(t, i) else { break };
        if let Some(sp) = node.space {
            if c.is_whitespace() {
                i += len;
                while let Some((c, len)) = char_at(t, i).filter(|x| x.0.is_whitespace()) {
                    debug_assert!(c.is_whitespace());
                    i += len;
                }
                node = &trie[sp as usize];
                continue;
            }
        }
        let f = fold(c);
        match node.edges.iter().find(|e| e.0 == f) {
            Some(&(_, x)) => {
                node = &trie[x as usize];
                i += len;
            }
            None => break,
        }
    }
    last
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// 0x80 in each byte of `x` that is ASCII but not a letter or digit: a
/// word may start right after it.
#[inline]
fn ascii_separators(x: u64) -> u64 {
    let l = x & !HI;
    // Letters folded to lower case; "@[\\]^_" fold onto non-letters.
    let f = l | (0x20 * LO);
    let letter = (f + 0x1F * LO) & !(f + 0x05 * LO);
    let digit = (l + 0x50 * LO) & !(l + 0x46 * LO);
    !(letter | digit | x) & HI
}

/// 0x80 in each byte of `v` (bytes below 0x40) equal to `k`.
#[inline]
fn eq6(v: u64, k: u8) -> u64 {
    (!((v ^ (u64::from(k) * LO)) + 0x3F * LO) & (0x40 * LO)) << 1
}

/// 0x80 in each byte of `v` (bytes below 0x40) within `lo..=hi`.
#[inline]
fn in6(v: u64, lo: u8, hi: u8) -> u64 {
    (v + u64::from(0x80 - lo) * LO) & !(v + u64::from(0x7F - hi) * LO) & HI
}

/// Non-zero when the chunk `x` (with `y`, the same bytes shifted by one)
/// holds a non-ASCII char that may be neither letter nor digit: anything
/// but Latin-1 letters, Latin Extended-A and B up to U+01BF, and Latin
/// Extended Additional (U+1E00..U+1EFF).
#[inline]
fn rare_chars(x: u64, y: u64) -> u64 {
    let lead = x & (x << 1) & HI;
    if lead == 0 {
        return 0;
    }
    let v = x & (0x3F * LO);
    let w = y & (0x3F * LO);
    let latin = in6(v, 0x03, 0x06);
    let c3 = eq6(v, 0x03);
    let e1 = eq6(v, 0x21);
    // "×" and "÷" after C3; E1 outside U+1E00..U+1EFF.
    let odd_c3 = c3 & (eq6(w, 0x17) | eq6(w, 0x37));
    let odd_e1 = e1 & !in6(w, 0x38, 0x3B);
    lead & (!(latin | e1) | odd_c3 | odd_e1) & HI
}

/// Finds the anchors of one content run, in order, without overlap, and
/// appends their ranges (start at a word boundary) to `out`.
pub(super) fn scan(t: &str, out: &mut Vec<(usize, usize)>) {
    let b = t.as_bytes();
    let n = b.len();
    let filter = &*FILTER;
    let trie = &TRIE[..];
    // No anchor may start before the end of the last one.
    let mut next = 0usize;
    let mut try_at = |j: usize| {
        if j < next || !filter.pass(b, j) {
            return;
        }
        if let Some(e) = walk(trie, t, j) {
            out.push((j, e));
            next = e;
        }
    };
    // Exactly: does a word start at `j`?
    let word_start = |j: usize| {
        j < n && (b[j] as i8) >= -0x40 && !t[..j].chars().next_back().is_some_and(is_word)
    };
    if n == 0 {
        return;
    }
    try_at(0);
    // Chunk `i..i + 8` offers the word starts right after its bytes.
    let mut i = 0;
    let mut exact_until = 0;
    while i + 9 <= n {
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(&b[i..i + 8]);
        y.copy_from_slice(&b[i + 1..i + 9]);
        let (x, y) = (u64::from_le_bytes(x), u64::from_le_bytes(y));
        if rare_chars(x, y) != 0 {
            // A char may end in the next chunk.
            exact_until = i + 16;
        }
        if i < exact_until {
            for j in i + 1..i + 9 {
                if word_start(j) {
                    try_at(j);
                }
            }
        } else {
            let mut m = ascii_separators(x);
            while m != 0 {
                try_at(i + (m.trailing_zeros() / 8) as usize + 1);
                m &= m - 1;
            }
        }
        i += 8;
    }
    for j in i + 1..n {
        if word_start(j) {
            try_at(j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The regex the scan replaces.
    fn old_regex() -> Regex {
        let mut alts: Vec<String> = INTRODUCERS
            .iter()
            .chain(ROLES.iter())
            .chain(["phó"].iter())
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
        Regex::new(&format!("(?i)(?:{})", alts.join("|"))).unwrap()
    }

    /// What the extractor kept of the regex's matches: whole words.
    fn old_anchors(t: &str) -> Vec<(usize, usize)> {
        old_regex()
            .find_iter(t)
            .filter(|m| crate::text::is_whole_word(t, m.start(), m.end()))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn same_order_as_the_regex() {
        let mut alts: Vec<String> = INTRODUCERS
            .iter()
            .chain(ROLES.iter())
            .chain(["phó"].iter())
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let ours: Vec<String> = ordered_alternatives()
            .iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect();
        assert_eq!(ours, alts);
    }

    #[test]
    fn lower_fast_agrees_with_std() {
        for u in (0..0x2000u32).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = lower_fast(c) {
                let std: Vec<char> = c.to_lowercase().collect();
                assert_eq!(std, [l], "U+{u:04X}");
            }
        }
    }

    #[test]
    fn fold_agrees_with_regex_case_folding() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let mut letters: Vec<char> = ordered_alternatives()
            .iter()
            .flat_map(|a| a.chars())
            .filter(|c| *c != ' ')
            .collect();
        letters.sort_unstable();
        letters.dedup();
        let firsts: Vec<char> = TRIE[0].edges.iter().map(|e| e.0).collect();
        for a in letters {
            let re = Regex::new(&format!("(?i){}", regex::escape(&a.to_string()))).unwrap();
            let by_regex: Vec<char> = re
                .find_iter(&all)
                .filter_map(|m| m.as_str().chars().next())
                .collect();
            let ours: Vec<char> = all.chars().filter(|&c| fold(c) == a).collect();
            assert_eq!(ours, by_regex, "{a}");
            let mut orb: Vec<char> = orbit(a).collect();
            orb.sort_unstable();
            assert_eq!(orb, by_regex, "{a}");
            if firsts.contains(&a) {
                for c in by_regex {
                    let mut buf = [0u8; 4];
                    let first = c.encode_utf8(&mut buf).as_bytes()[0];
                    assert!(FILTER.first[usize::from(first)], "{c}");
                }
            }
        }
    }

    #[test]
    fn ascii_separators_agree_with_bytes() {
        for v in 0..=255u8 {
            for k in 0..8 {
                let mut x = [b'a'; 8];
                x[k] = v;
                let m = ascii_separators(u64::from_le_bytes(x));
                let want = v < 0x80 && !v.is_ascii_alphanumeric();
                assert_eq!(m, if want { 0x80 << (8 * k) } else { 0 }, "{v:#x} at {k}");
            }
        }
    }

    #[test]
    fn rare_chars_cover_every_non_word_char() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut enc = [0u8; 4];
            let e = c.encode_utf8(&mut enc).as_bytes();
            for k in 0..8 {
                let mut buf = [b'a'; 16];
                buf[k..k + e.len()].copy_from_slice(e);
                let x = u64::from_le_bytes(buf[..8].try_into().unwrap());
                let y = u64::from_le_bytes(buf[1..9].try_into().unwrap());
                if !is_word_char(c) {
                    assert_ne!(rare_chars(x, y), 0, "U+{:04X} at {k}", c as u32);
                }
            }
        }
    }

    #[test]
    fn letter_classes_agree_with_std() {
        for u in 0..0x2000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_word(c), is_word_char(c), "U+{u:04X}");
        }
    }

    #[test]
    fn same_anchors_as_the_regex() {
        let mut texts: Vec<String> = Vec::new();
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds")).unwrap()
        {
            let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
            texts.push(s.to_uppercase());
            texts.push(s.to_lowercase());
            texts.push(s);
        }
        let data = include_str!("../../tests/data/officials.txt");
        texts.push(data.to_string());
        texts.push(data.to_uppercase());
        for s in [
            "Bí  thư\nTỉnh ủy, ĐỒNG CHÍ, đồng\tchí, Đ/c, đ.c, Đ/C, PGS.TS, GS.TSKH, ThS. bàn, Bàn, ông1",
            "bÍ tHƯ, ỦY VIÊN, Uỷ viên, \u{212A}ỹ sư, Tổng thư ký Quốc hộiX, Tổng thư ký",
            "Phó Giáo sư, phó, Phó Thủ tướng, (Chủ tịch, -Bí thư, …Ông, 5ông, _bà",
            "PHÓ ĐÔ ĐỐC, Chuẩn Đô đốc, thượng  tướng, Ông\u{a0}Nguyễn",
            "…Bí thư ×Ông ÷bà ፣Ông \u{1680}Ông ƻÔng ẞông ỗông ÀÔng 1ông _ông Ông",
            "a…Bí thư ×Ông ÷bà ፣Ông \u{1680}Ông ƻÔng ẞông ỗông ÀÔng 1ông _ông Ông",
            "ab…Bí thư ×Ông ÷bà ፣Ông \u{1680}Ông ƻÔng ẞông ỗông ÀÔng 1ông _ông Ông",
            "abc—Bí thư “Ông” «bà» ‘Ông’ 𝔸ông 😀Ông 中Ông、Ông",
        ] {
            for pad in 0..9 {
                texts.push(format!("{}{s}", " ".repeat(pad)));
            }
        }
        for t in &texts {
            let mut ours = Vec::new();
            scan(t, &mut ours);
            ours.retain(|&(_, e)| crate::text::boundary_after(t, e));
            assert_eq!(ours, old_anchors(t));
        }
    }
}
