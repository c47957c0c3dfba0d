//! Article structure: which lines are the headline, the date line, the
//! category, the bylines, and which are page furniture; what is left is the
//! content the extractors see.
//!
//! The rules are general ones about the shape of scraped news pages:
//! - the category is a short label line before the headline;
//! - the date line is a timestamp line near the top;
//! - share widgets and view counters are short lines of known words;
//! - "related articles" lists, comment forms and magazine promos start at a
//!   marker line ("Các bài viết khác", "Ý kiến bạn đọc", "Bài cùng chuyên
//!   mục", …) and run to the end of the page;
//! - the byline is the last short name-like line before that;
//! - a line repeated right after itself (an image's alt text and caption) is
//!   content once.
//!
//! ```
//! use vnextract::article::Layout;
//! let text = "Thời sự - Chính trị\nHội nghị giao ban\n16:33' 25/8/2020\n\nNội dung.\n\nThu Thủy\n\nÝ kiến bạn đọc\nHọ và tên";
//! let l = Layout::parse(text);
//! assert_eq!(&text[l.title.clone().unwrap()], "Hội nghị giao ban");
//! assert_eq!(l.published.as_ref().unwrap().value.as_deref(), Some("2020-08-25T16:33"));
//! assert_eq!(l.authors[0].name, "Thu Thủy");
//! assert!(l.content.iter().all(|r| !text[r.clone()].contains("Họ và tên")));
//! ```

use std::ops::Range;

use once_cell::sync::Lazy;
use regex::Regex;

use crate::doc::Anchor;
use crate::record::{Author, AuthorRole, Temporal};
use crate::text::collapse_ws;

/// The structure of one article, in canonical byte ranges.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The headline line.
    pub title: Option<Range<usize>>,
    /// The section label line.
    pub category: Option<Range<usize>>,
    /// The article's date line, parsed.
    pub published: Option<Temporal>,
    /// Bylines: journalists and photographers.
    pub authors: Vec<Author>,
    /// Maximal runs of content lines, sorted and disjoint.
    pub content: Vec<Range<usize>>,
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    Content,
    Title,
    Category,
    DateLine,
    Byline,
    Furniture,
}

#[derive(Debug, Clone)]
struct Line {
    /// The line without its end-of-line characters and surrounding spaces.
    range: Range<usize>,
    kind: LineKind,
    /// Text at the end of the line was taken out of the content (a photo
    /// credit): a content run must not continue past it.
    truncated: bool,
}

/// Lines that start the page furniture at the foot of an article: related
/// articles, comment forms, promos. Lower case, canonical.
const TAIL_MARKERS: &[&str] = &[
    "bài cùng chuyên mục",
    "bài viết khác",
    "bài viết liên quan",
    "bài liên quan",
    "bình luận",
    "các bài viết khác",
    "các bài khác",
    "các tin khác",
    "các tin bài khác",
    "các tin đã đưa",
    "gửi bình luận",
    "gửi ý kiến",
    "giới thiệu tạp chí in",
    "họ và tên",
    "họ tên",
    "tin cùng chuyên mục",
    "tin khác",
    "tin liên quan",
    "tin mới",
    "tin mới nhất",
    "tin tức liên quan",
    "tin đã đưa",
    "xem thêm",
    "xem tiếp",
    "ý kiến bạn đọc",
    "ý kiến của bạn",
    "đọc nhiều",
    "đọc nhiều nhất",
    "đọc thêm",
];

/// Words that make up share widgets and toolbars ("EmailPrintAa").
const WIDGET_WORDS: &[&str] = &[
    "a+",
    "a-",
    "aa",
    "bản in",
    "chia sẻ",
    "copy link",
    "email",
    "facebook",
    "gửi",
    "in",
    "in bài",
    "like",
    "lưu",
    "print",
    "share",
    "tweet",
    "twitter",
    "zalo",
];

static DATELINE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)^
        (?:(?i:cập\ nhật|ngày\ đăng|đăng\ ngày|ngày\ cập\ nhật|thời\ gian|ngày|đăng\ lúc|cập\ nhật\ lúc)\s*:?\s*)?
        (?:(?:[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật|T[2-7]|CN)\s*[,-]?\s*)?
        (?P<stamp>
          (?:(?P<h1>\d{1,2})[:h](?P<m1>\d{2})(?::\d{2})?'?\s*[,|-]?\s*
             (?:(?:[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|[2-7])|[Cc]hủ\s+[Nn]hật)\s*[,-]?\s*)?
             (?:ngày\s+)?(?P<d1>\d{1,2})[/.-](?P<mo1>\d{1,2})[/.-](?P<y1>\d{4}))
          |
          (?:(?P<d2>\d{1,2})[/.-](?P<mo2>\d{1,2})[/.-](?P<y2>\d{4})
             (?:\s*[,|-]?\s*(?:lúc\s*)?(?P<h2>\d{1,2})[:h](?P<m2>\d{2})(?::\d{2})?'?)?)
        )
        (?P<zone>\s*[\[(]?\s*(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?\s*[\])]?)?
        (?P<rest>.*)$",
    )
    .expect("date line pattern")
});

/// What may follow a timestamp on its line: a view counter, separators.
static DATELINE_REST: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"^(?:[\s|,.\-]*(?:\d[\d.]*)?\s*(?i:lượt xem|lượt đọc|views?)?[\s|]*|\s*[|•]\s*[^|]{1,60}(?:\|[^|]{1,60}){0,4})$")
        .expect("date line rest pattern")
});

