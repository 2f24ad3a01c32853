//! `runbook export`: a whole filtered bank, with no time budget, for study.

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::filter_args::FilterArgs;
use crate::cli::output_args::OutputArgs;
use crate::error::Error;
use crate::render::document::Document;
use crate::timestamp::Timestamp;

/// Arguments of `runbook export`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook export --format anki --role data --level mid -o data-mid.apkg\n  runbook export --format pdf --level senior --topic asyncio\n  runbook export --format csv,anki-txt -o out/bank"
)]
pub struct Args {
    /// Formats, comma-separated: pdf (study guide), markdown, handout, handout-md, csv, anki, anki-txt.
    #[arg(
        long,
        value_name = "FORMATS",
        value_delimiter = ',',
        default_value = "pdf"
    )]
    pub format: Vec<String>,
    /// Which questions.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Where and how to write.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The formats `export` writes (`pdf` is the study guide).
pub const EXPORT_FORMATS: [&str; 9] = [
    "pdf",
    "markdown",
    "handout",
    "handout-md",
    "interviewer-csv",
    "handout-csv",
    "csv",
    "anki",
    "anki-txt",
];

/// Run `runbook export`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    // An export is a study set, not an interview: no interviewer script.
    if let Some(f) = args.format.iter().find(|f| f.trim() == "interviewer") {
        return Err(Error::Usage(format!(
            "`{f}` is an interview script, which `runbook render` writes; export writes {}",
            EXPORT_FORMATS.join(", ")
        )));
    }
    let timestamp = Timestamp::from_env()?;
    let (bank, _) = Bank::load_valid(content)?;
    let filter = args.filter.filter(&bank)?;
    let questions = filter.apply(&bank);
    if questions.is_empty() {
        return Err(Error::Plan(format!(
            "no question in {} matches the filter; `runbook list` with the same flags shows what there is",
            bank.origin()
        )));
    }
    let role = filter.role.as_deref().and_then(|r| bank.role(r));
    let doc = Document::study(&bank, &questions, role, filter.level, timestamp);
    args.output.write(&doc, &args.format, None)
}
