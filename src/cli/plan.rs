//! `runbook plan`: select questions into an interview plan, written as YAML.

use std::path::PathBuf;

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::plan_args::PlanArgs;
use crate::error::Error;
use crate::output;
use crate::plan::Plan;
use crate::plan::planner::{Drawn, Planner, explain};

/// Arguments of `runbook plan`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook plan --role backend --level senior -o plan.yaml\n  runbook plan --role data --years 2 --minutes 45 --seed 7\n  runbook plan --role ml --level staff --avoid round1.yaml\n  runbook plan --role backend --level senior --explain"
)]
pub struct Args {
    /// Which interview to plan.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Write the plan to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Say on standard error why each question was chosen: its topic and
    /// weight, the rule that chose it, and why the alternatives lost.
    #[arg(long)]
    pub explain: bool,
}

/// Draw a plan from validated flags, printing what the bank could not give.
pub fn draw(bank: &Bank, args: &PlanArgs) -> Result<Plan, Error> {
    Ok(draw_explained(bank, args)?.plan)
}

/// Draw a plan from validated flags with its reasons, printing what the
/// bank could not give.
pub fn draw_explained(bank: &Bank, args: &PlanArgs) -> Result<Drawn, Error> {
    let request = args.request(bank)?;
    let drawn = Planner::new(bank).draw(&request)?;
    for warning in &drawn.warnings {
        output::note(format_args!("warning: {warning}"));
    }
    Ok(drawn)
}

/// A one-paragraph summary of a plan, for standard error.
pub fn summary(plan: &Plan, bank: &Bank) -> String {
    let count = plan.items().count();
    let used: u32 = plan.sections.iter().map(|s| s.minutes).sum();
    let sections: Vec<String> = plan
        .sections
        .iter()
        .map(|s| format!("{} {}", s.kind.title().to_lowercase(), s.minutes))
        .collect();
    let mut topics: Vec<&str> = plan
        .items()
        .filter_map(|i| bank.question(&i.id.value))
        .map(|q| bank.topic_title(&q.topic))
        .collect();
    topics.dedup();
    format!(
        "{}: {count} question{}, {used} of {} minutes ({}); topics: {}; seed {}, bank {}",
        plan.title,
        if count == 1 { "" } else { "s" },
        plan.minutes,
        sections.join(", "),
        topics.join(", "),
        plan.seed,
        plan.bank
    )
}

/// Run `runbook plan`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, _) = Bank::load_valid(content)?;
    let drawn = draw_explained(&bank, &args.plan)?;
    let plan = &drawn.plan;
    let yaml = plan.to_yaml()?;
    match &args.output {
        Some(path) => output::write_atomic(path, yaml.as_bytes())?,
        None => output::print(&yaml)?,
    }
    output::note(summary(plan, &bank));
    if args.explain {
        output::note(explain::text(&bank, plan, &drawn.reasons, drawn.total_weight).trim_end());
    }
    Ok(())
}
