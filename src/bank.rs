//! The question bank: loading every file of a [`Content`], checking each
//! question and the bank as a whole, and looking things up afterwards.
//!
//! Loading never stops at the first problem: it collects every diagnostic it
//! can, so `runbook check` shows them all. Other commands refuse a bank with
//! errors and point at `check`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Deserialize;
use serde_saphyr::Spanned;
use sha2::{Digest, Sha256};

use crate::content::Content;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::level::{Level, LevelInfo, Levels};
use crate::question::{Question, RawQuestion, Vocabulary};
use crate::role::{ALL_LEVELS, Role};
use crate::rubric::Rubric;
use crate::similarity::{self, Fingerprint};
use crate::source::SourceFile;
use crate::topic::Topic;

/// The settings files of a bank.
pub const TOPICS_FILE: &str = "topics.yaml";
/// Roles and their topic weights.
pub const ROLES_FILE: &str = "roles.yaml";
/// Levels with years and aliases.
pub const LEVELS_FILE: &str = "levels.yaml";
/// The scoring scale.
pub const RUBRIC_FILE: &str = "rubric.yaml";
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
    /// Every question, in file order.
    pub questions: Vec<Question>,
    /// Topics, in `topics.yaml` order.
    pub topics: Vec<Topic>,
    /// Roles, in `roles.yaml` order.
    pub roles: Vec<Role>,
    /// The level table.
    pub levels: Levels,
    /// The scoring scale.
    pub rubric: Rubric,
    /// Seed keys deliberately not covered.
    pub exclusions: Vec<Exclusion>,
    /// A short hash of every file the bank was read from.
    pub digest: String,
    /// Where the bank came from, for messages.
    pub origin: String,
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
            exclusions: Vec::new(),
            digest,
            origin: "a bank built in memory".into(),
            index,
        }
    }

    /// Load a bank and every diagnostic about it. Only I/O failures are errors
    /// here; problems in the files come back as diagnostics.
    pub fn load(content: &Content) -> Result<(Bank, Vec<Diagnostic>), Error> {
        Loader::new(content, true).run()
    }

    /// Load a bank that must have no errors, for commands that use it rather
    /// than check it: the slower checks that can only warn are skipped.
    pub fn load_valid(content: &Content) -> Result<(Bank, Vec<Diagnostic>), Error> {
        let (bank, diagnostics) = Loader::new(content, false).run()?;
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
            let hint = crate::suggestion::help(name, ids.iter().copied())
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
            let hint = crate::suggestion::help(name, self.levels.names())
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
                let hint = crate::suggestion::help(name, ids.iter().copied())
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
            let hint = crate::suggestion::help(id, self.questions.iter().map(|q| q.id.as_str()))
                .map(|h| format!("; {h}"))
                .unwrap_or_else(|| "; `runbook list` shows the ids".into());
            Error::Usage(format!("no question `{id}` in {}{hint}", self.origin))
        })
    }
}

