//! `runbook render`: render an interview plan (a file, or plan flags) into
//! one or more formats.

use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::output_args::{DEFAULT_OUT_DIR, OutputArgs, STDOUT, commit};
use crate::cli::plan_args::PlanArgs;
use crate::error::Error;
use crate::output;
use crate::plan::Plan;
use crate::plan::interview_loop::LoopFile;
use crate::render::document::Document;
use crate::render::overview;
use crate::timestamp::Timestamp;

/// Arguments of `runbook render`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook render --role backend --level senior --format interviewer\n  runbook render plan.yaml --format interviewer,handout,csv -o out/round1\n  runbook render plan.yaml --format anki -o senior-backend.apkg\n  runbook render loop/loop.yaml --format overview,interviewer,handout -o kit/"
)]
pub struct Args {
    /// A plan written by `runbook plan`, or a loop file written by `runbook
    /// loop` (or give plan flags instead).
    pub plan_file: Option<PathBuf>,
    /// Formats, comma-separated: interviewer, handout, markdown, handout-md,
    /// interviewer-csv, handout-csv, anki, anki-txt; for a loop also overview (PDF)
    /// and overview-md.
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
        (Some(path), false) if is_loop_file(path)? => {
            return render_loop(args, &bank, path, timestamp);
        }
        (Some(path), false) => {
            let (plan, file) = Plan::load(path)?;
            // Outputs are named after the plan file: round1.yaml → round1-interviewer.pdf.
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let (doc, warning) = Document::interview(&plan, &bank, Some(&file), timestamp)?;
            if let Some(w) = warning {
                output::note(w);
            }
            return args.output.write(&doc, &args.format, stem.as_deref());
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
        output::note(w);
    }
    args.output.write(&doc, &args.format, None)
}

/// True if `path` holds a loop file rather than a plan.
fn is_loop_file(path: &Path) -> Result<bool, Error> {
    let bytes = crate::input::read_limited(path, crate::input::MAX_FILE_BYTES, "reading plan")?;
    Ok(LoopFile::is_loop(&bytes))
}

/// Render a loop: the overview formats once, every other format for each round.
fn render_loop(args: &Args, bank: &Bank, path: &Path, timestamp: Timestamp) -> Result<(), Error> {
    let (looped, rounds) = LoopFile::load(path)?;
    let out = &args.output;
    let dir = match &out.output {
        Some(p) if p.as_os_str() == STDOUT => {
            return Err(Error::Usage(
                "a loop renders several files; give a directory with -o, not -".into(),
            ));
        }
        Some(p) if p.exists() && !p.is_dir() => {
            return Err(Error::Usage(format!(
                "{} is a file; a loop renders several files, so -o names a directory",
                p.display()
            )));
        }
        Some(p) => p.clone(),
        None => Path::new(DEFAULT_OUT_DIR).join(format!("{}-{}-loop", looped.level, looped.role)),
    };
    let (overviews, formats): (Vec<String>, Vec<String>) = args
        .format
        .iter()
        .map(|f| f.trim().to_string())
        .partition(|f| overview::FORMATS.contains(&f.as_str()));
    let templates = out.templates()?;
    let mut ctx = out.context(&templates, timestamp);
    let plans: Vec<&Plan> = rounds.iter().map(|(p, _)| p).collect();
    let mut files = Vec::new();
    for format in &overviews {
        let bytes = overview::render(format, &looped, &plans, bank, &ctx)?;
        files.push((dir.join(overview::file_name(format)), bytes));
    }
    // The overview PDF takes --paper; check every flag before any work.
    let also: &[&str] = if overviews.iter().any(|f| f == "overview") {
        &["--paper"]
    } else {
        &[]
    };
    let renderers = if formats.is_empty() {
        out.check_flags(&[], also)?;
        Vec::new()
    } else {
        out.renderers(&formats, also)?
    };
    if !renderers.is_empty() {
        for ((plan, file), round) in rounds.iter().zip(&looped.rounds) {
            let (doc, warning) = Document::interview(plan, bank, Some(file), timestamp)?;
            if let Some(w) = warning {
                output::note(w);
            }
            let stem = Path::new(&round.plan)
                .file_stem()
                .map_or_else(|| round.name.clone(), |s| s.to_string_lossy().into_owned());
            let target = |name: String| dir.join(name);
            files.extend(out.render_all(&doc, &renderers, &mut ctx, &stem, &target)?);
        }
    }
    for warning in ctx.take_warnings() {
        output::note(format_args!("warning: {warning}"));
    }
    commit(&files)
}
