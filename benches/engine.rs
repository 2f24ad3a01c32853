//! Loading, validating and planning, on the built-in bank and on generated
//! banks of 1,000 and 10,000 questions.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use interview_runbook::{Bank, Content, Level, PlanRequest, Planner};

mod support;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load and validate");
    group.sample_size(10);
    group.bench_function("built-in", |b| {
        b.iter(|| Bank::load(&Content::Builtin).unwrap())
    });
    for n in support::SIZES {
        let content = Content::Dir(support::bank(n));
        group.bench_with_input(BenchmarkId::new("generated", n), &content, |b, content| {
            b.iter(|| Bank::load(content).unwrap())
        });
    }
    group.finish();
}

fn plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan");
    let request = PlanRequest::new("backend", Level::Senior);
    let (bank, _) = Bank::load_valid(&Content::Builtin).unwrap();
    group.bench_function("built-in", |b| {
        b.iter(|| Planner::new(&bank).plan(&request).unwrap())
    });
    for n in support::SIZES {
        let (bank, _) = Bank::load_valid(&Content::Dir(support::bank(n))).unwrap();
        group.bench_with_input(BenchmarkId::new("generated", n), &bank, |b, bank| {
            b.iter(|| Planner::new(bank).plan(&request).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, load, plan);
criterion_main!(benches);
