//! A plan file read back from disk is checked as strictly as a bank: numbers
//! written as numbers, times that add up without overflow, sections in
//! interview order, no question twice, at least one question, and every
//! problem at its line and column. The plan is parsed a second time into
//! the located shadow below, which costs microseconds for a file this size.

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_saphyr::Spanned;

use super::plan::Plan;
use crate::bank::source::{Position, SourceFile};
use crate::bank::strict::Integer;
use crate::diagnostic::Diagnostic;

/// The longest interview a plan may describe, in minutes (a whole day).
pub const MAX_PLAN_MINUTES: i64 = 24 * 60;

#[derive(Deserialize)]
struct Located {
    minutes: Spanned<Integer>,
    seed: Spanned<Integer>,
    sections: Spanned<Vec<LocatedSection>>,
}

#[derive(Deserialize)]
struct LocatedSection {
    kind: Spanned<IgnoredAny>,
    start: Spanned<Integer>,
    minutes: Spanned<Integer>,
    #[serde(default)]
    items: Vec<LocatedItem>,
}

#[derive(Deserialize)]
struct LocatedItem {
    id: Spanned<String>,
    start: Spanned<Integer>,
    minutes: Spanned<Integer>,
}

fn at<T>(s: &Spanned<T>) -> Position {
    Position::from(&s.referenced)
}

/// Every problem with `plan`, read from `file`, as diagnostics.
pub fn problems(plan: &Plan, file: &SourceFile) -> Vec<Diagnostic> {
    let located: Located = match file.parse() {
        Ok(l) => l,
        Err(d) => return vec![d],
    };
    let mut out = Vec::new();
    let mut error = |p: Position, m: String| out.push(file.error(p, m));
    let total = located.minutes.value.0;
    if !(1..=MAX_PLAN_MINUTES).contains(&total) {
        error(
            at(&located.minutes),
            format!("`minutes` must be from 1 to {MAX_PLAN_MINUTES}, not {total}"),
        );
    }
    if located.seed.value.0 < 0 {
        error(at(&located.seed), "`seed` must not be negative".into());
    }
    let mut clock = 0i64;
    let mut seen: HashMap<&str, Position> = HashMap::new();
    let mut questions = 0usize;
    for section in &located.sections.value {
        let (start, minutes) = (section.start.value.0, section.minutes.value.0);
        if minutes < 0 || start < 0 {
            error(at(&section.start), "times must not be negative".into());
            continue;
        }
        if start < clock {
            error(
                at(&section.start),
                format!(
                    "the section starts at minute {start}, before the one above ends at {clock}"
                ),
            );
        }
        let end = start.saturating_add(minutes);
        if end > total {
            error(
                at(&section.minutes),
                format!("the section ends at minute {end}, after the plan's {total} minutes"),
            );
        }
        clock = clock.max(end.min(total));
        let mut item_clock = start;
        for item in &section.items {
            questions += 1;
            let id = item.id.value.as_str();
            if let Some(first) = seen.insert(id, at(&item.id)) {
                error(
                    at(&item.id),
                    format!(
                        "`{id}` is already in the plan at line {}; ask each question once",
                        first.line
                    ),
                );
            }
            let (i_start, i_minutes) = (item.start.value.0, item.minutes.value.0);
            if i_minutes < 1 {
                error(
                    at(&item.minutes),
                    "a question needs at least 1 minute".into(),
                );
            }
            if i_start < item_clock || i_start.saturating_add(i_minutes) > end {
                error(
                    at(&item.start),
                    format!(
                        "`{id}` runs from minute {i_start} to {}, outside its section ({start} to {end}) or over the question before",
                        i_start.saturating_add(i_minutes)
                    ),
                );
            }
            item_clock = item_clock.max(i_start.saturating_add(i_minutes));
        }
    }
    let kinds: Vec<_> = plan.sections.iter().map(|s| s.kind).collect();
    for (i, pair) in kinds.windows(2).enumerate() {
        if pair[0] >= pair[1] {
            let section = &located.sections.value[i + 1];
            error(
                at(&section.kind),
                format!(
                    "`{}` comes after `{}`; sections go in interview order, each once",
                    pair[1].title(),
                    pair[0].title()
                ),
            );
        }
    }
    if questions == 0 {
        error(
            at(&located.sections),
            "the plan has no questions; make a new one with `runbook plan`".into(),
        );
    }
    out
}