/// A byline role marker: "Tin:", "Ảnh:", "Bài và ảnh:".
static ROLE_MARKER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:^|\b|[a-zà-ỹđ])(?P<role>(?i:tin\s*(?:,|và|/)\s*ảnh|bài\s*(?:,|và|/)\s*ảnh|tin|bài|ảnh|video|clip|đồ\s+họa|thực\s+hiện))\s*:",
    )
    .expect("role marker pattern")
});

/// Initials such as "A.H", "N.Q.H.".
static INITIALS: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"^\p{Lu}(?:\.\s?\p{Lu}){1,3}\.?$").expect("initials pattern"));

impl Layout {
    /// Finds the structure of a canonical article text.
    pub fn parse(text: &str) -> Layout {
        let mut lines = split_lines(text);
        let mut layout = Layout::default();

        let nonblank: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].kind != LineKind::Blank)
            .collect();

        // Widgets and view counters anywhere.
        for &i in &nonblank {
            if is_widget(&text[lines[i].range.clone()]) {
                lines[i].kind = LineKind::Furniture;
            }
        }

        // Site banners and breadcrumb trails at the top: furniture; the
        // trail's last step is the category.
        for &i in nonblank.iter().take(4) {
            let t = &text[lines[i].range.clone()];
            if is_banner(t) {
                lines[i].kind = LineKind::Furniture;
            } else if let Some(last) = breadcrumb_last(t) {
                lines[i].kind = LineKind::Furniture;
                if layout.category.is_none() {
                    let start = lines[i].range.start + last;
                    layout.category = Some(start..lines[i].range.end);
                }
            }
        }

        // Head: category, title, date line among the first lines.
        let head: Vec<usize> = nonblank
            .iter()
            .copied()
            .filter(|&i| lines[i].kind == LineKind::Content)
            .take(6)
            .collect();
        for &i in &head {
            if let Some(t) = parse_dateline(text, lines[i].range.clone()) {
                lines[i].kind = LineKind::DateLine;
                layout.published = Some(t);
                break;
            }
        }
        let mut head_content = head
            .iter()
            .copied()
            .filter(|&i| lines[i].kind == LineKind::Content);
        if let Some(first) = head_content.next() {
            let second = head_content.next();
            let first_text = &text[lines[first].range.clone()];
            let is_cat = second.is_some_and(|s| {
                let next_len = text[lines[s].range.clone()].len();
                (is_category(first_text)
                    && (first_text.contains(" - ") || next_len > first_text.len()))
                    || (is_section_label(first_text) && next_len > 2 * first_text.len())
            });
            let title = if is_cat {
                lines[first].kind = LineKind::Category;
                layout.category.get_or_insert(lines[first].range.clone());
                second
            } else {
                Some(first)
            };
            if let Some(t) = title {
                if lines[t].range.len() <= 400 {
                    lines[t].kind = LineKind::Title;
                    layout.title = Some(lines[t].range.clone());
                }
            }
        }

        // A byline between the headline and the date line ("TS. NGUYỄN THỊ
        // PHƯƠNG LAN", then maybe the author's institution).
        if let (Some(t), Some(d)) = (
            lines.iter().position(|l| l.kind == LineKind::Title),
            lines.iter().position(|l| l.kind == LineKind::DateLine),
        ) {
            let between: Vec<usize> = nonblank
                .iter()
                .copied()
                .filter(|&i| i > t && i < d && lines[i].kind == LineKind::Content)
                .collect();
            if let Some(&first) = between.first() {
                if let Some(authors) = parse_byline(strip_degree(&text[lines[first].range.clone()]))
                {
                    layout.authors.extend(authors);
                    for &i in &between {
                        lines[i].kind = if i == first {
                            LineKind::Byline
                        } else {
                            LineKind::Furniture
                        };
                    }
                }
            }
        }

        // A category may also stand right after the date line.
        if layout.category.is_none() {
            let after_date = nonblank
                .iter()
                .position(|&i| lines[i].kind == LineKind::DateLine)
                .and_then(|p| nonblank.get(p + 1).copied());
            if let Some(i) = after_date {
                if lines[i].kind == LineKind::Content && is_category(&text[lines[i].range.clone()])
                {
                    lines[i].kind = LineKind::Category;
                    layout.category = Some(lines[i].range.clone());
                }
            }
        }

        // Tail: everything from the first marker line after the title on.
        let body_from = nonblank
            .iter()
            .position(|&i| matches!(lines[i].kind, LineKind::Title | LineKind::DateLine))
            .map_or(0, |p| p + 1);
        let cut = nonblank[body_from.min(nonblank.len())..]
            .iter()
            .copied()
            .find(|&i| is_tail_marker(&text[lines[i].range.clone()]))
            .unwrap_or(lines.len());
        for line in &mut lines[cut..] {
            if line.kind != LineKind::Blank {
                line.kind = LineKind::Furniture;
            }
        }
        for &i in &nonblank {
            if i < cut && is_related_item(&text[lines[i].range.clone()]) {
                lines[i].kind = LineKind::Furniture;
            }
        }

        // Byline: the last name-like lines before the cut.
        let mut seen = 0;
        for &i in nonblank.iter().rev().filter(|&&i| i < cut) {
            if lines[i].kind != LineKind::Content {
                continue;
            }
            let t = &text[lines[i].range.clone()];
            if t.chars().all(|c| !c.is_alphanumeric()) {
                lines[i].kind = LineKind::Furniture;
                continue;
            }
            if is_source_line(t) {
                lines[i].kind = LineKind::Furniture;
                continue;
            }
            seen += 1;
            match parse_byline(t) {
                Some(authors) if seen <= 2 && i != nonblank[0] => {
                    lines[i].kind = LineKind::Byline;
                    let mut all = authors;
                    all.extend(std::mem::take(&mut layout.authors));
                    layout.authors = all;
                }
                _ => break,
            }
        }

        // Photo credits: a line of its own ("Ảnh: Viết Thành") or the end of
        // a caption ("… phát biểu. Ảnh: TRẦN HẢI"). The credit leaves the
        // content; the photographer joins the authors.
        for &i in &nonblank {
            if lines[i].kind != LineKind::Content {
                continue;
            }
            let r = lines[i].range.clone();
            if let Some((at, name)) = photo_credit(&text[r.clone()]) {
                if !layout.authors.iter().any(|a| a.name == name) {
                    layout.authors.push(Author {
                        name,
                        role: AuthorRole::Photo,
                    });
                }
                let kept = text[r.start..r.start + at].trim_end().len();
                if kept == 0 {
                    lines[i].kind = LineKind::Furniture;
                } else {
                    lines[i].range = r.start..r.start + kept;
                    lines[i].truncated = true;
                }
            }
        }

        // A line repeated right after itself is content once.
        let mut last: Option<usize> = None;
        for &i in &nonblank {
            if lines[i].kind != LineKind::Content {
                continue;
            }
            if let Some(p) = last {
                if text[lines[p].range.clone()] == text[lines[i].range.clone()] {
                    lines[i].kind = LineKind::Furniture;
                    continue;
                }
            }
            last = Some(i);
        }

        // Content runs: title and content lines, joined across blank lines.
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut open = false;
        for line in &lines {
            match line.kind {
                LineKind::Title | LineKind::Content => {
                    match runs.last_mut() {
                        Some(r) if open => r.end = line.range.end,
                        _ => runs.push(line.range.clone()),
                    }
                    open = !line.truncated;
                }
                LineKind::Blank => {}
                _ => open = false,
            }
        }
        layout.content = runs;
        layout
    }

    /// The publication date as context for the extractors.
    pub fn anchor(&self) -> Option<Anchor> {
        let v = self.published.as_ref()?.value.as_deref()?;
        let year = v.get(0..4)?.parse().ok()?;
        let month = v.get(5..7)?.parse().ok()?;
        let day = v.get(8..10)?.parse().ok()?;
        Some(Anchor { year, month, day })
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in text.split_inclusive('\n') {
        let end = start + piece.len();
        let body = piece.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        let s = start + lead;
        lines.push(Line {
            range: s..s + trimmed.len(),
            kind: if trimmed.is_empty() {
                LineKind::Blank
            } else {
                LineKind::Content
            },
            truncated: false,
        });
        start = end;
    }
    lines
}

