//! `runbook exercise`: write a coding exercise's starter file and the
//! interviewer's tests, for a live coding interview in a shared editor.

use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::output_args::{DEFAULT_OUT_DIR, commit};
use crate::error::Error;

/// The candidate's file: the exhibit, which the tests import as `solution`.
pub const STARTER: &str = "solution.py";
/// The interviewer's pytest tests.
pub const TESTS: &str = "test_solution.py";

/// Arguments of `runbook exercise`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook exercise lru-cache-class -o interview/\n  cd interview && python -m pytest -q   # after the candidate has written solution.py"
)]
pub struct Args {
    /// The exercise's question id (a coding question with tests).
    pub id: String,
    /// The folder to write solution.py and test_solution.py to
    /// [default: out/exercise-ID].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Run `runbook exercise`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, _) = Bank::load_valid(content)?;
    let q = bank.resolve_id(&args.id)?;
    let (Some(starter), Some(tests)) = (&q.exhibit, &q.tests) else {
        let mut exercises: Vec<&str> = bank
            .questions()
            .iter()
            .filter(|q| q.tests.is_some() && q.exhibit.is_some())
            .map(|q| q.id.as_str())
            .collect();
        exercises.sort_unstable();
        return Err(Error::Usage(format!(
            "`{}` is not a coding exercise (it has no starter and tests); exercises: {}",
            q.id,
            exercises.join(", ")
        )));
    };
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new(DEFAULT_OUT_DIR).join(format!("exercise-{}", q.id)));
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is a file; -o names the folder the exercise's two files go to",
            dir.display()
        )));
    }
    let files = vec![
        (dir.join(STARTER), starter.source.clone().into_bytes()),
        (dir.join(TESTS), tests.clone().into_bytes()),
    ];
    commit(&files)?;
    crate::output::note(format_args!(
        "give the candidate {STARTER}; run the tests with `cd {} && python -m pytest -q`",
        dir.display()
    ));
    Ok(())
}
