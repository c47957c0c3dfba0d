//! Events: meetings, congresses, sessions, ceremonies, elections.
//!
//! How it works:
//!
//! 1. **Anchors.** A byte scan for the head words in any letter case
//!    ("hội nghị", "đại hội", "kỳ họp", "phiên họp", "hội thảo", "tọa đàm",
//!    "làm việc", "kỷ niệm", "bầu cử", "lễ"; see `scan`) finds candidates;
//!    word boundaries are checked by hand. Each sentence is delimited once
//!    for all the mentions in it, words are lower-cased on the stack and
//!    looked up in hashed views of the sorted tables (`words`, `lex`).
//! 2. **Name grammar.** After the head a small grammar reads what names the
//!    event: ordinals ("lần thứ 21", "lần XIX", "thứ tư", "Đại hội XIII",
//!    "Trung ương 4", "TW4"), terms ("khóa XIII", "nhiệm kỳ 2020-2025"), the
//!    body ("Ban Chấp hành Đảng bộ Khối các cơ quan Trung ương", "của Đảng"),
//!    known qualifiers ("mở rộng", "giao ban", "trực tuyến", "toàn quốc") and,
//!    for ceremonies and reviews, the rest of the phrase. A mention that names
//!    nothing ("Hội nghị", "tại hội nghị", "buổi làm việc") is an anaphor.
//!    Generic mentions ("đại hội đảng bộ các cấp", "các hội nghị", "đại hội
//!    điểm", lower-case "hội nghị" alone) are dropped.
//! 3. **One record per event.** A named mention joins the most recent
//!    compatible event (same kind, same scope national/local, no conflicting
//!    ordinal, body, term, qualifiers or date, and at least one shared
//!    identifying feature); anaphors join the most recent event of their
//!    kind (or the first one that follows when none precedes).
//! 4. **Attributes.** `date`: a date right after the name ("Hội nghị giao ban
//!    chiều 24-8-2020") or the leading date of the sentence that reports the
//!    event ("Ngày 9/7, tại Hà Nội, … tổ chức Hội nghị …"). `location`: the
//!    "tại X," preamble of that sentence, or "tại X" after the name in the
//!    same sentence; "tại điểm cầu tỉnh Sơn La" gives "điểm cầu tỉnh Sơn La".
//!    `organizer`: "[X] (vừa) tổ chức [event]", "[event] do [X] tổ chức",
//!    else the body named in the event's name (never for the national
//!    congress). `chairs`: officials in "Chủ trì Hội nghị, … X", "X … chủ trì
//!    Hội nghị", "do đồng chí X … chủ trì / làm Trưởng đoàn", "dưới sự chủ trì
//!    của X".
//! 5. **Order.** Events the article reports (attended "tại/dự/chủ trì", with
//!    a preamble, an organizer or chairs) come first, then the events it only
//!    refers to, each group in order of first mention.
//!
//! Choices: a "Nghị quyết Đại hội XIII của Đảng" reference counts the
//! congress it names (the document goes to `directives`); a bare
//! "Đại hội XIII" (Roman numeral up to XIV) is the national congress unless
//! a body follows ("Đại hội XIII của Đảng bộ Khối"); kinds are the head as
//! written: "kỷ niệm N năm …" gets kind "kỷ niệm", "Lễ kỷ niệm …" (or a
//! "kỷ niệm" event a "Lễ kỷ niệm" mention joins) "lễ kỷ niệm"; "làm việc
//! với/tại X" and "buổi làm việc" give kind "buổi làm việc"; "(Cuộc) bầu cử
//! đại biểu Quốc hội …" gives kind "bầu cử". Claims
//! are respected on the head word only; events claim nothing (last extractor).

mod fold;
mod lex;
mod scan;
mod words;

use std::ops::Range;

use once_cell::sync::Lazy;

use crate::doc::{Claims, Doc};
use crate::numbers::number_words;
use crate::record::{Event, Mention, Modifier, Official, Temporal};
use lex::{PhraseIndex, WordSet};
use words::{eq_lower, first_upper, prev_word_lower, Low, TokSlice, Toks};

/// What the head word says the event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    HoiNghi,
    DaiHoi,
    KyHop,
    PhienHop,
    HoiThao,
    ToaDam,
    LamViec,
    KyNiem,
    BauCu,
    Le,
}

/// Qualifiers that type a meeting or congress (lower case, canonical),
/// sorted (the longest match wins at lookup). `true` marks words that
/// describe the event without telling two events apart ("đại biểu").
const QUALIFIERS: &[(&str, bool)] = &[
    ("bất thường", false),
    ("chuyên đề", false),
    ("chủ chốt", false),
    ("các dân tộc thiểu số", false),
    ("cán bộ", false),
    ("cán bộ chủ chốt", false),
    ("cán bộ toàn quốc", false),
    ("cổ đông", false),
    ("cựu chiến binh", false),
    ("giao ban", false),
    ("giữa nhiệm kỳ", false),
    ("hội đồng nhân dân", false),
    ("khoa học", false),
    ("lần đầu", true),
    ("mở rộng", false),
    ("quốc tế", false),
    ("thi đua yêu nước", false),
    ("thường kỳ", false),
    ("thường niên", false),
    ("thể dục thể thao", false),
    ("toàn quốc", false),
    ("toàn thể", true),
    ("toàn thể đảng viên", true),
    ("trù bị", false),
    ("trực tuyến", false),
    ("điển hình tiên tiến", false),
    ("đại biểu", true),
    ("đồng cổ đông", false),
];

/// Words that start the purpose of a meeting ("Hội nghị sơ kết …"): the rest
/// of the phrase belongs to the name.
const PURPOSES: &[&str] = &[
    "biểu dương",
    "báo cáo viên",
    "công bố",
    "góp ý",
    "học tập",
    "lấy ý kiến",
    "phổ biến",
    "quán triệt",
    "sơ kết",
    "thông báo",
    "triển khai",
    "tuyên dương",
    "tổng kết",
];

/// Ceremonies: "lễ" + one of these.
const CEREMONIES: &[&str] = &[
    "bế mạc",
    "chào cờ",
    "công bố",
    "dâng hương",
    "khai giảng",
    "khai mạc",
    "khánh thành",
    "khởi công",
    "kết nạp",
    "kỷ niệm",
    "mít tinh",
    "phát động",
    "ra mắt",
    "thượng cờ",
    "trao",
    "truy điệu",
    "tuyên dương",
    "tổng kết",
    "đón nhận",
];

/// The kinds of the ceremonies, "lễ " + each of [`CEREMONIES`].
const CEREMONY_KINDS: &[&str] = &[
    "lễ bế mạc",
    "lễ chào cờ",
    "lễ công bố",
    "lễ dâng hương",
    "lễ khai giảng",
    "lễ khai mạc",
    "lễ khánh thành",
    "lễ khởi công",
    "lễ kết nạp",
    "lễ kỷ niệm",
    "lễ mít tinh",
    "lễ phát động",
    "lễ ra mắt",
    "lễ thượng cờ",
    "lễ trao",
    "lễ truy điệu",
    "lễ tuyên dương",
    "lễ tổng kết",
    "lễ đón nhận",
];

/// Lower-case words allowed inside an organization name after its first
/// capitalized word ("Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh").
const BODY_CONNECTORS: &[&str] = &[
    "các",
    "cơ quan",
    "cơ sở",
    "doanh nghiệp",
    "huyện",
    "nhà nước",
    "nhân dân",
    "phường",
    "quận",
    "thành phố",
    "thị trấn",
    "thị xã",
    "tỉnh",
    "tối cao",
    "và",
    "xã",
];

/// Lower-case units of a commune or ward that a number or a name follows
/// inside an organization name ("Chi bộ xóm 5", "Chi bộ thôn Đông Hòa").
const PLACE_UNITS: &[&str] = &[
    "buôn",
    "bản",
    "khu",
    "khu dân cư",
    "khu phố",
    "khóm",
    "khối",
    "khối phố",
    "làng",
    "thôn",
    "tiểu khu",
    "tổ",
    "tổ dân phố",
    "xóm",
    "ấp",
];

/// Two-syllable words in lower case that continue an organ's name after
/// "ban", "đoàn", "tổ" ("Đoàn công tác", "Ban chỉ đạo").
const ORG_COMPOUNDS: &[&str] = &[
    "chấp hành",
    "chỉ đạo",
    "công tác",
    "dân vận",
    "giám sát",
    "kiểm tra",
    "nội chính",
    "thường vụ",
    "tuyên giáo",
    "tổ chức",
];

/// Lower-case words that never continue an organization name after a
/// capitalized word ("Đảng bộ Khối thành công", "của Đảng để").
const BODY_STOPS: &[&str] = &[
    "bầu", "bằng", "cho", "chào", "có", "cùng", "cũng", "cần", "của", "diễn", "do", "góp", "họp",
    "khi", "khóa", "kết", "luôn", "là", "lần", "mà", "ngày", "nhiệm", "như", "nhằm", "này", "nêu",
    "năm", "phải", "qua", "sau", "sẽ", "tham", "theo", "thành", "tháng", "thứ", "thực", "tiến",
    "triển", "trong", "trên", "trước", "tại", "tổ", "từ", "vì", "về", "với", "vừa", "đang", "đã",
    "đó", "được", "đạt", "đến", "đều", "để", "đối", "ở",
];

/// Words before a head that make it a class of events, not one event.
const DETERMINERS: &[&str] = &[
    "ba", "bốn", "các", "hai", "mọi", "mỗi", "một", "nhiều", "những", "năm", "số", "từng",
];

/// Words after which a lower-case bare head still points at the event
/// ("tại hội nghị", "dự hội nghị", "kết luận hội nghị", "chủ trì hội nghị").
const ANAPHOR_CUES: &[&str] = &["cảnh", "dự", "luận", "mạc", "trì", "tại"];

/// Words before "làm việc" that make it a noun of something else.
const WORK_NOUNS: &[&str] = &[
    "chương",
    "chế",
    "giờ",
    "lối",
    "ngày",
    "phong",
    "pháp",
    "quy",
    "thời",
    "trường",
];

/// Words joined by a comma inside a name: the last syllable of the first,
/// the first of the second ("phòng, chống", "xây dựng, chỉnh đốn", "quán
/// triệt, triển khai").
const COMMA_PAIRS: &[(&str, &str)] = &[("dựng", "chỉnh"), ("phòng", "chống"), ("triệt", "triển")];

/// Words that end a ceremony or review phrase.
const TAIL_STOPS: &[&str] = &[
    "bảo", "cho", "có", "của", "diễn", "do", "nhằm", "sáng", "sẽ", "trưa", "tại", "tối", "và",
    "vào", "với", "đã", "được", "để",
];

/// Words allowed between an event's name and its date ("Hội nghị giao ban
/// chiều 24-8-2020", "… được tổ chức vào ngày …").
const DATE_GAP: &[&str] = &[
    "bế", "chiều", "chức", "diễn", "hôm", "họp", "khai", "mạc", "ngày", "ra", "sáng", "trưa",
    "tối", "tổ", "vào", "đêm", "được",
];