fn lower_short(t: &str, max: usize) -> Option<String> {
    (t.len() <= max).then(|| t.to_lowercase())
}

fn is_widget(t: &str) -> bool {
    if t.len() > 80 || !(starts_like(t, WIDGET_WORDS) || t.contains("ượt") || t.contains("ƯỢT"))
    {
        return false;
    }
    let Some(l) = lower_short(t, 80) else {
        return false;
    };
    // Peel widget words off the front until nothing is left.
    let mut rest = l.as_str();
    let mut peeled = 0;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|•·-/".contains(c));
        if rest.is_empty() {
            break;
        }
        let Some(w) = WIDGET_WORDS
            .iter()
            .filter(|w| rest.starts_with(**w))
            .max_by_key(|w| w.len())
        else {
            return is_view_counter(&l);
        };
        rest = &rest[w.len()..];
        peeled += 1;
    }
    // A lone "in" or "gửi" is too common a word to call a widget.
    peeled >= 2 || matches!(l.trim(), "email" | "print" | "chia sẻ" | "share")
}

/// A cheap first test: the first letter of `t` (after widget separators),
/// lower-cased, starts one of the lower-case `words`.
fn starts_like(t: &str, words: &[&str]) -> bool {
    let Some(c) = t
        .chars()
        .find(|&c| !(c.is_whitespace() || "|•·-/".contains(c)))
    else {
        return true;
    };
    let mut low = c.to_lowercase();
    let (Some(f), None) = (low.next(), low.next()) else {
        return true;
    };
    words.iter().any(|w| w.starts_with(f))
}

fn is_view_counter(l: &str) -> bool {
    let t = l.trim();
    (t.starts_with("lượt xem") || t.ends_with("lượt xem") || t.starts_with("số lượt"))
        && t.len() < 40
}

fn is_tail_marker(t: &str) -> bool {
    if t.len() > 120 || !starts_like(t, TAIL_MARKERS) {
        return false;
    }
    let Some(l) = lower_short(t, 120) else {
        return false;
    };
    let l = l.trim_end_matches([':', '*', ' ', '.']);
    TAIL_MARKERS.iter().any(|m| {
        l == *m
            || (l.starts_with(m)
                && matches!(
                    *m,
                    "ý kiến bạn đọc"
                        | "họ và tên"
                        | "họ tên"
                        | "các bài viết khác"
                        | "tin liên quan"
                        | "bài cùng chuyên mục"
                        | "tin cùng chuyên mục"
                ))
    })
}

