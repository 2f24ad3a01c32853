//! Hostile input and faults, through the real binary: nothing hangs,
//! crashes, leaks or clobbers. Each test names the item of the hardening
//! list it covers.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Runbook, copy_dir, fixture, tool};

const BIN: &str = env!("CARGO_BIN_EXE_runbook");

/// A copy of the tiny bank whose first question has `prompt`.
fn bank_with_prompt(prompt: &str) -> Runbook {
    let run = Runbook::new();
    copy_dir(&fixture("tiny"), &run.dir().join("bank"));
    let path = run.dir().join("bank/questions/fundamentals.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let quoted = serde_json::to_string(prompt).unwrap();
    let text = text.replacen(
        "prompt: After b = a where a is a list, what happens to b when you append to a?",
        &format!("prompt: {quoted}"),
        1,
    );
    std::fs::write(path, text).unwrap();
    run
}

/// Run `runbook ARGS` through `sh -c` with `redirect` (e.g. `2>&-`) in `dir`;
/// the exit status.
fn shell(dir: &Path, args: &str, redirect: &str) -> i32 {
    Command::new("sh")
        .arg("-c")
        .arg(format!("exec \"$0\" {args} {redirect}"))
        .arg(BIN)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .status()
        .unwrap()
        .code()
        .unwrap_or(-1)
}

// 2. Deeply nested Markdown is refused by check, and nothing else crashes on it.
#[test]
fn deeply_nested_markdown_is_an_error_not_a_crash() {
    for prompt in [
        ">".repeat(12_000),
        "- 1. ".repeat(6_000),
        "1. ".repeat(12_000),
    ] {
        bank_with_prompt(&prompt)
            .args(["check", "--content", "bank"])
            .run()
            .status(1)
            .stdout_has("the limit is 10");
        bank_with_prompt(&prompt)
            .args([
                "export",
                "--content",
                "bank",
                "--format",
                "pdf",
                "-o",
                "g.pdf",
            ])
            .run()
            .status(1)
            .stderr_has("runbook check");
    }
}

// 3. "Did you mean" on a huge string stays small and quick.
#[test]
fn a_huge_unknown_topic_is_a_quick_usage_error() {
    let topic = "a".repeat(40_000);
    // 1 GB of address space is plenty for runbook and far below what the
    // quadratic edit distance needed.
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000; exec \"$0\" list --topic \"$1\"")
        .arg(BIN)
        .arg(&topic)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// 4. Templates cannot recurse, nest without end or write without end.
#[test]
fn templates_have_depth_and_output_limits_and_name_the_template() {
    let render = |template: String| {
        Runbook::new()
            .file("tpl/interviewer.md.hbs", template)
            .args(
                "render --role backend --level senior --format markdown --templates tpl -o x.md"
                    .split(' '),
            )
            .run()
    };
    render("{{> interviewer.md.hbs}}".into())
        .status(1)
        .stderr_has("tpl/interviewer.md.hbs:1:1: a partial");
    render("{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}".into())
        .status(1)
        .stderr_has("tpl/interviewer.md.hbs");
    render("{{#if title}}".repeat(20_000))
        .status(1)
        .stderr_has("blocks nest more than 32 deep");
    let flood = format!(
        "{}{}{}",
        "{{#each @root.questions}}".repeat(8),
        "x".repeat(400),
        "{{/each}}".repeat(8)
    );
    let out = render(flood)
        .status(1)
        .stderr_has("more than the limit of 128 MB");
    assert!(!out.path("x.md").exists());
}

// 5. A closed or full stderr never turns an exit status into a panic (101).
#[test]
fn closed_or_full_stderr_keeps_the_exit_status() {
    let run = Runbook::new();
    copy_dir(&fixture("broken"), &run.dir().join("broken"));
    let dir = run.dir();
    assert_eq!(shell(dir, "plan --role nope", "2>&-"), 2);
    assert_eq!(shell(dir, "plan --role nope", "2>/dev/full"), 2);
    assert_eq!(shell(dir, "--no-such-flag", "2>/dev/full"), 2);
    assert_eq!(
        shell(dir, "check --content broken", "2>/dev/full >/dev/null"),
        1
    );
    assert_eq!(
        shell(
            dir,
            "render --role backend --level mid --format csv -o a.csv",
            "2>/dev/full"
        ),
        0
    );
    assert!(dir.join("a.csv").is_file());
}

// 6 and 7. Special files and broken links as input are clear errors, at once.
#[test]
fn fifos_devices_and_broken_links_in_a_bank_are_named_errors() {
    let run = Runbook::new();
    copy_dir(&fixture("tiny"), &run.dir().join("bank"));
    let q = run.dir().join("bank/questions");
    tool("mkfifo", &[&q.join("pipe.yaml").display().to_string()]);
    let started = Instant::now();
    let out = run.args(["check", "--content", "bank"]).run().status(1);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "a FIFO must not block"
    );
    assert!(
        out.stderr
            .contains("pipe.yaml: it is a named pipe (FIFO), not a regular file")
    );
    let run = Runbook::new();
    copy_dir(&fixture("tiny"), &run.dir().join("bank"));
    let zero = run.dir().join("bank/questions/zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", zero).unwrap();
    let out = run.args(["check", "--content", "bank"]).run().status(1);
    assert!(
        out.stderr.contains("zero.yaml: it is a device"),
        "{}",
        out.stderr
    );
    let run = Runbook::new();
    copy_dir(&fixture("tiny"), &run.dir().join("bank"));
    std::os::unix::fs::symlink("/no/such/topics.yaml", run.dir().join("bank/topics.yaml")).unwrap();
    run.args(["check", "--content", "bank"])
        .run()
        .status(1)
        .stderr_has(
            "topics.yaml: it is a symbolic link to /no/such/topics.yaml, which does not exist",
        );
}