/// Words allowed before a sentence's leading date ("Sáng 07/8/2020, …").
const LEAD_GAP: &[&str] = &[
    "ba", "chiều", "dự", "hai", "hôm", "kiến", "ngày", "sau", "sáng", "trong", "trưa", "trước",
    "tối", "vào", "đêm", "đó",
];

/// First words of a place after "tại" that are not capitalized.
const PLACE_HEADS: &[&str] = &[
    "huyện",
    "hội trường",
    "nhà văn hóa",
    "phường",
    "thành phố",
    "thủ đô",
    "trung tâm",
    "trụ sở",
    "tỉnh",
    "xã",
    "điểm cầu",
];

/// Capitalized words after "tại" that start a document or an event, not a
/// place.
const NOT_PLACES: &[&str] = &[
    "buổi", "báo", "chương", "chỉ", "công", "dự", "hướng", "hội", "khoản", "kế", "kết", "kỳ",
    "luật", "lễ", "nghị", "phiên", "quy", "quyết", "thông", "tọa", "văn", "điều", "đại", "đề",
];

/// Organization words that may name an event's organizer.
const ORG_STARTS: &[&str] = &[
    "ban",
    "bộ",
    "chi",
    "chính",
    "công",
    "cơ",
    "cục",
    "hđnd",
    "học",
    "hội",
    "liên",
    "mặt",
    "quân",
    "quốc",
    "sở",
    "thành",
    "thường",
    "trung",
    "tỉnh",
    "tổng",
    "ubnd",
    "văn",
    "đoàn",
    "đảng",
    "ủy",
];

/// Hashed views of the hot tables.
static BODY_STOPS_SET: Lazy<WordSet> = Lazy::new(|| WordSet::new(BODY_STOPS));
static TAIL_STOPS_SET: Lazy<WordSet> = Lazy::new(|| WordSet::new(TAIL_STOPS));
static DETERMINERS_SET: Lazy<WordSet> = Lazy::new(|| WordSet::new(DETERMINERS));
static QUALIFIERS_INDEX: Lazy<PhraseIndex> =
    Lazy::new(|| PhraseIndex::new(QUALIFIERS.iter().map(|q| q.0)));
static PURPOSES_INDEX: Lazy<PhraseIndex> = Lazy::new(|| PhraseIndex::new(PURPOSES.iter().copied()));
static CEREMONIES_INDEX: Lazy<PhraseIndex> =
    Lazy::new(|| PhraseIndex::new(CEREMONIES.iter().copied()));
static BODY_CONNECTORS_INDEX: Lazy<PhraseIndex> =
    Lazy::new(|| PhraseIndex::new(BODY_CONNECTORS.iter().copied()));
static ORG_COMPOUNDS_INDEX: Lazy<PhraseIndex> =
    Lazy::new(|| PhraseIndex::new(ORG_COMPOUNDS.iter().copied()));
static PLACE_UNITS_INDEX: Lazy<PhraseIndex> =
    Lazy::new(|| PhraseIndex::new(PLACE_UNITS.iter().copied()));
static PLACE_HEADS_INDEX: Lazy<PhraseIndex> =
    Lazy::new(|| PhraseIndex::new(PLACE_HEADS.iter().copied()));

fn in_sorted(table: &[&str], w: &str) -> bool {
    table.binary_search(&w).is_ok()
}

fn all_roman_caps(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// A sentence longer than this is cut: no scan grows with the article.
const MAX_SENTENCE: usize = 1500;

/// Where the sentence holding `pos` starts and ends in `seg`: "\n" and ".",
/// "!", "?", ";" followed by white space end a sentence. Also tells whether
/// both ends are real boundaries (an end mark or an end of `seg`) rather
/// than the length cap.
fn sentence_scan(seg: &str, pos: usize) -> (Range<usize>, bool) {
    const MAX: usize = MAX_SENTENCE;
    let b = seg.as_bytes();
    let is_end = |i: usize| -> bool {
        match b[i] {
            b'\n' => true,
            b'.' | b'!' | b'?' | b';' => i + 1 >= b.len() || matches!(b[i + 1], b' ' | b'\n'),
            _ => false,
        }
    };
    let pos = pos.min(b.len());
    let floor = pos.saturating_sub(MAX);
    // Back to the first end mark before `pos` (or the floor).
    let mut start = pos;
    while let Some(k) = rfind_mark(&b[floor..start]) {
        if is_end(floor + k) {
            start = floor + k + 1;
            break;
        }
        start = floor + k;
    }
    if start > floor && !is_end(start - 1) {
        start = floor;
    }
    let natural_start = start == 0 || is_end(start - 1);
    while !seg.is_char_boundary(start) {
        start += 1;
    }
    let ceil = (pos + MAX).min(b.len());
    let mut end = pos;
    loop {
        match find_mark(&b[end..ceil]) {
            Some(k) if is_end(end + k) => {
                end += k;
                break;
            }
            Some(k) => end += k + 1,
            None => {
                end = ceil;
                break;
            }
        }
    }
    let natural_end = end == b.len() || is_end(end);
    while !seg.is_char_boundary(end) {
        end -= 1;
    }
    (start..end.max(pos), natural_start && natural_end)
}

/// The bytes of a block that may end a sentence ("\n", ".", "!", "?",
/// ";"), as a mask with bit 0 of each such byte set; comparisons only, so
/// that the compiler tests the 16 bytes with vector instructions.
#[inline(always)]
fn marks16(c: &[u8; 16]) -> u128 {
    let mut f = [0u8; 16];
    for k in 0..16 {
        let x = c[k];
        // Zero only for a mark (a minimum of differences rather than five
        // comparisons, which the compiler would turn into a scalar bit test).
        let d = (x ^ b'\n')
            .min(x ^ b'.')
            .min(x ^ b'!')
            .min(x ^ b'?')
            .min(x ^ b';');
        f[k] = u8::from(d == 0);
    }
    u128::from_le_bytes(f)
}

/// True when `x` may end a sentence.
#[inline]
fn is_mark(x: u8) -> bool {
    matches!(x, b'\n' | b'.' | b'!' | b'?' | b';')
}

/// The first sentence mark in `b`, sixteen bytes tested at a time.
fn find_mark(b: &[u8]) -> Option<usize> {
    let mut chunks = b.chunks_exact(16);
    let mut at = 0;
    for c in &mut chunks {
        let m = marks16(c.try_into().unwrap_or(&[0; 16]));
        if m != 0 {
            return Some(at + m.trailing_zeros() as usize / 8);
        }
        at += 16;
    }
    chunks
        .remainder()
        .iter()
        .position(|&x| is_mark(x))
        .map(|k| at + k)
}

/// The last sentence mark in `b`, sixteen bytes tested at a time.
fn rfind_mark(b: &[u8]) -> Option<usize> {
    let mut chunks = b.rchunks_exact(16);
    let mut end = b.len();
    for c in &mut chunks {
        end -= 16;
        let m = marks16(c.try_into().unwrap_or(&[0; 16]));
        if m != 0 {
            return Some(end + (127 - m.leading_zeros() as usize) / 8);
        }
    }
    chunks.remainder().iter().rposition(|&x| is_mark(x))
}

/// The last sentence `scan_segment` found, reused for the next mentions in
/// it: `sentence_scan` gives the same range for any position inside a
/// sentence whose ends are real boundaries within reach of the cap.
struct SentMemo {
    range: Range<usize>,
    natural: bool,
    caps: Option<bool>,
}

impl SentMemo {
    fn covers(&self, pos: usize) -> bool {
        self.natural
            && self.range.start <= pos
            && pos < self.range.end
            && pos.saturating_sub(MAX_SENTENCE) <= self.range.start
            && pos + MAX_SENTENCE >= self.range.end
    }
}

/// One mention of an event as read from the text (segment coordinates made
/// absolute).
#[derive(Debug, Clone)]
struct Cand {
    kind: &'static str,
    /// The head word's range.
    head: Range<usize>,
    /// End of the name (terms after "nhiệm kỳ" excluded).
    name_end: usize,
    /// End of everything the grammar read.
    span_end: usize,
    ordinal: Option<u32>,
    term_khoa: Option<String>,
    term_years: Option<String>,
    body: Option<Range<usize>>,
    body_key: Option<String>,
    national: bool,
    local: bool,
    desc: String,
    purpose: Option<&'static str>,
    /// Free text that names a ceremony, a review or an election.
    title: String,
    anaphor: bool,
    term_only: bool,
    reference: bool,
    attended: bool,
    sentence: Range<usize>,
    /// The month a periodic meeting is named after ("Phiên họp Chính phủ
    /// thường kỳ tháng 9 năm 2021"): month, year when written.
    period: Option<(u8, Option<u16>)>,
    /// Where that month is written (absolute), for its Temporal.
    period_at: Option<usize>,
}

impl Cand {
    fn new(kind: &'static str, head: Range<usize>, sentence: Range<usize>) -> Self {
        Cand {
            kind,
            name_end: head.end,
            span_end: head.end,
            head,
            ordinal: None,
            term_khoa: None,
            term_years: None,
            body: None,
            body_key: None,
            national: false,
            local: false,
            desc: String::new(),
            purpose: None,
            title: String::new(),
            anaphor: false,
            term_only: false,
            reference: false,
            attended: false,
            sentence,
            period: None,
            period_at: None,
        }
    }
}

/// Reads a known phrase (lower case, single spaces) starting at token `i`;
/// returns the phrase and the index after it. The longest phrase of the
/// table that matches wins (the first of equal ones).
fn match_phrase(toks: &mut Toks, i: usize, index: &PhraseIndex) -> Option<(&'static str, usize)> {
    let w0 = toks.word(i)?;
    let l0 = Low::new(w0);
    match_phrase_low(toks, i, w0, &l0, index)
}

/// `match_phrase` with the token's word `w0` and its lower case `l0` known.
fn match_phrase_low(
    toks: &mut Toks,
    i: usize,
    w0: &str,
    l0: &str,
    index: &PhraseIndex,
) -> Option<(&'static str, usize)> {
    if l0.len() != w0.len() {
        // Case pairs of Vietnamese letters have the same UTF-8 length.
        return None;
    }
    let mut best: Option<(&'static str, usize)> = None;
    for &p in index.starting_with(l0) {
        let rest = &p[l0.len()..];
        let mut n = 1;
        let mut ok = true;
        for w in rest.split(' ').skip(1) {
            if toks.word(i + n).is_some_and(|x| eq_lower(x, w)) {
                n += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok && best.is_none_or(|(b, _)| p.len() > b.len()) {
            best = Some((p, i + n));
        }
    }
    best
}

/// End byte of token `i` (read before).
fn tok_end(toks: &mut Toks, i: usize) -> usize {
    toks.get(i).map_or(0, |t| t.end)
}

/// An ordinal at token `i`: Arabic digits, a Roman numeral in capitals, or
/// number words ("sáu", "hai mươi mốt"). Returns the value and the index
/// after it.
fn read_ordinal(toks: &mut Toks, i: usize, words: bool) -> Option<(u32, usize)> {
    let w = toks.word(i)?;
    if w.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = w.parse().ok()?;
        return (1..=999).contains(&n).then_some((n, i + 1));
    }
    if all_roman_caps(w) {
        return crate::numbers::roman(w).map(|n| (n, i + 1));
    }
    if !words {
        return None;
    }
    // Up to three words, lower-cased, single spaces.
    let mut s = String::new();
    for k in i..i + 3 {
        let Some(w) = toks.word(k) else {
            break;
        };
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&Low::new(w));
    }
    let (n, len) = number_words(&s)?;
    // Map the bytes read back to a token count.
    let read = s[..len].split(' ').count();
    Some((n, i + read))
}

/// Reads an organization name from token `i`: a capitalized word, then
/// capitalized words, one lower-case syllable after a capitalized one
/// ("Ban Chấp hành", "Đảng bộ"), and connectors ("các cơ quan"). Keywords
/// of the event grammar end it. Returns the index after it.
fn read_body(toks: &mut Toks, i: usize, allow_lower_start: bool) -> Option<usize> {
    let first = toks.word(i)?;
    if !first_upper(first) && !allow_lower_start {
        return None;
    }
    let mut j = i + 1;
    let mut prev_upper = true;
    while let Some(w) = toks.word(j) {
        let lw_buf = Low::new(w);
        let lw: &str = &lw_buf;
        if is_keyword(lw)
            || lw == "cấp"
            || lw == "trực"
            || match_phrase_low(toks, j, w, lw, &QUALIFIERS_INDEX).is_some()
        {
            break;
        }
        if all_roman_caps(w) || w.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        if first_upper(w) {
            prev_upper = true;
            j += 1;
        } else if let Some(k) = place_unit(toks, j, w, lw) {
            // "xóm 5", "thôn Đông": the number or first word of the name.
            prev_upper = false;
            j = k;
        } else if let Some(k) = org_compound(toks, j, w, lw) {
            prev_upper = false;
            j = k;
        } else if let Some((_, k)) = match_phrase_low(toks, j, w, lw, &BODY_CONNECTORS_INDEX) {
            prev_upper = false;
            j = k;
        } else if prev_upper && !BODY_STOPS_SET.contains(lw) {
            prev_upper = false;
            j += 1;
        } else {
            break;
        }
    }
    // Do not end on a bare connector ("… Khối và").
    while j > i + 1 {
        let w = Low::new(toks.word(j - 1).unwrap_or(""));
        if matches!(&*w, "và" | "các") {
            j -= 1;
        } else {
            break;
        }
    }
    Some(j)
}

/// A two-syllable word of an organ's name at token `i` ("công tác" after
/// "Đoàn"): the index after it.
fn org_compound(toks: &mut Toks, i: usize, w: &str, lw: &str) -> Option<usize> {
    let prev = toks.word(i.checked_sub(1)?)?;
    let organ = ["ban", "đoàn", "tổ"].iter().any(|o| eq_lower(prev, o));
    if !organ {
        return None;
    }
    match_phrase_low(toks, i, w, lw, &ORG_COMPOUNDS_INDEX).map(|(_, k)| k)
}

/// A place unit at token `i` followed by a number or a capitalized word
/// ("xóm 5", "thôn Đông"): the index after that number or word.
fn place_unit(toks: &mut Toks, i: usize, w: &str, lw: &str) -> Option<usize> {
    let (_, k) = match_phrase_low(toks, i, w, lw, &PLACE_UNITS_INDEX)?;
    let n = toks.word(k)?;
    let number = n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit());
    let name = first_upper(n) && !all_roman_caps(n);
    (number || name).then_some(k + 1)
}

fn qualifier_phrase(
    toks: &mut Toks,
    i: usize,
    w: &str,
    lw: &str,
) -> Option<(&'static str, bool, usize)> {
    let (p, j) = match_phrase_low(toks, i, w, lw, &QUALIFIERS_INDEX)?;
    let filler = QUALIFIERS.iter().find(|q| q.0 == p).is_some_and(|q| q.1);
    Some((p, filler, j))
}

fn is_keyword(lw: &str) -> bool {
    matches!(lw, "lần" | "thứ" | "khóa" | "nhiệm" | "của")
}

/// Canonical key of an organization name: lower case, "TW"/"T.Ư"/"TƯ" as
/// "trung ương", the Central Committee as "ban chấp hành trung ương".
fn body_key(seg: &str, toks: TokSlice) -> String {
    let span = match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => b.end - a.start,
        _ => 0,
    };
    let mut k = String::with_capacity(span + 16);
    let mut push = |w: &str| {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(w);
    };
    for t in toks.iter().filter(|t| t.word) {
        let w = &seg[t.start..t.end];
        let lw_buf = Low::new(w);
        let lw: &str = &lw_buf;
        match lw {
            "tw" | "t.ư" => push("trung ương"),
            "tư" if w == "TƯ" => push("trung ương"),
            "đại" | "biểu" => {}
            _ => push(lw),
        }
    }
    match k.as_str() {
        "trung ương" | "trung ương đảng" | "ban chấp hành trung ương đảng" => {
            "ban chấp hành trung ương".to_string()
        }
        _ => k,
    }
}

