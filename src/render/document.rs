//! What renderers draw: numbered questions in sections, made either from a
//! plan (an interview) or from a filtered bank (a study set), with everything
//! templates need already worked out (clock times, topic titles, rubric
//! labels, per-topic counts).

use std::collections::BTreeMap;

use crate::bank::Bank;
use crate::bank::level::Level;
use crate::bank::question::Question;
use crate::bank::role::Role;
use crate::bank::source::SourceFile;
use crate::diagnostic::{Diagnostic, Origin};
use crate::error::Error;
use crate::plan::{Plan, SectionKind};
use crate::timestamp::Timestamp;

/// Whether a document is an interview or a study set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A time-boxed interview from a plan.
    Interview,
    /// A whole filtered bank, for study.
    Study,
}

/// One question in a document, with its position.
#[derive(Debug, Clone)]
pub struct Entry<'b> {
    /// 1-based position.
    pub number: usize,
    /// Questions in the document.
    pub total: usize,
    /// Minute it starts at, for interviews.
    pub start: Option<u32>,
    /// Minutes it is given.
    pub minutes: u32,
    /// The question.
    pub question: &'b Question,
}

/// A section of a document.
#[derive(Debug, Clone)]
pub struct Part<'b> {
    /// The plan section it comes from, for interviews.
    pub kind: Option<SectionKind>,
    /// Heading.
    pub title: String,
    /// Minute it starts at, for interviews.
    pub start: Option<u32>,
    /// Minutes it lasts.
    pub minutes: u32,
    /// Its questions.
    pub entries: Vec<Entry<'b>>,
}

/// Everything a renderer needs.
#[derive(Debug, Clone)]
pub struct Document<'b> {
    /// Interview or study set.
    pub kind: DocumentKind,
    /// E.g. "Senior Backend engineer interview".
    pub title: String,
    /// The bank the questions come from.
    pub bank: &'b Bank,
    /// The role, if the document is for one.
    pub role: Option<&'b Role>,
    /// The level, if the document is for one.
    pub level: Option<Level>,
    /// The plan, for interviews.
    pub plan: Option<&'b Plan>,
    /// The sections.
    pub parts: Vec<Part<'b>>,
    /// When, for dates and metadata.
    pub timestamp: Timestamp,
}

impl<'b> Document<'b> {
    /// Resolve a plan against the bank. Unknown ids are an error naming each
    /// one; a plan from another version of the bank comes with a warning.
    pub fn interview(
        plan: &'b Plan,
        bank: &'b Bank,
        file: Option<&SourceFile>,
        timestamp: Timestamp,
    ) -> Result<(Self, Option<Diagnostic>), Error> {
        let plan_name: std::sync::Arc<str> =
            file.map_or_else(|| "the plan".into(), |f| f.name.clone());
        let mut problems: Vec<Diagnostic> = plan
            .items()
            .filter(|item| bank.question(&item.id.value).is_none())
            .map(|item| {
                let help = crate::bank::suggestion::help(
                    &item.id.value,
                    bank.questions().iter().map(|q| q.id.as_str()),
                );
                let message = format!("no question `{}` in {}", item.id.value, bank.origin());
                match file {
                    Some(f) => f.error(item.id.referenced, message),
                    None => Diagnostic::error(Origin::file(&plan_name), message),
                }
                .with_help(help)
            })
            .collect();
        let role = bank.role(&plan.role);
        if role.is_none() {
            problems.push(Diagnostic::error(
                Origin::file(&plan_name),
                format!(
                    "the plan is for role `{}`, which {} does not define",
                    plan.role,
                    bank.origin()
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(Error::Resolve(problems));
        }
        let total = plan.items().count();
        let mut number = 0;
        let parts = plan
            .sections
            .iter()
            .map(|section| Part {
                kind: Some(section.kind),
                title: section.kind.title().to_string(),
                start: Some(section.start),
                minutes: section.minutes,
                entries: section
                    .items
                    .iter()
                    .map(|item| {
                        number += 1;
                        Entry {
                            number,
                            total,
                            start: Some(item.start),
                            minutes: item.minutes,
                            question: bank.question(&item.id.value).expect("checked above"),
                        }
                    })
                    .collect(),
            })
            .collect();
        let warning = (plan.bank != bank.digest()).then(|| {
            Diagnostic::warning(
                Origin::file(&plan_name),
                format!(
                    "this plan was made from bank {} but {} is now {}; questions may have changed since",
                    plan.bank, bank.origin(), bank.digest()
                ),
            )
        });
        let doc = Document {
            kind: DocumentKind::Interview,
            title: plan.title.clone(),
            bank,
            role,
            level: Some(plan.level),
            plan: Some(plan),
            parts,
            timestamp,
        };
        Ok((doc, warning))
    }

    /// A study set: `questions` grouped by topic in the bank's topic order.
    pub fn study(
        bank: &'b Bank,
        questions: &[&'b Question],
        role: Option<&'b Role>,
        level: Option<Level>,
        timestamp: Timestamp,
    ) -> Self {
        let total = questions.len();
        let mut by_topic: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
        for q in questions {
            by_topic.entry(q.topic.as_str()).or_default().push(q);
        }
        let mut number = 0;
        let parts = bank
            .topics()
            .iter()
            .filter_map(|t| by_topic.get(t.id.as_str()).map(|qs| (t, qs)))
            .map(|(topic, qs)| Part {
                kind: None,
                title: topic.title.clone(),
                start: None,
                minutes: qs.iter().map(|q| q.minutes).sum(),
                entries: qs
                    .iter()
                    .map(|q| {
                        number += 1;
                        Entry {
                            number,
                            total,
                            start: None,
                            minutes: q.minutes,
                            question: q,
                        }
                    })
                    .collect(),
            })
            .collect();
        let who = match (level, role) {
            (Some(l), Some(r)) => format!(": {} {}", bank.levels().title(l), r.title),
            (Some(l), None) => format!(": {}", bank.levels().title(l)),
            (None, Some(r)) => format!(": {}", r.title),
            (None, None) => String::new(),
        };
        Document {
            kind: DocumentKind::Study,
            title: format!("Python interview study guide{who}"),
            bank,
            role,
            level,
            plan: None,
            parts,
            timestamp,
        }
    }

    /// Every entry, in order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry<'b>> {
        self.parts.iter().flat_map(|p| p.entries.iter())
    }

    /// The level a question is filed under: the document's, else the
    /// question's lowest.
    pub fn level_of(&self, q: &Question) -> Level {
        self.level
            .or_else(|| q.levels.iter().min().copied())
            .unwrap_or(Level::Entry)
    }

    /// A short name for output files, e.g. `senior-backend`.
    pub fn file_stem(&self) -> String {
        let level = self.level.map_or("all-levels", Level::id);
        let role = self.role.map_or("all-roles", |r| r.id.as_str());
        match self.kind {
            // A plan with another seed than the default is another plan.
            DocumentKind::Interview => match self.plan.map(|p| p.seed) {
                Some(seed) if seed != crate::plan::planner::DEFAULT_SEED => {
                    format!("{level}-{role}-seed-{seed}")
                }
                _ => format!("{level}-{role}"),
            },
            DocumentKind::Study => format!("{level}-{role}-study"),
        }
    }
}

/// Minutes as a clock, `00:14`.
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Text on one line, cut to `max` characters with an ellipsis.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
