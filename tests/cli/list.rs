//! `runbook list`.

use crate::support::{Runbook, fixture};

#[test]
fn table_lists_filtered_questions() {
    let out = Runbook::new()
        .args(["list", "--content"])
        .args([fixture("tiny")])
        .args(["--level", "entry"])
        .run()
        .success()
        .stdout_has("ID")
        .stdout_has("names-and-objects")
        .stdout_has("truthiness-rules")
        .stdout_lacks("scope-lookup-order")
        .stdout_lacks("identity-vs-equality");
    assert!(out.stdout.contains("3 question(s)"), "{}", out.stdout);
}

#[test]
fn role_filter_keeps_all_role_questions() {
    Runbook::new()
        .args(["list", "--content"])
        .args([fixture("tiny")])
        .args(["--role", "ml"])
        .run()
        .success()
        .stdout_has("names-and-objects")
        .stdout_lacks("identity-vs-equality");
}

#[test]
fn json_is_machine_readable() {
    let out = Runbook::new()
        .args(["list", "--content"])
        .args([fixture("tiny")])
        .args(["--topic", "behavioral", "--format", "json"])
        .run()
        .success();
    let value: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], "proud-project");
    assert_eq!(items[0]["rubric"]["4"], "deep model");
}

#[test]
fn unknown_level_lists_the_valid_ones() {
    Runbook::new()
        .args(["list", "--level", "wizard"])
        .run()
        .status(2)
        .stderr_has("unknown level `wizard`")
        .stderr_has("valid levels: entry")
        .stderr_has("staff (expert");
}

#[test]
fn unknown_topic_suggests() {
    Runbook::new()
        .args(["list", "--topic", "asyncoi"])
        .run()
        .status(2)
        .stderr_has("did you mean `asyncio`?");
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_runbook"))
        .args(["list", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    // The JSON of the whole bank is far larger than a pipe's buffer, so the
    // process is still writing when the reader goes away.
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