/// A photo credit at the end of a line ("… phát biểu. Ảnh: TRẦN HẢI").
static CREDIT: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:^|[\s.(\-])\(?(?P<m>[Ảả]nh|ẢNH)\s*:\s*(?P<name>[^():;,.]{2,40}?)\s*\)?\.?$")
        .expect("photo credit pattern")
});

/// A photo credit at the end of a line: where it starts and the
/// photographer's name. Agencies and generic credits ("TTXVN", "PV", "Ảnh
/// minh họa", "tư liệu") are not people.
fn photo_credit(t: &str) -> Option<(usize, String)> {
    // Cheap tests first: most lines carry no credit at all.
    if t.len() > 2000 {
        return None;
    }
    // A credit is short: search only the line's last few hundred bytes
    // (`captures_at` keeps the line as context, so `^` still means its
    // start) instead of the whole of a long caption.
    let from = (t.len().saturating_sub(400)..t.len())
        .find(|&i| t.is_char_boundary(i))
        .unwrap_or(t.len());
    let tail_from = t.len().saturating_sub(80);
    let tail_from = (tail_from..t.len())
        .find(|&i| t.is_char_boundary(i))
        .unwrap_or(t.len());
    if !["Ảnh", "ảnh", "ẢNH"]
        .iter()
        .any(|m| t[tail_from..].contains(m))
    {
        return None;
    }
    if !credit_colon_after(t, from) {
        return None;
    }
    let c = CREDIT.captures_at(t, from)?;
    let raw = c.name("name")?.as_str();
    // "VGP/Nhật Bắc": the agency before the slash is not the photographer.
    let raw = raw.rsplit_once('/').map_or(raw, |(_, n)| n);
    let name = collapse_ws(raw);
    let at = c.name("m")?.start();
    let at = if t[..at].ends_with('(') { at - 1 } else { at };
    if !is_name_like(&name) {
        return None;
    }
    Some((at, display_name(&name)))
}

/// A necessary condition for a credit match starting at or after `from`:
/// nothing after the credit's colon may be a colon, so the line's last
/// colon, at or after `from`, comes right (spaces aside) after "Ảnh",
/// "ảnh" or "ẢNH".
fn credit_colon_after(t: &str, from: usize) -> bool {
    let Some(colon) = t[from..].rfind(':') else {
        return false;
    };
    let before = t[..from + colon].trim_end();
    before.ends_with("nh") && (before.ends_with("Ảnh") || before.ends_with("ảnh"))
        || before.ends_with("ẢNH")
}

/// An ALL CAPS signature in standard casing; initials stay as written.
fn display_name(n: &str) -> String {
    let letters: Vec<char> = n.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 3 && letters.iter().all(|c| c.is_uppercase()) && !INITIALS.is_match(n) {
        crate::text::title_case(n)
    } else {
        n.to_string()
    }
}

/// An academic or professional degree before a signature: "TS.", "PGS.TS",
/// "ThS.", "GS.", "Đại tá" is not one (ranks stay with officials).
fn strip_degree(t: &str) -> &str {
    static DEGREE: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"^(?:(?:PGS|GS|TS|ThS|TSKH|CN|BS|KS|NCS)\.?\s*)+").expect("degree pattern")
    });
    match DEGREE.find(t) {
        Some(m) if m.end() < t.len() => &t[m.end()..],
        _ => t,
    }
}

/// A site banner: "HUYỆN ỦY HẢI HẬU - CỔNG THÔNG TIN ĐIỆN TỬ".
fn is_banner(t: &str) -> bool {
    const SITE_WORDS: &[&str] = &[
        "cổng thông tin",
        "trang thông tin",
        "trang tin điện tử",
        "báo điện tử",
        "tạp chí điện tử",
        "online",
    ];
    if t.len() > 120 {
        return false;
    }
    let l = t.to_lowercase();
    let caps = t
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    SITE_WORDS.iter().any(|w| l.contains(w)) && (caps || t.contains(" - ") || t.contains(" | "))
}

/// A breadcrumb trail ("Trang chủ > Chính trị", "Tin tức - Sự kiện > Xây
/// dựng Đảng", "Trang chủ | Quốc phòng - An ninh | Xây dựng Đảng"): the
/// byte offset of its last step.
fn breadcrumb_last(t: &str) -> Option<usize> {
    if t.len() > 160 || t.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let sep = [" > ", " » ", " / ", " | ", ">", "»"]
        .into_iter()
        .find(|s| t.contains(s))?;
    let steps: Vec<&str> = t.split(sep).collect();
    if steps.len() < 2
        || steps
            .iter()
            .any(|p| p.trim().is_empty() || p.split_whitespace().count() > 7)
    {
        return None;
    }
    let first = steps[0].trim().to_lowercase();
    let starts_home = first == "trang chủ" || first == "home";
    if !starts_home && !steps.iter().any(|p| section_words_in(&p.to_lowercase())) {
        return None;
    }
    let last = steps.last()?.trim();
    (!last.is_empty()).then(|| t.len() - steps[steps.len() - 1].trim_start().len())
}

/// "18 ngày trước", "… (2 tháng trước)": items of a related-articles list.
fn is_related_item(t: &str) -> bool {
    static AGO: Lazy<Regex> = Lazy::new(|| {
        Regex::new(r"(?:^|\()\d{1,3}\s+(?:giây|phút|giờ|ngày|tuần|tháng|năm)\s+trước\)?$")
            .expect("ago pattern")
    });
    t.len() < 400 && AGO.is_match(t)
}

