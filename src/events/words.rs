//! Word helpers for the event grammar that do not allocate: lower-casing on
//! the stack with fast paths for Vietnamese letters, case tests, and a lazy
//! tokenizer that reads only as many words as the grammar asks for.

use std::ops::Deref;

/// True when `c` is an upper-case letter (`char::is_uppercase`), with fast
/// paths for ASCII and the Vietnamese letters.
#[inline]
pub(super) fn is_upper(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7F => c.is_ascii_uppercase(),
        0xC0..=0xDE => u != 0xD7,
        0xDF..=0xFF => false,
        0x1EA0..=0x1EFF => u & 1 == 0,
        _ => c.is_uppercase(),
    }
}

/// True when the first character of `s` is upper case.
#[inline]
pub(super) fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(is_upper)
}

const INLINE: usize = 64;

/// True when `b` is ASCII and Vietnamese letters (and other characters of
/// the fast paths) already in lower case: its own `to_lowercase`.
#[inline]
fn is_lower_fast(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_uppercase() {
                return false;
            }
            i += 1;
            continue;
        }
        let y = b.get(i + 1).copied().unwrap_or(0);
        match x {
            0xC3 if !(0x80..=0x9E).contains(&y) || y == 0x97 => i += 2,
            0xC4 if matches!(y, 0x83 | 0x91 | 0xA9) => i += 2,
            0xC5 if y == 0xA9 => i += 2,
            0xC6 if matches!(y, 0xA1 | 0xB0) => i += 2,
            0xE1 => {
                let z = b.get(i + 2).copied().unwrap_or(0);
                if (y == 0xBB || (y == 0xBA && z >= 0xA0)) && z & 1 == 1 {
                    i += 3;
                } else {
                    return false;
                }
            }
            _ => return false,
        }
    }
    true
}

/// A lower-cased string (`str::to_lowercase`): the string itself when it
/// has no capitals, else kept on the stack when short.
pub(super) enum Low<'a> {
    /// The string was already lower case.
    Same(&'a str),
    /// Up to 64 bytes of UTF-8.
    Inline([u8; INLINE], u8),
    /// Longer strings, and the rare ones that need the general mapping.
    Heap(String),
}

impl<'a> Low<'a> {
    /// `s.to_lowercase()`.
    ///
    /// ASCII and the Vietnamese letters are lower-cased byte by byte: their
    /// case pairs differ only in the last byte of their UTF-8 form (À C3 80
    /// / à C3 A0, Đ C4 90 / đ C4 91, Ộ E1 BB 98 / ộ E1 BB 99); any other
    /// character sends the whole word to the general path.
    #[inline]
    pub(super) fn new(s: &'a str) -> Low<'a> {
        let b = s.as_bytes();
        if is_lower_fast(b) {
            return Low::Same(s);
        }
        if b.len() > INLINE {
            return Low::Heap(lower_str(s));
        }
        let mut buf = [0u8; INLINE];
        let mut changed = false;
        let mut i = 0;
        while i < b.len() {
            let x = b[i];
            if x < 0x80 {
                buf[i] = x.to_ascii_lowercase();
                changed |= x.is_ascii_uppercase();
                i += 1;
                continue;
            }
            let y = b.get(i + 1).copied().unwrap_or(0);
            match x {
                0xC3 => {
                    buf[i] = x;
                    buf[i + 1] = if (0x80..=0x9E).contains(&y) && y != 0x97 {
                        changed = true;
                        y + 0x20
                    } else {
                        y
                    };
                    i += 2;
                }
                0xC4..=0xC6 => {
                    let l = match (x, y) {
                        (0xC4, 0x82 | 0x90 | 0xA8) | (0xC5, 0xA8) | (0xC6, 0xA0 | 0xAF) => y + 1,
                        (0xC4, 0x83 | 0x91 | 0xA9) | (0xC5, 0xA9) | (0xC6, 0xA1 | 0xB0) => y,
                        _ => return Low::by_chars(s),
                    };
                    changed |= l != y;
                    buf[i] = x;
                    buf[i + 1] = l;
                    i += 2;
                }
                0xE1 => {
                    let z = b.get(i + 2).copied().unwrap_or(0);
                    if !(y == 0xBB || (y == 0xBA && z >= 0xA0)) {
                        return Low::by_chars(s);
                    }
                    changed |= z & 1 == 0;
                    buf[i] = x;
                    buf[i + 1] = y;
                    buf[i + 2] = z | 1;
                    i += 3;
                }
                _ => return Low::by_chars(s),
            }
        }
        if changed {
            Low::Inline(buf, b.len() as u8)
        } else {
            Low::Same(s)
        }
    }

    /// `s.to_lowercase()` character by character.
    fn by_chars(s: &str) -> Low<'a> {
        let mut buf = [0u8; INLINE];
        let mut n = 0;
        for c in s.chars() {
            if c == 'Σ' {
                // Final sigma depends on context: the general mapping.
                return Low::Heap(s.to_lowercase());
            }
            match crate::text::lower_char(c) {
                Some(l) => {
                    let k = l.len_utf8();
                    if n + k > INLINE {
                        return Low::Heap(s.to_lowercase());
                    }
                    l.encode_utf8(&mut buf[n..]);
                    n += k;
                }
                None => {
                    for l in c.to_lowercase() {
                        let k = l.len_utf8();
                        if n + k > INLINE {
                            return Low::Heap(s.to_lowercase());
                        }
                        l.encode_utf8(&mut buf[n..]);
                        n += k;
                    }
                }
            }
        }
        Low::Inline(buf, n as u8)
    }
}

