//! An interview plan: which questions, in which sections, at which minute.
//! Plans are YAML files users keep, edit and pass back to `render`, so they
//! are parsed with locations and resolved against the bank with clear errors.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_saphyr::{Location, Spanned};

use crate::bank::level::Level;
use crate::bank::source::SourceFile;
use crate::error::Error;

/// The parts of an interview, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Names, roles, what the interview will cover.
    Introductions,
    /// One easy question to settle in.
    WarmUp,
    /// The bulk of the interview.
    Core,
    /// One design or scenario question explored in depth (senior and staff).
    DeepDive,
    /// Time reserved for the candidate to ask.
    CandidateQuestions,
}

impl SectionKind {
    /// The heading shown in documents.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Introductions => "Introductions",
            SectionKind::WarmUp => "Warm-up",
            SectionKind::Core => "Core questions",
            SectionKind::DeepDive => "Deep dive",
            SectionKind::CandidateQuestions => "Candidate's questions",
        }
    }
}

/// One question in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The question id.
    pub id: Spanned<String>,
    /// Minute of the interview it starts at.
    pub start: u32,
    /// Minutes it is given.
    pub minutes: u32,
}

impl Item {
    /// An item for question `id`.
    pub fn new(id: &str, start: u32, minutes: u32) -> Self {
        Item {
            id: Spanned {
                value: id.to_string(),
                referenced: Location::UNKNOWN,
                defined: Location::UNKNOWN,
            },
            start,
            minutes,
        }
    }
}

/// A section of the interview and its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// Minute it starts at.
    pub start: u32,
    /// Minutes it lasts.
    pub minutes: u32,
    /// Its questions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// A complete interview plan, as written to and read from YAML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// E.g. "Senior Backend engineer interview".
    pub title: String,
    /// Role id.
    pub role: String,
    /// Level.
    pub level: Level,
    /// The time budget in minutes.
    pub minutes: u32,
    /// The seed the plan was drawn with.
    pub seed: u64,
    /// Digest of the bank the plan was drawn from.
    pub bank: String,
    /// The command that reproduces the plan.
    #[serde(default)]
    pub command: String,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

impl Plan {
    /// Every item, in interview order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The plan as YAML.
    pub fn to_yaml(&self) -> Result<String, Error> {
        serde_saphyr::to_string(self).map_err(|e| Error::Render(format!("plan to YAML: {e}")))
    }

    /// Read a plan file.
    pub fn load(path: &Path) -> Result<(Plan, SourceFile), Error> {
        let bytes = crate::input::read_limited(path, crate::input::MAX_FILE_BYTES, "reading plan")?;
        let file = SourceFile::from_bytes(&path.display().to_string(), bytes)?;
        let plan: Plan = file.parse()?;
        let problems = super::validate::problems(&plan, &file);
        if !problems.is_empty() {
            return Err(Error::Resolve(problems));
        }
        Ok((plan, file))
    }
}
