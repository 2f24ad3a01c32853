//! `runbook loop`: plan every round of an interview loop, written as one
//! plan per round and a loop file that lists them.

use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::bank::content::Content;
use crate::cli::output_args::DEFAULT_OUT_DIR;
use crate::cli::plan_args::{PlanArgs, WhoArgs};
use crate::error::Error;
use crate::output;
use crate::plan::interview_loop::{self, LOOP_FILE};
use crate::plan::planner::{DEFAULT_MINUTES, DEFAULT_SEED};

/// Arguments of `runbook loop`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  runbook loop --role backend --level senior -o loop/\n  runbook loop --role data --level mid --rounds \"coding:60,system-design:60,behavioural:45\"\n  runbook loop --role ml --level staff --seed 2 --avoid earlier/round-1-coding.yaml\n  runbook render loop/loop.yaml --format overview,interviewer,handout -o kit/"
)]
pub struct Args {
    /// Who is interviewed.
    #[command(flatten)]
    pub who: WhoArgs,
    /// The rounds, as `round:minutes,...` (default: the loop `loops.yaml`
    /// gives the role and level). Rounds: python-depth, coding,
    /// system-design, scenarios, behavioural, general.
    #[arg(long, value_name = "SPEC")]
    pub rounds: Option<String>,
    /// Seed for the selection; the same seed gives the same loop.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Never ask the questions in FILE (an earlier plan or round, or one id
    /// per line), nor a question that makes the same point.
    #[arg(long, value_name = "FILE")]
    pub avoid: Vec<PathBuf>,
    /// The folder to write the loop file and the rounds' plans to
    /// [default: out/LEVEL-ROLE-loop].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Run `runbook loop`.
pub fn run(args: &Args, content: &Content) -> Result<(), Error> {
    let (bank, _) = Bank::load_valid(content)?;
    let plan_args = PlanArgs {
        who: args.who.clone(),
        minutes: DEFAULT_MINUTES,
        seed: args.seed,
        topic: Vec::new(),
        include: Vec::new(),
        exclude: Vec::new(),
        avoid: args.avoid.clone(),
    };
    let base = plan_args.request(&bank)?;
    let loops = bank.loops();
    let spec = match &args.rounds {
        Some(spec) => spec.clone(),
        None => loops
            .default_for(&base.role, base.level)
            .map(|d| d.rounds.join(","))
            .ok_or_else(|| {
                Error::Usage(format!(
                    "{} has no loop for a {} {}; give --rounds",
                    bank.origin(),
                    base.level,
                    base.role
                ))
            })?,
    };
    let rounds = loops
        .parse(&spec)
        .map_err(|why| Error::Usage(format!("--rounds: {why}")))?;
    let mut command = format!(
        "runbook loop --role {} --level {} --seed {}",
        base.role, base.level, base.seed
    );
    if args.rounds.is_some() {
        command.push_str(&format!(" --rounds \"{spec}\""));
    }
    for file in &base.avoid_files {
        command.push_str(&format!(" --avoid {file}"));
    }
    let planned = interview_loop::plan(&bank, &base, &rounds, &command)?;
    let dir = args.output.clone().unwrap_or_else(|| {
        Path::new(DEFAULT_OUT_DIR).join(format!("{}-{}-loop", base.level, base.role))
    });
    let mut files = vec![(dir.join(LOOP_FILE), planned.file.to_yaml()?.into_bytes())];
    for (name, drawn) in &planned.rounds {
        files.push((dir.join(name), drawn.plan.to_yaml()?.into_bytes()));
    }
    for (_, drawn) in &planned.rounds {
        for warning in &drawn.warnings {
            output::note(format_args!("warning: {warning}"));
        }
    }
    for warning in &planned.warnings {
        output::note(format_args!("warning: {warning}"));
    }
    output::write_all_atomic(&files)?;
    output::note(format_args!(
        "{}, {} rounds, seed {}:",
        planned.file.title,
        rounds.len(),
        base.seed
    ));
    for (n, (round, (_, drawn))) in planned.file.rounds.iter().zip(&planned.rounds).enumerate() {
        let plan = &drawn.plan;
        let used: u32 = plan.items().map(|i| i.minutes).sum();
        let mut topics: Vec<&str> = plan
            .items()
            .filter_map(|i| bank.question(&i.id.value))
            .map(|q| bank.topic_title(&q.topic))
            .collect();
        topics.sort_unstable();
        topics.dedup();
        output::note(format_args!(
            "  {}. {} ({} min): {} questions, {used} question minutes; {}",
            n + 1,
            round.title,
            round.minutes,
            plan.items().count(),
            topics.join(", ")
        ));
    }
    output::note(format_args!("wrote {}", dir.display()));
    Ok(())
}