impl Deref for Low<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        match self {
            Low::Same(s) => s,
            // Only whole UTF-8 encodings are written into the buffer.
            Low::Inline(b, n) => std::str::from_utf8(&b[..*n as usize]).unwrap_or(""),
            Low::Heap(s) => s,
        }
    }
}

impl PartialEq<&str> for Low<'_> {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl std::fmt::Debug for Low<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

/// `s.to_lowercase()`: runs of characters without capitals are copied as
/// they are; ASCII and Vietnamese capitals are lowered from their bytes;
/// other characters take the general mapping.
pub(super) fn lower_str(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x.is_ascii_uppercase() {
                out.push_str(&s[run..i]);
                out.push(x.to_ascii_lowercase() as char);
                run = i + 1;
            }
            i += 1;
            continue;
        }
        let n = match x {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        let y = b.get(i + 1).copied().unwrap_or(0);
        let z = b.get(i + 2).copied().unwrap_or(0);
        // The lower-case character when it differs, `None` when the
        // character is its own lower case.
        let lowered: Option<u32> = match (x, y) {
            // U+0080-U+00BF: no capitals.
            (0xC2, _) => None,
            (0xC3, 0x80..=0x9E) if y != 0x97 => Some(0xC0 + u32::from(y & 0x3F) + 0x20),
            (0xC3, _) => None,
            (0xC4, 0x82 | 0x90 | 0xA8) | (0xC5, 0xA8) | (0xC6, 0xA0 | 0xAF) => {
                Some(((u32::from(x & 0x1F) << 6) | u32::from(y & 0x3F)) + 1)
            }
            (0xC4, 0x83 | 0x91 | 0xA9) | (0xC5, 0xA9) | (0xC6, 0xA1 | 0xB0) => None,
            (0xE1, 0xBB) | (0xE1, 0xBA) if y == 0xBB || z >= 0xA0 => {
                (z & 1 == 0).then(|| 0x1000 + (u32::from(y & 0x3F) << 6) + u32::from(z & 0x3F) + 1)
            }
            // General Punctuation (U+2000-U+207F): no capitals.
            (0xE2, 0x80 | 0x81) => None,
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                if c == 'Σ' {
                    // Final sigma depends on context: the general mapping.
                    return s.to_lowercase();
                }
                let mut l = c.to_lowercase();
                if l.next() == Some(c) && l.next().is_none() {
                    None
                } else {
                    out.push_str(&s[run..i]);
                    out.extend(c.to_lowercase());
                    run = i + n;
                    None
                }
            }
        };
        if let Some(l) = lowered.and_then(char::from_u32) {
            out.push_str(&s[run..i]);
            out.push(l);
            run = i + n;
        }
        i += n;
    }
    out.push_str(&s[run..]);
    out
}

