//! Checks of a bank's settings files (topics, levels, rubric, roles), each
//! reporting every problem it finds.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use super::level::{Level, LevelInfo};
use super::question::{ALL_ROLES, is_kebab_case};
use super::role::{ALL_LEVELS, Role};
use super::rubric::Rubric;
use super::source::SourceFile;
use super::suggestion;
use super::topic::Topic;
use crate::diagnostic::{Diagnostic, Origin};

pub(super) fn topics(
    diagnostics: &mut Vec<Diagnostic>,
    topics: &[Spanned<Topic>],
    file: &SourceFile,
) {
    let mut seen = BTreeMap::new();
    for t in topics {
        if !is_kebab_case(&t.value.id) {
            diagnostics.push(file.error(
                t.referenced,
                format!("topic id `{}` is not kebab-case", t.value.id),
            ));
        }
        if seen.insert(t.value.id.as_str(), ()).is_some() {
            diagnostics.push(file.error(
                t.referenced,
                format!("topic `{}` is defined twice", t.value.id),
            ));
        }
    }
}

pub(super) fn levels(
    diagnostics: &mut Vec<Diagnostic>,
    levels: &[Spanned<LevelInfo>],
    file: &SourceFile,
) {
    let ids: Vec<Level> = levels.iter().map(|l| l.value.id).collect();
    if ids != Level::ALL {
        diagnostics.push(Diagnostic::error(
            Origin::file(&file.name),
            "levels.yaml must list entry, junior, mid, senior and staff once each, in that order",
        ));
    }
    for pair in levels.windows(2) {
        if pair[1].value.min_years < pair[0].value.min_years {
            diagnostics.push(file.error(
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

pub(super) fn rubric(
    diagnostics: &mut Vec<Diagnostic>,
    rubric: &Spanned<Rubric>,
    file: &SourceFile,
) {
    let scores: Vec<u8> = rubric.value.scale.iter().map(|p| p.score).collect();
    if scores != [1, 2, 3, 4] {
        diagnostics.push(file.error(
            rubric.referenced,
            "the scale must have the scores 1, 2, 3 and 4, in order",
        ));
    }
    if rubric.value.recommendations.is_empty() {
        diagnostics.push(file.error(rubric.referenced, "there are no overall recommendations"));
    }
}

pub(super) fn roles(
    diagnostics: &mut Vec<Diagnostic>,
    roles: &[Spanned<Role>],
    file: &SourceFile,
    topics: &[Topic],
) {
    let topic_ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let level_keys: Vec<&str> = std::iter::once(ALL_LEVELS)
        .chain(Level::ALL.iter().map(|l| l.id()))
        .collect();
    for role in roles {
        let r = &role.value;
        if !is_kebab_case(&r.id) || r.id == ALL_ROLES {
            diagnostics.push(file.error(
                role.referenced,
                format!("role id `{}` must be kebab-case and not `all`", r.id),
            ));
        }
        for (key, weights) in &r.weights {
            if !level_keys.contains(&key.as_str()) {
                diagnostics.push(
                    file.error(
                        role.referenced,
                        format!(
                            "role `{}` has weights for `{key}`, which is not a level",
                            r.id
                        ),
                    )
                    .with_help(suggestion::help(key, level_keys.iter().copied())),
                );
            }
            for topic in weights.keys() {
                if !topic_ids.contains(&topic.as_str()) {
                    diagnostics.push(
                        file.error(
                            role.referenced,
                            format!("role `{}` weighs unknown topic `{topic}`", r.id),
                        )
                        .with_help(suggestion::help(topic, topic_ids.iter().copied())),
                    );
                }
            }
        }
        for topic in &r.focus {
            if !topic_ids.contains(&topic.as_str()) {
                diagnostics.push(
                    file.error(
                        role.referenced,
                        format!("role `{}` has unknown focus topic `{topic}`", r.id),
                    )
                    .with_help(suggestion::help(topic, topic_ids.iter().copied())),
                );
            } else if Level::ALL
                .iter()
                .all(|&l| !r.weights_at(l).contains_key(topic.as_str()))
            {
                diagnostics.push(file.error(
                    role.referenced,
                    format!(
                        "role `{}` has focus topic `{topic}` but weighs it at no level; give it a weight",
                        r.id
                    ),
                ));
            }
        }
        for level in Level::ALL {
            if r.weights_at(level).is_empty() {
                diagnostics.push(file.error(
                    role.referenced,
                    format!("role `{}` weighs no topic at level {level}", r.id),
                ));
            }
        }
    }
}
