//! `runbook plan`.

use crate::support::{Runbook, fixture};

use crate::support::plan_ids as ids;

/// `(start, minutes)` of every item, in order.
fn times(plan: &str) -> Vec<(u32, u32)> {
    let lines: Vec<&str> = plan.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim().starts_with("- id: "))
        .map(|(i, _)| {
            let num = |l: &str| l.split(':').nth(1).unwrap().trim().parse::<u32>().unwrap();
            (num(lines[i + 1]), num(lines[i + 2]))
        })
        .collect()
}

#[test]
fn senior_backend_plan_has_all_sections_within_budget() {
    let out = Runbook::new()
        .args(["plan", "--role", "backend", "--level", "senior"])
        .run()
        .success()
        .stdout_has("title: Senior Backend engineer interview")
        .stdout_has("role: backend")
        .stdout_has("level: senior")
        .stdout_has("minutes: 60")
        .stdout_has("seed: 1")
        .stdout_has("kind: introductions")
        .stdout_has("kind: warm-up")
        .stdout_has("kind: core")
        .stdout_has("kind: deep-dive")
        .stdout_has("kind: candidate-questions")
        .stderr_has("Senior Backend engineer interview:");
    let times = times(&out.stdout);
    assert!(times.len() >= 5, "{}", out.stdout);
    let end = times.last().map(|(s, m)| s + m).unwrap();
    assert!(end <= 50, "questions end at {end}\n{}", out.stdout);
    for pair in times.windows(2) {
        assert_eq!(pair[0].0 + pair[0].1, pair[1].0, "items are back to back");
    }
}

#[test]
fn same_flags_same_bytes_and_seed_changes_the_plan() {
    let run = |seed: &str| {
        Runbook::new()
            .args(["plan", "--role", "data", "--level", "mid", "--seed", seed])
            .run()
            .success()
            .stdout
    };
    assert_eq!(run("5"), run("5"));
    assert_ne!(ids(&run("5")), ids(&run("6")));
}