fn is_central(key: &str) -> bool {
    key == "ban chấp hành trung ương"
}

/// True when the words of one key start the other ("đảng bộ khối" and
/// "đảng bộ khối các cơ quan trung ương").
fn prefix_compatible(a: &str, b: &str) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    l.starts_with(s) && (l.len() == s.len() || l.as_bytes()[s.len()] == b' ')
}

/// True when the words of one key appear contiguously in the other.
fn contains_words(a: &str, b: &str) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if s.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = l[from..].find(s) {
        let at = from + i;
        let before_ok = at == 0 || l.as_bytes()[at - 1] == b' ';
        let after = at + s.len();
        let after_ok = after == l.len() || l.as_bytes()[after] == b' ';
        if before_ok && after_ok {
            return true;
        }
        from = at + 1;
        while !l.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// The text of the ~`n` bytes before `pos` (on a char boundary).
fn before(seg: &str, pos: usize, n: usize) -> &str {
    let mut s = pos.saturating_sub(n);
    while !seg.is_char_boundary(s) {
        s += 1;
    }
    &seg[s..pos]
}

/// True when `s.to_lowercase()` ends with one of `ps` (lower case, no
/// combining marks): the end of `s` is compared in place when lower-casing
/// keeps the length of every character.
fn ends_with_lower(s: &str, ps: &[&str]) -> bool {
    if !words::lower_keeps_len(s.as_bytes()) {
        let l = Low::new(s);
        return ps.iter().any(|p| l.ends_with(p));
    }
    // The case forms of a letter differ in bit 0x20 (ASCII, C3 xx) or bit
    // 1 (E1 xx yy, C4 xx) of their last byte.
    let last = |x: &str| x.as_bytes().last().map_or(0, |&b| b | 0x21);
    let ls = last(s);
    ps.iter().any(|p| {
        s.len() >= p.len()
            && ls == last(p)
            && s.is_char_boundary(s.len() - p.len())
            && eq_lower(&s[s.len() - p.len()..], p)
    })
}

/// Reads the name after a structured head (meetings, congresses, sessions).
fn parse_structured(seg: &str, off: usize, c: &mut Cand, head: Head, caps_line: bool) {
    let sent_end = c.sentence.end - off;
    let head_end = c.head.end - off;
    let mut toks = Toks::new(seg, head_end, sent_end, 48);
    let toks = &mut toks;
    let head_text = &seg[c.head.start - off..head_end];
    let head_upper = first_upper(head_text) || caps_line;
    let mut i = 0;
    let mut name_end = head_end;
    let mut span_end = head_end;
    let mut generic = false;
    let mut quoted = false;
    let mut lower_body = false;
    while let Some(t) = toks.get(i) {
        let w = &seg[t.start..t.end];
        if !t.word {
            match w {
                "," => {
                    let nw = toks.low(i + 1);
                    let cont = match nw.as_deref() {
                        Some("khóa") => true,
                        Some("nhiệm") => toks.is_low(i + 2, "kỳ"),
                        Some(_) => {
                            // "Kỳ họp thứ 10, Quốc hội khóa XIV": the body
                            // and its term; in "Tại Kỳ họp thứ 5, Quốc hội đã
                            // thông qua" the body starts the next clause.
                            head == Head::KyHop
                                && c.ordinal.is_some()
                                && c.body.is_none()
                                && toks.word(i + 1).is_some_and(first_upper)
                                && read_body(toks, i + 1, false).is_some_and(|k| {
                                    let k = if toks.is(k, "(") { k + 1 } else { k };
                                    match toks.low(k).as_deref() {
                                        Some("khóa") => true,
                                        Some("nhiệm") => toks.is_low(k + 1, "kỳ"),
                                        _ => false,
                                    }
                                })
                        }
                        None => false,
                    };
                    if cont {
                        i += 1;
                        continue;
                    }
                    break;
                }
                "(" => {
                    let inner = toks.low(i + 1);
                    match inner.as_deref() {
                        Some(lw) if lw != "khóa" => {
                            // "(mở rộng)", "(chuyên đề)": a qualifier.
                            let w = toks.word(i + 1).unwrap_or("");
                            if let Some((q, filler, k)) = qualifier_phrase(toks, i + 1, w, lw) {
                                if toks.is(k, ")") {
                                    if !filler {
                                        add_desc(&mut c.desc, q);
                                    }
                                    name_end = tok_end(toks, k);
                                    span_end = name_end;
                                    i = k + 1;
                                    continue;
                                }
                            }
                            break;
                        }
                        Some("khóa") => {
                            if let Some(r) = toks.word(i + 2).filter(|r| all_roman_caps(r)) {
                                if toks.is(i + 3, ")") {
                                    c.term_khoa = Some(["khóa ", r].concat());
                                    name_end = tok_end(toks, i + 3);
                                    span_end = name_end;
                                    i += 4;
                                    continue;
                                }
                            }
                            break;
                        }
                        _ => break,
                    }
                }
                // A quoted title names a workshop, or a meeting named by
                // nothing else: after a plenum's ordinal or term it is the
                // title of the document the plenum issued.
                "\"" if matches!(head, Head::HoiThao | Head::ToaDam)
                    || (head == Head::HoiNghi
                        && c.ordinal.is_none()
                        && c.term_khoa.is_none()
                        && c.body.is_none()
                        && !c.national) =>
                {
                    // A quoted title: up to the closing quote.
                    let mut k = i + 1;
                    let close = loop {
                        match toks.get(k) {
                            Some(x) if &seg[x.start..x.end] == "\"" => break Some((k, x)),
                            Some(_) => k += 1,
                            None => break None,
                        }
                    };
                    if let Some((k, close)) = close {
                        c.title = words::lower_collapse(&seg[t.end..close.start]);
                        quoted = true;
                        name_end = close.end;
                        span_end = name_end;
                        i = k + 1;
                        continue;
                    }
                    break;
                }
                _ => break,
            }
        }
        let lw_buf = Low::new(w);
        let lw: &str = &lw_buf;
        // Generic classes of events.
        if (i == 0 && lw == "điểm")
            || (lw == "các" && toks.is_low(i + 1, "cấp"))
            || (lw == "cấp" && toks.is_low(i + 1, "trên"))
            || (lw == "trực" && toks.is_low(i + 1, "thuộc"))
        {
            generic = true;
            break;
        }
        match lw {
            "lần" => {
                let j = if toks.is_low(i + 1, "thứ") {
                    i + 2
                } else {
                    i + 1
                };
                if let Some((n, k)) = read_ordinal(toks, j, j == i + 2) {
                    if c.ordinal.is_none() {
                        c.ordinal = Some(n);
                    }
                    name_end = tok_end(toks, k - 1);
                    span_end = name_end;
                    i = k;
                    continue;
                }
                break;
            }
            "thứ" => {
                if let Some((n, k)) = read_ordinal(toks, i + 1, true) {
                    if c.ordinal.is_none() {
                        c.ordinal = Some(n);
                    }
                    name_end = tok_end(toks, k - 1);
                    span_end = name_end;
                    i = k;
                    continue;
                }
                break;
            }
            "khóa" => {
                if let Some(r) = toks.word(i + 1).filter(|r| all_roman_caps(r)) {
                    c.term_khoa = Some(["khóa ", r].concat());
                    name_end = tok_end(toks, i + 1);
                    span_end = name_end;
                    i += 2;
                    continue;
                }
                break;
            }
            "tháng" | "quý" if periodic(c, head) && c.period.is_none() => {
                if let Some((period, k)) = read_period(toks, i) {
                    c.period = Some(period);
                    c.period_at = Some(t.start + off);
                    name_end = tok_end(toks, k - 1);
                    span_end = name_end;
                    i = k;
                    continue;
                }
                break;
            }
            "nhiệm" if toks.is_low(i + 1, "kỳ") => {
                if let Some((years, k)) = read_years(toks, i + 2) {
                    c.term_years = Some(years);
                    span_end = tok_end(toks, k - 1);
                    i = k;
                    continue;
                }
                break;
            }
            "của" => {
                if let Some(k) = read_body(toks, i + 1, false) {
                    let key = body_key(seg, toks.range(i + 1, k));
                    if key == "đảng" || key == "đảng cộng sản việt nam" {
                        c.national = true;
                    } else if c.body.is_none() {
                        set_body(c, off, toks.range(i + 1, k), key);
                    }
                    name_end = tok_end(toks, k - 1);
                    span_end = name_end;
                    i = k;
                    continue;
                }
                break;
            }
            _ => {}
        }
        if all_roman_caps(w) && c.ordinal.is_none() {
            if let Some(n) = crate::numbers::roman(w) {
                c.ordinal = Some(n);
                name_end = t.end;
                span_end = name_end;
                i += 1;
                continue;
            }
        }
        if w.bytes().all(|b| b.is_ascii_digit()) {
            // "Trung ương 4", "T.Ư 2": a number right after the Central
            // Committee.
            let central = c.body_key.as_deref().is_some_and(is_central)
                && c.ordinal.is_none()
                && tok_end(toks, i - 1) == c.body.as_ref().map_or(0, |b| b.end - off);
            if central {
                if let Ok(n) = w.parse::<u32>() {
                    if (1..=99).contains(&n) {
                        c.ordinal = Some(n);
                        name_end = t.end;
                        span_end = name_end;
                        i += 1;
                        continue;
                    }
                }
            }
            break;
        }
        // "TW4", "TƯ4".
        if let Some(n) = glued_central(w) {
            if c.body.is_none() {
                c.body = Some(t.start + off..t.end + off);
                c.body_key = Some("ban chấp hành trung ương".into());
                c.national = true;
                c.ordinal = Some(n);
                name_end = t.end;
                span_end = name_end;
                i += 1;
                continue;
            }
            break;
        }
        if let Some(p) = match_phrase_low(toks, i, w, lw, &PURPOSES_INDEX).map(|x| x.0) {
            if c.purpose.is_none() && !quoted {
                c.purpose = PURPOSES.iter().copied().find(|q| *q == p);
                let (title_end, k) = read_tail(toks, i, 14);
                c.title = words::lower_collapse(&seg[t.start..title_end]);
                name_end = title_end;
                span_end = name_end;
                i = k;
                if ends_with_document(seg, title_end) {
                    // "… Nghị quyết số 847-NQ/QUTW của Quân ủy Trung ương":
                    // what follows belongs to the document.
                    break;
                }
                // Terms and bodies may still follow ("… khóa XII").
                continue;
            }
            break;
        }
        if let Some((q, filler, k)) = qualifier_phrase(toks, i, w, lw) {
            if q == "toàn quốc" && head == Head::DaiHoi {
                c.national = true;
            }
            if !filler {
                add_desc(&mut c.desc, q);
            }
            name_end = tok_end(toks, k - 1);
            span_end = name_end;
            i = k;
            continue;
        }
        if c.body.is_none() {
            let lower_start = head == Head::DaiHoi && (lw == "đảng" || lw == "chi");
            if let Some(k) = read_body(toks, i, lower_start) {
                let key = body_key(seg, toks.range(i, k));
                lower_body = !first_upper(w) && !caps_line;
                if key == "đảng" {
                    // "Đại hội Đảng cấp trên cơ sở", "Đại hội Đảng lần thứ XIII".
                    if matches!(toks.low(k).as_deref(), Some("cấp" | "các")) {
                        generic = true;
                        break;
                    }
                    c.national = true;
                } else {
                    set_body(c, off, toks.range(i, k), key);
                }
                name_end = tok_end(toks, k - 1);
                span_end = name_end;
                i = k;
                continue;
            }
        }
        break;
    }
    c.name_end = name_end + off;
    c.span_end = span_end + off;
    // A body written in lower case ("đại hội đảng bộ tỉnh") names one
    // congress only with an ordinal or a term.
    if lower_body && c.ordinal.is_none() && c.term_years.is_none() && c.term_khoa.is_none() {
        generic = true;
    }
    if generic {
        c.kind = "";
        return;
    }
    if head == Head::DaiHoi && !c.national && c.body.is_none() {
        if let Some(n) = c.ordinal {
            // A bare "Đại hội XIII" is the national congress.
            if n <= 14 && c.desc.is_empty() {
                c.national = true;
            } else {
                c.local = true;
            }
        }
    }
    if head == Head::HoiNghi && c.ordinal.is_some() && !c.national && c.body.is_none() {
        // "Hội nghị lần thứ N" alone is the local committee's plenum.
        c.local = true;
    }
    if c.body.is_some() && !c.national {
        c.local = true;
    }
    let specific = c.ordinal.is_some()
        || c.body.is_some()
        || c.national
        || !c.desc.is_empty()
        || c.purpose.is_some()
        || quoted;
    let head_lower_ok = head_upper;
    if !specific {
        if c.term_years.is_some() || c.term_khoa.is_some() {
            c.term_only = true;
            return;
        }
        // An anaphor: nothing named after it.
        let cue = head != Head::DaiHoi
            && prev_word_lower(seg, c.head.start - off)
                .is_some_and(|w| in_sorted(ANAPHOR_CUES, &w));
        if head_lower_ok || cue {
            c.anaphor = true;
            c.name_end = c.head.end;
            c.span_end = c.head.end;
        } else {
            c.kind = "";
        }
        return;
    }
    // Lower-case "hội nghị" needs more than a descriptor to be one event.
    if !head_upper
        && c.ordinal.is_none()
        && c.body.is_none()
        && !c.national
        && c.term_khoa.is_none()
        && !quoted
        && matches!(
            head,
            Head::HoiThao | Head::ToaDam | Head::PhienHop | Head::KyHop
        )
    {
        c.kind = "";
    }
}

/// True for meetings held every month or so, whose name may carry the
/// month ("Phiên họp Chính phủ thường kỳ tháng 9", "Hội nghị giao ban trực
/// tuyến tháng 9-2020").
fn periodic(c: &Cand, head: Head) -> bool {
    head == Head::PhienHop
        || c.desc.contains("thường kỳ")
        || c.desc.contains("giao ban")
        || c.desc.contains("thường niên")
}

/// "tháng 9", "tháng 9 năm 2021", "tháng 9-2020", "tháng 9/2020", "quý
/// II/2021" at token `i` (the word "tháng" or "quý"): the month (a quarter
/// as 100 + its number), the year when written, and the index after them.
fn read_period(toks: &mut Toks, i: usize) -> Option<((u8, Option<u16>), usize)> {
    let quarter = toks.is_low(i, "quý");
    let m = toks.word(i + 1)?;
    let month: u8 = if quarter {
        let q = if all_roman_caps(m) {
            crate::numbers::roman(m)?
        } else {
            m.parse().ok()?
        };
        100 + u8::try_from(q).ok().filter(|q| (1..=4).contains(q))?
    } else {
        if m.len() > 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        m.parse().ok().filter(|n| (1..=12).contains(n))?
    };
    let year_at = |toks: &mut Toks, k: usize| -> Option<u16> {
        let y = toks.word(k)?;
        (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
    };
    let glued_sep = matches!(toks.text(i + 2), Some("-" | "/"))
        && toks.get(i + 2).map(|t| t.start) == toks.get(i + 1).map(|t| t.end);
    if glued_sep {
        if let Some(y) = year_at(toks, i + 3) {
            return Some(((month, Some(y)), i + 4));
        }
    }
    if toks.is_low(i + 2, "năm") {
        if let Some(y) = year_at(toks, i + 3) {
            return Some(((month, Some(y)), i + 4));
        }
    }
    Some(((month, None), i + 2))
}

fn add_desc(desc: &mut String, q: &str) {
    if !desc.is_empty() {
        desc.push(' ');
    }
    desc.push_str(q);
}

fn set_body(c: &mut Cand, off: usize, toks: TokSlice, key: String) {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return;
    };
    c.body = Some(first.start + off..last.end + off);
    if is_central(&key) {
        c.national = true;
    }
    c.body_key = Some(key);
}

/// "TW4" / "TƯ4" / "T.Ư4" → 4.
fn glued_central(w: &str) -> Option<u32> {
    for p in ["TW", "TƯ", "T.Ư"] {
        if let Some(rest) = w.strip_prefix(p) {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
                return rest.parse().ok().filter(|n| (1..=99).contains(n));
            }
        }
    }
    None
}