/// One pass over a bank's files.
struct Loader<'a> {
    content: &'a Content,
    /// Run the checks that can only warn (near-duplicate prompts).
    lint: bool,
    hasher: Sha256,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Loader<'a> {
    fn new(content: &'a Content, lint: bool) -> Self {
        Loader {
            content,
            lint,
            hasher: Sha256::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Read a file into a source, hashing it; `None` if it is missing or unreadable text.
    fn source(&mut self, rel: &str) -> Result<Option<SourceFile>, Error> {
        let Some((digest, file)) = read_source(self.content, rel, Vec::new())? else {
            return Ok(None);
        };
        self.hasher.update(digest);
        match file {
            Ok(file) => Ok(Some(file)),
            Err(d) => {
                self.diagnostics.push(d);
                Ok(None)
            }
        }
    }

    /// Parse a settings file; a missing required file is an error.
    fn settings<T: serde::de::DeserializeOwned>(
        &mut self,
        rel: &str,
        required: bool,
    ) -> Result<Option<(T, SourceFile)>, Error> {
        let Some(file) = self.source(rel)? else {
            let name = self.content.display_path(rel);
            if required && !self.diagnostics.iter().any(|d| *d.origin.file == *name) {
                self.diagnostics.push(Diagnostic::error(
                    Origin::file(&Arc::from(name.as_str())),
                    format!("{} has no {rel}", self.content.describe()),
                ));
            }
            return Ok(None);
        };
        match file.parse::<T>() {
            Ok(value) => Ok(Some((value, file))),
            Err(d) => {
                self.diagnostics.push(d);
                Ok(None)
            }
        }
    }

    fn run(mut self) -> Result<(Bank, Vec<Diagnostic>), Error> {
        let topics = self.settings::<Vec<Spanned<Topic>>>(TOPICS_FILE, true)?;
        let roles = self.settings::<Vec<Spanned<Role>>>(ROLES_FILE, true)?;
        let levels = self.settings::<Vec<Spanned<LevelInfo>>>(LEVELS_FILE, true)?;
        let rubric = self.settings::<Spanned<Rubric>>(RUBRIC_FILE, true)?;
        let exclusions = self.settings::<Option<Vec<Exclusion>>>(EXCLUSIONS_FILE, false)?;
        let (Some(topics), Some(roles), Some(levels), Some(rubric)) =
            (topics, roles, levels, rubric)
        else {
            // Without the settings the questions cannot be checked meaningfully.
            return Ok((self.empty_bank(), self.diagnostics));
        };
        self.check_topics(&topics.0, &topics.1);
        self.check_levels(&levels.0, &levels.1);
        self.check_rubric(&rubric.0, &rubric.1);
        let topics: Vec<Topic> = topics.0.into_iter().map(|s| s.value).collect();
        self.check_roles(&roles.0, &roles.1, &topics);
        let roles: Vec<Role> = roles.0.into_iter().map(|s| s.value).collect();
        let exclusions = exclusions.and_then(|(e, _)| e).unwrap_or_default();

        let vocabulary = Vocabulary {
            topics: topics.iter().map(|t| t.id.as_str()).collect(),
            roles: roles.iter().map(|r| r.id.as_str()).collect(),
        };
        // Each file is read, hashed and parsed on whichever core is free, and
        // its text dropped once parsed: parsing is most of the time a large
        // bank takes to load, and its text most of the memory. The digest
        // combines the files' hashes in order.
        let names = self.content.question_files()?;
        let content = self.content;
        thread_local! {
            /// Each core reads file after file into one buffer: a large bank
            /// is hundreds of megabytes, and fresh memory costs a page fault
            /// per page.
            static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let parsed = crate::parallel::map(&names, |rel| {
            let read = read_source(content, rel, BUFFER.take())?;
            Ok::<_, Error>(read.map(|(digest, file)| match file {
                Ok(file) => {
                    let found = questions_in(rel, &file, &vocabulary);
                    BUFFER.set(file.text.into_bytes());
                    (digest, found)
                }
                Err(d) => (digest, (Vec::new(), vec![d])),
            }))
        });
        let parsed: Vec<_> = parsed.into_iter().collect::<Result<_, _>>()?;
        let total = parsed
            .iter()
            .flatten()
            .map(|(_, (found, _))| found.len())
            .sum();
        let mut questions = Vec::with_capacity(total);
        for result in parsed {
            let Some((digest, (found, diagnostics))) = result else {
                continue;
            };
            self.hasher.update(digest);
            questions.extend(found);
            self.diagnostics.extend(diagnostics);
        }
        let index = self.check_ids(&questions);
        if self.lint {
            self.check_near_duplicates(&questions);
        }
        // A bank that borrows the built-in topics need not cover them all.
        let own_topics = self.content.has_own(TOPICS_FILE);
        for topic in topics.iter().filter(|_| own_topics) {
            if !questions.iter().any(|q| q.topic == topic.id) {
                self.diagnostics.push(Diagnostic::warning(
                    Origin::file(&Arc::from(self.content.display_path(TOPICS_FILE).as_str())),
                    format!("topic `{}` has no questions", topic.id),
                ));
            }
        }
        let digest = hex(&self.hasher.clone().finalize()[..8]);
        let bank = Bank {
            questions,
            topics,
            roles,
            levels: Levels::new(levels.0.into_iter().map(|s| s.value).collect()),
            rubric: rubric.0.value,
            exclusions,
            digest,
            origin: self.content.describe(),
            index,
        };
        Ok((bank, self.diagnostics))
    }

    fn empty_bank(&self) -> Bank {
        let rubric = Rubric {
            scale: Vec::new(),
            recommendations: Vec::new(),
        };
        let mut bank = Bank::from_parts(
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Levels::new(Vec::new()),
            rubric,
            String::new(),
        );
        bank.origin = self.content.describe();
        bank
    }

    fn check_ids(&mut self, questions: &[Question]) -> HashMap<String, usize> {
        let mut index: HashMap<String, usize> = HashMap::with_capacity(questions.len());
        for (i, q) in questions.iter().enumerate() {
            if let Some(&first) = index.get(&q.id) {
                self.diagnostics.push(Diagnostic::error(
                    q.origin.clone(),
                    format!(
                        "duplicate id `{}`: already used at {}",
                        q.id, questions[first].origin
                    ),
                ).with_help(Some("ids are unique across the bank; rename one (ids never change once published, so rename the new one)".into())));
            } else {
                index.insert(q.id.clone(), i);
            }
        }
        index
    }

    fn check_near_duplicates(&mut self, questions: &[Question]) {
        let chunks: Vec<&[Question]> = questions.chunks(4096).collect();
        let fingerprints: Vec<Fingerprint> = crate::parallel::map(&chunks, |chunk| {
            chunk
                .iter()
                .map(|q| Fingerprint::of(&q.prompt))
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        for (a, b, s) in similarity::near_duplicates(&fingerprints) {
            let (a, b) = (&questions[a], &questions[b]);
            self.diagnostics.push(
                Diagnostic::warning(
                    b.origin.clone(),
                    format!(
                        "the prompt of `{}` is {:.0}% like that of `{}` ({})",
                        b.id,
                        s * 100.0,
                        a.id,
                        a.origin
                    ),
                )
                .with_help(Some(
                    "merge them, or make each ask something the other does not".into(),
                )),
            );
        }
    }

    fn check_topics(&mut self, topics: &[Spanned<Topic>], file: &SourceFile) {
        let mut seen = BTreeMap::new();
        for t in topics {
            if !crate::question::is_kebab_case(&t.value.id) {
                self.diagnostics.push(file.error(
                    t.referenced,
                    format!("topic id `{}` is not kebab-case", t.value.id),
                ));
            }
            if seen.insert(t.value.id.as_str(), ()).is_some() {
                self.diagnostics.push(file.error(
                    t.referenced,
                    format!("topic `{}` is defined twice", t.value.id),
                ));
            }
        }
    }

    fn check_levels(&mut self, levels: &[Spanned<LevelInfo>], file: &SourceFile) {
        let ids: Vec<Level> = levels.iter().map(|l| l.value.id).collect();
        if ids != Level::ALL {
            self.diagnostics.push(
                Diagnostic::error(
                    Origin::file(&file.name),
                    "levels.yaml must list entry, junior, mid, senior and staff once each, in that order",
                ),
            );
        }
        for pair in levels.windows(2) {
            if pair[1].value.min_years < pair[0].value.min_years {
                self.diagnostics.push(file.error(
                    pair[1].referenced,
                    format!(
                        "`{}` needs fewer years ({}) than `{}` ({})",
                        pair[1].value.id,
                        pair[1].value.min_years,
                        pair[0].value.id,
                        pair[0].value.min_years
                    ),
                ));
            }
        }
    }

    fn check_rubric(&mut self, rubric: &Spanned<Rubric>, file: &SourceFile) {
        let scores: Vec<u8> = rubric.value.scale.iter().map(|p| p.score).collect();
        if scores != [1, 2, 3, 4] {
            self.diagnostics.push(file.error(
                rubric.referenced,
                "the scale must have the scores 1, 2, 3 and 4, in order",
            ));
        }
        if rubric.value.recommendations.is_empty() {
            self.diagnostics
                .push(file.error(rubric.referenced, "there are no overall recommendations"));
        }
    }

    fn check_roles(&mut self, roles: &[Spanned<Role>], file: &SourceFile, topics: &[Topic]) {
        let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
        let level_keys: Vec<&str> = std::iter::once(ALL_LEVELS)
            .chain(Level::ALL.iter().map(|l| l.id()))
            .collect();
        for role in roles {
            let r = &role.value;
            if !crate::question::is_kebab_case(&r.id) || r.id == crate::question::ALL_ROLES {
                self.diagnostics.push(file.error(
                    role.referenced,
                    format!("role id `{}` must be kebab-case and not `all`", r.id),
                ));
            }
            for (key, weights) in &r.weights {
                if !level_keys.contains(&key.as_str()) {
                    self.diagnostics.push(
                        file.error(
                            role.referenced,
                            format!(
                                "role `{}` has weights for `{key}`, which is not a level",
                                r.id
                            ),
                        )
                        .with_help(crate::suggestion::help(key, level_keys.iter().copied())),
                    );
                }
                for topic in weights.keys() {
                    if !topic_ids.contains(&topic.as_str()) {
                        self.diagnostics.push(
                            file.error(
                                role.referenced,
                                format!("role `{}` weighs unknown topic `{topic}`", r.id),
                            )
                            .with_help(crate::suggestion::help(topic, topic_ids.iter().copied())),
                        );
                    }
                }
            }
            for level in Level::ALL {
                if r.weights_at(level).is_empty() {
                    self.diagnostics.push(file.error(
                        role.referenced,
                        format!("role `{}` weighs no topic at level {level}", r.id),
                    ));
                }
            }
        }
    }
}

/// A bank file as read: the SHA-256 of its name and bytes, and its text (or
/// why it is not usable text).
type Read = ([u8; 32], Result<SourceFile, Diagnostic>);

/// Read a bank file into `buffer`; `None` if the bank has no such file.
fn read_source(content: &Content, rel: &str, mut buffer: Vec<u8>) -> Result<Option<Read>, Error> {
    if !content.read_into(rel, &mut buffer)? {
        return Ok(None);
    }
    let mut hasher = Sha256::new();
    hasher.update((rel.len() as u64).to_le_bytes());
    hasher.update(rel.as_bytes());
    hasher.update((buffer.len() as u64).to_le_bytes());
    hasher.update(&buffer);
    let digest: [u8; 32] = hasher.finalize().into();
    let name = if content.has_own(rel) {
        content.display_path(rel)
    } else {
        Content::Builtin.display_path(rel)
    };
    Ok(Some((digest, SourceFile::from_bytes(&name, buffer))))
}

/// The questions of one file and every problem with them.
fn questions_in(
    rel: &str,
    file: &SourceFile,
    vocabulary: &Vocabulary<'_>,
) -> (Vec<Question>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut out = Vec::new();
    let stem = rel
        .rsplit('/')
        .next()
        .and_then(|n| n.split('.').next())
        .unwrap_or_default()
        .to_string();
    let known_topic = vocabulary.topics.contains(&stem.as_str());
    if !known_topic {
        diagnostics.push(
            Diagnostic::error(
                Origin::file(&file.name),
                format!("`{stem}` is not a topic in {TOPICS_FILE}"),
            )
            .with_help(
                crate::suggestion::help(&stem, vocabulary.topics.iter().copied())
                    .or_else(|| Some(format!("add `{stem}` to {TOPICS_FILE}"))),
            ),
        );
    }
    let raw = match RawQuestion::read_all(file) {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return (out, diagnostics);
        }
    };
    for item in raw {
        let Some(q) = item
            .value
            .check(item.at, file, vocabulary, &mut diagnostics)
        else {
            continue;
        };
        if q.topic != stem && known_topic {
            diagnostics.push(
                Diagnostic::error(
                    q.origin.clone(),
                    format!("`{}` has topic `{}` but is in {rel}", q.id, q.topic),
                )
                .with_help(Some(format!(
                    "move it to questions/{}.yaml or change its topic",
                    q.topic
                )))
                .with_source(&file.text),
            );
            continue;
        }
        out.push(q);
    }
    (out, diagnostics)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
