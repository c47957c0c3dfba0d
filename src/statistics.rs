//! Fractions and percentages with their subjects.
//!
//! What is extracted:
//! - fractions `x/y` read as "x out of y" ("1.192/1.312 đại hội", "1/3 cấp
//!   ủy viên", "108/108"), Vietnamese number style (dots group thousands);
//! - percentages "99,99%", "99,5 %", "99,5 phần trăm" (comma is the decimal
//!   mark).
//!
//! The span (`text`, `start`, `end`) is the number expression only: the
//! fraction, or the number with its "%" / "phần trăm". A hedge written right
//! before the number goes to `qualifier` (only true hedges: "gần", "hơn",
//! "khoảng", "trên", "dưới", "xấp xỉ", "gần như", "trên dưới", "ước tính",
//! "ít nhất", "chưa đến", ...; verbs such as "đạt" or "chiếm" are not hedges
//! and are left out, so "đạt gần 91%" has qualifier "gần"). In a range the
//! hedge before the lower bound qualifies the number kept: "khoảng 3 - 3,5%"
//! gives 3,5% with qualifier "khoảng" (the lower bound is not kept). The
//! `subject` is the noun phrase that follows the number, as written, up to
//! punctuation, a line break, a verb or auxiliary ("đã", "được", "đạt",
//! "hoàn thành", "để", ...), a clause-opening preposition ("trong", "so
//! với", ...) or another number. A comma ends it too, except inside a list
//! of count nouns: when the words since the start (or the last list comma)
//! are exactly one count noun of `LIST_NOUNS` and another one follows the
//! comma ("63/63 tỉnh, thành phố trực thuộc Trung ương", "100% cán bộ, đảng
//! viên"); "99,99% chi bộ trực thuộc, 100% ..." still stops at the comma. A
//! percentage whose subject comes before it ("tỷ lệ ... đạt 95%") gets a
//! null subject.
//!
//! What is NOT a fraction: dates ("ngày 1/3", "Thứ Hai, 9/7", "(25/8)",
//! "từ 15 đến 17/9", "tháng 9/2020"), chains "x/y/z" (full dates, State
//! codes), anything glued to letters or a dash code ("35-CT/TW",
//! "19/CT-TTg"), "24/7" and other ratios with a numerator above the
//! denominator, map scales ("1/500"), year spans ("2020/2025"), URLs and
//! numbers after "số" or in addresses ("ngõ 1/3"). A day/month look-alike
//! `D/M` (D ≤ 31, M ≤ 12) is a date after a strong cue ("ngày", "sáng",
//! "chiều", a weekday, "nhân dịp", "đợt", "Lễ", ...) or inside a list or
//! range of dates ("trao Huy hiệu Đảng đợt 2/9 cho ..." is a date);
//! otherwise it is a fraction when a counted noun follows it ("1/3 cấp ủy
//! viên"), a date after a weak cue ("từ", "đến", "trước", "đến nay"), a
//! fraction after a count word ("đạt 3/3", "gần 2/3"), and a date when
//! nothing decides. Plain counts ("kết nạp 184 đảng viên") are not
//! statistics.
//!
//! The scan is anchored on ASCII digits with a byte loop; the word lexicons
//! are consulted only around a candidate. Ranges claimed by earlier
//! extractors (document codes, dates) are skipped, and every kept number span
//! is claimed.

use crate::doc::{Claims, Doc};
use crate::numbers::{parse_decimal, parse_int};
use crate::record::{Statistic, StatisticKind};
use crate::text::{collapse_ws, is_word_char, word_end, word_start};

/// Hedges kept as `qualifier` when written right before the number
/// (lower-case, sorted; the longest match wins).
const HEDGES: &[&str] = &[
    "chưa tới",
    "chưa đến",
    "chừng",
    "dưới",
    "gần",
    "gần như",
    "hơn",
    "khoảng",
    "không dưới",
    "không quá",
    "ngót",
    "trên",
    "trên dưới",
    "tối thiểu",
    "tối đa",
    "xấp xỉ",
    "ít nhất",
    "ước",
    "ước khoảng",
    "ước tính",
];

