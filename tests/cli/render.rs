//! `runbook render`: plan files, plan flags, output naming and bad input.

use crate::support::{Runbook, fixture, tool};

#[test]
fn plan_flags_render_to_out_with_role_level_names() {
    let out = Runbook::new()
        .args([
            "render",
            "--role",
            "data",
            "--level",
            "junior",
            "--format",
            "interviewer,handout,markdown,handout-md,csv,anki,anki-txt",
        ])
        .run()
        .success();
    for name in [
        "junior-data-interviewer.pdf",
        "junior-data-handout.pdf",
        "junior-data-interviewer.md",
        "junior-data-handout.md",
        "junior-data-interviewer.csv",
        "junior-data.apkg",
        "junior-data-anki.txt",
    ] {
        assert!(out.read(&format!("out/{name}")).len() > 100, "{name}");
    }
}

#[test]
fn a_plan_file_renders_to_a_named_file() {
    let planned = Runbook::new()
        .args(["plan", "--role", "ml", "--level", "mid", "-o", "plan.yaml"])
        .run()
        .success();
    let plan = planned.read("plan.yaml");
    let out = Runbook::new()
        .file("plan.yaml", &plan)
        .args([
            "render",
            "plan.yaml",
            "--format",
            "markdown",
            "-o",
            "script.md",
        ])
        .run()
        .success();
    let md = String::from_utf8(out.read("script.md")).unwrap();
    assert!(
        md.starts_with("# Mid-level Machine learning engineer interview"),
        "{md}"
    );
    assert!(md.contains("## Q1/"), "{md}");
}

#[test]
fn several_formats_go_into_the_output_directory() {
    let out = Runbook::new()
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--format",
            "csv,markdown",
            "-o",
            "round1",
        ])
        .run()
        .success();
    assert!(out.path("round1/mid-backend-interviewer.csv").is_file());
    assert!(out.path("round1/mid-backend-interviewer.md").is_file());
}

#[test]
fn markdown_matches_the_plan() {
    let out = Runbook::new()
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "senior",
            "--format",
            "markdown,handout-md",
            "-o",
            "md",
        ])
        .run()
        .success();
    let script = String::from_utf8(out.read("md/senior-backend-interviewer.md")).unwrap();
    for part in [
        "## Agenda",
        "## How to score",
        "# Scorecard",
        "### Expected answer",
        "- [ ] ",
        "| Score | What it sounds like | Mark |",
        "<!-- notes 5 -->",
    ] {
        assert!(script.contains(part), "{part}");
    }
    let handout = String::from_utf8(out.read("md/senior-backend-handout.md")).unwrap();
    assert!(handout.contains("## Question 1 of"), "{handout}");
    assert!(!handout.contains("Expected answer"));
}

#[test]
fn unknown_ids_in_a_plan_are_named_with_their_location() {
    let plan = "title: T\nrole: backend\nlevel: mid\nminutes: 60\nseed: 1\nbank: 0\nsections:\n- kind: core\n  start: 0\n  minutes: 10\n  items:\n  - id: gil-what-it-protects\n    start: 0\n    minutes: 5\n  - id: no-such-question\n    start: 5\n    minutes: 5\n";
    Runbook::new()
        .file("plan.yaml", plan)
        .args(["render", "plan.yaml", "--format", "csv", "-o", "x.csv"])
        .run()
        .status(1)
        .stderr_has("plan.yaml:15:9: error: no question `no-such-question`");
}

