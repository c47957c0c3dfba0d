//! Char and byte classes with fast paths for Vietnamese text: the
//! grammar asks them of nearly every char around an anchor, and the std
//! versions go through the Unicode tables for every non-ASCII char.
//! Each agrees with its std counterpart (tests over U+0000..U+1FFF, which
//! holds every fast path).

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

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// 0x80 in each byte of `x` equal to `k`.
#[inline]
fn bytes_eq(x: u64, k: u8) -> u64 {
    let v = x ^ (u64::from(k) * LO);
    !(((v & !HI) + !HI) | v | !HI)
}

/// Where a capitalised word that begins with one of the bytes `firsts` may
/// start in `t`, in order: an ASCII capital or a byte from 0xC3 up, at the
/// start or right after ASCII white space or punctuation. Eight bytes at a
/// time.
pub(super) fn capital_starts(t: &str, firsts: &[u8]) -> Vec<usize> {
    let b = t.as_bytes();
    let mut out = Vec::new();
    let at = |j: usize, out: &mut Vec<usize>| {
        let c = b[j];
        let cap = (c.wrapping_sub(b'A') < 26) | (c >= 0xC3);
        let after = j.checked_sub(1).is_none_or(|p| WS_PUNCT[usize::from(b[p])]);
        if cap & after && firsts.contains(&c) {
            out.push(j);
        }
    };
    let mut i = 0;
    if firsts.len() <= 8 {
        while i + 8 <= b.len() {
            let mut x = [0u8; 8];
            x.copy_from_slice(&b[i..i + 8]);
            let x = u64::from_le_bytes(x);
            let mut m = firsts.iter().fold(0, |m, &f| m | bytes_eq(x, f));
            while m != 0 {
                at(i + (m.trailing_zeros() / 8) as usize, &mut out);
                m &= m - 1;
            }
            i += 8;
        }
    }
    for j in i..b.len() {
        at(j, &mut out);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn bytes_eq_agrees_with_bytes() {
        for v in 0..=255u8 {
            for k in [0u8, b'N', 0x80, 0xC4, 0xFF] {
                for pos in 0..8 {
                    let mut x = [k ^ 1; 8];
                    x[pos] = v;
                    let m = bytes_eq(u64::from_le_bytes(x), k);
                    let want: u64 = (0..8)
                        .filter(|&i| x[i] == k)
                        .map(|i| 0x80u64 << (8 * i))
                        .sum();
                    assert_eq!(m, want, "{v:#x} {k:#x} {pos}");
                }
            }
        }
    }

    #[test]
    fn capital_starts_as_a_byte_loop() {
        let mut texts = vec![
            String::new(),
            "A".into(),
            "xA".into(),
            " Ông (Bà) x.Y;Z\tĐ\n\u{a0}Ê Nguyễn-Nam".into(),
        ];
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds")).unwrap()
        {
            let s = std::fs::read_to_string(e.unwrap().path()).unwrap();
            texts.push(s.to_uppercase());
            texts.push(s);
        }
        let all: Vec<u8> = (0..=255).collect();
        for firsts in [
            &b"N"[..],
            &b"NTLP"[..],
            &[b'N', 0xC4, 0xC3, b'H', b'V', b'T', b'L', 0xE1],
            &all[..],
        ] {
            for t in &texts {
                for pad in 0..9 {
                    let t = format!("{}{t}", ".".repeat(pad));
                    let b = t.as_bytes();
                    let want: Vec<usize> = (0..b.len())
                        .filter(|&s| {
                            (b[s].is_ascii_uppercase() || b[s] >= 0xC3)
                                && (s == 0
                                    || b[s - 1].is_ascii_whitespace()
                                    || b[s - 1].is_ascii_punctuation())
                                && firsts.contains(&b[s])
                        })
                        .collect();
                    assert_eq!(capital_starts(&t, firsts), want);
                }
            }
        }
    }
}
