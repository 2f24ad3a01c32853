//! `runbook render`: render an interview plan (a file, or plan flags) into
//! one or more formats.

use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::cli::plan::PlanArgs;
use crate::content::Content;
use crate::document::Document;
use crate::error::Error;
use crate::output;
use crate::plan::Plan;
use crate::render::{self, Audience, Context, Paper};
use crate::template::Templates;
use crate::timestamp::Timestamp;

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
            let parts = renderer.render_parts(doc, &ctx)?;
            let name = renderer.file_name(&stem);
            let path = match &self.output {
                Some(p) if single && !p.is_dir() => p.clone(),
                Some(dir) => dir.join(name),
                None => Path::new(DEFAULT_OUT_DIR).join(name),
            };
            files.push((path, parts));
        }
        for warning in ctx.take_warnings() {
            eprintln!("warning: {warning}");
        }
        for (path, parts) in &files {
            output::write_parts_atomic(path, parts)?;
            let size: usize = parts.iter().map(Vec::len).sum();
            eprintln!("wrote {} ({size} bytes)", path.display());
        }
        Ok(())
    }
}

/// Arguments of `runbook render`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook render --role backend --level senior --format interviewer\n  runbook render plan.yaml --format interviewer,handout,csv -o out/round1\n  runbook render plan.yaml --format anki -o senior-backend.apkg"
)]
pub struct Args {
    /// A plan written by `runbook plan` (or give plan flags instead).
    pub plan_file: Option<PathBuf>,
    /// Formats, comma-separated: interviewer, handout, markdown, handout-md, csv, anki, anki-txt.
    #[arg(
        long,
        value_name = "FORMATS",
        value_delimiter = ',',
        default_value = "interviewer"
    )]
    pub format: Vec<String>,
    /// Plan flags, to plan and render in one step.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Where and how to write.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Run `runbook render`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let timestamp = Timestamp::from_env()?;
    let (bank, _) = Bank::load_valid(content)?;
    let (plan, file) = match (&args.plan_file, args.plan.given()) {
        (Some(_), true) => {
            return Err(Error::Usage(
                "give a plan file or plan flags (--role, --level), not both".into(),
            ));
        }
        (Some(path), false) => {
            let (plan, file) = Plan::load(path)?;
            (plan, Some(file))
        }
        (None, true) => (super::plan::draw(&bank, &args.plan)?, None),
        (None, false) => {
            return Err(Error::Usage(
                "give a plan file, or --role and --level to plan and render in one step".into(),
            ));
        }
    };
    let (doc, warning) = Document::interview(&plan, &bank, file.as_ref(), timestamp)?;
    if let Some(w) = warning {
        eprintln!("{w}");
    }
    args.output.write(&doc, &args.format)
}
