//! Canonical text with an exact map back to the caller's bytes.
//!
//! Extractors match against one canonical form of the text:
//! - NFC: decomposed letters ("e" + U+0302 + U+0301) are composed;
//! - the traditional tone placement Party media use: "hoá" → "hóa",
//!   "Uỷ" → "Ủy", "khoẻ" → "khỏe" (open syllables in oa, oe, uy only);
//! - look-alike letters: "Ð" (U+00D0), "Ɖ" (U+0189) → "Đ"; "ð", "ɖ" → "đ";
//! - no-break and other wide spaces → " "; zero-width characters, soft
//!   hyphens and byte-order marks are dropped;
//! - dash, minus, slash and quote variants → "-", "/", `"` and `'`.
//!
//! Every change is recorded as an edit (canonical range ↔ original range),
//! so any canonical span maps back to exact original byte offsets. Text that
//! is already canonical — the usual case — is borrowed, with no edits, after
//! one byte scan.
//!
//! ```
//! use vnextract::normalize::Normalized;
//! let input = "Ban Chấp hành khoá XII, Uỷ ban";
//! let n = Normalized::new(input);
//! assert_eq!(n.text(), "Ban Chấp hành khóa XII, Ủy ban");
//! let start = n.text().find("Ủy").unwrap();
//! let (s, e) = n.to_original(start, n.text().len());
//! assert_eq!(&input[s..e], "Uỷ ban");
//! ```

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use crate::record::{Mention, Temporal};

/// One changed stretch: `canon` of the canonical text stands for `orig` of
/// the original. Untouched text between edits is byte-identical.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    canon: Range<usize>,
    orig: Range<usize>,
}

/// The canonical form of a text and the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    edits: Vec<Edit>,
}

impl<'a> Normalized<'a> {
    /// Normalizes `input`. Already canonical input is borrowed.
    pub fn new(input: &'a str) -> Self {
        let Some(first) = next_work(input, 0) else {
            return Normalized {
                text: Cow::Borrowed(input),
                edits: Vec::new(),
            };
        };
        let (text, edits) = rewrite(input, first);
        Normalized {
            text: Cow::Owned(text),
            edits,
        }
    }

    /// The canonical text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the canonical text is the input itself.
    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    /// Maps a canonical byte range to the original byte range that produced
    /// it. A bound inside a changed stretch widens to the whole stretch, so
    /// the result is always on char boundaries of the original.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.edits.is_empty() {
            return (start, end);
        }
        let s = {
            let i = self.edits.partition_point(|e| e.canon.start <= start);
            match i.checked_sub(1).map(|i| &self.edits[i]) {
                Some(e) if start < e.canon.end => e.orig.start,
                Some(e) => start - e.canon.end + e.orig.end,
                None => start,
            }
        };
        let e = {
            let i = self.edits.partition_point(|e| e.canon.start < end);
            match i.checked_sub(1).map(|i| &self.edits[i]) {
                Some(e) if end <= e.canon.end => e.orig.end,
                Some(e) => end - e.canon.end + e.orig.end,
                None => end,
            }
        };
        (s, e.max(s))
    }

    /// Rewrites a mention found in the canonical text into original offsets
    /// and text.
    pub fn remap_mention(&self, input: &str, m: &mut Mention) {
        let (s, e) = self.to_original(m.start, m.end);
        m.start = s;
        m.end = e;
        set_text(&mut m.text, &input[s..e]);
    }

    /// Rewrites a temporal expression found in the canonical text into
    /// original offsets and text.
    pub fn remap_temporal(&self, input: &str, t: &mut Temporal) {
        let (s, e) = self.to_original(t.start, t.end);
        t.start = s;
        t.end = e;
        set_text(&mut t.text, &input[s..e]);
    }
}

/// Makes `text` equal to `original`, reusing its buffer: most mentions read
/// the same in the canonical and the original text, and those need neither
/// a copy nor an allocation.
fn set_text(text: &mut String, original: &str) {
    if text != original {
        text.clear();
        text.push_str(original);
    }
}

