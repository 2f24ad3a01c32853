//! `runbook loop` and rendering a loop, through the binary.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::planning::{questions, seeds};
use crate::support::{Runbook, plan_ids, tool};

const ROLES: [&str; 5] = ["backend", "data", "ml", "devops", "generalist"];
const LEVELS: [&str; 5] = ["entry", "junior", "mid", "senior", "staff"];

fn read(out: &crate::support::Outcome, rel: &str) -> String {
    String::from_utf8(out.read(rel)).unwrap()
}

#[test]
fn every_default_loop_is_disjoint_respects_focus_and_is_reproducible() {
    let questions = questions();
    let seeds = seeds();
    let loops: Value = serde_saphyr::from_str(
        &std::fs::read_to_string(crate::support::repo().join("content/loops.yaml")).unwrap(),
    )
    .unwrap();
    let kinds_of = |round: &str| -> Vec<String> {
        let r = loops["rounds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == round)
            .unwrap();
        r["kinds"]
            .as_array()
            .map(|k| k.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    for role in ROLES {
        for level in LEVELS {
            for seed in ["1", "2"] {
                let args = [
                    "loop", "--role", role, "--level", level, "--seed", seed, "-o", "l",
                ];
                let out = Runbook::new().args(args).run().success();
                let again = Runbook::new().args(args).run().success();
                let case = format!("{level} {role} seed {seed}");
                let looped: Value = serde_saphyr::from_str(&read(&out, "l/loop.yaml")).unwrap();
                assert_eq!(
                    read(&out, "l/loop.yaml"),
                    read(&again, "l/loop.yaml"),
                    "{case}"
                );
                let mut asked = BTreeSet::new();
                let mut points = BTreeSet::new();
                for round in looped["rounds"].as_array().unwrap() {
                    let file = format!("l/{}", round["plan"].as_str().unwrap());
                    let plan = read(&out, &file);
                    assert_eq!(
                        plan,
                        read(&again, &file),
                        "{case}: {file} differs between runs"
                    );
                    let ids = plan_ids(&plan);
                    assert!(!ids.is_empty(), "{case}: {file} is empty");
                    let kinds = kinds_of(round["name"].as_str().unwrap());
                    for id in &ids {
                        assert!(asked.insert(id.clone()), "{case}: {id} asked twice");
                        for s in &seeds[id] {
                            assert!(
                                points.insert(s.clone()),
                                "{case}: point {s} made twice ({id})"
                            );
                        }
                        let kind = &questions[id].1;
                        assert!(
                            kinds.is_empty() || kinds.contains(kind),
                            "{case}: {id} is {kind}, round {} wants {kinds:?}",
                            round["name"]
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn rounds_flag_overrides_and_bad_specs_are_usage_errors() {
    let out = Runbook::new()
        .args(["loop", "--role", "backend", "--level", "mid", "-o", "l"])
        .args(["--rounds", "coding:60,system-design:60,behavioral:45"])
        .run()
        .success();
    let looped = read(&out, "l/loop.yaml");
    for file in [
        "round-1-coding.yaml",
        "round-2-system-design.yaml",
        "round-3-behavioural.yaml",
    ] {
        assert!(looped.contains(file), "{looped}");
    }
    let parsed: Value = serde_saphyr::from_str(&looped).unwrap();
    let command = parsed["command"].as_str().unwrap();
    assert!(
        command.contains("--rounds \"coding:60,system-design:60,behavioral:45\""),
        "{command}"
    );
    for (spec, says) in [
        ("coding", "has no minutes"),
        ("codng:60", "did you mean `coding`?"),
        ("coding:5", "minutes must be a whole number from 10 to 240"),
        ("coding:x", "minutes must be a whole number"),
        ("", "no rounds given"),
    ] {
        Runbook::new()
            .args([
                "loop", "--role", "backend", "--level", "mid", "--rounds", spec,
            ])
            .run()
            .status(2)
            .stderr_has(says);
    }
}

#[test]
fn a_second_loop_avoids_the_first() {
    let first = Runbook::new()
        .args("loop --role data --level mid -o a".split(' '))
        .run()
        .success();
    let mut run = Runbook::new();
    let mut earlier = BTreeSet::new();
    let looped = read(&first, "a/loop.yaml");
    let mut avoid = Vec::new();
    for line in looped
        .lines()
        .filter_map(|l| l.trim().strip_prefix("plan: "))
    {
        let plan = first.read(&format!("a/{line}"));
        earlier.extend(plan_ids(&String::from_utf8(plan.clone()).unwrap()));
        run = run.file(&format!("a/{line}"), plan);
        avoid.push("--avoid".to_string());
        avoid.push(format!("a/{line}"));
    }
    let second = run
        .args("loop --role data --level mid --seed 2 -o b".split(' '))
        .args(avoid)
        .run()
        .success();
    let looped = read(&second, "b/loop.yaml");
    for line in looped
        .lines()
        .filter_map(|l| l.trim().strip_prefix("plan: "))
    {
        for id in plan_ids(&read(&second, &format!("b/{line}"))) {
            assert!(!earlier.contains(&id), "{id} was in the first loop");
        }
    }
}

#[test]
fn rendering_a_loop_writes_the_overview_and_every_round() {
    let out = Runbook::new()
        .args("loop --role backend --level senior -o l".split(' '))
        .run()
        .success();
    let mut run = Runbook::new();
    let looped = read(&out, "l/loop.yaml");
    run = run.file("l/loop.yaml", looped.clone());
    let rounds: Vec<String> = looped
        .lines()
        .filter_map(|l| l.trim().strip_prefix("plan: "))
        .map(String::from)
        .collect();
    assert_eq!(rounds.len(), 4, "{looped}");
    for r in &rounds {
        run = run.file(&format!("l/{r}"), out.read(&format!("l/{r}")));
    }
    let kit = run
        .args(
            "render l/loop.yaml --format overview,overview-md,interviewer,handout -o kit"
                .split(' '),
        )
        .run()
        .success();
    let text = tool(
        "pdftotext",
        &[
            "-layout",
            kit.path("kit/loop-overview.pdf").to_str().unwrap(),
            "-",
        ],
    );
    let md = read(&kit, "kit/loop-overview.md");
    for title in [
        "Python depth",
        "Coding",
        "System design",
        "Behavioural",
        "Interviewer:",
    ] {
        assert!(
            text.contains(title),
            "{title} missing from the overview PDF:\n{text}"
        );
        assert!(
            md.contains(title),
            "{title} missing from the overview Markdown"
        );
    }
    // Every topic a round asks is a row of the table, in the PDF too.
    let questions = questions();
    let topics = crate::planning::topic_titles();
    for r in &rounds {
        for id in plan_ids(&read(&out, &format!("l/{r}"))) {
            let topic = &topics[&questions[&id].0];
            assert!(
                crate::support::flat(&text).contains(topic.as_str()),
                "{topic} missing:\n{text}"
            );
        }
        let stem = r.trim_end_matches(".yaml");
        for audience in ["interviewer", "handout"] {
            let pdf = kit.path(&format!("kit/{stem}-{audience}.pdf"));
            assert!(pdf.is_file(), "{} missing", pdf.display());
        }
    }
    // The overview is for the hiring manager; -o must be a directory.
    run = Runbook::new()
        .file("l/loop.yaml", looped)
        .file("one.pdf", "x");
    for r in &rounds {
        run = run.file(&format!("l/{r}"), out.read(&format!("l/{r}")));
    }
    run.args("render l/loop.yaml --format overview -o one.pdf".split(' '))
        .run()
        .status(2)
        .stderr_has("-o names a directory");
    // --paper is for the overview PDF too; for Markdown alone it is a usage error.
    let mut letter = Runbook::new().file("l/loop.yaml", read(&out, "l/loop.yaml"));
    for r in &rounds {
        letter = letter.file(&format!("l/{r}"), out.read(&format!("l/{r}")));
    }
    let letter = letter
        .args("render l/loop.yaml --format overview,handout-csv --paper letter -o k".split(' '))
        .run()
        .success();
    let info = tool(
        "pdfinfo",
        &[letter.path("k/loop-overview.pdf").to_str().unwrap()],
    );
    assert!(info.contains("612 x 792"), "{info}");
    let mut md = Runbook::new().file("l/loop.yaml", read(&out, "l/loop.yaml"));
    for r in &rounds {
        md = md.file(&format!("l/{r}"), out.read(&format!("l/{r}")));
    }
    md.args("render l/loop.yaml --format overview-md --paper letter -o k".split(' '))
        .run()
        .status(2)
        .stderr_has("--paper does not apply");
}

#[test]
fn check_depth_reports_every_role_and_level() {
    let out = Runbook::new().args(["check", "--depth"]).run().success();
    assert!(
        out.stdout.contains("  staff data: automation,"),
        "{}",
        out.stdout
    );
    for role in ROLES {
        for level in LEVELS {
            let row = out
                .stdout
                .lines()
                .find(|l| l.split_whitespace().take(2).eq([role, level]))
                .unwrap_or_else(|| panic!("no row for {level} {role}:\n{}", out.stdout));
            let plans: usize = row.split_whitespace().nth(2).unwrap().parse().unwrap();
            assert!(plans <= 30, "{row}");
        }
    }
    // Plain check notes the pairs that weigh a topic with no question, such
    // as a staff data engineer's data analysis.
    let plain = Runbook::new().args(["check"]).run().success();
    assert!(
        plain.stdout.contains("staff data ") && plain.stdout.contains("runbook check --depth"),
        "{}",
        plain.stdout
    );
}

#[test]
fn a_bad_loops_file_is_reported_with_its_place() {
    let run = Runbook::new().file(
        "bank/loops.yaml",
        "rounds:\n  - id: coding\n    title: Coding\n    kinds: [coding]\nloops:\n  - levels: [mid]\n    rounds: [coding:60, design:60]\n",
    );
    let out = run.args(["check", "--content", "bank"]).run().status(1);
    assert!(out.stdout.contains("loops.yaml"), "{}", out.stdout);
    assert!(
        out.stdout.contains("unknown round `design`"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("no loop for a staff"), "{}", out.stdout);
}

#[test]
fn the_loops_schema_agrees_with_check() {
    let script = crate::support::repo().join("tests/schema/validate.py");
    let schema = crate::support::repo().join("content/schema/loops.schema.json");
    let run = |file: &std::path::Path| {
        std::process::Command::new(crate::support::test_python())
            .arg(&script)
            .arg(&schema)
            .arg(file)
            .output()
            .expect("the test Python (.ci/run installs jsonschema)")
    };
    let good = run(&crate::support::repo().join("content/loops.yaml"));
    let stdout = String::from_utf8_lossy(&good.stdout);
    assert!(
        good.status.success() && stdout.contains(" 0 problem(s)"),
        "{stdout}"
    );
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("loops.yaml");
    std::fs::write(
        &bad,
        "rounds:\n  - id: Coding\n    title: C\n    kinds: [typing]\nloops:\n  - levels: [mid]\n    rounds: [coding]\n",
    )
    .unwrap();
    let out = run(&bad);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    for problem in [
        "'Coding' does not match",
        "'typing' is not one of",
        "'coding' does not match",
    ] {
        assert!(stdout.contains(problem), "missing {problem:?} in {stdout}");
    }
}