#[test]
fn a_plan_from_another_bank_renders_with_a_warning() {
    let planned = Runbook::new()
        .args([
            "plan",
            "--role",
            "backend",
            "--level",
            "mid",
            "-o",
            "plan.yaml",
        ])
        .run()
        .success();
    let plan = String::from_utf8(planned.read("plan.yaml")).unwrap();
    let old = plan
        .lines()
        .map(|l| {
            if l.starts_with("bank: ") {
                "bank: 0123456789abcdef"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    Runbook::new()
        .file("plan.yaml", old)
        .args(["render", "plan.yaml", "--format", "csv", "-o", "x.csv"])
        .run()
        .success()
        .stderr_has("this plan was made from bank 0123456789abcdef");
}

#[test]
fn malformed_plan_names_file_line_and_column() {
    Runbook::new()
        .file("plan.yaml", "title: T\nrole: backend\nlevle: mid\n")
        .args(["render", "plan.yaml"])
        .run()
        .status(1)
        .stderr_has("plan.yaml:3:1: error: unknown field `levle`")
        .stderr_has("did you mean `level`?");
}

#[test]
fn missing_plan_is_an_error() {
    Runbook::new()
        .args(["render", "nowhere.yaml"])
        .run()
        .status(1)
        .stderr_has("reading plan nowhere.yaml");
}

#[test]
fn plan_file_and_plan_flags_together_are_a_usage_error() {
    Runbook::new()
        .file("plan.yaml", "x")
        .args(["render", "plan.yaml", "--role", "backend", "--level", "mid"])
        .run()
        .status(2)
        .stderr_has("not both");
}

#[test]
fn unknown_format_lists_the_formats() {
    Runbook::new()
        .args([
            "render", "--role", "backend", "--level", "mid", "--format", "docx",
        ])
        .run()
        .status(2)
        .stderr_has("unknown format `docx`; formats: interviewer, handout");
}

#[test]
fn failed_runs_leave_no_partial_file_and_keep_good_ones() {
    let bad_plan = "title: T\nrole: backend\nlevel: mid\nminutes: 60\nseed: 1\nbank: 0\nsections:\n- kind: core\n  start: 0\n  minutes: 5\n  items:\n  - id: no-such-question\n    start: 0\n    minutes: 5\n";
    let out = Runbook::new()
        .file("good.pdf", "a good file")
        .file("plan.yaml", bad_plan)
        .args([
            "render",
            "plan.yaml",
            "--format",
            "interviewer",
            "-o",
            "good.pdf",
        ])
        .run()
        .status(1);
    assert_eq!(out.read("good.pdf"), b"a good file");
    // A format that fails after another succeeded writes neither.
    let out = Runbook::new()
        .file("tpl/interviewer.md.hbs", "{{#each}")
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--format",
            "csv,interviewer",
            "--templates",
            "tpl",
            "-o",
            "both",
        ])
        .run()
        .status(1);
    assert!(
        !out.path("both").exists(),
        "nothing is written when a format fails"
    );
}

#[test]
fn a_write_that_fails_part_way_keeps_the_old_file_and_leaves_no_temp() {
    // The first KiB go through, then the file-size limit refuses the rest:
    // the temporary file is half written when the write fails.
    let out = Runbook::new()
        .file("kit/senior.pdf", "a good file")
        .file_size_limit_kib(8)
        .args(
            "render --role backend --level senior --format interviewer -o kit/senior.pdf"
                .split(' '),
        )
        .run()
        .status(1)
        .stderr_has("kit/senior.pdf");
    assert_eq!(out.read("kit/senior.pdf"), b"a good file");
    let names: Vec<_> = std::fs::read_dir(out.path("kit"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["senior.pdf"], "no temporary file is left behind");
}

#[test]
fn unwritable_output_is_an_error_with_the_path() {
    let out = Runbook::new()
        .file("blocker", "a file where a directory should be")
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--format",
            "csv",
            "-o",
            "blocker/x.csv",
        ])
        .run()
        .status(1)
        .stderr_has("blocker");
    assert_eq!(out.read("blocker"), b"a file where a directory should be");
}

#[test]
fn template_errors_name_the_template_line_and_column() {
    Runbook::new()
        .file(
            "tpl/interviewer.md.hbs",
            "# {{title}}\n\n{{#each sections}}\n{{/if}}\n",
        )
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--templates",
            "tpl",
            "-o",
            "x.pdf",
        ])
        .run()
        .status(1)
        .stderr_has("tpl/interviewer.md.hbs:4:");
}

