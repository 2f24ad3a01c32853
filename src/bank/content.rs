//! Where a bank comes from: the copy built into the binary, or a directory.
//! Any of the bank's settings files missing from a directory falls back to
//! the built-in one, so a team's bank can hold just its questions.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::Error;
use crate::input::{self, MAX_FILE_BYTES};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// The folder inside a bank that holds question files.
pub const QUESTIONS_DIR: &str = "questions";

/// A source of bank files.
#[derive(Debug, Clone)]
pub enum Content {
    /// The bank embedded in the binary.
    Builtin,
    /// A bank on disk.
    Dir(PathBuf),
}

impl Content {
    /// `--content DIR` if given, else the built-in bank.
    pub fn new(dir: Option<&Path>) -> Self {
        dir.map_or(Content::Builtin, |d| Content::Dir(d.to_path_buf()))
    }

    /// How to name this bank in messages.
    pub fn describe(&self) -> String {
        match self {
            Content::Builtin => "the built-in bank".into(),
            Content::Dir(d) => d.display().to_string(),
        }
    }

    /// The bytes of `rel` (a `/`-separated path inside the bank), falling back
    /// to the built-in file for a directory bank; `None` if neither has it.
    pub fn read(&self, rel: &str) -> Result<Option<Cow<'static, [u8]>>, Error> {
        if let Content::Dir(dir) = self
            && let Some(bytes) = input::read_optional(&dir.join(rel), MAX_FILE_BYTES, "reading")?
        {
            return Ok(Some(Cow::Owned(bytes)));
        }
        Ok(BUILTIN.get_file(rel).map(|f| Cow::Borrowed(f.contents())))
    }

    /// The name a bank file is reported under: its path on disk, or
    /// `content/...` for the built-in bank (where it lives in the source tree).
    pub fn display_path(&self, rel: &str) -> String {
        match self {
            Content::Builtin => format!("content/{rel}"),
            Content::Dir(dir) => dir.join(rel).display().to_string(),
        }
    }

    /// True if the bank itself has `rel` (rather than falling back to the built-in file).
    pub fn has_own(&self, rel: &str) -> bool {
        match self {
            Content::Builtin => BUILTIN.get_file(rel).is_some(),
            Content::Dir(dir) => std::fs::symlink_metadata(dir.join(rel)).is_ok(),
        }
    }

    /// The question files (`questions/*.yaml`), sorted, as bank-relative paths.
    pub fn question_files(&self) -> Result<Vec<String>, Error> {
        let mut names: Vec<String> = match self {
            Content::Builtin => BUILTIN
                .get_dir(QUESTIONS_DIR)
                .map(|d| {
                    d.files()
                        .filter_map(|f| f.path().file_name()?.to_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
            Content::Dir(dir) => {
                let path = dir.join(QUESTIONS_DIR);
                if !dir.is_dir() {
                    return Err(Error::Usage(format!(
                        "{} is not a directory; `runbook init {}` writes a bank to start from",
                        dir.display(),
                        dir.display()
                    )));
                }
                let entries = match std::fs::read_dir(&path) {
                    Ok(entries) => entries,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                    Err(e) => return Err(Error::io("reading", path, e)),
                };
                let mut names = Vec::new();
                for entry in entries {
                    let entry = entry.map_err(|e| Error::io("reading", &path, e))?;
                    if let Some(name) = entry.file_name().to_str() {
                        names.push(name.to_string());
                    }
                }
                names
            }
        };
        names.retain(|n| n.ends_with(".yaml") || n.ends_with(".yml"));
        names.sort();
        Ok(names
            .into_iter()
            .map(|n| format!("{QUESTIONS_DIR}/{n}"))
            .collect())
    }

    /// Every file of the built-in bank with its bank-relative path, for `init`.
    pub fn builtin_files() -> Vec<(String, &'static [u8])> {
        let mut out = Vec::new();
        collect(&BUILTIN, &mut out);
        out.sort();
        out
    }
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        out.push((
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents(),
        ));
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
