//! `runbook completions`.

use crate::support::Runbook;

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Runbook::new().args(["completions", shell]).run().success();
        for command in ["check", "plan", "list", "show", "init"] {
            assert!(out.stdout.contains(command), "{shell} lacks {command}");
        }
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    Runbook::new()
        .args(["completions", "cmd.exe"])
        .run()
        .status(2);
}

#[test]
fn every_command_help_has_an_example() {
    for command in ["check", "list", "show", "plan", "init", "completions"] {
        Runbook::new()
            .args([command, "--help"])
            .run()
            .success()
            .stdout_has("Examples:\n  runbook ");
    }
}
