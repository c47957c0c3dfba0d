//! What every extractor sees: the canonical text of one article, the ranges
//! of it that are content, the publication date for context, and the ranges
//! already taken by a higher-precedence extractor.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::record::Mention;

/// The publication date of an article, the first source of a missing year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Year of publication.
    pub year: i32,
    /// Month of publication, 1-12.
    pub month: u32,
    /// Day of publication, 1-31.
    pub day: u32,
}

/// One article as extractors see it.
///
/// `text` is canonical (see [`crate::normalize`]); every range is a byte range
/// of `text`. Extractors report canonical ranges; the pipeline maps them back
/// to the caller's bytes at the very end.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The canonical text of the whole input.
    pub text: &'a str,
    /// Maximal runs of content (headline, lead, body, captions), sorted and
    /// disjoint. Page furniture, the date line, category and bylines lie
    /// outside them.
    pub content: Vec<Range<usize>>,
    /// The article's own publication date, when its date line gives one.
    pub anchor: Option<Anchor>,
}

impl<'a> Doc<'a> {
    /// A document whose whole text is content, with an optional anchor: the
    /// shape extractor tests and single sentences use.
    pub fn plain(text: &'a str, anchor: Option<Anchor>) -> Self {
        Doc {
            text,
            content: std::iter::once(0..text.len()).collect(),
            anchor,
        }
    }

    /// The content runs with their start offsets.
    pub fn segments(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.content
            .iter()
            .map(|r| (r.start, &self.text[r.clone()]))
    }

    /// A mention of `range` in canonical coordinates; the pipeline remaps it.
    pub fn mention(&self, range: Range<usize>) -> Mention {
        Mention {
            text: self.text[range.clone()].to_string(),
            start: range.start,
            end: range.end,
        }
    }
}

/// Ranges of the canonical text already taken by an extractor of higher
/// precedence (document codes before dates, dates before fractions).
///
/// Kept as disjoint ranges in an ordered map (start → end), so claims made
/// in any order and overlap queries both cost O(log n): an article with
/// tens of thousands of mentions stays linear.
#[derive(Debug, Clone, Default)]
pub struct Claims {
    ranges: BTreeMap<usize, usize>,
}

impl Claims {
    /// No range taken.
    pub fn new() -> Self {
        Self::default()
    }

    /// True when `r` overlaps a taken range.
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        // Disjoint ranges sorted by start have sorted ends too: the only
        // candidate is the last range starting before `r.end`.
        self.ranges
            .range(..r.end)
            .next_back()
            .is_some_and(|(_, &end)| end > r.start)
    }

    /// Take `r`, merging it with the ranges it touches.
    pub fn claim(&mut self, r: Range<usize>) {
        if r.start >= r.end {
            return;
        }
        let (mut start, mut end) = (r.start, r.end);
        if let Some((&s, &e)) = self.ranges.range(..=start).next_back() {
            if e >= start {
                start = s;
                end = end.max(e);
            }
        }
        let inside: Vec<usize> = self.ranges.range(start..=end).map(|(&s, _)| s).collect();
        for s in inside {
            if let Some(e) = self.ranges.remove(&s) {
                end = end.max(e);
            }
        }
        self.ranges.insert(start, end);
    }

    /// The taken ranges, sorted and disjoint.
    pub fn ranges(&self) -> Vec<Range<usize>> {
        self.ranges.iter().map(|(&s, &e)| s..e).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_merge_and_overlap() {
        let mut c = Claims::new();
        c.claim(10..20);
        c.claim(30..40);
        assert!(c.overlaps(&(15..16)));
        assert!(c.overlaps(&(19..31)));
        assert!(!c.overlaps(&(20..30)));
        assert!(!c.overlaps(&(0..10)));
        c.claim(18..32);
        assert_eq!(c.ranges(), vec![10..40; 1]);
        c.claim(5..6);
        assert_eq!(c.ranges(), vec![5..6, 10..40]);
        c.claim(3..3);
        assert_eq!(c.ranges().len(), 2);
        // Out of order, touching and nested claims.
        let mut c = Claims::new();
        for r in [50..60, 10..20, 20..25, 30..35, 12..14, 0..5, 34..51] {
            c.claim(r);
        }
        assert_eq!(c.ranges(), vec![0..5, 10..25, 30..60]);
        assert!(!c.overlaps(&(25..30)));
        assert!(c.overlaps(&(59..70)));
    }
}
