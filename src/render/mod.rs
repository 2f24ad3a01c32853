//! Renderers: each output format is one type behind the [`Renderer`] trait,
//! looked up by name. Adding a format is adding a file here.

pub mod anki;
pub mod csv;
pub mod document;
pub(crate) mod highlight;
pub mod markdown;
pub mod overview;
pub mod pdf;
pub mod template;
pub mod template_check;
pub mod template_data;

use std::cell::RefCell;
use std::collections::BTreeSet;

use clap::ValueEnum;

use crate::error::Error;
use crate::render::document::{Document, DocumentKind};
use crate::timestamp::Timestamp;
use template::Templates;

/// Who a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    /// Everything, answers included.
    Interviewer,
    /// Questions only: no answer, key point, follow-up, red flag, rubric or code.
    Candidate,
}

/// Paper sizes for PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points.
    pub fn size(self) -> (f32, f32) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// What every renderer may need besides the document.
pub struct Context<'a> {
    /// Templates, built in or overridden.
    pub templates: &'a Templates,
    /// Paper size for PDFs.
    pub paper: Paper,
    /// Start each question on a new page (PDFs).
    pub one_per_page: bool,
    /// Who the CSV is for.
    pub audience: Audience,
    /// Put a UTF-8 byte order mark before CSV output (for Excel).
    pub bom: bool,
    /// The clock.
    pub timestamp: Timestamp,
    /// An earlier Anki deck whose unchanged notes keep their times.
    pub previous_deck: Option<std::path::PathBuf>,
    warnings: RefCell<BTreeSet<String>>,
}

impl<'a> Context<'a> {
    /// A context with defaults for everything but the templates and clock.
    pub fn new(templates: &'a Templates, timestamp: Timestamp) -> Self {
        Context {
            templates,
            paper: Paper::A4,
            one_per_page: false,
            audience: Audience::Interviewer,
            bom: false,
            timestamp,
            previous_deck: None,
            warnings: RefCell::new(BTreeSet::new()),
        }
    }

    /// Report something the user should know; each message once.
    pub fn warn(&self, message: impl Into<String>) {
        self.warnings.borrow_mut().insert(message.into());
    }

    /// The warnings so far, and forget them.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.borrow_mut())
            .into_iter()
            .collect()
    }
}

/// An output format.
pub trait Renderer {
    /// The name `--format` uses.
    fn name(&self) -> &'static str;

    /// The file extension, without a dot.
    fn extension(&self) -> &'static str;

    /// The default file name for a document whose stem is `stem`.
    fn file_name(&self, stem: &str) -> String {
        format!("{stem}-{}.{}", self.name(), self.extension())
    }

    /// The output flags this format reads, e.g. `--paper`; any other output
    /// flag given for it alone is a usage error rather than ignored.
    fn flags(&self) -> &'static [&'static str] {
        &[]
    }

    /// True for binary formats, which are never written to a terminal.
    fn binary(&self) -> bool {
        false
    }

    /// Render the document to bytes.
    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error>;
}

/// Every format, by name.
pub fn all() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(pdf::PdfRenderer::new(Audience::Interviewer)),
        Box::new(pdf::PdfRenderer::new(Audience::Candidate)),
        Box::new(markdown::MarkdownRenderer::new(Audience::Interviewer)),
        Box::new(markdown::MarkdownRenderer::new(Audience::Candidate)),
        Box::new(csv::CsvRenderer::new(Audience::Interviewer)),
        Box::new(csv::CsvRenderer::new(Audience::Candidate)),
        Box::new(anki::AnkiRenderer),
        Box::new(anki::AnkiTextRenderer),
    ]
}

/// The renderer called `name`; `pdf` and `study` name the interviewer PDF,
/// which renders a study guide for a study set.
pub fn by_name(name: &str) -> Result<Box<dyn Renderer>, Error> {
    let wanted = match name.trim() {
        "pdf" | "study" => "interviewer",
        "md" => "markdown",
        "apkg" => "anki",
        other => other,
    };
    all()
        .into_iter()
        .find(|r| r.name() == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = all().iter().map(|r| r.name()).collect();
            Error::Usage(format!(
                "unknown format `{name}`; formats: {}, pdf",
                names.join(", ")
            ))
        })
}

/// The Markdown of a document for `audience`, from its template.
pub fn markdown(
    doc: &Document<'_>,
    audience: Audience,
    ctx: &Context<'_>,
) -> Result<String, Error> {
    let name = match (audience, doc.kind) {
        (Audience::Candidate, _) => template::HANDOUT,
        (Audience::Interviewer, DocumentKind::Interview) => template::INTERVIEWER,
        (Audience::Interviewer, DocumentKind::Study) => template::STUDY,
    };
    let mut data = template_data::for_audience(doc, audience);
    data["one_per_page"] = ctx.one_per_page.into();
    ctx.templates.render(name, &data)
}
