//! Events: meetings, congresses, sessions, ceremonies, elections.

use crate::doc::{Claims, Doc};
use crate::record::{Event, Official, Temporal};

/// Finds the events the content of `doc` reports or refers to, tying them to
/// the dates and officials already found (canonical spans).
pub fn extract(
    doc: &Doc,
    dates: &[Temporal],
    officials: &[Official],
    claims: &mut Claims,
) -> Vec<Event> {
    let _ = (doc, dates, officials, claims);
    Vec::new()
}
