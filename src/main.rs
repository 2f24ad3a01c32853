//! The `runbook` binary: parse the command line, run it, map errors to exit codes.

use clap::Parser;
use interview_runbook::{Cli, run};

fn main() {
    let cli = Cli::parse();
    if let Err(error) = run(cli) {
        if !error.is_broken_pipe() {
            eprintln!("{}", error.report());
        }
        std::process::exit(error.code());
    }
}
