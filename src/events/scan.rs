//! The head-word scan: finds "hội nghị", "đại hội", "kỳ họp", "phiên họp",
//! "hội thảo", "tọa đàm", "làm việc", "kỷ niệm", "bầu cử" and "lễ" in any
//! letter case, with one or more spaces between the syllables.
//!
//! It gives exactly the matches of the case-insensitive regex
//! `(?i)hội +nghị|đại +hội|k[ỳì] +họp|phiên +họp|hội +thảo|tọa +đàm|làm +việc|kỷ +niệm|bầu +cử|lễ`
//! (leftmost-first, non-overlapping) without its cost on Vietnamese text:
//! sixteen bytes at a time are tested (with comparisons the compiler turns
//! into vector instructions) for an *anchor*, the last byte of the vowel
//! after a head's first letter ("ộ" of "hội", "ì" of "kì") or the lead byte
//! of "đ"; only there are the letter before and the bytes after compared.

use super::Head;

/// The bytes of a head after its first letter, in lower case, with the
/// case bits of each byte (see [`case_bits`]); a space stands for one or
/// more spaces.
struct Rest {
    lower: &'static [u8],
    bits: &'static [u8],
    head: Head,
}

/// The bits in which the upper and lower case forms of each byte of
/// `lower` differ: 0x20 for ASCII letters and the second byte of "à", "ì",
/// "ê" (C3 A0 / C3 80), 1 for the last byte of "đ" (C4 91 / C4 90) and of
/// the letters of Latin Extended Additional ("ộ" E1 BB 99 / "Ộ" E1 BB 98).
/// A byte `x` of the text matches when `x | bit == lower`.
const fn case_bits<const N: usize>(lower: &[u8; N]) -> [u8; N] {
    let mut bits = [0u8; N];
    let mut i = 0;
    while i < N {
        let x = lower[i];
        if x.is_ascii_lowercase() {
            bits[i] = 0x20;
            i += 1;
        } else if x < 0x80 {
            i += 1;
        } else if x == 0xC3 {
            bits[i + 1] = 0x20;
            i += 2;
        } else if x == 0xC4 {
            bits[i + 1] = 1;
            i += 2;
        } else {
            // E1 xx yy.
            bits[i + 2] = 1;
            i += 3;
        }
    }
    bits
}

macro_rules! rest {
    ($s:literal, $h:expr) => {{
        const L: [u8; $s.len()] = {
            let mut a = [0u8; $s.len()];
            let b = $s.as_bytes();
            let mut i = 0;
            while i < b.len() {
                a[i] = b[i];
                i += 1;
            }
            a
        };
        const B: [u8; $s.len()] = case_bits(&L);
        Rest {
            lower: &L,
            bits: &B,
            head: $h,
        }
    }};
}

/// What may follow each first letter, in the regex's order (at most one
/// can match at any position).
const AFTER_H: &[Rest] = &[
    rest!("ội nghị", Head::HoiNghi),
    rest!("ội thảo", Head::HoiThao),
];
const AFTER_D: &[Rest] = &[rest!("ại hội", Head::DaiHoi)];
const AFTER_K: &[Rest] = &[
    rest!("ỳ họp", Head::KyHop),
    rest!("ì họp", Head::KyHop),
    rest!("ỷ niệm", Head::KyNiem),
];
const AFTER_P: &[Rest] = &[rest!("hiên họp", Head::PhienHop)];
const AFTER_T: &[Rest] = &[rest!("ọa đàm", Head::ToaDam)];
const AFTER_L: &[Rest] = &[rest!("àm việc", Head::LamViec), rest!("ễ", Head::Le)];
const AFTER_B: &[Rest] = &[rest!("ầu cử", Head::BauCu)];

