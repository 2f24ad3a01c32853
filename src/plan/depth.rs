//! How deep a bank is for each role and level: how many disjoint 60-minute
//! plans it supports, and how much of their time the role's own topics get.
//! `runbook check --depth` prints it; `runbook check` notes the thin pairs.

use std::collections::BTreeSet;

use crate::bank::Bank;
use crate::bank::level::Level;
use crate::plan::planner::{MIN_FILL, PlanRequest, Planner};

/// The most plans counted for one role and level.
pub const MAX_PLANS: usize = 30;
/// Seeds tried for each plan before the bank is called exhausted.
const TRIES: usize = 3;
/// The depth below which a role and level is called thin.
pub const THIN: usize = 10;

/// The depth of one role at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct Depth {
    /// Role id.
    pub role: String,
    /// Level.
    pub level: Level,
    /// Disjoint 60-minute plans that fill 90% of their question time and,
    /// at mid level and above, ask the role's focus, each the first full one of
    /// [`TRIES`] seeds (at most [`MAX_PLANS`]).
    pub plans: usize,
    /// The share of those plans' question minutes on the role's heaviest
    /// topics (those holding half its weight).
    pub role_share: f64,
    /// The heaviest topics.
    pub heavy: Vec<String>,
}

/// The depth of every role at every level.
pub fn report(bank: &Bank) -> Vec<Depth> {
    let mut out = Vec::new();
    for role in bank.roles() {
        for level in Level::ALL {
            out.push(depth(bank, &role.id, level));
        }
    }
    out
}

/// Chain plans, each avoiding every earlier one, until one falls short.
fn depth(bank: &Bank, role: &str, level: Level) -> Depth {
    let heavy = heaviest(bank, role, level);
    let focus: Vec<String> = bank
        .role(role)
        .map(|r| r.focus_at(level).into_iter().map(str::to_string).collect())
        .unwrap_or_default();
    let mut avoid = BTreeSet::new();
    let (mut plans, mut minutes, mut on_heavy) = (0, 0u32, 0u32);
    while plans < MAX_PLANS {
        // The bank supports another plan if any of a few seeds finds a full one.
        let full = (0..TRIES).find_map(|t| {
            let mut request = PlanRequest::new(role, level);
            request.seed = (plans * TRIES + t) as u64 + 1;
            request.avoid = avoid.clone();
            let drawn = Planner::new(bank).draw(&request).ok()?;
            let questions: Vec<_> = drawn
                .plan
                .items()
                .filter_map(|i| bank.question(&i.id.value).map(|q| (i.minutes, q)))
                .collect();
            let used: u32 = questions.iter().map(|(m, _)| m).sum();
            let budget = crate::plan::planner::Budget::split(request.minutes).questions;
            let asks_focus = questions.iter().any(|(_, q)| focus.contains(&q.topic));
            let short = f64::from(used) < MIN_FILL * f64::from(budget)
                || (level >= Level::Mid && !focus.is_empty() && !asks_focus);
            (!short).then_some((used, questions))
        });
        let Some((used, questions)) = full else {
            break;
        };
        plans += 1;
        minutes += used;
        on_heavy += questions
            .iter()
            .filter(|(_, q)| heavy.contains(&q.topic))
            .map(|(m, _)| m)
            .sum::<u32>();
        avoid.extend(questions.iter().map(|(_, q)| q.id.clone()));
    }
    Depth {
        role: role.to_string(),
        level,
        plans,
        role_share: if minutes == 0 {
            0.0
        } else {
            f64::from(on_heavy) / f64::from(minutes)
        },
        heavy,
    }
}

/// For each role and level, the weighted topics that have no question for
/// it: a cheap sign of thinness that `check` reports without planning.
pub fn empty_topics(bank: &Bank) -> Vec<(String, Level, Vec<String>)> {
    let mut out = Vec::new();
    for role in bank.roles() {
        for level in Level::ALL {
            let empty: Vec<String> =
                role.weights_at(level)
                    .into_keys()
                    .filter(|t| {
                        !bank.questions().iter().any(|q| {
                            q.topic == *t && q.suits_level(level) && q.suits_role(&role.id)
                        })
                    })
                    .map(str::to_string)
                    .collect();
            if !empty.is_empty() {
                out.push((role.id.clone(), level, empty));
            }
        }
    }
    out
}

/// The heaviest topics of `role` at `level` that together hold at least
/// half of its weight.
pub fn heaviest(bank: &Bank, role: &str, level: Level) -> Vec<String> {
    let Some(role) = bank.role(role) else {
        return Vec::new();
    };
    let mut weights: Vec<(&str, u32)> = role.weights_at(level).into_iter().collect();
    weights.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let total: u32 = weights.iter().map(|(_, w)| w).sum();
    let mut acc = 0;
    let mut out = Vec::new();
    for (topic, w) in weights {
        if 2 * acc >= total {
            break;
        }
        acc += w;
        out.push(topic.to_string());
    }
    out
}

/// The report as a table.
pub fn table(bank: &Bank, rows: &[Depth]) -> String {
    let mut out = format!(
        "Disjoint 60-minute plans each role and level supports (at most {MAX_PLANS}), and the share of their\n\
         question minutes on the role's heaviest topics (those holding half its weight):\n\n{:<12} {:<7} {:>5} {:>11}\n",
        "role", "level", "plans", "role share"
    );
    for d in rows {
        let flag = if d.plans < THIN { "  thin" } else { "" };
        out.push_str(&format!(
            "{:<12} {:<7} {:>5} {:>10.0}%{flag}\n",
            d.role,
            d.level.id(),
            d.plans,
            100.0 * d.role_share
        ));
    }
    let empty = empty_topics(bank);
    if !empty.is_empty() {
        out.push_str("\nWeighted topics with no question for the role and level:\n");
        for (role, level, topics) in &empty {
            out.push_str(&format!("  {level} {role}: {}\n", topics.join(", ")));
        }
    }
    let thin = rows.iter().filter(|d| d.plans < THIN).count();
    out.push_str(&format!(
        "\n{thin} of {} role and level pairs support fewer than {THIN} plans; {} is where questions are needed.\n",
        rows.len(),
        bank.origin()
    ));
    out
}