/// "2020-2025", "2020 - 2025" at token `i` → "2020/2025".
fn read_years(toks: &mut Toks, i: usize) -> Option<(String, usize)> {
    let y1 = toks.word(i)?;
    let dash = toks.text(i + 1)?;
    let y2 = toks.word(i + 2)?;
    let is_year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    if is_year(y1) && dash == "-" && is_year(y2) {
        Some(([y1, "/", y2].concat(), i + 3))
    } else {
        None
    }
}

/// Reads a free phrase from token `i` (which exists) up to punctuation or a
/// stop word; returns its end byte and the token index after it.
fn read_tail(toks: &mut Toks, i: usize, max: usize) -> (usize, usize) {
    let seg = toks.src();
    let mut end = tok_end(toks, i);
    let mut j = i;
    // Punctuation inside a code or a pair does not count towards `max`.
    let mut limit = i + max;
    while j < limit {
        let Some(t) = toks.get(j) else {
            break;
        };
        if !t.word {
            // Dashes and slashes inside dates or names ("2020-2025") stay
            // only between words.
            let s = &seg[t.start..t.end];
            let glued = (s == "/" || s == "-" || s == ".")
                && j > i
                && tok_end(toks, j - 1) == t.start
                && toks.get(j + 1).is_some_and(|n| n.word && n.start == t.end);
            // "phòng, chống tham nhũng": a pair joined by a comma.
            let pair = s == ","
                && j > i
                && toks.word(j - 1).is_some_and(|a| {
                    toks.low(j + 1)
                        .is_some_and(|b| COMMA_PAIRS.iter().any(|p| eq_lower(a, p.0) && *b == *p.1))
                });
            if glued || pair {
                j += 1;
                limit += 1;
                continue;
            }
            break;
        }
        if j > i {
            let lw_buf = Low::new(&seg[t.start..t.end]);
            let lw: &str = &lw_buf;
            if TAIL_STOPS_SET.contains(lw) || is_keyword_stop(lw) {
                break;
            }
            // "… Nghị quyết số 18-NQ/TW ngày 25-10-2017": a date ends it.
            if lw == "ngày"
                && toks
                    .word(j + 1)
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
            {
                break;
            }
        }
        end = t.end;
        j += 1;
    }
    (end, j)
}