/// Words right before a day/month look-alike that make it a date whatever
/// follows ("Ngày 1/3 cấp ủy họp", "trao Huy hiệu Đảng đợt 2/9 cho", "Lễ
/// 2/9"): after "đợt" the date reading wins even before a noun ("đợt 1/3
/// số đảng viên" is rare next to "đợt 19/5", "đợt 7/11").
const DATE_CUES: &[&str] = &[
    "chiều",
    "chủ nhật",
    "dịp",
    "hôm",
    "hôm nay",
    "hôm qua",
    "hạn",
    "kỷ niệm",
    "lúc",
    "lễ",
    "mùng",
    "mồng",
    "mừng",
    "ngày",
    "quý",
    "quốc khánh",
    "sáng",
    "tháng",
    "thứ 2",
    "thứ 3",
    "thứ 4",
    "thứ 5",
    "thứ 6",
    "thứ 7",
    "thứ ba",
    "thứ bảy",
    "thứ hai",
    "thứ năm",
    "thứ sáu",
    "thứ tư",
    "trưa",
    "tối",
    "đêm",
    "đợt",
];

/// Weaker date cues ("từ", "đến", "trước", "đến nay"): a day/month
/// look-alike after them is a date unless a counted noun follows it
/// ("đến nay 12/12 huyện").
const WEAK_DATE_CUES: &[&str] = &[
    "cuối",
    "giữa",
    "hết",
    "kể từ",
    "nay",
    "qua",
    "sau",
    "trước",
    "tới",
    "từ",
    "vào",
    "đầu",
    "đến",
];

/// Words before `x/y` that make it a number, not a count: "số 12/345",
/// addresses "ngõ 1/3", class names "lớp 10/2".
const NUMBER_PREFIXES: &[&str] = &["hẻm", "kiệt", "lớp", "ngách", "ngõ", "số"];

/// Words right before a day/month look-alike that make it a count
/// ("đạt 3/3", "gần 2/3").
const COUNT_CUES: &[&str] = &[
    "bằng",
    "chiếm",
    "chưa đến",
    "chừng",
    "còn",
    "có",
    "dưới",
    "gần",
    "gồm",
    "hoàn thành",
    "hơn",
    "khoảng",
    "là",
    "mới",
    "ngót",
    "trên",
    "xấp xỉ",
    "được",
    "đạt",
    "ước",
];

/// Lower-case words that cannot start the counted noun after a day/month
/// look-alike: "9/7 tại Hà Nội", "1/5 vừa qua" stay dates.
const NOT_NOUNS: &[&str] = &[
    "bị", "chiều", "cho", "có", "của", "diễn", "hàng", "hằng", "là", "lúc", "mới", "nay", "ngày",
    "nhằm", "này", "năm", "qua", "sáng", "sẽ", "theo", "tháng", "trong", "trưa", "tại", "tối",
    "tới", "từ", "và", "vào", "về", "với", "vừa", "đang", "đã", "đêm", "được", "đến", "để", "ở",
];

/// Words that end a subject (verbs, auxiliaries, clause openers, time
/// words). Two-word entries match two consecutive words.
const SUBJECT_STOPS: &[&str] = &[
    "bảo đảm",
    "bằng",
    "bị",
    "chiếm",
    "cho",
    "chưa",
    "còn",
    "có",
    "cùng kỳ",
    "cũng",
    "cần",
    "do",
    "dù",
    "giai đoạn",
    "giảm",
    "gồm",
    "hay",
    "hoàn thành",
    "hoặc",
    "khi",
    "không",
    "luôn",
    "là",
    "lên",
    "mà",
    "nay",
    "ngày",
    "nhiệm kỳ",
    "như",
    "nhưng",
    "nhằm",
    "nên",
    "năm",
    "nếu",
    "phải",
    "so với",
    "song",
    "sẽ",
    "tham gia",
    "theo",
    "tháng",
    "thì",
    "trong",
    "tăng",
    "tại",
    "tới",
    "từ",
    "vào",
    "vì",
    "vượt",
    "vẫn",
    "với",
    "xuống",
    "đang",
    "đã",
    "được",
    "đạt",
    "đảm bảo",
    "đến",
    "đều",
    "để",
    "ở",
];

