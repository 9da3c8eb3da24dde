//! Deduplication of event mentions across articles into events. (Placeholder signature; the
//! rule and its documentation land with the dedup work of issue 6.)

use rusqlite::Transaction;

/// How mentions are grouped into one event.
#[derive(Debug, Clone)]
pub struct DedupConfig {
    /// Mentions whose dates lie within this many days of each other can be one event.
    pub window_days: i64,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig { window_days: 1 }
    }
}

/// Assign the event mentions of `document_ids` (just written, `event_id` NULL) to events,
/// creating or updating rows of `events` (counts, confidence) inside the writer's transaction.
pub fn assign_events(
    _tx: &Transaction<'_>,
    _config: &DedupConfig,
    _document_ids: &[i64],
) -> rusqlite::Result<()> {
    Ok(())
}