/// "Theo TTXVN", "Nguồn: …": a source credit, not an author.
fn is_source_line(t: &str) -> bool {
    t.len() < 80
        && (t.starts_with("Theo ") || t.starts_with("Nguồn:") || t.starts_with("(Theo "))
        && !t.ends_with('.')
}

/// Words of section names, lower case.
static SECTION_WORDS: &[&str] = &[
    "an ninh",
    "chính trị",
    "chỉ đạo",
    "điều hành",
    "đối ngoại",
    "giáo dục",
    "hoạt động",
    "kinh tế",
    "lý luận",
    "nghiên cứu",
    "quốc phòng",
    "sự kiện",
    "thời sự",
    "tin tức",
    "trong nước",
    "văn hóa",
    "xã hội",
    "xây dựng đảng",
];

/// A short section label ("Hoạt động của Tỉnh ủy"): up to eight words with a
/// known section word, no digits, no sentence punctuation.
fn is_section_label(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=8).contains(&words)
        && t.len() <= 60
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || ".!?:;,\"".contains(c))
        && section_words_in(&t.to_lowercase())
}

fn section_words_in(l: &str) -> bool {
    SECTION_WORDS.iter().any(|w| l.contains(w))
}

fn is_category(t: &str) -> bool {
    if t.len() > 80 || t.chars().any(|c| c.is_ascii_digit()) || t.ends_with(['.', '!', '?']) {
        return false;
    }
    let words = t.split_whitespace().count();
    if words == 0 || words > 7 {
        return false;
    }
    let l = t.to_lowercase();
    let parts: Vec<&str> = l
        .split([' ', '-', '>', '/', '|', '»', ','])
        .filter(|w| !w.is_empty())
        .collect();
    let joined = parts.join(" ");
    let has_sep = t.contains(" - ") || t.contains(" > ") || t.contains(" / ") || t.contains('»');
    let known = section_words_in(&joined);
    known && (has_sep || words <= 4)
}

/// Parses a date line into the article's publication date.
fn parse_dateline(text: &str, range: Range<usize>) -> Option<Temporal> {
    let line = &text[range.clone()];
    if line.len() > 120 || !may_hold_date(line) {
        return None;
    }
    let c = DATELINE.captures(line)?;
    if !DATELINE_REST.is_match(c.name("rest").map_or("", |m| m.as_str())) {
        return None;
    }
    let num = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
    let (day, month, year) = match (num("d1"), num("mo1"), num("y1")) {
        (Some(d), Some(m), Some(y)) => (d, m, y),
        _ => (num("d2")?, num("mo2")?, num("y2")?),
    };
    if !valid_date(year as i32, month, day) {
        return None;
    }
    let time = num("h1").zip(num("m1")).or(num("h2").zip(num("m2")));
    let mut value = format!("{year:04}-{month:02}-{day:02}");
    if let Some((h, m)) = time {
        if h > 23 || m > 59 {
            return None;
        }
        value.push_str(&format!("T{h:02}:{m:02}"));
        if c.name("zone").is_some() {
            let sign = c.name("sign").map_or("+", |m| m.as_str());
            let zh = num("zh").unwrap_or(0);
            let zm = num("zm").unwrap_or(0);
            value.push_str(&format!("{sign}{zh:02}:{zm:02}"));
        }
    }
    let stamp = c.name("stamp")?;
    let end = c
        .name("zone")
        .filter(|_| time.is_some())
        .map_or(stamp.end(), |z| z.end());
    let start = range.start + stamp.start();
    let end = range.start + end;
    let span = text[start..end].trim_end();
    Some(Temporal {
        text: span.to_string(),
        start,
        end: start + span.len(),
        value: Some(value),
        inferred: false,
        modifier: None,
    })
}

/// A necessary condition for [`DATELINE`]: a day/month separator, one or
/// two digits, and a month/year separator (`[/.-]\d{1,2}[/.-]`). `\d` is
/// Unicode there, so any numeric char counts as a digit.
fn may_hold_date(line: &str) -> bool {
    let sep = |c: char| matches!(c, '/' | '.' | '-');
    let digit = |c: char| c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric());
    line.bytes().enumerate().any(|(k, c)| {
        sep(char::from(c)) && {
            let mut cs = line[k + 1..].chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(d), Some(s), _) if digit(d) && sep(s) => true,
                (Some(d), Some(e), Some(s)) => digit(d) && digit(e) && sep(s),
                _ => false,
            }
        }
    })
}

/// Reads a publication date given outside the text, ISO 8601:
/// `2020-08-25`, `2020-08-25T16:33`, `2020-08-25 16:33:05+07:00`. The value
/// keeps the precision given (minutes at most) and the zone when stated.
pub fn parse_iso_hint(hint: &str) -> Option<Temporal> {
    static ISO: Lazy<Regex> = Lazy::new(|| {
        Regex::new(
            r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\s*$",
        )
        .expect("iso pattern")
    });
    let c = ISO.captures(hint)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, mo, d) = (n(1)?, n(2)?, n(3)?);
    if !valid_date(y as i32, mo, d) {
        return None;
    }
    let mut value = format!("{y:04}-{mo:02}-{d:02}");
    if let (Some(h), Some(mi)) = (n(4), n(5)) {
        if h > 23 || mi > 59 {
            return None;
        }
        value.push_str(&format!("T{h:02}:{mi:02}"));
        match c.get(6).map(|m| m.as_str()) {
            Some("Z") => value.push_str("+00:00"),
            Some(z) => {
                let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
                value.push_str(&format!("{}{}:{}", &z[..1], &digits[..2], &digits[2..]));
            }
            None => {}
        }
    }
    Some(Temporal {
        text: String::new(),
        start: 0,
        end: 0,
        value: Some(value),
        inferred: false,
        modifier: None,
    })
}