/// The end of `r` matched from byte `i` of `b`, if it matches there.
#[inline]
fn match_rest(b: &[u8], mut i: usize, r: &Rest) -> Option<usize> {
    for (&l, &m) in r.lower.iter().zip(r.bits) {
        if l == b' ' {
            if b.get(i) != Some(&b' ') {
                return None;
            }
            while b.get(i) == Some(&b' ') {
                i += 1;
            }
        } else {
            if b.get(i).map(|&x| x | m) != Some(l) {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

/// The head word starting at byte `i` of `b`: its end and kind.
fn head_at(b: &[u8], i: usize) -> Option<(usize, Head)> {
    let (first_len, rests) = match b[i] {
        b'h' | b'H' => (1, AFTER_H),
        b'k' | b'K' => (1, AFTER_K),
        b'p' | b'P' => (1, AFTER_P),
        b't' | b'T' => (1, AFTER_T),
        b'l' | b'L' => (1, AFTER_L),
        b'b' | b'B' => (1, AFTER_B),
        // "đ" / "Đ".
        0xC4 if b.get(i + 1).is_some_and(|&x| x | 1 == 0x91) => (2, AFTER_D),
        // The Kelvin sign, which folds to "k".
        0xE2 if b.get(i + 1..i + 3) == Some(&[0x84, 0xAA]) => (3, AFTER_K),
        _ => return None,
    };
    let j = i + first_len;
    rests
        .iter()
        .find_map(|r| match_rest(b, j, r).map(|e| (e, r.head)))
}

/// True when byte `y` may be the anchor of a head word: the last byte of
/// the vowel that follows its first letter, or the lead byte of "đ".
///
/// - E1 BB 98/99 "ộ", E1 BB B2/B3 "ỳ", E1 BB B6/B7 "ỷ", E1 BB 8C/8D "ọ",
///   E1 BB 84/85 "ễ", E1 BA A6/A7 "ầ": the letter starts 3 bytes before
///   (5 for the Kelvin sign E2 84 AA);
/// - C3 AC/8C "ì", C3 A0/80 "à": the letter starts 2 bytes before (4 for
///   the Kelvin sign); C3 AA/8A "ê" of "phiên": 4 bytes before;
/// - C4 (the lead byte of "đ"/"Đ"): the head starts there.
///
/// Written with comparisons only so that the compiler tests 16 bytes at a
/// time with vector instructions; [`quick`] then drops most of the anchors
/// that are not preceded by the right bytes.
#[inline(always)]
fn anchor(y: u8) -> bool {
    ((y & 0xF6) == 0x84)
        | ((y & 0xFA) == 0xB2)
        | ((y & 0xFE) == 0x98)
        | ((y & 0xFE) == 0xA6)
        | ((y & 0xDF) == 0x8C)
        | ((y & 0xDF) == 0x80)
        | ((y & 0xDF) == 0x8A)
        | (y == 0xC4)
}

/// The anchors among the bytes of a block, as a mask with bit 0 of each
/// anchor byte set.
#[inline(always)]
fn anchors16(w: &[u8; 16]) -> u128 {
    let mut f = [0u8; 16];
    for k in 0..16 {
        f[k] = u8::from(anchor(w[k]));
    }
    u128::from_le_bytes(f)
}

/// The first letter (lower case) a vowel ending in byte `y` follows in a
/// head word, by the vowel's lead bytes: E1 BB, E1 BA, C3 ("i" for the "ê"
/// of "phiên", the letter before it); 0 for none.
static LETTER_BB: [u8; 256] = letters(&[
    (0x98, b'h'),
    (0xB2, b'k'),
    (0xB6, b'k'),
    (0x8C, b't'),
    (0x84, b'l'),
]);
static LETTER_BA: [u8; 256] = letters(&[(0xA6, b'b')]);
static LETTER_C3: [u8; 256] = letters(&[
    (0x8C, b'k'),
    (0xAC, b'k'),
    (0x80, b'l'),
    (0xA0, b'l'),
    (0x8A, b'i'),
    (0xAA, b'i'),
]);

/// A table of [`LETTER_BB`] and the like: each byte given and the byte
/// with bit 0 set.
const fn letters(pairs: &[(u8, u8)]) -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < pairs.len() {
        let (y, l) = pairs[i];
        t[y as usize] = l;
        t[(y | 1) as usize] = l;
        i += 1;
    }
    t
}

/// A cheap test at anchor `q` before [`head_around`]: "đ" must be followed
/// by "ạ", and the vowel must follow its lead bytes and the letter it
/// takes (or the last byte of the Kelvin sign).
#[inline(always)]
fn quick(b: &[u8], q: usize) -> bool {
    let get = |i: usize| b.get(i).copied().unwrap_or(0);
    let y = b[q];
    if y == 0xC4 {
        return get(q + 3) == 0xBA && get(q + 4) & 0xFE == 0xA0;
    }
    if q < 3 {
        return q == 2 && b[1] == 0xC3 && LETTER_C3[y as usize] != 0;
    }
    let (l, before) = match b[q - 1] {
        0xC3 => (LETTER_C3[y as usize], b[q - 2]),
        0xBB => (LETTER_BB[y as usize], b[q - 3]),
        0xBA => (LETTER_BA[y as usize], b[q - 3]),
        _ => return false,
    };
    l != 0 && (before | 0x20 == l || before == 0xAA)
}

/// Where the letter `l` (lower case, ASCII) ends right before byte `p` of
/// `b`, in either case, and for "k" also as the Kelvin sign: its start.
#[inline(always)]
fn letter_before(b: &[u8], p: usize, l: u8) -> Option<usize> {
    let s = p.checked_sub(1)?;
    if b[s] | 0x20 == l {
        return Some(s);
    }
    let s = p.checked_sub(3)?;
    (l == b'k' && b[s..p] == [0xE2, 0x84, 0xAA]).then_some(s)
}

/// The head word whose anchor (see [`anchor`]) is byte `q` of `b` and that
/// starts at or after `from`: its start, end and kind. The first letter and
/// vowel are checked here; [`head_at`] reads the rest.
#[inline]
fn head_around(b: &[u8], q: usize, from: usize) -> Option<(usize, usize, Head)> {
    let get = |i: usize| b.get(i).copied().unwrap_or(0);
    let y = b[q];
    let s = if y == 0xC4 {
        // "đạ" / "Đạ" / "ĐẠ".
        let ok = get(q + 1) & 0xFE == 0x90
            && get(q + 2) == 0xE1
            && get(q + 3) == 0xBA
            && get(q + 4) & 0xFE == 0xA0;
        if !ok {
            return None;
        }
        q
    } else {
        let lead = get(q.checked_sub(1)?);
        if lead == 0xC3 {
            let p = q - 1;
            match y & 0xDF {
                // "kì", "là".
                0x8C => letter_before(b, p, b'k')?,
                0x80 => letter_before(b, p, b'l')?,
                // "phiê".
                0x8A => {
                    let s = p.checked_sub(3)?;
                    let ok =
                        b[s] | 0x20 == b'p' && b[s + 1] | 0x20 == b'h' && b[s + 2] | 0x20 == b'i';
                    if !ok {
                        return None;
                    }
                    s
                }
                _ => return None,
            }
        } else {
            let p = q.checked_sub(2)?;
            if b[p] != 0xE1 {
                return None;
            }
            let l = match (lead, y & 0xFE) {
                (0xBB, 0x98) => b'h',
                (0xBB, 0xB2 | 0xB6) => b'k',
                (0xBB, 0x8C) => b't',
                (0xBB, 0x84) => b'l',
                (0xBA, 0xA6) => b'b',
                _ => return None,
            };
            letter_before(b, p, l)?
        }
    };
    if s < from {
        return None;
    }
    head_at(b, s).map(|(e, h)| (s, e, h))
}

/// The head matches of a text, in order: `(start, end, head)`.
pub(super) struct Heads<'s> {
    b: &'s [u8],
    /// Where the next match may start.
    i: usize,
    /// The next byte to test as an anchor.
    q: usize,
    /// Anchors of the block at `q - 16` not yet tried (see [`anchors16`]).
    pending: u128,
}

/// Every head match in `s`.
pub(super) fn heads(s: &str) -> Heads<'_> {
    Heads {
        b: s.as_bytes(),
        i: 0,
        q: 0,
        pending: 0,
    }
}

impl Iterator for Heads<'_> {
    type Item = (usize, usize, Head);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.b;
        let mut pending = self.pending;
        let mut q0 = self.q;
        loop {
            // The anchors left in the last block.
            while pending != 0 {
                let k = pending.trailing_zeros() as usize / 8;
                pending &= pending - 1;
                let q = q0 - 16 + k;
                if q < self.i || !quick(b, q) {
                    continue;
                }
                if let Some((s, e, h)) = head_around(b, q, self.i) {
                    self.i = e;
                    self.pending = pending;
                    self.q = q0;
                    return Some((s, e, h));
                }
            }
            // Sixteen bytes at a time, the last ones one by one below.
            let Some(w) = b
                .get(q0..q0 + 16)
                .and_then(|w| <&[u8; 16]>::try_from(w).ok())
            else {
                break;
            };
            pending = anchors16(w);
            q0 += 16;
        }
        self.pending = 0;
        self.q = q0;
        while self.q < b.len() {
            let q = self.q;
            self.q += 1;
            if q >= self.i && anchor(b[q]) && quick(b, q) {
                if let Some((s, e, h)) = head_around(b, q, self.i) {
                    self.i = e;
                    return Some((s, e, h));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The regex the scan replaces.
    fn reference(s: &str) -> Vec<(usize, usize)> {
        let re = Regex::new(
            r"(?i)hội +nghị|đại +hội|k[ỳì] +họp|phiên +họp|hội +thảo|tọa +đàm|làm +việc|kỷ +niệm|bầu +cử|lễ",
        )
        .unwrap();
        re.find_iter(s).map(|m| (m.start(), m.end())).collect()
    }

    fn scan(s: &str) -> Vec<(usize, usize)> {
        heads(s).map(|(a, b, _)| (a, b)).collect()
    }

    #[test]
    fn same_matches_as_the_regex() {
        let parts = [
            "hội",
            "Hội",
            "HỘI",
            "hỘi",
            "nghị",
            "NGHỊ",
            "Nghị",
            "thảo",
            "THẢO",
            "đại",
            "ĐẠI",
            "Đại",
            "kỳ",
            "KỲ",
            "kì",
            "Kì",
            "\u{212A}ỳ",
            "kỷ",
            "KỶ",
            "niệm",
            "họp",
            "HỌP",
            "phiên",
            "PHIÊN",
            "tọa",
            "TỌA",
            "đàm",
            "ĐÀM",
            "làm",
            "LÀM",
            "việc",
            "VIỆC",
            "bầu",
            "BẦU",
            "cử",
            "CỬ",
            "lễ",
            "LỄ",
            "Lễ",
            " ",
            "  ",
            "\n",
            "x",
            "ộ",
            "h",
            "l",
            "k",
            ",",
            "đ",
            "Đ",
            "\u{212A}",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..12 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(parts[(x % parts.len() as u64) as usize]);
                if x % 4 == 0 {
                    s.push(' ');
                }
            }
            assert_eq!(scan(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn heads_are_typed() {
        let v: Vec<Head> = heads("Hội  nghị, kì họp, LỄ, tọa đàm")
            .map(|x| x.2)
            .collect();
        assert_eq!(v, [Head::HoiNghi, Head::KyHop, Head::Le, Head::ToaDam]);
    }
}