/// `collapse_ws(s).to_lowercase()` in one pass.
pub(super) fn lower_collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in w.chars() {
            // Final sigma depends on context: the general mapping.
            match crate::text::lower_char(c).filter(|_| c != 'Σ') {
                Some(l) => out.push(l),
                None => return crate::text::collapse_ws(s).to_lowercase(),
            }
        }
    }
    out
}

/// True when `word` lower-cased is `target` (lower case), without
/// allocating: every character maps to exactly one character.
#[inline]
pub(super) fn eq_lower(word: &str, target: &str) -> bool {
    if word.len() != target.len() {
        // Case pairs of Vietnamese letters have the same UTF-8 length.
        return false;
    }
    let mut t = target.chars();
    for c in word.chars() {
        let a = match crate::text::lower_char(c) {
            Some(a) => a,
            None => {
                let mut l = c.to_lowercase();
                let (Some(a), None) = (l.next(), l.next()) else {
                    return false;
                };
                a
            }
        };
        if t.next() != Some(a) {
            return false;
        }
    }
    t.next().is_none()
}

/// True when lower-casing `w` keeps its length in bytes: its characters
/// are ASCII, Latin-1, Latin Extended-A ("đ", "ĩ", "ũ", "ă"), "ơ"/"ư" and
/// Latin Extended Additional, except "İ" (C4 B0) and "ẞ" (E1 BA 9E).
#[inline]
pub(super) fn lower_keeps_len(w: &[u8]) -> bool {
    let mut i = 0;
    while i < w.len() {
        let x = w[i];
        match x {
            0..=0x7F => i += 1,
            0xC2 | 0xC3 | 0xC5 | 0xC6 => i += 2,
            0xC4 if w.get(i + 1) != Some(&0xB0) => i += 2,
            0xE1 if w.get(i + 1) == Some(&0xBB)
                || (w.get(i + 1) == Some(&0xBA) && w.get(i + 2) != Some(&0x9E)) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// True when `w.to_lowercase() == t`, for `t` in lower case without
/// combining marks: compared in place, without lower-casing `w`.
#[inline]
pub(super) fn low_is(w: &str, t: &str) -> bool {
    if w.len() == t.len() {
        eq_lower(w, t)
    } else if w.is_ascii() || lower_keeps_len(w.as_bytes()) {
        false
    } else {
        *Low::new(w) == *t
    }
}

/// The previous word before `pos`, lower-cased.
pub(super) fn prev_word_lower(seg: &str, pos: usize) -> Option<Low<'_>> {
    prev_word(seg, pos).map(|(_, w)| Low::new(w))
}

/// `text::prev_word` with byte-level walks: the start of the word run that
/// ends at `pos` after white space is skipped, and the run.
#[inline]
pub(super) fn prev_word(seg: &str, pos: usize) -> Option<(usize, &str)> {
    let end = crate::text::trim_end_at(seg, pos);
    let start = crate::text::word_start(seg, end);
    (start < end).then(|| (start, &seg[start..end]))
}

/// A span of a text split into words and punctuation.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub word: bool,
}

/// The words and punctuation of `s[from..to]`, read on demand, at most
/// `max` of them: a word is a run of word characters, with a dot kept
/// between two capitals ("T.Ư"); every other non-space character is a token
/// of its own.
pub(super) struct Toks<'s> {
    s: &'s str,
    pos: usize,
    to: usize,
    max: usize,
    /// Start and end of each token read, relative to `base`; the top bit of
    /// the end marks a word. Kept small so that creating a `Toks` per
    /// candidate costs little.
    v: [(u32, u32); MAX_TOKS],
    base: usize,
    n: usize,
}

/// The most tokens a `Toks` reads.
pub(super) const MAX_TOKS: usize = 48;

/// The flag of a word in the end of a packed token.
const WORD_BIT: u32 = 1 << 31;