/// True for a real calendar date.
pub fn valid_date(year: i32, month: u32, day: u32) -> bool {
    let dim = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1..=dim).contains(&day)
}

/// Reads a byline: "Tin: Ngọc Diệp Ảnh: Mai Anh", "Thu Thủy", "A.H",
/// "Phan Xuân Bính (Đảng ủy Khối …)". `None` when the line is not one.
fn parse_byline(t: &str) -> Option<Vec<Author>> {
    if t.len() > 160 {
        return None;
    }
    // Every role marker ends in a colon: most lines have none.
    let markers: Vec<_> = if t.contains(':') {
        ROLE_MARKER.captures_iter(t).collect()
    } else {
        Vec::new()
    };
    if let Some(first) = markers.first() {
        let role_start = first.name("role").map_or(0, |m| m.start());
        if role_start > 0 {
            return None;
        }
        let mut out = Vec::new();
        for (k, c) in markers.iter().enumerate() {
            let role = c.name("role").map_or("", |m| m.as_str()).to_lowercase();
            let role = if role.starts_with("ảnh") {
                AuthorRole::Photo
            } else if role.starts_with("tin") || role.starts_with("bài") {
                AuthorRole::Text
            } else {
                AuthorRole::Unknown
            };
            let from = c.get(0).map_or(0, |m| m.end());
            let to = markers
                .get(k + 1)
                .and_then(|n| n.name("role"))
                .map_or(t.len(), |m| m.start());
            for name in split_names(&t[from..to]) {
                if !is_name_like(&name) {
                    return None;
                }
                out.push(Author {
                    name: display_name(&name),
                    role,
                });
            }
        }
        return (!out.is_empty()).then_some(out);
    }
    // A bare signature, maybe with the author's unit in parentheses.
    let bare = match t.find('(') {
        Some(p) if t.ends_with(')') => &t[..p],
        _ => t,
    };
    let names = split_names(bare);
    (!names.is_empty() && names.iter().all(|n| is_name_like(n))).then(|| {
        names
            .into_iter()
            .map(|name| Author {
                name: display_name(&name),
                role: AuthorRole::Unknown,
            })
            .collect()
    })
}

fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';', '-'])
        .flat_map(|p| p.split(" và "))
        .map(collapse_ws)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A signature: 1-5 capitalized words without digits, or initials.
