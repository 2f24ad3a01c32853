//! A problem found in a bank or plan file, located by file, line and column,
//! printed the way compilers print them so editors can jump to it.

use std::fmt;
use std::sync::Arc;

/// How bad a diagnostic is: errors fail `runbook check`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The bank cannot be used as it is.
    Error,
    /// The bank works but misses the bank's own quality bar.
    Warning,
}

/// A place in a source file. Lines and columns count from 1; 0 means unknown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// The file, as shown to the user (relative to the bank root).
    pub file: Arc<str>,
    /// 1-based line, 0 when unknown.
    pub line: u64,
    /// 1-based column, 0 when unknown.
    pub column: u64,
}

impl Origin {
    /// A location in `file`.
    pub fn new(file: &Arc<str>, line: u64, column: u64) -> Self {
        Origin {
            file: Arc::clone(file),
            line,
            column,
        }
    }

    /// The whole file, with no position.
    pub fn file(file: &Arc<str>) -> Self {
        Origin::new(file, 0, 0)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

/// One problem, with where it is, what is wrong and, where we can tell, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub origin: Origin,
    /// What is wrong.
    pub message: String,
    /// What to do about it, e.g. "did you mean `minutes`?".
    pub help: Option<String>,
    /// The offending source line, for a caret display.
    pub snippet: Option<String>,
}

impl Diagnostic {
    /// An error at `origin`.
    pub fn error(origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            origin,
            message: message.into(),
            help: None,
            snippet: None,
        }
    }

    /// A warning at `origin`.
    pub fn warning(origin: Origin, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(origin, message)
        }
    }

    /// Attach advice.
    pub fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Attach the source line the origin points into, taken from `text`.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.origin.line > 0 {
            self.snippet = text
                .lines()
                .nth(self.origin.line as usize - 1)
                .map(|l| l.chars().take(160).collect());
        }
        self
    }

    /// True for [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.origin, self.message)?;
        if let Some(line) = &self.snippet {
            let number = self.origin.line.to_string();
            let pad = " ".repeat(number.len());
            write!(f, "\n{pad} |\n{number} | {line}")?;
            if self.origin.column > 0 {
                let caret = " ".repeat(self.origin.column as usize - 1);
                write!(f, "\n{pad} | {caret}^")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}
