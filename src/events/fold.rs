//! Case-insensitive searches in a sentence without lower-casing it: the
//! positions `str::to_lowercase` followed by `find` / `rfind` would give.

use super::words::eq_lower;

/// A sentence seen in lower case: in place when lower-casing keeps the
/// length of every character (ASCII, Vietnamese letters, general
/// punctuation), so that byte positions of the lower-cased text are those
/// of the text; else the lower-cased copy.
pub(super) enum Folded<'a> {
    /// The text itself, compared case-insensitively.
    InPlace(&'a str),
    /// `to_lowercase` of the text.
    Lowered(String),
}

/// True when every character of `b` lower-cases to one character of the
/// same length: ASCII, U+0080..U+01BF but "İ" (C4 B0), Latin Extended
/// Additional (E1 B8..BB) but "ẞ" (E1 BA 9E), General Punctuation (E2 80,
/// E2 81).
fn keeps_char_lengths(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            i += 1;
            continue;
        }
        let y = b.get(i + 1).copied().unwrap_or(0);
        match x {
            0xC2 | 0xC3 | 0xC5 | 0xC6 => i += 2,
            0xC4 if y != 0xB0 => i += 2,
            0xE1 if matches!(y, 0xB8..=0xBB) && !(y == 0xBA && b.get(i + 2) == Some(&0x9E)) => {
                i += 3
            }
            0xE2 if matches!(y, 0x80 | 0x81) => i += 3,
            _ => return false,
        }
    }
    true
}

/// How to find the first byte of `pat` (lower case, starting with an ASCII
/// byte) in either case: a byte `x` may start a match when `x | fold == t`.
#[inline]
fn first_byte(pat: &str) -> (u8, u8) {
    let p = pat.as_bytes()[0];
    if p.is_ascii_lowercase() {
        (0x20, p)
    } else {
        (0, p)
    }
}

/// The bytes `x` of a block with `x | fold == t`, as a mask with bit 7 of
/// each such byte set, eight bytes at a time in a `u64`. Bytes above a
/// match may be flagged too (a borrow): callers check each flagged byte.
#[inline(always)]
fn eq16(c: &[u8; 16], fold: u8, t: u8) -> u128 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let half = |h: [u8; 8]| -> u64 {
        let v = (u64::from_le_bytes(h) | (ONES * u64::from(fold))) ^ (ONES * u64::from(t));
        v.wrapping_sub(ONES) & !v & (ONES << 7)
    };
    let lo = half(c[..8].try_into().unwrap_or([0; 8]));
    let hi = half(c[8..].try_into().unwrap_or([0; 8]));
    u128::from(lo) | (u128::from(hi) << 64)
}

impl<'a> Folded<'a> {
    /// `s` in lower case for the searches below.
    pub(super) fn new(s: &'a str) -> Self {
        if keeps_char_lengths(s.as_bytes()) {
            Folded::InPlace(s)
        } else {
            Folded::Lowered(super::words::lower_str(s))
        }
    }

    /// The length of the lower-cased text.
    pub(super) fn len(&self) -> usize {
        match self {
            Folded::InPlace(s) => s.len(),
            Folded::Lowered(l) => l.len(),
        }
    }

    /// True when the lower-cased text has a match of `pat` (lower case,
    /// starting with an ASCII byte) at byte `i`, the first byte known to
    /// match.
    #[inline]
    fn rest_at(s: &str, i: usize, pat: &str) -> bool {
        let end = i + pat.len();
        if end > s.len() {
            return false;
        }
        // The case forms of a Vietnamese letter differ in bit 0x20 (ASCII,
        // C3 xx) or bit 1 (C4 xx, E1 xx yy) of their last byte, or by one
        // ("ư" C6 B0, "Ư" C6 AF): a cheap test before the full comparison.
        let l = s.as_bytes()[end - 1];
        let p = pat.as_bytes()[pat.len() - 1];
        (l == p || l | 0x20 == p || l | 1 == p || l.wrapping_add(1) == p)
            && s.is_char_boundary(end)
            && eq_lower(&s[i..end], pat)
    }