/// One byte scan for anything that can need a change. False positives only
/// cost the slow path; a false negative would leave text non-canonical, so
/// every mapped character's lead bytes are listed in [`needs_work_at`].
#[cfg(test)]
fn needs_work(s: &str) -> bool {
    next_work(s, 0).is_some()
}

/// What the scan in [`next_work`] does with a byte.
const SKIP: u8 = 0;
/// A lead byte of characters that are rare in Vietnamese text and may need
/// a change: combining marks (0xCC, 0xCD) and the leads listed in
/// [`needs_work_at`].
const RARE: u8 = 1;
/// 0xC3: Latin-1 letters, frequent in Vietnamese ("à", "é", "ô"), two of
/// which are look-alikes ("Ð", "ð").
const LATIN1: u8 = 2;
/// 0xE1: Vietnamese letters U+1E00..U+1EFF, frequent.
const VIET: u8 = 3;
/// 0xC4, 0xC5: U+0100..U+017F ("ă", "đ", "ĩ", "ũ"), frequent, never
/// changed and never a toned a/e/y.
const LETTER2: u8 = 4;

/// The class of every byte for [`next_work`].
static CLASS: [u8; 256] = {
    let mut t = [SKIP; 256];
    let rare = [0xC2, 0xC6, 0xC9, 0xCA, 0xCC, 0xCD, 0xE2, 0xE3, 0xEF];
    let mut k = 0;
    while k < rare.len() {
        t[rare[k]] = RARE;
        k += 1;
    }
    t[0xC3] = LATIN1;
    t[0xE1] = VIET;
    t[0xC4] = LETTER2;
    t[0xC5] = LETTER2;
    t
};

