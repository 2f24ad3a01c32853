//! A loop: the rounds of one hiring day, planned together so that no
//! question is asked twice and no two rounds ask questions that make the
//! same point. Each round is an ordinary plan, written beside a loop file
//! that lists the rounds.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use crate::bank::level::Level;
use crate::bank::loops::RoundSpec;
use crate::bank::source::{Position, SourceFile};
use crate::error::Error;
use crate::plan::Plan;
use crate::plan::planner::{Drawn, PlanRequest, Planner};
use crate::plan::rng::SplitMix64;

/// The name of the loop file in a loop's folder.
pub const LOOP_FILE: &str = "loop.yaml";

/// One round in a loop file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// The round kind's id (`coding`).
    pub name: String,
    /// Its heading (`Coding`).
    pub title: String,
    /// Its length.
    pub minutes: u32,
    /// Its plan file, relative to the loop file.
    pub plan: String,
}

/// A loop file: what `runbook loop` writes and `runbook render` reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoopFile {
    /// Heading for documents.
    pub title: String,
    /// Role id.
    pub role: String,
    /// Level.
    pub level: Level,
    /// The loop's seed; each round's seed derives from it.
    pub seed: u64,
    /// Digest of the bank it was drawn from.
    pub bank: String,
    /// The command line that reproduces it.
    pub command: String,
    /// The rounds, in order.
    pub rounds: Vec<Round>,
}

/// A planned loop: the loop file and each round's plan.
#[derive(Debug, Clone)]
pub struct PlannedLoop {
    /// The loop file.
    pub file: LoopFile,
    /// Each round's plan, in round order, with its file name.
    pub rounds: Vec<(String, Drawn)>,
    /// What the bank could not give the loop as a whole.
    pub warnings: Vec<String>,
}

/// The seed of round `index` of a loop with seed `seed`: a short number
/// (below 2^24), so a round's plan reads and re-plans like any other.
fn round_seed(seed: u64, index: usize) -> u64 {
    let mut rng = SplitMix64::new(seed);
    (0..=index)
        .map(|_| rng.next_u64() >> 40)
        .last()
        .unwrap_or(seed)
}

/// Plan the rounds `specs` for `base` (role, level, seed and what to avoid).
pub fn plan(
    bank: &Bank,
    base: &PlanRequest,
    specs: &[RoundSpec<'_>],
    command: &str,
) -> Result<PlannedLoop, Error> {
    let role = bank.resolve_role(&base.role)?;
    let level_title = bank.levels().title(base.level);
    let title = format!("{level_title} {} loop", role.title);
    let mut avoid = base.avoid.clone();
    let mut rounds = Vec::new();
    let mut entries = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let mut request = base.clone();
        request.minutes = spec.minutes;
        request.seed = round_seed(base.seed, i);
        request.topics = spec.kind.topics.clone();
        request.kinds = spec.kind.kinds.clone();
        request.avoid = avoid.clone();
        request.include.clear();
        let mut drawn = Planner::new(bank).draw(&request).map_err(|e| match e {
            Error::Plan(why) => {
                Error::Plan(format!("round {} ({}): {why}", i + 1, spec.kind.title))
            }
            other => other,
        })?;
        for warning in &mut drawn.warnings {
            *warning = format!("round {} ({}): {warning}", i + 1, spec.kind.title);
        }
        drawn.plan.title = format!(
            "{title}, round {} of {}: {}",
            i + 1,
            specs.len(),
            spec.kind.title
        );
        drawn.plan.command = format!("{command} (round {})", i + 1);
        avoid.extend(drawn.plan.items().map(|item| item.id.value.clone()));
        let file_name = format!("round-{}-{}.yaml", i + 1, spec.kind.id);
        entries.push(Round {
            name: spec.kind.id.clone(),
            title: spec.kind.title.clone(),
            minutes: spec.minutes,
            plan: file_name.clone(),
        });
        rounds.push((file_name, drawn));
    }
    let warnings = coverage_warnings(bank, base, &rounds);
    Ok(PlannedLoop {
        file: LoopFile {
            title,
            role: role.id.clone(),
            level: base.level,
            seed: base.seed,
            bank: bank.digest().to_string(),
            command: command.to_string(),
            rounds: entries,
        },
        rounds,
        warnings,
    })
}

/// At mid level and above a loop asks at least one of the role's focus topics.
fn coverage_warnings(bank: &Bank, base: &PlanRequest, rounds: &[(String, Drawn)]) -> Vec<String> {
    let Some(role) = bank.role(&base.role) else {
        return Vec::new();
    };
    let focus = role.focus_at(base.level);
    let asked = rounds
        .iter()
        .flat_map(|(_, d)| d.plan.items())
        .filter_map(|i| bank.question(&i.id.value))
        .any(|q| focus.contains(&q.topic.as_str()));
    if base.level >= Level::Mid && !focus.is_empty() && !asked {
        let names: Vec<&str> = focus.iter().map(|t| bank.topic_title(t)).collect();
        vec![format!(
            "no round asks the role's focus ({}); add a round without a kind focus, such as `general:45`",
            names.join(", ")
        )]
    } else {
        Vec::new()
    }
}

impl LoopFile {
    /// The loop file as YAML.
    pub fn to_yaml(&self) -> Result<String, Error> {
        serde_saphyr::to_string(self).map_err(|e| Error::Render(format!("loop to YAML: {e}")))
    }

    /// Read a loop file and the plans of its rounds (relative to it).
    pub fn load(path: &Path) -> Result<(LoopFile, Vec<(Plan, SourceFile)>), Error> {
        let bytes = crate::input::read_limited(path, crate::input::MAX_FILE_BYTES, "reading loop")?;
        let file = SourceFile::from_bytes(&path.display().to_string(), bytes)?;
        let looped: LoopFile = file.parse()?;
        if looped.rounds.is_empty() {
            return Err(Error::Resolve(vec![
                file.error(Position::new(1, 1), "the loop has no rounds"),
            ]));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut plans = Vec::new();
        for round in &looped.rounds {
            let rel = Path::new(&round.plan);
            if rel.is_absolute()
                || rel
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
            {
                return Err(Error::Resolve(vec![file.error(
                    Position::new(1, 1),
                    format!(
                        "round `{}`'s plan `{}` must be a file beside the loop file",
                        round.name, round.plan
                    ),
                )]));
            }
            plans.push(Plan::load(&dir.join(rel))?);
        }
        Ok((looped, plans))
    }

    /// True if `text` (a YAML document) looks like a loop file rather than a plan.
    pub fn is_loop(text: &[u8]) -> bool {
        text.split(|&b| b == b'\n')
            .any(|line| line.starts_with(b"rounds:"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_seeds_differ_and_repeat() {
        let a: Vec<u64> = (0..4).map(|i| round_seed(7, i)).collect();
        let b: Vec<u64> = (0..4).map(|i| round_seed(7, i)).collect();
        assert_eq!(a, b);
        let unique: std::collections::BTreeSet<_> = a.iter().collect();
        assert_eq!(unique.len(), 4);
    }
}
