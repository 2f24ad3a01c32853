//! `runbook render`: render an interview plan (a file, or plan flags) into
//! one or more formats.

use std::path::PathBuf;

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::output_args::OutputArgs;
use crate::cli::plan_args::PlanArgs;
use crate::error::Error;
use crate::output;
use crate::plan::Plan;
use crate::render::document::Document;
use crate::timestamp::Timestamp;

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
        output::note(w);
    }
    args.output.write(&doc, &args.format)
}