/// The first char boundary at or after `from` where a cluster may need a
/// change: a char followed by a combining mark, a mapped char, or a toned
/// a/e/y right after o/u.
///
/// Vietnamese text is mostly ASCII with a multi-byte letter every few
/// bytes, so ASCII is skipped eight bytes at a time (a word with no high
/// bit set), and each multi-byte char is settled by its lead byte: the
/// frequent letter leads (0xC3, 0xE1) by a look at the byte before (o/u)
/// and after (look-alikes), 0xC4/0xC5 (ă, đ, ĩ, ũ, …) need nothing, the
/// rest by [`needs_work_at`].
fn next_work(s: &str, from: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = from;
    loop {
        i = skip_ascii(b, i);
        let lead = *b.get(i)?;
        match CLASS[lead as usize] {
            SKIP => i += 1,
            LATIN1 => {
                if matches!(b.get(i + 1), Some(0x90 | 0xB0))
                    || (after_o_u(b, i) && tone_candidate(s, i))
                {
                    return Some(i);
                }
                i += 2;
            }
            VIET => {
                if after_o_u(b, i) && tone_candidate(s, i) {
                    return Some(i);
                }
                i += 3;
            }
            LETTER2 => i += 2,
            _ => {
                if matches!(lead, 0xCC | 0xCD) {
                    // A combining mark: its cluster starts at the char
                    // before it (unless this run starts with the mark).
                    let mut p = i;
                    if p > from {
                        p -= 1;
                        while p > from && (b[p] & 0xC0) == 0x80 {
                            p -= 1;
                        }
                    }
                    return Some(p);
                }
                if needs_work_at(s, i) {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
}

/// The first index at or after `i` whose byte is not ASCII (or `b.len()`),
/// eight bytes at a time while eight remain.
#[inline]
fn skip_ascii(b: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let high = w & HIGH;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && b[i] < 0x80 {
        i += 1;
    }
    i
}

/// The byte before `i` is an ASCII o or u (either case).
#[inline]
fn after_o_u(b: &[u8], i: usize) -> bool {
    i > 0 && matches!(b[i - 1], b'o' | b'O' | b'u' | b'U')
}

/// Whether the non-ASCII char starting at byte `i` is mapped, is a lone
/// combining mark, or may carry a new-style tone.
fn needs_work_at(s: &str, i: usize) -> bool {
    let b = s.as_bytes();
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    match b[i] {
        // U+0300..U+037F: combining diacritics (a mark with no base).
        0xCC | 0xCD => true,
        0xC2 => matches!(at(i + 1), 0xA0 | 0xAB | 0xAD | 0xBB),
        0xC3 => matches!(at(i + 1), 0x90 | 0xB0) || tone_candidate(s, i),
        0xC6 => at(i + 1) == 0x89,
        0xC9 => at(i + 1) == 0x96,
        0xCA => at(i + 1) == 0xBC,
        0xE1 => tone_candidate(s, i),
        0xE2 => match at(i + 1) {
            // U+2000..U+200D spaces and zero-widths, U+2010..U+2015 dashes,
            // U+2018..U+201F quotes, U+202F narrow no-break space.
            0x80 => matches!(at(i + 2), 0x80..=0x8D | 0x90..=0x95 | 0x98..=0x9F | 0xAF),
            0x81 => matches!(at(i + 2), 0x84 | 0x9F | 0xA0),
            0x88 => matches!(at(i + 2), 0x92 | 0x95),
            _ => false,
        },
        0xE3 => at(i + 1) == 0x80 && at(i + 2) == 0x80,
        0xEF => {
            (at(i + 1) == 0xBB && at(i + 2) == 0xBF) || (at(i + 1) == 0xBC && at(i + 2) == 0x8F)
        }
        _ => false,
    }
}

/// A toned a/e/y right after o/u: maybe new-style tone placement.
fn tone_candidate(s: &str, i: usize) -> bool {
    i > 0
        && matches!(s.as_bytes()[i - 1], b'o' | b'O' | b'u' | b'U')
        && s[i..].chars().next().is_some_and(is_toned_aey)
}

/// An a, e or y (either case) carrying exactly one of the five tones,
/// precomposed: the chars [`split_tone`] splits, without decomposing.
#[inline]
fn is_toned_aey(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'À'
            | 'Á'
            | 'Ả'
            | 'Ã'
            | 'Ạ'
            | 'è'
            | 'é'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'È'
            | 'É'
            | 'Ẻ'
            | 'Ẽ'
            | 'Ẹ'
            | 'ỳ'
            | 'ý'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
            | 'Ỳ'
            | 'Ý'
            | 'Ỷ'
            | 'Ỹ'
            | 'Ỵ'
    )
}

/// What one character becomes in the canonical text.
enum Mapped {
    Same,
    To(&'static str),
    Drop,
}

fn map_char(c: char) -> Mapped {
    match c {
        '\u{00D0}' | '\u{0189}' => Mapped::To("Đ"),
        '\u{00F0}' | '\u{0256}' => Mapped::To("đ"),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Mapped::To(" ")
        }
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Mapped::Drop,
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Mapped::To("-"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
            Mapped::To("\"")
        }
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' => Mapped::To("'"),
        '\u{FF0F}' | '\u{2044}' | '\u{2215}' => Mapped::To("/"),
        _ => Mapped::Same,
    }
}

/// True for chars [`map_char`] keeps, settled without the match for the
/// letters decomposed text composes to (Latin below U+00A0 and the
/// Vietnamese block); other chars ask [`map_char`].
#[inline]
fn is_unmapped(c: char) -> bool {
    is_unmapped_letter(c) || matches!(map_char(c), Mapped::Same)
}

/// Latin below U+00A0 and the Vietnamese block: never mapped.
#[inline]
fn is_unmapped_letter(c: char) -> bool {
    c < '\u{A0}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The marks Vietnamese letters decompose into, in [`COMPOSE`]'s order.
const VIET_MARKS: [char; 8] = [
    '\u{0300}', '\u{0301}', '\u{0302}', '\u{0303}', '\u{0306}', '\u{0309}', '\u{031B}', '\u{0323}',
];

/// The slot of a mark of U+0300..U+036F in [`VIET_MARKS`], or 8.
static MARK_SLOT: [u8; 0x70] = {
    let mut t = [8u8; 0x70];
    let mut k = 0;
    while k < VIET_MARKS.len() {
        t[VIET_MARKS[k] as usize - 0x300] = k as u8;
        k += 1;
    }
    t
};

/// Bases [`COMPOSE`] covers: U+0000..U+024F (Latin, with "â", "ơ", "ư")
/// and U+1E00..U+1EFF (Vietnamese, for a second mark).
const LOW_BASES: usize = 0x250;
const VIET_BASES: std::ops::Range<u32> = 0x1E00..0x1F00;

/// `compose(base, mark)` for every covered base and Vietnamese mark, 0 for
/// none; built once from [`compose`] itself.
static COMPOSE: once_cell::sync::Lazy<Vec<u32>> = once_cell::sync::Lazy::new(|| {
    let bases = (0..LOW_BASES as u32).chain(VIET_BASES);
    let mut t = Vec::with_capacity((LOW_BASES + 0x100) * VIET_MARKS.len());
    for b in bases {
        for m in VIET_MARKS {
            let c = char::from_u32(b).and_then(|b| compose(b, m));
            t.push(c.map_or(0, u32::from));
        }
    }
    t
});

/// [`compose`] for a mark of U+0300..U+036F, by table for the usual
/// Vietnamese pairs.
#[inline]
fn compose_viet(base: char, mark: char) -> Option<char> {
    let slot = MARK_SLOT
        .get((mark as usize).wrapping_sub(0x300))
        .copied()
        .unwrap_or(8) as usize;
    let b = base as u32;
    let row = if (b as usize) < LOW_BASES {
        Some(b as usize)
    } else if VIET_BASES.contains(&b) {
        Some(LOW_BASES + (b - VIET_BASES.start) as usize)
    } else {
        None
    };
    match row {
        Some(r) if slot < VIET_MARKS.len() => {
            char::from_u32(COMPOSE[r * VIET_MARKS.len() + slot]).filter(|&c| c != '\0')
        }
        _ => compose(base, mark),
    }
}

/// The five Vietnamese tone marks.
fn is_tone(m: char) -> bool {
    matches!(
        m,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// Splits a toned a/e/y (either case) into its base letter and tone mark.
fn split_tone(c: char) -> Option<(char, char)> {
    let mut parts = [None; 2];
    let mut n = 0;
    decompose_canonical(c, |d| {
        if n < 2 {
            parts[n] = Some(d);
        }
        n += 1;
    });
    match (n, parts) {
        (2, [Some(base), Some(tone)])
            if is_tone(tone) && matches!(base, 'a' | 'A' | 'e' | 'E' | 'y' | 'Y') =>
        {
            Some((base, tone))
        }
        _ => None,
    }
}

/// The slow path: builds the canonical text and its edits, from `first`,
/// the first place [`next_work`] found. Clean runs between the places it
/// finds are copied in bulk.
fn rewrite(input: &str, first: usize) -> (String, Vec<Edit>) {
    let mut out = String::with_capacity(input.len() + 16);
    let mut edits: Vec<Edit> = Vec::new();
    let mut i = 0;
    let mut next = Some(first);
    while let Some(p) = next {
        out.push_str(&input[i..p]);
        i = match map_fast(input, p, &mut out, &mut edits)
            .or_else(|| compose_fast(input, p, &mut out, &mut edits))
        {
            Some(j) => j,
            None => cluster(input, p, &mut out, &mut edits),
        };
        next = next_work(input, i);
    }
    out.push_str(&input[i..]);
    (out, edits)
}

/// A mapped char with no combining mark after it (a no-break space, a
/// dash, a curly quote, a look-alike), rewritten as [`cluster`] would:
/// its replacement and one edit. `None` (nothing written) otherwise.
#[inline]
fn map_fast(input: &str, p: usize, out: &mut String, edits: &mut Vec<Edit>) -> Option<usize> {
    let c = input[p..].chars().next()?;
    if c.is_ascii() {
        return None;
    }
    let j = p + c.len_utf8();
    if is_unmapped_letter(c) {
        return None;
    }
    let to = match map_char(c) {
        Mapped::Same => return None,
        Mapped::To(t) => t,
        Mapped::Drop => "",
    };
    if input[j..].chars().next().is_some_and(is_mark) {
        return None;
    }
    let start = out.len();
    out.push_str(to);
    edits.push(Edit {
        canon: start..out.len(),
        orig: p..j,
    });
    Some(j)
}

/// The usual decomposed cluster, rewritten without the general machinery:
/// a base char that is not itself mapped, followed by marks in
/// U+0300..U+036F that compose one by one into a single char, with no tone
/// to move. Returns where the cluster ends, or `None` (nothing written)
/// when the cluster needs [`cluster`].
#[inline]
fn compose_fast(input: &str, p: usize, out: &mut String, edits: &mut Vec<Edit>) -> Option<usize> {
    let b = input.as_bytes();
    let c = input[p..].chars().next()?;
    let mut j = p + c.len_utf8();
    let mut acc = c;
    // Marks in U+0300..U+036F are two bytes: 0xCC/0xCD and a continuation.
    while j + 1 < b.len() && matches!(b[j], 0xCC | 0xCD) {
        let m = char::from_u32((u32::from(b[j] & 0x1F) << 6) | u32::from(b[j + 1] & 0x3F))?;
        acc = compose_viet(acc, m)?;
        j += 2;
    }
    if j == p + c.len_utf8() || !is_unmapped(acc) {
        return None;
    }
    // Another mark of another block follows, or a tone may need moving.
    if input[j..].chars().next().is_some_and(is_mark)
        || (is_toned_aey(acc) && matches!(out.as_bytes().last(), Some(b'o' | b'O' | b'u' | b'U')))
    {
        return None;
    }
    if edits.capacity() == 0 {
        // Decomposed text: about one edit per letter with a diacritic.
        edits.reserve(input.len() / 8);
    }
    let start = out.len();
    out.push(acc);
    edits.push(Edit {
        canon: start..out.len(),
        orig: p..j,
    });
    Some(j)
}

/// Rewrites the cluster (a char and its combining marks) at `p`, records
/// the edit, and returns where the cluster ends in the input.
fn cluster(input: &str, p: usize, out: &mut String, edits: &mut Vec<Edit>) -> usize {
    let mut chars = input[p..].chars();
    let Some(c) = chars.next() else {
        return input.len();
    };
    let mut j = p + c.len_utf8();
    let mut marks = 0;
    for m in chars {
        if !is_mark(m) {
            break;
        }
        j += m.len_utf8();
        marks += 1;
    }
    let canon_start = out.len();
    if marks == 0 {
        push_mapped(out, c);
    } else {
        // Canonically ordered Vietnamese marks compose one by one; anything
        // else takes the full algorithm.
        let mut acc = Some(c);
        for m in input[p + c.len_utf8()..j].chars() {
            acc = acc.and_then(|a| compose(a, m));
        }
        match acc {
            Some(composed) => push_mapped(out, composed),
            None => input[p..j].nfc().for_each(|ch| push_mapped(out, ch)),
        }
    }

    // Move the tone of "oá", "oé", "uý" (new style) onto the first vowel
    // when the syllable ends here: "hoá" → "hóa", "Uỷ" → "Ủy".
    let emitted = &out[canon_start..];
    let single = {
        let mut it = emitted.chars();
        match (it.next(), it.next()) {
            (Some(x), None) if is_toned_aey(x) => Some(x),
            _ => None,
        }
    };
    let next_is_word = || {
        input[j..]
            .chars()
            .next()
            .is_some_and(|n| n.is_alphabetic() || is_mark(n))
    };
    if let Some(x) = single.filter(|_| !next_is_word()) {
        if let Some(prev) = out[..canon_start].chars().next_back() {
            let prev_start = canon_start - prev.len_utf8();
            if let Some(moved) = move_tone(&out[..prev_start], prev, x) {
                if let Some(prev_orig) = orig_start_of(edits, prev_start, canon_start) {
                    out.truncate(prev_start);
                    out.push(moved.0);
                    out.push(moved.1);
                    edits.push(Edit {
                        canon: prev_start..out.len(),
                        orig: prev_orig..j,
                    });
                    return j;
                }
            }
        }
    }
    if out[canon_start..] != input[p..j] {
        edits.push(Edit {
            canon: canon_start..out.len(),
            orig: p..j,
        });
    }
    j
}

/// `is_combining_mark` with the common cases settled first: nothing below
/// U+0300 and nothing among the precomposed Vietnamese letters is a mark,
/// everything in U+0300..U+036F is.
#[inline]
fn is_mark(c: char) -> bool {
    match c {
        '\0'..='\u{2FF}' | '\u{1E00}'..='\u{1EFF}' => false,
        '\u{300}'..='\u{36F}' => true,
        _ => is_combining_mark(c),
    }
}

/// The original start of the single canonical char at `start..end`, taking
/// its edit off the list when it has one (the caller records a wider one);
/// `None` when that char is part of a larger edit.
fn orig_start_of(edits: &mut Vec<Edit>, start: usize, end: usize) -> Option<usize> {
    match edits.last() {
        Some(e) if e.canon.end <= start => Some(start - e.canon.end + e.orig.end),
        Some(e) if e.canon == (start..end) => {
            let o = e.orig.start;
            edits.pop();
            Some(o)
        }
        Some(_) => None,
        None => Some(start),
    }
}

fn push_mapped(out: &mut String, c: char) {
    match map_char(c) {
        Mapped::Same => out.push(c),
        Mapped::To(s) => out.push_str(s),
        Mapped::Drop => {}
    }
}

/// For a vowel pair `p` `x` where `x` carries the tone, the pair with the tone
/// on `p` instead; `before` is the canonical text before `p`.
fn move_tone(before: &str, p: char, x: char) -> Option<(char, char)> {
    let (base, tone) = split_tone(x)?;
    let pair_ok = match p {
        'o' | 'O' => matches!(base, 'a' | 'A' | 'e' | 'E'),
        // "quý", "quỹ": the u belongs to "qu", the tone stays on y.
        'u' | 'U' => {
            matches!(base, 'y' | 'Y') && !matches!(before.chars().next_back(), Some('q' | 'Q'))
        }
        _ => false,
    };
    if !pair_ok {
        return None;
    }
    Some((compose(p, tone)?, base))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Normalized::new(s).text().to_string()
    }

    #[test]
    fn canonical_input_is_borrowed() {
        let s = "Ủy viên Bộ Chính trị, khóa XIII, quý I/2021 – ";
        let n = Normalized::new("Ủy viên Bộ Chính trị, khóa XIII, hòa bình… (*) «");
        assert!(!n.is_identity(), "« maps to a plain quote");
        let n = Normalized::new("Ủy viên Bộ Chính trị, khóa XIII, hòa bình… ©");
        assert!(n.is_identity());
        assert!(!Normalized::new(s).is_identity());
    }

    #[test]
    fn tone_placement() {
        assert_eq!(
            canon("hoá khoá Uỷ uỷ thuỷ khoẻ"),
            "hóa khóa Ủy ủy thủy khỏe"
        );
        assert_eq!(canon("HOÁ"), "HÓA");
        // Closed syllables and qu- stay.
        assert_eq!(
            canon("hoàn toán quý quỹ khuyến"),
            "hoàn toán quý quỹ khuyến"
        );
        assert_eq!(canon("Thanh Hoá."), "Thanh Hóa.");
    }

    #[test]
    fn nfd_is_composed() {
        let nfd: String = "Đảng ủy Khối hóa".nfd().collect();
        assert_ne!(nfd, "Đảng ủy Khối hóa");
        assert_eq!(canon(&nfd), "Đảng ủy Khối hóa");
        // NFD with new-style tone placement.
        let nfd_new: String = "Uỷ ban hoá".nfd().collect();
        assert_eq!(canon(&nfd_new), "Ủy ban hóa");
    }

    #[test]
    fn lookalikes_spaces_dashes() {
        assert_eq!(canon("QÐ-TTg ðảng"), "QĐ-TTg đảng");
        assert_eq!(canon("35\u{2013}CT/TW\u{00A0}x"), "35-CT/TW x");
        assert_eq!(canon("a\u{200B}b\u{FEFF}c\u{00AD}d"), "abcd");
        assert_eq!(canon("“Đoàn kết”"), "\"Đoàn kết\"");
        assert_eq!(canon("26\u{FF0F}61"), "26/61");
    }

    #[test]
    fn spans_map_back_exactly() {
        let input = "\u{FEFF}Ngày 9/7, Uỷ ban Kiểm tra khoá XII \u{2013} Ð/c Thạch";
        let n = Normalized::new(input);
        for needle in [
            "Ngày 9/7",
            "Ủy ban",
            "khóa XII",
            "- Đ/c",
            "Đ/c Thạch",
            "Kiểm tra",
        ] {
            let s = n.text().find(needle).unwrap();
            let (os, oe) = n.to_original(s, s + needle.len());
            let orig = &input[os..oe];
            assert_eq!(canon(orig), needle, "{needle} -> {orig:?}");
        }
        // The dropped BOM is outside the first span.
        let (os, _) = n.to_original(0, 4);
        assert_eq!(os, 3);
    }

    #[test]
    fn inside_an_edit_widens() {
        let input = "hoá";
        let n = Normalized::new(input);
        assert_eq!(n.text(), "hóa");
        // "hó" ends inside the moved pair: widens to the whole pair.
        let (s, e) = n.to_original(0, "hó".len());
        assert_eq!(&input[s..e], "hoá");
    }

    #[test]
    fn toned_aey_table_matches_decomposition() {
        for c in ('\u{0}'..='\u{2FFF}').chain('\u{FB00}'..='\u{FFFF}') {
            assert_eq!(is_toned_aey(c), split_tone(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn mark_shortcut_matches_the_table() {
        for c in ('\u{0}'..='\u{2FFF}').chain('\u{FB00}'..='\u{FFFF}') {
            assert_eq!(is_mark(c), is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn scan_finds_every_change_in_every_context() {
        // Each changed char alone, after ASCII, after a Vietnamese letter,
        // and after o/u: the fast scan must stop on it.
        for c in [
            'Ð', 'ð', 'Ɖ', 'ɖ', '\u{00A0}', '\u{2013}', '\u{201C}', '\u{FEFF}', '\u{0301}',
        ] {
            for pre in ["", "a", "ấ", "à", "o", "u", "Đ"] {
                let s = format!("{pre}{c}x");
                assert!(needs_work(&s), "{s:?}");
            }
        }
        for s in ["hoá", "Uỷ", "khoẻ", "HOÁ", "oà"] {
            assert!(needs_work(s), "{s:?}");
        }
        for s in [
            "hóa",
            "Ủy",
            "quốc",
            "muốn",
            "người",
            "à á â ã è é ê ì í ò ó ô õ ù ú ý",
        ] {
            assert!(!needs_work(s), "{s:?}");
        }
    }

    /// The scan as it was before the ASCII skip: one byte at a time.
    fn next_work_reference(s: &str, from: usize) -> Option<usize> {
        let b = s.as_bytes();
        let mut i = from;
        while i < b.len() {
            match CLASS[b[i] as usize] {
                SKIP => i += 1,
                LATIN1 => {
                    if matches!(b.get(i + 1), Some(0x90 | 0xB0))
                        || (after_o_u(b, i) && tone_candidate(s, i))
                    {
                        return Some(i);
                    }
                    i += 2;
                }
                VIET => {
                    if after_o_u(b, i) && tone_candidate(s, i) {
                        return Some(i);
                    }
                    i += 3;
                }
                _ => {
                    if matches!(b[i], 0xCC | 0xCD) {
                        let mut p = i;
                        if p > from {
                            p -= 1;
                            while p > from && (b[p] & 0xC0) == 0x80 {
                                p -= 1;
                            }
                        }
                        return Some(p);
                    }
                    if needs_work_at(s, i) {
                        return Some(i);
                    }
                    i += 1;
                }
            }
        }
        None
    }

    /// The rewrite as it was before [`map_fast`], with the library's
    /// composition.
    fn rewrite_reference(input: &str) -> (String, Vec<Edit>) {
        let mut out = String::new();
        let mut edits: Vec<Edit> = Vec::new();
        let mut i = 0;
        while let Some(p) = next_work_reference(input, i) {
            out.push_str(&input[i..p]);
            i = cluster(input, p, &mut out, &mut edits);
        }
        out.push_str(&input[i..]);
        (out, edits)
    }

    /// Random strings over the pieces that matter to the scan and the
    /// rewrite, with a small xorshift generator.
    fn generated(n: usize) -> Vec<String> {
        const PIECES: &[&str] = &[
            "a", "o", "u", "O", "U", "q", "y", "e", "h", " ", "x", "\n", "1", "à", "á", "ả", "ã",
            "ạ", "é", "ẻ", "ý", "ỷ", "Ý", "Ả", "ấ", "ơ", "ư", "Ư", "đ", "Đ", "ă", "ố", "ộ", "ồ",
            "Ð", "ð", "Ɖ", "ɖ", "\u{A0}", "\u{2013}", "\u{201C}", "\u{2019}", "\u{FEFF}",
            "\u{200B}", "\u{AD}", "\u{FF0F}", "\u{3000}", "\u{0300}", "\u{0301}", "\u{0302}",
            "\u{0303}", "\u{0309}", "\u{0323}", "\u{031B}", "\u{0306}", "\u{0338}", "\u{0345}",
            "\u{20DD}", "ç", "©", "…", "•", "中", "😀", "Ω", "ʼ", "ǜ", "ḁ",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn scan_matches_the_byte_scan() {
        for s in generated(200_000) {
            for from in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                assert_eq!(
                    next_work(&s, from),
                    next_work_reference(&s, from),
                    "{s:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn rewrite_matches_the_cluster_rewrite() {
        for s in generated(200_000) {
            let n = Normalized::new(&s);
            let (text, edits) = rewrite_reference(&s);
            assert_eq!((n.text(), &n.edits), (text.as_str(), &edits), "{s:?}");
        }
    }

    #[test]
    fn composition_table_matches_the_library() {
        let bases = ('\u{0}'..='\u{3FF}').chain('\u{1D00}'..='\u{20FF}');
        for b in bases {
            for m in ('\u{0300}'..='\u{036F}').chain(['\u{0370}', '\u{2FF}', 'a']) {
                assert_eq!(compose_viet(b, m), compose(b, m), "{b:?} {m:?}");
            }
        }
    }

    #[test]
    fn unmapped_shortcut_matches_the_map() {
        for c in ('\u{0}'..='\u{D7FF}').chain('\u{E000}'..='\u{10FFFF}') {
            let same = matches!(map_char(c), Mapped::Same);
            assert_eq!(is_unmapped(c), same, "{c:?}");
            if is_unmapped_letter(c) {
                assert!(same, "{c:?}");
            }
        }
    }

    #[test]
    fn lone_combining_marks_do_not_panic() {
        let s = "\u{0301}\u{0301}a\u{0300}";
        let n = Normalized::new(s);
        let (a, b) = n.to_original(0, n.text().len());
        assert_eq!((a, b), (0, s.len()));
    }
}
