//! `runbook export`.

use crate::support::Runbook;

#[test]
fn exports_a_filtered_bank_to_out_by_default() {
    let out = Runbook::new()
        .args([
            "export",
            "--format",
            "csv,markdown",
            "--role",
            "data",
            "--level",
            "mid",
        ])
        .run()
        .success();
    let md = String::from_utf8(out.read("out/mid-data-study.md")).unwrap();
    assert!(
        md.starts_with("# Python interview study guide: Mid-level Data engineer"),
        "{md}"
    );
    assert!(out.read("out/mid-data-study-interviewer.csv").len() > 1000);
}

#[test]
fn an_empty_selection_is_an_error() {
    Runbook::new()
        .args([
            "export",
            "--format",
            "csv",
            "--role",
            "ml",
            "--level",
            "entry",
            "--topic",
            "system-design",
        ])
        .run()
        .status(1)
        .stderr_has("no question in");
}
