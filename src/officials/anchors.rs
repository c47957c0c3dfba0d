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
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1EA0..=0x1EF9 => {
            if u % 2 == 0 {
                char::from_u32(u + 1)?
            } else {
                c
            }
        }
        0x139..=0x148 | 0x179..=0x17E => {
            if u % 2 == 1 {
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

/// `c.is_uppercase()` with a fast path for Vietnamese letters.
#[inline]
pub(super) fn upper(c: char) -> bool {
    match lower_fast(c) {
        Some(l) => l != c,
        None => c.is_uppercase(),
    }
}

/// `c.is_lowercase()` with a fast path for Vietnamese letters.
#[inline]
pub(super) fn lower(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_lowercase(),
        0xDF..=0xFF => c != '\u{F7}',
        0x100..=0x12F | 0x132..=0x137 | 0x1EA0..=0x1EF9 => c as u32 % 2 == 1,
        0xC0..=0xDE | 0x1A0 | 0x1AF => false,
        0x1A1 | 0x1B0 => true,
        _ => c.is_lowercase(),
    }
}

/// `c.is_alphabetic()` with a fast path for Vietnamese letters.
#[inline]
pub(super) fn alpha(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0xC0..=0xFF => c != '\u{D7}' && c != '\u{F7}',
        0x100..=0x17F | 0x1A0 | 0x1A1 | 0x1AF | 0x1B0 | 0x1EA0..=0x1EF9 => true,
        _ => c.is_alphabetic(),
    }
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
pub(super) fn is_word(c: char) -> bool {
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

/// The chars that `(?i)` matches to the lower-case letter `a`.
#[cfg(test)]
fn orbit(a: char) -> impl Iterator<Item = char> {
    let up = a.to_uppercase();
    let up = (up.len() == 1).then_some(up).into_iter().flatten();
    std::iter::once(a)
        .chain(up.filter(move |&u| u != a))
        .chain((a == 'k').then_some('\u{212A}'))
        .chain((a == 's').then_some('\u{17F}'))
}

/// Bytes mapped so that the upper and lower case of every letter of the
/// alternatives give the same bytes: ASCII letters lower-cased; in
/// continuation bytes the bits that tell Latin-1 ("À"/"à"), Latin
/// Extended-A and Vietnamese ("Đ"/"đ", "Ủ"/"ủ") cases apart are set, and
/// "Ư"/"ư" (U+01AF/U+01B0) are joined. Distinct letters may meet too:
/// matches are confirmed char by char.
static NORM: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        t[b] = if x.is_ascii_uppercase() {
            x | 0x20
        } else if x >= 0x80 && x < 0xC0 {
            let y = x | 0x21;
            if y == 0xAF {
                0xB1
            } else {
                y
            }
        } else {
            x
        };
        b += 1;
    }
    t
};

/// Is the byte `x` at `i` of `t` the start of a white-space char? Its
/// length if so.
#[inline]
fn white_at(t: &str, i: usize, x: u8) -> Option<usize> {
    if x < 0x80 {
        return matches!(x, b' ' | b'\t'..=b'\r').then_some(1);
    }
    let c = t.get(i..)?.chars().next()?;
    c.is_whitespace().then(|| c.len_utf8())
}

/// The trie of the alternatives' [`NORM`] bytes as dense rows over byte
/// classes, with the Kelvin sign and long s spelled out (their bytes differ
/// from "k" and "s"). Node 0 is "no node", node 1 the root; a node id with
/// [`Trie::END`] set is one where alternatives end. A space in an
/// alternative is a step on class [`Trie::WS`] (ASCII white space) to a
/// node that loops on it; other white space is looked at on failure.
struct Trie {
    /// Byte → class; 0 for bytes no alternative holds.
    class: [u8; 256],
    /// Children by class.
    next: Vec<[u16; Trie::CLASSES]>,
    /// Alternatives whose [`NORM`] bytes end at each node, in match order.
    alts: Vec<Vec<&'static str>>,
    /// The node after white space, for nodes where a word of an
    /// alternative ends and another follows (and for that node itself); 0
    /// for none.
    space: Vec<u16>,
}

impl Trie {
    const CLASSES: usize = 64;
    const WS: u8 = 1;
    const END: u16 = 0x8000;
}

