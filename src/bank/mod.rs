//! The question bank: loading every file of a [`Content`], checking each
//! question and the bank as a whole, and looking things up afterwards.
//!
//! Loading never stops at the first problem: it collects every diagnostic it
//! can, so `runbook check` shows them all. Other commands refuse a bank with
//! errors and point at `check`.

pub mod checker;
pub mod content;
pub mod filter;
pub mod level;
mod loader;
pub mod loops;
pub mod question;
pub mod raw;
pub mod role;
pub mod rubric;
mod settings;
pub mod similarity;
pub mod source;
pub(crate) mod strict;
pub(crate) mod suggestion;
pub(crate) mod text;
pub mod topic;

use std::collections::HashMap;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use content::Content;
use level::{Level, Levels};
use question::Question;
use role::Role;
use rubric::Rubric;
use topic::Topic;

/// The settings files of a bank.
pub const TOPICS_FILE: &str = "topics.yaml";
/// Roles and their topic weights.
pub const ROLES_FILE: &str = "roles.yaml";
/// Levels with years and aliases.
pub const LEVELS_FILE: &str = "levels.yaml";
/// The scoring scale.
pub const RUBRIC_FILE: &str = "rubric.yaml";
/// Interview loops: kinds of round and each role and level's default rounds.
pub const LOOPS_FILE: &str = "loops.yaml";
/// Source questions deliberately not covered.
pub const EXCLUSIONS_FILE: &str = "seed-exclusions.yaml";

/// A source question left out on purpose, and why.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    /// The seed key.
    pub key: String,
    /// Why it is not in the bank.
    pub reason: String,
}

/// A loaded, validated question bank.
#[derive(Debug, Clone)]
pub struct Bank {
    questions: Vec<Question>,
    topics: Vec<Topic>,
    roles: Vec<Role>,
    levels: Levels,
    rubric: Rubric,
    loops: loops::Loops,
    digest: String,
    origin: String,
    index: HashMap<String, usize>,
}

impl Bank {
    /// Assemble a bank from parts (used by tests and generators); ids must be unique.
    pub fn from_parts(
        questions: Vec<Question>,
        topics: Vec<Topic>,
        roles: Vec<Role>,
        levels: Levels,
        rubric: Rubric,
        digest: String,
    ) -> Self {
        let index = questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect();
        Bank {
            questions,
            topics,
            roles,
            levels,
            rubric,
            loops: loops::Loops::default(),
            digest,
            origin: "a bank built in memory".into(),
            index,
        }
    }

    /// Load a bank and every diagnostic about it. Only I/O failures are errors
    /// here; problems in the files come back as diagnostics.
    pub fn load(content: &Content) -> Result<(Bank, Vec<Diagnostic>), Error> {
        loader::Loader::new(content, true).run()
    }

    /// Load a bank that must have no errors, for commands that use it rather
    /// than check it: the slower checks that can only warn are skipped.
    pub fn load_valid(content: &Content) -> Result<(Bank, Vec<Diagnostic>), Error> {
        let (bank, diagnostics) = loader::Loader::new(content, false).run()?;
        let (errors, warnings): (Vec<_>, Vec<_>) =
            diagnostics.into_iter().partition(Diagnostic::is_error);
        if errors.is_empty() {
            Ok((bank, warnings))
        } else {
            Err(Error::InvalidBank {
                origin: content.describe(),
                errors,
            })
        }
    }

    /// The loop settings.
    pub fn loops(&self) -> &loops::Loops {
        &self.loops
    }

    /// The same bank with `loops` as its loop settings.
    pub fn with_loops(mut self, loops: loops::Loops) -> Self {
        self.loops = loops;
        self
    }

    /// Every question, in file order.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Topics, in `topics.yaml` order.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// Roles, in `roles.yaml` order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The level table.
    pub fn levels(&self) -> &Levels {
        &self.levels
    }

    /// The scoring scale and recommendations.
    pub fn rubric(&self) -> &Rubric {
        &self.rubric
    }

    /// A short hash of every file the bank was read from.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// Where the bank came from, for messages.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The question with `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.get(id).map(|&i| &self.questions[i])
    }

    /// The topic with `id`.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The title of topic `id`, falling back to the id.
    pub fn topic_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.topic(id).map_or(id, |t| t.title.as_str())
    }

    /// The role called `name` (id, title or alias, any case).
    pub fn role(&self, name: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.answers_to(name))
    }

    /// Resolve a `--role` value or explain which roles exist.
    pub fn resolve_role(&self, name: &str) -> Result<&Role, Error> {
        self.role(name).ok_or_else(|| {
            let ids: Vec<&str> = self.roles.iter().map(|r| r.id.as_str()).collect();
            let hint = suggestion::help(name, ids.iter().copied())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            Error::Usage(format!(
                "unknown role `{name}`{hint}; valid roles: {}",
                ids.join(", ")
            ))
        })
    }

    /// Resolve a `--level` value (id, title or alias) or explain which levels exist.
    pub fn resolve_level(&self, name: &str) -> Result<Level, Error> {
        self.levels.resolve(name).ok_or_else(|| {
            let hint = suggestion::help(name, self.levels.names())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            let names: Vec<String> = self
                .levels
                .entries()
                .iter()
                .map(|i| {
                    if i.aliases.is_empty() {
                        i.id.to_string()
                    } else {
                        format!("{} ({})", i.id, i.aliases.join(", "))
                    }
                })
                .collect();
            Error::Usage(format!(
                "unknown level `{name}`{hint}; valid levels: {}",
                names.join("; ")
            ))
        })
    }

    /// Check a `--topic` value or explain which topics exist.
    pub fn resolve_topic(&self, name: &str) -> Result<&Topic, Error> {
        let wanted = name.trim().to_lowercase();
        self.topics
            .iter()
            .find(|t| t.id == wanted || t.title.to_lowercase() == wanted)
            .ok_or_else(|| {
                let ids: Vec<&str> = self.topics.iter().map(|t| t.id.as_str()).collect();
                let hint = suggestion::help(name, ids.iter().copied())
                    .map(|h| format!(" ({h})"))
                    .unwrap_or_default();
                Error::Usage(format!(
                    "unknown topic `{name}`{hint}; valid topics: {}",
                    ids.join(", ")
                ))
            })
    }

    /// Check a question id given on the command line.
    pub fn resolve_id(&self, id: &str) -> Result<&Question, Error> {
        self.question(id).ok_or_else(|| {
            let hint = suggestion::help(id, self.questions.iter().map(|q| q.id.as_str()))
                .map(|h| format!("; {h}"))
                .unwrap_or_else(|| "; `runbook list` shows the ids".into());
            Error::Usage(format!("no question `{id}` in {}{hint}", self.origin))
        })
    }
}
