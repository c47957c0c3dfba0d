//! The head-word scan: finds "hội nghị", "đại hội", "kỳ họp", "phiên họp",
//! "hội thảo", "tọa đàm", "làm việc", "kỷ niệm", "bầu cử" and "lễ" in any
//! letter case, with one or more spaces between the syllables.
//!
//! It gives exactly the matches of the case-insensitive regex
//! `(?i)hội +nghị|đại +hội|k[ỳì] +họp|phiên +họp|hội +thảo|tọa +đàm|làm +việc|kỷ +niệm|bầu +cử|lễ`
//! (leftmost-first, non-overlapping) without its cost on Vietnamese text:
//! one pass over the bytes stops only where a possible first letter (h, đ,
//! k, p, t, l, b in either case, and the Kelvin sign that folds to k) meets
//! possible next bytes (four table lookups), and compares the few bytes
//! that follow.

use super::Head;

/// One element of a head pattern: a letter in either case, or a run of
/// spaces.
enum El {
    /// The UTF-8 forms a letter may take (lower case, upper case, and the
    /// Kelvin sign for "k").
    Letter(&'static [&'static [u8]]),
    /// One or more ASCII spaces.
    Spaces,
}

macro_rules! letter {
    ($($s:literal),+) => {
        El::Letter(&[$($s.as_bytes()),+])
    };
}

const SP: El = El::Spaces;

/// What may follow a first letter, by first letter: the rest of each
/// pattern in the regex's order (at most one can match at any position).
type Rests = &'static [(&'static [El], Head)];

const AFTER_H: Rests = &[
    (
        &[
            letter!("ộ", "Ộ"),
            letter!("i", "I"),
            SP,
            letter!("n", "N"),
            letter!("g", "G"),
            letter!("h", "H"),
            letter!("ị", "Ị"),
        ],
        Head::HoiNghi,
    ),
    (
        &[
            letter!("ộ", "Ộ"),
            letter!("i", "I"),
            SP,
            letter!("t", "T"),
            letter!("h", "H"),
            letter!("ả", "Ả"),
            letter!("o", "O"),
        ],
        Head::HoiThao,
    ),
];

const AFTER_D: Rests = &[(
    &[
        letter!("ạ", "Ạ"),
        letter!("i", "I"),
        SP,
        letter!("h", "H"),
        letter!("ộ", "Ộ"),
        letter!("i", "I"),
    ],
    Head::DaiHoi,
)];

const AFTER_K: Rests = &[
    (
        &[
            letter!("ỳ", "Ỳ", "ì", "Ì"),
            SP,
            letter!("h", "H"),
            letter!("ọ", "Ọ"),
            letter!("p", "P"),
        ],
        Head::KyHop,
    ),
    (
        &[
            letter!("ỷ", "Ỷ"),
            SP,
            letter!("n", "N"),
            letter!("i", "I"),
            letter!("ệ", "Ệ"),
            letter!("m", "M"),
        ],
        Head::KyNiem,
    ),
];

const AFTER_P: Rests = &[(
    &[
        letter!("h", "H"),
        letter!("i", "I"),
        letter!("ê", "Ê"),
        letter!("n", "N"),
        SP,
        letter!("h", "H"),
        letter!("ọ", "Ọ"),
        letter!("p", "P"),
    ],
    Head::PhienHop,
)];

const AFTER_T: Rests = &[(
    &[
        letter!("ọ", "Ọ"),
        letter!("a", "A"),
        SP,
        letter!("đ", "Đ"),
        letter!("à", "À"),
        letter!("m", "M"),
    ],
    Head::ToaDam,
)];

const AFTER_L: Rests = &[
    (
        &[
            letter!("à", "À"),
            letter!("m", "M"),
            SP,
            letter!("v", "V"),
            letter!("i", "I"),
            letter!("ệ", "Ệ"),
            letter!("c", "C"),
        ],
        Head::LamViec,
    ),
    (&[letter!("ễ", "Ễ")], Head::Le),
];

const AFTER_B: Rests = &[(
    &[
        letter!("ầ", "Ầ"),
        letter!("u", "U"),
        SP,
        letter!("c", "C"),
        letter!("ử", "Ử"),
    ],
    Head::BauCu,
)];

