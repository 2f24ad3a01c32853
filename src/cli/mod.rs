//! The command line: one module per subcommand, each with its `Args` and
//! `run`. Arguments are turned into typed, validated options before any work
//! is done.

pub mod check;
pub mod completions;
pub mod exercise;
pub mod export;
pub mod filter_args;
pub mod init;
pub mod list;
pub mod loop_cmd;
pub mod output_args;
pub mod plan;
pub mod plan_args;
pub mod render;
pub mod show;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::bank::content::Content;
use crate::error::Error;

/// Build Python technical interviews from a bank of questions.
#[derive(Debug, Parser)]
#[command(
    name = "runbook",
    version,
    about = "Build Python technical interviews from a bank of questions",
    after_help = "Examples:\n  runbook render --role backend --level senior --format interviewer\n  runbook plan --role backend --level senior -o plan.yaml\n  runbook list --role data --level mid\n  runbook check --content ./my-bank"
)]
pub struct Cli {
    /// Use the bank in DIR instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a question bank and report every problem.
    Check(check::Args),
    /// List questions, optionally filtered.
    List(list::Args),
    /// Show one question in full.
    Show(show::Args),
    /// Select questions into a time-boxed interview plan.
    Plan(plan::Args),
    /// Plan every round of an interview loop, one plan per round.
    Loop(loop_cmd::Args),
    /// Render an interview plan as PDF, Markdown, CSV or an Anki deck.
    Render(render::Args),
    /// Write a coding exercise's starter file and tests for a live interview.
    Exercise(exercise::Args),
    /// Export a whole filtered bank for study.
    Export(export::Args),
    /// Write the built-in bank and templates to a directory as a starting point.
    Init(init::Args),
    /// Print shell completions.
    Completions(completions::Args),
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let content = Content::new(cli.content.as_deref());
    match cli.command {
        Command::Check(args) => check::run(&args, &content),
        Command::List(args) => list::run(&args, &content),
        Command::Show(args) => show::run(&args, &content),
        Command::Plan(args) => plan::run(&args, &content),
        Command::Loop(args) => loop_cmd::run(&args, &content),
        Command::Render(args) => render::run(&args, &content),
        Command::Exercise(args) => exercise::run(&args, &content),
        Command::Export(args) => export::run(&args, &content),
        Command::Init(args) => init::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
