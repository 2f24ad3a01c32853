//! Rendering: the interviewer PDF of a 60-minute plan, the study guide of the
//! whole built-in bank, CSV and Anki of the built-in bank, and Anki of a
//! generated bank of 10,000 questions, next to Python's genanki building a
//! package of the same notes (benches/genanki_build.py, timed by itself, so
//! Python's start-up and YAML parsing are left out).

use criterion::{Criterion, criterion_group, criterion_main};
use interview_runbook::render::document::Document;
use interview_runbook::render::template::Templates;
use interview_runbook::render::{self, Context};
use interview_runbook::timestamp::Timestamp;
use interview_runbook::{Bank, Content, Level, PlanRequest, Planner};

mod support;

fn study<'b>(bank: &'b Bank) -> Document<'b> {
    let questions: Vec<_> = bank.questions().iter().collect();
    Document::study(bank, &questions, None, None, Timestamp::at(1_700_000_000))
}

fn renders(c: &mut Criterion) {
    let templates = Templates::load(None).unwrap();
    let ctx = Context::new(&templates, Timestamp::at(1_700_000_000));
    let (bank, _) = Bank::load_valid(&Content::Builtin).unwrap();
    let plan = Planner::new(&bank)
        .plan(&PlanRequest::new("backend", Level::Senior))
        .unwrap();
    let (interview, _) =
        Document::interview(&plan, &bank, None, Timestamp::at(1_700_000_000)).unwrap();
    let whole = study(&bank);

    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    let interviewer = render::by_name("interviewer").unwrap();
    group.bench_function("interviewer PDF, senior backend plan", |b| {
        b.iter(|| interviewer.render(&interview, &ctx).unwrap())
    });
    group.bench_function("study guide PDF, built-in bank", |b| {
        b.iter(|| interviewer.render(&whole, &ctx).unwrap())
    });
    for format in ["csv", "anki"] {
        let renderer = render::by_name(format).unwrap();
        group.bench_function(format!("{format}, built-in bank"), |b| {
            b.iter(|| renderer.render(&whole, &ctx).unwrap())
        });
    }
    let (generated, _) = Bank::load_valid(&Content::Dir(support::bank(10_000))).unwrap();
    let big = study(&generated);
    let anki = render::by_name("anki").unwrap();
    group.bench_function("anki, 10,000 generated questions", |b| {
        b.iter(|| anki.render(&big, &ctx).unwrap())
    });
    genanki(&mut group, &support::bank(10_000));
    group.finish();
}

/// genanki on the same 10,000 questions, if the Python it needs is there.
fn genanki(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    bank: &std::path::Path,
) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var_os("RUNBOOK_BENCH_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join(".venv/bin/python"));
    let ready = std::process::Command::new(&python)
        .args(["-c", "import genanki, yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ready {
        eprintln!(
            "genanki comparison skipped: {} cannot import genanki and yaml \
             (pip install -r benches/requirements.txt, or set RUNBOOK_BENCH_PYTHON)",
            python.display()
        );
        return;
    }
    let out = std::env::temp_dir().join(format!("runbook-genanki-{}.apkg", std::process::id()));
    group.bench_function("genanki 0.13.1, 10,000 generated questions", |b| {
        b.iter_custom(|iterations| {
            let output = std::process::Command::new(&python)
                .arg(root.join("benches/genanki_build.py"))
                .arg(bank)
                .arg(&out)
                .arg(iterations.to_string())
                .output()
                .expect("python runs");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let seconds: f64 = String::from_utf8_lossy(&output.stdout)
                .trim()
                .parse()
                .unwrap();
            std::time::Duration::from_secs_f64(seconds)
        })
    });
    let _ = std::fs::remove_file(&out);
}

criterion_group!(benches, renders);
criterion_main!(benches);
