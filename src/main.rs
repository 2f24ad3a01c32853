//! The `runbook` binary: parse the command line, run it, map errors to exit codes.

use clap::Parser;
use interview_runbook::{Cli, output, run};

fn main() {
    output::remove_on_signal();
    let cli = Cli::parse();
    if let Err(error) = run(cli) {
        if !error.is_broken_pipe() {
            output::note(error.report());
        }
        std::process::exit(error.code());
    }
}
