//! `runbook list`: the questions of a bank, filtered, as a table or JSON.

use clap::ValueEnum;

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::bank::question::Question;
use crate::cli::filter_args::FilterArgs;
use crate::error::Error;
use crate::output;
use crate::render::document::one_line;

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
