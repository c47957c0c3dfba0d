//! Document references: Party and State codes, uncoded references, one record
//! per document.

use crate::doc::{Claims, Doc};
use crate::record::Directive;

/// Finds every document referred to in the content of `doc`.
pub fn extract(doc: &Doc, claims: &mut Claims) -> Vec<Directive> {
    let _ = (doc, claims);
    Vec::new()
}
