//! CSV for spreadsheets and applicant-tracking systems: RFC 4180, UTF-8, one
//! row per question, with empty score and notes columns for the interviewer.
//! Cells that a spreadsheet would run as a formula are neutralised.

use crate::error::Error;
use crate::render::document::{Document, DocumentKind};
use crate::render::{Audience, Context, Renderer};

/// Writes a document as CSV.
pub struct CsvRenderer;

/// Columns everyone gets.
const PUBLIC: [&str; 9] = [
    "order", "section", "start", "minutes", "id", "topic", "level", "kind", "prompt",
];
/// Columns only the interviewer gets.
const PRIVATE: [&str; 8] = [
    "answer",
    "key_points",
    "follow_ups",
    "red_flags",
    "rubric_1",
    "rubric_2",
    "rubric_3",
    "rubric_4",
];
/// Columns left empty for the interviewer to fill in.
const BLANK: [&str; 2] = ["score", "notes"];

impl Renderer for CsvRenderer {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn flags(&self) -> &'static [&'static str] {
        &["--audience", "--bom"]
    }

    fn file_name(&self, stem: &str) -> String {
        format!("{stem}.csv")
    }

    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        let private = ctx.audience == Audience::Interviewer;
        let mut out = Vec::new();
        if ctx.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let mut header: Vec<&str> = PUBLIC.to_vec();
        if private {
            header.extend(PRIVATE);
        }
        header.extend(BLANK);
        writer.write_record(&header).map_err(csv_error)?;
        for part in &doc.parts {
            for e in &part.entries {
                let q = e.question;
                let level = match doc.kind {
                    DocumentKind::Interview => doc.level_of(q).id().to_string(),
                    DocumentKind::Study => q
                        .levels
                        .iter()
                        .map(|l| l.id())
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                let mut row = vec![
                    e.number.to_string(),
                    part.title.clone(),
                    e.start.map(|s| s.to_string()).unwrap_or_default(),
                    e.minutes.to_string(),
                    q.id.clone(),
                    doc.bank.topic_title(&q.topic).to_string(),
                    level,
                    q.kind.id().to_string(),
                    q.prompt.trim().to_string(),
                ];
                if private {
                    row.push(q.answer.trim().to_string());
                    row.push(bullets(&q.key_points));
                    row.push(bullets(&q.follow_ups));
                    row.push(bullets(&q.red_flags));
                    row.extend((1..=4).map(|s| q.anchor(s).to_string()));
                }
                row.extend([String::new(), String::new()]);
                writer
                    .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
                    .map_err(csv_error)?;
            }
        }
        writer
            .into_inner()
            .map_err(|e| Error::Render(format!("writing CSV: {e}")))
    }
}

fn csv_error(e: csv::Error) -> Error {
    Error::Render(format!("writing CSV: {e}"))
}

/// A list as one cell: a bullet per line.
fn bullets(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("• {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// OWASP's advice against CSV injection: a cell that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is prefixed with `'` so spreadsheets
/// show it as text instead of running it.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, want) in [
            ("=1+1", "'=1+1"),
            ("+SUM(A1)", "'+SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("plain", "plain"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), want, "{cell:?}");
        }
    }
}
