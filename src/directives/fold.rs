//! Allocation-free helpers of the directives extractor: words lower-cased
//! into a stack buffer for table lookups. The byte-level walks over the
//! text are in [`crate::text`].

use crate::text::{word_start, TableSet};

/// Capacity of a [`Lower`] buffer. Every word the grammar compares against
/// (table words, syllable pairs, "nhiệm", "kỳ") is far shorter.
const CAP: usize = 40;

/// A word (or a few words) lower-cased into a stack buffer, for comparing
/// with the lower-case word tables without allocating a `String`.
///
/// Lower-casing is `char::to_lowercase` char by char, which is what
/// `str::to_lowercase` does apart from the Greek final sigma (no table word
/// holds a sigma). Text that does not fit reads as the empty string, which
/// equals no table word and no word the grammar compares with; only
/// comparisons are made with it, nothing is output.
#[derive(Clone, Copy)]
pub struct Lower {
    buf: [u8; CAP],
    len: u8,
    overflow: bool,
}

impl Default for Lower {
    fn default() -> Self {
        Lower {
            buf: [0; CAP],
            len: 0,
            overflow: false,
        }
    }
}

impl Lower {
    /// `w` lower-cased.
    #[inline]
    pub fn new(w: &str) -> Lower {
        let mut l = Lower::default();
        l.push_str(w);
        l
    }

    /// Appends `w` lower-cased.
    #[inline]
    pub fn push_str(&mut self, w: &str) {
        if self.overflow {
            return;
        }
        let mut n = self.len as usize;
        if w.is_ascii() {
            if n + w.len() > CAP {
                self.overflow = true;
                return;
            }
            for (d, &c) in self.buf[n..n + w.len()].iter_mut().zip(w.as_bytes()) {
                *d = c.to_ascii_lowercase();
            }
            self.len = (n + w.len()) as u8;
            return;
        }
        let b = w.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // The bytes of the Vietnamese letters are lower-cased in place
            // (same length); any other char goes through `char`.
            let c = b[i];
            let fast: Option<[u8; 3]> = match (c, b.get(i + 1), b.get(i + 2)) {
                (0..=0x7F, _, _) => Some([c.to_ascii_lowercase(), 0, 0]),
                // U+00C0..U+00FF: capitals but × gain 0x20.
                (0xC3, Some(&d), _) => Some([
                    c,
                    if (0x80..=0x9E).contains(&d) && d != 0x97 {
                        d + 0x20
                    } else {
                        d
                    },
                    0,
                ]),
                // Đ đ, Ơ ơ, Ư ư
                (0xC4, Some(&d @ 0x90..=0x91), _) => Some([c, d | 1, 0]),
                (0xC6, Some(&d @ 0xA0..=0xA1), _) => Some([c, d | 1, 0]),
                (0xC6, Some(&0xAF | &0xB0), _) => Some([c, 0xB0, 0]),
                // U+1EA0..U+1EFF: capitals are even.
                (0xE1, Some(&0xBA), Some(&d)) if d >= 0xA0 => Some([c, 0xBA, d | 1]),
                (0xE1, Some(&0xBB), Some(&d)) => Some([c, 0xBB, d | 1]),
                _ => None,
            };
            match fast {
                Some(l) => {
                    let len = utf8_len(c);
                    if n + len > CAP {
                        self.overflow = true;
                        return;
                    }
                    self.buf[n..n + len].copy_from_slice(&l[..len]);
                    n += len;
                    i += len;
                }
                None => {
                    let ch = w[i..].chars().next().unwrap_or(' ');
                    for l in ch.to_lowercase() {
                        if !self.put(&mut n, l) {
                            return;
                        }
                    }
                    i += ch.len_utf8();
                }
            }
        }
        self.len = n as u8;
    }

    /// Writes `l` at `*n`; false (and marks the overflow) when it does not
    /// fit.
    #[inline]
    fn put(&mut self, n: &mut usize, l: char) -> bool {
        if *n + l.len_utf8() > CAP {
            self.overflow = true;
            return false;
        }
        l.encode_utf8(&mut self.buf[*n..]);
        *n += l.len_utf8();
        true
    }

    /// Appends one ASCII byte.
    #[inline]
    pub fn push_byte(&mut self, b: u8) {
        debug_assert!(b.is_ascii());
        if self.overflow || self.len as usize >= CAP {
            self.overflow = true;
            return;
        }
        self.buf[self.len as usize] = b;
        self.len += 1;
    }

    /// The lower-cased text as bytes (empty when it did not fit): compared
    /// as bytes, which orders like `str`, with no UTF-8 check.
    #[inline]
    pub fn bytes(&self) -> &[u8] {
        if self.overflow {
            return &[];
        }
        &self.buf[..self.len as usize]
    }

    /// True when the text is `w`.
    #[inline]
    pub fn is(&self, w: &str) -> bool {
        self.bytes() == w.as_bytes()
    }

    /// True when the text is one of `words`.
    #[inline]
    pub fn is_one_of(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.is(w))
    }

    /// True when the text is in `set`.
    #[inline]
    pub fn in_set(&self, set: &TableSet<&'static [u8]>) -> bool {
        set.contains(self.bytes())
    }
}

