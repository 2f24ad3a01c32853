//! One pass over a bank's files: read and hash each, parse the settings and
//! question files (the question files in parallel), check every question and
//! the bank as a whole, and collect every diagnostic on the way.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde_saphyr::Spanned;
use sha2::{Digest, Sha256};

use super::content::Content;
use super::level::{LevelInfo, Levels};
use super::loops::Loops;
use super::question::Question;
use super::raw::{RawQuestion, Vocabulary};
use super::role::Role;
use super::rubric::Rubric;
use super::similarity::{self, Fingerprint};
use super::source::SourceFile;
use super::topic::Topic;
use super::{
    Bank, EXCLUSIONS_FILE, Exclusion, LEVELS_FILE, LOOPS_FILE, ROLES_FILE, RUBRIC_FILE,
    TOPICS_FILE, settings,
};
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;

/// One pass over a bank's files.
pub(super) struct Loader<'a> {
    content: &'a Content,
    /// Run the checks that can only warn (near-duplicate prompts).
    lint: bool,
    hasher: Sha256,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Loader<'a> {
    pub(super) fn new(content: &'a Content, lint: bool) -> Self {
        Loader {
            content,
            lint,
            hasher: Sha256::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Read a file into a source, hashing it; `None` if it is missing or unreadable text.
    fn source(&mut self, rel: &str) -> Result<Option<SourceFile>, Error> {
        let Some((digest, file)) = read_source(self.content, rel)? else {
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

    pub(super) fn run(mut self) -> Result<(Bank, Vec<Diagnostic>), Error> {
        let topics = self.settings::<Vec<Spanned<Topic>>>(TOPICS_FILE, true)?;
        let roles = self.settings::<Vec<Spanned<Role>>>(ROLES_FILE, true)?;
        let levels = self.settings::<Vec<Spanned<LevelInfo>>>(LEVELS_FILE, true)?;
        let rubric = self.settings::<Spanned<Rubric>>(RUBRIC_FILE, true)?;
        // Read for its diagnostics only: nothing downstream uses the exclusions.
        self.settings::<Option<Vec<Exclusion>>>(EXCLUSIONS_FILE, false)?;
        let loops = self.settings::<Spanned<Loops>>(LOOPS_FILE, true)?;
        let (Some(topics), Some(roles), Some(levels), Some(rubric)) =
            (topics, roles, levels, rubric)
        else {
            // Without the settings the questions cannot be checked meaningfully.
            return Ok((self.empty_bank(), self.diagnostics));
        };
        settings::topics(&mut self.diagnostics, &topics.0, &topics.1);
        settings::levels(&mut self.diagnostics, &levels.0, &levels.1);
        settings::rubric(&mut self.diagnostics, &rubric.0, &rubric.1);
        let topics: Vec<Topic> = topics.0.into_iter().map(|s| s.value).collect();
        settings::roles(&mut self.diagnostics, &roles.0, &roles.1, &topics);
        if let Some((loops, file)) = &loops {
            super::loops::check(
                &mut self.diagnostics,
                loops,
                file,
                &topics,
                &roles.0.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
            );
        }
        let roles: Vec<Role> = roles.0.into_iter().map(|s| s.value).collect();

        let vocabulary = Vocabulary {
            topics: topics.iter().map(|t| t.id.as_str()).collect(),
            roles: roles.iter().map(|r| r.id.as_str()).collect(),
        };
        // Parsing is most of the time a large bank takes to load, so files
        // are read, hashed and parsed in parallel; the digest combines their
        // hashes in file order.
        let names = self.content.question_files()?;
        let content = self.content;
        let parsed: Vec<Result<_, Error>> = names
            .par_iter()
            .map(|rel| {
                let read = read_source(content, rel)?;
                Ok(read.map(|(digest, file)| match file {
                    Ok(file) => (digest, questions_in(rel, &file, &vocabulary)),
                    Err(d) => (digest, (Vec::new(), vec![d])),
                }))
            })
            .collect();
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
            loops: loops.map(|l| l.0.value).unwrap_or_default(),
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
        let fingerprints: Vec<Fingerprint> = questions
            .par_iter()
            .map(|q| Fingerprint::of(&q.prompt))
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
}

/// A bank file as read: the SHA-256 of its name and bytes, and its text (or
/// why it is not usable text).
type Read = ([u8; 32], Result<SourceFile, Diagnostic>);

/// Read a bank file into `buffer`; `None` if the bank has no such file.
fn read_source(content: &Content, rel: &str) -> Result<Option<Read>, Error> {
    let name = if content.has_own(rel) {
        content.display_path(rel)
    } else {
        Content::Builtin.display_path(rel)
    };
    let buffer = match content.read(rel) {
        Ok(Some(buffer)) => buffer,
        Ok(None) => return Ok(None),
        // Too large is a problem of the bank's, reported with the others.
        Err(Error::TooLarge { limit, .. }) => {
            let d = Diagnostic::error(
                Origin::file(&Arc::from(name.as_str())),
                format!("the file is larger than the limit of {} MB", limit >> 20),
            )
            .with_help(Some("split the questions over several topic files".into()));
            return Ok(Some(([0; 32], Err(d))));
        }
        Err(e) => return Err(e),
    };
    let mut hasher = Sha256::new();
    hasher.update((rel.len() as u64).to_le_bytes());
    hasher.update(rel.as_bytes());
    hasher.update((buffer.len() as u64).to_le_bytes());
    hasher.update(&buffer);
    let digest: [u8; 32] = hasher.finalize().into();
    Ok(Some((
        digest,
        SourceFile::from_bytes(&name, buffer.into_owned()),
    )))
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
                super::suggestion::help(&stem, vocabulary.topics.iter().copied())
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
