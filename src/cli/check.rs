//! `runbook check`: validate a bank and print every problem found.

use std::fmt::Write;

use crate::bank::Bank;
use crate::content::Content;
use crate::error::Error;
use crate::output;

/// Arguments of `runbook check`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  runbook check\n  runbook check --content ./my-bank")]
pub struct Args {}

/// Run `runbook check`.
pub fn run(_args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, diagnostics) = Bank::load(content)?;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut report = String::new();
    for d in &diagnostics {
        let _ = writeln!(report, "{d}\n");
    }
    let topics: std::collections::BTreeSet<&str> =
        bank.questions.iter().map(|q| q.topic.as_str()).collect();
    let _ = writeln!(
        report,
        "{}: {} questions in {} topics, {errors} error(s), {warnings} warning(s), digest {}",
        content.describe(),
        bank.questions.len(),
        topics.len(),
        bank.digest
    );
    output::print(&report)?;
    // The process ends next: freeing a large bank piece by piece would only
    // add to the wait.
    std::mem::forget(bank);
    if errors > 0 {
        return Err(Error::CheckFailed {
            origin: content.describe(),
            errors,
        });
    }
    Ok(())
}
