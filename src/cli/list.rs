//! `runbook list`: the questions of a bank, filtered, as a table or JSON.

use clap::ValueEnum;

use crate::bank::Bank;
use crate::content::Content;
use crate::document::one_line;
use crate::error::Error;
use crate::level::Level;
use crate::output;
use crate::question::Question;

/// Output formats of `runbook list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// Full questions as a JSON array, for scripts.
    Json,
}

/// Arguments of `runbook list`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook list --role backend --level senior\n  runbook list --topic asyncio --format json"
)]
pub struct Args {
    /// Which questions.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Flags that filter the bank, shared by `list` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only questions for this role.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Only questions for this level (or an alias such as `expert`).
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Only questions on this topic (repeatable).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
}

impl FilterArgs {
    /// Validate the flags against the bank.
    pub fn filter(&self, bank: &Bank) -> Result<Filter, Error> {
        Filter::new(
            bank,
            self.role.as_deref(),
            self.level.as_deref(),
            &self.topic,
        )
    }
}

/// A validated question filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Role id.
    pub role: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// Topic ids; empty means all.
    pub topics: Vec<String>,
}

impl Filter {
    /// Validate raw flag values against the bank.
    pub fn new(
        bank: &Bank,
        role: Option<&str>,
        level: Option<&str>,
        topics: &[String],
    ) -> Result<Self, Error> {
        Ok(Filter {
            role: role
                .map(|r| bank.resolve_role(r).map(|r| r.id.clone()))
                .transpose()?,
            level: level.map(|l| bank.resolve_level(l)).transpose()?,
            topics: topics
                .iter()
                .map(|t| bank.resolve_topic(t).map(|t| t.id.clone()))
                .collect::<Result<_, _>>()?,
        })
    }

    /// True if `q` passes the filter.
    pub fn accepts(&self, q: &Question) -> bool {
        self.role.as_deref().is_none_or(|r| q.suits_role(r))
            && self.level.is_none_or(|l| q.suits_level(l))
            && (self.topics.is_empty() || self.topics.contains(&q.topic))
    }

    /// The matching questions, in bank order.
    pub fn apply<'b>(&self, bank: &'b Bank) -> Vec<&'b Question> {
        bank.questions.iter().filter(|q| self.accepts(q)).collect()
    }
}

/// Run `runbook list`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, _) = Bank::load_valid(content)?;
    let filter = args.filter.filter(&bank)?;
    let questions = filter.apply(&bank);
    let text = match args.format {
        ListFormat::Json => {
            serde_json::to_string_pretty(&questions).map_err(|e| Error::Render(e.to_string()))?
                + "\n"
        }
        ListFormat::Table => table(&questions),
    };
    output::print(&text)
}

fn table(questions: &[&Question]) -> String {
    let rows: Vec<[String; 6]> = questions
        .iter()
        .map(|q| {
            let levels: Vec<&str> = q.levels.iter().map(|l| l.id()).collect();
            [
                q.id.clone(),
                q.topic.clone(),
                q.kind.to_string(),
                q.minutes.to_string(),
                levels.join(","),
                one_line(&q.prompt, 70),
            ]
        })
        .collect();
    let header = ["ID", "TOPIC", "KIND", "MIN", "LEVELS", "PROMPT"].map(String::from);
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if i == 5 {
                    cell.clone()
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{} question(s)\n", rows.len()));
    out
}