/// Verbs that double as nouns ("tổ chức" = organize / organization): they
/// end a subject but cannot be its first word, and "tổ chức" followed by a
/// word of [`NOUN_AFTER_VERB`] stays a noun ("tổ chức cơ sở đảng").
const VERB_STOPS: &[&str] = &["thực hiện", "tiến hành", "triển khai", "tổ chức"];

/// The first words of the two-word entries of [`SUBJECT_STOPS`] and
/// [`VERB_STOPS`] (sorted): no other word can start one.
const STOP_FIRST_WORDS: &[&str] = &[
    "bảo", "cùng", "giai", "hoàn", "nhiệm", "so", "tham", "thực", "tiến", "triển", "tổ", "đảm",
];

/// Words after a [`VERB_STOPS`] entry that make it a noun.
const NOUN_AFTER_VERB: &[&str] = &[
    "bộ", "chính", "công", "cơ", "hội", "quần", "xã", "đoàn", "đảng",
];

/// Count nouns that may be listed with commas as one subject: "63/63
/// tỉnh, thành phố trực thuộc Trung ương", "100% cán bộ, đảng viên". A comma
/// continues a subject only between two of them (lower-case, sorted).
const LIST_NOUNS: &[&str] = &[
    "buôn",
    "bản",
    "bộ",
    "chi bộ",
    "chi đoàn",
    "chiến sĩ",
    "cán bộ",
    "công chức",
    "công nhân",
    "cơ quan",
    "cơ sở",
    "cụm dân cư",
    "doanh nghiệp",
    "giáo viên",
    "huyện",
    "huyện ủy",
    "học sinh",
    "hộ",
    "hộ gia đình",
    "hội viên",
    "hợp tác xã",
    "khu dân cư",
    "khu phố",
    "khối phố",
    "lao động",
    "làng",
    "ngành",
    "người dân",
    "người lao động",
    "nhân viên",
    "phường",
    "quận",
    "quận ủy",
    "sinh viên",
    "sở",
    "thành phố",
    "thành ủy",
    "thôn",
    "thị trấn",
    "thị xã",
    "trường",
    "tỉnh",
    "tỉnh ủy",
    "tổ chức cơ sở đảng",
    "tổ chức đảng",
    "tổ dân phố",
    "viên chức",
    "xã",
    "xóm",
    "đoàn viên",
    "đơn vị",
    "đảng bộ",
    "đảng viên",
    "đảng ủy",
    "địa phương",
    "ấp",
];

/// The longest subject kept, in words.
const MAX_SUBJECT_WORDS: usize = 12;

/// Finds every fraction and percentage in the content of `doc`.
///
/// Skips candidates overlapping `claims` (document codes and dates found
/// before) and claims the number spans it keeps. Statistics come out in text
/// order.
pub fn extract(doc: &Doc, claims: &mut Claims) -> Vec<Statistic> {
    let mut out = Vec::new();
    for (base, seg) in doc.segments() {
        scan_segment(doc, seg, base, claims, &mut out);
    }
    out
}

/// A number expression found in a segment, in segment coordinates.
struct Found {
    kind: StatisticKind,
    start: usize,
    end: usize,
    numerator: Option<u64>,
    denominator: Option<u64>,
    value: f64,
    /// Where the subject may start, or `None` when none can follow.
    subject_at: Option<usize>,
}