static TRIE: Lazy<Trie> = Lazy::new(|| {
    // Spellings of every alternative: each "k" or "s" may be the Kelvin
    // sign or the long s.
    let mut spellings: Vec<(&'static str, Vec<u8>)> = Vec::new();
    for a in ordered_alternatives() {
        let mut vs = vec![String::new()];
        for c in a.chars() {
            let odd = match c {
                'k' => Some('\u{212A}'),
                's' => Some('\u{17F}'),
                _ => None,
            };
            vs = vs
                .iter()
                .flat_map(|v| {
                    std::iter::once(format!("{v}{c}")).chain(odd.map(|o| format!("{v}{o}")))
                })
                .collect();
        }
        for v in vs {
            spellings.push((a, v.bytes().map(|x| NORM[usize::from(x)]).collect()));
        }
    }
    let mut class = [0u8; 256];
    for x in [b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r'] {
        class[usize::from(x)] = Trie::WS;
    }
    let mut classes = 2u8;
    for (_, v) in &spellings {
        for &x in v {
            if x != b' ' && class[usize::from(x)] == 0 {
                class[usize::from(x)] = classes;
                classes += 1;
            }
        }
    }
    assert!(
        usize::from(classes) <= Trie::CLASSES,
        "too many byte classes"
    );
    // A byte takes the class of its NORM byte (NORM is idempotent).
    for x in 0..256 {
        if class[x] == 0 {
            class[x] = class[usize::from(NORM[x])];
        }
    }
    let mut t = Trie {
        class,
        next: vec![[0; Trie::CLASSES]; 2],
        alts: vec![Vec::new(); 2],
        space: vec![0; 2],
    };
    fn new_node(t: &mut Trie) -> usize {
        t.next.push([0; Trie::CLASSES]);
        t.alts.push(Vec::new());
        t.space.push(0);
        assert!(t.alts.len() < usize::from(Trie::END), "small trie");
        t.alts.len() - 1
    }
    for (a, v) in &spellings {
        let mut n = 1usize;
        for &x in v {
            let c = if x == b' ' {
                usize::from(Trie::WS)
            } else {
                usize::from(t.class[usize::from(x)])
            };
            let m = usize::from(t.next[n][c] & !Trie::END);
            n = if m != 0 {
                m
            } else {
                let m = new_node(&mut t);
                t.next[n][c] = m as u16;
                if x == b' ' {
                    t.space[n] = m as u16;
                    t.space[m] = m as u16;
                    t.next[m][usize::from(Trie::WS)] = m as u16;
                }
                m
            };
        }
        if !t.alts[n].contains(a) {
            t.alts[n].push(a);
        }
    }
    // Flag the steps into nodes where alternatives end.
    let ends: Vec<bool> = t.alts.iter().map(|a| !a.is_empty()).collect();
    for row in &mut t.next {
        for x in row.iter_mut() {
            if *x != 0 && ends[usize::from(*x)] {
                *x |= Trie::END;
            }
        }
    }
    t
});

/// Matches the alternative `alt` at `p` of `t` the way `(?i)` with `\s+`
/// for each space would; returns the end.
fn match_alt(t: &str, p: usize, alt: &str) -> Option<usize> {
    let mut it = t[p..].char_indices().peekable();
    for a in alt.chars() {
        if a == ' ' {
            match it.next() {
                Some((_, c)) if c.is_whitespace() => {}
                _ => return None,
            }
            while it.peek().is_some_and(|&(_, c)| c.is_whitespace()) {
                it.next();
            }
            continue;
        }
        match it.next() {
            Some((_, c)) if fold(c) == a => {}
            _ => return None,
        }
    }
    Some(p + it.peek().map_or(t.len() - p, |&(i, _)| i))
}

/// The end of the longest alternative that matches at `p`, as the regex's
/// leftmost-first choice would be: the trie walk over [`NORM`] bytes finds
/// the candidates, deepest first, and each is confirmed char by char.
#[inline(always)]
fn walk(trie: &Trie, t: &str, p: usize) -> Option<usize> {
    let b = t.as_bytes();
    // Three steps without a branch (node 0 is a dead end): most words
    // leave the trie within them.
    if let Some(&[x0, x1, x2]) = b.get(p..p + 3).and_then(|w| <&[u8; 3]>::try_from(w).ok()) {
        let step = |n: u16, x: u8| {
            trie.next[usize::from(n & !Trie::END)]
                [usize::from(trie.class[usize::from(x)]) % Trie::CLASSES]
        };
        let m0 = step(1, x0);
        let m1 = step(m0, x1);
        let m2 = step(m1, x2);
        if m2 == 0 && (m0 | m1) & Trie::END == 0 {
            return None;
        }
    }
    let mut node = 1usize;
    let mut i = p;
    // Nodes where alternatives end, shallow to deep (at most 8: a test).
    let mut ends = [0u16; 8];
    let mut n_ends = 0;
    while let Some(&x) = b.get(i) {
        let m = trie.next[node][usize::from(trie.class[usize::from(x)]) % Trie::CLASSES];
        if m == 0 {
            // White space other than ASCII between the words.
            let sp = trie.space[node];
            if sp != 0 && x >= 0x80 {
                if let Some(len) = white_at(t, i, x) {
                    node = usize::from(sp);
                    i += len;
                    continue;
                }
            }
            break;
        }
        if m & Trie::END != 0 {
            ends[n_ends % 8] = m;
            n_ends += 1;
        }
        node = usize::from(m & !Trie::END);
        i += 1;
    }
    if n_ends == 0 {
        return None;
    }
    ends[..n_ends.min(8)]
        .iter()
        .rev()
        .flat_map(|&n| trie.alts[usize::from(n & !Trie::END)].iter())
        .find_map(|alt| match_alt(t, p, alt))
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

/// The state of one scan: where the next anchor may start, and the output.
struct Scan<'t, 'o> {
    t: &'t str,
    trie: &'static Trie,
    /// No anchor may start before the end of the last one.
    next: usize,
    out: &'o mut Vec<(usize, usize)>,
    caps: &'o mut Vec<usize>,
}

/// ASCII white space and punctuation (`u8::is_ascii_whitespace`,
/// `u8::is_ascii_punctuation`).
static WS_PUNCT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let x = b as u8;
        t[b] = x.is_ascii_whitespace() || x.is_ascii_punctuation();
        b += 1;
    }
    t
};

