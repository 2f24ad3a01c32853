//! PDF output: the interviewer script (or, for a study set, the study guide)
//! and the candidate handout, typeset from the Markdown templates.

use crate::document::{Document, DocumentKind};
use crate::error::Error;
use crate::pdf::{self, writer::Info};
use crate::render::{Audience, Context, Renderer};

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

    fn file_name(&self, stem: &str) -> String {
        match (self.audience, stem.ends_with("-study")) {
            (Audience::Interviewer, true) => format!("{stem}.pdf"),
            _ => format!("{stem}-{}.pdf", self.name()),
        }
    }

    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        let mut data = doc.data();
        data["one_per_page"] = ctx.one_per_page.into();
        let name = match (self.audience, doc.kind) {
            (Audience::Candidate, _) => crate::template::HANDOUT,
            (Audience::Interviewer, DocumentKind::Interview) => crate::template::INTERVIEWER,
            (Audience::Interviewer, DocumentKind::Study) => crate::template::STUDY,
        };
        let markdown = ctx.templates.render(name, &data)?;
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
        let options = pdf::Options {
            page: ctx.paper.size(),
            header: header.to_string(),
            info: Info {
                title: doc.title.clone(),
                author: "runbook".to_string(),
                subject: subject.to_string(),
                date: ctx.timestamp.pdf_date(),
            },
        };
        pdf::render(&markdown, &options, &mut |w| ctx.warn(w))
    }
}
