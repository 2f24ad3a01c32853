//! The README's opening commands are the ones users copy; keep them true.

use crate::support::{Runbook, repo};

/// The first fenced block of the README: the main command, then the tests.
fn opening_commands() -> (String, String) {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let block = readme.split("```").nth(1).expect("a code block");
    let mut lines = block
        .lines()
        .skip(1)
        .map(|l| l.split(" #").next().unwrap().trim())
        .filter(|l| !l.is_empty());
    (
        lines.next().expect("main command").to_string(),
        lines.next().expect("test command").to_string(),
    )
}

#[test]
fn main_command_produces_its_output() {
    let (main, _) = opening_commands();
    let args = main
        .strip_prefix("cargo run --release -- ")
        .expect("the main command runs the binary through cargo");
    let args: Vec<&str> = args.split_whitespace().collect();
    let output = args
        .iter()
        .position(|a| *a == "-o")
        .map(|i| args[i + 1])
        .expect("the main command names its output file");
    let out = Runbook::new().args(&args).run().success();
    let bytes = out.read(output);
    assert!(bytes.len() > 1000, "{output} is {} bytes", bytes.len());
}

#[test]
fn test_command_is_what_ci_runs() {
    let (_, tests) = opening_commands();
    assert_eq!(tests, ".ci/run");
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(ci.contains("cargo test"), "{ci}");
}