fn is_keyword_stop(lw: &str) -> bool {
    matches!(lw, "khóa" | "nhiệm")
}

/// Reads the name after "lễ", "kỷ niệm", "bầu cử".
fn parse_titled(seg: &str, off: usize, c: &mut Cand, head: Head) -> bool {
    let sent_end = c.sentence.end - off;
    let head_end = c.head.end - off;
    let mut toks = Toks::new(seg, head_end, sent_end, 40);
    let toks = &mut toks;
    match head {
        Head::Le => {
            if prev_word_lower(seg, c.head.start - off).as_deref() == Some("nghi") {
                return false;
            }
            let Some((verb, k)) = match_phrase(toks, 0, &CEREMONIES_INDEX) else {
                return false;
            };
            c.kind = CEREMONIES
                .iter()
                .position(|v| *v == verb)
                .map_or("lễ", |k| CEREMONY_KINDS[k]);
            let verb_end = tok_end(toks, k - 1);
            if let Some(tk) = toks.get(k).filter(|t| t.word) {
                let (end, _) = read_tail(toks, k, 14);
                c.title = words::lower_collapse(&seg[tk.start..end]);
                c.name_end = end + off;
            } else {
                c.name_end = verb_end + off;
                c.anaphor = first_upper(&seg[c.head.start - off..head_end]);
                if !c.anaphor {
                    return false;
                }
            }
            c.span_end = c.name_end;
            true
        }
        Head::KyNiem => {
            // "kỷ niệm 90 năm Ngày …": an anniversary.
            let n = toks.word(0);
            let nam = toks.low(1);
            if !(n.is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
                && nam.as_deref() == Some("năm"))
            {
                return false;
            }
            // The head as written: "kỷ niệm", "lễ kỷ niệm" when "Lễ" precedes
            // (that mention is the ceremony's own).
            if prev_word_lower(seg, c.head.start - off).as_deref() == Some("lễ") {
                return false;
            }
            c.kind = "kỷ niệm";
            let (end, _) = read_tail(toks, 0, 16);
            let start = toks.get(0).map_or(end, |t| t.start);
            c.title = words::lower_collapse(&seg[start..end]);
            c.name_end = end + off;
            c.span_end = c.name_end;
            true
        }
        Head::BauCu => {
            let prev = prev_word_lower(seg, c.head.start - off);
            let named = toks.is_low(0, "đại")
                && toks.is_low(1, "biểu")
                && toks.word(2).is_some_and(first_upper);
            if prev.as_deref() == Some("cuộc") && !named {
                c.anaphor = true;
                c.kind = "bầu cử";
                return true;
            }
            if matches!(
                prev.as_deref(),
                Some("chế" | "luật" | "đồng" | "ban" | "tổ" | "quy")
            ) {
                return false;
            }
            if !named {
                return false;
            }
            c.kind = "bầu cử";
            // "bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp
            // nhiệm kỳ 2021-2026": the bodies elected and their terms.
            let (mut end, mut k) = read_tail(toks, 0, 10);
            loop {
                match toks.low(k).as_deref() {
                    Some("khóa") => {
                        let Some(r) = toks.word(k + 1).filter(|r| all_roman_caps(r)) else {
                            break;
                        };
                        if c.term_khoa.is_none() {
                            c.term_khoa = Some(["khóa ", r].concat());
                        }
                        end = tok_end(toks, k + 1);
                        k += 2;
                    }
                    Some("nhiệm") if toks.is_low(k + 1, "kỳ") => {
                        let Some((years, j)) = read_years(toks, k + 2) else {
                            break;
                        };
                        if c.term_years.is_none() {
                            c.term_years = Some(years);
                        }
                        end = tok_end(toks, j - 1);
                        k = j;
                    }
                    _ => {
                        let joined = toks.is_low(k, "và") || toks.is(k, ",");
                        let more = joined
                            && toks.is_low(k + 1, "đại")
                            && toks.is_low(k + 2, "biểu")
                            && toks.word(k + 3).is_some_and(first_upper);
                        if !more {
                            break;
                        }
                        let (e, j) = read_tail(toks, k + 1, 10);
                        end = e;
                        k = j;
                    }
                }
            }
            let start = toks.get(0).map_or(end, |t| t.start);
            c.title = words::lower_collapse(&seg[start..end]);
            c.name_end = end + off;
            c.span_end = c.name_end;
            true
        }
        _ => false,
    }
}

/// Reads "làm việc với X" / "làm việc tại X" / "buổi làm việc (với X)".
fn parse_work(seg: &str, off: usize, c: &mut Cand) -> bool {
    let h = c.head.start - off;
    let prev_w = words::prev_word(seg, h);
    let prev = prev_w.map(|(_, w)| Low::new(w));
    let buoi = prev.as_deref() == Some("buổi");
    if let Some(p) = prev.as_deref() {
        if !buoi && in_sorted(WORK_NOUNS, p) {
            return false;
        }
    }
    let start = if buoi {
        prev_w.map_or(h, |(s, _)| s)
    } else {
        h
    };
    if buoi {
        if let Some(d) = prev_word_lower(seg, start) {
            if DETERMINERS_SET.contains(&d) {
                return false;
            }
        }
    }
    c.kind = "buổi làm việc";
    let sent_end = c.sentence.end - off;
    let mut toks = Toks::new(seg, c.head.end - off, sent_end, 30);
    let toks = &mut toks;
    let prep = toks.low(0);
    let with = matches!(prep.as_deref(), Some("với" | "tại"));
    if with {
        if let Some(k) = read_body(toks, 1, false) {
            let key = body_key(seg, toks.range(1, k));
            let first = toks.get(1).map_or(0, |t| t.start);
            c.body = Some(first + off..tok_end(toks, k - 1) + off);
            c.body_key = Some(key);
            c.head = start + off..c.head.end;
            c.name_end = tok_end(toks, k - 1) + off;
            c.span_end = c.name_end;
            // "Tiếp và làm việc với Đoàn công tác …": the hosts' side of the
            // session already reported; so is any session "với Đoàn …".
            let reception = match prev.as_deref() {
                Some("tiếp") => true,
                Some("và") => prev_w
                    .and_then(|(s, _)| prev_word_lower(seg, s))
                    .is_some_and(|w| w == "tiếp"),
                _ => false,
            };
            let delegation = c
                .body_key
                .as_deref()
                .is_some_and(|k| k == "đoàn" || k.starts_with("đoàn "));
            if reception || delegation {
                c.anaphor = true;
            }
            return true;
        }
    }
    if buoi {
        c.head = start + off..c.head.end;
        c.name_end = c.head.end;
        c.span_end = c.head.end;
        c.anaphor = true;
        return true;
    }
    false
}

fn kind_of(h: Head) -> &'static str {
    match h {
        Head::HoiNghi => "hội nghị",
        Head::DaiHoi => "đại hội",
        Head::KyHop => "kỳ họp",
        Head::PhienHop => "phiên họp",
        Head::HoiThao => "hội thảo",
        Head::ToaDam => "tọa đàm",
        Head::LamViec => "buổi làm việc",
        Head::KyNiem => "kỷ niệm",
        Head::BauCu => "bầu cử",
        Head::Le => "lễ",
    }
}

/// True when a line is written in capitals (a headline in ALL CAPS).
fn caps_line(seg: &str, sentence: &Range<usize>) -> bool {
    let s = &seg[sentence.clone()];
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 3
}

/// True when the clause before `head` has a counted subject that organizes
/// the events ("35/35 tổ chức cơ sở đảng đã tổ chức xong đại hội …",
/// "100% chi bộ tổ chức đại hội …"): a share opens the clause, a word in
/// lower case follows it, and "tổ chức" comes before the head.
fn counted_subject(seg: &str, sent_start: usize, head: usize) -> bool {
    let Some(pre) = seg.get(sent_start..head) else {
        return false;
    };
    let cs = pre.rfind([',', ';', ':']).map_or(0, |i| i + 1);
    let clause = pre[cs..].trim_start();
    let mut ws = clause.split_whitespace();
    let Some(count) = ws.next() else {
        return false;
    };
    // "35/35", "100%": a share of the units, not "2 đơn vị" that may
    // organize one event together.
    let counted = count.as_bytes()[0].is_ascii_digit()
        && count.contains(['/', '%'])
        && count
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'/' | b'%' | b'.' | b','));
    counted && ws.next().is_some_and(|w| !first_upper(w)) && clause.contains("tổ chức")
}

