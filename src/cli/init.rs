//! `runbook init`: write the built-in bank and templates out as a starting
//! point for a team's own.

use std::path::PathBuf;

use crate::bank::content::Content;
use crate::error::Error;
use crate::output;
use crate::render::template::Templates;

/// Arguments of `runbook init`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  runbook init my-bank\n  runbook check --content my-bank")]
pub struct Args {
    /// The directory to write to (created if missing).
    pub dir: PathBuf,
    /// Overwrite files that already exist.
    #[arg(long)]
    pub force: bool,
}

/// Run `runbook init`.
pub fn run(args: &Args) -> Result<(), Error> {
    let mut files = Content::builtin_files();
    files.extend(
        Templates::builtin_files()
            .into_iter()
            .map(|(name, bytes)| (format!("templates/{name}"), bytes)),
    );
    if !args.force {
        let existing: Vec<String> = files
            .iter()
            .map(|(rel, _)| args.dir.join(rel))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Error::Usage(format!(
                "{} file(s) already exist, e.g. {}; use --force to overwrite them",
                existing.len(),
                existing[0]
            )));
        }
    }
    // All or nothing: on a full disk no file is left half-written or replaced.
    let targets: Vec<(PathBuf, &[u8])> = files
        .iter()
        .map(|(rel, bytes)| (args.dir.join(rel), *bytes))
        .collect();
    output::write_all_atomic(&targets)?;
    output::note(format_args!(
        "wrote {} files to {}; try `runbook check --content {dir}` and `--templates {dir}/templates`",
        files.len(),
        args.dir.display(),
        dir = args.dir.display()
    ));
    Ok(())
}
