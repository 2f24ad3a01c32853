//! One YAML file read into memory and checked before parsing: size, binary
//! content and UTF-8 are rejected with a location, and the YAML parser runs
//! under budgets so a hostile file (an alias bomb, deep nesting) fails fast.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Origin};

use crate::input::MAX_FILE_BYTES;

/// The text of one file and the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics (relative to the bank root where possible).
    pub name: Arc<str>,
    /// The file's text, known to be UTF-8 without NUL bytes.
    pub text: String,
}

impl SourceFile {
    /// Check raw bytes and take them as a source file.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        let name: Arc<str> = Arc::from(name);
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                Origin::file(&name),
                format!(
                    "file is too large ({:.1} MB; the limit is {} MB)",
                    bytes.len() as f64 / 1e6,
                    MAX_FILE_BYTES >> 20
                ),
            )
            .with_help(Some("split the questions over several topic files".into())));
        }
        if let Some(at) = memchr::memchr(0, &bytes) {
            let (line, column) = line_column(&bytes, at);
            return Err(Diagnostic::error(
                Origin::new(&name, line, column),
                "this is a binary file, not YAML text (it contains a NUL byte)",
            ));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(SourceFile { name, text }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let (line, column) = line_column(e.as_bytes(), at);
                Err(Diagnostic::error(
                    Origin::new(&name, line, column),
                    "invalid UTF-8: bank and plan files must be UTF-8 text",
                )
                .with_help(Some("re-save the file with UTF-8 encoding".into())))
            }
        }
    }

    /// A location in this file.
    pub fn origin(&self, at: impl Into<Position>) -> Origin {
        let at = at.into();
        Origin::new(&self.name, at.line.into(), at.column.into())
    }

    /// An error at `at`, with the source line attached.
    pub fn error(&self, at: impl Into<Position>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.origin(at), message).with_source(&self.text)
    }

    /// A warning at `at`, with the source line attached.
    pub fn warning(&self, at: impl Into<Position>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.origin(at), message).with_source(&self.text)
    }

    /// Parse the file as YAML into `T`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        serde_saphyr::from_str_with_options(&self.text, options()).map_err(|e| self.yaml_error(&e))
    }

    fn yaml_error(&self, error: &serde_saphyr::Error) -> Diagnostic {
        let plain = error.without_snippet().to_string();
        let message = strip_location_suffix(&plain);
        let reworded = reword(message);
        let message = reworded.as_deref().unwrap_or(message);
        let (line, column) = error
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((0, 0));
        let d = Diagnostic::error(Origin::new(&self.name, line, column), message)
            .with_source(&self.text);
        let help = unknown_field_help(message).or_else(|| {
            d.snippet
                .as_deref()
                .filter(|l| {
                    message.starts_with("expected")
                        && l.split_once(": ")
                            .is_some_and(|(_, value)| value.contains(": "))
                })
                .map(|_| {
                    "a colon followed by a space starts a mapping in YAML; put the text in quotes"
                        .to_string()
                })
        });
        d.with_help(help)
    }
}

/// The parser's wording, where it speaks of its own settings, said for the
/// person editing the file.
fn reword(message: &str) -> Option<String> {
    let key = message.strip_prefix("duplicate mapping key: ")?;
    let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
    Some(format!("`{key}` is given twice here; keep one"))
}

/// A 1-based line and column (in characters) in a source file; 0 when unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// The line, from 1.
    pub line: u32,
    /// The column in characters, from 1.
    pub column: u32,
}

impl Position {
    /// A position; line and column count from 1.
    pub const fn new(line: u32, column: u32) -> Self {
        Position { line, column }
    }

    /// True if the parser could not say where this is.
    pub fn is_unknown(self) -> bool {
        self.line == 0
    }
}

impl From<&serde_saphyr::Location> for Position {
    fn from(location: &serde_saphyr::Location) -> Self {
        Position::new(location.line() as u32, location.column() as u32)
    }
}

impl From<serde_saphyr::Location> for Position {
    fn from(location: serde_saphyr::Location) -> Self {
        Position::from(&location)
    }
}

impl From<&Position> for Position {
    fn from(at: &Position) -> Self {
        *at
    }
}

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// Where the value starts.
    pub at: Position,
    /// The value.
    pub value: T,
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Located<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Located {
            at: spanned.referenced.into(),
            value: spanned.value,
        })
    }
}

/// Parser options: generous enough for a 100,000-question bank, tight on
/// aliases, which a bank never needs many of.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = 40_000_000;
    budget.max_nodes = 20_000_000;
    budget.max_aliases = 10_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 100_000;
    options
}

/// serde-saphyr appends " at line N, column M"; we print the location first.
fn strip_location_suffix(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
}

/// "unknown field `minuts`, expected one of id, minutes" → "did you mean `minutes`?"
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected one of ")?.1;
    let candidates = expected.split(", ").map(|c| c.trim_matches('`'));
    super::suggestion::help(field, candidates)
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_column(bytes: &[u8], at: usize) -> (u64, u64) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() as u64 + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_invalid_utf8_with_position() {
        let d = SourceFile::from_bytes("x.yaml", b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!((d.origin.line, d.origin.column), (2, 4));
        assert!(d.message.contains("UTF-8"));
    }

    #[test]
    fn rejects_binary() {
        let d = SourceFile::from_bytes("x.yaml", b"ab\0cd".to_vec()).unwrap_err();
        assert!(d.message.contains("binary"));
    }

    #[test]
    fn unknown_field_gets_a_suggestion() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            minutes: u32,
        }
        let file = SourceFile::from_bytes("t.yaml", b"minuts: 3\n".to_vec()).unwrap();
        let d = file.parse::<T>().unwrap_err();
        assert_eq!((d.origin.line, d.origin.column), (1, 1));
        assert_eq!(d.help.as_deref(), Some("did you mean `minutes`?"));
        assert!(!d.message.contains(" at line "), "{}", d.message);
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
            let refs = vec![format!("*{prev}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let file = SourceFile::from_bytes("bomb.yaml", text.into_bytes()).unwrap();
        let error = file
            .parse::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>()
            .unwrap_err();
        assert!(error.origin.line > 1, "{error}");
    }
}
