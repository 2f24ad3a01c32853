//! Anki plain-text import files. Written in a later step.

use crate::document::Document;
use crate::error::Error;
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
    fn render(&self, _doc: &Document<'_>, _ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        Err(Error::Render("not yet".into()))
    }
}