/// `is_word_char` of the non-ASCII char at byte `i` of `s` (before `to`),
/// with its length when it is one; the Vietnamese letters are settled on
/// their bytes.
#[inline(always)]
fn word_char_at(s: &str, i: usize, to: usize) -> Option<usize> {
    let b = s.as_bytes();
    let x = b[i];
    let y = if i + 1 < to { b[i + 1] } else { 0 };
    match (x, y) {
        // U+00C0..U+023F: letters but × and ÷.
        (0xC3, 0x97 | 0xB7) => None,
        (0xC3..=0xC8, _) => Some(2),
        // U+1E00..U+1EFF: letters.
        (0xE1, 0xB8..=0xBB) => Some(3),
        _ => word_char_slow(s, i, to),
    }
}

/// [`word_char_at`] for the other chars, decoded.
#[inline(never)]
fn word_char_slow(s: &str, i: usize, to: usize) -> Option<usize> {
    let c = s[i..to].chars().next()?;
    crate::text::is_word_char(c).then_some(c.len_utf8())
}

/// Tokens `a..b` of a [`Toks`].
#[derive(Clone, Copy)]
pub(super) struct TokSlice<'a> {
    v: &'a [(u32, u32)],
    base: usize,
}

impl TokSlice<'_> {
    #[inline]
    fn unpack(&self, (a, e): (u32, u32)) -> Tok {
        Tok {
            start: self.base + a as usize,
            end: self.base + (e & !WORD_BIT) as usize,
            word: e & WORD_BIT != 0,
        }
    }

    /// The first token.
    pub(super) fn first(&self) -> Option<Tok> {
        self.v.first().map(|&t| self.unpack(t))
    }

    /// The last token.
    pub(super) fn last(&self) -> Option<Tok> {
        self.v.last().map(|&t| self.unpack(t))
    }

    /// The tokens in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = Tok> + '_ {
        self.v.iter().map(|&t| self.unpack(t))
    }
}

