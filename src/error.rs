//! The one error type of the crate. Every variant carries the context a user
//! needs to fix the problem, and knows the exit status it maps to.

use std::fmt;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;

/// Exit status for bad input or I/O.
pub const EXIT_INPUT: i32 = 1;
/// Exit status for a usage error (bad flag values, unknown role or level).
pub const EXIT_USAGE: i32 = 2;

/// Everything that can go wrong in `runbook`.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// What we were doing, e.g. "reading" or "writing".
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is larger than `runbook` reads.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// Writing to standard output failed; a closed pipe is not reported.
    Stdout(std::io::Error),
    /// A file could not be parsed; the diagnostic names file, line and column.
    Parse(Box<Diagnostic>),
    /// The bank has errors; `runbook check` lists them.
    InvalidBank {
        /// Where the bank came from.
        origin: String,
        /// The errors found.
        errors: Vec<Diagnostic>,
    },
    /// `runbook check` found errors (already printed).
    CheckFailed {
        /// Where the bank came from.
        origin: String,
        /// How many errors.
        errors: usize,
    },
    /// A flag value was wrong (unknown role, level, topic, id ...).
    Usage(String),
    /// The request cannot be satisfied (budget too small, nothing fits).
    Plan(String),
    /// A plan refers to things the bank does not have, one diagnostic each.
    Resolve(Vec<Diagnostic>),
    /// A template failed to compile or render.
    Template(String),
    /// A renderer failed for a reason that is not the user's input.
    Render(String),
}

impl Error {
    /// The process exit status for this error.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
            _ => EXIT_INPUT,
        }
    }

    /// The message to print. Diagnostics already say `error:` after their
    /// location; everything else gets the prefix here.
    pub fn report(&self) -> String {
        match self {
            Error::Parse(_) | Error::Resolve(_) => self.to_string(),
            _ => format!("error: {self}"),
        }
    }

    /// True when standard output was closed early (e.g. `runbook list | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Stdout(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// Build an [`Error::Io`].
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "{action} {}: {source}", path.display()),
            Error::TooLarge { path, limit } => write!(
                f,
                "{}: the file is larger than the limit of {} MB",
                path.display(),
                limit >> 20
            ),
            Error::Stdout(e) => write!(f, "writing to standard output: {e}"),
            Error::Parse(d) => write!(f, "{d}"),
            Error::InvalidBank { origin, errors } => {
                let first = errors.first().map(|d| format!("\n{d}")).unwrap_or_default();
                write!(
                    f,
                    "the question bank in {origin} has {} error(s); run `runbook check` to see them all{first}",
                    errors.len()
                )
            }
            Error::CheckFailed { origin, errors } => write!(f, "{errors} error(s) in {origin}"),
            Error::Resolve(diagnostics) => {
                let lines: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
            Error::Usage(m) | Error::Plan(m) | Error::Template(m) => f.write_str(m),
            Error::Render(m) => write!(f, "rendering failed: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Stdout(e) => Some(e),
            _ => None,
        }
    }
}

impl From<Diagnostic> for Error {
    fn from(d: Diagnostic) -> Self {
        Error::Parse(Box::new(d))
    }
}
