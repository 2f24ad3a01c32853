//! A question, validated: the model every later stage (planner, documents,
//! renderers) reads. How one is read from YAML is in [`super::raw`], how it
//! is checked in [`super::checker`].

use std::fmt;

use serde::{Deserialize, Serialize};

use super::level::Level;
use crate::diagnostic::Origin;

/// What sort of question it is; decides which section of a plan it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Explain how something works.
    Concept,
    /// Write code live.
    Coding,
    /// Design a component or system.
    Design,
    /// Reason through a realistic situation.
    Scenario,
    /// Past behaviour and ways of working.
    Behavioral,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Concept,
        Kind::Coding,
        Kind::Design,
        Kind::Scenario,
        Kind::Behavioral,
    ];

    /// The id used in YAML.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Concept => "concept",
            Kind::Coding => "coding",
            Kind::Design => "design",
            Kind::Scenario => "scenario",
            Kind::Behavioral => "behavioral",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A code listing: the exhibit a candidate is shown, or the interviewer's
/// reference code. Every listing runs in the test suite unless it says why
/// it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// The Python source.
    pub source: String,
    /// A short data sample shown with an exhibit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Exactly what the source prints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The exception the source ends with, e.g. `KeyError`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raises: Option<String>,
    /// The oldest Python version it runs on, e.g. "3.12".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<String>,
    /// Why the listing cannot run here; such listings have no output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Code {
    /// True if the test suite runs this listing.
    pub fn runs(&self) -> bool {
        self.reason.is_none()
    }
}

/// A service a question's code talks to; the test suite provides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// A PostgreSQL server, reached through the standard `PG*` variables.
    Postgresql,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 1] = [Service::Postgresql];

    /// The id used in YAML.
    pub fn id(self) -> &'static str {
        match self {
            Service::Postgresql => "postgresql",
        }
    }
}

/// What a behavioural question probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Probe {
    /// Owning an outcome end to end.
    Ownership,
    /// Disagreeing and resolving it.
    Conflict,
    /// Growing other people.
    Mentoring,
    /// Learning from a mistake or a failed project.
    Failure,
    /// Acting when the problem is unclear.
    Ambiguity,
    /// Changing minds without authority.
    Influence,
    /// Working across a team.
    Collaboration,
    /// Choosing what not to do.
    Prioritization,
    /// Picking up something new.
    Learning,
}

impl Probe {
    /// Every probe.
    pub const ALL: [Probe; 9] = [
        Probe::Ownership,
        Probe::Conflict,
        Probe::Mentoring,
        Probe::Failure,
        Probe::Ambiguity,
        Probe::Influence,
        Probe::Collaboration,
        Probe::Prioritization,
        Probe::Learning,
    ];

    /// The id used in YAML.
    pub fn id(self) -> &'static str {
        match self {
            Probe::Ownership => "ownership",
            Probe::Conflict => "conflict",
            Probe::Mentoring => "mentoring",
            Probe::Failure => "failure",
            Probe::Ambiguity => "ambiguity",
            Probe::Influence => "influence",
            Probe::Collaboration => "collaboration",
            Probe::Prioritization => "prioritization",
            Probe::Learning => "learning",
        }
    }
}

/// The role value meaning "every role".
pub const ALL_ROLES: &str = "all";

/// One interview question, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Stable kebab-case id.
    pub id: String,
    /// A few words naming the question in agendas and scorecards.
    pub title: String,
    /// What the interviewer asks.
    pub prompt: String,
    /// Topic id.
    pub topic: String,
    /// Levels it suits.
    pub levels: Vec<Level>,
    /// Role ids it suits, or `all`.
    pub roles: Vec<String>,
    /// Minutes to ask and discuss.
    pub minutes: u32,
    /// Concept, coding, design, scenario or behavioral.
    pub kind: Kind,
    /// The expected answer, Markdown.
    pub answer: String,
    /// What a strong answer covers.
    pub key_points: Vec<String>,
    /// Questions that probe depth.
    pub follow_ups: Vec<String>,
    /// Signs of a weak answer.
    pub red_flags: Vec<String>,
    /// Anchors for scores 1 to 4.
    pub rubric: Anchors,
    /// What the candidate is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exhibit: Option<Code>,
    /// The interviewer's reference code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Packages the code needs, as pip requirements.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// Services the code talks to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// For coding exercises: pytest tests that import from `solution`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tests: Option<String>,
    /// For behavioural questions: what the question probes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub probes: Vec<Probe>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Source question keys this one covers.
    pub seeds: Vec<String>,
    /// Where the question is defined.
    #[serde(skip)]
    pub origin: Origin,
}

impl Question {
    /// True if the question suits `role`.
    pub fn suits_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == ALL_ROLES || r == role)
    }

    /// True if the question suits `level`.
    pub fn suits_level(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }

    /// The rubric anchor for `score` (1–4).
    pub fn anchor(&self, score: u8) -> &str {
        self.rubric.get(score).unwrap_or("")
    }
}

/// What a 1, 2, 3 and 4 answer to a question sounds like. Held inline: a
/// map per question would cost a large bank tens of megabytes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Anchors([String; 4]);

impl Anchors {
    /// The anchor for `score`, if it is 1 to 4 and written.
    pub fn get(&self, score: u8) -> Option<&str> {
        let anchor = self.0.get(usize::from(score).checked_sub(1)?)?;
        (!anchor.is_empty()).then_some(anchor.as_str())
    }

    /// The written anchors as (score, text), in score order.
    pub fn iter(&self) -> impl Iterator<Item = (u8, &str)> {
        (1..=4).filter_map(|score| Some((score, self.get(score)?)))
    }
}

impl FromIterator<(u8, String)> for Anchors {
    /// Anchors from (score, text) pairs; scores outside 1 to 4 are ignored.
    fn from_iter<I: IntoIterator<Item = (u8, String)>>(pairs: I) -> Self {
        let mut anchors = Anchors::default();
        for (score, text) in pairs {
            if let Some(slot) = usize::from(score)
                .checked_sub(1)
                .and_then(|i| anchors.0.get_mut(i))
            {
                *slot = text;
            }
        }
        anchors
    }
}

impl fmt::Debug for Anchors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Anchors {
    /// As a map from score to anchor, the way the bank writes it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// "3.12" → (3, 12).
pub fn parse_python_version(v: &str) -> Option<(u32, u32)> {
    let (major, minor) = v.trim().split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Lowercase ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        for (id, ok) in [
            ("gil-basics", true),
            ("pep695", true),
            ("a", true),
            ("Gil", false),
            ("gil_basics", false),
            ("gil--basics", false),
            ("-gil", false),
            ("", false),
        ] {
            assert_eq!(is_kebab_case(id), ok, "{id:?}");
        }
    }

    #[test]
    fn python_versions() {
        assert_eq!(parse_python_version("3.12"), Some((3, 12)));
        assert_eq!(parse_python_version("3"), None);
        assert_eq!(parse_python_version("three.12"), None);
    }
}
