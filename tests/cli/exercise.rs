//! `runbook exercise`: the starter and tests of a live coding exercise.

use serde_json::Value;

use crate::support::{Runbook, test_python};

#[test]
fn the_tests_fail_on_the_starter_and_pass_on_the_reference() {
    let out = Runbook::new()
        .args("exercise reverse-list-in-place -o ex".split(' '))
        .run()
        .success()
        .stderr_has("python -m pytest");
    let shown = Runbook::new()
        .args("show reverse-list-in-place --format json".split(' '))
        .run()
        .success();
    let q: Value = serde_json::from_str(&shown.stdout).unwrap();
    let starter = String::from_utf8(out.read("ex/solution.py")).unwrap();
    assert_eq!(starter, q["exhibit"]["source"].as_str().unwrap());
    let tests = String::from_utf8(out.read("ex/test_solution.py")).unwrap();
    assert_eq!(tests, q["tests"].as_str().unwrap());
    let pytest = || {
        std::process::Command::new(test_python())
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
            .current_dir(out.path("ex"))
            .output()
            .expect("the test Python (.ci/run installs pytest)")
    };
    // The candidate has not written anything yet: the tests fail.
    assert!(!pytest().status.success());
    // A correct solution passes them.
    std::fs::write(
        out.path("ex/solution.py"),
        q["code"]["source"].as_str().unwrap(),
    )
    .unwrap();
    let passed = pytest();
    assert!(
        passed.status.success(),
        "{}",
        String::from_utf8_lossy(&passed.stdout)
    );
}

#[test]
fn a_question_that_is_not_an_exercise_is_a_usage_error() {
    Runbook::new()
        .args("exercise how-cpython-runs-a-script".split(' '))
        .run()
        .status(2)
        .stderr_has("is not a coding exercise")
        .stderr_has("reverse-list-in-place");
    Runbook::new()
        .args("exercise no-such-question".split(' '))
        .run()
        .status(2)
        .stderr_has("no question `no-such-question`");
}
