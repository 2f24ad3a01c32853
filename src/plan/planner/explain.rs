//! Why the planner chose each question, for `runbook plan --explain`.

use std::fmt::Write as _;

use crate::bank::Bank;
use crate::plan::SectionKind;

/// Which rule put a question in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `--include` asked for it.
    Included,
    /// A short opener.
    WarmUp,
    /// The design or scenario question for senior and staff.
    DeepDive,
    /// The role's focus topics must appear at mid level and above.
    Focus,
    /// Its topic's share of the time, by weight.
    Share,
    /// Time was left after every topic had its share.
    Fill,
}

impl Why {
    fn text(self) -> &'static str {
        match self {
            Why::Included => "asked for with --include",
            Why::WarmUp => "a short opener for the warm-up",
            Why::DeepDive => "the design or scenario question for the deep dive",
            Why::Focus => "the role's focus topics are always asked at this level",
            Why::Share => "drawn for its topic's share of the time",
            Why::Fill => "fills time left once every topic had its share",
        }
    }
}

/// What happened to the other questions of the chosen question's topic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Passed {
    /// Already in the plan, or asked before (`--avoid`).
    pub taken: usize,
    /// Make a point a chosen or avoided question makes.
    pub same_point: usize,
    /// Longer than the time this pick had.
    pub too_long: usize,
    /// Not the kind this pick wanted (a second coding exercise, say).
    pub wrong_kind: usize,
    /// Suitable, but drawn after the chosen one.
    pub not_drawn: usize,
}

/// Why one question is in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The question.
    pub id: String,
    /// The section it went to.
    pub section: SectionKind,
    /// The rule that chose it.
    pub why: Why,
    /// The topic's weight for the role at this level (0 if unweighted).
    pub weight: u32,
    /// The alternatives in its topic and why they lost.
    pub passed: Passed,
}

/// The explanation of a plan, one paragraph per question in plan order.
pub fn text(
    bank: &Bank,
    plan: &crate::plan::Plan,
    reasons: &[Reason],
    total_weight: u32,
) -> String {
    let mut out = format!(
        "Why each question of \"{}\" (seed {}): topic weights are the role's at this level, {total_weight} in all.\n",
        plan.title, plan.seed
    );
    for (n, item) in plan.items().enumerate() {
        let Some(q) = bank.question(&item.id.value) else {
            continue;
        };
        let Some(r) = reasons.iter().find(|r| r.id == q.id) else {
            continue;
        };
        let share = if total_weight > 0 {
            format!(
                "weight {} of {total_weight} ({:.0}%)",
                r.weight,
                100.0 * f64::from(r.weight) / f64::from(total_weight)
            )
        } else {
            "unweighted".into()
        };
        let _ = write!(
            out,
            "{:>2}. {} ({}, {} min, {}): {}; {}; {} level.",
            n + 1,
            q.id,
            r.section.title().to_lowercase(),
            item.minutes,
            q.kind,
            bank.topic_title(&q.topic),
            share,
            plan.level
        );
        let _ = write!(out, " Chosen: {}.", r.why.text());
        let p = r.passed;
        let parts: Vec<String> = [
            (p.taken, "already in the plan or asked before"),
            (p.same_point, "make a point already made"),
            (p.too_long, "too long for the time this pick had"),
            (p.wrong_kind, "of a kind this pick did not want"),
            (p.not_drawn, "suitable but drawn later"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if !parts.is_empty() {
            let _ = write!(out, " Other {} questions: {}.", q.topic, parts.join(", "));
        }
        let untagged = bank
            .questions()
            .iter()
            .filter(|o| {
                o.topic == q.topic && o.suits_role(&plan.role) && !o.suits_level(plan.level)
            })
            .count();
        if untagged > 0 {
            let _ = write!(out, " {untagged} more are not tagged for {}.", plan.level);
        }
        out.push('\n');
    }
    out
}
