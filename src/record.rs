//! The typed records of the output contract (`spec/output.md`).
//!
//! Every type here serializes with serde to exactly the JSON shape the
//! contract fixes. Extra fields beyond the contract are allowed by it and are
//! marked as such in their docs.

use serde::{Deserialize, Serialize};

/// A span of the caller's original text: `input[start..end] == text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The exact original text of the span.
    pub text: String,
    /// Byte offset of the first byte, on a char boundary of the input.
    pub start: usize,
    /// Byte offset one past the last byte, on a char boundary of the input.
    pub end: usize,
}

/// One article, as the contract's "Article record".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Article {
    /// File stem for a file input, the `id` field of a JSON Lines input.
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The article's own date line.
    pub published: Option<Temporal>,
    /// Section label such as "Thời sự - Chính trị".
    pub category: Option<String>,
    /// Journalists and photographers from the bylines.
    pub authors: Vec<Author>,
    /// Every temporal expression in the content.
    pub dates: Vec<Temporal>,
    /// People named in the content, one entry per person.
    pub officials: Vec<Official>,
    /// Documents referred to, one entry per document.
    pub directives: Vec<Directive>,
    /// Fractions and percentages.
    pub statistics: Vec<Statistic>,
    /// Meetings, congresses, sessions, ceremonies, elections.
    pub events: Vec<Event>,
}

/// The modifier of a temporal expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modifier {
    /// "trước ngày …"
    Before,
    /// "sau ngày …"
    After,
    /// "đến hết ngày …"
    Until,
    /// "khoảng …"
    Approx,
    /// "đầu năm …"
    Start,
    /// "giữa năm …"
    Mid,
    /// "cuối năm …", "những tháng cuối năm …"
    End,
}

/// A temporal expression with its normalized value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Temporal {
    /// The exact original text of the expression.
    pub text: String,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// ISO 8601 / TIMEX3-like value (`2020-07-09`, `2021-Q1`, `2020/2025`),
    /// or null for a relative expression that could not be resolved.
    pub value: Option<String>,
    /// True when part of the value was filled from context.
    pub inferred: bool,
    /// Before/after/until/approx/start/mid/end, or null.
    pub modifier: Option<Modifier>,
}

/// A person named in the content, with every title given to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    /// The name in standard casing ("Phan Văn Phụng").
    pub name: String,
    /// Each position as its own string, organization included, without
    /// duplicates, in order of first appearance.
    pub titles: Vec<String>,
    /// Every mention of the person.
    pub mentions: Vec<Mention>,
}

/// The role of an author in a byline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorRole {
    /// Wrote the text ("Tin:", "Bài:").
    Text,
    /// Took the photos ("Ảnh:").
    Photo,
    /// A signature without a role.
    Unknown,
}

/// A journalist or photographer from a byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// The name as signed ("Thu Thủy", "A.H").
    pub name: String,
    /// What they did.
    pub role: AuthorRole,
}

/// A document referred to in the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directive {
    /// Canonical document number (`35-CT/TW`, `30/2020/NĐ-CP`), null when the
    /// text gives none.
    pub code: Option<String>,
    /// The number without leading zeros ("05" → "5").
    pub number: Option<String>,
    /// Type abbreviation (`CT`, `NQ`, `QĐi`).
    pub kind: Option<String>,
    /// Type name ("Chỉ thị").
    pub kind_name: Option<String>,
    /// Issuer code (`TW`, `BTCTW`, `NĐ-CP`'s `CP`).
    pub issuer: Option<String>,
    /// Issuer name ("Trung ương"), null when unknown.
    pub issuer_name: Option<String>,
    /// Name of an uncoded reference ("Nghị quyết Trung ương 4 khóa XII").
    pub title: Option<String>,
    /// Date of issue written next to a reference (extra field), ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Issuing body written next to a reference, "của Bộ Chính trị khóa XIII"
    /// → "Bộ Chính trị khóa XIII" (extra field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_by: Option<String>,
    /// The year inside a State-style code (`30/2020/NĐ-CP` → 2020, extra field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Every mention of the document.
    pub mentions: Vec<Mention>,
}

/// Whether a statistic is a fraction or a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatisticKind {
    /// `x/y`
    Fraction,
    /// `n%`
    Percent,
}

/// A fraction or a percentage with the thing counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statistic {
    /// Fraction or percent.
    pub kind: StatisticKind,
    /// The exact original text of the number ("1.192/1.312", "99,99%").
    pub text: String,
    /// Byte offset of the first byte in the input.
    pub start: usize,
    /// Byte offset one past the last byte in the input.
    pub end: usize,
    /// Numerator of a fraction, null for a percentage.
    pub numerator: Option<u64>,
    /// Denominator of a fraction, null for a percentage.
    pub denominator: Option<u64>,
    /// The percentage, or numerator/denominator.
    pub value: f64,
    /// The hedge as written ("gần", "hơn", "khoảng", "trên"), or null.
    pub qualifier: Option<String>,
    /// The noun phrase counted, or null.
    pub subject: Option<String>,
}

/// A meeting, congress, session, ceremony or election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Lower-case head ("hội nghị", "đại hội", "kỳ họp", "buổi làm việc").
    pub kind: String,
    /// The event's name as written, canonical.
    pub name: String,
    /// Number from "lần thứ 21", "lần thứ XIII", "Hội nghị Trung ương 4".
    pub ordinal: Option<u32>,
    /// "2020/2025" from "nhiệm kỳ 2020-2025", or "khóa XIII".
    pub term: Option<String>,
    /// The body holding the event, when the text says.
    pub organizer: Option<String>,
    /// Temporal value of the event's date, when the text ties one to it.
    pub date: Option<String>,
    /// Place, when the text ties one to it.
    pub location: Option<String>,
    /// Names of the officials chairing or leading it (extra field).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chairs: Vec<String>,
    /// Every mention of the event.
    pub mentions: Vec<Mention>,
}
