//! Interview loops from `loops.yaml`: the kinds of round a hiring day has,
//! and which rounds each role and level gets by default.

use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::bank::level::Level;
use crate::bank::question::Kind;
use crate::bank::role::Role;
use crate::bank::source::SourceFile;
use crate::bank::suggestion;
use crate::bank::topic::Topic;
use crate::diagnostic::Diagnostic;

/// The shortest and longest round `runbook loop` plans.
pub const ROUND_MINUTES: std::ops::RangeInclusive<u32> = 10..=240;
/// The most rounds a loop may have.
pub const MAX_ROUNDS: usize = 12;

/// One kind of round: what it probes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundKind {
    /// Kebab-case id used in `rounds:` and `--rounds`.
    pub id: String,
    /// Heading in documents.
    pub title: String,
    /// Other names accepted in `--rounds` (e.g. `behavioral`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Only questions on these topics; empty means the role's weighted topics.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Only questions of these kinds; empty means every kind.
    #[serde(default)]
    pub kinds: Vec<Kind>,
}

/// The default loop for some roles and levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoopDefault {
    /// Role ids, or `all`.
    #[serde(default = "all")]
    pub roles: Vec<String>,
    /// The levels it is for.
    pub levels: Vec<Level>,
    /// Its rounds, each `round-id:minutes`.
    pub rounds: Vec<String>,
}

fn all() -> Vec<String> {
    vec![crate::bank::question::ALL_ROLES.to_string()]
}

/// The whole of `loops.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loops {
    /// The kinds of round.
    pub rounds: Vec<RoundKind>,
    /// Default loops, first match wins.
    pub loops: Vec<LoopDefault>,
}

/// One round of a loop: its kind and length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSpec<'l> {
    /// What it probes.
    pub kind: &'l RoundKind,
    /// Its length.
    pub minutes: u32,
}

impl Loops {
    /// The round kind called `name` (id or alias, any case).
    pub fn round(&self, name: &str) -> Option<&RoundKind> {
        let name = name.trim().to_lowercase();
        self.rounds
            .iter()
            .find(|r| r.id == name || r.aliases.iter().any(|a| a.to_lowercase() == name))
    }

    /// Parse `id:minutes,id:minutes,...` into rounds, or say what is wrong.
    pub fn parse(&self, spec: &str) -> Result<Vec<RoundSpec<'_>>, String> {
        let parts: Vec<&str> = spec
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return Err("no rounds given; write them as `coding:60,system-design:60`".into());
        }
        if parts.len() > MAX_ROUNDS {
            return Err(format!(
                "{} rounds; a loop has at most {MAX_ROUNDS}",
                parts.len()
            ));
        }
        parts.iter().map(|p| self.parse_one(p)).collect()
    }

    fn parse_one(&self, part: &str) -> Result<RoundSpec<'_>, String> {
        let (name, minutes) = part
            .split_once(':')
            .ok_or_else(|| format!("`{part}` has no minutes; write it as `{part}:60`"))?;
        let kind = self.round(name).ok_or_else(|| {
            let ids: Vec<&str> = self.rounds.iter().map(|r| r.id.as_str()).collect();
            let hint = suggestion::help(name, ids.iter().copied())
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            format!("unknown round `{name}`{hint}; rounds: {}", ids.join(", "))
        })?;
        let minutes: u32 = minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| ROUND_MINUTES.contains(m))
            .ok_or_else(|| {
                format!(
                    "`{part}`: minutes must be a whole number from {} to {}",
                    ROUND_MINUTES.start(),
                    ROUND_MINUTES.end()
                )
            })?;
        Ok(RoundSpec { kind, minutes })
    }

    /// The default loop for `role` at `level`, if `loops.yaml` has one.
    pub fn default_for(&self, role: &str, level: Level) -> Option<&LoopDefault> {
        self.loops.iter().find(|l| {
            l.levels.contains(&level)
                && l.roles
                    .iter()
                    .any(|r| r == role || r == crate::bank::question::ALL_ROLES)
        })
    }
}

/// Check `loops.yaml` against the bank's topics and roles.
pub(super) fn check(
    diagnostics: &mut Vec<Diagnostic>,
    loops: &Spanned<Loops>,
    file: &SourceFile,
    topics: &[Topic],
    roles: &[Role],
) {
    let at = loops.referenced;
    let mut error = |message: String| diagnostics.push(file.error(at, message));
    let l = &loops.value;
    let mut seen = std::collections::BTreeSet::new();
    for r in &l.rounds {
        if !crate::bank::question::is_kebab_case(&r.id) {
            error(format!("round id `{}` must be kebab-case", r.id));
        }
        for name in std::iter::once(&r.id).chain(&r.aliases) {
            if !seen.insert(name.to_lowercase()) {
                error(format!("round name `{name}` is used twice"));
            }
        }
        for t in &r.topics {
            if !topics.iter().any(|x| x.id == *t) {
                error(format!("round `{}` names unknown topic `{t}`", r.id));
            }
        }
    }
    for (n, d) in l.loops.iter().enumerate() {
        for role in &d.roles {
            if role != crate::bank::question::ALL_ROLES && !roles.iter().any(|r| r.id == *role) {
                error(format!("loop {} is for unknown role `{role}`", n + 1));
            }
        }
        if d.levels.is_empty() {
            error(format!("loop {} is for no level", n + 1));
        }
        if let Err(why) = l.parse(&d.rounds.join(",")) {
            error(format!("loop {}: {why}", n + 1));
        }
    }
    for role in roles {
        for level in Level::ALL {
            if l.default_for(&role.id, level).is_none() {
                error(format!(
                    "no loop for a {level} {}; add one or list the level in a loop for `all`",
                    role.id
                ));
            }
        }
    }
}