#[test]
fn tiny_bank_renders_every_format() {
    Runbook::new()
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "junior",
            "--minutes",
            "30",
            "--format",
            "interviewer,handout,csv,anki",
            "--content",
        ])
        .args([fixture("tiny")])
        .run()
        .success();
}

#[test]
fn only_regular_files_are_replaced_and_their_mode_is_kept() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let run = Runbook::new().file("private.csv", "old");
    let dir = run.dir().to_path_buf();
    std::fs::set_permissions(
        dir.join("private.csv"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    tool("mkfifo", &[&dir.join("pipe.csv").display().to_string()]);
    let out = run
        .args("render --role data --level mid --format csv -o pipe.csv".split(' '))
        .run()
        .status(1)
        .stderr_has("not a regular file");
    let pipe = std::fs::symlink_metadata(out.path("pipe.csv")).unwrap();
    assert!(pipe.file_type().is_fifo(), "the FIFO is still there");
    let out = Runbook::new()
        .file("private.csv", "old")
        .args("render --role data --level mid --format csv -o private.csv".split(' '));
    let dir = out.dir().to_path_buf();
    std::fs::set_permissions(
        dir.join("private.csv"),
        std::fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    let out = out.run().success();
    let mode = std::fs::metadata(out.path("private.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "a private copy stays private");
    assert_ne!(out.read("private.csv"), b"old");
}

#[test]
fn names_say_the_audience_and_never_collide() {
    let run = Runbook::new()
        .args("plan --role backend --level mid -o round1.yaml".split(' '))
        .run()
        .success();
    let plan = run.read("round1.yaml");
    // Outputs are named after the plan file and say who they are for.
    let out = Runbook::new()
        .file("round1.yaml", &plan)
        .args("render round1.yaml --format interviewer,handout,interviewer-csv,handout-csv,markdown,handout-md -o kit".split(' '))
        .run()
        .success();
    for name in [
        "round1-interviewer.pdf",
        "round1-handout.pdf",
        "round1-interviewer.csv",
        "round1-handout.csv",
        "round1-interviewer.md",
        "round1-handout.md",
    ] {
        assert!(out.path(&format!("kit/{name}")).is_file(), "{name}");
    }
    // Plan flags with another seed name another file than the default seed.
    let seeded = Runbook::new()
        .args("render --role backend --level mid --seed 7 --format interviewer".split(' '))
        .run()
        .success();
    assert!(
        seeded
            .path("out/mid-backend-seed-7-interviewer.pdf")
            .is_file()
    );
    // -o FILE with several formats is a usage error, not a directory named FILE.
    let one = Runbook::new()
        .args(
            "render --role backend --level mid --format interviewer,handout -o single.pdf"
                .split(' '),
        )
        .run()
        .status(2)
        .stderr_has("give a directory with -o");
    assert!(!one.path("single.pdf").exists());
    // Plain `csv` is the interviewer's and says so; --audience candidate picks the handout's.
    let csv = Runbook::new()
        .args("render --role backend --level mid --format handout,csv -o k".split(' '))
        .run()
        .success()
        .stderr_has("`csv` is the interviewer's CSV, with answers");
    assert!(csv.path("k/mid-backend-interviewer.csv").is_file());
    let candidate = Runbook::new()
        .args("render --role backend --level mid --format csv --audience candidate".split(' '))
        .run()
        .success();
    let text = String::from_utf8(candidate.read("out/mid-backend-handout.csv")).unwrap();
    assert!(text.starts_with("question,section,"), "{text}");
    // export writes study sets; an interview script is render's.
    Runbook::new()
        .args("export --format interviewer".split(' '))
        .run()
        .status(2)
        .stderr_has("export writes pdf, markdown");
}