impl PartialEq<str> for Lower {
    fn eq(&self, other: &str) -> bool {
        self.is(other)
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.is(other)
    }
}

/// The length of the UTF-8 sequence that the lead byte `c` starts.
#[inline]
fn utf8_len(c: u8) -> usize {
    match c {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// `c` lower-cased when that is settled without the general Unicode
/// tables: ASCII and the Vietnamese letters (same result as
/// `char::to_lowercase`).
#[inline]
fn quick_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A => u + 0x20,
        0..=0x7F => u,
        // Latin-1 capitals but ×.
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        // Đ, Ơ, Ư
        0x110 | 0x1A0 | 0x1AF => u + 1,
        // Vietnamese block of Latin Extended Additional: capitals are even.
        0x1EA0..=0x1EF9 if u % 2 == 0 => u + 1,
        // Lower-case Vietnamese letters stay.
        0xE0..=0xFF | 0x111 | 0x1A1 | 0x1B0 | 0x1EA1..=0x1EF9 if u != 0xF7 => u,
        _ => return None,
    };
    char::from_u32(l)
}

/// `w.to_lowercase()`, with the Vietnamese letters settled without the
/// general Unicode tables.
pub fn to_lower_string(w: &str) -> String {
    // Σ is CE A3 in UTF-8.
    if w.as_bytes().contains(&0xCE) && w.contains('Σ') {
        // The final sigma depends on its context.
        return w.to_lowercase();
    }
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match quick_lower(c) {
            Some(l) => out.push(l),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// True when `w` lower-cased is `target`.
#[inline]
pub fn eq_lower(w: &str, target: &str) -> bool {
    if w.is_ascii() {
        return w.len() == target.len()
            && w.bytes().map(|c| c.to_ascii_lowercase()).eq(target.bytes());
    }
    Lower::new(w).is(target)
}

/// True when a word char ends right before `pos` (not
/// `text::boundary_before`).
#[inline]
pub fn word_before(s: &str, pos: usize) -> bool {
    pos > 0 && word_start(s, pos) < pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_agrees_with_str_to_lowercase() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            if matches!(c, 'Σ') {
                continue;
            }
            let w: String = [c, 'A', c].iter().collect();
            let want = w.to_lowercase();
            if want.len() <= CAP {
                assert_eq!(
                    Lower::new(&w).bytes(),
                    want.as_bytes(),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(Lower::new("ĐẠI HỘI").is("đại hội"));
        assert!(Lower::new(&"Ả".repeat(20)).bytes().is_empty());
        assert!(eq_lower("Kỳ", "kỳ"));
        let all: String = (0u32..0x2000).filter_map(char::from_u32).collect();
        for t in [&all[..], "ΣΑΣ ΟΔΟΣ.", "Nghị quyết ĐẠI HỘI XIII"] {
            assert_eq!(to_lower_string(t), t.to_lowercase());
        }
        assert!(eq_lower("NQ", "nq"));
        assert!(!eq_lower("NQX", "nq"));
    }
}
