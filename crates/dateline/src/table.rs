//! Plain-text output shared by the store's read commands: aligned columns for a terminal,
//! CSV fields as RFC 4180 quotes them, and long text cut to a column's width.

use std::io::Write;

/// `text` with its whitespace runs folded, cut to at most `width` characters (`…` when cut).
pub fn trimmed(text: &str, width: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= width {
        return text;
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// "Cairo (EGY)": a name with its country code in brackets, or whichever of the two there is.
pub fn with_country(name: Option<&str>, country: Option<&str>) -> String {
    match (name, country) {
        (Some(name), Some(country)) => format!("{name} ({country})"),
        (Some(name), None) => name.to_string(),
        (None, Some(country)) => country.to_string(),
        (None, None) => String::new(),
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Rows under a header in columns as wide as their widest cell (two spaces apart; the last
/// column is not padded), then `empty` when there are no rows.
pub fn write_aligned<const N: usize>(
    out: &mut dyn Write,
    header: [&str; N],
    rows: &[[String; N]],
    empty: &str,
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> std::io::Result<()> {
        let last = cells.len().saturating_sub(1);
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                writeln!(out, "{cell}")?;
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                write!(out, "{cell}{}  ", " ".repeat(pad))?;
            }
        }
        Ok(())
    };
    line(out, &header)?;
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    if rows.is_empty() {
        writeln!(out, "{empty}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_fields_quote() {
        let mut out = Vec::new();
        let rows = [
            ["1".to_string(), "killed".to_string(), "x".to_string()],
            ["22".to_string(), "wounded".to_string(), "y".to_string()],
        ];
        write_aligned(&mut out, ["ID", "KIND", "NOTE"], &rows, "(none)").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "ID  KIND     NOTE\n1   killed   x\n22  wounded  y\n");
        let mut out = Vec::new();
        write_aligned::<1>(&mut out, ["ID"], &[], "(none)").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "ID\n(none)\n");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(trimmed("a  b\nc", 10), "a b c");
        assert_eq!(trimmed("abcdef", 4), "abc…");
        assert_eq!(with_country(Some("Cairo"), Some("EGY")), "Cairo (EGY)");
        assert_eq!(with_country(None, Some("EGY")), "EGY");
        assert_eq!(with_country(None, None), "");
        assert_eq!(
            trimmed("Ärger über alles", 6),
            "Ärger…",
            "characters, not bytes"
        );
    }
}
