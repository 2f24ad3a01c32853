//! Anki decks (.apkg). Written in a later step.

use crate::document::Document;
use crate::error::Error;
use crate::render::{Context, Renderer};

/// Writes an Anki package.
pub struct AnkiRenderer;

impl Renderer for AnkiRenderer {
    fn name(&self) -> &'static str {
        "anki"
    }
    fn extension(&self) -> &'static str {
        "apkg"
    }
    fn render(&self, _doc: &Document<'_>, _ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        Err(Error::Render("not yet".into()))
    }
}
