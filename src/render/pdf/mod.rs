//! PDF output: the interviewer script (or, for a study set, the study guide)
//! and the candidate handout, typeset from the Markdown templates by a
//! small layout engine of our own.
//!
//! Why our own: the PDFs are the product's main output, and their layout
//! rules (headings kept with what follows, rubric tables and code kept
//! whole, tick boxes, ruled note lines) are what the product is judged on;
//! no maintained Rust crate typesets Markdown to PDF with such control.
//! `printpdf` draws, `ttf-parser` measures, `unicode-linebreak` finds break
//! opportunities, and `lopdf` writes the outline and metadata.

mod blocks;
mod fonts;
mod layout;
mod typeset;
mod writer;

use crate::error::Error;
use crate::render::document::{Document, DocumentKind};
use crate::render::{Audience, Context, Renderer};
use writer::Info;

/// Finds characters the PDF fonts cannot draw (they would print as boxes).
/// Parses the fonts once and asks them once per distinct character.
pub struct GlyphCheck {
    fonts: fonts::Fonts,
    /// Whether the body and monospace faces draw each ASCII character.
    ascii: [[bool; 128]; 2],
    known: std::collections::HashMap<(fonts::Face, char), bool>,
}

impl GlyphCheck {
    /// A check against the embedded fonts.
    pub fn new() -> Self {
        let fonts = fonts::Fonts::new();
        let ascii = [fonts::Face::Regular, fonts::Face::Mono]
            .map(|face| std::array::from_fn(|i| fonts.has(face, char::from(i as u8))));
        GlyphCheck {
            fonts,
            ascii,
            known: std::collections::HashMap::new(),
        }
    }

    /// The characters of `prose` (body face) and `code` (monospace face)
    /// that cannot be drawn, in order, each once.
    pub fn undrawable(&mut self, prose: &str, code: &str) -> Vec<char> {
        let mut missing = std::collections::BTreeSet::new();
        for (n, face, text) in [
            (0, fonts::Face::Regular, prose),
            (1, fonts::Face::Mono, code),
        ] {
            for c in text.chars().filter(|c| !c.is_control()) {
                let fonts = &self.fonts;
                let drawn = match self.ascii[n].get(c as usize) {
                    Some(&drawn) => drawn,
                    None => *self
                        .known
                        .entry((face, c))
                        .or_insert_with(|| fonts.has(face, c)),
                };
                if !drawn {
                    missing.insert(c);
                }
            }
        }
        missing.into_iter().collect()
    }
}

impl Default for GlyphCheck {
    fn default() -> Self {
        GlyphCheck::new()
    }
}

/// Renders a document as a PDF for `audience`.
pub struct PdfRenderer {
    audience: Audience,
}

impl PdfRenderer {
    /// A renderer for `audience`.
    pub fn new(audience: Audience) -> Self {
        PdfRenderer { audience }
    }
}

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        match self.audience {
            Audience::Interviewer => "interviewer",
            Audience::Candidate => "handout",
        }
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn flags(&self) -> &'static [&'static str] {
        &["--paper", "--one-per-page"]
    }

    fn binary(&self) -> bool {
        true
    }

    fn file_name(&self, stem: &str) -> String {
        match (self.audience, stem.ends_with("-study")) {
            (Audience::Interviewer, true) => format!("{stem}.pdf"),
            _ => format!("{stem}-{}.pdf", self.name()),
        }
    }

    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        let markdown = crate::render::markdown(doc, self.audience, ctx)?;
        let (header, subject) = match (self.audience, doc.kind) {
            (Audience::Interviewer, DocumentKind::Interview) => (
                "Interviewer copy — confidential",
                "Interview script with expected answers, rubrics and scorecard",
            ),
            (Audience::Interviewer, DocumentKind::Study) => (
                "Study guide",
                "Python interview questions with expected answers",
            ),
            (Audience::Candidate, _) => ("Candidate handout", "Interview questions"),
        };
        from_markdown(&markdown, &doc.title, header, subject, ctx)
    }
}

/// Lay out `markdown` as a PDF titled `title`, with `header` on every page.
pub fn from_markdown(
    markdown: &str,
    title: &str,
    header: &str,
    subject: &str,
    ctx: &Context<'_>,
) -> Result<Vec<u8>, Error> {
    let options = typeset::Options {
        page: ctx.paper.size(),
        header: header.to_string(),
        info: Info {
            title: title.to_string(),
            author: "runbook".to_string(),
            subject: subject.to_string(),
            date: ctx.timestamp.pdf_date(),
        },
    };
    typeset::render(markdown, &options, &mut |w| ctx.warn(w))
}
