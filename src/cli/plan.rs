//! `runbook plan`: select questions into an interview plan, written as YAML.

use std::path::PathBuf;

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::plan_args::PlanArgs;
use crate::error::Error;
use crate::output;
use crate::plan::Plan;
use crate::plan::planner::Planner;

/// Arguments of `runbook plan`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook plan --role backend --level senior -o plan.yaml\n  runbook plan --role data --years 2 --minutes 45 --seed 7\n  runbook plan --role ml --level staff --avoid round1.yaml"
)]
pub struct Args {
    /// Which interview to plan.
    #[command(flatten)]
    pub plan: PlanArgs,
    /// Write the plan to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Draw a plan from validated flags.
pub fn draw(bank: &Bank, args: &PlanArgs) -> Result<Plan, Error> {
    let request = args.request(bank)?;
    Planner::new(bank).plan(&request)
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
        "{}: {count} questions, {used} of {} minutes ({}); topics: {}; seed {}, bank {}",
        plan.title,
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
    let plan = draw(&bank, &args.plan)?;
    let yaml = plan.to_yaml()?;
    match &args.output {
        Some(path) => output::write_atomic(path, yaml.as_bytes())?,
        None => output::print(&yaml)?,
    }
    output::note(summary(&plan, &bank));
    Ok(())
}
