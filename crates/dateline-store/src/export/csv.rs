//! CSV: every column of `events` (the event, its GDELT-style mention counts, confidence,
//! place and first source), a header line, RFC 4180 quoting (a field with a comma, quote or
//! line break is quoted, quotes doubled), NULL as an empty field, `\n` line ends.

use std::io::Write;

use rusqlite::Connection;

use super::{ExportError, ExportSummary};
use crate::read::{for_each_event, Cell, EVENT_COLUMNS};

/// Writes the events as CSV with a header line.
pub fn write<W: Write>(conn: &Connection, mut out: W) -> Result<ExportSummary, ExportError> {
    let header: Vec<&str> = EVENT_COLUMNS.iter().map(|(name, _, _)| *name).collect();
    writeln!(out, "{}", header.join(","))?;
    let mut summary = ExportSummary::default();
    let mut line = String::new();
    for_each_event::<ExportError>(conn, |event| {
        line.clear();
        for (index, cell) in event.cells().iter().enumerate() {
            if index > 0 {
                line.push(',');
            }
            match *cell {
                Cell::Text(Some(text)) => push_field(&mut line, text),
                Cell::Int(Some(value)) => line.push_str(&value.to_string()),
                Cell::Real(Some(value)) => line.push_str(&value.to_string()),
                Cell::Text(None) | Cell::Int(None) | Cell::Real(None) => {}
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        summary.events += 1;
        Ok(())
    })?;
    out.flush()?;
    Ok(summary)
}

/// Appends one field, quoted when it must be.
pub fn push_field(line: &mut String, text: &str) {
    if text.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&text.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut line = String::new();
        push_field(&mut line, "plain");
        line.push(',');
        push_field(&mut line, "a, b");
        line.push(',');
        push_field(&mut line, "say \"no\"");
        assert_eq!(line, "plain,\"a, b\",\"say \"\"no\"\"\"");
    }
}