fn scan_segment(doc: &Doc, seg: &str, base: usize, claims: &mut Claims, out: &mut Vec<Statistic>) {
    let b = seg.as_bytes();
    let mut i = 0;
    // The next digit, found eight or sixteen bytes at a time.
    while let Some((start, _)) = crate::dates::next_digits(seg, i) {
        let mut j = start;
        while j < b.len() && matches!(b[j], b'0'..=b'9' | b'.' | b',' | b'/') {
            j += 1;
        }
        let mut end = j;
        while end > start && matches!(b[end - 1], b'.' | b',' | b'/') {
            end -= 1;
        }
        i = j;
        let found = if b[start..end].contains(&b'/') {
            fraction(seg, start, end)
        } else {
            percent(seg, start, end)
        };
        let Some(f) = found else { continue };
        let range = base + f.start..base + f.end;
        if claims.overlaps(&range) {
            continue;
        }
        claims.claim(range.clone());
        let m = doc.mention(range);
        out.push(Statistic {
            kind: f.kind,
            text: m.text,
            start: m.start,
            end: m.end,
            numerator: f.numerator,
            denominator: f.denominator,
            value: f.value,
            qualifier: {
                let q = range_start(seg, f.start);
                phrase_before(seg, q, HEDGES).map(|(s, _)| collapse_ws(seg[s..q].trim_end()))
            },
            subject: f.subject_at.and_then(|p| subject(seg, p)),
        });
    }
}

/// Where the range ending at the number at `start` begins: "khoảng 3 -
/// 3,5%" and "3% - 3,5%" begin at "3", so the hedge before the lower bound
/// qualifies the upper one; `start` itself when no range leads to it.
fn range_start(seg: &str, start: usize) -> usize {
    let head = seg[..start].trim_end_matches([' ', '\t']);
    let Some(head) = head.strip_suffix('-') else {
        return start;
    };
    let head = head.trim_end_matches([' ', '\t']);
    let head = head.strip_suffix('%').unwrap_or(head);
    let num = head
        .bytes()
        .rev()
        .take_while(|c| matches!(c, b'0'..=b'9' | b'.' | b','))
        .count();
    let lo = head.len() - num;
    if num == 0
        || !head.as_bytes()[lo].is_ascii_digit()
        || head[..lo].chars().next_back().is_some_and(is_word_char)
    {
        return start;
    }
    lo
}

/// `seg[start..end]` holds digits, dots, commas and slashes with a slash:
/// keep it when it is an "x out of y" count.
fn fraction(seg: &str, start: usize, end: usize) -> Option<Found> {
    let run = &seg[start..end];
    let (p0, p1) = run.split_once('/')?;
    if p1.contains('/') {
        return None; // x/y/z: full dates, State codes
    }
    let num = parse_int(p0)?;
    let den = parse_int(p1)?;
    if den == 0 || num > den {
        return None; // "24/7", "30/4" and other day/month or ratios
    }
    // Glued on the left: letters, digits of a code, URLs, dash codes.
    if let Some(c) = seg[..start].chars().next_back() {
        if is_word_char(c) || "/-:.,_+=&?#%@\\'".contains(c) {
            return None;
        }
    }
    // Glued on the right: a slash (chain), an upper-case letter or digit
    // (codes), a dash code, a percent sign, a decimal part.
    let rest = &seg[end..];
    let mut it = rest.chars();
    match it.next() {
        Some('/') | Some('%') | Some('_') | Some('@') => return None,
        Some('-') if it.next().is_some_and(|c| is_word_char(c) || c == '/') => return None,
        Some('.') | Some(',') if it.next().is_some_and(|c| c.is_ascii_digit()) => return None,
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => return None,
        _ => {}
    }
    let is_year = |n: u64| (1900..=2100).contains(&n);
    if is_year(num) && is_year(den) {
        return None; // "2020/2025", "năm học 2020/2021"
    }
    if (1..=12).contains(&num) && is_year(den) && !p1.contains('.') {
        return None; // "tháng 9/2020", "9/2020"
    }
    if num == 1 && den >= 100 && den % 100 == 0 {
        return None; // map scale "1/500"
    }
    if phrase_before(seg, start, NUMBER_PREFIXES).is_some() {
        return None; // "số 12/345", "ngõ 1/3": a number or an address
    }
    let date_like = !p0.contains('.') && !p1.contains('.') && (1..=31).contains(&num) && den <= 12;
    if date_like && !count_not_date(seg, start, end) {
        return None;
    }
    Some(Found {
        kind: StatisticKind::Fraction,
        start,
        end,
        numerator: Some(num),
        denominator: Some(den),
        value: num as f64 / den as f64,
        subject_at: Some(end),
    })
}

