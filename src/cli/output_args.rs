//! The flags that say where and how documents are written, shared by
//! `render` and `export`, and the writing itself.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output;
use crate::render::document::Document;
use crate::render::template::Templates;
use crate::render::{self, Audience, Context, Paper};

/// Where outputs go when `-o` is not given.
pub const DEFAULT_OUT_DIR: &str = "out";

/// Output flags shared by `render` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Write to PATH: a file for one format, a directory for several (default: out/).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Paper size for PDFs.
    #[arg(long, value_enum, default_value_t = Paper::A4)]
    pub paper: Paper,
    /// Start each question on a new page (PDFs).
    #[arg(long)]
    pub one_per_page: bool,
    /// Who a CSV is for: `candidate` leaves out answers, key points, follow-ups, red flags and rubrics.
    #[arg(long, value_enum, default_value_t = Audience::Interviewer)]
    pub audience: Audience,
    /// Start CSV files with a UTF-8 byte order mark, for Excel.
    #[arg(long)]
    pub bom: bool,
    /// Use the templates in DIR instead of the built-in ones (any missing file falls back).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// An earlier Anki deck this one replaces: its unchanged notes keep their times, so
    /// Anki updates only what changed (default: the output file, if it exists).
    #[arg(long, value_name = "DECK")]
    pub previous: Option<PathBuf>,
}

impl OutputArgs {
    /// Render `doc` in every format and write the files; nothing is written
    /// unless every format rendered.
    pub fn write(&self, doc: &Document<'_>, formats: &[String]) -> Result<(), Error> {
        let renderers = formats
            .iter()
            .map(|f| render::by_name(f))
            .collect::<Result<Vec<_>, _>>()?;
        if renderers.is_empty() {
            return Err(Error::Usage("--format names no format".into()));
        }
        let templates = Templates::load(self.templates.as_deref())?;
        let mut ctx = Context::new(&templates, doc.timestamp);
        ctx.paper = self.paper;
        ctx.one_per_page = self.one_per_page;
        ctx.audience = self.audience;
        ctx.bom = self.bom;
        let stem = doc.file_stem();
        let single = renderers.len() == 1;
        let mut files = Vec::new();
        for renderer in &renderers {
            let name = renderer.file_name(&stem);
            let path = match &self.output {
                Some(p) if single && !p.is_dir() => p.clone(),
                Some(dir) => dir.join(name),
                None => Path::new(DEFAULT_OUT_DIR).join(name),
            };
            ctx.previous_deck = match (&self.previous, renderer.name()) {
                (Some(previous), _) => Some(previous.clone()),
                (None, "anki") if path.is_file() => Some(path.clone()),
                _ => None,
            };
            let bytes = renderer.render(doc, &ctx)?;
            files.push((path, bytes));
        }
        for warning in ctx.take_warnings() {
            eprintln!("warning: {warning}");
        }
        for (path, bytes) in &files {
            output::write_atomic(path, bytes)?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
        Ok(())
    }
}