fn is_name_like(n: &str) -> bool {
    if INITIALS.is_match(n) {
        return true;
    }
    let words: Vec<&str> = n.split(' ').collect();
    if words.is_empty() || words.len() > 5 || n.len() > 50 {
        return false;
    }
    const NOT_NAMES: &[&str] = &[
        "Ảnh", "Đồng", "Các", "Toàn", "Hội", "Ban", "Đảng", "PV", "CTV",
    ];
    if NOT_NAMES.contains(&words[0]) {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '.' || c == '\'')
    }) && (words.len() >= 2 || words[0].contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(t: &str) -> Layout {
        Layout::parse(t)
    }

    #[test]
    fn datelines() {
        for (line, want) in [
            ("16:33' 25/8/2020", "2020-08-25T16:33"),
            ("07/08/2020 | 236", "2020-08-07"),
            (
                "Thứ Tư, 07/04/2021, 07:46 [GMT+7]",
                "2021-04-07T07:46+07:00",
            ),
            ("16:17 06/11/2020", "2020-11-06T16:17"),
            ("Thứ Năm, 8/6/2023 14:46'(GMT+7)", "2023-06-08T14:46+07:00"),
            ("Cập nhật: 09:15 ngày 10/10/2020", "2020-10-10T09:15"),
            ("Ngày đăng: 12/10/2020", "2020-10-12"),
            ("31/2/2020", ""),
            ("Ngày 9/7/2020, tại Hà Nội, hội nghị diễn ra", ""),
        ] {
            let got = parse_dateline(line, 0..line.len()).and_then(|t| t.value);
            if want.is_empty() {
                assert_eq!(got, None, "{line}");
            } else {
                assert_eq!(got.as_deref(), Some(want), "{line}");
            }
        }
        let line = "Thứ Tư, 07/04/2021, 07:46 [GMT+7]";
        let t = parse_dateline(line, 0..line.len()).unwrap();
        assert_eq!(t.text, "07/04/2021, 07:46 [GMT+7]");
    }

    #[test]
    fn bylines() {
        let names = |t: &str| {
            parse_byline(t).map(|v| v.into_iter().map(|a| (a.name, a.role)).collect::<Vec<_>>())
        };
        assert_eq!(
            names("Tin: Ngọc DiệpẢnh: Mai Anh"),
            Some(vec![
                ("Ngọc Diệp".into(), AuthorRole::Text),
                ("Mai Anh".into(), AuthorRole::Photo)
            ])
        );
        assert_eq!(
            names("A.H"),
            Some(vec![("A.H".into(), AuthorRole::Unknown)])
        );
        assert_eq!(
            names("Phan Xuân Bính (Đảng ủy Khối các cơ quan)"),
            Some(vec![("Phan Xuân Bính".into(), AuthorRole::Unknown)])
        );
        assert_eq!(
            names("Bài, ảnh: Thu Hà"),
            Some(vec![("Thu Hà".into(), AuthorRole::Text)])
        );
        assert_eq!(names("Toàn cảnh hội nghị"), None);
        assert_eq!(names("Đồng chí Nguyễn Đình Hải phát biểu"), None);
        assert_eq!(names("Các đại biểu dự Hội nghị"), None);
    }

    #[test]
    fn furniture_and_categories() {
        assert!(is_widget("EmailPrintAa"));
        assert!(is_widget("Chia sẻ | Facebook | Zalo"));
        assert!(!is_widget("In"));
        assert!(is_tail_marker("Các bài viết khác"));
        assert!(is_tail_marker("Ý KIẾN BẠN ĐỌC VỀ BÀI VIẾT NÀY"));
        assert!(is_tail_marker("Họ và tên : *"));
        assert!(!is_tail_marker(
            "Bình luận về sự kiện này, đồng chí Bí thư cho biết rõ."
        ));
        assert!(is_related_item("18 ngày trước"));
        assert!(is_related_item("• Hội nghị Ban Thường vụ (1 tháng trước)"));
        assert!(is_category("Thời sự - Chính trị"));
        assert!(is_category("Xây dựng Đảng"));
        assert!(!is_category(
            "Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ 22"
        ));
    }

    #[test]
    fn whole_page() {
        let t = "Thời sự - Chính trị\nTiêu đề bài viết về hội nghị\n16:33' 25/8/2020\n\nĐoạn một.\nẢnh: chú thích\nẢnh: chú thích\n\nTin: Ngọc DiệpẢnh: Mai Anh\n\nÝ KIẾN BẠN ĐỌC VỀ BÀI VIẾT NÀY\n\nHọ và tên : *\n";
        let l = layout(t);
        assert_eq!(&t[l.category.clone().unwrap()], "Thời sự - Chính trị");
        assert_eq!(&t[l.title.clone().unwrap()], "Tiêu đề bài viết về hội nghị");
        assert_eq!(l.authors.len(), 2);
        let content: Vec<&str> = l.content.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(
            content,
            vec!["Tiêu đề bài viết về hội nghị", "Đoạn một.\nẢnh: chú thích"]
        );
    }

    #[test]
    fn time_weekday_date_lines() {
        let line = "Cập nhật lúc 20:05, Thứ Năm, 17/10/2024";
        let t = parse_dateline(line, 0..line.len()).unwrap();
        assert_eq!(t.value.as_deref(), Some("2024-10-17T20:05"));
    }

    #[test]
    fn categories_before_title_or_after_date_line() {
        let t = "Hoạt động của Tỉnh ủy\nHội nghị lần thứ 18 Ban Chấp hành Đảng bộ tỉnh khóa XIX (mở rộng) bàn nhiều nội dung quan trọng\nNội dung.";
        let l = layout(t);
        assert_eq!(&t[l.category.clone().unwrap()], "Hoạt động của Tỉnh ủy");
        assert!(t[l.title.clone().unwrap()].starts_with("Hội nghị lần thứ 18"));
        let t = "Trao Huy hiệu Đảng cho đảng viên lão thành\n31/08/2023 10:15\nXây dựng Đảng\nSáng nay, Quận ủy tổ chức lễ.";
        let l = layout(t);
        assert_eq!(&t[l.category.clone().unwrap()], "Xây dựng Đảng");
        // A short headline is not a category.
        let t =
            "Hội nghị Ban Thường vụ Tỉnh ủy\nSáng 9/7, Ban Thường vụ Tỉnh ủy họp phiên thường kỳ.";
        assert!(layout(t).category.is_none());
    }

    #[test]
    fn photo_credits_in_captions() {
        let t = "Tiêu đề\nĐoạn một.\nĐồng chí Bí thư phát biểu tại hội nghị. Ảnh: TRẦN HẢI\nToàn cảnh (Ảnh: Viết Thành)\nẢnh: TTXVN\nĐoạn hai.\nThu Hà";
        let l = layout(t);
        let names: Vec<(&str, AuthorRole)> = l
            .authors
            .iter()
            .map(|a| (a.name.as_str(), a.role))
            .collect();
        assert!(
            names.contains(&("Trần Hải", AuthorRole::Photo)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Viết Thành", AuthorRole::Photo)),
            "{names:?}"
        );
        assert!(
            names.contains(&("Thu Hà", AuthorRole::Unknown)),
            "{names:?}"
        );
        assert_eq!(names.len(), 3, "{names:?}");
        let content: String = l.content.iter().map(|r| &t[r.clone()]).collect();
        assert!(!content.contains("TRẦN HẢI") && !content.contains("Viết Thành"));
        assert!(content.contains("phát biểu tại hội nghị."));
        assert!(photo_credit("Ảnh: Đồng chí Nguyễn Đình Hải phát biểu").is_none());
        assert!(photo_credit("Ảnh minh họa").is_none());
    }

    #[test]
    fn breadcrumbs_banners_and_head_bylines() {
        assert_eq!(
            breadcrumb_last("Trang chủ > Chính trị").map(|i| &"Trang chủ > Chính trị"[i..]),
            Some("Chính trị")
        );
        let t = "Trang chủ | Quốc phòng - An ninh | Xây dựng Đảng trong Quân đội";
        assert_eq!(
            breadcrumb_last(t).map(|i| &t[i..]),
            Some("Xây dựng Đảng trong Quân đội")
        );
        assert!(breadcrumb_last("Hội nghị giao ban | Tin tức").is_some());
        assert!(breadcrumb_last("Kết quả thực hiện 6/12 chỉ tiêu.").is_none());
        assert!(breadcrumb_last(
            "Đảng bộ tỉnh thông qua Nghị quyết về phát triển kinh tế - xã hội"
        )
        .is_none());
        assert!(is_banner("HUYỆN ỦY HẢI HẬU - CỔNG THÔNG TIN ĐIỆN TỬ"));
        assert!(!is_banner(
            "CHỈ THỊ SỐ 19/CT-TTG VỀ CÔNG TÁC PHÒNG, CHỐNG DỊCH"
        ));
        let t = "Tạp chí > Nghiên cứu - Trao đổi > Xây dựng Đảng\n\nNâng cao chất lượng đội ngũ cán bộ trong giai đoạn mới\nTS. NGUYỄN THỊ PHƯƠNG LAN\nHọc viện Chính trị quốc gia Hồ Chí Minh\n15:20, ngày 24-08-2023\n\nNội dung bài viết.";
        let l = layout(t);
        assert_eq!(&t[l.category.clone().unwrap()], "Xây dựng Đảng");
        assert!(t[l.title.clone().unwrap()].starts_with("Nâng cao"));
        assert_eq!(l.authors[0].name, "Nguyễn Thị Phương Lan");
        assert_eq!(
            l.published.as_ref().unwrap().value.as_deref(),
            Some("2023-08-24T15:20")
        );
        let content: String = l.content.iter().map(|r| &t[r.clone()]).collect();
        assert!(!content.contains("Học viện"), "{content}");
        let line = "Ngày đăng: 19/10/2020 | Người đăng: Văn phòng Huyện ủy | Lượt xem: 1.482";
        let p = parse_dateline(line, 0..line.len()).unwrap();
        assert_eq!(p.value.as_deref(), Some("2020-10-19"));
        assert_eq!(
            photo_credit("Toàn cảnh phiên họp. Ảnh: VGP/Nhật Bắc").map(|x| x.1),
            Some("Nhật Bắc".into())
        );
    }

    #[test]
    fn all_caps_bylines_get_standard_casing() {
        let names = parse_byline("THANH GIANG").unwrap();
        assert_eq!(names[0].name, "Thanh Giang");
        assert_eq!(parse_byline("N.Q.H").unwrap()[0].name, "N.Q.H");
    }

    /// Random lines over the pieces the credit and date-line patterns
    /// look at, with a small xorshift generator.
    fn generated_lines(n: usize, pieces: &[&str]) -> Vec<String> {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = (next() % 16) as usize;
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// The cheap credit test never rejects a line the pattern takes.
    #[test]
    fn credit_prefilter_keeps_every_match() {
        let pieces = [
            "Ảnh",
            "ảnh",
            "ẢNH",
            "Anh",
            "nh",
            ":",
            " : ",
            " ",
            "\u{A0}",
            "\u{2003}",
            "(",
            ")",
            ".",
            "-",
            "/",
            "Trần Hải",
            "TTXVN",
            "VGP/Nhật Bắc",
            "phát biểu",
            ",",
            ";",
            "a",
            "x".repeat(30).leak(),
        ];
        let mut hits = 0;
        for t in generated_lines(300_000, &pieces) {
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)).step_by(3) {
                if CREDIT.captures_at(&t, from).is_some() {
                    hits += 1;
                    assert!(credit_colon_after(&t, from), "{t:?} from {from}");
                }
            }
        }
        assert!(hits > 1000, "{hits}");
    }

    /// The cheap date test never rejects a line the pattern takes.
    #[test]
    fn date_prefilter_keeps_every_match() {
        let heads = ["", "Cập nhật: ", "Thứ Tư, ", "16:33' ", "ngày ", "x"];
        let days = ["1", "12", "123", "٣", "", "a"];
        let seps = ["/", ".", "-", " ", ""];
        let years = ["2020", "202", "٢٠٢٠", "20201"];
        let tails = ["", " | 236", " GMT+7", " lúc 10:15", " x"];
        let mut hits = 0;
        let mut n = 0;
        for h in heads {
            for d in days {
                for s1 in seps {
                    for m in days {
                        for s2 in seps {
                            for y in years {
                                for t in tails {
                                    let line = format!("{h}{d}{s1}{m}{s2}{y}{t}");
                                    n += 1;
                                    if DATELINE.is_match(&line) {
                                        hits += 1;
                                        assert!(may_hold_date(&line), "{line:?}");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let pieces = [
            "1",
            "12",
            "2020",
            "/",
            ".",
            "-",
            " ",
            ":",
            "h",
            "'",
            "ngày ",
            "Thứ Tư, ",
            "GMT+7",
            "|",
            "٣",
            "१२",
            "x",
            "Hội nghị",
            ",",
            "lúc ",
            "\u{A0}",
        ];
        for t in generated_lines(300_000, &pieces) {
            n += 1;
            if DATELINE.is_match(&t) {
                hits += 1;
                assert!(may_hold_date(&t), "{t:?}");
            }
        }
        assert!(n > 400_000 && hits > 5000, "{hits}");
    }

    #[test]
    fn empty_and_plain() {
        assert!(layout("").content.is_empty());
        let l = layout("Một câu duy nhất không có tiêu đề riêng.");
        assert_eq!(l.content.len(), 1);
    }
}
