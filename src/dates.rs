//! Dates, times and periods: extraction and normalization to the contract's
//! value grammar.
//!
//! The scan is anchored: one fast regex finds digit runs and a handful of
//! keywords ("tháng", "năm", "quý", "hôm", "tuần", …); a small hand-written
//! parser reads the expression forward from each anchor and the cue words
//! ("ngày", "sáng", "thứ Tư,", "trước", "đến hết", …) backward from it.
//! Missing years and months are filled in a second pass, from the article's
//! publication date first, else from the nearest explicit year in the text.

use std::cell::Cell;
use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::doc::{Anchor, Claims, Doc};
use crate::record::{Modifier, Temporal};
use crate::text::{is_word_char, lower_char, word_end, word_start};

/// Digit runs and the keywords that can start a temporal expression.
/// The keywords that can start a temporal expression, in the three casings
/// the press uses: a pure literal set, so the regex runs at memory speed.
/// Digit runs are found by a separate byte scan and merged in order.
static KEYWORDS: Lazy<Regex> = Lazy::new(|| {
    let words = ["tháng", "năm", "quý", "quí", "hôm", "tuần"];
    let mut alts: Vec<String> = Vec::new();
    for w in words {
        alts.push(w.to_string());
        alts.push(crate::text::title_case(w));
        alts.push(w.to_uppercase());
    }
    // "sáng nay", "chiều qua", "ngày mai": anchored on the second word.
    for w in ["nay", "qua", "mai"] {
        alts.push(format!(" {w}"));
        alts.push(format!(" {}", w.to_uppercase()));
    }
    Regex::new(&alts.join("|")).expect("keyword regex")
});

/// The next run of ASCII digits at or after `from`: its start and end.
/// Digits are rare in running text: 32 bytes are tested at a time, with a
/// branch-free test the compiler turns into vector instructions.
pub(crate) fn next_digits(t: &str, from: usize) -> Option<(usize, usize)> {
    let b = t.as_bytes();
    let mut i = from;
    // 32 bytes per step while no digit can be there.
    while let Some(chunk) = b.get(i..i + 32) {
        if chunk
            .iter()
            .fold(0u8, |a, &c| a | u8::from(c.wrapping_sub(b'0') < 10))
            != 0
        {
            break;
        }
        i += 32;
    }
    // Then 8 bytes per step: the first digit lane.
    let s = loop {
        let Some(chunk) = b.get(i..i + 8) else {
            break i + b.get(i..)?.iter().position(u8::is_ascii_digit)?;
        };
        let m = digit_lanes(u64::from_le_bytes(chunk.try_into().ok()?));
        if m != 0 {
            break i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    };
    let e = s + b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
    Some((s, e))
}

/// The high bit of every byte lane of `x` (little-endian) that holds an
/// ASCII digit: its low seven bits lie in 0x30..=0x39 and its high bit is
/// clear.
#[inline]
fn digit_lanes(x: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = x & !HI;
    // No lane carries: y <= 0x7f, so y + 0x50 and y + 0x46 fit a byte.
    let ge0 = y + LO * (0x80 - b'0' as u64);
    let gt9 = y + LO * (0x7f - b'9' as u64);
    ge0 & !gt9 & !x & HI
}

// ---------------------------------------------------------------------------
// Values

/// A calendar point; any part may be missing (filled from context later).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Pt {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
    time: Option<(u32, u32)>,
    /// Zone offset in minutes east of UTC.
    zone: Option<i32>,
}

impl Pt {
    fn ymd(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> Pt {
        Pt {
            y,
            m,
            d,
            ..Pt::default()
        }
    }
}

/// How a year is given next to a period word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    /// Written out.
    Explicit(i32),
    /// "năm nay" (0), "năm ngoái" (-1), "năm tới" (+1): relative to the anchor.
    Rel(i32),
}

/// The value of a candidate before context filling.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Val {
    /// A date, a month, a year, a time.
    Pt(Pt),
    /// Two points ("từ ngày 17 đến ngày 23-8-2020").
    Range(Pt, Pt),
    /// "quý I/2021".
    Quarter(Option<i32>, u32),
    /// "6 tháng đầu năm" (1) / "6 tháng cuối năm" (2).
    Half(Option<i32>, u32),
    /// "10 tháng đầu năm 2020": months m1..m2 of a year.
    Months(Option<i32>, u32, u32),
    /// "nhiệm kỳ 2020-2025".
    Years(i32, i32),
    /// A relative expression: resolved value or none.
    Fixed(Option<String>),
}

/// One expression found, in canonical offsets.
#[derive(Debug, Clone)]
struct Cand {
    start: usize,
    end: usize,
    val: Val,
    modifier: Option<Modifier>,
    /// A relative year reference was resolved against the anchor.
    inferred: bool,
}

// ---------------------------------------------------------------------------
// Word tables (lower-case, canonical, sorted)

/// Parts of the day that may precede a date.
const PARTS_OF_DAY: &[&str] = &[
    "chiều",
    "chiều tối",
    "khuya",
    "rạng sáng",
    "sáng",
    "sáng sớm",
    "trưa",
    "tối",
    "đêm",
];

/// Day words right before a day number.
const DAY_WORDS: &[&str] = &["hôm", "mùng", "mồng", "ngày", "ngày mùng", "ngày mồng"];

/// Weekday names.
const WEEKDAYS: &[&str] = &[
    "chủ nhật",
    "thứ 2",
    "thứ 3",
    "thứ 4",
    "thứ 5",
    "thứ 6",
    "thứ 7",
    "thứ ba",
    "thứ bảy",
    "thứ bẩy",
    "thứ hai",
    "thứ năm",
    "thứ sáu",
    "thứ tư",
];

/// Cue words before an expression and the modifier they carry. Tried
/// longest first (see [`mods_by_len`]).
const MODIFIERS: &[(&str, Option<Modifier>)] = &[
    ("cho đến", Some(Modifier::Until)),
    ("cho đến hết", Some(Modifier::Until)),
    ("hết", Some(Modifier::Until)),
    ("khoảng", Some(Modifier::Approx)),
    ("kể từ", None),
    ("sau", Some(Modifier::After)),
    ("trước", Some(Modifier::Before)),
    ("tính đến", Some(Modifier::Until)),
    ("tính đến hết", Some(Modifier::Until)),
    ("từ", None),
    ("từ nay đến", Some(Modifier::Until)),
    ("từ nay đến hết", Some(Modifier::Until)),
    ("vào khoảng", Some(Modifier::Approx)),
    ("đến", Some(Modifier::Until)),
    ("đến hết", Some(Modifier::Until)),
];

/// "đầu/giữa/cuối" before a month, a year or a quarter.
const EDGES: &[(&str, Modifier)] = &[
    ("cuối", Modifier::End),
    ("giữa", Modifier::Mid),
    ("hạ tuần", Modifier::End),
    ("thượng tuần", Modifier::Start),
    ("trung tuần", Modifier::Mid),
    ("đầu", Modifier::Start),
];

/// Month names after "tháng".
const MONTH_WORDS: &[(&str, u32)] = &[
    ("ba", 3),
    ("bảy", 7),
    ("bẩy", 7),
    ("bốn", 4),
    ("chín", 9),
    ("hai", 2),
    ("mười", 10),
    ("mười hai", 12),
    ("mười một", 11),
    ("một", 1),
    ("năm", 5),
    ("sáu", 6),
    ("tám", 8),
    ("tư", 4),
];

/// Small number words before "tháng" ("sáu tháng đầu năm").
const COUNT_WORDS: &[(&str, u32)] = &[
    ("ba", 3),
    ("bảy", 7),
    ("bốn", 4),
    ("chín", 9),
    ("hai", 2),
    ("mười", 10),
    ("mười hai", 12),
    ("mười một", 11),
    ("sáu", 6),
    ("tám", 8),
];

/// Words before a year span that make it a term or a period.
const SPAN_CUES: &[&str] = &[
    "giai đoạn",
    "khóa",
    "nhiệm kỳ",
    "niên khóa",
    "năm",
    "năm học",
    "thời kỳ",
    "từ năm",
];

/// Words before "năm"/"tháng"/"tuần" that make it a count, not a date.
const PLURALS: &[&str] = &["các", "hàng", "hằng", "mấy", "mỗi", "nhiều", "những"];

// ---------------------------------------------------------------------------
// Low-level cursor helpers (positions are byte offsets in one segment)

#[inline]
fn sp(t: &str, mut p: usize) -> usize {
    let b = t.as_bytes();
    while p < b.len() && (b[p] == b' ' || b[p] == b'\t') {
        p += 1;
    }
    p
}

#[inline]
fn sp_back(t: &str, mut p: usize) -> usize {
    let b = t.as_bytes();
    while p > 0 && (b[p - 1] == b' ' || b[p - 1] == b'\t') {
        p -= 1;
    }
    p
}

#[inline]
fn byte_at(t: &str, p: usize) -> Option<u8> {
    t.as_bytes().get(p).copied()
}

/// `a` equals the lower-case word `k`, ignoring case: byte-wise while the
/// bytes agree or differ by ASCII case, char-wise folding otherwise.
#[inline]
fn eq_ci(a: &str, k: &str) -> bool {
    if a.len() != k.len() {
        return false;
    }
    let (x, y) = (a.as_bytes(), k.as_bytes());
    for i in 0..x.len() {
        if x[i] == y[i] || (x[i] < 0x80 && x[i].to_ascii_lowercase() == y[i]) {
            continue;
        }
        if x[i] < 0x80 && y[i] < 0x80 {
            return false;
        }
        return eq_ci_chars(a, k);
    }
    true
}

/// [`eq_ci`] char by char: `a` lower-cased equals `k`.
fn eq_ci_chars(a: &str, k: &str) -> bool {
    let mut ks = k.chars();
    for c in a.chars() {
        match lower_char(c) {
            Some(l) => {
                if ks.next() != Some(l) {
                    return false;
                }
            }
            None => {
                for l in c.to_lowercase() {
                    if ks.next() != Some(l) {
                        return false;
                    }
                }
            }
        }
    }
    ks.next().is_none()
}

