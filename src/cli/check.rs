//! `runbook check`: validate a bank and print every problem found.

use std::fmt::Write;

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::bank::question::Question;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::output;
use crate::render::pdf::GlyphCheck;

/// Arguments of `runbook check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook check\n  runbook check --content ./my-bank\n  runbook check --depth"
)]
pub struct Args {
    /// Also report, for every role and level, how many disjoint 60-minute
    /// plans the bank supports and the share of time on the role's topics.
    #[arg(long)]
    pub depth: bool,
}

/// A warning if the PDF fonts cannot draw some of `q`'s text.
fn glyphs(check: &mut GlyphCheck, q: &Question) -> Option<Diagnostic> {
    let mut prose = [q.title.as_str(), &q.prompt, &q.answer].join("\n");
    for text in q.key_points.iter().chain(&q.follow_ups).chain(&q.red_flags) {
        prose.push_str(text);
    }
    for (_, anchor) in q.rubric.iter() {
        prose.push_str(anchor);
    }
    let mut code = String::new();
    for listing in q.exhibit.iter().chain(&q.code) {
        for text in [
            Some(&listing.source),
            listing.data.as_ref(),
            listing.output.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            code.push_str(text);
        }
    }
    let missing = check.undrawable(&prose, &code);
    (!missing.is_empty()).then(|| {
        Diagnostic::warning(
            q.origin.clone(),
            format!(
                "`{}` has characters the PDF fonts cannot draw (they print as boxes): {}",
                q.id,
                missing.iter().collect::<String>()
            ),
        )
        .with_help(Some(
            "use characters the DejaVu fonts have, or describe the character in words".into(),
        ))
    })
}

/// Run `runbook check`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, mut diagnostics) = Bank::load(content)?;
    let mut check = GlyphCheck::new();
    diagnostics.extend(
        bank.questions()
            .iter()
            .filter_map(|q| glyphs(&mut check, q)),
    );
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let mut report = String::new();
    for d in &diagnostics {
        let _ = writeln!(report, "{d}\n");
    }
    let topics: std::collections::BTreeSet<&str> =
        bank.questions().iter().map(|q| q.topic.as_str()).collect();
    let _ = writeln!(
        report,
        "{}: {} questions in {} topics, {errors} error(s), {warnings} warning(s), digest {}",
        content.describe(),
        bank.questions().len(),
        topics.len(),
        bank.digest()
    );
    if errors == 0 && args.depth {
        let depth = crate::plan::depth::report(&bank);
        let _ = write!(report, "\n{}", crate::plan::depth::table(&bank, &depth));
    } else if errors == 0 {
        let empty = crate::plan::depth::empty_topics(&bank);
        if !empty.is_empty() {
            let pairs: Vec<String> = empty
                .iter()
                .map(|(role, level, topics)| format!("{level} {role} {}", topics.len()))
                .collect();
            let _ = writeln!(
                report,
                "note: {} of {} role and level pairs weigh topics that have no question for them ({}); \
                 `runbook check --depth` names them and counts the plans each pair supports",
                empty.len(),
                bank.roles().len() * crate::bank::level::Level::ALL.len(),
                pairs.join(", ")
            );
        }
    }
    output::print(&report)?;
    if errors > 0 {
        return Err(Error::CheckFailed {
            origin: content.describe(),
            errors,
        });
    }
    Ok(())
}