/// Reads every candidate mention in one content run.
fn scan_segment(off: usize, seg: &str, claims: &Claims, out: &mut Vec<Cand>) {
    let mut memo: Option<SentMemo> = None;
    for (s, e, head) in scan::heads(seg) {
        let whole = !seg[..s]
            .chars()
            .next_back()
            .is_some_and(crate::text::is_word_char)
            && !seg[e..]
                .chars()
                .next()
                .is_some_and(crate::text::is_word_char);
        if !whole || claims.overlaps(&(s + off..e + off)) {
            continue;
        }
        if !memo.as_ref().is_some_and(|m| m.covers(s)) {
            let (range, natural) = sentence_scan(seg, s);
            memo = Some(SentMemo {
                range,
                natural,
                caps: None,
            });
        }
        let Some(memo) = memo.as_mut() else {
            continue;
        };
        let sentence = memo.range.clone();
        let abs_sentence = sentence.start + off..sentence.end + off;
        let mut c = Cand::new(kind_of(head), s + off..e + off, abs_sentence);
        let prev = prev_word_lower(seg, s);
        // "các hội nghị", "những đại hội": a class of events.
        let determiner = prev
            .as_deref()
            .is_some_and(|p| DETERMINERS_SET.contains(p) || p.bytes().all(|b| b.is_ascii_digit()));
        let ok = match head {
            Head::LamViec => parse_work(seg, off, &mut c),
            Head::Le | Head::KyNiem | Head::BauCu => {
                if determiner {
                    continue;
                }
                parse_titled(seg, off, &mut c, head)
            }
            _ => {
                if determiner {
                    continue;
                }
                let caps = *memo.caps.get_or_insert_with(|| caps_line(seg, &sentence));
                parse_structured(seg, off, &mut c, head, caps);
                !c.kind.is_empty()
            }
        };
        if !ok {
            continue;
        }
        if c.ordinal.is_none()
            && matches!(head, Head::DaiHoi | Head::HoiNghi)
            && counted_subject(seg, sentence.start, c.head.start - off)
        {
            // "18/18 chi bộ đã tổ chức Đại hội Chi bộ nhiệm kỳ …": each
            // unit's own congress, a class of events.
            continue;
        }
        let back = before(seg, c.head.start - off, 24).trim_end();
        c.reference = ends_with_lower(
            back,
            &[
                "chuẩn bị",
                "tiến tới",
                "hướng tới",
                "chào mừng",
                "nghị quyết",
                "văn kiện",
                "trình",
                "phục vụ",
                "thành công của",
                "kết quả",
                "sau",
                "trước",
            ],
        );
        c.attended = prev
            .as_deref()
            .is_some_and(|p| matches!(p, "tại" | "dự" | "trì"));
        // Candidates are large: room for a typical article's up front
        // rather than growing (and copying them) from one.
        if out.capacity() == 0 {
            out.reserve(32);
        }
        out.push(c);
    }
}

/// How many recent events a new mention is compared with.
const LOOKBACK: usize = 64;

/// One event being assembled.
#[derive(Debug)]
struct Acc {
    c: Cand,
    name: String,
    term_khoa: Option<String>,
    term_years: Option<String>,
    organizer: Option<String>,
    date: Option<String>,
    location: Option<String>,
    chairs: Vec<String>,
    mentions: Vec<Range<usize>>,
    reported: bool,
    explicit_organizer: bool,
}

/// True when mention `m` may be the same event as `e`, and shares at least
/// one identifying feature with it.
fn compatible(e: &Cand, m: &Cand, e_date: Option<&str>, m_date: Option<&str>) -> bool {
    if !same_kind(e.kind, m.kind) {
        return false;
    }
    if (e.national && m.local) || (e.local && m.national) {
        return false;
    }
    if let (Some(a), Some(b)) = (e.ordinal, m.ordinal) {
        if a != b {
            return false;
        }
    }
    if let (Some(a), Some(b)) = (&e.body_key, &m.body_key) {
        let ok = if m.kind == "buổi làm việc" {
            contains_words(a, b)
        } else {
            prefix_compatible(a, b)
        };
        if !ok {
            return false;
        }
    }
    if let (Some(a), Some(b)) = (&e.term_khoa, &m.term_khoa) {
        if a != b {
            return false;
        }
    }
    if let (Some(a), Some(b)) = (&e.term_years, &m.term_years) {
        if a != b {
            return false;
        }
    }
    if !e.desc.is_empty() && !m.desc.is_empty() && e.desc != m.desc {
        return false;
    }
    if let (Some(a), Some(b)) = (e.purpose, m.purpose) {
        if a != b {
            return false;
        }
    }
    if let (Some((am, ay)), Some((bm, by))) = (e.period, m.period) {
        if am != bm || matches!((ay, by), (Some(x), Some(y)) if x != y) {
            return false;
        }
    }
    let titled = !e.title.is_empty() && !m.title.is_empty();
    if titled && !prefix_compatible(&e.title, &m.title) {
        return false;
    }
    if let (Some(a), Some(b)) = (e_date, m_date) {
        if a != b {
            return false;
        }
    }
    (e.ordinal.is_some() && m.ordinal.is_some())
        || (e.body_key.is_some() && m.body_key.is_some())
        || (e.national && m.national)
        || (!e.desc.is_empty() && !m.desc.is_empty())
        || titled
        || (e.purpose.is_some() && m.purpose.is_some())
        || (m.term_only && (e.term_years.is_some() || e.term_khoa.is_some()))
}

/// True when two kinds are one, a leading "lễ" aside ("kỷ niệm" and "lễ kỷ
/// niệm").
fn same_kind(a: &str, b: &str) -> bool {
    a == b || a.strip_prefix("lễ ") == Some(b) || b.strip_prefix("lễ ") == Some(a)
}

/// How much a mention says about its event: the fullest names the event.
fn weight(c: &Cand) -> usize {
    usize::from(c.ordinal.is_some()) * 4
        + usize::from(c.body.is_some()) * 2
        + usize::from(c.national) * 2
        + usize::from(!c.desc.is_empty())
        + usize::from(c.term_khoa.is_some())
        + usize::from(c.period.is_some_and(|p| p.1.is_some()))
}

/// A temporal value that dates an event (not a year span, not relative).
fn event_date(t: &Temporal) -> Option<&str> {
    let v = t.value.as_deref()?;
    // "đầu tháng 7", "cuối tháng 7", "khoảng …" still date the event; "trước
    // ngày", "đến hết ngày" only bound it.
    if matches!(
        t.modifier,
        Some(Modifier::Before | Modifier::After | Modifier::Until)
    ) {
        return None;
    }
    let b = v.as_bytes();
    let year_span = b.len() == 9 && b[4] == b'/' && v[..4].bytes().all(|c| c.is_ascii_digit());
    if year_span || v.len() <= 4 {
        return None;
    }
    if let Some((a, z)) = v.split_once('/') {
        // "(3/2/1930 - 3/2/2025)": the years an anniversary counts, not
        // the days of an event.
        let year = |s: &str| s.get(..4).and_then(|y| y.parse::<i32>().ok());
        if let (Some(a), Some(z)) = (year(a), year(z)) {
            if z - a > 1 {
                return None;
            }
        }
    }
    Some(v)
}

/// The date written right after an event's name.
fn date_after<'d>(text: &str, end: usize, limit: usize, dates: &[&'d Temporal]) -> Option<&'d str> {
    let i = dates.partition_point(|d| d.start < end);
    let d: &'d Temporal = dates.get(i)?;
    if d.start >= limit || d.start - end > 40 {
        return None;
    }
    if ends_with_document(text, end) {
        // "… Nghị quyết số 18-NQ/TW ngày 25-10-2017": the document's date.
        return None;
    }
    let gap = text.get(end..d.start)?;
    let ok = gap
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .filter(|w| !w.is_empty())
        .all(|w| in_sorted(DATE_GAP, &Low::new(w)));
    if ok {
        event_date(d)
    } else {
        None
    }
}

/// True when the text before `end` ends with a document code ("18-NQ/TW",
/// "01/NQ-CP") or a document number ("số 35"): a date after it is the
/// document's.
fn ends_with_document(text: &str, end: usize) -> bool {
    let Some(head) = text.get(..end) else {
        return false;
    };
    let mut ws = head.split_whitespace().rev();
    let Some(last) = ws.next() else {
        return false;
    };
    let b = last.as_bytes();
    // A number and a kind or issuer in capitals ("NQ", "TW", "QĐ", "TTg"),
    // not a Roman numeral ("quý II/2021").
    let mut parts = last.split(['-', '/']);
    let code = parts.clone().count() > 1
        && parts
            .clone()
            .any(|p| p.starts_with(|c: char| c.is_ascii_digit()))
        && parts.any(|p| p.chars().count() >= 2 && first_upper(p) && !all_roman_caps(p));
    let numbered = b.iter().all(u8::is_ascii_digit) && ws.next().is_some_and(|w| w == "số");
    code || numbered
}