/// True when `f` is at byte `i` of `b` (short forms: no `memcmp`).
#[inline(always)]
fn at(b: &[u8], i: usize, f: &[u8]) -> bool {
    if i + f.len() > b.len() {
        return false;
    }
    let mut k = 0;
    while k < f.len() {
        if b[i + k] != f[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// The end of `pat` matched from byte `i` of `b`, if it matches there.
#[inline]
fn match_at(b: &[u8], mut i: usize, pat: &[El]) -> Option<usize> {
    for el in pat {
        match el {
            El::Letter(forms) => {
                let f = forms.iter().find(|f| at(b, i, f))?;
                i += f.len();
            }
            El::Spaces => {
                let n = b[i.min(b.len())..]
                    .iter()
                    .take_while(|&&x| x == b' ')
                    .count();
                if n == 0 {
                    return None;
                }
                i += n;
            }
        }
    }
    Some(i)
}

/// True when the first two letters at byte `i` of `b` may start a head
/// word: "hộ", "đạ", "kỳ"/"kì"/"kỷ", "ph", "tọ", "là"/"lễ", "bầ" in either
/// case (a cheap test before the patterns).
#[inline]
fn two_letters(b: &[u8], i: usize) -> bool {
    let x = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match x(0) {
        b'h' | b'H' => x(1) == 0xE1 && x(2) == 0xBB && x(3) & !1 == 0x98,
        b'k' | b'K' => {
            (x(1) == 0xE1 && x(2) == 0xBB && matches!(x(3), 0xB2 | 0xB3 | 0xB6 | 0xB7))
                || (x(1) == 0xC3 && matches!(x(2), 0xAC | 0x8C))
        }
        b't' | b'T' => x(1) == 0xE1 && x(2) == 0xBB && x(3) & !1 == 0x8C,
        b'l' | b'L' => {
            (x(1) == 0xC3 && matches!(x(2), 0xA0 | 0x80))
                || (x(1) == 0xE1 && x(2) == 0xBB && x(3) & !1 == 0x84)
        }
        b'b' | b'B' => x(1) == 0xE1 && x(2) == 0xBA && x(3) & !1 == 0xA6,
        b'p' | b'P' => matches!(x(1), b'h' | b'H'),
        0xC4 => matches!(x(1), 0x90 | 0x91) && x(2) == 0xE1 && x(3) == 0xBA && x(4) & !1 == 0xA0,
        0xE2 => x(1) == 0x84 && x(2) == 0xAA,
        _ => false,
    }
}

/// The head word starting at byte `i` of `b`: its end and kind.
#[inline]
fn head_at(b: &[u8], i: usize) -> Option<(usize, Head)> {
    if !two_letters(b, i) {
        return None;
    }
    let (first_len, rests) = match b[i] {
        b'h' | b'H' => (1, AFTER_H),
        b'k' | b'K' => (1, AFTER_K),
        b'p' | b'P' => (1, AFTER_P),
        b't' | b'T' => (1, AFTER_T),
        b'l' | b'L' => (1, AFTER_L),
        b'b' | b'B' => (1, AFTER_B),
        // "đ" / "Đ".
        0xC4 => (2, AFTER_D),
        // The Kelvin sign, which folds to "k".
        0xE2 => (3, AFTER_K),
        _ => return None,
    };
    let j = i + first_len;
    rests
        .iter()
        .find_map(|(p, h)| match_at(b, j, p).map(|e| (e, *h)))
}

/// A cheap filter over the first four bytes: a head word can start at `i`
/// only when `FIRST[b[i]] & NEXT[b[i + 1]] & THIRD[b[i + 2]] &
/// FOURTH[b[i + 3]] != 0`. Each bit stands for one first letter and the
/// bytes that may follow it:
///
/// - 1 "h": E1 BB 98/99 ("ộ");
/// - 2 "k": E1 BB B2/B3/B6/B7 ("ỳ", "ỷ") or C3 AC/8C ("ì") and a space;
/// - 4 "t": E1 BB 8C/8D ("ọ");
/// - 8 "l": C3 A0/80 ("à") and "m", or E1 BB 84/85 ("ễ");
/// - 16 "b": E1 BA A6/A7 ("ầ"); 32 "p": h i and the lead byte of "ê";
/// - 64 "đ" (C4 90/91): E1 BA ("ạ"); 128 the Kelvin sign (E2 84 AA) and
///   the lead byte of "ỳ", "ỷ" or "ì".
static FIRST: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'h' as usize] = 1;
    t[b'H' as usize] = 1;
    t[b'k' as usize] = 2;
    t[b'K' as usize] = 2;
    t[b't' as usize] = 4;
    t[b'T' as usize] = 4;
    t[b'l' as usize] = 8;
    t[b'L' as usize] = 8;
    t[b'b' as usize] = 16;
    t[b'B' as usize] = 16;
    t[b'p' as usize] = 32;
    t[b'P' as usize] = 32;
    t[0xC4] = 64;
    t[0xE2] = 128;
    t
};

/// See [`FIRST`].
static NEXT: [u8; 256] = {
    let mut t = [0u8; 256];
    t[0xE1] = 1 | 2 | 4 | 8 | 16;
    t[0xC3] = 2 | 8;
    t[b'h' as usize] = 32;
    t[b'H' as usize] = 32;
    t[0x90] = 64;
    t[0x91] = 64;
    t[0x84] = 128;
    t
};

/// See [`FIRST`].
static THIRD: [u8; 256] = {
    let mut t = [0u8; 256];
    t[0xBB] = 1 | 2 | 4 | 8;
    t[0xBA] = 16;
    t[0xAC] = 2;
    t[0x8C] = 2;
    t[0xA0] = 8;
    t[0x80] = 8;
    t[b'i' as usize] = 32;
    t[b'I' as usize] = 32;
    t[0xE1] = 64;
    t[0xAA] = 128;
    t
};

/// See [`FIRST`].
static FOURTH: [u8; 256] = {
    let mut t = [0u8; 256];
    t[0x98] = 1;
    t[0x99] = 1;
    t[0xB2] = 2;
    t[0xB3] = 2;
    t[0xB6] = 2;
    t[0xB7] = 2;
    t[b' ' as usize] = 2;
    t[0x8C] = 4;
    t[0x8D] = 4;
    t[b'm' as usize] = 8;
    t[b'M' as usize] = 8;
    t[0x84] = 8;
    t[0x85] = 8;
    t[0xA6] = 16;
    t[0xA7] = 16;
    t[0xC3] = 32 | 128;
    t[0xBA] = 64;
    t[0xE1] = 128;
    t
};

#[inline(always)]
fn maybe_head(w: &[u8]) -> bool {
    w.len() >= 4
        && FIRST[w[0] as usize] & NEXT[w[1] as usize] & THIRD[w[2] as usize] & FOURTH[w[3] as usize]
            != 0
}

/// The head matches of a text, in order: `(start, end, head)`.
pub(super) struct Heads<'s> {
    b: &'s [u8],
    i: usize,
}

