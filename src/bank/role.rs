//! Roles and how they share an interview's time between topics.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bank::level::Level;

/// One role from `roles.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Kebab-case id used by `--role` and in questions' `roles`.
    pub id: String,
    /// Human title, e.g. "Backend engineer".
    pub title: String,
    /// One line on the role.
    pub description: String,
    /// Other names accepted by `--role`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Topic weights: the key `all` applies at every level, a level's own map
    /// adds to or overrides it.
    pub weights: BTreeMap<String, BTreeMap<String, u32>>,
    /// The topics the role is hired for: at mid level and above every plan
    /// asks at least one of them. Empty means the topics of highest weight.
    #[serde(default)]
    pub focus: Vec<String>,
}

/// The key in `weights` that applies at every level.
pub const ALL_LEVELS: &str = "all";

impl Role {
    /// The effective topic weights at `level`, without zero weights.
    pub fn weights_at(&self, level: Level) -> BTreeMap<&str, u32> {
        let mut merged: BTreeMap<&str, u32> = BTreeMap::new();
        for key in [ALL_LEVELS, level.id()] {
            if let Some(map) = self.weights.get(key) {
                for (topic, &w) in map {
                    merged.insert(topic.as_str(), w);
                }
            }
        }
        merged.retain(|_, w| *w > 0);
        merged
    }

    /// The focus topics at `level`: the listed ones that have weight there,
    /// or, if none is listed, the topics of the highest weight.
    pub fn focus_at(&self, level: Level) -> Vec<&str> {
        let weights = self.weights_at(level);
        if !self.focus.is_empty() {
            return self
                .focus
                .iter()
                .map(String::as_str)
                .filter(|t| weights.contains_key(t))
                .collect();
        }
        let top = weights.values().copied().max().unwrap_or(0);
        weights
            .into_iter()
            .filter(|(_, w)| *w == top)
            .map(|(t, _)| t)
            .collect()
    }

    /// True if `name` is this role's id or one of its aliases (any case).
    pub fn answers_to(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        self.id == name
            || self.title.to_lowercase() == name
            || self.aliases.iter().any(|a| a.to_lowercase() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_weights_override_and_drop_zeroes() {
        let role: Role = serde_saphyr::from_str(
            "id: backend\ntitle: B\ndescription: d\nweights:\n  all: {a: 1, b: 2, c: 3}\n  senior: {b: 5, c: 0, d: 1}\n",
        )
        .unwrap();
        let senior: Vec<_> = role.weights_at(Level::Senior).into_iter().collect();
        assert_eq!(senior, vec![("a", 1), ("b", 5), ("d", 1)]);
        let mid: Vec<_> = role.weights_at(Level::Mid).into_iter().collect();
        assert_eq!(mid, vec![("a", 1), ("b", 2), ("c", 3)]);
        assert_eq!(role.focus_at(Level::Mid), vec!["c"]);
        assert_eq!(role.focus_at(Level::Senior), vec!["b"]);
    }

    #[test]
    fn listed_focus_keeps_only_weighted_topics() {
        let role: Role = serde_saphyr::from_str(
            "id: r\ntitle: R\ndescription: d\nfocus: [a, c]\nweights:\n  all: {a: 1, b: 2, c: 3}\n  senior: {c: 0}\n",
        )
        .unwrap();
        assert_eq!(role.focus_at(Level::Mid), vec!["a", "c"]);
        assert_eq!(role.focus_at(Level::Senior), vec!["a"]);
    }
}