    /// `lower(text)[from..to].find(pat)` (relative to `from`), for `pat`
    /// lower case and starting with an ASCII byte; `None` when the range is
    /// not one of the lower-cased text.
    pub(super) fn find_in(&self, from: usize, to: usize, pat: &str) -> Option<usize> {
        match self {
            Folded::InPlace(s) => {
                let r = s.get(from..to)?;
                let (fold, t) = first_byte(pat);
                let b = r.as_bytes();
                let mut at = 0;
                let mut chunks = b.chunks_exact(16);
                for c in &mut chunks {
                    let mut m = eq16(c.try_into().unwrap_or(&[0; 16]), fold, t);
                    while m != 0 {
                        let i = at + m.trailing_zeros() as usize / 8;
                        m &= m - 1;
                        if b[i] | fold == t && Self::rest_at(r, i, pat) {
                            return Some(i);
                        }
                    }
                    at += 16;
                }
                (at..b.len()).find(|&i| b[i] | fold == t && Self::rest_at(r, i, pat))
            }
            Folded::Lowered(l) => l.get(from..to)?.find(pat),
        }
    }

    /// `lower(text)[from..to].rfind(pat)` (relative to `from`), for `pat` as
    /// in [`Folded::find_in`].
    pub(super) fn rfind_in(&self, from: usize, to: usize, pat: &str) -> Option<usize> {
        match self {
            Folded::InPlace(s) => {
                let r = s.get(from..to)?;
                let (fold, t) = first_byte(pat);
                let b = r.as_bytes();
                let mut chunks = b.rchunks_exact(16);
                let mut end = b.len();
                for c in &mut chunks {
                    end -= 16;
                    let mut m = eq16(c.try_into().unwrap_or(&[0; 16]), fold, t);
                    while m != 0 {
                        let k = (127 - m.leading_zeros() as usize) / 8;
                        m &= !(1u128 << (k * 8 + 7));
                        if b[end + k] | fold == t && Self::rest_at(r, end + k, pat) {
                            return Some(end + k);
                        }
                    }
                }
                (0..end)
                    .rev()
                    .find(|&i| b[i] | fold == t && Self::rest_at(r, i, pat))
            }
            Folded::Lowered(l) => l.get(from..to)?.rfind(pat),
        }
    }

    /// `lower(text)[from..].starts_with(pat)`.
    pub(super) fn starts_with_at(&self, from: usize, pat: &str) -> bool {
        match self {
            Folded::InPlace(s) => s.get(from..).is_some_and(|r| {
                let (fold, t) = first_byte(pat);
                r.as_bytes().first().is_some_and(|&x| x | fold == t) && Self::rest_at(r, 0, pat)
            }),
            Folded::Lowered(l) => l.get(from..).is_some_and(|r| r.starts_with(pat)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATS: &[&str] = &["chủ trì", "trưởng đoàn", " do ", "do ", "chủ trì của"];

    fn generated(n: usize, seed: u64) -> Vec<String> {
        let parts = [
            "Chủ",
            "chủ",
            "CHỦ",
            "trì",
            "TRÌ",
            "Trì",
            "của",
            "CỦA",
            " ",
            "  ",
            "do",
            "Do",
            "DO",
            "Trưởng",
            "TRƯỞNG",
            "đoàn",
            "ĐOÀN",
            "x",
            ",",
            "“",
            "”",
            "–",
            "\u{a0}",
            "İ",
            "ẞ",
            "Σ",
            "\u{212A}",
            "Ω",
            "ß",
            "Ⱥ",
            "ǅ",
            "\u{301}",
            "中",
            "😀",
            "C",
            "c",
            "d",
            "D",
        ];
        let mut x = seed;
        (0..n)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..14 {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    s.push_str(parts[(x % parts.len() as u64) as usize]);
                    if x % 3 == 0 {
                        s.push(' ');
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn same_answers_as_the_lower_cased_copy() {
        for s in generated(20_000, 0x2545_F491_4F6C_DD1D) {
            let l = s.to_lowercase();
            let f = Folded::new(&s);
            assert_eq!(f.len(), l.len(), "{s:?}");
            if l.len() != s.len() {
                continue;
            }
            for p in PATS {
                for from in [0, 1, 3, 7] {
                    for to in [l.len(), l.len() / 2, l.len().saturating_sub(2)] {
                        let want = l.get(from..to).and_then(|x| x.find(p));
                        assert_eq!(f.find_in(from, to, p), want, "{s:?} {p}");
                        let want = l.get(from..to).and_then(|x| x.rfind(p));
                        assert_eq!(f.rfind_in(from, to, p), want, "{s:?} {p}");
                    }
                    let want = l.get(from..).is_some_and(|x| x.starts_with(p));
                    assert_eq!(f.starts_with_at(from, p), want, "{s:?} {p}");
                }
            }
        }
    }
}