/// A word of the text lower-cased into a small buffer, compared with the
/// lower-case word tables without allocating. `None` when lower-casing
/// changes its byte length or it is too long: no table word can equal it
/// then (see [`eq_ci`], which requires equal lengths).
#[derive(Clone, Copy)]
struct Low {
    buf: [u8; 32],
    len: usize,
}

impl Low {
    fn new(w: &str) -> Option<Low> {
        if w.len() > 32 {
            return None;
        }
        let mut l = Low {
            buf: [0; 32],
            len: 0,
        };
        if w.is_ascii() {
            for (d, s) in l.buf.iter_mut().zip(w.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            l.len = w.len();
            return Some(l);
        }
        for c in w.chars() {
            // A lower case of several chars changes the length.
            let c = lower_char(c)?;
            let n = c.len_utf8();
            if l.len + n > 32 {
                return None;
            }
            c.encode_utf8(&mut l.buf[l.len..]);
            l.len += n;
        }
        (l.len == w.len()).then_some(l)
    }

    #[inline]
    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// `a.cmp(b)` for short words, byte by byte inline (the slice comparison
/// calls `memcmp` for every probe of a binary search).
#[inline]
fn cmp_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// Byte-wise equality of two short slices of the same length, inline
/// (no `memcmp` call for words of a few bytes).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(x, y)| x == y)
}

/// The phrase `k` (lower-case words, single spaces) after `p` and optional
/// spaces: its end.
fn kw(t: &str, p: usize, k: &str) -> Option<usize> {
    let mut q = p;
    let mut rest = k;
    loop {
        // Split on the byte: cheaper than `str::split` for a few words.
        let (w, more) = match rest.bytes().position(|c| c == b' ') {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        q = sp(t, q);
        let e = word_end(t, q, usize::MAX);
        if e == q || !eq_ci(&t[q..e], w) {
            return None;
        }
        q = e;
        match more {
            Some(m) => rest = m,
            None => return Some(q),
        }
    }
}

/// The phrase `k` ending before `p` (optional spaces between): its start.
fn kw_back(t: &str, p: usize, k: &str) -> Option<usize> {
    let mut q = p;
    let mut rest = k;
    loop {
        let (more, w) = match rest.bytes().rposition(|c| c == b' ') {
            Some(i) => (Some(&rest[..i]), &rest[i + 1..]),
            None => (None, rest),
        };
        q = sp_back(t, q);
        let s = word_start(t, q);
        if s == q || !eq_ci(&t[s..q], w) {
            return None;
        }
        q = s;
        match more {
            Some(m) => rest = m,
            None => return Some(q),
        }
    }
}

/// The word before `p` (after optional spaces), lower-cased: its start and
/// its lower-case form; `None` when no word ends there.
#[inline]
fn low_before(t: &str, p: usize) -> Option<(usize, Low)> {
    let q = sp_back(t, p);
    let s = word_start(t, q);
    if s == q {
        return None;
    }
    Some((s, Low::new(&t[s..q])?))
}

/// The longest phrase of `ks` ending where the word that starts at `s` and
/// lower-cases to `w` ends: (index, start). Only entries whose last word
/// is `w` walk further back.
fn kws_back_low<'k>(
    t: &str,
    s: usize,
    w: &[u8],
    ks: impl IntoIterator<Item = &'k str>,
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, k) in ks.into_iter().enumerate() {
        let kb = k.as_bytes();
        if kb.len() < w.len() || !same(&kb[kb.len() - w.len()..], w) {
            continue;
        }
        let rest = kb.len() - w.len();
        let start = if rest == 0 {
            s
        } else if kb[rest - 1] != b' ' {
            continue;
        } else {
            match kw_back(t, s, &k[..rest - 1]) {
                Some(st) => st,
                None => continue,
            }
        };
        if best.is_none_or(|(_, b)| start < b) {
            best = Some((i, start));
        }
    }
    best
}

/// The longest phrase of `ks` starting with the word that ends at `e` and
/// lower-cases to `w`: (index, end).
fn kws_low<'k>(
    t: &str,
    e: usize,
    w: &[u8],
    ks: impl Iterator<Item = &'k str>,
) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, k) in ks.enumerate() {
        let kb = k.as_bytes();
        if kb.len() < w.len() || !same(&kb[..w.len()], w) {
            continue;
        }
        let end = if kb.len() == w.len() {
            e
        } else if kb[w.len()] != b' ' {
            continue;
        } else {
            match kw(t, e, &k[w.len() + 1..]) {
                Some(en) => en,
                None => continue,
            }
        };
        if best.is_none_or(|(_, b)| end >= b) {
            best = Some((i, end));
        }
    }
    best
}

/// A run of 1-4 ASCII digits at `p` (the run must not go on): value, end,
/// digit count.
fn num(t: &str, p: usize) -> Option<(u32, usize, usize)> {
    let b = t.as_bytes();
    let mut e = p;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
    }
    let n = e - p;
    if n == 0 || n > 4 {
        return None;
    }
    let v = b[p..e].iter().fold(0, |v, &d| v * 10 + u32::from(d - b'0'));
    Some((v, e, n))
}

/// A plausible 4-digit year at `p`, ending on a boundary.
fn year_at(t: &str, p: usize) -> Option<(i32, usize)> {
    let (v, e, n) = num(t, p)?;
    if n != 4 || !(1900..=2100).contains(&v) || !end_ok(t, e) {
        return None;
    }
    Some((v as i32, e))
}

/// Nothing glued after a number: no letter, no "/x", "-x", ",5", "%".
fn end_ok(t: &str, e: usize) -> bool {
    match t[e..].chars().next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some('%') => false,
        Some('/' | '-' | ',' | '.' | ':') => !t[e + 1..].chars().next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// Nothing glued before a number at `p`: no letter, no "x/", "x-", "x.".
fn start_ok(t: &str, p: usize) -> bool {
    let mut it = t[..p].chars().rev();
    match it.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some('+' | '#' | '$' | '@') => false,
        Some('/' | '-' | ',' | '.' | ':') => !it.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

fn valid_pt(p: &Pt) -> bool {
    if let Some(m) = p.m {
        if !(1..=12).contains(&m) {
            return false;
        }
        if let Some(d) = p.d {
            return d >= 1 && d <= days_in_month(p.y, m);
        }
    } else if let Some(d) = p.d {
        return (1..=31).contains(&d);
    }
    true
}

// ---------------------------------------------------------------------------
// Date arithmetic for relative expressions

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn shift_days(a: Anchor, n: i64) -> String {
    let (y, m, d) = civil_from_days(days_from_civil(a.year, a.month, a.day) + n);
    fmt_pt(&Pt::ymd(Some(y), Some(m), Some(d)))
}

fn shift_months(a: Anchor, n: i64) -> String {
    let total = a.year as i64 * 12 + (a.month as i64 - 1) + n;
    let mut s = String::with_capacity(8);
    push_pad(&mut s, total.div_euclid(12), 4);
    s.push('-');
    push_pad(&mut s, total.rem_euclid(12) + 1, 2);
    s
}

// ---------------------------------------------------------------------------
// The parser of one segment

struct Seg<'a> {
    t: &'a str,
    anchor: Option<Anchor>,
    /// The last word looked up before a position (see
    /// [`Seg::word_before`]): the parser asks for the same one many times.
    before: Cell<(usize, Option<(usize, Low)>)>,
    /// The last word looked up after a position (see [`Seg::word_after`]).
    after: Cell<(usize, Option<(usize, Low)>)>,
}

/// Word lookups around a position, memoized per segment.
impl Seg<'_> {
    fn new(t: &str, anchor: Option<Anchor>) -> Seg<'_> {
        Seg {
            t,
            anchor,
            before: Cell::new((usize::MAX, None)),
            after: Cell::new((usize::MAX, None)),
        }
    }

    /// The word ending before `p` (after spaces): its start and lower-case
    /// form ([`low_before`]).
    fn word_before(&self, p: usize) -> Option<(usize, Low)> {
        let q = sp_back(self.t, p);
        let (k, v) = self.before.get();
        if k == q {
            return v;
        }
        let v = low_before(self.t, q);
        self.before.set((q, v));
        v
    }

    /// The word starting after `p` (after spaces): its end and lower-case
    /// form; `None` when there is none or it cannot equal a table word.
    fn word_after(&self, p: usize) -> Option<(usize, Low)> {
        let q = sp(self.t, p);
        let (k, v) = self.after.get();
        if k == q {
            return v;
        }
        let e = word_end(self.t, q, usize::MAX);
        let v = if e == q {
            None
        } else {
            Low::new(&self.t[q..e]).map(|w| (e, w))
        };
        self.after.set((q, v));
        v
    }

    /// [`kw`] with the first word from the memo.
    fn kw(&self, p: usize, k: &str) -> Option<usize> {
        let (e, w) = self.word_after(p)?;
        let (first, rest) = match k.bytes().position(|c| c == b' ') {
            Some(i) => (&k[..i], Some(&k[i + 1..])),
            None => (k, None),
        };
        if w.len != first.len() || !same(w.bytes(), first.as_bytes()) {
            return None;
        }
        match rest {
            Some(r) => kw(self.t, e, r),
            None => Some(e),
        }
    }

    /// [`kw_back`] with the last word from the memo.
    fn kw_back(&self, p: usize, k: &str) -> Option<usize> {
        let (s, w) = self.word_before(p)?;
        let (rest, last) = match k.bytes().rposition(|c| c == b' ') {
            Some(i) => (Some(&k[..i]), &k[i + 1..]),
            None => (None, k),
        };
        if w.len != last.len() || !same(w.bytes(), last.as_bytes()) {
            return None;
        }
        match rest {
            Some(r) => kw_back(self.t, s, r),
            None => Some(s),
        }
    }

    /// The longest phrase of `ks` after `p`: (index, end).
    fn kws<'k>(&self, p: usize, ks: impl Iterator<Item = &'k str>) -> Option<(usize, usize)> {
        let (e, w) = self.word_after(p)?;
        kws_low(self.t, e, w.bytes(), ks)
    }

    /// The longest phrase of `ks` ending before `p`: (index, start).
    fn kws_back<'k>(
        &self,
        p: usize,
        ks: impl IntoIterator<Item = &'k str>,
    ) -> Option<(usize, usize)> {
        let (s, w) = self.word_before(p)?;
        kws_back_low(self.t, s, w.bytes(), ks)
    }
}

