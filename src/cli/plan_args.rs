//! The flags that describe a plan, shared by `plan`, `render` and `loop`,
//! and their validation against the bank into a [`PlanRequest`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::bank::source::SourceFile;
use crate::error::Error;
use crate::output;
use crate::plan::Plan;
use crate::plan::planner::{DEFAULT_MINUTES, DEFAULT_SEED, PlanRequest};

/// Who is interviewed: the role and the level (or years of experience).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WhoArgs {
    /// The role: backend, data, ml, devops, generalist (or an alias).
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The level: entry, junior, mid, senior, staff (or an alias such as `expert`).
    #[arg(long, value_name = "LEVEL", conflicts_with = "years")]
    pub level: Option<String>,
    /// Pick the level from years of experience instead of --level.
    #[arg(long, value_name = "N")]
    pub years: Option<u32>,
}

/// The flags that describe a plan; `render` and `export` take them too.
#[derive(Debug, Clone, clap::Args)]
pub struct PlanArgs {
    /// Who is interviewed.
    #[command(flatten)]
    pub who: WhoArgs,
    /// Length of the interview in minutes, including introductions and the candidate's questions.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MINUTES)]
    pub minutes: u32,
    /// Seed for the selection; the same seed gives the same plan.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Only ask about this topic (repeatable).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
    /// Always ask this question (repeatable).
    #[arg(long, value_name = "ID")]
    pub include: Vec<String>,
    /// Never ask this question (repeatable).
    #[arg(long, value_name = "ID")]
    pub exclude: Vec<String>,
    /// Never ask the questions in FILE (an earlier plan or loop round, or one
    /// id per line), nor a question that makes the same point as one of them.
    #[arg(long, value_name = "FILE")]
    pub avoid: Vec<PathBuf>,
}

impl PlanArgs {
    /// True if any flag that selects a plan was given.
    pub fn given(&self) -> bool {
        self.who.role.is_some() || self.who.level.is_some() || self.who.years.is_some()
    }

    /// Validate the flags against the bank into a request.
    pub fn request(&self, bank: &Bank) -> Result<PlanRequest, Error> {
        let role = self.who.role.as_deref().ok_or_else(|| {
            Error::Usage(
                "--role is required to make a plan (backend, data, ml, devops, generalist)".into(),
            )
        })?;
        let role = bank.resolve_role(role)?.id.clone();
        let level = match (&self.who.level, self.who.years) {
            (Some(l), _) => bank.resolve_level(l)?,
            (None, Some(y)) => bank.levels().for_years(y),
            (None, None) => {
                return Err(Error::Usage(
                    "--level or --years is required to make a plan (entry, junior, mid, senior, staff)".into(),
                ));
            }
        };
        let mut request = PlanRequest::new(&role, level);
        request.minutes = self.minutes;
        request.seed = self.seed;
        for t in &self.topic {
            let id = bank.resolve_topic(t)?.id.clone();
            if !request.topics.contains(&id) {
                request.topics.push(id);
            }
        }
        for id in &self.include {
            request.include.push(bank.resolve_id(id)?.id.clone());
        }
        for id in &self.exclude {
            request.exclude.insert(bank.resolve_id(id)?.id.clone());
        }
        for path in &self.avoid {
            request.avoid_files.push(path.display().to_string());
            for id in avoided_ids(path)? {
                if bank.question(&id).is_some() {
                    request.avoid.insert(id);
                } else {
                    output::note(format_args!(
                        "warning: {}: `{id}` is not in {}; ignored",
                        path.display(),
                        bank.origin()
                    ));
                }
            }
        }
        Ok(request)
    }
}

/// The ids in an `--avoid` file: a plan, or one id per line (`#` comments).
fn avoided_ids(path: &Path) -> Result<BTreeSet<String>, Error> {
    let bytes = crate::input::read_limited(path, crate::input::MAX_FILE_BYTES, "reading")?;
    let file = SourceFile::from_bytes(&path.display().to_string(), bytes)?;
    if let Ok(plan) = file.parse::<Plan>() {
        return Ok(plan.items().map(|i| i.id.value.clone()).collect());
    }
    let mut ids = BTreeSet::new();
    for (n, line) in file.text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let id = line.trim_start_matches("- ").trim();
        if !crate::bank::question::is_kebab_case(id) {
            return Err(Error::Usage(format!(
                "{}:{}: `{id}` is not a question id; --avoid takes a plan file or one id per line",
                path.display(),
                n + 1
            )));
        }
        ids.insert(id.to_string());
    }
    Ok(ids)
}