impl Scan<'_, '_> {
    /// Every place after ASCII white space or punctuation (and the start)
    /// comes here, in order, and every other word start too.
    #[inline(always)]
    fn at(&mut self, j: usize) {
        let b = self.t.as_bytes();
        let c = b[j];
        // Without short cuts: one branch, rarely taken.
        let cap = (c.wrapping_sub(b'A') < 26) | (c >= 0xC3);
        let after = j.checked_sub(1).is_none_or(|p| WS_PUNCT[usize::from(b[p])]);
        if cap & after {
            self.caps.push(j);
        }
        if j < self.next {
            return;
        }
        if let Some(e) = walk(self.trie, self.t, j) {
            self.out.push((j, e));
            self.next = e;
        }
    }

    /// Exactly: does a word start at `j`?
    fn word_start(&self, j: usize) -> bool {
        let b = self.t.as_bytes();
        j < b.len()
            && (b[j] as i8) >= -0x40
            && !self.t[..j].chars().next_back().is_some_and(is_word)
    }
}

/// Does `b` hold a char that [`rare_chars`] would flag? One pass without
/// branches, which the compiler can vectorise.
fn any_rare(b: &[u8]) -> bool {
    let mut acc = 0u8;
    for w in b.windows(2) {
        let (x, y) = (w[0], w[1]);
        let lead = x >= 0xC0;
        let latin = (0xC3..=0xC6).contains(&x) || x == 0xE1;
        let odd_c3 = x == 0xC3 && (y == 0x97 || y == 0xB7);
        let odd_e1 = x == 0xE1 && !(0xB8..=0xBB).contains(&y);
        acc |= u8::from(lead & (!latin | odd_c3 | odd_e1));
    }
    // A lead byte at the very end is broken UTF-8 and cannot occur.
    acc != 0 || b.last().is_some_and(|&x| x >= 0xC0)
}

