//! `runbook show`: one question in full.

use std::fmt::Write;

use clap::ValueEnum;

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::bank::question::Question;
use crate::error::Error;
use crate::output;

/// Output formats of `runbook show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable text.
    Text,
    /// The question as YAML.
    Yaml,
    /// The question as JSON.
    Json,
}

/// Arguments of `runbook show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook show gil-and-free-threading\n  runbook show shallow-vs-deep-copy --format yaml"
)]
pub struct Args {
    /// The question id.
    pub id: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Run `runbook show`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, _) = Bank::load_valid(content)?;
    let q = bank.resolve_id(&args.id)?;
    let text = match args.format {
        ShowFormat::Text => text(&bank, q),
        ShowFormat::Yaml => {
            serde_saphyr::to_string(&[q]).map_err(|e| Error::Render(e.to_string()))?
        }
        ShowFormat::Json => {
            serde_json::to_string_pretty(q).map_err(|e| Error::Render(e.to_string()))? + "\n"
        }
    };
    output::print(&text)
}

fn text(bank: &Bank, q: &Question) -> String {
    let mut s = String::new();
    let levels: Vec<&str> = q.levels.iter().map(|l| l.id()).collect();
    let _ = writeln!(
        s,
        "{}\n{} · {} · {} min · {} · roles: {}\n",
        q.id,
        bank.topic_title(&q.topic),
        q.kind,
        q.minutes,
        levels.join(", "),
        q.roles.join(", ")
    );
    let _ = writeln!(s, "PROMPT\n{}\n", q.prompt.trim());
    let _ = writeln!(s, "EXPECTED ANSWER\n{}\n", q.answer.trim());
    for (title, items) in [
        ("KEY POINTS", &q.key_points),
        ("FOLLOW-UPS", &q.follow_ups),
        ("RED FLAGS", &q.red_flags),
    ] {
        let _ = writeln!(s, "{title}");
        for item in items {
            let _ = writeln!(s, "  - {item}");
        }
        s.push('\n');
    }
    let _ = writeln!(s, "RUBRIC");
    for point in &bank.rubric().scale {
        let _ = writeln!(
            s,
            "  {} {}: {}",
            point.score,
            point.label,
            q.anchor(point.score)
        );
    }
    if let Some(code) = &q.code {
        let version = code
            .python
            .as_deref()
            .map(|v| format!(" (Python {v}+)"))
            .unwrap_or_default();
        let _ = writeln!(s, "\nCODE{version}");
        for line in code.source.lines() {
            let _ = writeln!(s, "    {line}");
        }
        if let Some(out) = &code.output {
            let _ = writeln!(s, "OUTPUT");
            for line in out.lines() {
                let _ = writeln!(s, "    {line}");
            }
        }
    }
    if !q.seeds.is_empty() {
        let _ = writeln!(s, "\nSEEDS {}", q.seeds.join(", "));
    }
    let _ = writeln!(s, "\nDEFINED AT {}", q.origin);
    s
}