impl<'s> Toks<'s> {
    /// The tokens of `s[from..to]`, at most `max` (capped at 48) of them.
    pub(super) fn new(s: &'s str, from: usize, to: usize, max: usize) -> Self {
        Toks {
            s,
            pos: from,
            to,
            max: max.min(MAX_TOKS),
            v: [(0, 0); MAX_TOKS],
            base: from,
            n: 0,
        }
    }

    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.to {
            return None;
        }
        let b = self.s.as_bytes()[i];
        if b < 0x80 {
            Some(b as char)
        } else {
            self.s[i..self.to].chars().next()
        }
    }

    /// True when the char that ends at `end` is upper case.
    fn upper_before(&self, end: usize) -> bool {
        is_upper(crate::text::char_before(self.s, end).1)
    }

    /// Reads one more token; false at the end.
    fn fill_one(&mut self) -> bool {
        if self.n >= self.max {
            return false;
        }
        let b = self.s.as_bytes();
        // White space, ASCII on its bytes.
        let first_len = loop {
            if self.pos >= self.to {
                return false;
            }
            let x = b[self.pos];
            if x < 0x80 {
                if matches!(x, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
                    self.pos += 1;
                    continue;
                }
                break 1;
            }
            let Some(c) = self.char_at(self.pos) else {
                return false;
            };
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break c.len_utf8();
            }
        };
        let start = self.pos;
        let x = b[start];
        let word = if x < 0x80 {
            x.is_ascii_alphanumeric()
        } else {
            word_char_at(self.s, start, self.to).is_some()
        };
        let mut end = start;
        if word {
            while end < self.to {
                let x = b[end];
                if x < 0x80 {
                    if x.is_ascii_alphanumeric() {
                        end += 1;
                        continue;
                    }
                    if x == b'.'
                        && end + 1 < self.to
                        && self.upper_before(end)
                        && self.char_at(end + 1).is_some_and(is_upper)
                    {
                        end += 1;
                        continue;
                    }
                    break;
                }
                match word_char_at(self.s, end, self.to) {
                    Some(n) => end += n,
                    None => break,
                }
            }
        } else {
            end += first_len;
        }
        self.pos = end;
        let rel = |x: usize| (x - self.base) as u32;
        self.v[self.n] = (rel(start), rel(end) | if word { WORD_BIT } else { 0 });
        self.n += 1;
        true
    }

    /// Token `k` (read before) unpacked.
    #[inline]
    fn tok(&self, k: usize) -> Tok {
        TokSlice {
            v: &[],
            base: self.base,
        }
        .unpack(self.v[k])
    }

    /// Token `i`, reading up to it.
    #[inline]
    pub(super) fn get(&mut self, i: usize) -> Option<Tok> {
        while self.n <= i {
            if !self.fill_one() {
                return None;
            }
        }
        Some(self.tok(i))
    }

    /// The text of token `i`.
    #[inline]
    pub(super) fn text(&mut self, i: usize) -> Option<&'s str> {
        let s = self.s;
        self.get(i).map(|t| &s[t.start..t.end])
    }

    /// The text of token `i` when it is a word.
    #[inline]
    pub(super) fn word(&mut self, i: usize) -> Option<&'s str> {
        let s = self.s;
        self.get(i).filter(|t| t.word).map(|t| &s[t.start..t.end])
    }

    /// Token `i` lower-cased when it is a word.
    #[inline]
    pub(super) fn low(&mut self, i: usize) -> Option<Low<'s>> {
        self.word(i).map(Low::new)
    }

    /// True when token `i` is a word whose lower case is `t`.
    #[inline]
    pub(super) fn is_low(&mut self, i: usize, t: &str) -> bool {
        self.word(i).is_some_and(|w| low_is(w, t))
    }

    /// True when token `i` is the punctuation or word `p` exactly.
    #[inline]
    pub(super) fn is(&mut self, i: usize, p: &str) -> bool {
        self.text(i) == Some(p)
    }

    /// Tokens `a..b` (read up to `b`).
    pub(super) fn range(&mut self, a: usize, b: usize) -> TokSlice<'_> {
        if b > 0 {
            self.get(b - 1);
        }
        let b = b.min(self.n);
        TokSlice {
            v: &self.v[a.min(b)..b],
            base: self.base,
        }
    }

    /// The text these tokens index.
    pub(super) fn src(&self) -> &'s str {
        self.s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_upper_agrees_with_std() {
        for u in (0u32..0x250).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_upper(c), c.is_uppercase(), "{c}");
        }
    }

    #[test]
    fn lower_strings_are_to_lowercase() {
        for s in ["", " Hội  Nghị\n", "ĐẠI HỘI ΣΑΣ", "İ x", "\u{212A}ỳ họp"] {
            assert_eq!(lower_str(s), s.to_lowercase(), "{s}");
            assert_eq!(
                lower_collapse(s),
                crate::text::collapse_ws(s).to_lowercase(),
                "{s}"
            );
        }
    }

    #[test]
    fn low_is_compares_lower_case() {
        for u in (0u32..0x250).chain(0x1E00..0x1F00).chain(0x2100..0x2200) {
            let Some(c) = char::from_u32(u) else { continue };
            let w = format!("{c}ỳ");
            let l = w.to_lowercase();
            assert!(low_is(&w, &l), "{w}");
            assert!(!low_is(&w, "kỳ") || l == "kỳ", "{w}");
            if lower_keeps_len(w.as_bytes()) {
                assert_eq!(l.len(), w.len(), "{w}");
            }
        }
        assert!(low_is("\u{212A}HÓA", "khóa") && low_is("KHÓA", "khóa") && !low_is("KHO", "khóa"));
    }

    #[test]
    fn low_is_to_lowercase() {
        for s in [
            "",
            "Hội Nghị",
            "ĐẠI HỘI",
            "ƯỚC ĐƠN ĨA ŨA ĂN",
            "ΣΑΣ",
            "İstanbul",
            "\u{212A}ỳ",
            &"Ộ".repeat(30),
            "ẞ Ă Đ Ĩ Ũ Ơ Ư ă đ ĩ ũ ơ ư × ÷ ß Þ ÿ Ā ĉ",
        ] {
            assert_eq!(&*Low::new(s), s.to_lowercase(), "{s}");
        }
        // Every character of the fast ranges, alone and in a word.
        for u in (0x80u32..0x250).chain(0x1E00..0x1F00).chain(0x2000..0x2080) {
            let Some(c) = char::from_u32(u) else { continue };
            let w = format!("a{c}b");
            assert_eq!(&*Low::new(&w), w.to_lowercase(), "{c}");
            assert_eq!(lower_str(&w), w.to_lowercase(), "{c}");
        }
    }

    /// The eager tokenizer the lazy one replaces.
    fn eager(s: &str, from: usize, to: usize, max: usize) -> Vec<(usize, usize, bool)> {
        let mut out = Vec::new();
        let mut it = s[from..to].char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if out.len() >= max {
                break;
            }
            let start = from + i;
            if c.is_whitespace() {
                continue;
            }
            if crate::text::is_word_char(c) {
                let mut end = start + c.len_utf8();
                let mut prev = c;
                while let Some(&(j, d)) = it.peek() {
                    if crate::text::is_word_char(d) {
                        end = from + j + d.len_utf8();
                        prev = d;
                        it.next();
                    } else if d == '.' && prev.is_uppercase() {
                        let after = s[from + j + 1..to].chars().next();
                        if after.is_some_and(|a| a.is_uppercase()) {
                            end = from + j + 1;
                            prev = d;
                            it.next();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                out.push((start, end, true));
            } else {
                out.push((start, start + c.len_utf8(), false));
            }
        }
        out
    }

    /// Pseudo-random strings over pieces that exercise the byte-level
    /// paths: ASCII, Vietnamese letters in both cases, dots between
    /// capitals, non-ASCII white space and symbols, combining marks.
    fn generated(n: usize, seed: u64) -> Vec<String> {
        let parts = [
            "Hội",
            "nghị",
            "T",
            ".",
            "Ư",
            "A",
            "b",
            "1",
            "ĐẠI",
            "đ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{2003}",
            "\u{3000}",
            "×",
            "÷",
            "ß",
            "Ω",
            "ω",
            "\u{301}",
            "\u{212A}",
            "İ",
            "ǅ",
            "(",
            ")",
            ",",
            "\"",
            "–",
            "“",
            "2020-2025",
            "Ộ",
            "ộ",
            "ẞ",
            "\u{1E9E}",
            "中",
            "😀",
            "\u{85}",
            "Ơ",
            "ư",
            "Ă",
            "Ĩ",
        ];
        let mut x = seed;
        (0..n)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..10 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    s.push_str(parts[(x % parts.len() as u64) as usize]);
                }
                s
            })
            .collect()
    }

    #[test]
    fn prev_word_is_text_prev_word() {
        for s in generated(5_000, 0x2545_F491_4F6C_DD1D) {
            for pos in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                assert_eq!(
                    prev_word(&s, pos),
                    crate::text::prev_word(&s, pos),
                    "{s:?} {pos}"
                );
            }
        }
    }

    #[test]
    fn lazy_tokens_match_eager_ones_on_generated_strings() {
        for s in generated(20_000, 0x9E37_79B9_7F4A_7C15) {
            let mut t = Toks::new(&s, 0, s.len(), 48);
            let mut got = Vec::new();
            let mut i = 0;
            while let Some(x) = t.get(i) {
                got.push((x.start, x.end, x.word));
                i += 1;
            }
            assert_eq!(got, eager(&s, 0, s.len(), 48), "{s:?}");
            // Ranges agree with single tokens.
            let r = t.range(0, i);
            assert_eq!(r.iter().count(), i);
            assert_eq!(r.first().map(|x| x.start), t.get(0).map(|x| x.start));
        }
    }

    #[test]
    fn lazy_tokens_match_eager_ones() {
        let s = "Hội nghị T.Ư 2 (khóa XIII), tại\u{a0}T.P. Hà Nội; Đại hội A.B.c — 2020-2025. Ω.Ω \u{212A}";
        for from in (0..s.len()).filter(|&i| s.is_char_boundary(i)) {
            for to in (from..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                for max in [0, 1, 3, 48] {
                    let mut t = Toks::new(s, from, to, max);
                    let mut got = Vec::new();
                    let mut i = 0;
                    while let Some(x) = t.get(i) {
                        got.push((x.start, x.end, x.word));
                        i += 1;
                    }
                    assert_eq!(got, eager(s, from, to, max), "{from}..{to} max {max}");
                }
            }
        }
    }
}