/// Decides a day/month look-alike `D/M` at `seg[start..end]`: true for a
/// count, false for a date.
fn count_not_date(seg: &str, start: usize, end: usize) -> bool {
    let before = strip_open(&seg[..start]);
    // "ngày 1 và 2/5", "26, 27/4", "(30/4 - 1/5)": the second part of a list
    // or range of dates.
    let bb = before.trim_end_matches([' ', '\t']);
    if bb.ends_with('-') || bb.ends_with(',') && prev_is_number(&bb[..bb.len() - 1]) {
        return false;
    }
    if prev_is_number(before) {
        return false;
    }
    for conj in ["và", "hoặc"] {
        if let Some((s, _)) = phrase_before(before, before.len(), &[conj]) {
            if prev_is_number(&before[..s]) {
                return false;
            }
        }
    }
    if phrase_before(before, before.len(), DATE_CUES).is_some() {
        return false;
    }
    // "25/1 - 1/2/2021": the first part of a range of dates.
    let after = seg[end..].trim_start_matches([' ', '\t']);
    if after.starts_with('-') {
        return false;
    }
    if noun_follows(&seg[end..]) {
        return true;
    }
    if phrase_before(before, before.len(), WEAK_DATE_CUES).is_some() {
        return false;
    }
    phrase_before(before, before.len(), COUNT_CUES).is_some()
}

/// `s` without trailing white space and an opening parenthesis or a comma
/// ("hôm nay (", "Thứ Hai, ").
fn strip_open(s: &str) -> &str {
    let s = s.trim_end_matches([' ', '\t']);
    let s = s.strip_suffix(['(', ',']).unwrap_or(s);
    s.trim_end_matches([' ', '\t'])
}

/// True when `s` ends (after spaces) with a bare number of one or two digits.
fn prev_is_number(s: &str) -> bool {
    let s = s.trim_end_matches([' ', '\t']);
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && !s[..s.len() - digits]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
}

/// True when a lower-case word that can start a counted noun follows `rest`
/// (after spaces, or glued: "22/61đảng bộ").
fn noun_follows(rest: &str) -> bool {
    let rest = rest.trim_start_matches([' ', '\t']);
    let len: usize = rest
        .chars()
        .take_while(|&c| is_word_char(c))
        .map(char::len_utf8)
        .sum();
    let word = &rest[..len];
    word.chars().next().is_some_and(char::is_lowercase) && !NOT_NOUNS.contains(&word)
}