/// Every head match in `s`.
pub(super) fn heads(s: &str) -> Heads<'_> {
    Heads {
        b: s.as_bytes(),
        i: 0,
    }
}

impl Iterator for Heads<'_> {
    type Item = (usize, usize, Head);

    fn next(&mut self) -> Option<Self::Item> {
        let b = self.b;
        let mut i = self.i;
        // Eight positions at a time: one branch for all of them.
        while let Some(w) = b.get(i..i + 11).and_then(|w| <&[u8; 11]>::try_from(w).ok()) {
            let mut m = 0;
            for k in 0..8 {
                m |= FIRST[w[k] as usize]
                    & NEXT[w[k + 1] as usize]
                    & THIRD[w[k + 2] as usize]
                    & FOURTH[w[k + 3] as usize];
            }
            if m != 0 {
                for k in 0..8 {
                    if maybe_head(&w[k..]) {
                        if let Some((e, h)) = head_at(b, i + k) {
                            self.i = e;
                            return Some((i + k, e, h));
                        }
                    }
                }
            }
            i += 8;
        }
        while i + 3 < b.len() {
            if maybe_head(&b[i..]) {
                if let Some((e, h)) = head_at(b, i) {
                    self.i = e;
                    return Some((i, e, h));
                }
            }
            i += 1;
        }
        self.i = b.len();
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
