//! A bounded mutation fuzzer that runs with the suite. It mutates the tiny
//! bank's question file (raw bytes, and Markdown poured into the prompt and
//! answer) and a plan file, then loads, checks, plans and renders every
//! format in-process. A panic is a failure; the input is saved under
//! `target/fuzz-failures/` and the seed printed, so the case can be rerun.
//! A crash that kills the process (a stack overflow) leaves the input it was
//! on in `target/fuzz-failures/<target>-current`.
//!
//! Each target runs for `RUNBOOK_FUZZ_SECONDS` (default 10) from seed
//! `RUNBOOK_FUZZ_SEED` (default: the clock). To run longer:
//! `RUNBOOK_FUZZ_SECONDS=600 cargo test --release --test fuzz`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use interview_runbook::plan::rng::SplitMix64 as Rng;
use interview_runbook::render::document::Document;
use interview_runbook::render::template::Templates;
use interview_runbook::render::{self, Context};
use interview_runbook::timestamp::Timestamp;
use interview_runbook::{Bank, Content, Level, Plan, PlanRequest, Planner};

/// Markdown and YAML fragments that have broken parsers before.
const TOKENS: &[&str] = &[
    ">",
    "> ",
    "- ",
    "1. ",
    "* ",
    "  ",
    "\n",
    "\n\n",
    "`",
    "```",
    "```python\n",
    "**",
    "_",
    "[",
    "](",
    ")",
    "![a](https://x.example/p.png)",
    "[l](javascript:alert(1))",
    "<b>",
    "</b>",
    "&amp;",
    "|",
    "| a | b |\n|---|---|\n",
    "#",
    "## ",
    "\t",
    "\\",
    "\"",
    "'",
    ": ",
    "{{",
    "}}",
    "Ａ",
    "😀",
    "\u{301}",
    "\u{200b}",
    "x",
    "word ",
    "-",
    "---\n",
    "    code\n",
];

fn budget() -> Duration {
    let secs = std::env::var("RUNBOOK_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    Duration::from_secs(secs)
}

fn seed() -> u64 {
    std::env::var("RUNBOOK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

fn failures() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run `case` on inputs from `generate` until the time is up.
fn fuzz(target: &str, generate: impl Fn(&mut Rng) -> String, case: impl Fn(&str)) {
    let seed = seed();
    let mut rng = Rng::new(seed);
    let current = failures().join(format!("{target}-current"));
    let started = Instant::now();
    let mut runs = 0u64;
    while started.elapsed() < budget() {
        let input = generate(&mut rng);
        std::fs::write(&current, &input).unwrap();
        if catch_unwind(AssertUnwindSafe(|| case(&input))).is_err() {
            let saved = failures().join(format!("{target}-{seed}-{runs}.txt"));
            std::fs::write(&saved, &input).unwrap();
            panic!(
                "{target}: a panic on the input saved in {} (seed {seed})",
                saved.display()
            );
        }
        runs += 1;
    }
    let _ = std::fs::remove_file(&current);
    eprintln!(
        "{target}: {runs} inputs in {:?}, seed {seed}",
        started.elapsed()
    );
    assert!(runs > 0);
}

/// `text` changed in one to eight random ways.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + rng.below(200)).min(bytes.len());
                let chunk = bytes[at..end].to_vec();
                bytes.splice(at..at, chunk);
            }
            _ => {
                let token = TOKENS[rng.below(TOKENS.len())].repeat(1 + rng.below(3));
                bytes.splice(at..at, token.bytes());
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Random Markdown from the tokens, sometimes deeply repeated.
fn markdown(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(60) {
        let token = TOKENS[rng.below(TOKENS.len())];
        let times = if rng.below(20) == 0 {
            1 + rng.below(300)
        } else {
            1
        };
        text.push_str(&token.repeat(times));
    }
    text
}

fn tiny_question_file() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tiny/questions/fundamentals.yaml");
    std::fs::read_to_string(path).unwrap()
}

/// How many fuzzed banks were valid and rendered.
static RENDERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Load the bank in `dir`; if it is valid, render a study set of it in every format.
fn load_and_render(dir: &Path) {
    let Ok((bank, diagnostics)) = Bank::load(&Content::new(Some(dir))) else {
        return;
    };
    if diagnostics.iter().any(|d| d.is_error()) {
        return;
    }
    RENDERED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let questions: Vec<_> = bank.questions().iter().collect();
    let doc = Document::study(&bank, &questions, None, None, Timestamp::at(1_700_000_000));
    render_everything(&doc);
}

fn render_everything(doc: &Document<'_>) {
    let templates = Templates::load(None).unwrap();
    let ctx = Context::new(&templates, doc.timestamp);
    for renderer in render::all() {
        let _ = renderer.render(doc, &ctx);
    }
}

#[test]
fn fuzz_bank_loader_and_checker() {
    let original = tiny_question_file();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("questions/fundamentals.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    fuzz(
        "bank",
        |rng| mutate(rng, &original),
        |input| {
            std::fs::write(&file, input).unwrap();
            let _ = Bank::load(&Content::new(Some(dir.path())));
        },
    );
}

#[test]
fn fuzz_markdown_in_pdf_and_cards() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("questions/fundamentals.yaml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    fuzz(
        "markdown",
        |rng| {
            let text = |rng: &mut Rng| serde_json::to_string(&markdown(rng)).unwrap();
            format!(
                "- id: fuzzed\n  title: Fuzzed\n  prompt: {}\n  topic: fundamentals\n  levels: [mid]\n  roles: [all]\n  minutes: 5\n  kind: concept\n  answer: {}\n  key_points: [{}, b, c]\n  follow_ups: [a, b]\n  red_flags: [a]\n  rubric: {{1: {}, 2: b, 3: c, 4: d}}\n",
                text(rng),
                text(rng),
                text(rng),
                text(rng)
            )
        },
        |input| {
            std::fs::write(&file, input).unwrap();
            load_and_render(dir.path());
        },
    );
    let rendered = RENDERED.load(std::sync::atomic::Ordering::Relaxed);
    eprintln!("markdown: {rendered} valid banks rendered in every format");
    assert!(rendered > 0, "the generator must produce valid banks");
}

#[test]
fn fuzz_plan_loading() {
    let (bank, _) = Bank::load(&Content::new(None)).unwrap();
    let request = PlanRequest::new("backend", Level::Senior);
    let plan = Planner::new(&bank).plan(&request).unwrap();
    let original = plan.to_yaml().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.yaml");
    fuzz(
        "plan",
        |rng| mutate(rng, &original),
        |input| {
            std::fs::write(&file, input).unwrap();
            if let Ok((plan, source)) = Plan::load(&file)
                && let Ok((doc, _)) =
                    Document::interview(&plan, &bank, Some(&source), Timestamp::at(1_700_000_000))
            {
                render_everything(&doc);
            }
        },
    );
}
