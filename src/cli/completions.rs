//! `runbook completions`: shell completion scripts.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::error::Error;

/// Arguments of `runbook completions`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook completions bash > ~/.local/share/bash-completion/completions/runbook\n  runbook completions zsh > ~/.zfunc/_runbook"
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Run `runbook completions`.
pub fn run(args: &Args) -> Result<(), Error> {
    let mut command = super::Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut command, "runbook", &mut buffer);
    crate::output::print(&String::from_utf8_lossy(&buffer))
}