/// What a point needs before it to count as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    /// Nothing: "30/5/2019".
    Nothing,
    /// Any date cue: "ngày", "sáng", "từ", weekday, "(" … ")".
    Cue,
    /// A day word or a part of day: "ngày 12.4", "ngày 17".
    Strong,
}

/// A point read at a digit: value, end, what it needs.
struct Read {
    pt: Pt,
    end: usize,
    need: Need,
    /// A range read as one numeric token ("26-28/4", "25/1-1/2/2021").
    range: Option<Pt>,
}

/// What precedes an expression.
#[derive(Debug, Clone, Copy, Default)]
struct Cues {
    start: usize,
    strong: bool,
    cue: bool,
    /// "(" directly before the core: a ")" after it may close the span.
    paren: bool,
    /// Where that "(" is.
    paren_at: Option<usize>,
    modifier: Option<Modifier>,
    /// A "từ" or "đến" cue (ranges).
    from: bool,
}

impl<'a> Seg<'a> {
    /// Reads a year reference after `p`: "2020", "/2020", "-2020",
    /// " - 2020", "năm 2020", "năm nay".
    fn year_ref(&self, p: usize) -> Option<(YearRef, usize)> {
        let t = self.t;
        if let Some(c @ (b'/' | b'-')) = byte_at(t, p) {
            let _ = c;
            if let Some((y, e)) = year_at(t, p + 1) {
                return Some((YearRef::Explicit(y), e));
            }
        }
        let q = sp(t, p);
        if q > p && byte_at(t, q) == Some(b'-') {
            if let Some((y, e)) = year_at(t, sp(t, q + 1)) {
                return Some((YearRef::Explicit(y), e));
            }
        }
        if let Some(e) = self.kw(p, "năm") {
            let q = sp(t, e);
            if let Some((y, e2)) = year_at(t, q) {
                return Some((YearRef::Explicit(y), e2));
            }
            return self.rel_year(e).map(|(r, e2)| (YearRef::Rel(r), e2));
        }
        None
    }

    /// "nay" / "ngoái" / "tới" / "sau" / "trước" / "qua" after "năm".
    fn rel_year(&self, p: usize) -> Option<(i32, usize)> {
        const REL: &[(&str, i32)] = &[
            ("ngoái", -1),
            ("nay", 0),
            ("qua", -1),
            ("sau", 1),
            ("trước", -1),
            ("tới", 1),
        ];
        let (i, e) = self.kws(p, REL.iter().map(|x| x.0))?;
        if !self.word_end_ok(e) {
            return None;
        }
        Some((REL[i].1, e))
    }

    fn word_end_ok(&self, e: usize) -> bool {
        !self.t[e..].chars().next().is_some_and(is_word_char)
    }

    /// A clock time at `p`: "14h30", "14h", "16:33'", "8 giờ 30 (phút)",
    /// "9 giờ sáng". Returns time, end, and whether the form is a clock form
    /// (true) or the "giờ" form, which needs "lúc" or a date to count.
    fn time_at(&self, p: usize) -> Option<((u32, u32), usize, bool)> {
        let t = self.t;
        let (h, e, n) = num(t, p)?;
        if n > 2 || h > 24 || !start_ok(t, p) {
            return None;
        }
        let (mut hm, mut end, clock) = match byte_at(t, e) {
            Some(b':') => {
                let (m, e2, n2) = num(t, e + 1)?;
                if n2 != 2 || m > 59 {
                    return None;
                }
                let mut e2 = e2;
                // Seconds.
                if byte_at(t, e2) == Some(b':') {
                    if let Some((_, e3, 2)) = num(t, e2 + 1) {
                        e2 = e3;
                    }
                }
                ((h, m), e2, true)
            }
            Some(b'h' | b'H' | b'g') => {
                let g = byte_at(t, e) == Some(b'g');
                match num(t, e + 1) {
                    Some((m, e2, 2)) if m <= 59 => ((h, m), e2, true),
                    Some(_) => return None,
                    None if !g && self.word_end_ok(e + 1) => ((h, 0), e + 1, true),
                    None => return None,
                }
            }
            _ => {
                if !matches!(byte_at(t, sp(t, e)), Some(b'g' | b'G')) {
                    return None; // not "giờ"
                }
                let e1 = self.kw(e, "giờ")?;
                let q = sp(t, e1);
                match num(t, q) {
                    Some((m, e2, _)) if m <= 59 && end_ok(t, e2) => {
                        let e3 = self.kw(e2, "phút").unwrap_or(e2);
                        ((h, m), e3, false)
                    }
                    Some(_) => return None,
                    None => ((h, 0), e1, false),
                }
            }
        };
        if byte_at(t, end) == Some(b'\'') {
            end += 1;
        }
        if !end_ok(t, end) && byte_at(t, end) != Some(b'(') {
            return None;
        }
        // "9 giờ sáng", "8 giờ tối".
        const DAYPART: &[&str] = &["chiều", "sáng", "tối", "trưa", "đêm"];
        if !clock || t.as_bytes()[e] != b':' {
            if let Some((i, e2)) = self.kws(end, DAYPART.iter().copied()) {
                if self.word_end_ok(e2)
                    && self.kw(e2, "nay").is_none()
                    && self.kw(e2, "qua").is_none()
                {
                    if matches!(DAYPART[i], "chiều" | "tối") && hm.0 < 12 {
                        hm.0 += 12;
                    }
                    if DAYPART[i] == "đêm" && (6..12).contains(&hm.0) {
                        hm.0 += 12;
                    }
                    if DAYPART[i] == "trưa" && hm.0 < 6 {
                        hm.0 += 12;
                    }
                    end = e2;
                }
            }
        }
        if hm.0 == 24 && hm.1 != 0 {
            return None;
        }
        Some((hm, end, clock))
    }

    /// A zone after a time: "(GMT+7)", "[GMT+7]", " GMT+07:00".
    fn zone_at(&self, p: usize) -> Option<(i32, usize)> {
        let t = self.t;
        let mut q = sp(t, p);
        let open = matches!(byte_at(t, q), Some(b'(' | b'['));
        if open {
            q += 1;
        }
        let rest = &t[q..];
        if !(rest.starts_with("GMT") || rest.starts_with("UTC")) {
            return None;
        }
        q += 3;
        let sign = match byte_at(t, q) {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return None,
        };
        let (h, mut e, _) = num(t, q + 1)?;
        if h > 14 {
            return None;
        }
        let mut mins = 0;
        if byte_at(t, e) == Some(b':') {
            if let Some((m, e2, 2)) = num(t, e + 1) {
                mins = m;
                e = e2;
            }
        }
        if open {
            match byte_at(t, e) {
                Some(b')' | b']') => e += 1,
                _ => return None,
            }
        }
        Some((sign * (h as i32 * 60 + mins as i32), e))
    }

    /// A time with optional zone after `p` (skipping ",", "lúc", "vào lúc").
    fn time_after(&self, p: usize) -> Option<((u32, u32), Option<i32>, usize)> {
        let t = self.t;
        let mut q = sp(t, p);
        if byte_at(t, q) == Some(b',') {
            q = sp(t, q + 1);
        }
        let mut luc = false;
        if let Some(e) = self.kw(q, "vào lúc").or_else(|| self.kw(q, "lúc")) {
            q = sp(t, e);
            luc = true;
        }
        let (hm, e, clock) = self.time_at(q)?;
        if !clock && !luc {
            return None;
        }
        match self.zone_at(e) {
            Some((z, e2)) => Some((hm, Some(z), e2)),
            None => Some((hm, None, e)),
        }
    }

    /// Month after "tháng": digits 1-12 or, when `words`, a month word
    /// (capitalized unless `lower_ok`).
    fn month_at(&self, p: usize, lower_ok: bool) -> Option<(u32, usize)> {
        let t = self.t;
        let q = sp(t, p);
        if let Some((m, e, n)) = num(t, q) {
            if n <= 2 && (1..=12).contains(&m) && start_ok(t, q) {
                return Some((m, e));
            }
            return None;
        }
        let (i, e) = self.kws(q, MONTH_WORDS.iter().map(|x| x.0))?;
        if !self.word_end_ok(e) {
            return None;
        }
        let first = t[q..].chars().next()?;
        if !lower_ok && !first.is_uppercase() {
            return None;
        }
        // "tháng một lần" (once a month) is not January.
        if self.kw(e, "lần").is_some() {
            return None;
        }
        Some((MONTH_WORDS[i].1, e))
    }

    /// Resolves a year reference: explicit, or relative to the anchor.
    fn resolve_year(&self, r: YearRef) -> (Option<i32>, bool) {
        match r {
            YearRef::Explicit(y) => (Some(y), false),
            YearRef::Rel(k) => (self.anchor.map(|a| a.year + k), true),
        }
    }