// 8. `-o -` is standard output for one format; several formats refuse it.
#[test]
fn dash_output_writes_to_standard_output() {
    let out = Runbook::new()
        .args("render --role backend --level mid --format markdown -o -".split(' '))
        .run()
        .success()
        .stdout_has("# Mid-level Backend engineer interview");
    assert!(!out.path("-").exists(), "no file named `-`");
    let out = Runbook::new()
        .args("render --role backend --level mid --format interviewer -o -".split(' '))
        .run()
        .success();
    assert!(out.stdout.starts_with("%PDF-"), "a PDF on a pipe is fine");
    Runbook::new()
        .args("render --role backend --level mid --format csv,markdown -o -".split(' '))
        .run()
        .status(2)
        .stderr_has("one format");
}

// 9. A killed export leaves no temporary file; stale ones of dead runs go.
#[test]
fn interrupted_writes_leave_no_temporary_file() {
    // A temporary file of a process that no longer exists is removed by the
    // next write into its directory; one of a live process is kept.
    let live = format!(".kit.csv.{}.0.tmp", std::process::id());
    let out = Runbook::new()
        .file("out/.kit.csv.4999999.0.tmp", "half a file")
        .file(&format!("out/{live}"), "another run's work")
        .args("render --role backend --level mid --format csv -o out/kit.csv".split(' '))
        .run()
        .success();
    assert!(!out.path("out/.kit.csv.4999999.0.tmp").exists());
    assert!(out.path(&format!("out/{live}")).exists());

    // SIGTERM and SIGINT while the temporary file exists: it is removed and
    // the process dies of the signal.
    let dir = tempfile::tempdir().unwrap();
    let mut caught = 0;
    for attempt in 0..40 {
        let signal = if attempt % 2 == 0 { "TERM" } else { "INT" };
        let mut child = Command::new(BIN)
            .args(["export", "--format", "pdf", "-o", "guide.pdf"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let found = loop {
            let temp = std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
            if temp {
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        if found {
            tool("kill", &[&format!("-{signal}"), &child.id().to_string()]);
        }
        let status = child.wait().unwrap();
        if found && status.code().is_none() {
            caught += 1;
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "left behind after SIG{signal}: {left:?}");
        if caught >= 4 {
            break;
        }
    }
    assert!(caught > 0, "never caught a write in progress");
}

// 11. Several formats in one run: all are written or none is replaced.
#[test]
fn several_formats_are_all_or_nothing() {
    let out = Runbook::new()
        .file("kit/mid-backend-interviewer.csv", "old csv")
        .file("kit/mid-backend-interviewer.pdf", "old pdf")
        .file_size_limit_kib(8)
        .args("render --role backend --level mid --format csv,interviewer -o kit".split(' '))
        .run()
        .status(1);
    assert_eq!(
        out.read("kit/mid-backend-interviewer.csv"),
        b"old csv",
        "the CSV fitted, but is not replaced alone"
    );
    assert_eq!(out.read("kit/mid-backend-interviewer.pdf"), b"old pdf");
    let names: Vec<_> = std::fs::read_dir(out.path("kit"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    // init on a full disk writes no file at all.
    let out = Runbook::new()
        .file_size_limit_kib(4)
        .args(["init", "bank"])
        .run()
        .status(1);
    let written = walk_files(&out.path("bank"));
    assert!(written.is_empty(), "init wrote part of a bank: {written:?}");
}

fn walk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().is_dir() {
                files.extend(walk_files(&e.path()));
            } else {
                files.push(e.path());
            }
        }
    }
    files
}

// 12. A closed stdout is an error; a closed pipe stays a quiet success.
#[test]
fn closed_stdout_is_an_error_and_a_closed_pipe_is_not() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(shell(dir.path(), "list", ">&- 2>/dev/null"), 1);
    assert_eq!(shell(dir.path(), "list", ">/dev/null"), 0);
    let out = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" list | head -c 1 >/dev/null; echo $?")
        .arg(BIN)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0");
    Runbook::new().args(["list"]).run().success();
}

// 13 and 14. Card links are filtered; control characters are check errors.
#[test]
fn cards_drop_unsafe_links_and_remote_images_and_controls_are_refused() {
    let out = bank_with_prompt(
        "See [x](javascript:alert(1)), [d](data:text/html,hi), ![p](https://t.example/p.gif) and [ok](https://python.org)",
    )
    .args(["export", "--content", "bank", "--format", "anki-txt", "-o", "-"])
    .run()
    .success();
    assert!(!out.stdout.contains("javascript:") && !out.stdout.contains("data:text"));
    assert!(!out.stdout.contains("<img"), "remote images are not loaded");
    assert!(out.stdout.contains("https://python.org"));
    bank_with_prompt("red \u{1b}[31m text and a bell \u{7}")
        .args(["check", "--content", "bank"])
        .run()
        .status(1)
        .stdout_has("control character");
}

/// A fresh plan written by `runbook plan`, edited by `edit`, then rendered.
fn render_edited_plan(edit: impl Fn(String) -> String) -> crate::support::Outcome {
    let out = Runbook::new()
        .args("plan --role backend --level mid -o plan.yaml".split(' '))
        .run()
        .success();
    let plan = String::from_utf8(out.read("plan.yaml")).unwrap();
    Runbook::new()
        .file("plan.yaml", edit(plan))
        .args("render plan.yaml --format csv -o p.csv".split(' '))
        .run()
}

// 15 and 18. Plans are validated as strictly as banks, with locations.
#[test]
fn plans_are_validated_with_locations() {
    let out = render_edited_plan(|p| p.replacen("minutes: 60", "minutes: \"60\"", 1)).status(1);
    assert!(
        out.stderr
            .contains("plan.yaml:4:10: error: expected a whole number"),
        "{}",
        out.stderr
    );
    let out = render_edited_plan(|p| p.replacen("  minutes: 5\n", "  minutes: 4294967290\n", 1))
        .status(1);
    assert!(
        out.stderr.contains("after the plan's 60 minutes"),
        "{}",
        out.stderr
    );
    let out = render_edited_plan(|p| {
        let ids: Vec<&str> = p
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- id: "))
            .collect();
        p.replacen(
            &format!("- id: {}", ids[1]),
            &format!("- id: {}", ids[0]),
            1,
        )
    })
    .status(1);
    assert!(
        out.stderr.contains("is already in the plan at line"),
        "{}",
        out.stderr
    );
    let out =
        render_edited_plan(|p| format!("{}sections: []\n", p.split("sections:").next().unwrap()))
            .status(1);
    assert!(
        out.stderr.contains("the plan has no questions"),
        "{}",
        out.stderr
    );
    let out = render_edited_plan(|p| p.replacen("kind: introductions", "kind: core", 1)).status(1);
    assert!(
        out.stderr.contains("sections go in interview order"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("plan.yaml:"),
        "every plan error has a location"
    );
}

// 16. A flag that does not apply to any requested format is an error.
#[test]
fn flags_that_do_not_apply_are_usage_errors() {
    Runbook::new()
        .args("export --format pdf --audience candidate".split(' '))
        .run()
        .status(2)
        .stderr_has("--audience does not apply");
    Runbook::new()
        .args("render --role backend --level mid --format markdown --paper letter".split(' '))
        .run()
        .status(2)
        .stderr_has("--paper does not apply");
    Runbook::new()
        .args(
            "render --role backend --level mid --format csv,interviewer --audience candidate -o k"
                .split(' '),
        )
        .run()
        .success();
}

// 17. SOURCE_DATE_EPOCH outside what PDF and Anki can hold is refused.
#[test]
fn out_of_range_source_date_epoch_is_refused() {
    for epoch in ["253402300800", "9223372036854775807", "-1"] {
        Runbook::new()
            .env("SOURCE_DATE_EPOCH", epoch)
            .args("render --role backend --level mid --format anki -o d.apkg".split(' '))
            .run()
            .status(2)
            .stderr_has("9999-12-31");
    }
    Runbook::new()
        .env("SOURCE_DATE_EPOCH", "253402300799")
        .args("render --role backend --level mid --format interviewer -o d.pdf".split(' '))
        .run()
        .success();
}

/// A run with the tiny fixture bank copied to `bank/`, the first `from` in
/// its fundamentals file replaced by `to`.
fn tiny_bank_with(from: &str, to: &str) -> Runbook {
    let run = Runbook::new();
    copy_dir(&fixture("tiny"), &run.dir().join("bank"));
    let path = run.dir().join("bank/questions/fundamentals.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "the fixture has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    run
}

// 18. Strict types in a bank, warnings for unknown template fields, and
// errors worded for the user rather than the parser.
#[test]
fn strict_types_template_field_warnings_and_plain_wording() {
    let run = tiny_bank_with("  minutes: 5\n", "  minutes: \"5\"\n");
    run.args(["check", "--content", "bank"])
        .run()
        .status(1)
        .stdout_has("expected a whole number, not the text \"5\"");
    let run = tiny_bank_with("  kind: concept\n", "  kind: concept\n  kind: concept\n");
    let out = run
        .args(["check", "--content", "bank"])
        .run()
        .status(1)
        .stdout_has("`kind` is given twice");
    assert!(!out.stderr.contains("DuplicateKeyPolicy"), "{}", out.stderr);
    Runbook::new()
        .file(
            "tpl/handout.md.hbs",
            "# {{title}}\n{{#each questions}}{{promt}}{{answer}}{{/each}}\n",
        )
        .args(
            "render --role backend --level mid --format handout-md --templates tpl -o h.md"
                .split(' '),
        )
        .run()
        .success()
        .stderr_has("tpl/handout.md.hbs:2:20: `promt` is not a field")
        .stderr_has("`answer` is not a field");
}
