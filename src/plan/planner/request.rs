//! What a plan is asked for, and how its minutes are divided.

use std::collections::BTreeSet;

use crate::bank::level::Level;
use crate::bank::question::Kind;

/// The seed used when none is given, so two interviewers get the same plan.
pub const DEFAULT_SEED: u64 = 1;
/// The default interview length.
pub const DEFAULT_MINUTES: u32 = 60;
/// The shortest interview we plan.
pub const MIN_MINUTES: u32 = 10;

/// What the user asked for, already validated against the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    /// Role id.
    pub role: String,
    /// Level.
    pub level: Level,
    /// Total minutes, including introductions and the candidate's questions.
    pub minutes: u32,
    /// Seed for the random choices.
    pub seed: u64,
    /// Only these topics, if any are given.
    pub topics: Vec<String>,
    /// Only these kinds of question, if any are given (a loop round's focus).
    pub kinds: Vec<Kind>,
    /// Questions that must be in the plan.
    pub include: Vec<String>,
    /// Questions that must not be in the plan.
    pub exclude: BTreeSet<String>,
    /// Questions asked before (an earlier plan or round): neither they nor a
    /// question making the same point is asked again.
    pub avoid: BTreeSet<String>,
    /// The files `avoid` came from, for the command line that reproduces the plan.
    pub avoid_files: Vec<String>,
}

impl PlanRequest {
    /// A request with defaults for everything but role and level.
    pub fn new(role: &str, level: Level) -> Self {
        PlanRequest {
            role: role.to_string(),
            level,
            minutes: DEFAULT_MINUTES,
            seed: DEFAULT_SEED,
            topics: Vec::new(),
            kinds: Vec::new(),
            include: Vec::new(),
            exclude: BTreeSet::new(),
            avoid: BTreeSet::new(),
            avoid_files: Vec::new(),
        }
    }

    /// The `runbook plan` command line that reproduces this request.
    pub fn command(&self) -> String {
        let mut cmd = format!(
            "runbook plan --role {} --level {} --minutes {} --seed {}",
            self.role, self.level, self.minutes, self.seed
        );
        for t in &self.topics {
            cmd.push_str(&format!(" --topic {t}"));
        }
        for id in &self.include {
            cmd.push_str(&format!(" --include {id}"));
        }
        for id in &self.exclude {
            cmd.push_str(&format!(" --exclude {id}"));
        }
        for file in &self.avoid_files {
            cmd.push_str(&format!(" --avoid {file}"));
        }
        cmd
    }

    /// True if a question of `kind` may be asked.
    pub fn allows(&self, kind: Kind) -> bool {
        self.kinds.is_empty() || self.kinds.contains(&kind)
    }
}

/// How a budget is divided before any question is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Introductions at the start.
    pub introductions: u32,
    /// The candidate's questions at the end.
    pub closing: u32,
    /// What is left for questions.
    pub questions: u32,
}

impl Budget {
    /// Split `minutes`: about a twelfth for introductions (2–5 minutes) and a
    /// sixth for the candidate's questions (3–10 minutes).
    pub fn split(minutes: u32) -> Self {
        let introductions = (minutes / 12).clamp(2, 5);
        let closing = (minutes / 6).clamp(3, 10);
        Budget {
            introductions,
            closing,
            questions: minutes.saturating_sub(introductions + closing),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_split_reserves_time() {
        for (minutes, want) in [
            (60, (5, 10, 45)),
            (45, (3, 7, 35)),
            (30, (2, 5, 23)),
            (90, (5, 10, 75)),
            (10, (2, 3, 5)),
        ] {
            let b = Budget::split(minutes);
            assert_eq!((b.introductions, b.closing, b.questions), want, "{minutes}");
        }
    }
}
