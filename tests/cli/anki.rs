//! Anki decks, checked by importing them into a fresh collection with the
//! real Anki library (`anki` from PyPI, in the venv `.ci/run` creates).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{Runbook, copy_dir, fixture, repo, test_python};

/// Run `tests/anki/inspect_apkg.py` steps against the collection in `dir`;
/// the JSON of each `dump`.
fn anki(dir: &Path, steps: &[String]) -> Vec<Value> {
    let out = Command::new(test_python())
        .arg(repo().join("tests/anki/inspect_apkg.py"))
        .arg("--collection")
        .arg(dir)
        .args(steps)
        .output()
        .expect("the test venv's python (tests/requirements.txt) is needed");
    assert!(
        out.status.success(),
        "anki: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn step(kind: &str, path: &Path) -> String {
    format!("{kind}:{}", path.display())
}

/// The note with `guid` among `notes`, and whether its answer says `text`.
fn answer_says(notes: &[&Value], guid: &str, text: &str) -> bool {
    let note = notes.iter().find(|n| n["guid"] == guid).unwrap();
    note["fields"]["Answer"].as_str().unwrap().contains(text)
}

fn ours(dump: &Value) -> Vec<&Value> {
    dump["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["guid"].as_str().unwrap().starts_with("runbook/"))
        .collect()
}

#[test]
fn a_plan_imports_with_fields_tags_decks_and_cards() {
    let out = Runbook::new()
        .env("SOURCE_DATE_EPOCH", "1750000000")
        .args([
            "render", "--role", "backend", "--level", "senior", "--format", "anki", "-o", "s.apkg",
        ])
        .run()
        .success();
    let plan = Runbook::new()
        .args(["plan", "--role", "backend", "--level", "senior"])
        .run()
        .success();
    let ids = crate::support::plan_ids(&plan.stdout);
    let col = tempfile::tempdir().unwrap();
    let dump = &anki(
        col.path(),
        &[step("import", &out.path("s.apkg")), "dump".into()],
    )[0];
    assert_eq!(dump["imports"][0]["new"], ids.len());
    let notes = ours(dump);
    assert_eq!(notes.len(), ids.len());
    let types: Vec<&Value> = dump["notetypes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["name"] == "runbook interview question")
        .collect();
    assert_eq!(types.len(), 1);
    assert_eq!(
        types[0]["fields"],
        serde_json::json!([
            "Id",
            "Question",
            "Answer",
            "Key points",
            "Follow-ups",
            "Code",
            "Topic",
            "Level"
        ])
    );
    for note in &notes {
        let id = note["fields"]["Id"].as_str().unwrap();
        assert!(ids.iter().any(|i| i == id));
        assert_eq!(note["guid"], format!("runbook/{id}"));
        let tags: Vec<&str> = note["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tags.contains(&"runbook::role::backend"), "{tags:?}");
        assert!(tags.contains(&"runbook::level::senior"), "{tags:?}");
        assert!(
            tags.iter().any(|t| t.starts_with("runbook::topic::")),
            "{tags:?}"
        );
        assert!(
            note["fields"]["Level"].as_str().unwrap().contains("Senior"),
            "{}",
            note["fields"]["Level"]
        );
        assert!(note["fields"]["Answer"].as_str().unwrap().len() > 200);
    }
    for card in dump["cards"].as_array().unwrap() {
        // One deck per topic, whatever the filter: levels and roles are tags.
        let topic = &notes
            .iter()
            .find(|n| n["guid"] == card["note_guid"])
            .unwrap()["fields"]["Topic"];
        assert_eq!(
            card["deck"].as_str().unwrap(),
            format!("Python interview::{}", topic.as_str().unwrap())
        );
        assert!(
            card["question_html"]
                .as_str()
                .unwrap()
                .contains("class=\"question\"")
        );
        assert!(card["answer_html"].as_str().unwrap().contains("Key points"));
    }
}

#[test]
fn edits_update_in_place_and_new_questions_add_one_note() {
    let bank = tempfile::tempdir().unwrap();
    copy_dir(&fixture("tiny"), bank.path());
    let col = tempfile::tempdir().unwrap();
    let export = |epoch: &str, name: &str| {
        let out = Runbook::new()
            .env("SOURCE_DATE_EPOCH", epoch)
            .args(["export", "--format", "anki", "-o", name, "--content"])
            .args([bank.path()])
            .run()
            .success();
        let target = col.path().join(name);
        std::fs::write(&target, out.read(name)).unwrap();
        target
    };
    let v1 = export("1700000000", "v1.apkg");
    let first = &anki(
        col.path(),
        &[step("import", &v1), "review:1".into(), "dump".into()],
    )[0];
    let before = ours(first);
    assert_eq!(before.len(), 5);
    let reviewed: Vec<&Value> = first["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reps"].as_u64().unwrap() > 0)
        .collect();
    assert_eq!(reviewed.len(), 1);
    let studied = reviewed[0]["note_guid"].as_str().unwrap().to_string();

    // Edit the answer of the studied question and export again, later.
    let studied_id = studied.trim_start_matches("runbook/");
    let path = bank
        .path()
        .join("questions")
        .join(if studied_id == "proud-project" {
            "behavioral.yaml"
        } else {
            "fundamentals.yaml"
        });
    let yaml = std::fs::read_to_string(&path).unwrap();
    let marker = format!("A fixture answer for {studied_id}.");
    assert!(yaml.contains(&marker));
    std::fs::write(&path, yaml.replacen(&marker, "An EDITED answer.", 1)).unwrap();
    let v2 = export("1700000100", "v2.apkg");
    let second = &anki(col.path(), &[step("import", &v2), "dump".into()])[0];
    let after = ours(second);
    assert_eq!(after.len(), 5, "no duplicate notes");
    let types = second["notetypes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["name"]
                .as_str()
                .unwrap()
                .starts_with("runbook interview question")
        })
        .count();
    assert_eq!(types, 1, "no second note type");
    assert!(answer_says(&after, &studied, "An EDITED answer."));
    let edited = after
        .iter()
        .find(|n| n["guid"] == studied.as_str())
        .unwrap();
    let old = before
        .iter()
        .find(|n| n["guid"] == studied.as_str())
        .unwrap();
    assert_eq!(edited["id"], old["id"], "same note");
    let card = second["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["note_guid"] == studied.as_str())
        .unwrap();
    assert!(card["reps"].as_u64().unwrap() > 0, "study progress kept");

    // A new question adds exactly one note.
    let extra = std::fs::read_to_string(bank.path().join("questions/fundamentals.yaml"))
        .unwrap()
        .replacen("- id: truthiness-rules", "- id: brand-new-question\n  title: Something new\n  prompt: What is new in this bank now, and how would you find out?\n  topic: fundamentals\n  levels: [mid]\n  roles: [all]\n  minutes: 3\n  kind: concept\n  answer: Something new.\n  key_points: [a, b, c]\n  follow_ups: [a, b]\n  red_flags: [a]\n  rubric: {1: a, 2: b, 3: c, 4: d}\n- id: truthiness-rules", 1);
    std::fs::write(bank.path().join("questions/fundamentals.yaml"), extra).unwrap();
    let v3 = export("1700000200", "v3.apkg");
    let third = &anki(col.path(), &[step("import", &v3), "dump".into()])[0];
    assert_eq!(third["imports"][0]["new"], 1);
    assert_eq!(ours(third).len(), 6);
}

#[test]
fn same_input_and_epoch_same_bytes() {
    let run = || {
        Runbook::new()
            .env("SOURCE_DATE_EPOCH", "1760000000")
            .args([
                "export", "--format", "anki", "--level", "junior", "-o", "j.apkg",
            ])
            .run()
            .success()
            .read("j.apkg")
    };
    assert_eq!(run(), run());
}

#[test]
fn markup_characters_display_as_written() {
    let bank = tempfile::tempdir().unwrap();
    copy_dir(&fixture("tiny"), bank.path());
    let path = bank.path().join("questions/fundamentals.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replacen(
        "When do `is` and `==` give different answers for two integers?",
        "When do `is` and `==` differ for List<int> & <b>bold</b> values?",
        1,
    );
    std::fs::write(&path, yaml).unwrap();
    let out = Runbook::new()
        .args(["export", "--format", "anki", "-o", "m.apkg", "--content"])
        .args([bank.path()])
        .run()
        .success();
    let col = tempfile::tempdir().unwrap();
    let dump = &anki(
        col.path(),
        &[step("import", &out.path("m.apkg")), "dump".into()],
    )[0];
    let card = dump["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["note_guid"] == "runbook/identity-vs-equality")
        .unwrap();
    let html = card["question_html"].as_str().unwrap();
    assert!(
        html.contains("List&lt;int&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
        "{html}"
    );
    let code_card = dump["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["note_guid"] == "runbook/names-and-objects")
        .unwrap();
    assert!(
        code_card["answer_html"]
            .as_str()
            .unwrap()
            .contains("<pre class=\"code\">"),
        "code shown"
    );
}

#[test]
fn plain_text_import_needs_no_mapping() {
    let out = Runbook::new()
        .args([
            "export", "--format", "anki-txt", "--role", "data", "--level", "mid", "-o", "d.txt",
        ])
        .run()
        .success();
    let text = String::from_utf8(out.read("d.txt")).unwrap();
    for header in [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck column:",
        "#tags column:",
        "#guid column:",
    ] {
        assert!(text.contains(header), "{header}");
    }
    let list = Runbook::new()
        .args([
            "list", "--role", "data", "--level", "mid", "--format", "json",
        ])
        .run()
        .success();
    let count = serde_json::from_str::<Value>(&list.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    let col = tempfile::tempdir().unwrap();
    let dump = &anki(
        col.path(),
        &[step("importtxt", &out.path("d.txt")), "dump".into()],
    )[0];
    assert_eq!(dump["imports"][0]["new"], count);
    let notes = ours(dump);
    assert_eq!(notes.len(), count);
    assert!(notes.iter().all(|n| n["notetype"] == "Basic"));
    let decks: Vec<&str> = dump["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        decks.iter().all(|d| *d == "Default"
            || *d == "Python interview"
            || d.starts_with("Python interview::") && d.matches("::").count() == 1),
        "{decks:?}"
    );
    assert!(decks.len() > 3, "{decks:?}");
}

/// A student's collection after a first import: one note tagged by hand,
/// one marked, one card studied.
fn studied_collection(col: &Path, deck: &Path) -> Value {
    anki(
        col,
        &[
            step("import", deck),
            "review:1".into(),
            "tag:runbook/truthiness-rules=my-notes".into(),
            "tag:runbook/scope-lookup-order=marked".into(),
            "dump".into(),
        ],
    )
    .remove(0)
}

fn tags_of(dump: &Value, guid: &str) -> Vec<String> {
    ours(dump).iter().find(|n| n["guid"] == guid).unwrap()["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect()
}

/// A copy of the tiny bank and the deck path it is exported to, again and
/// again, as a student re-downloads a deck.
struct Redeck {
    bank: tempfile::TempDir,
    _work: tempfile::TempDir,
    deck: PathBuf,
}

impl Redeck {
    fn new() -> Self {
        let bank = tempfile::tempdir().unwrap();
        copy_dir(&fixture("tiny"), bank.path());
        let work = tempfile::tempdir().unwrap();
        let deck = work.path().join("python.apkg");
        Redeck {
            bank,
            _work: work,
            deck,
        }
    }

    /// Export the bank over the deck, at `epoch` or the clock; the deck's
    /// bytes and the run's stderr.
    fn export(&self, epoch: Option<&str>) -> (Vec<u8>, String) {
        let mut run = Runbook::new();
        if let Some(e) = epoch {
            run = run.env("SOURCE_DATE_EPOCH", e);
        }
        let out = run
            .args(["export", "--format", "anki", "-o"])
            .args([&self.deck])
            .args(["--content"])
            .args([self.bank.path()])
            .run()
            .success();
        (std::fs::read(&self.deck).unwrap(), out.stderr)
    }
}

#[test]
fn reimporting_an_unchanged_bank_updates_nothing_and_keeps_the_students_work() {
    let redeck = Redeck::new();
    let deck = &redeck.deck;
    // The first export uses the clock, as a user's would.
    let (first, _) = redeck.export(None);
    let col = tempfile::tempdir().unwrap();
    let before = studied_collection(col.path(), deck);
    assert_eq!(before["imports"][0]["new"], 5);
    // Exported again later over the same file: every note keeps its time.
    let (second, _) = redeck.export(Some("4102444800"));
    assert_eq!(first, second, "an unchanged bank gives the same deck");
    let after = &anki(col.path(), &[step("import", deck), "dump".into()])[0];
    assert_eq!(after["imports"][0]["updated"], 0, "{}", after["imports"]);
    assert_eq!(after["imports"][0]["new"], 0);
    assert!(tags_of(after, "runbook/truthiness-rules").contains(&"my-notes".to_string()));
    assert!(tags_of(after, "runbook/scope-lookup-order").contains(&"marked".to_string()));
    let studied = after["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reps"].as_u64().unwrap() > 0)
        .count();
    assert_eq!(studied, 1, "study progress kept");
}

#[test]
fn editing_one_question_updates_exactly_that_note() {
    let redeck = Redeck::new();
    let deck = &redeck.deck;
    let export = |epoch: &str| redeck.export(Some(epoch)).1;
    export("1700000000");
    let col = tempfile::tempdir().unwrap();
    studied_collection(col.path(), deck);
    let path = redeck.bank.path().join("questions/fundamentals.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let marker = "A fixture answer for names-and-objects.";
    assert!(yaml.contains(marker));
    std::fs::write(&path, yaml.replacen(marker, "An EDITED answer.", 1)).unwrap();
    // An older clock than the deck it replaces: the edit would be lost, so say so.
    let stderr = export("1600000000");
    assert!(
        stderr.contains("1 changed note(s) would not be newer"),
        "{stderr}"
    );
    let stderr = export("4102444800");
    assert!(!stderr.contains("would not be newer"), "{stderr}");
    let after = &anki(col.path(), &[step("import", deck), "dump".into()])[0];
    assert_eq!(after["imports"][0]["updated"], 1, "{}", after["imports"]);
    assert!(answer_says(
        &ours(after),
        "runbook/names-and-objects",
        "An EDITED answer."
    ));
    assert!(tags_of(after, "runbook/truthiness-rules").contains(&"my-notes".to_string()));
    assert!(tags_of(after, "runbook/scope-lookup-order").contains(&"marked".to_string()));
}
