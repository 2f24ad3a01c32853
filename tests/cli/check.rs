//! `runbook check`.

use crate::support::{Runbook, fixture, repo, test_python};

#[test]
fn built_in_bank_is_valid_and_clean() {
    let out = Runbook::new().args(["check"]).run().success();
    assert!(
        out.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        out.stdout
    );
}

#[test]
fn broken_bank_reports_every_kind_of_problem() {
    let bank = fixture("broken");
    let out = Runbook::new()
        .args(["check", "--content"])
        .args([&bank])
        .run()
        .status(1);
    let file = |name: &str| format!("{}/questions/{name}", bank.display());
    let f = file("fundamentals.yaml");
    let expected = [
        // Unknown field, with a suggestion.
        format!("{f}:20:3: error: unknown field `minuts` in `typo-field`"),
        "help: did you mean `minutes`?".to_string(),
        // Missing fields, at the question.
        format!("{f}:14:3: error: question `typo-field` has no `minutes`"),
        format!("{f}:27:3: error: question `Bad_Id` has no `answer`"),
        format!("{f}:27:3: error: question `Bad_Id` has no `title`"),
        // Unknown level, role, topic, kind: list items at the item, values at their key.
        format!("{f}:18:12: error: unknown level `seniour`"),
        "did you mean `senior`?".to_string(),
        format!("{f}:19:20: error: unknown role `frontend`"),
        format!("{f}:29:3: error: unknown topic `fundamentels`"),
        "did you mean `fundamentals`?".to_string(),
        format!("{f}:33:3: error: unknown kind `trivia`"),
        // Values out of range or empty.
        format!("{f}:32:3: error: minutes must be 1 to 30, not 45"),
        format!("{f}:28:3: error: `prompt` of `Bad_Id` is empty"),
        format!("{f}:27:3: error: id `Bad_Id` is not kebab-case"),
        format!("{f}:26:3: error: rubric of `typo-field` has no anchor for 3"),
        format!(
            "{f}:77:3: error: `code` of `code-conflict` has a `reason` not to run and an expected result"
        ),
        format!(
            "{f}:66:3: warning: the prompt of `code-conflict` refers to code (\"this listing\") but the question has no exhibit"
        ),
        // Placement.
        format!(
            "{f}:51:3: error: `misplaced-topic` has topic `coding` but is in questions/fundamentals.yaml"
        ),
        format!(
            "{}: error: `misc` is not a topic in topics.yaml",
            file("misc.yaml")
        ),
        // Duplicates across the bank.
        format!("{f}:38:3: error: duplicate id `good-question`: already used at {f}:1:3"),
        // Near-duplicate prompts are a warning.
        format!(
            "{f}:94:3: warning: the prompt of `slicing-copy-again` is 71% like that of `slicing-copy`"
        ),
        // Files that are not YAML text.
        format!("{}:5:8: error:", file("strings.yaml")),
        format!("{}:2:14: error: invalid UTF-8", file("oop.yaml")),
        format!("{}:1:7: error: this is a binary file", file("typing.yaml")),
    ];
    for line in expected {
        assert!(
            out.stdout.contains(&line),
            "missing {line:?} in\n{}",
            out.stdout
        );
    }
    assert!(out.stdout.contains("19 error(s)"), "{}", out.stdout);
    assert!(
        out.stderr.contains("error: 19 error(s) in"),
        "{}",
        out.stderr
    );
}

#[test]
fn syntax_error_shows_the_line_and_a_caret() {
    let out = Runbook::new()
        .file("bank/questions/strings.yaml", "- id: x\n  prompt: a: b\n")
        .args(["check", "--content", "bank"])
        .run()
        .status(1);
    assert!(
        out.stdout.contains("bank/questions/strings.yaml:2:"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("2 |   prompt: a: b"), "{}", out.stdout);
    assert!(out.stdout.contains("^"), "{}", out.stdout);
}

#[test]
fn yaml_bomb_is_rejected_quickly_with_a_location() {
    // Unknown fields are skipped over, so the aliases are expanded there.
    let mut bomb = String::from("- id: bomb\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for name in names {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("  {name}: &{name} [{refs}]\n"));
        prev = name;
    }
    let out = Runbook::new()
        .file("bank/questions/strings.yaml", bomb)
        .args(["check", "--content", "bank"])
        .run()
        .status(1);
    assert!(
        out.stdout.contains("bank/questions/strings.yaml:"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("budget") || out.stdout.contains("alias"),
        "{}",
        out.stdout
    );
}

#[test]
fn huge_file_is_refused_without_parsing() {
    let big = "# padding\n".repeat(5_000_000);
    let out = Runbook::new()
        .file("bank/questions/strings.yaml", big)
        .args(["check", "--content", "bank"])
        .run()
        .status(1);
    assert!(
        out.stdout
            .contains("strings.yaml: error: the file is larger than the limit of 32 MB"),
        "{}",
        out.stdout
    );
}

#[test]
fn empty_question_file_is_fine() {
    Runbook::new()
        .file("bank/questions/strings.yaml", "")
        .args(["check", "--content", "bank"])
        .run()
        .success()
        .stdout_has("0 questions");
}

#[test]
fn missing_bank_directory_is_a_usage_error() {
    Runbook::new()
        .args(["check", "--content", "no-such-dir"])
        .run()
        .status(2)
        .stderr_has("no-such-dir is not a directory");
}

#[test]
fn other_commands_refuse_a_broken_bank() {
    Runbook::new()
        .args(["list", "--content"])
        .args([fixture("broken")])
        .run()
        .status(1)
        .stderr_has("run `runbook check` to see them all");
}

#[test]
fn the_published_schema_agrees_with_check() {
    let schema = repo().join("content/schema/question.schema.json");
    let script = repo().join("tests/schema/validate.py");
    let run = |files: Vec<std::path::PathBuf>| {
        std::process::Command::new(test_python())
            .arg(&script)
            .arg(&schema)
            .args(files)
            .output()
            .expect("the test Python (.ci/run installs jsonschema)")
    };
    let yaml_in = |dir: std::path::PathBuf| -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        files
    };
    let good = run(yaml_in(repo().join("content/questions")));
    let stdout = String::from_utf8_lossy(&good.stdout);
    assert!(
        good.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(stdout.contains(" 0 problem(s)"), "{stdout}");
    // The broken fixture's typos and bad values are schema errors too.
    let bad = run(vec![fixture("broken").join("questions/fundamentals.yaml")]);
    let stdout = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{stdout}");
    for problem in [
        "'Bad_Id' does not match",
        "45 is greater than the maximum of 30",
        "'minuts' was unexpected",
    ] {
        assert!(stdout.contains(problem), "missing {problem:?} in {stdout}");
    }
}