#[test]
fn default_seed_is_fixed() {
    let a = Runbook::new()
        .args(["plan", "--role", "ml", "--level", "junior"])
        .run()
        .success();
    let b = Runbook::new()
        .args(["plan", "--role", "ml", "--level", "junior", "--seed", "1"])
        .run()
        .success();
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn writes_to_a_file_atomically() {
    let out = Runbook::new()
        .args([
            "plan",
            "--role",
            "devops",
            "--level",
            "mid",
            "-o",
            "plans/round1.yaml",
        ])
        .run()
        .success();
    let text = String::from_utf8(out.read("plans/round1.yaml")).unwrap();
    assert!(text.starts_with("title: Mid-level DevOps"), "{text}");
    assert!(out.stdout.is_empty());
    let names: Vec<_> = std::fs::read_dir(out.path("plans")).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
}

#[test]
fn include_exclude_and_avoid() {
    let first = Runbook::new()
        .args([
            "plan",
            "--role",
            "generalist",
            "--level",
            "mid",
            "-o",
            "round1.yaml",
        ])
        .run()
        .success();
    let round1 = String::from_utf8(first.read("round1.yaml")).unwrap();
    let asked = ids(&round1);
    let second = Runbook::new()
        .file("round1.yaml", &round1)
        .args([
            "plan",
            "--role",
            "generalist",
            "--level",
            "mid",
            "--avoid",
            "round1.yaml",
        ])
        .run()
        .success();
    for id in ids(&second.stdout) {
        assert!(!asked.contains(&id), "{id} was asked in round 1");
    }
    let forced = &asked[0];
    let third = Runbook::new()
        .file("avoid.txt", "# ids, one per line\n")
        .args([
            "plan",
            "--role",
            "generalist",
            "--level",
            "mid",
            "--seed",
            "99",
            "--include",
        ])
        .args([forced])
        .args(["--exclude", &asked[1], "--avoid", "avoid.txt"])
        .run()
        .success();
    let third_ids = ids(&third.stdout);
    assert!(third_ids.contains(forced));
    assert!(!third_ids.contains(&asked[1]));
}

#[test]
fn years_pick_the_level() {
    Runbook::new()
        .args(["plan", "--role", "backend", "--years", "7"])
        .run()
        .success()
        .stdout_has("level: senior");
    Runbook::new()
        .args(["plan", "--role", "backend", "--level", "expert"])
        .run()
        .success()
        .stdout_has("level: staff");
}

#[test]
fn topic_restricts_the_plan() {
    let out = Runbook::new()
        .args([
            "plan",
            "--role",
            "backend",
            "--level",
            "mid",
            "--topic",
            "asyncio",
            "--format-check",
        ])
        .run();
    // An unknown flag is a usage error from the parser.
    assert_eq!(out.status, 2);
    let out = Runbook::new()
        .args([
            "plan",
            "--role",
            "backend",
            "--level",
            "mid",
            "--topic",
            "asyncio",
            "--topic",
            "behavioral",
        ])
        .run()
        .success();
    let list = Runbook::new()
        .args([
            "list",
            "--topic",
            "asyncio",
            "--topic",
            "behavioral",
            "--format",
            "json",
        ])
        .run()
        .success();
    let allowed: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let allowed: Vec<&str> = allowed
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    for id in ids(&out.stdout) {
        assert!(allowed.contains(&id.as_str()), "{id} is off topic");
    }
}

#[test]
fn usage_errors_exit_2() {
    for (args, message) in [
        (vec!["plan", "--level", "senior"], "--role is required"),
        (
            vec!["plan", "--role", "backend"],
            "--level or --years is required",
        ),
        (
            vec!["plan", "--role", "frontend", "--level", "senior"],
            "valid roles: backend, data, ml, devops, generalist",
        ),
        (
            vec!["plan", "--role", "backend", "--level", "guru"],
            "valid levels:",
        ),
        (
            vec![
                "plan",
                "--role",
                "backend",
                "--level",
                "mid",
                "--include",
                "no-such-question",
            ],
            "no question `no-such-question`",
        ),
        (
            vec![
                "plan",
                "--role",
                "backend",
                "--level",
                "mid",
                "--minutes",
                "5",
            ],
            "at least 10 minutes",
        ),
    ] {
        Runbook::new()
            .args(args)
            .run()
            .status(2)
            .stderr_has(message);
    }
}

#[test]
fn impossible_requests_are_clear_errors() {
    let tiny = fixture("tiny");
    Runbook::new()
        .args(["plan", "--role", "backend", "--level", "staff", "--content"])
        .args([&tiny])
        .run()
        .status(1)
        .stderr_has("no question in")
        .stderr_has("suits a staff backend engineer");
    Runbook::new()
        .args([
            "plan",
            "--role",
            "backend",
            "--level",
            "mid",
            "--minutes",
            "10",
            "--include",
            "scope-lookup-order",
            "--content",
        ])
        .args([&tiny])
        .run()
        .status(1)
        .stderr_has("the included questions need 8 minutes");
}

#[test]
fn avoid_file_that_is_not_ids_is_an_error() {
    Runbook::new()
        .file("notes.txt", "Ask about the GIL\n")
        .args([
            "plan",
            "--role",
            "backend",
            "--level",
            "mid",
            "--avoid",
            "notes.txt",
        ])
        .run()
        .status(2)
        .stderr_has("notes.txt:1: `Ask about the GIL` is not a question id");
}

#[test]
fn every_role_and_level_can_be_planned() {
    let list = Runbook::new()
        .args(["list", "--format", "json"])
        .run()
        .success();
    let bank: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let topic_of = |id: &str| {
        bank.as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .map(|q| q["topic"].as_str().unwrap().to_string())
            .unwrap()
    };
    for role in ["backend", "data", "ml", "devops", "generalist"] {
        for level in ["entry", "junior", "mid", "senior", "staff"] {
            let out = Runbook::new()
                .args(["plan", "--role", role, "--level", level])
                .run()
                .success();
            let times = times(&out.stdout);
            let used: u32 = times.iter().map(|t| t.1).sum();
            let fewest = if level == "staff" { 3 } else { 4 };
            assert!(
                times.len() >= fewest,
                "{role} {level}: only {} questions",
                times.len()
            );
            assert!(
                used >= 35,
                "{role} {level}: only {used} of 45 question minutes used"
            );
            if level == "senior" || level == "staff" {
                assert!(
                    out.stdout.contains("kind: deep-dive"),
                    "{role} {level} has no deep dive"
                );
            }
            // Topics the role does not weigh never appear.
            let off_role: &[&str] = match role {
                "backend" => &["data-analysis", "machine-learning"],
                "devops" => &["data-analysis", "machine-learning", "web-frameworks"],
                "ml" => &["web-frameworks", "api-design", "task-queues"],
                _ => &[],
            };
            for id in ids(&out.stdout) {
                let topic = topic_of(&id);
                assert!(
                    !off_role.contains(&topic.as_str()),
                    "{role} {level} asks {id} ({topic})"
                );
            }
        }
    }
}
