//! Anki's plain-text import format: tab-separated, with the header lines
//! that tell Anki the separator, that fields are HTML, the note type, and
//! which columns hold the deck, tags and GUID, so it imports with no manual
//! mapping. Fields are quoted as in CSV. It uses Anki's built-in "Basic" note type, which every
//! collection has; the GUIDs are the .apkg's, so a question is one note.

use super::note::{deck, fields, guid, tags};
use crate::error::Error;
use crate::render::document::Document;
use crate::render::{Context, Renderer};

/// Writes Anki's tab-separated import format.
pub struct AnkiTextRenderer;

impl Renderer for AnkiTextRenderer {
    fn name(&self) -> &'static str {
        "anki-txt"
    }

    fn extension(&self) -> &'static str {
        "txt"
    }

    fn file_name(&self, stem: &str) -> String {
        format!("{stem}-anki.txt")
    }

    fn render(&self, doc: &Document<'_>, _ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        let mut out = String::from(
            "#separator:tab\n#html:true\n#notetype:Basic\n#guid column:1\n#deck column:4\n#tags column:5\n",
        );
        for e in doc.entries() {
            let q = e.question;
            let [id, question, answer, points, follow_ups, code, topic, level] =
                fields(doc.bank, q);
            let front = format!("<div class=\"meta\">{topic} · {level}</div>{question}");
            let mut back = answer;
            if !points.is_empty() {
                back.push_str(&format!("<h3>Key points</h3>{points}"));
            }
            if !code.is_empty() {
                back.push_str(&format!("<h3>Code</h3>{code}"));
            }
            if !follow_ups.is_empty() {
                back.push_str(&format!("<h3>Be ready for</h3>{follow_ups}"));
            }
            back.push_str(&format!("<div class=\"id\">{id}</div>"));
            let row = [
                guid(q),
                front,
                back,
                deck(doc.bank, q),
                tags(doc.bank, q).join(" "),
            ];
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        Ok(out.into_bytes())
    }
}

/// A field quoted the CSV way (Anki reads the file with a CSV parser), so
/// tabs, quotes and line breaks inside it are kept.
fn cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted() {
        assert_eq!(cell("a\tb"), "\"a\tb\"");
        assert_eq!(cell("<div class=\"m\">"), "\"<div class=\"\"m\"\">\"");
    }
}
