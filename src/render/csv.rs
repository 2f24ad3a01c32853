//! CSV for spreadsheets and applicant-tracking systems: RFC 4180, UTF-8, one
//! row per question. The interviewer's CSV (`interviewer-csv`) has ids,
//! answers, rubrics and empty score and notes columns; the candidate's
//! (`handout-csv`) has only what the handout shows: the question number
//! (Q1, Q2, ...), its time, prompt and exhibit. Cells that a spreadsheet
//! would run as a formula are neutralised.

use crate::error::Error;
use crate::render::document::{Document, DocumentKind, Entry, Part};
use crate::render::{Audience, Context, Renderer};

/// Writes a document as CSV for one audience.
pub struct CsvRenderer {
    audience: Audience,
}

impl CsvRenderer {
    /// The CSV for `audience`.
    pub fn new(audience: Audience) -> Self {
        CsvRenderer { audience }
    }
}

/// The interviewer's columns.
const INTERVIEWER: [&str; 19] = [
    "order",
    "section",
    "start",
    "minutes",
    "id",
    "topic",
    "level",
    "kind",
    "prompt",
    "answer",
    "key_points",
    "follow_ups",
    "red_flags",
    "rubric_1",
    "rubric_2",
    "rubric_3",
    "rubric_4",
    "score",
    "notes",
];
/// The candidate's columns: what the handout shows, nothing to fill in.
const CANDIDATE: [&str; 7] = [
    "question", "section", "start", "minutes", "topic", "prompt", "exhibit",
];

impl Renderer for CsvRenderer {
    fn name(&self) -> &'static str {
        match self.audience {
            Audience::Interviewer => "interviewer-csv",
            Audience::Candidate => "handout-csv",
        }
    }

    fn extension(&self) -> &'static str {
        "csv"
    }

    fn flags(&self) -> &'static [&'static str] {
        &["--bom"]
    }

    fn file_name(&self, stem: &str) -> String {
        let audience = match self.audience {
            Audience::Interviewer => "interviewer",
            Audience::Candidate => "handout",
        };
        format!("{stem}-{audience}.csv")
    }

    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        if ctx.bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        match self.audience {
            Audience::Interviewer => writer.write_record(INTERVIEWER),
            Audience::Candidate => writer.write_record(CANDIDATE),
        }
        .map_err(csv_error)?;
        for part in &doc.parts {
            for e in &part.entries {
                let row = match self.audience {
                    Audience::Interviewer => interviewer_row(doc, part, e),
                    Audience::Candidate => candidate_row(doc, part, e),
                };
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

fn interviewer_row(doc: &Document<'_>, part: &Part<'_>, e: &Entry<'_>) -> Vec<String> {
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
        q.answer.trim().to_string(),
        bullets(&q.key_points),
        bullets(&q.follow_ups),
        bullets(&q.red_flags),
    ];
    row.extend((1..=4).map(|s| q.anchor(s).to_string()));
    row.extend([String::new(), String::new()]);
    row
}

/// Only what the handout shows: no id (ids hint at answers), no answer of
/// any kind, nothing to score.
fn candidate_row(doc: &Document<'_>, part: &Part<'_>, e: &Entry<'_>) -> Vec<String> {
    let q = e.question;
    let exhibit = q.exhibit.as_ref().map_or_else(String::new, |x| {
        let mut text = x.source.trim_end().to_string();
        if let Some(data) = x.data.as_deref().filter(|d| !d.trim().is_empty()) {
            text.push_str("\n\n");
            text.push_str(data.trim_end());
        }
        text
    });
    vec![
        format!("Q{}", e.number),
        part.title.clone(),
        e.start.map(|s| s.to_string()).unwrap_or_default(),
        e.minutes.to_string(),
        doc.bank.topic_title(&q.topic).to_string(),
        q.prompt.trim().to_string(),
        exhibit,
    ]
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
