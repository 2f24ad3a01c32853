//! CSV output, read back with Python's csv module (what spreadsheets and
//! scripts use), for structure, secrecy, formula injection and determinism.

use std::process::Command;

use crate::support::{Runbook, copy_dir, fixture};

/// Parse CSV with Python's csv module; rows as lists of cells.
fn python_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let script = "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    print(json.dumps(list(csv.reader(f))))";
    let out = Command::new("python3")
        .args(["-c", script, &path.display().to_string()])
        .output()
        .expect("python3 is needed to read the CSV back");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn one_row_per_question_with_multiline_cells_intact() {
    let out = Runbook::new()
        .args([
            "render", "--role", "backend", "--level", "senior", "--format", "csv", "-o", "p.csv",
        ])
        .run()
        .success();
    let rows = python_rows(&out.path("p.csv"));
    let header = &rows[0];
    assert_eq!(
        header,
        &[
            "order",
            "section",
            "start",
            "minutes",
            "id",
            "topic",
            "level",
            "kind",
            "prompt",
            "answer",
            "key_points",
            "follow_ups",
            "red_flags",
            "rubric_1",
            "rubric_2",
            "rubric_3",
            "rubric_4",
            "score",
            "notes"
        ]
    );
    let plan = Runbook::new()
        .args(["plan", "--role", "backend", "--level", "senior"])
        .run()
        .success();
    let ids = crate::support::plan_ids(&plan.stdout);
    assert_eq!(rows.len() - 1, ids.len());
    for (row, id) in rows[1..].iter().zip(&ids) {
        assert_eq!(row.len(), header.len());
        assert_eq!(row[4], *id);
        let show = Runbook::new()
            .args(["show", id, "--format", "json"])
            .run()
            .success();
        let q: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
        // Cells a spreadsheet would run as a formula get a leading quote.
        let answer = q["answer"].as_str().unwrap().trim();
        let cell = row[9]
            .strip_prefix('\'')
            .filter(|_| answer.starts_with(['=', '+', '-', '@']))
            .unwrap_or(&row[9]);
        assert_eq!(cell, answer, "answer of {id} survives intact");
        assert_eq!(
            row[10].lines().count(),
            q["key_points"].as_array().unwrap().len()
        );
        assert_eq!((row[17].as_str(), row[18].as_str()), ("", ""));
    }
    assert_eq!(rows[1][0], "1");
    assert_eq!(rows[1][1], "Warm-up");
}

#[test]
fn candidate_csv_has_no_answers() {
    let out = Runbook::new()
        .args([
            "export",
            "--format",
            "csv",
            "--audience",
            "candidate",
            "-o",
            "c.csv",
        ])
        .run()
        .success();
    let text = String::from_utf8(out.read("c.csv")).unwrap();
    let rows = python_rows(&out.path("c.csv"));
    assert_eq!(
        rows[0],
        [
            "question", "section", "start", "minutes", "topic", "prompt", "exhibit"
        ]
    );
    // Numbered, not named by id (ids hint at answers), nothing to score.
    for (n, row) in rows.iter().skip(1).enumerate() {
        assert_eq!(row[0], format!("Q{}", n + 1));
    }
    let list = Runbook::new()
        .args(["list", "--format", "json"])
        .run()
        .success();
    let bank: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows.len() - 1, bank.as_array().unwrap().len());
    for q in bank.as_array().unwrap() {
        let id = q["id"].as_str().unwrap();
        assert!(!rows.iter().flatten().any(|c| c == id), "{id} is named");
        if let Some(exhibit) = q["exhibit"]["source"].as_str() {
            let shown = rows.iter().any(|r| r[6].starts_with(exhibit.trim_end()));
            assert!(shown, "{id}'s exhibit is not shown");
        }
        let answer = q["answer"].as_str().unwrap().trim();
        assert!(!text.contains(answer), "{} answer leaks", q["id"]);
        for point in q["key_points"].as_array().unwrap() {
            let point = point.as_str().unwrap();
            if point.len() > 30 && !q["prompt"].as_str().unwrap().contains(point) {
                assert!(!text.contains(point), "{} key point leaks", q["id"]);
            }
        }
    }
}

#[test]
fn formulas_are_neutralised_and_bom_is_optional() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("tiny"), dir.path());
    let path = dir.path().join("questions/fundamentals.yaml");
    let yaml = std::fs::read_to_string(&path)
        .unwrap()
        .replacen(
            "prompt: After b = a where a is a list, what happens to b when you append to a?",
            "prompt: '=HYPERLINK(\"http://evil.example\",\"click\") After b = a where a is a list?'",
            1,
        )
        .replacen("- first point", "- '+1+cmd|'' /C calc''!A0'", 1)
        .replacen("- second point", "- '@SUM(1+1)'", 1)
        .replacen("- a red flag", "- '-2+3'", 1);
    std::fs::write(&path, yaml).unwrap();
    let out = Runbook::new()
        .args([
            "export",
            "--format",
            "csv",
            "--bom",
            "-o",
            "x.csv",
            "--content",
        ])
        .args([dir.path()])
        .run()
        .success();
    let bytes = out.read("x.csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "BOM");
    let rows = python_rows(&out.path("x.csv"));
    let row = rows.iter().find(|r| r[4] == "names-and-objects").unwrap();
    assert!(row[8].starts_with("'=HYPERLINK"), "{}", row[8]);
    // Lists start with a bullet, so a formula inside one cannot run either.
    assert!(row[10].starts_with("• +1+cmd"), "{}", row[10]);
    let cells: Vec<&String> = rows.iter().flatten().collect();
    for cell in cells {
        let first = cell.chars().next();
        assert!(
            !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
            "live formula cell {cell:?}"
        );
    }
    let plain = Runbook::new()
        .args(["export", "--format", "csv", "-o", "y.csv", "--content"])
        .args([dir.path()])
        .run()
        .success();
    assert!(!plain.read("y.csv").starts_with("\u{feff}".as_bytes()));
}

#[test]
fn same_input_same_bytes() {
    let a = Runbook::new()
        .args(["export", "--format", "csv", "--level", "mid", "-o", "a.csv"])
        .run()
        .success();
    let b = Runbook::new()
        .args(["export", "--format", "csv", "--level", "mid", "-o", "a.csv"])
        .run()
        .success();
    assert_eq!(a.read("a.csv"), b.read("a.csv"));
}