/// Finds the anchors of one content run, in order, without overlap, and
/// appends their ranges (start at a word boundary) to `out`. Appends to
/// `caps`, in order, the places where a capitalised word may start: an
/// ASCII capital or a byte from 0xC3 up, at the start or after ASCII white
/// space or punctuation.
pub(super) fn scan(t: &str, out: &mut Vec<(usize, usize)>, caps: &mut Vec<usize>) {
    let b = t.as_bytes();
    let n = b.len();
    if n == 0 {
        return;
    }
    let mut sc = Scan {
        t,
        trie: &TRIE,
        next: 0,
        out,
        caps,
    };
    sc.at(0);
    // Chunk `i..i + 8` offers the word starts right after its bytes.
    let mut i = 0;
    let mut exact_until = 0;
    let rare = any_rare(b);
    while i + 9 <= n {
        let w = &b[i..i + 9];
        let mut x = [0u8; 8];
        let mut y = [0u8; 8];
        x.copy_from_slice(&w[..8]);
        y.copy_from_slice(&w[1..]);
        let (x, y) = (u64::from_le_bytes(x), u64::from_le_bytes(y));
        if rare && rare_chars(x, y) != 0 {
            // A char may end in the next chunk.
            exact_until = i + 16;
        }
        if i < exact_until {
            for j in i + 1..i + 9 {
                if sc.word_start(j) {
                    sc.at(j);
                }
            }
        } else {
            let mut m = ascii_separators(x);
            while m != 0 {
                sc.at(i + (m.trailing_zeros() / 8) as usize + 1);
                m &= m - 1;
            }
        }
        i += 8;
    }
    for j in i + 1..n {
        if sc.word_start(j) {
            sc.at(j);
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
        }
    }

    #[test]
    fn norm_joins_the_cases_of_every_letter() {
        let mut letters: Vec<char> = ordered_alternatives()
            .iter()
            .flat_map(|a| a.chars())
            .filter(|c| c.is_alphabetic())
            .collect();
        letters.sort_unstable();
        letters.dedup();
        let norm = |c: char| -> Vec<u8> {
            let mut buf = [0u8; 4];
            c.encode_utf8(&mut buf)
                .bytes()
                .map(|x| NORM[usize::from(x)])
                .collect()
        };
        for a in letters {
            for c in orbit(a).filter(|&c| c != '\u{212A}' && c != '\u{17F}') {
                assert_eq!(norm(c), norm(a), "{c} {a}");
            }
        }
    }

    #[test]
    fn no_space_in_the_first_three_bytes() {
        // `walk` steps over three bytes before it looks at white space.
        for a in ordered_alternatives() {
            assert!(a.find(' ').is_none_or(|i| i >= 3), "{a}");
        }
    }

    #[test]
    fn few_ends_on_any_trie_path() {
        fn depth(trie: &Trie, n: usize) -> usize {
            let below = trie.next[n]
                .iter()
                .map(|&m| usize::from(m & !Trie::END))
                .filter(|&m| m != 0 && m != n)
                .map(|m| depth(trie, m))
                .max()
                .unwrap_or(0);
            below + usize::from(!trie.alts[n].is_empty())
        }
        assert!(depth(&TRIE, 1) <= 8);
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
    fn any_rare_agrees_with_rare_chars() {
        for c in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let b = s.as_bytes();
            let mut buf = [b'a'; 16];
            buf[..b.len()].copy_from_slice(b);
            let x = u64::from_le_bytes(buf[..8].try_into().unwrap());
            let y = u64::from_le_bytes(buf[1..9].try_into().unwrap());
            assert_eq!(any_rare(b), rare_chars(x, y) != 0, "U+{:04X}", c as u32);
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
            assert_eq!(upper(c), c.is_uppercase(), "U+{u:04X}");
            assert_eq!(lower(c), c.is_lowercase(), "U+{u:04X}");
            assert_eq!(alpha(c), c.is_alphabetic(), "U+{u:04X}");
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
            let mut caps = Vec::new();
            scan(t, &mut ours, &mut caps);
            let b = t.as_bytes();
            let want: Vec<usize> = (0..b.len())
                .filter(|&s| {
                    (b[s].is_ascii_uppercase() || b[s] >= 0xC3)
                        && (s == 0
                            || b[s - 1].is_ascii_whitespace()
                            || b[s - 1].is_ascii_punctuation())
                })
                .collect();
            assert_eq!(caps, want);
            ours.retain(|&(_, e)| crate::text::boundary_after(t, e));
            assert_eq!(ours, old_anchors(t));
        }
    }
}