    /// A point read at digit position `p`.
    fn read_digits(&self, p: usize) -> Option<Read> {
        let t = self.t;
        if !start_ok(t, p) {
            return None;
        }
        // The numeric token: up to 6 numbers joined by single separators.
        // Fixed arrays, not vectors: this runs at every digit anchor.
        let mut nums_buf = [(0u32, 0usize); 6];
        let mut seps_buf = [0u8; 5];
        let (v, mut e, n) = num(t, p)?;
        nums_buf[0] = (v, n);
        let mut count = 1;
        while count < 6 {
            match byte_at(t, e) {
                Some(c @ (b'/' | b'-' | b'.')) => match num(t, e + 1) {
                    Some((v2, e2, n2)) => {
                        nums_buf[count] = (v2, n2);
                        seps_buf[count - 1] = c;
                        count += 1;
                        e = e2;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        let nums = &nums_buf[..count];
        let seps = &seps_buf[..count - 1];
        if byte_at(t, e).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        if nums.len() == 1 {
            // A bare number: a day ("ngày 17"), the start of a range, or a
            // word date ("30 tháng 5 năm 2019"); the caller handles periods.
            if n > 2 || !end_ok(t, e) {
                return None;
            }
            if let Some(e1) = self.kw(e, "tháng") {
                let (m, e2) = self.month_at(e1, true)?;
                let mut pt = Pt::ymd(None, Some(m), Some(v));
                let mut end = e2;
                let mut need = Need::Strong;
                if let Some((yr, e3)) = self.year_ref(e2) {
                    let (y, _) = self.resolve_year(yr);
                    if let YearRef::Explicit(_) = yr {
                        need = Need::Cue;
                    }
                    pt.y = y;
                    end = e3;
                }
                if !valid_pt(&pt) || !end_ok(t, end) {
                    return None;
                }
                return Some(Read {
                    pt,
                    end,
                    need,
                    range: None,
                });
            }
            if !(1..=31).contains(&v) {
                return None;
            }
            return Some(Read {
                pt: Pt::ymd(None, None, Some(v)),
                end: e,
                need: Need::Strong,
                range: None,
            });
        }
        if !end_ok(t, e) {
            return None;
        }
        let all = |c: u8| seps.iter().all(|&s| s == c);
        let two = |i: usize| nums[i].1 <= 2;
        let four = |i: usize| nums[i].1 == 4;
        let val = |i: usize| nums[i].0;
        let pt3 = |d: usize, m: usize, y: Option<usize>| {
            Pt::ymd(y.map(|i| val(i) as i32), Some(val(m)), Some(val(d)))
        };
        let yok = |i: usize| (1900..=2100).contains(&val(i));
        let (pt, need, range) = match (nums.len(), seps) {
            (2, [s]) if two(0) && two(1) => {
                let need = if *s == b'.' { Need::Strong } else { Need::Cue };
                (pt3(0, 1, None), need, None)
            }
            (2, [b'-']) if four(0) && four(1) => {
                // A span of years: "2020-2025".
                let (a, b) = (val(0) as i32, val(1) as i32);
                if !yok(0) || !yok(1) || b <= a || b - a > 100 {
                    return None;
                }
                return Some(Read {
                    pt: Pt::ymd(Some(a), None, None),
                    end: e,
                    need: Need::Nothing,
                    range: Some(Pt::ymd(Some(b), None, None)),
                });
            }
            (3, _) if all(seps[0]) && two(0) && two(1) && four(2) && yok(2) => {
                (pt3(0, 1, Some(2)), Need::Nothing, None)
            }
            (3, [b'-', b'/']) if two(0) && two(1) && two(2) => {
                let a = Pt::ymd(None, Some(val(2)), Some(val(0)));
                let b = pt3(1, 2, None);
                (a, Need::Cue, Some(b))
            }
            (4, [b'-', b'/', b'/']) if two(0) && two(1) && two(2) && four(3) && yok(3) => {
                let y = Some(val(3) as i32);
                let a = Pt::ymd(y, Some(val(2)), Some(val(0)));
                (a, Need::Nothing, Some(pt3(1, 2, Some(3))))
            }
            (4, [b'/', b'-', b'/']) if (0..4).all(two) => {
                (pt3(0, 1, None), Need::Cue, Some(pt3(2, 3, None)))
            }
            (5, [b'/', b'-', b'/', b'/']) if (0..4).all(two) && four(4) && yok(4) => {
                let y = Some(val(4) as i32);
                let a = Pt::ymd(y, Some(val(1)), Some(val(0)));
                (a, Need::Nothing, Some(pt3(2, 3, Some(4))))
            }
            (6, [a, b'-', c, d])
                if a == c
                    && c == d
                    && two(0)
                    && two(1)
                    && four(2)
                    && yok(2)
                    && four(5)
                    && yok(5) =>
            {
                (pt3(0, 1, Some(2)), Need::Nothing, Some(pt3(3, 4, Some(5))))
            }
            _ => return None,
        };
        if !valid_pt(&pt) || !range.as_ref().is_none_or(valid_pt) {
            return None;
        }
        Some(Read {
            pt,
            end: e,
            need,
            range,
        })
    }

    /// The cue words before `p`. The word before each position is
    /// lower-cased once and matched against every table (the position moves
    /// back only when a cue is found).
    fn cues(&self, p: usize, edges: bool) -> Cues {
        let t = self.t;
        let mut c = Cues {
            start: p,
            ..Cues::default()
        };
        let q0 = sp_back(t, p);
        let punct0 = q0 > 0 && matches!(t.as_bytes()[q0 - 1], b',' | b'(');
        if !punct0
            && self.word_before(p).is_none_or(|(_, w)| {
                CUE_LAST_WORDS
                    .binary_search_by(|k| cmp_bytes(k, w.bytes()))
                    .is_err()
            })
        {
            // Nothing before can start a cue.
            return c;
        }
        let back = |pos: usize, ks: &mut dyn Iterator<Item = &'static str>| {
            let (s, w) = self.word_before(pos)?;
            kws_back_low(t, s, w.bytes(), ks)
        };
        let (mut day, mut part, mut wd) = (false, false, false);
        loop {
            if !day {
                if let Some((_, s)) = back(c.start, &mut DAY_WORDS.iter().copied()) {
                    c.start = s;
                    day = true;
                    // "2 ngày 1 đêm": "ngày" after a count is a unit, a
                    // weak cue only ("2 ngày 9-10/7").
                    if prev_is_number(t, s) {
                        c.cue = true;
                        return c;
                    }
                    c.strong = true;
                    continue;
                }
            }
            if !part {
                if let Some((_, s)) = back(c.start, &mut PARTS_OF_DAY.iter().copied()) {
                    c.start = s;
                    c.strong = true;
                    part = true;
                    continue;
                }
            }
            if !wd {
                let q = sp_back(t, c.start);
                let punct = q > 0 && matches!(t.as_bytes()[q - 1], b',' | b'(');
                let q2 = if punct { q - 1 } else { q };
                if let Some((_, s)) = back(q2, &mut WEEKDAYS.iter().copied()) {
                    if punct && t.as_bytes()[q - 1] == b'(' {
                        c.paren = true;
                        c.paren_at = Some(q - 1);
                    }
                    c.start = s;
                    c.cue = true;
                    wd = true;
                    continue;
                }
            }
            break;
        }
        if !c.strong && !c.paren {
            let q = sp_back(t, c.start);
            if q > 0 && t.as_bytes()[q - 1] == b'(' {
                c.paren = true;
                c.paren_at = Some(q - 1);
            }
        }
        if edges {
            if let Some((i, s)) = back(c.start, &mut EDGES.iter().map(|x| x.0)) {
                c.start = s;
                c.modifier = Some(EDGES[i].1);
                c.cue = true;
            }
        }
        if let Some((i, s)) = back(c.start, &mut MODIFIERS.iter().map(|x| x.0)) {
            c.start = s;
            c.cue = true;
            let (k, m) = MODIFIERS[i];
            c.from = k.starts_with("từ") || k == "đến" || k == "kể từ";
            if c.modifier.is_none() {
                c.modifier = m;
            } else if m.is_some() && !matches!(m, Some(Modifier::Approx)) {
                // "đến cuối năm": the edge stays, the span grows.
            }
        } else if back(c.start, &mut ["dịp", "quốc khánh"].into_iter()).is_some() {
            c.cue = true;
        }
        if c.strong {
            c.cue = true;
        }
        c
    }

    /// Second point of a range after `p`: connector then a date point.
    /// Returns the point and its end.
    fn range_tail(&self, p: usize, first: &Pt) -> Option<(Pt, usize, bool)> {
        let t = self.t;
        let q = sp(t, p);
        let (e, is_and) = if byte_at(t, q) == Some(b'-') {
            (q + 1, false)
        } else if let Some(e) = self.kw(q, "đến").or_else(|| self.kw(q, "tới")) {
            (e, false)
        } else if let Some(e) = self.kw(q, "và") {
            (e, true)
        } else if byte_at(t, q) == Some(b',') && first.m.is_none() {
            (q + 1, true)
        } else {
            return None;
        };
        let mut q = sp(t, e);
        if let Some((_, e2)) = self.kws(q, DAY_WORDS.iter().copied()) {
            q = sp(t, e2);
        }
        if !byte_at(t, q).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        let r = self.read_digits(q)?;
        if r.range.is_some() || r.pt.d.is_none() {
            return None;
        }
        // A "và" joins only a bare day to a full date ("ngày 9 và 10/7").
        if is_and && (first.m.is_some() || r.pt.m.is_none()) {
            return None;
        }
        let mut pt = r.pt;
        let mut end = r.end;
        if let Some((hm, z, e3)) = self.time_after(end) {
            pt.time = Some(hm);
            pt.zone = z;
            end = e3;
        }
        Some((pt, end, is_and))
    }

    /// Parses the expression at a digit anchor.
    fn at_digits(&self, p: usize, prev_end: Option<usize>) -> Option<Cand> {
        let t = self.t;
        // Periods and relative counts: "6 tháng đầu năm", "18 ngày trước".
        if let Some(c) = self.count_period(p) {
            return Some(c);
        }
        // A time first: "16:33' 25/8/2020", "14h30 ngày 9/7", "lúc 8 giờ 30".
        if let Some((hm, e, clock)) = self.time_at(p) {
            let (zone, e) = match self.zone_at(e) {
                Some((z, e2)) => (Some(z), e2),
                None => (None, e),
            };
            let lead = self.cues(p, false);
            let lead_start = self
                .kw_back(p, "vào lúc")
                .or_else(|| self.kw_back(p, "lúc"))
                .unwrap_or(p);
            let lucky = lead_start < p;
            // A date after it.
            let mut q = sp(t, e);
            if byte_at(t, q) == Some(b',') {
                q = sp(t, q + 1);
            }
            let mut q2 = q;
            if let Some((_, e2)) = self.kws(q2, PARTS_OF_DAY.iter().copied()) {
                q2 = sp(t, e2);
            }
            if let Some((_, e2)) = self.kws(q2, DAY_WORDS.iter().copied()) {
                q2 = sp(t, e2);
            }
            if byte_at(t, q2).is_some_and(|b| b.is_ascii_digit()) {
                if let Some(r) = self.read_digits(q2) {
                    if r.range.is_none() && r.pt.d.is_some() && (r.pt.m.is_some() || q2 > q) {
                        let mut pt = r.pt;
                        pt.time = Some(hm);
                        pt.zone = zone;
                        let start = if lucky { lead_start } else { lead.start.min(p) };
                        return Some(Cand {
                            start,
                            end: r.end,
                            val: Val::Pt(pt),
                            modifier: lead.modifier,
                            inferred: false,
                        });
                    }
                }
            }
            if clock || lucky {
                let pt = Pt {
                    time: Some(hm),
                    zone,
                    ..Pt::default()
                };
                return Some(Cand {
                    start: lead_start,
                    end: e,
                    val: Val::Pt(pt),
                    modifier: None,
                    inferred: false,
                });
            }
        }
        // A year span with spaces: "2020 - 2025", "nhiệm kỳ 2020 – 2025".
        if let Some((y, e)) = year_at(t, p) {
            if !start_ok(t, p) {
                return None;
            }
            if y % 10 == 0
                && (self.kw_back(p, "thập niên").is_some() || self.kw_back(p, "thập kỷ").is_some())
            {
                let start = self
                    .kw_back(p, "thập niên")
                    .or_else(|| self.kw_back(p, "thập kỷ"))
                    .unwrap_or(p);
                return Some(Cand {
                    start,
                    end: e,
                    val: Val::Fixed(Some(padded((y / 10).into(), 3))),
                    modifier: None,
                    inferred: false,
                });
            }
            let q = sp(t, e);
            let e2 = if byte_at(t, q) == Some(b'-') {
                Some(q + 1)
            } else if self.kw_back(p, "từ").is_some() {
                self.kw(q, "đến").or_else(|| self.kw(q, "tới"))
            } else {
                None
            };
            let (y2, e3) = year_at(t, sp(t, e2?))?;
            if y2 <= y || y2 - y > 100 {
                return None;
            }
            let c = self.cues(p, false);
            let start = self
                .kws_back(p, SPAN_CUES.iter().copied())
                .map_or(c.start, |(_, s)| s.min(c.start));
            return Some(Cand {
                start,
                end: e3,
                val: Val::Years(y, y2),
                modifier: None,
                inferred: false,
            });
        }
        let r = self.read_digits(p)?;
        let mut c = self.cues(p, false);
        // A conjunction right after an accepted date is a cue: "ngày 2/9,
        // 3/9 và 4/9".
        if let Some(pe) = prev_end {
            if pe <= c.start {
                let gap = t[pe..c.start].trim();
                if matches!(gap, "," | "và" | ";" | "-" | "hoặc") {
                    c.cue = true;
                }
            }
        }
        let mut end = r.end;
        let mut pt = r.pt;
        if let Some(second) = r.range {
            // "2020-2025" as a term; numeric ranges.
            if pt.m.is_none() && pt.d.is_none() {
                let (a, b) = (pt.y.unwrap_or(0), second.y.unwrap_or(0));
                let start = self
                    .kws_back(p, SPAN_CUES.iter().copied())
                    .map_or(c.start, |(_, s)| s.min(c.start));
                return Some(Cand {
                    start,
                    end,
                    val: Val::Years(a, b),
                    modifier: None,
                    inferred: false,
                });
            }
            if r.need > Need::Nothing && !c.cue {
                return None;
            }
            let mut a = pt;
            let mut b = second;
            share(&mut a, &b);
            if let Some((hm, z, e3)) = self.time_after(end) {
                b.time = Some(hm);
                b.zone = z;
                end = e3;
            }
            return Some(Cand {
                start: c.start,
                end,
                val: Val::Range(a, b),
                modifier: None,
                inferred: false,
            });
        }
        // A year span with spaces: "2020 - 2025", "nhiệm kỳ 2020 – 2025".
        if pt.d.is_some() {
            // Ranges: "từ ngày 17 đến ngày 23-8-2020", "25/1 - 1/2/2021".
            if let Some((b, e2, is_and)) = self.range_tail(end, &pt) {
                let ok = match r.need {
                    Need::Nothing => true,
                    // "25/1 - 1/2/2021": the year makes the shape a date.
                    Need::Cue => c.cue || (b.y.is_some() && b.m.is_some()),
                    Need::Strong => c.strong || c.from,
                };
                if ok {
                    let mut a = pt;
                    share(&mut a, &b);
                    if is_and {
                        let (da, db) = (a.d.unwrap_or(0), b.d.unwrap_or(0));
                        if db != da + 1 {
                            // Two dates: keep the first here; the second is
                            // found from its own anchor.
                            let mut cand = self.finish_point(a, r.end, &c)?;
                            cand.end = r.end;
                            return Some(cand);
                        }
                    }
                    if a.d > b.d && a.m == b.m && a.y == b.y {
                        return None;
                    }
                    let modifier = match c.modifier {
                        Some(Modifier::Until | Modifier::Before | Modifier::After) => None,
                        m => m,
                    };
                    return Some(Cand {
                        start: c.start,
                        end: e2,
                        val: Val::Range(a, b),
                        modifier,
                        inferred: false,
                    });
                }
            }
        }
        let ok = match r.need {
            Need::Nothing => true,
            Need::Cue => c.cue || c.paren,
            Need::Strong => c.strong,
        };
        if !ok || lunar_after(t, end) {
            return None;
        }
        // A bare day after "mùng/ngày/hôm" only; a D/M after "(" needs ")".
        if r.need == Need::Cue && !c.cue && c.paren && byte_at(t, sp(t, end)) != Some(b')') {
            return None;
        }
        if pt.d.is_some() {
            if let Some((hm, z, e3)) = self.time_after(end) {
                pt.time = Some(hm);
                pt.zone = z;
                end = e3;
            }
        }
        self.finish_point(pt, end, &c)
    }

    fn finish_point(&self, pt: Pt, end: usize, c: &Cues) -> Option<Cand> {
        let t = self.t;
        let mut end = end;
        // "thứ Hai (ngày 7/9)": the closing parenthesis joins the span when
        // the span starts before the opening one; "(25/8)" stays inside.
        if let Some(pp) = c.paren_at {
            let q = sp(t, end);
            if c.start < pp && byte_at(t, q) == Some(b')') {
                end = q + 1;
            }
        }
        Some(Cand {
            start: c.start,
            end,
            val: Val::Pt(pt),
            modifier: c.modifier,
            inferred: false,
        })
    }

    /// "6 tháng đầu năm", "9 tháng năm 2020", "18 ngày trước",
    /// "1 tháng trước", "2 năm trước".
    fn count_period(&self, p: usize) -> Option<Cand> {
        let t = self.t;
        let (n, e, nd) = num(t, p)?;
        if nd > 2 || !start_ok(t, p) || !end_ok(t, e) {
            return None;
        }
        // Every unit starts with "n" or "t" (only ASCII letters lower-case
        // to those): anything else is no period.
        if !matches!(byte_at(t, sp(t, e)), Some(b'n' | b'N' | b't' | b'T')) {
            return None;
        }
        if let Some(e1) = self.kw(e, "tháng") {
            if let Some((val, end, modifier, inferred)) = self.months_tail(n, e1) {
                let c = self.cues(p, false);
                return Some(Cand {
                    start: c.start,
                    end,
                    val,
                    modifier: modifier.or(c.modifier),
                    inferred,
                });
            }
        }
        // "18 ngày trước", "1 tháng trước", "3 năm trước".
        const UNITS: &[&str] = &["ngày", "năm", "tháng", "tuần"];
        let (ui, e1) = self.kws(e, UNITS.iter().copied())?;
        let e2 = self.kw(e1, "trước")?;
        if !self.word_end_ok(e2) {
            return None;
        }
        // "3 ngày trước khi …" is relative to an event.
        if self.kw(e2, "khi").is_some() || self.kw(e2, "đó").is_some() {
            return None;
        }
        let end = self.kw(e2, "đây").unwrap_or(e2);
        let value = self.anchor.map(|a| match UNITS[ui] {
            "ngày" => shift_days(a, -(n as i64)),
            "tuần" => shift_days(a, -7 * n as i64),
            "tháng" => shift_months(a, -(n as i64)),
            _ => padded((a.year - n as i32).into(), 4),
        });
        Some(Cand {
            start: p,
            end,
            inferred: value.is_some(),
            val: Val::Fixed(value),
            modifier: None,
        })
    }

    /// After "N tháng": "đầu năm [2020]", "cuối năm [2020]", "năm 2020".
    #[allow(clippy::type_complexity)]
    fn months_tail(&self, n: u32, p: usize) -> Option<(Val, usize, Option<Modifier>, bool)> {
        let t = self.t;
        if !(1..=12).contains(&n) {
            return None;
        }
        let (first, e) = if let Some(e) = self.kw(p, "đầu năm") {
            (true, e)
        } else if let Some(e) = self.kw(p, "cuối năm") {
            (false, e)
        } else {
            // "9 tháng năm 2020", "9 tháng năm nay".
            let (yr, e) = self.year_ref(p)?;
            self.kw(p, "năm")?;
            let (y, inf) = self.resolve_year(yr);
            return Some((months_val(y, n, true), e, None, inf));
        };
        if !self.word_end_ok(e) {
            return None;
        }
        let q = sp(t, e);
        let (y, end, inf) = if let Some((y, e2)) = year_at(t, q) {
            (Some(y), e2, false)
        } else if let Some((k, e2)) = self.rel_year(e) {
            (self.anchor.map(|a| a.year + k), e2, true)
        } else {
            (None, e, false)
        };
        Some((months_val(y, n, first), end, None, inf))
    }

    /// Parses the expression at a keyword anchor `p..e`.
    fn at_keyword(&self, p: usize, e: usize) -> Option<Cand> {
        let t = self.t;
        let key = &t[p..e];
        if eq_ci(key, "tháng") {
            return self.at_thang(p, e);
        }
        if eq_ci(key, "năm") {
            return self.at_nam(p, e);
        }
        if eq_ci(key, "quý") || eq_ci(key, "quí") {
            return self.at_quy(p, e);
        }
        let last = t[..e].rsplit(' ').next().unwrap_or("");
        match key {
            _ if eq_ci(key, "hôm") => {
                const REL: &[(&str, i64)] = &[("kia", -2), ("nay", 0), ("qua", -1)];
                let (i, e2) = self.kws(e, REL.iter().map(|x| x.0))?;
                if !self.word_end_ok(e2) {
                    return None;
                }
                let c = self.cues(p, false);
                let value = self.anchor.map(|a| shift_days(a, REL[i].1));
                Some(Cand {
                    start: c.start,
                    end: e2,
                    inferred: value.is_some(),
                    val: Val::Fixed(value),
                    modifier: None,
                })
            }
            _ if eq_ci(key, "tuần") => {
                const REL: &[&str] = &["này", "qua", "sau", "trước", "tới"];
                let (_, e2) = self.kws(e, REL.iter().copied())?;
                if !self.word_end_ok(e2) || self.counted(p) {
                    return None;
                }
                Some(Cand {
                    start: p,
                    end: e2,
                    val: Val::Fixed(None),
                    modifier: None,
                    inferred: false,
                })
            }
            _ => {
                // "ngày mai", "sáng nay", "chiều qua", "tối mai".
                if !self.word_end_ok(e) {
                    return None;
                }
                let start = if eq_ci(key, "mai") {
                    self.kw_back(p, "ngày")
                } else {
                    None
                }
                .or_else(|| self.kws_back(p, PARTS_OF_DAY.iter().copied()).map(|x| x.1))?;
                // "tối nay", not "hiện nay" nor "thông qua".
                let shift = if eq_ci(last, "mai") {
                    1
                } else if eq_ci(last, "qua") {
                    -1
                } else {
                    0
                };
                let value = self.anchor.map(|a| shift_days(a, shift));
                Some(Cand {
                    start,
                    end: e,
                    inferred: value.is_some(),
                    val: Val::Fixed(value),
                    modifier: None,
                })
            }
        }
    }

    /// True when a count or a plural word precedes `p` ("90 năm", "những
    /// năm qua").
    fn counted(&self, p: usize) -> bool {
        let t = self.t;
        let q = sp_back(t, p);
        let s = word_start(t, q);
        if s == q {
            return false;
        }
        let w = &t[s..q];
        w.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            || self.kws_back(p, PLURALS.iter().copied()).is_some()
            || COUNT_WORDS.iter().any(|(k, _)| eq_ci(w, k))
            || eq_ci(w, "một")
            || eq_ci(w, "năm")
    }

    fn at_thang(&self, p: usize, e: usize) -> Option<Cand> {
        let t = self.t;
        // "sáu tháng đầu năm", "những tháng cuối năm 2020".
        if let Some((i, s)) = self.kws_back(p, COUNT_WORDS.iter().map(|x| x.0)) {
            let (val, end, _, inf) = self.months_tail(COUNT_WORDS[i].1, e)?;
            let c = self.cues(s, false);
            return Some(Cand {
                start: c.start,
                end,
                val,
                modifier: c.modifier,
                inferred: inf,
            });
        }
        if let Some(s) = self.kw_back(p, "những").or_else(|| self.kw_back(p, "các")) {
            for (k, m) in [("đầu năm", Modifier::Start), ("cuối năm", Modifier::End)] {
                if let Some(e2) = self.kw(e, k) {
                    if !self.word_end_ok(e2) {
                        continue;
                    }
                    let q = sp(t, e2);
                    let (y, end, inf) = if let Some((y, e3)) = year_at(t, q) {
                        (Some(y), e3, false)
                    } else if let Some((k, e3)) = self.rel_year(e2) {
                        (self.anchor.map(|a| a.year + k), e3, true)
                    } else {
                        (None, e2, false)
                    };
                    return Some(Cand {
                        start: s,
                        end,
                        val: Val::Pt(Pt::ymd(y, None, None)),
                        modifier: Some(m),
                        inferred: inf,
                    });
                }
            }
            return None;
        }
        if self.counted(p) {
            return None;
        }
        // "tháng này", "tháng trước", "tháng tới".
        const REL: &[(&str, i64)] = &[
            ("này", 0),
            ("qua", -1),
            ("sau", 1),
            ("trước", -1),
            ("tới", 1),
        ];
        if let Some((i, e2)) = self.kws(e, REL.iter().map(|x| x.0)) {
            if self.word_end_ok(e2) {
                let c = self.cues(p, true);
                let value = self.anchor.map(|a| shift_months(a, REL[i].1));
                return Some(Cand {
                    start: c.start,
                    end: e2,
                    inferred: value.is_some(),
                    val: Val::Fixed(value),
                    modifier: c.modifier,
                });
            }
        }
        let (m, e2) = self.month_at(e, false)?;
        if lunar_after(t, e2) {
            return None;
        }
        if !end_ok(t, e2) && byte_at(t, e2) != Some(b'-') && byte_at(t, e2) != Some(b'/') {
            return None;
        }
        let mut end = e2;
        let mut pt = Pt::ymd(None, Some(m), None);
        let mut inferred = false;
        let mut m2 = None;
        // "tháng 3-5/2020", "tháng 3 đến tháng 5/2020".
        let q = sp(t, e2);
        if byte_at(t, q) == Some(b'-') {
            let q2 = sp(t, q + 1);
            if let Some((v, e3, n)) = num(t, q2) {
                if n <= 2 && (1..=12).contains(&v) && v > m {
                    if let Some((YearRef::Explicit(y), e4)) = self.year_ref(e3) {
                        m2 = Some((v, y, e4));
                    }
                }
            }
        }
        if let Some((v, y, e4)) = m2 {
            let c = self.cues(p, true);
            return Some(Cand {
                start: c.start,
                end: e4,
                val: Val::Range(
                    Pt::ymd(Some(y), Some(m), None),
                    Pt::ymd(Some(y), Some(v), None),
                ),
                modifier: None,
                inferred: false,
            });
        }
        if let Some((yr, e3)) = self.year_ref(e2) {
            let (y, inf) = self.resolve_year(yr);
            pt.y = y;
            inferred = inf;
            end = e3;
        } else if self.kw_back(p, "cách mạng").is_some() || self.kw_back(p, "rằm").is_some() {
            // "Cách mạng Tháng Tám" names the revolution, not a month.
            return None;
        }
        if !end_ok(t, end) {
            return None;
        }
        let c = self.cues(p, true);
        // "từ tháng 3 đến tháng 5/2020".
        let q = sp(t, end);
        if let Some(e3) = self.kw(q, "đến").or_else(|| self.kw(q, "tới")) {
            if let Some(e4) = self.kw(e3, "tháng") {
                if let Some((m2, e5)) = self.month_at(e4, false) {
                    let mut b = Pt::ymd(None, Some(m2), None);
                    let mut end2 = e5;
                    if let Some((YearRef::Explicit(y), e6)) = self.year_ref(e5) {
                        b.y = Some(y);
                        end2 = e6;
                    }
                    if c.from && end_ok(t, end2) {
                        let mut a = pt;
                        share(&mut a, &b);
                        return Some(Cand {
                            start: c.start,
                            end: end2,
                            val: Val::Range(a, b),
                            modifier: None,
                            inferred,
                        });
                    }
                }
            }
        }
        Some(Cand {
            start: c.start,
            end,
            val: Val::Pt(pt),
            modifier: c.modifier,
            inferred,
        })
    }

    fn at_nam(&self, p: usize, e: usize) -> Option<Cand> {
        let t = self.t;
        let mut e = e;
        // "năm học 2020-2021", "năm tài chính 2021".
        if let Some(e2) = self.kw(e, "học") {
            e = e2;
        }
        let q = sp(t, e);
        if let Some((y, e2)) = year_at(t, q) {
            let c = self.cues(p, true);
            // "những năm 1930": a decade.
            if y % 10 == 0
                && self.kw_back(p, "những").is_some()
                && byte_at(t, sp(t, e2)) != Some(b'-')
            {
                return Some(Cand {
                    start: self.kw_back(p, "những").unwrap_or(p),
                    end: e2,
                    val: Val::Fixed(Some(padded((y / 10).into(), 3))),
                    modifier: None,
                    inferred: false,
                });
            }
            // "năm 2020-2021", "năm 2020 - 2021".
            let mut r = self.read_digits(q);
            if let Some(r2) = r.take() {
                if let Some(b) = r2.range {
                    if r2.pt.m.is_none() {
                        return Some(Cand {
                            start: c.start,
                            end: r2.end,
                            val: Val::Years(y, b.y.unwrap_or(y)),
                            modifier: None,
                            inferred: false,
                        });
                    }
                }
            }
            let q2 = sp(t, e2);
            if byte_at(t, q2) == Some(b'-') {
                if let Some((y2, e3)) = year_at(t, sp(t, q2 + 1)) {
                    if y2 > y && y2 - y <= 100 {
                        return Some(Cand {
                            start: c.start,
                            end: e3,
                            val: Val::Years(y, y2),
                            modifier: None,
                            inferred: false,
                        });
                    }
                }
            }
            // "từ năm 2015 đến năm 2020".
            if c.from {
                if let Some(e3) = self.kw(e2, "đến").or_else(|| self.kw(e2, "tới")) {
                    let e4 = self.kw(e3, "năm").unwrap_or(e3);
                    if let Some((y2, e5)) = year_at(t, sp(t, e4)) {
                        if y2 > y {
                            return Some(Cand {
                                start: c.start,
                                end: e5,
                                val: Val::Years(y, y2),
                                modifier: None,
                                inferred: false,
                            });
                        }
                    }
                }
            }
            return Some(Cand {
                start: c.start,
                end: e2,
                val: Val::Pt(Pt::ymd(Some(y), None, None)),
                modifier: c.modifier,
                inferred: false,
            });
        }
        if self.counted(p) {
            return None;
        }
        if let Some((k, e2)) = self.rel_year(e) {
            let c = self.cues(p, true);
            let value = self.anchor.map(|a| padded((a.year + k).into(), 4));
            return Some(Cand {
                start: c.start,
                end: e2,
                inferred: value.is_some(),
                val: Val::Fixed(value),
                modifier: c.modifier,
            });
        }
        // "cuối năm", "đầu năm": the year from context.
        if !self.word_end_ok(e) {
            return None;
        }
        let (i, s) = self.kws_back(p, EDGES.iter().map(|x| x.0))?;
        // "đầu năm học", "cuối năm ngân sách"… keep only a plain "năm" that
        // ends a phrase or precedes a comma, a verb-like word is fine too.
        let c = self.cues(s, false);
        Some(Cand {
            start: c.start,
            end: e,
            val: Val::Pt(Pt::default()),
            modifier: Some(EDGES[i].1),
            inferred: false,
        })
    }

    fn at_quy(&self, p: usize, e: usize) -> Option<Cand> {
        let t = self.t;
        let q = sp(t, e);
        let we = word_end(t, q, usize::MAX);
        if we == q {
            return None;
        }
        let w = &t[q..we];
        let n = match w {
            "I" | "1" => 1,
            "II" | "2" => 2,
            "III" | "3" => 3,
            "IV" | "4" => 4,
            _ => return None,
        };
        let mut end = we;
        let mut y = None;
        let mut inferred = false;
        if let Some((yr, e2)) = self.year_ref(we) {
            let (yy, inf) = self.resolve_year(yr);
            y = yy;
            inferred = inf;
            end = e2;
        }
        if !end_ok(t, end) && byte_at(t, end) != Some(b'/') {
            return None;
        }
        let c = self.cues(p, true);
        Some(Cand {
            start: c.start,
            end,
            val: Val::Quarter(y, n),
            modifier: c.modifier,
            inferred,
        })
    }
}

/// The last words of every cue phrase [`Seg::cues`] looks for (day words,
/// parts of the day, weekdays, edges, modifiers, "dịp", "quốc khánh"),
/// sorted: a word before an anchor that is none of them starts no cue.
static CUE_LAST_WORDS: Lazy<Vec<&'static [u8]>> = Lazy::new(|| {
    let mut v: Vec<&'static [u8]> = DAY_WORDS
        .iter()
        .chain(PARTS_OF_DAY)
        .chain(WEEKDAYS)
        .copied()
        .chain(EDGES.iter().map(|x| x.0))
        .chain(MODIFIERS.iter().map(|x| x.0))
        .chain(["dịp", "quốc khánh"])
        .map(|k| k.rsplit(' ').next().unwrap_or(k).as_bytes())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// True when the word before `p` is a number written in digits.
fn prev_is_number(t: &str, p: usize) -> bool {
    let q = sp_back(t, p);
    let s = word_start(t, q);
    s < q && t[s..q].bytes().all(|b| b.is_ascii_digit())
}

/// True when a lunar-calendar word follows `p`: the numbers are not
/// Gregorian dates.
fn lunar_after(t: &str, p: usize) -> bool {
    // The first words start with "â", "t" or "a" in either case.
    if !matches!(byte_at(t, sp(t, p)), Some(b't' | b'T' | b'a' | b'A' | 0xC3)) {
        return false;
    }
    kw(t, p, "âm lịch").is_some()
        || kw(t, p, "tết").is_some()
        || kw(t, p, "al").is_some()
        || kw(t, p, "tháng giêng").is_some()
        || kw(t, p, "tháng chạp").is_some()
}

/// "N tháng đầu/cuối năm" as a value.
fn months_val(y: Option<i32>, n: u32, first: bool) -> Val {
    match (n, first) {
        (6, true) => Val::Half(y, 1),
        (6, false) => Val::Half(y, 2),
        (12, _) => Val::Pt(Pt::ymd(y, None, None)),
        (n, true) => Val::Months(y, 1, n),
        (n, false) => Val::Months(y, 13 - n, 12),
    }
}

/// The first point of a range takes what it lacks from the second.
fn share(a: &mut Pt, b: &Pt) {
    if a.m.is_none() && a.d.is_some() {
        a.m = b.m;
        if let (Some(da), Some(db), Some(m)) = (a.d, b.d, b.m) {
            // "từ 28 đến 2/8": the first day is in the month before.
            if da > db {
                a.m = Some(if m == 1 { 12 } else { m - 1 });
            }
        }
    }
    if a.y.is_none() {
        a.y = b.y;
        if let (Some(ma), Some(mb), Some(y)) = (a.m, b.m, b.y) {
            if ma > mb {
                a.y = Some(y - 1);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Filling from context and formatting

struct Context {
    anchor: Option<Anchor>,
    /// (position, year) of explicit years in the text, sorted by position.
    years: Vec<(usize, i32)>,
    /// (position, (year, month)) of explicit months, sorted by position.
    months: Vec<(usize, (i32, u32))>,
}

fn nearest<T: Copy>(v: &[(usize, T)], pos: usize) -> Option<T> {
    let i = v.partition_point(|x| x.0 < pos);
    let after = v.get(i);
    let before = i.checked_sub(1).and_then(|j| v.get(j));
    match (before, after) {
        (Some(b), Some(a)) => Some(if pos - b.0 <= a.0 - pos { b.1 } else { a.1 }),
        (Some(b), None) => Some(b.1),
        (None, Some(a)) => Some(a.1),
        (None, None) => None,
    }
}

impl Context {
    fn year(&self, pos: usize, month: Option<u32>) -> Option<i32> {
        if let Some(a) = self.anchor {
            // A date late in the year read in January is last year's.
            if a.month <= 2 && month.is_some_and(|m| m >= 11) {
                return Some(a.year - 1);
            }
            return Some(a.year);
        }
        nearest(&self.years, pos)
    }

    fn month(&self, pos: usize) -> Option<(i32, u32)> {
        if let Some(a) = self.anchor {
            return Some((a.year, a.month));
        }
        nearest(&self.months, pos)
    }

    /// Fills a point; returns whether anything was inferred.
    fn fill(&self, p: &mut Pt, pos: usize) -> bool {
        let mut inf = false;
        if p.d.is_some() && p.m.is_none() {
            if let Some((y, m)) = self.month(pos) {
                p.m = Some(m);
                if p.y.is_none() {
                    p.y = Some(y);
                }
                inf = true;
            }
        }
        if p.y.is_none() && (p.m.is_some() || (p.d.is_none() && p.time.is_none())) {
            if let Some(y) = self.year(pos, p.m) {
                p.y = Some(y);
                inf = true;
            }
        }
        inf
    }
}

/// Appends `v` zero-padded to `width` digits, like `format!("{v:0width$}")`
/// without the formatting machinery.
fn push_pad(s: &mut String, v: i64, width: usize) {
    if v < 0 {
        use std::fmt::Write;
        let _ = write!(s, "{v:0width$}");
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = v as u64;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for _ in buf.len() - i..width {
        s.push('0');
    }
    s.extend(buf[i..].iter().map(|&d| d as char));
}

fn fmt_pt(p: &Pt) -> String {
    let mut s = String::with_capacity(32);
    fmt_pt_into(&mut s, p);
    s
}

/// Appends the value of a point: "2020-08-25T14:30+07:00", "XXXX-07-09".
fn fmt_pt_into(s: &mut String, p: &Pt) {
    match p.y {
        Some(y) => push_pad(s, y.into(), 4),
        None => s.push_str("XXXX"),
    }
    if p.m.is_some() || p.d.is_some() || p.time.is_some() {
        match p.m {
            Some(m) => {
                s.push('-');
                push_pad(s, m.into(), 2);
            }
            None => s.push_str("-XX"),
        }
    }
    if p.d.is_some() || p.time.is_some() {
        match p.d {
            Some(d) => {
                s.push('-');
                push_pad(s, d.into(), 2);
            }
            None => s.push_str("-XX"),
        }
    }
    if let Some((h, m)) = p.time {
        s.push('T');
        push_pad(s, h.into(), 2);
        s.push(':');
        push_pad(s, m.into(), 2);
        if let Some(z) = p.zone {
            s.push(if z < 0 { '-' } else { '+' });
            let z = z.abs();
            push_pad(s, (z / 60).into(), 2);
            s.push(':');
            push_pad(s, (z % 60).into(), 2);
        }
    }
}

/// `v` zero-padded to `width` digits, like `format!("{v:0width$}")`.
fn padded(v: i64, width: usize) -> String {
    let mut s = String::with_capacity(8);
    push_pad(&mut s, v, width);
    s
}

/// Appends a year of a value: four digits, or "XXXX" when unknown.
fn push_year(s: &mut String, y: Option<i32>) {
    match y {
        Some(y) => push_pad(s, y.into(), 4),
        None => s.push_str("XXXX"),
    }
}

/// Explicit year of a candidate (for context), before filling.
fn explicit_year(v: &Val) -> Option<i32> {
    match v {
        Val::Pt(p) => p.y,
        Val::Range(a, b) => a.y.or(b.y),
        Val::Quarter(y, _) | Val::Half(y, _) | Val::Months(y, _, _) => *y,
        Val::Years(a, _) => Some(*a),
        Val::Fixed(_) => None,
    }
}

// ---------------------------------------------------------------------------
// Entry point

/// Finds every temporal expression in the content of `doc`: dates, times,
/// months, years, quarters, halves, terms, ranges and relative expressions,
/// with values in the contract's grammar. Skips ranges already claimed and
/// claims the ones it keeps (so fractions do not take "ngày 1/3").
pub fn extract(doc: &Doc, claims: &mut Claims) -> Vec<Temporal> {
    let mut cands: Vec<Cand> = Vec::with_capacity(32);
    for (base, t) in doc.segments() {
        let seg = Seg::new(t, doc.anchor);
        let mut last_end = 0usize;
        let mut prev_date_end: Option<usize> = None;
        let mut words = KEYWORDS.find_iter(t).peekable();
        let mut digits = next_digits(t, 0);
        loop {
            // Merge the two anchor streams in text order.
            let next_word = words.peek().map(|m| (m.start(), m.end()));
            let (p, e, digit) = match (digits, next_word) {
                (Some(d), Some(w)) if d.0 < w.0 => (d.0, d.1, true),
                (Some(d), None) => (d.0, d.1, true),
                (_, Some(w)) => (w.0, w.1, false),
                (None, None) => break,
            };
            if digit {
                digits = next_digits(t, e);
            } else {
                words.next();
            }
            // " nay" / " qua" / " mai" start after their space.
            let p = if !digit && t.as_bytes()[p] == b' ' {
                p + 1
            } else {
                p
            };
            if p < last_end {
                continue;
            }
            let whole = crate::text::boundary_before(t, p) && crate::text::boundary_after(t, e);
            if !digit && !whole {
                continue;
            }
            let cand = if digit {
                seg.at_digits(p, prev_date_end)
            } else {
                seg.at_keyword(p, e)
            };
            let Some(mut c) = cand else { continue };
            if c.end <= c.start || t[c.start..c.end].contains('\n') {
                continue;
            }
            let core = (base + p)..(base + c.end);
            if claims.overlaps(&core) {
                continue;
            }
            if c.start < last_end || claims.overlaps(&((base + c.start)..(base + c.end))) {
                c.start = p;
            }
            last_end = c.end;
            prev_date_end = Some(c.end);
            c.start += base;
            c.end += base;
            cands.push(c);
        }
    }

    // Context for missing years and months.
    let mut ctx = Context {
        anchor: doc.anchor,
        years: Vec::with_capacity(cands.len()),
        months: Vec::with_capacity(cands.len()),
    };
    for c in &cands {
        if let Some(y) = explicit_year(&c.val) {
            if !c.inferred {
                ctx.years.push((c.start, y));
            }
        }
        if let Val::Pt(p) = &c.val {
            if let (Some(y), Some(m), false) = (p.y, p.m, c.inferred) {
                ctx.months.push((c.start, (y, m)));
            }
        }
    }

    let mut out = Vec::with_capacity(cands.len());
    let mut last_date: Option<Pt> = None;
    for c in cands {
        let pos = c.start;
        let mut inferred = c.inferred;
        let value = match c.val {
            Val::Pt(mut p) => {
                if p.time.is_some() && p.d.is_none() {
                    // A time alone: the date just before it, else the anchor.
                    if let Some(d) = last_date {
                        p.y = d.y;
                        p.m = d.m;
                        p.d = d.d;
                        inferred = true;
                    } else if let Some(a) = doc.anchor {
                        p.y = Some(a.year);
                        p.m = Some(a.month);
                        p.d = Some(a.day);
                        inferred = true;
                    }
                } else {
                    inferred |= ctx.fill(&mut p, pos);
                }
                if !valid_pt(&p) {
                    continue;
                }
                if p.d.is_some() && p.m.is_some() && p.y.is_some() {
                    last_date = Some(p);
                }
                Some(fmt_pt(&p))
            }
            Val::Range(mut a, mut b) => {
                inferred |= ctx.fill(&mut b, pos);
                share(&mut a, &b);
                inferred |= ctx.fill(&mut a, pos);
                if !valid_pt(&a) || !valid_pt(&b) {
                    continue;
                }
                let mut s = String::with_capacity(48);
                fmt_pt_into(&mut s, &a);
                s.push('/');
                fmt_pt_into(&mut s, &b);
                Some(s)
            }
            Val::Quarter(y, q) => {
                let y = y.or_else(|| {
                    let y = ctx.year(pos, None);
                    inferred |= y.is_some();
                    y
                });
                let mut s = String::with_capacity(8);
                push_year(&mut s, y);
                s.push_str("-Q");
                push_pad(&mut s, q.into(), 1);
                Some(s)
            }
            Val::Half(y, h) => {
                let y = y.or_else(|| {
                    let y = ctx.year(pos, None);
                    inferred |= y.is_some();
                    y
                });
                let mut s = String::with_capacity(8);
                push_year(&mut s, y);
                s.push_str("-H");
                push_pad(&mut s, h.into(), 1);
                Some(s)
            }
            Val::Months(y, m1, m2) => {
                let y = y.or_else(|| {
                    let y = ctx.year(pos, None);
                    inferred |= y.is_some();
                    y
                });
                let mut s = String::with_capacity(16);
                push_year(&mut s, y);
                s.push('-');
                push_pad(&mut s, m1.into(), 2);
                s.push('/');
                push_year(&mut s, y);
                s.push('-');
                push_pad(&mut s, m2.into(), 2);
                Some(s)
            }
            Val::Years(a, b) => {
                let mut s = String::with_capacity(9);
                push_pad(&mut s, a.into(), 4);
                s.push('/');
                push_pad(&mut s, b.into(), 4);
                Some(s)
            }
            Val::Fixed(v) => v,
        };
        let range: Range<usize> = c.start..c.end;
        claims.claim(range.clone());
        let m = doc.mention(range);
        out.push(Temporal {
            text: m.text,
            start: m.start,
            end: m.end,
            value,
            inferred,
            modifier: c.modifier,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(v: &[&str]) -> bool {
        v.windows(2).all(|w| w[0] < w[1])
    }

    #[test]
    fn tables_sorted_and_lower() {
        for t in [PARTS_OF_DAY, DAY_WORDS, WEEKDAYS, SPAN_CUES, PLURALS] {
            assert!(sorted(t), "{t:?}");
            assert!(t.iter().all(|w| w.to_lowercase() == *w));
        }
        fn keys<'a>(v: &[(&'a str, u32)]) -> Vec<&'a str> {
            v.iter().map(|x| x.0).collect()
        }
        assert!(sorted(&keys(MONTH_WORDS)));
        assert!(sorted(&keys(COUNT_WORDS)));
        assert!(sorted(&MODIFIERS.iter().map(|x| x.0).collect::<Vec<_>>()));
        assert!(sorted(&EDGES.iter().map(|x| x.0).collect::<Vec<_>>()));
    }

    fn run(text: &str, anchor: Option<Anchor>) -> Vec<(Option<String>, String)> {
        let doc = Doc::plain(text, anchor);
        let mut claims = Claims::new();
        extract(&doc, &mut claims)
            .into_iter()
            .map(|t| (t.value, t.text))
            .collect()
    }

    const A: Option<Anchor> = Some(Anchor {
        year: 2020,
        month: 8,
        day: 25,
    });

    #[test]
    fn basic_forms() {
        let r = run("Ngày 9/7, tại Hà Nội", A);
        assert_eq!(r, vec![(Some("2020-07-09".into()), "Ngày 9/7".into())]);
        let r = run("hoàn thành trước ngày 31/10/2020.", None);
        assert_eq!(
            r,
            vec![(Some("2020-10-31".into()), "trước ngày 31/10/2020".into())]
        );
        assert!(run("có 45/67 đảng bộ và 1/3 cấp ủy viên", A).is_empty());
    }

    #[test]
    fn next_digits_finds_every_run() {
        let text = "Ngày 9/7/2020, lúc 14h30 (GMT+7) tại Hà Nội: 1.192/1.312 đảng bộ \
                    đạt 99,5% — kỷ niệm 90 năm. Ẻ1x22 y333 đ4444";
        for from in 0..=text.len() {
            let want = text.as_bytes()[from..]
                .iter()
                .position(u8::is_ascii_digit)
                .map(|k| {
                    let s = from + k;
                    let n = text.as_bytes()[s..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                    (s, s + n)
                });
            if text.is_char_boundary(from) {
                assert_eq!(next_digits(text, from), want, "{from}");
            }
        }
    }

    #[test]
    fn padding_matches_format() {
        for v in [
            -12345i64, -100, -7, 0, 3, 9, 10, 99, 100, 202, 1999, 2020, 12345,
        ] {
            for w in 1..=4 {
                assert_eq!(padded(v, w), format!("{v:0w$}"), "{v} {w}");
            }
        }
        let mut s = String::new();
        push_year(&mut s, None);
        push_year(&mut s, Some(-5));
        push_year(&mut s, Some(2021));
        assert_eq!(s, format!("XXXX{:04}{:04}", -5, 2021));
    }

    #[test]
    fn civil_roundtrip() {
        for z in [-1000i64, 0, 18_000, 18_500, 20_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        let a = Anchor {
            year: 2020,
            month: 3,
            day: 1,
        };
        assert_eq!(shift_days(a, -1), "2020-02-29");
        assert_eq!(shift_months(a, -3), "2019-12");
    }

    #[test]
    fn never_panics_on_any_window() {
        let text = "Thứ Tư, 07/04/2021, 07:46 [GMT+7] từ ngày 17 đến ngày 23-8-2020; \
                    quý II - 2021, 6 tháng đầu năm, những tháng cuối năm 2020, 14h30 ngày 9/7, \
                    lúc 8 giờ 30 tối, nhiệm kỳ 2020 - 2025 (25/8) 1.192/1.312 hôm qua 18 ngày trước";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (k, &a) in bounds.iter().enumerate() {
            for &b in bounds[k..].iter().step_by(7) {
                let doc = Doc::plain(&text[a..b], A);
                let mut claims = Claims::new();
                for t in extract(&doc, &mut claims) {
                    assert!(t.start < t.end && t.end <= b - a);
                }
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "",
            "/",
            "9/",
            "ngày",
            "tháng",
            "quý",
            "1",
            "ngày 9/7/",
            "ĐĐ9/7đ",
            "năm 20",
        ] {
            let _ = run(s, None);
        }
    }
}
