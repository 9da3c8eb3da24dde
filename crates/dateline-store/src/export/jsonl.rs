//! JSON lines: one object per event — every column of `events` — with `mentions`, each
//! mention with its codes, trigger, rule, confidence and its evidence (the sentence it was
//! coded from, with offsets, and the article: input id, URL, title, publisher, date,
//! language). JSON columns of the store (trigger words, rule, issues) are nested as JSON.

use std::io::Write;

use rusqlite::Connection;
use serde::Serialize;

use super::{ExportError, ExportSummary};
use crate::read::{for_each_event, EventRecord, MentionOrder, MentionReader, MentionRecord};

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    event: &'a EventRecord,
    mentions: &'a [MentionRecord],
}

/// Writes one JSON object per event per line.
pub fn write<W: Write>(conn: &Connection, mut out: W) -> Result<ExportSummary, ExportError> {
    let mut reader = MentionReader::new(conn, MentionOrder::Stored)?;
    let mut summary = ExportSummary::default();
    for_each_event::<ExportError>(conn, |event| {
        let mentions = reader.mentions(event.id)?;
        serde_json::to_writer(
            &mut out,
            &Record {
                event: &event,
                mentions: &mentions,
            },
        )?;
        out.write_all(b"\n")?;
        summary.events += 1;
        Ok(())
    })?;
    out.flush()?;
    Ok(summary)
}
