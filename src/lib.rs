//! # vnextract
//!
//! Turns the text of Vietnamese Party news articles into typed records:
//! dates and periods, officials with their titles, directive references,
//! statistics, events, and the article's own title, publication date,
//! category and authors.
//!
//! ```
//! let article = vnextract::extract(
//!     "Ngày 9/7/2020, đồng chí Sơn Minh Thắng, Bí thư Đảng ủy Khối, \
//!      quán triệt Chỉ thị số 35-CT/TW của Bộ Chính trị.",
//! );
//! assert!(article.directives.iter().any(|d| d.code.as_deref() == Some("35-CT/TW")));
//! ```
//!
//! Extraction never fails: any `&str` gets a record, possibly empty. Every
//! span (`text`, `start`, `end`) indexes the caller's original bytes, whatever
//! normalization ran inside.

pub mod article;
pub mod dates;
pub mod directives;
pub mod doc;
pub mod events;
pub mod normalize;
pub mod numbers;
pub mod officials;
pub mod record;
pub mod statistics;
pub mod text;

use once_cell::sync::Lazy;

pub use record::{
    Article, Author, AuthorRole, Directive, Event, Mention, Modifier, Official, Statistic,
    StatisticKind, Temporal,
};

use doc::{Claims, Doc};
use normalize::Normalized;

/// The extraction pipeline. Build it once and share it: it is `Send + Sync`
/// and every method takes `&self`.
///
/// ```
/// let ex = vnextract::Extractor::new();
/// let a = ex.extract_with_id("a1", "Sáng 07/8/2020, tại Hà Nội, Hội nghị giao ban diễn ra.");
/// assert_eq!(a.id, "a1");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    _private: (),
}

impl Extractor {
    /// A pipeline with the default lexicons.
    pub fn new() -> Self {
        Extractor { _private: () }
    }

    /// Extracts one article whose id is empty.
    pub fn extract(&self, input: &str) -> Article {
        self.extract_with_id("", input)
    }

    /// Extracts one article and names it `id`.
    pub fn extract_with_id(&self, id: &str, input: &str) -> Article {
        self.extract_with_hint(id, input, None)
    }

    /// Extracts one article and names it `id`, with a publication date known
    /// from outside the text (an archive's metadata, ISO 8601 such as
    /// `2020-08-25` or `2020-08-25T16:33:00+07:00`). The article's own date
    /// line wins when it has one; otherwise the hint becomes `published`
    /// (with an empty span at offset 0, since it is not in the text) and the
    /// context for years missing from the text.
    ///
    /// ```
    /// let ex = vnextract::Extractor::new();
    /// let a = ex.extract_with_hint("x", "Ngày 9/7, hội nghị diễn ra.", Some("2020-07-10"));
    /// assert_eq!(a.published.unwrap().value.as_deref(), Some("2020-07-10"));
    /// ```
    pub fn extract_with_hint(&self, id: &str, input: &str, published: Option<&str>) -> Article {
        let norm = Normalized::new(input);
        let canon = norm.text();
        let mut layout = article::Layout::parse(canon);
        if layout.published.is_none() {
            layout.published = published.and_then(article::parse_iso_hint);
        }
        let doc = Doc {
            text: canon,
            content: layout.content.clone(),
            anchor: layout.anchor(),
        };

        // Precedence: document codes, then dates, then fractions; the later
        // extractors skip what the earlier ones claimed.
        let mut claims = Claims::new();
        let mut directives = directives::extract(&doc, &mut claims);
        let mut dates = dates::extract(&doc, &mut claims);
        let mut statistics = statistics::extract(&doc, &mut claims);
        let mut officials = officials::extract(&doc, &mut claims);
        let mut events = events::extract(&doc, &dates, &officials, &mut claims);

        let mut published = layout.published.clone();
        if let Some(p) = published.as_mut().filter(|p| p.end > p.start) {
            norm.remap_temporal(input, p);
        }
        for d in &mut dates {
            norm.remap_temporal(input, d);
        }
        for s in &mut statistics {
            let (start, end) = norm.to_original(s.start, s.end);
            s.text = input[start..end].to_string();
            s.start = start;
            s.end = end;
        }
        for m in directives
            .iter_mut()
            .flat_map(|d| d.mentions.iter_mut())
            .chain(officials.iter_mut().flat_map(|o| o.mentions.iter_mut()))
            .chain(events.iter_mut().flat_map(|e| e.mentions.iter_mut()))
        {
            norm.remap_mention(input, m);
        }

        Article {
            id: id.to_string(),
            title: layout
                .title
                .as_ref()
                .map(|r| text::collapse_ws(&canon[r.clone()])),
            published,
            category: layout
                .category
                .as_ref()
                .map(|r| text::collapse_ws(&canon[r.clone()])),
            authors: layout.authors,
            dates,
            officials,
            directives,
            statistics,
            events,
        }
    }
}

static DEFAULT: Lazy<Extractor> = Lazy::new(Extractor::new);

/// Extracts one article with the default pipeline; its id is empty.
///
/// ```
/// let a = vnextract::extract("");
/// assert!(a.title.is_none() && a.dates.is_empty());
/// ```
pub fn extract(input: &str) -> Article {
    DEFAULT.extract(input)
}

/// The README's examples run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
