//! `runbook init`.

use crate::support::Runbook;

#[test]
fn writes_a_bank_that_checks_and_plans() {
    let out = Runbook::new().args(["init", "my-bank"]).run().success();
    for rel in [
        "topics.yaml",
        "roles.yaml",
        "levels.yaml",
        "rubric.yaml",
        "README.md",
    ] {
        assert!(out.path("my-bank").join(rel).is_file(), "{rel}");
    }
    let built_in = Runbook::new().args(["check"]).run().success();
    let written = Runbook::new()
        .args(["check", "--content"])
        .args([out.path("my-bank")])
        .run()
        .success();
    let digest = |s: &str| s.rsplit("digest ").next().unwrap().trim().to_string();
    assert_eq!(digest(&built_in.stdout), digest(&written.stdout));
}

#[test]
fn refuses_to_overwrite_without_force() {
    let out = Runbook::new()
        .file("my-bank/topics.yaml", "# mine\n")
        .args(["init", "my-bank"])
        .run()
        .status(2)
        .stderr_has("use --force");
    assert_eq!(out.read("my-bank/topics.yaml"), b"# mine\n");
}

#[test]
fn force_overwrites() {
    let out = Runbook::new()
        .file("my-bank/topics.yaml", "# mine\n")
        .args(["init", "my-bank", "--force"])
        .run()
        .success();
    assert_ne!(out.read("my-bank/topics.yaml"), b"# mine\n");
}

#[test]
fn written_templates_render_as_the_built_in_ones() {
    let out = Runbook::new().args(["init", "team"]).run().success();
    let ours = Runbook::new()
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--format",
            "markdown",
            "-o",
            "a.md",
            "--templates",
        ])
        .args([out.path("team/templates")])
        .run()
        .success();
    let built_in = Runbook::new()
        .args([
            "render", "--role", "backend", "--level", "mid", "--format", "markdown", "-o", "a.md",
        ])
        .run()
        .success();
    assert_eq!(ours.read("a.md"), built_in.read("a.md"));
}