/// `seg[start..end]` holds digits, dots and commas: keep it when "%" or
/// "phần trăm" follows.
fn percent(seg: &str, start: usize, end: usize) -> Option<Found> {
    if let Some(c) = seg[..start].chars().next_back() {
        if is_word_char(c) || c == '/' {
            return None;
        }
    }
    let rest = &seg[end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if gap > 2 {
        return None;
    }
    let after = &rest[gap..];
    let sign_len = if after.starts_with('%') {
        1
    } else if !after.starts_with(['p', 'P']) {
        return None; // only "p"/"P" lower-case to the "p" of "phần trăm"
    } else {
        let len = starts_with_ci(after, "phần trăm")?;
        if after[len..].chars().next().is_some_and(is_word_char) {
            return None;
        }
        len
    };
    let value = parse_decimal(&seg[start..end])?;
    let pend = end + gap + sign_len;
    // "7,54%/năm": a rate, nothing counted follows.
    let subject_at = (!seg[pend..].starts_with('/')).then_some(pend);
    Some(Found {
        kind: StatisticKind::Percent,
        start,
        end: pend,
        numerator: None,
        denominator: None,
        value,
        subject_at,
    })
}

/// The byte length of the prefix of `s` equal to `lower` ignoring case
/// (`lower` is lower-case), or `None`.
fn starts_with_ci(s: &str, lower: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = s.chars();
    for want in lower.chars() {
        let c = chars.next()?;
        if !c.to_lowercase().eq(std::iter::once(want)) {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// The start of the longest phrase of `list` (sorted, lower-case, words
/// separated by one space, at most three words) written right before `pos`
/// in `seg`, after spaces, as whole words and case-insensitively; with the
/// phrase matched.
fn phrase_before(seg: &str, pos: usize, list: &[&'static str]) -> Option<(usize, &'static str)> {
    // The last three words before `pos`, separated by spaces only, nearest
    // first, and their lower-case forms joined in text order.
    let mut starts = [0usize; 3];
    let mut n = 0;
    let mut end = pos;
    while n < 3 {
        let head = seg[..end].trim_end_matches([' ', '\t']);
        if n > 0 && head.len() == end {
            break; // words must be separated by spaces
        }
        let len = head.len() - word_start(head, head.len());
        if len == 0 {
            break;
        }
        starts[n] = head.len() - len;
        end = starts[n];
        n += 1;
    }
    if n == 0 {
        return None;
    }
    // The common case: the words fit a fixed buffer.
    let mut key = Key::new();
    let mut offs = [0usize; 3];
    for k in (0..n).rev() {
        if k + 1 < n {
            key.push(" ");
        }
        offs[k] = key.len;
        let w = seg[starts[k]..].split(|c: char| !is_word_char(c)).next();
        key.push(w.unwrap_or(""));
    }
    if !key.overflow {
        return (0..n).rev().find_map(|k| {
            let tail = &key.buf[offs[k]..key.len];
            let i = list
                .binary_search_by(|e| cmp_bytes(e.as_bytes(), tail))
                .ok()?;
            Some((starts[k], list[i]))
        });
    }
    let mut lower = String::with_capacity(pos - starts[n - 1]);
    for k in (0..n).rev() {
        if k + 1 < n {
            lower.push(' ');
        }
        offs[k] = lower.len();
        let w = seg[starts[k]..].split(|c: char| !is_word_char(c)).next();
        lower.extend(w.unwrap_or("").chars().flat_map(char::to_lowercase));
    }
    (0..n).rev().find_map(|k| {
        let i = list.binary_search(&&lower[offs[k]..]).ok()?;
        Some((starts[k], list[i]))
    })
}

/// `a.cmp(b)` for the short words of the lexicons, byte by byte inline
/// (the slice comparison calls `memcmp` for every probe).
#[inline]
fn cmp_bytes(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

/// A lower-cased phrase in a fixed buffer: the keys looked up in the word
/// lists are built without allocating. A phrase longer than the buffer is
/// longer than every list entry and matches nothing.
struct Key {
    buf: [u8; 64],
    len: usize,
    overflow: bool,
}

impl Key {
    fn new() -> Key {
        Key {
            buf: [0; 64],
            len: 0,
            overflow: false,
        }
    }

    /// Empties the key and appends `word` lower-cased.
    fn set(&mut self, word: &str) -> &mut Key {
        self.len = 0;
        self.overflow = false;
        self.push(word)
    }

    /// Appends `word` lower-cased.
    fn push(&mut self, word: &str) -> &mut Key {
        // ASCII bytes lower-case in place; other chars go through the
        // char-wise fold.
        let b = word.as_bytes();
        let ascii = b.iter().take_while(|c| c.is_ascii()).count();
        if self.len + ascii > self.buf.len() {
            self.overflow = true;
        } else {
            for (d, c) in self.buf[self.len..self.len + ascii].iter_mut().zip(b) {
                *d = c.to_ascii_lowercase();
            }
            self.len += ascii;
        }
        if ascii == b.len() {
            return self;
        }
        for c in word[ascii..].chars() {
            match crate::text::lower_char(c) {
                Some(l) => self.push_char(l),
                None => c.to_lowercase().for_each(|l| self.push_char(l)),
            }
        }
        self
    }

    fn push_char(&mut self, c: char) {
        let n = c.len_utf8();
        if self.len + n > self.buf.len() {
            self.overflow = true;
            return;
        }
        c.encode_utf8(&mut self.buf[self.len..]);
        self.len += n;
    }

    /// True when the key is an entry of the sorted `list`.
    fn found(&self, list: &[&str]) -> bool {
        // Byte order is `str` order: no UTF-8 check needed.
        let key = &self.buf[..self.len];
        !self.overflow
            && list
                .binary_search_by(|e| cmp_bytes(e.as_bytes(), key))
                .is_ok()
    }
}

/// The noun phrase starting at `pos` (after spaces), canonical, or `None`.
fn subject(seg: &str, pos: usize) -> Option<String> {
    let b = seg.as_bytes();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = pos;
    let mut bare_verbs_ok = false;
    // Where the current item of a comma list starts (an index in `words`),
    // and whether a list comma was just passed.
    let mut item = 0;
    let mut after_comma = false;
    loop {
        // Separator: spaces only (a line break or punctuation ends it).
        let mut j = i;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            break;
        }
        let len = word_end(seg, j, usize::MAX) - j;
        if len == 0 {
            // "tỉnh, thành phố": a comma between two listed count nouns.
            if b.get(j) == Some(&b',')
                && words.len() > item
                && is_list_noun(seg, &words[item..])
                && list_noun_follows(seg, j + 1)
            {
                item = words.len();
                i = j + 1;
                after_comma = true;
                continue;
            }
            break;
        }
        if j == i && !words.is_empty() && !after_comma {
            break;
        }
        after_comma = false;
        let word = &seg[j..j + len];
        if words.is_empty() && eq_ci(word, "việc") {
            // "100% việc tổ chức đại hội": a verb phrase is the subject.
            bare_verbs_ok = true;
        }
        if !bare_verbs_ok && is_stop(seg, j, j + len, words.is_empty()) {
            break;
        }
        if eq_ci(word, "và") && next_is_number(&seg[j + len..]) {
            break;
        }
        words.push((j, j + len));
        i = j + len;
        if words.len() >= MAX_SUBJECT_WORDS {
            break;
        }
    }
    let (first, _) = *words.first()?;
    let (_, last) = *words.last()?;
    Some(collapse_ws(&seg[first..last]))
}

/// True when `words` (ranges in `seg`) spell one entry of [`LIST_NOUNS`].
fn is_list_noun(seg: &str, words: &[(usize, usize)]) -> bool {
    if words.len() > 5 {
        return false;
    }
    let mut key = Key::new();
    for (n, &(s, e)) in words.iter().enumerate() {
        if n > 0 {
            key.push(" ");
        }
        key.push(&seg[s..e]);
    }
    key.found(LIST_NOUNS)
}

/// True when an entry of [`LIST_NOUNS`] starts at `pos` (after spaces) as
/// whole words.
fn list_noun_follows(seg: &str, pos: usize) -> bool {
    let mut key = Key::new();
    let mut k = pos;
    for n in 0..5 {
        let (gap, end) = word_after(seg, k);
        if end == k + gap || (n > 0 && gap == 0) {
            return false;
        }
        if n > 0 {
            key.push(" ");
        }
        if key.push(&seg[k + gap..end]).found(LIST_NOUNS) {
            return true;
        }
        k = end;
    }
    false
}

/// True when the word at `seg[s..e]`, alone or with the next word, is a
/// subject stop; `initial` for the first word of the subject, where the
/// verbs that double as nouns ("tổ chức") do not stop it.
fn is_stop(seg: &str, s: usize, e: usize, initial: bool) -> bool {
    let mut key = Key::new();
    if key.set(&seg[s..e]).found(SUBJECT_STOPS) {
        return true;
    }
    // Only a word that starts a two-word entry needs the next word.
    if !key.found(STOP_FIRST_WORDS) {
        return false;
    }
    let (gap, next_end) = word_after(seg, e);
    if gap == 0 || next_end == e + gap {
        return false;
    }
    if key
        .push(" ")
        .push(&seg[e + gap..next_end])
        .found(SUBJECT_STOPS)
    {
        return true;
    }
    if initial || !key.found(VERB_STOPS) {
        return false;
    }
    // "chi bộ tổ chức đại hội" stops; "số tổ chức cơ sở đảng" does not.
    let (g2, e2) = word_after(seg, next_end);
    !key.set(&seg[next_end + g2..e2]).found(NOUN_AFTER_VERB)
}

/// The word after `pos`: the length of the spaces before it and its end
/// (an empty word when none follows).
fn word_after(seg: &str, pos: usize) -> (usize, usize) {
    let rest = seg[pos..].trim_start_matches([' ', '\t']);
    let gap = seg.len() - pos - rest.len();
    (gap, word_end(seg, pos + gap, usize::MAX))
}

/// True when a number (digit) or a hedge and a number follow.
fn next_is_number(rest: &str) -> bool {
    rest.trim_start_matches([' ', '\t'])
        .bytes()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// `word` equals `lower` (lower-case) ignoring case.
fn eq_ci(word: &str, lower: &str) -> bool {
    starts_with_ci(word, lower) == Some(word.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Statistic> {
        let doc = Doc::plain(text, None);
        extract(&doc, &mut Claims::new())
    }

    #[test]
    fn stop_first_words_are_the_first_words_of_two_word_stops() {
        let mut firsts: Vec<&str> = SUBJECT_STOPS
            .iter()
            .chain(VERB_STOPS)
            .filter_map(|e| e.split_once(' ').map(|x| x.0))
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        assert_eq!(firsts, STOP_FIRST_WORDS);
    }

    #[test]
    fn cmp_bytes_is_slice_order() {
        let words = ["", "a", "ab", "b", "ba", "đ", "đả", "đảng", "đạt", "ở"];
        for a in words {
            for b in words {
                assert_eq!(
                    cmp_bytes(a.as_bytes(), b.as_bytes()),
                    a.as_bytes().cmp(b.as_bytes())
                );
            }
        }
    }

    #[test]
    fn lexicons_sorted_lowercase_unique() {
        for list in [
            HEDGES,
            NUMBER_PREFIXES,
            DATE_CUES,
            WEAK_DATE_CUES,
            COUNT_CUES,
            VERB_STOPS,
            NOUN_AFTER_VERB,
            NOT_NOUNS,
            SUBJECT_STOPS,
            LIST_NOUNS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
            for w in list {
                assert_eq!(*w, w.to_lowercase());
                assert_eq!(*w, collapse_ws(w));
            }
        }
    }

    #[test]
    fn fraction_with_subject() {
        let s = run("có 45/67 đảng bộ trực thuộc Trung ương đã hoàn thành");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].numerator, Some(45));
        assert_eq!(s[0].text, "45/67");
        assert_eq!(
            s[0].subject.as_deref(),
            Some("đảng bộ trực thuộc Trung ương")
        );
    }

    #[test]
    fn percent_with_hedge() {
        let s = run("đạt gần 91%; trong đó");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].value, 91.0);
        assert_eq!(s[0].qualifier.as_deref(), Some("gần"));
        assert_eq!(s[0].subject, None);
    }

    #[test]
    fn dates_are_not_fractions() {
        assert!(run("Ngày 1/3, tại Hà Nội").is_empty());
        assert!(run("Thứ Hai, 2/3, hội nghị").is_empty());
        assert!(run("Sáng 07/8/2020, đoàn").is_empty());
        assert!(run("từ 1 đến 2/5 tại").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for t in [
            "%",
            "/",
            "1/",
            "/1",
            "1%",
            "9 phần",
            "5 %/",
            "1/0",
            "ẻ1/2ẻ",
            "1/2đ",
        ] {
            let _ = run(t);
        }
    }
}
