//! Fractions and percentages with their subjects.

use crate::doc::{Claims, Doc};
use crate::record::Statistic;

/// Finds every fraction and percentage in the content of `doc`.
pub fn extract(doc: &Doc, claims: &mut Claims) -> Vec<Statistic> {
    let _ = (doc, claims);
    Vec::new()
}
