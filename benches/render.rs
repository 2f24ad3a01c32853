//! Rendering: the interviewer PDF of a 60-minute plan, the study guide of the
//! whole built-in bank, CSV and Anki of the built-in bank, and Anki of a
//! generated bank of 10,000 questions.

use criterion::{Criterion, criterion_group, criterion_main};
use interview_runbook::document::Document;
use interview_runbook::render::{self, Context};
use interview_runbook::template::Templates;
use interview_runbook::timestamp::Timestamp;
use interview_runbook::{Bank, Content, Level, PlanRequest, Planner};

mod support;

fn study<'b>(bank: &'b Bank) -> Document<'b> {
    let questions: Vec<_> = bank.questions.iter().collect();
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
    group.finish();
}

criterion_group!(benches, renders);
criterion_main!(benches);
