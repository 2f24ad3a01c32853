//! Seniority levels. The five levels are fixed (plans depend on their order:
//! senior and staff interviews get a deep dive); their titles, years and
//! aliases come from `levels.yaml`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A seniority level, from entry to staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// No professional experience yet.
    Entry,
    /// One to three years.
    Junior,
    /// Three to five years.
    Mid,
    /// Five years or more; owns components.
    Senior,
    /// Shapes architecture across teams.
    Staff,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 5] = [
        Level::Entry,
        Level::Junior,
        Level::Mid,
        Level::Senior,
        Level::Staff,
    ];

    /// The id used in YAML and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Level::Entry => "entry",
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
            Level::Staff => "staff",
        }
    }

    /// Senior and staff interviews include a design deep dive.
    pub fn has_deep_dive(self) -> bool {
        self >= Level::Senior
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Level {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Level::ALL.into_iter().find(|l| l.id() == s).ok_or(())
    }
}

/// What `levels.yaml` says about one level.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelInfo {
    /// Which level.
    pub id: Level,
    /// Human title, e.g. "Mid-level".
    pub title: String,
    /// `--years N` picks the highest level whose `min_years` is at most N.
    pub min_years: u32,
    /// One line on what the level means.
    pub summary: String,
    /// Other names accepted by `--level`.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// The level table from `levels.yaml`, one entry per level in order.
#[derive(Debug, Clone)]
pub struct Levels(Vec<LevelInfo>);

impl Levels {
    /// Wrap the entries; the bank checks there is exactly one per level, in order.
    pub fn new(entries: Vec<LevelInfo>) -> Self {
        Levels(entries)
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[LevelInfo] {
        &self.0
    }

    /// The entry for `level`.
    pub fn info(&self, level: Level) -> Option<&LevelInfo> {
        self.0.iter().find(|i| i.id == level)
    }

    /// The title of `level`, falling back to its id.
    pub fn title(&self, level: Level) -> &str {
        self.info(level).map_or(level.id(), |i| &i.title)
    }

    /// Resolve a `--level` value: an id, a title or an alias, in any case.
    pub fn resolve(&self, name: &str) -> Option<Level> {
        let wanted = name.trim().to_lowercase();
        Level::ALL
            .into_iter()
            .find(|l| l.id() == wanted)
            .or_else(|| {
                self.0
                    .iter()
                    .find(|i| {
                        i.title.to_lowercase() == wanted
                            || i.aliases.iter().any(|a| a.to_lowercase() == wanted)
                    })
                    .map(|i| i.id)
            })
    }

    /// The level for `years` of experience.
    pub fn for_years(&self, years: u32) -> Level {
        self.0
            .iter()
            .filter(|i| i.min_years <= years)
            .max_by_key(|i| i.min_years)
            .map_or(Level::Entry, |i| i.id)
    }

    /// Every name `--level` accepts, for error messages and suggestions.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Level::ALL.iter().map(|l| l.id()).collect();
        for info in &self.0 {
            names.extend(info.aliases.iter().map(String::as_str));
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Levels {
        let entry = |id, min_years, aliases: &[&str]| LevelInfo {
            id,
            title: format!("{id} title"),
            min_years,
            summary: String::new(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
        };
        Levels::new(vec![
            entry(Level::Entry, 0, &["fresher"]),
            entry(Level::Junior, 1, &[]),
            entry(Level::Mid, 3, &[]),
            entry(Level::Senior, 5, &[]),
            entry(Level::Staff, 9, &["expert", "principal"]),
        ])
    }

    #[test]
    fn resolves_ids_aliases_and_titles() {
        let levels = table();
        for (name, want) in [
            ("senior", Some(Level::Senior)),
            ("SENIOR", Some(Level::Senior)),
            ("expert", Some(Level::Staff)),
            ("Principal", Some(Level::Staff)),
            ("fresher", Some(Level::Entry)),
            ("mid title", Some(Level::Mid)),
            ("wizard", None),
        ] {
            assert_eq!(levels.resolve(name), want, "{name}");
        }
    }

    #[test]
    fn years_map_to_the_highest_level_reached() {
        let levels = table();
        for (years, want) in [
            (0, Level::Entry),
            (1, Level::Junior),
            (4, Level::Mid),
            (7, Level::Senior),
            (9, Level::Staff),
            (30, Level::Staff),
        ] {
            assert_eq!(levels.for_years(years), want, "{years}");
        }
    }
}
