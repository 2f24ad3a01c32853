//! `runbook show`.

use crate::support::{Runbook, fixture};

#[test]
fn text_shows_every_part() {
    Runbook::new()
        .args(["show", "names-and-objects", "--content"])
        .args([fixture("tiny")])
        .run()
        .success()
        .stdout_has("PROMPT\nAfter b = a")
        .stdout_has("EXPECTED ANSWER")
        .stdout_has("KEY POINTS\n  - first point")
        .stdout_has("FOLLOW-UPS")
        .stdout_has("RED FLAGS")
        .stdout_has("4 Strong yes: deep model")
        .stdout_has("CODE\n    a = [1]")
        .stdout_has("OUTPUT\n    [1, 2]")
        .stdout_has("questions/fundamentals.yaml:1:3");
}

#[test]
fn yaml_round_trips_through_check() {
    let out = Runbook::new()
        .args(["show", "truthiness-rules", "--format", "yaml", "--content"])
        .args([fixture("tiny")])
        .run()
        .success();
    Runbook::new()
        .file("bank/questions/fundamentals.yaml", &out.stdout)
        .args(["check", "--content", "bank"])
        .run()
        .success()
        .stdout_has("1 questions");
}

#[test]
fn unknown_id_suggests_a_near_one() {
    Runbook::new()
        .args(["show", "truthines-rules", "--content"])
        .args([fixture("tiny")])
        .run()
        .status(2)
        .stderr_has("no question `truthines-rules`")
        .stderr_has("did you mean `truthiness-rules`?");
}