/// The sentence's leading date ("Ngày 9/7, …", "Sáng 07/8/2020, …").
fn leading_date<'d>(
    text: &str,
    sentence: &Range<usize>,
    dates: &[&'d Temporal],
) -> Option<(&'d Temporal, &'d str)> {
    let i = dates.partition_point(|d| d.start < sentence.start);
    let d: &'d Temporal = dates.get(i)?;
    if d.start >= sentence.end || d.start - sentence.start > 80 {
        return None;
    }
    let gap = skip_source_tag(text.get(sentence.start..d.start)?);
    if gap.len() > 30 {
        return None;
    }
    let ok = gap
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(')
        .filter(|w| !w.is_empty())
        .all(|w| {
            // "Trong 2 ngày 5 và 6/4": a count of days.
            in_sorted(LEAD_GAP, &Low::new(w))
                || (w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
        });
    if !ok {
        return None;
    }
    event_date(d).map(|v| (d, v))
}

/// The text after an outlet's tag that opens a lead ("NDO - ",
/// "(Chinhphu.vn) - ", "QĐND Online - "): up to three words, capitalized
/// or in parentheses, then a dash.
fn skip_source_tag(gap: &str) -> &str {
    let Some(p) = gap.find('-') else {
        return gap;
    };
    let tag = gap[..p].trim();
    let words = tag.split_whitespace().count();
    let capital = tag.starts_with('(') || first_upper(tag);
    if (1..=3).contains(&words) && tag.len() <= 40 && capital {
        gap[p + 1..].trim_start()
    } else {
        gap
    }
}

/// Reads a place after "tại" at byte `at` (just after the word "tại").
fn read_place(text: &str, at: usize, limit: usize) -> Option<String> {
    let mut toks = Toks::new(text, at, limit, 16);
    let toks = &mut toks;
    let first = toks.word(0)?;
    let lf = Low::new(first);
    let place_head = match_phrase(toks, 0, &PLACE_HEADS_INDEX).is_some();
    if !place_head && (!first_upper(first) || in_sorted(NOT_PLACES, &lf)) {
        return None;
    }
    let mut end = tok_end(toks, 0);
    let start = toks.get(0).map_or(end, |t| t.start);
    let mut j = 1;
    while let Some(w) = toks.word(j) {
        let lw_buf = Low::new(w);
        let lw: &str = &lw_buf;
        if TAIL_STOPS_SET.contains(lw)
            || matches!(lw, "ngày" | "chiều" | "nhân" | "trong" | "từ" | "đến")
        {
            break;
        }
        if w.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        // Place names are capitalized after their head words.
        if !first_upper(w) && !place_head {
            break;
        }
        end = tok_end(toks, j);
        j += 1;
    }
    Some(crate::text::collapse_ws(&text[start..end]))
}

/// Finds the word "tại" in `text[from..to]` and reads the place after it.
fn place_in(text: &str, from: usize, to: usize) -> Option<String> {
    let s = text.get(from..to)?;
    let ls = s; // canonical: "tại" / "Tại"
    let mut k = 0;
    while k < ls.len() {
        let rest = &ls[k..];
        let p = rest.find("tại").or_else(|| rest.find("Tại"))?;
        let at = from + k + p;
        let end = at + "tại".len();
        if crate::text::is_whole_word(text, at, end) {
            if let Some(pl) = read_place(text, end, to) {
                return Some(pl);
            }
        }
        k += p + "tại".len();
    }
    None
}

/// The explicit organizer of an event mention: "[X] (vừa) tổ chức [event]"
/// or "[event] do [X] tổ chức".
fn organizer_of(text: &str, c: &Cand) -> Option<String> {
    let head = c.head.start;
    let s = c.sentence.start;
    let pre = text.get(s..head)?;
    let pre_t = pre.trim_end();
    let mut rest = pre_t;
    for adv in ["thành công", "long trọng", "trọng thể"] {
        if let Some(r) = rest.strip_suffix(adv) {
            rest = r.trim_end();
        }
    }
    if let Some(r) = rest.strip_suffix("tổ chức") {
        let mut r = r.trim_end();
        for adv in ["vừa", "đã", "sẽ", "long trọng", "trọng thể"] {
            if let Some(x) = r.strip_suffix(adv) {
                r = x.trim_end();
            }
        }
        let clause_start = r.rfind([',', ':', '(']).map_or(0, |i| i + 1);
        let org = cut_at_verb(&crate::text::collapse_ws(&r[clause_start..]));
        if is_org(&org) {
            return Some(org);
        }
        return None;
    }
    // "[event] do [X] tổ chức".
    let post = text.get(c.span_end..c.sentence.end)?;
    let post_t = post.trim_start();
    if let Some(r) = post_t.strip_prefix("do ") {
        if let Some(i) = r.find(" tổ chức") {
            let org = crate::text::collapse_ws(&r[..i]);
            if is_org(&org) {
                return Some(org);
            }
        }
    }
    None
}

/// Words in lower case that end an organizer before "tổ chức": auxiliaries
/// and the verbs that govern it ("Ban Chấp hành Đảng bộ huyện đã lãnh đạo
/// tổ chức …").
const ORG_CUTS: &[&str] = &[
    "chủ", "cùng", "cũng", "lãnh", "phối", "sẽ", "tiếp", "vừa", "đang", "đã", "được",
];

/// An organizer without the verbs after it.
fn cut_at_verb(org: &str) -> String {
    let mut end = org.len();
    let mut at: usize = 0;
    for (k, w) in org.split(' ').enumerate() {
        if k > 0 && !first_upper(w) && in_sorted(ORG_CUTS, w) {
            end = at.saturating_sub(1);
            break;
        }
        at += w.len() + 1;
    }
    org[..end].to_string()
}

fn is_org(s: &str) -> bool {
    let n = s.split(' ').count();
    let first = s.split(' ').next().unwrap_or("");
    (1..=14).contains(&n) && first_upper(first) && in_sorted(ORG_STARTS, &Low::new(first))
}

/// Officials whose mentions lie in `range`, in text order, without repeats.
fn officials_in(
    offs: &[(usize, usize)],
    officials: &[Official],
    range: Range<usize>,
) -> Vec<String> {
    let i = offs.partition_point(|o| o.0 < range.start);
    let mut out: Vec<String> = Vec::new();
    for &(start, idx) in &offs[i..] {
        if start >= range.end {
            break;
        }
        let name = &officials[idx].name;
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// What `chairs_of` learnt about the last sentence it read (mentions come in
/// text order, so one sentence is read once).
#[derive(Default)]
struct ChairMemo<'t> {
    range: Range<usize>,
    /// The sentence names a chair ("chủ trì", "Trưởng đoàn").
    cue: Option<bool>,
    /// The sentence seen in lower case, where "chủ trì" and "trưởng đoàn"
    /// first occur in it.
    lower: Option<(fold::Folded<'t>, Option<usize>, Option<usize>)>,
}

/// The chairs named around one event mention in its sentence.
fn chairs_of<'t>(
    text: &'t str,
    c: &Cand,
    offs: &[(usize, usize)],
    officials: &[Official],
    memo: &mut ChairMemo<'t>,
) -> Vec<String> {
    if offs.is_empty() || c.reference {
        // "… tiến tới Đại hội XIV": an event only referred to has no chair.
        return Vec::new();
    }
    let sent = c.sentence.clone();
    let Some(st) = text.get(sent.clone()) else {
        return Vec::new();
    };
    if memo.range != sent {
        memo.range = sent.clone();
        memo.cue = None;
        memo.lower = None;
    }
    let cue = *memo
        .cue
        .get_or_insert_with(|| st.contains("hủ trì") || st.contains("rưởng đoàn"))
        || c.kind == "buổi làm việc";
    if !cue {
        return Vec::new();
    }
    let (lst, p_chu_tri, p_truong_doan) = {
        let m = memo.lower.get_or_insert_with(|| {
            let l = fold::Folded::new(st);
            let n = l.len();
            let a = l.find_in(0, n, "chủ trì");
            let b = l.find_in(0, n, "trưởng đoàn");
            (l, a, b)
        });
        (&m.0, m.1, m.2)
    };
    if lst.len() != st.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // "Chủ trì Hội nghị, … X" / "X … chủ trì Hội nghị".
    if let Some(p) = p_chu_tri {
        let at = sent.start + p;
        let after = at + "chủ trì".len();
        let gap = text.get(after..c.head.start).unwrap_or("x");
        if gap.trim().is_empty() {
            let post = text.get(c.span_end..sent.end).unwrap_or("");
            if post.trim_start().starts_with(',') {
                if let Some(first) = officials_in(offs, officials, c.span_end..sent.end)
                    .into_iter()
                    .next()
                {
                    out.push(first);
                }
            } else {
                let from = lst
                    .rfind_in(0, p, " do ")
                    .map_or(sent.start, |i| sent.start + i);
                out = officials_in(offs, officials, from..at);
            }
        } else if lst.starts_with_at(p, "chủ trì của") {
            if let Some(first) = officials_in(offs, officials, after..sent.end)
                .into_iter()
                .next()
            {
                out.push(first);
            }
        } else if at > c.span_end {
            if let Some(d) = lst.find_in(c.span_end - sent.start, p, "do ") {
                let from = c.span_end + d;
                out = officials_in(offs, officials, from..at);
            }
        }
    }
    if out.is_empty() && c.kind == "buổi làm việc" {
        // "Đoàn … do đồng chí X làm Trưởng đoàn": the delegation's head
        // leads a working session, not the other events of the sentence.
        if let Some(p) = p_truong_doan {
            if let Some(d) = lst.rfind_in(0, p, "do ") {
                out = officials_in(offs, officials, sent.start + d..sent.start + p);
            }
        }
    }
    if out.is_empty() && c.kind == "buổi làm việc" && !c.anaphor {
        // "Đồng chí X, … làm việc với …": the visitor leads the session.
        out = officials_in(offs, officials, sent.start..c.head.start);
    }
    out
}

/// Finds the events the content of `doc` reports or refers to, tying them to
/// the dates and officials already found (canonical spans).
pub fn extract(
    doc: &Doc,
    dates: &[Temporal],
    officials: &[Official],
    claims: &mut Claims,
) -> Vec<Event> {
    let mut cands = Vec::new();
    for (off, seg) in doc.segments() {
        scan_segment(off, seg, claims, &mut cands);
    }
    if cands.is_empty() {
        return Vec::new();
    }
    let text = doc.text;
    let mut dates_sorted: Vec<&Temporal> = dates.iter().collect();
    dates_sorted.sort_by_key(|d| d.start);
    let mut offs: Vec<(usize, usize)> = officials
        .iter()
        .enumerate()
        .flat_map(|(i, o)| o.mentions.iter().map(move |m| (m.start, i)))
        .collect();
    offs.sort_unstable();

    let mut chair_memo = ChairMemo::default();
    let mut events: Vec<Acc> = Vec::new();
    let mut pending: Vec<Cand> = Vec::new();
    // The first event mention of each sentence (for preambles).
    let mut first_in_sentence: Option<(usize, usize)> = None; // (sentence start, head start)
    for c in cands {
        let is_first = match first_in_sentence {
            Some((s, _)) if s == c.sentence.start => false,
            _ => {
                first_in_sentence = Some((c.sentence.start, c.head.start));
                true
            }
        };
        if c.anaphor {
            // The latest event of the kind the article reports, else the
            // latest one it refers to.
            let lo = events.len().saturating_sub(LOOKBACK);
            let target = events[lo..]
                .iter()
                .rposition(|e| same_kind(e.c.kind, c.kind) && e.reported)
                .or_else(|| {
                    events[lo..]
                        .iter()
                        .rposition(|e| same_kind(e.c.kind, c.kind))
                })
                .map(|i| i + lo);
            if let Some(e) = target.map(|i| &mut events[i]) {
                e.mentions.push(c.head.start..c.span_end);
                if c.attended {
                    e.reported = true;
                }
                let ch = chairs_of(text, &c, &offs, officials, &mut chair_memo);
                merge_chairs(&mut e.chairs, ch);
                if e.date.is_none() && is_first && !c.reference {
                    preamble(text, &c, &dates_sorted, e);
                }
            } else {
                pending.push(c);
            }
            continue;
        }
        let m_date = date_after(text, c.span_end, c.sentence.end, &dates_sorted);
        // Only the most recent events are candidates: bounded work per mention.
        let lo = events.len().saturating_sub(LOOKBACK);
        let found = events[lo..]
            .iter()
            .rposition(|e| compatible(&e.c, &c, e.date.as_deref(), m_date))
            .map(|i| i + lo);
        if c.term_only && found.is_none() {
            continue;
        }
        let idx = match found {
            Some(i) => {
                let e = &mut events[i];
                e.mentions.push(c.head.start..c.span_end);
                let ceremony = e.c.kind != c.kind && c.kind.starts_with("lễ ");
                if weight(&c) > weight(&e.c) || ceremony {
                    e.name = crate::text::collapse_ws(&text[c.head.start..c.name_end]);
                }
                merge_cand(&mut e.c, &c);
                i
            }
            None => {
                events.push(Acc {
                    name: crate::text::collapse_ws(&text[c.head.start..c.name_end]),
                    term_khoa: None,
                    term_years: None,
                    organizer: None,
                    date: None,
                    location: None,
                    chairs: Vec::new(),
                    mentions: std::iter::once(c.head.start..c.span_end).collect(),
                    reported: false,
                    explicit_organizer: false,
                    c: c.clone(),
                });
                events.len() - 1
            }
        };
        let e = &mut events[idx];
        if e.date.is_none() {
            e.date = m_date.map(str::to_string);
        }
        if c.attended {
            e.reported = true;
        }
        if !e.explicit_organizer {
            if let Some(o) = organizer_of(text, &c) {
                e.organizer = Some(o);
                e.explicit_organizer = true;
                e.reported = true;
            }
        }
        if is_first && !c.reference {
            preamble(text, &c, &dates_sorted, e);
        }
        if e.location.is_none() && !c.reference {
            // "… tại điểm cầu tỉnh Sơn La" after the name, before any other
            // event mention of the sentence.
            if let Some(p) = place_in(text, c.span_end, c.sentence.end) {
                e.location = Some(p);
            }
        }
        let ch = chairs_of(text, &c, &offs, officials, &mut chair_memo);
        if !ch.is_empty() {
            e.reported = true;
        }
        merge_chairs(&mut e.chairs, ch);
    }
    // Anaphors before the first named event of their kind.
    for c in pending {
        if let Some(e) = events.iter_mut().find(|e| same_kind(e.c.kind, c.kind)) {
            e.mentions.push(c.head.start..c.span_end);
            if c.attended {
                e.reported = true;
            }
        } else if c.kind == "buổi làm việc" {
            let mut acc = Acc {
                name: crate::text::collapse_ws(&text[c.head.start..c.span_end]),
                term_khoa: None,
                term_years: None,
                organizer: None,
                date: None,
                location: None,
                chairs: Vec::new(),
                mentions: std::iter::once(c.head.start..c.span_end).collect(),
                reported: true,
                explicit_organizer: false,
                c: c.clone(),
            };
            let ch = chairs_of(text, &c, &offs, officials, &mut chair_memo);
            merge_chairs(&mut acc.chairs, ch);
            events.push(acc);
        }
    }
    for e in &mut events {
        e.mentions.sort_by_key(|r| r.start);
        e.mentions.dedup();
        e.term_khoa = e.c.term_khoa.clone();
        e.term_years = e.c.term_years.clone();
        if e.date.is_none() {
            // A periodic meeting with no date of its own: the month it is
            // named after ("Hội nghị giao ban tháng 9-2020").
            if let Some(at) = e.c.period_at {
                let i = dates_sorted.partition_point(|d| d.start < at);
                if let Some(d) = dates_sorted.get(i).filter(|d| d.start == at) {
                    e.date = event_date(d).map(str::to_string);
                }
            }
        }
        if e.organizer.is_none() {
            if let Some(b) = &e.c.body {
                let bt = crate::text::collapse_ws(&text[b.clone()]);
                if e.c.kind != "buổi làm việc" && !e.c.national && is_org(&bt) {
                    e.organizer = Some(bt);
                }
            }
        }
    }
    // Reported events first, then the ones only referred to.
    events.sort_by_key(|e| !e.reported);
    events
        .into_iter()
        .map(|e| Event {
            kind: e.c.kind.to_string(),
            name: e.name,
            ordinal: e.c.ordinal,
            // An election's "khóa" is the assembly it elects.
            term: if e.c.kind == "bầu cử" {
                e.term_khoa.or(e.term_years)
            } else {
                e.term_years.or(e.term_khoa)
            },
            organizer: e.organizer,
            date: e.date,
            location: e.location,
            chairs: e.chairs,
            mentions: e
                .mentions
                .into_iter()
                .map(|r| doc.mention(r))
                .collect::<Vec<Mention>>(),
        })
        .collect()
}

fn merge_chairs(into: &mut Vec<String>, from: Vec<String>) {
    for n in from {
        if !into.contains(&n) {
            into.push(n);
        }
    }
}

/// Fills the fields an event lacks from a new mention of it.
fn merge_cand(out: &mut Cand, m: &Cand) {
    if out.kind != m.kind && m.kind.starts_with("lễ ") {
        // "kỷ niệm 95 năm …" then "Lễ kỷ niệm 95 năm …": a ceremony.
        out.kind = m.kind;
    }
    out.ordinal = out.ordinal.or(m.ordinal);
    if out.body_key.as_ref().map_or(0, String::len) < m.body_key.as_ref().map_or(0, String::len) {
        out.body = m.body.clone();
        out.body_key = m.body_key.clone();
    }
    if out.term_khoa.is_none() {
        out.term_khoa = m.term_khoa.clone();
    }
    if out.term_years.is_none() {
        out.term_years = m.term_years.clone();
    }
    if out.desc.is_empty() {
        out.desc = m.desc.clone();
    }
    if out.purpose.is_none() {
        out.purpose = m.purpose;
    }
    if m.title.len() > out.title.len() {
        out.title = m.title.clone();
    }
    if out.period.is_none() {
        out.period = m.period;
        out.period_at = m.period_at;
    }
    out.national |= m.national;
    out.local |= m.local;
}

/// Date and place from the preamble of the sentence that reports the event:
/// "Ngày 9/7, tại Hà Nội, [organizer] tổ chức [event]".
fn preamble(text: &str, c: &Cand, dates: &[&Temporal], e: &mut Acc) {
    let lead = leading_date(text, &c.sentence, dates);
    let mut any = false;
    if let Some((d, v)) = lead {
        if e.date.is_none() {
            e.date = Some(v.to_string());
        }
        any = true;
        // "…, tại Hà Nội, …" between the date and the event.
        if e.location.is_none() {
            let pre = text.get(d.end..c.head.start).unwrap_or("");
            for part in pre.split(',') {
                let p = part.trim_start();
                if let Some(rest) = p.strip_prefix("tại ").or_else(|| p.strip_prefix("Tại ")) {
                    let rest = rest.trim();
                    let first = rest.split(' ').next().unwrap_or("");
                    if first_upper(first) && !in_sorted(NOT_PLACES, &Low::new(first)) || {
                        let lr = Low::new(rest);
                        PLACE_HEADS.iter().any(|h| lr.starts_with(h))
                    } {
                        e.location = Some(crate::text::collapse_ws(rest));
                        break;
                    }
                }
            }
        }
    } else if e.location.is_none() {
        // "Tại Hà Nội, …" opening the sentence.
        let pre = text.get(c.sentence.start..c.head.start).unwrap_or("");
        let p = pre.trim_start();
        if let Some(rest) = p.strip_prefix("Tại ") {
            if let Some(comma) = rest.find(',') {
                let place = rest[..comma].trim();
                let first = place.split(' ').next().unwrap_or("");
                if first_upper(first) && !in_sorted(NOT_PLACES, &Low::new(first)) {
                    e.location = Some(crate::text::collapse_ws(place));
                    any = true;
                }
            }
        }
    }
    if any {
        e.reported = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Event> {
        let doc = Doc::plain(text, None);
        extract(&doc, &[], &[], &mut Claims::new())
    }

    #[test]
    fn tables_sorted_and_lowercase() {
        for t in [
            PURPOSES,
            CEREMONIES,
            BODY_CONNECTORS,
            BODY_STOPS,
            DETERMINERS,
            ANAPHOR_CUES,
            WORK_NOUNS,
            TAIL_STOPS,
            DATE_GAP,
            LEAD_GAP,
            PLACE_HEADS,
            PLACE_UNITS,
            ORG_COMPOUNDS,
            ORG_CUTS,
            NOT_PLACES,
            ORG_STARTS,
        ] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{t:?}");
            assert!(t.iter().all(|w| words::lower_str(w) == *w));
        }
        assert!(QUALIFIERS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(CEREMONIES.len(), CEREMONY_KINDS.len());
        for (v, k) in CEREMONIES.iter().zip(CEREMONY_KINDS) {
            assert_eq!(format!("lễ {v}"), *k);
        }
    }

    #[test]
    fn plenum_with_ordinal() {
        let ev = run("Ban Chấp hành tổ chức Hội nghị mở rộng lần thứ 21.");
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].kind, "hội nghị");
        assert_eq!(ev[0].ordinal, Some(21));
        assert_eq!(ev[0].name, "Hội nghị mở rộng lần thứ 21");
        assert_eq!(ev[0].organizer.as_deref(), Some("Ban Chấp hành"));
    }

    #[test]
    fn national_congress_forms_merge() {
        let ev = run("Góp ý văn kiện trình Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Thành công của Đại hội XIII của Đảng. Văn kiện Đại hội XIII.");
        assert_eq!(ev.len(), 1, "{ev:#?}");
        assert_eq!(ev[0].ordinal, Some(13));
        assert_eq!(ev[0].mentions.len(), 3);
    }

    #[test]
    fn generic_congresses() {
        assert!(run("Tổ chức đại hội đảng bộ các cấp và đại hội điểm.").is_empty());
        assert!(run("Hoàn thành Đại hội Đảng cấp trên cơ sở.").is_empty());
        assert!(run("Tham mưu trình các Hội nghị T.Ư khóa XIII.").is_empty());
    }

    #[test]
    fn central_plenum_forms() {
        let ev = run("Trình Hội nghị T.Ư 2 khóa XIII. Hội nghị TW4 (khóa XII). Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII.");
        assert_eq!(ev.len(), 3, "{ev:#?}");
        assert_eq!(ev[0].ordinal, Some(2));
        assert_eq!(ev[0].term.as_deref(), Some("khóa XIII"));
        assert_eq!(ev[1].ordinal, Some(4));
        assert_eq!(ev[2].ordinal, Some(6));
    }

    #[test]
    fn never_panics_on_shuffled_fragments() {
        // Deterministic pseudo-random strings built from event fragments,
        // multibyte letters, dates and punctuation.
        let parts = [
            "Hội nghị",
            "đại hội",
            "ĐẠI HỘI",
            "lần thứ",
            "XIII",
            "21",
            "khóa",
            "(",
            ")",
            ",",
            ".",
            "\"",
            "nhiệm kỳ",
            "2020",
            "-",
            "làm việc với",
            "Ban",
            "buổi",
            "lễ",
            "trao",
            "kỷ niệm",
            "90",
            "năm",
            "bầu cử đại biểu",
            "Quốc hội",
            "tại",
            "Hà Nội",
            "\n",
            "chủ trì",
            "do",
            "Trưởng đoàn",
            "T.Ư",
            "TW4",
            "các",
            "của",
            "Đảng",
            "ộ",
            " ",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..400 {
            let mut s = String::new();
            for _ in 0..30 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(parts[(x % parts.len() as u64) as usize]);
                if x % 3 == 0 {
                    s.push(' ');
                }
            }
            let doc = Doc::plain(&s, None);
            let dates = [Temporal {
                text: String::new(),
                start: 0,
                end: 0,
                value: Some("2020-07-09".into()),
                inferred: false,
                modifier: None,
            }];
            for e in extract(&doc, &dates, &[], &mut Claims::new()) {
                for m in e.mentions {
                    assert_eq!(s.get(m.start..m.end), Some(m.text.as_str()));
                }
            }
        }
    }

    #[test]
    fn bounds_do_not_date_events_but_parts_of_a_month_do() {
        let text = "Hội nghị Ban Chấp hành lần thứ 9 trước ngày 30/9. Hội nghị Ban Chấp hành lần thứ 8 vào cuối tháng 8.";
        let date = |t: &str, value: &str, modifier| {
            let start = text.find(t).unwrap_or(0);
            Temporal {
                text: t.to_string(),
                start,
                end: start + t.len(),
                value: Some(value.to_string()),
                inferred: false,
                modifier: Some(modifier),
            }
        };
        let dates = [
            date("trước ngày 30/9", "2021-09-30", Modifier::Before),
            date("cuối tháng 8", "2021-08", Modifier::End),
        ];
        let doc = Doc::plain(text, None);
        let ev = extract(&doc, &dates, &[], &mut Claims::new());
        assert_eq!(ev.len(), 2, "{ev:#?}");
        let by = |n| {
            ev.iter()
                .find(|e| e.ordinal == Some(n))
                .map(|e| e.date.clone())
        };
        assert_eq!(by(9), Some(None));
        assert_eq!(by(8), Some(Some("2021-08".to_string())));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "Hội nghị",
            "lễ",
            "Đại hội (",
            "làm việc với",
            "Hội nghị \"",
            "kỷ niệm 90",
            "ĐẠI HỘI XIII",
        ] {
            let _ = run(s);
        }
    }
}
