//! The PDFs, checked with real PDF tools (poppler-utils and qpdf, installed
//! by `.ci/run`): extracted text and its order, pages, bookmarks, labels,
//! fonts, validity, determinism and the handout's secrecy.

use crate::support::{Runbook, fixture, flat, squash, tool, visible};

fn render(args: &[&str]) -> crate::support::Outcome {
    Runbook::new().args(["render"]).args(args).run().success()
}

fn text(pdf: &std::path::Path) -> String {
    tool("pdftotext", &[&pdf.display().to_string(), "-"])
}

fn pages(pdf: &std::path::Path) -> usize {
    let info = tool("pdfinfo", &[&pdf.display().to_string()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn page_text(pdf: &std::path::Path, page: usize) -> String {
    let p = page.to_string();
    tool(
        "pdftotext",
        &["-f", &p, "-l", &p, &pdf.display().to_string(), "-"],
    )
}

#[test]
fn interviewer_pdf_has_everything_in_order() {
    let out = render(&[
        "--role",
        "backend",
        "--level",
        "senior",
        "--format",
        "interviewer",
        "-o",
        "s.pdf",
    ]);
    let pdf = out.path("s.pdf");
    let plan = Runbook::new()
        .args(["plan", "--role", "backend", "--level", "senior"])
        .run()
        .success();
    let ids = crate::support::plan_ids(&plan.stdout);
    let text = text(&pdf);
    let flat_text = flat(&text);
    // First page: title, blanks, agenda, scoring scale, reproduction.
    let first = flat(&page_text(&pdf, 1));
    for part in [
        "Senior Backend engineer interview",
        "Candidate:",
        "Interviewer:",
        "Date:",
        "Agenda",
        "Introductions",
        "Warm-up",
        "Core questions",
        "Deep dive",
        "Candidate's questions",
        "How to score",
        "1 · Strong no",
        "4 · Strong yes",
        "seed 1 from bank",
        "runbook plan --role backend --level senior",
    ] {
        assert!(first.contains(part), "page 1 lacks {part:?}:\n{first}");
    }
    // Every question, in order, with its parts.
    let mut at = 0;
    for (n, id) in ids.iter().enumerate() {
        let show = Runbook::new()
            .args(["show", id, "--format", "json"])
            .run()
            .success();
        let q: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
        let header = format!("Q{}/{} · {} min", n + 1, ids.len(), q["minutes"]);
        let found = flat_text[at..]
            .find(&header)
            .unwrap_or_else(|| panic!("{header} missing or out of order"));
        at += found;
        let rest = squash(&flat_text[at..]);
        let prompt_start: String = squash(&visible(q["prompt"].as_str().unwrap()))
            .chars()
            .take(40)
            .collect();
        assert!(rest.contains(&prompt_start), "{id}: prompt");
        let point_start: String = squash(&visible(q["key_points"][0].as_str().unwrap()))
            .chars()
            .take(30)
            .collect();
        assert!(
            rest.contains(&format!("☐{point_start}")),
            "{id}: key point tick box"
        );
    }
    for part in [
        "Expected answer",
        "Key points",
        "Follow-ups",
        "Red flags",
        "Rubric",
        "Notes",
        "Scorecard",
        "By topic",
        "Overall recommendation",
        "Strong no",
        "Signature:",
    ] {
        assert!(flat_text.contains(part), "lacks {part:?}");
    }
    // Scorecard last.
    assert!(
        flat_text.rfind("Scorecard").unwrap()
            > flat_text
                .rfind(&format!("Q{}/{}", ids.len(), ids.len()))
                .unwrap()
    );
    // Headers and footers on every page; text extraction keeps the dash.
    let n = pages(&pdf);
    for page in 1..=n {
        let t = page_text(&pdf, page);
        assert!(
            t.contains("Interviewer copy — confidential"),
            "page {page} header"
        );
        assert!(
            t.contains(&format!("Page {page} of {n}")),
            "page {page} footer"
        );
    }
}

#[test]
fn bookmarks_nest_sections_and_questions_and_land_on_headings() {
    let out = render(&[
        "--role",
        "data",
        "--level",
        "senior",
        "--format",
        "interviewer",
        "-o",
        "d.pdf",
    ]);
    let pdf = out.path("d.pdf");
    let json = tool(
        "qpdf",
        &[
            "--json",
            "--json-key=outlines",
            "--json-key=pages",
            &pdf.display().to_string(),
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let outlines = v["outlines"].as_array().unwrap();
    let titles: Vec<&str> = outlines
        .iter()
        .map(|o| o["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "Senior Data engineer interview");
    assert!(
        titles.iter().any(|t| t.starts_with("Warm-up")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Core questions")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.starts_with("Deep dive")),
        "{titles:?}"
    );
    assert_eq!(*titles.last().unwrap(), "Scorecard");
    // Questions are children of their sections, numbered in order.
    let mut questions = Vec::new();
    for o in outlines {
        for kid in o["kids"].as_array().unwrap() {
            let t = kid["title"].as_str().unwrap().to_string();
            if t.starts_with('Q') {
                // The destination page shows the heading.
                let page = kid["destpageposfrom1"].as_u64().unwrap() as usize;
                let on_page = flat(&page_text(&pdf, page));
                let header: String = t.chars().take(20).collect();
                assert!(
                    on_page.contains(&header),
                    "bookmark {t:?} lands on page {page} without it"
                );
                questions.push(t);
            }
        }
    }
    assert!(questions.len() >= 4);
    for (i, q) in questions.iter().enumerate() {
        assert!(
            q.starts_with(&format!("Q{}/{}", i + 1, questions.len())),
            "{q}"
        );
    }
}

#[test]
fn valid_embedded_subset_fonts_labels_and_metadata() {
    let out = render(&[
        "--role",
        "backend",
        "--level",
        "senior",
        "--format",
        "interviewer",
        "-o",
        "s.pdf",
    ]);
    let pdf = out.path("s.pdf").display().to_string();
    let check = tool("qpdf", &["--check", &pdf]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let fonts = tool("pdffonts", &[&pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            cols[0].contains('+') && cols[0].contains("DejaVuSans"),
            "subset DejaVu: {row}"
        );
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
    }
    assert!(!fonts.contains("Helvetica"));
    let info = tool("pdfinfo", &[&pdf]);
    assert!(
        info.contains("Title:           Senior Backend engineer interview"),
        "{info}"
    );
    assert!(info.contains("Author:          runbook"), "{info}");
    assert!(info.contains("Subject:"), "{info}");
    assert!(!info.contains("PDF/X"), "{info}");
    let labels = tool("qpdf", &["--json", "--json-key=pagelabels", &pdf]);
    assert!(labels.contains("\"/S\": \"/D\""), "{labels}");
}

#[test]
fn same_input_same_bytes_and_source_date_epoch_sets_the_date() {
    let a = render(&[
        "--role",
        "ml",
        "--level",
        "mid",
        "--format",
        "interviewer,handout",
        "-o",
        "x",
    ]);
    let b = render(&[
        "--role",
        "ml",
        "--level",
        "mid",
        "--format",
        "interviewer,handout",
        "-o",
        "x",
    ]);
    for name in ["x/mid-ml-interviewer.pdf", "x/mid-ml-handout.pdf"] {
        assert_eq!(a.read(name), b.read(name), "{name}");
    }
    // Each file depends only on its own input, not on what else was
    // rendered in the same run.
    let alone = render(
        "--role ml --level mid --format handout -o h.pdf"
            .split(' ')
            .collect::<Vec<_>>()
            .as_slice(),
    );
    assert_eq!(alone.read("h.pdf"), a.read("x/mid-ml-handout.pdf"));
    let first = render(
        "--role ml --level mid --format handout,interviewer -o y"
            .split(' ')
            .collect::<Vec<_>>()
            .as_slice(),
    );
    assert_eq!(
        first.read("y/mid-ml-interviewer.pdf"),
        a.read("x/mid-ml-interviewer.pdf")
    );
    let dated = Runbook::new()
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .args(["render", "--role", "ml", "--level", "mid", "-o", "x.pdf"])
        .run()
        .success();
    let info = tool("pdfinfo", &[&dated.path("x.pdf").display().to_string()]);
    assert!(info.contains("2026"), "{info}");
}

#[test]
fn handout_never_shows_an_answer_for_any_question() {
    let out = Runbook::new()
        .args(["export", "--format", "handout", "-o", "all.pdf"])
        .run()
        .success();
    let handout = squash(&visible(&text(&out.path("all.pdf"))));
    let list = Runbook::new()
        .args(["list", "--format", "json"])
        .run()
        .success();
    let bank: serde_json::Value = serde_json::from_str(&list.stdout).unwrap();
    let questions = bank.as_array().unwrap();
    assert!(questions.len() > 300);
    // What any exhibit or prompt shows is the candidate's, wherever else it
    // appears (a reference solution may start with an exhibit's import line).
    let shown: String = questions
        .iter()
        .flat_map(|q| [q["exhibit"]["source"].as_str(), q["prompt"].as_str()])
        .flatten()
        .map(|x| squash(&visible(x)))
        .collect::<Vec<_>>()
        .join("\u{1}");
    let mut checked = 0;
    for q in questions {
        let prompt = squash(&visible(q["prompt"].as_str().unwrap()));
        assert!(
            handout.contains(&prompt.chars().take(40).collect::<String>()),
            "{}: prompt missing",
            q["id"]
        );
        let mut secrets: Vec<String> = Vec::new();
        let answer = flat(q["answer"].as_str().unwrap());
        secrets.extend(answer.split(". ").map(String::from));
        for key in ["key_points", "follow_ups", "red_flags"] {
            secrets.extend(
                q[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| flat(s.as_str().unwrap())),
            );
        }
        secrets.extend(
            q["rubric"]
                .as_object()
                .unwrap()
                .values()
                .map(|s| flat(s.as_str().unwrap())),
        );
        // Reference code and what the exhibit prints are the interviewer's.
        if let Some(code) = q["code"]["source"].as_str() {
            secrets.extend(code.lines().map(flat).filter(|l| l.len() >= 25));
        }
        if let Some(output) = q["exhibit"]["output"].as_str() {
            secrets.extend(output.lines().map(flat).filter(|l| l.len() >= 25));
        }
        if let Some(exhibit) = q["exhibit"]["source"].as_str() {
            // pdftotext moves trailing comments out of line, so pick a line without one.
            let line = exhibit
                .lines()
                .find(|l| l.trim().len() > 15 && !l.contains('#'))
                .unwrap_or("");
            let first = squash(&visible(line));
            assert!(
                handout.contains(&first),
                "{}: exhibit missing from the handout",
                q["id"]
            );
        }
        for secret in secrets {
            // Short fragments could occur anywhere; a secret is a sentence the
            // prompt itself does not contain.
            let secret = squash(&visible(&secret));
            if secret.len() < 30 || prompt.contains(&secret) || shown.contains(&secret) {
                continue;
            }
            checked += 1;
            assert!(
                !handout.contains(&secret),
                "{} leaks into the handout: {secret:?}",
                q["id"]
            );
        }
    }
    assert!(checked > 3000, "only {checked} secrets checked");
}

/// How many question headers each page shows: "Q3/7 · 6 min" in the
/// interviewer script, "Question 3 of 7" in the handout.
fn headers_per_page(pdf: &std::path::Path) -> Vec<usize> {
    let number = |w: &str| w.parse::<u32>().is_ok();
    (1..=pages(pdf))
        .map(|page| {
            let t = page_text(pdf, page);
            let words: Vec<&str> = t.split_whitespace().collect();
            words
                .windows(4)
                .filter(|w| {
                    let script = w[0].strip_prefix('Q').is_some_and(|r| {
                        r.split_once('/')
                            .is_some_and(|(a, b)| number(a) && number(b))
                    }) && w[1] == "·"
                        && number(w[2])
                        && w[3] == "min";
                    let handout =
                        w[0] == "Question" && number(w[1]) && w[2] == "of" && number(w[3]);
                    script || handout
                })
                .count()
        })
        .collect()
}

#[test]
fn one_per_page_starts_each_question_on_a_new_page() {
    let args = [
        "--role",
        "backend",
        "--level",
        "mid",
        "--format",
        "handout,interviewer",
    ];
    let normal = render(&[&args[..], &["-o", "n"]].concat());
    let spread = render(&[&args[..], &["--one-per-page", "-o", "o"]].concat());
    for name in ["mid-backend-handout.pdf", "mid-backend-interviewer.pdf"] {
        let before = headers_per_page(&normal.path("n").join(name));
        let after = headers_per_page(&spread.path("o").join(name));
        assert_eq!(
            before.iter().sum::<usize>(),
            after.iter().sum::<usize>(),
            "{name}"
        );
        assert!(
            after.iter().all(|&n| n <= 1),
            "{name}: one question per page: {after:?}"
        );
        if name.contains("handout") {
            assert!(
                before.iter().any(|&n| n > 1),
                "the handout shares pages: {before:?}"
            );
        }
    }
}

#[test]
fn letter_paper() {
    let out = render(&[
        "--role", "backend", "--level", "mid", "--paper", "letter", "-o", "l.pdf",
    ]);
    let info = tool("pdfinfo", &[&out.path("l.pdf").display().to_string()]);
    assert!(
        info.contains("Page size:       612 x 792 pts (letter)"),
        "{info}"
    );
}

#[test]
fn study_guide_of_a_filtered_bank() {
    let out = Runbook::new()
        .args([
            "export",
            "--format",
            "pdf",
            "--role",
            "data",
            "--level",
            "mid",
            "--topic",
            "data-analysis",
            "-o",
            "study.pdf",
        ])
        .run()
        .success();
    let pdf = out.path("study.pdf");
    let t = flat(&text(&pdf));
    assert!(
        t.contains("Python interview study guide: Mid-level Data engineer"),
        "{t}"
    );
    assert!(t.contains("Study guide"));
    assert!(t.contains("Answer") && t.contains("Key points"));
    let qpdf = tool("qpdf", &["--check", &pdf.display().to_string()]);
    assert!(qpdf.contains("No syntax"));
}

#[test]
fn templates_override_the_built_in_ones() {
    let custom = "# {{title}} — ACME edition\n\n{{#each questions}}\n## {{number}}. {{title}}\n\n{{prompt}}\n\n{{/each}}\n";
    let out = Runbook::new()
        .file("tpl/interviewer.md.hbs", custom)
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--templates",
            "tpl",
            "-o",
            "c.pdf",
        ])
        .run()
        .success();
    let t = flat(&text(&out.path("c.pdf")));
    assert!(
        t.contains("Mid-level Backend engineer interview — ACME edition"),
        "{t}"
    );
    assert!(!t.contains("Expected answer"));
    // The other templates still come from the binary.
    let out = Runbook::new()
        .file("tpl/interviewer.md.hbs", custom)
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "mid",
            "--templates",
            "tpl",
            "--format",
            "handout",
            "-o",
            "h.pdf",
        ])
        .run()
        .success();
    assert!(flat(&text(&out.path("h.pdf"))).contains("Question 1 of"));
}

#[test]
fn any_unicode_gives_a_valid_pdf_and_one_warning() {
    let bank = fixture("tiny");
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&bank, dir.path());
    let path = dir.path().join("questions/fundamentals.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replacen(
        "After b = a where a is a list",
        "After b = a (🐍 émoji, 漢字, עברית, “quotes” — dashes) where a is a list <div>raw</div>",
        1,
    );
    std::fs::write(&path, yaml).unwrap();
    let out = Runbook::new()
        .args([
            "render",
            "--role",
            "backend",
            "--level",
            "entry",
            "--minutes",
            "30",
            "--include",
            "names-and-objects",
            "-o",
            "u.pdf",
            "--content",
        ])
        .args([dir.path()])
        .run()
        .success();
    assert_eq!(
        out.stderr.matches("cannot draw").count(),
        1,
        "{}",
        out.stderr
    );
    let pdf = out.path("u.pdf").display().to_string();
    assert!(tool("qpdf", &["--check", &pdf]).contains("No syntax"));
    let t = text(&out.path("u.pdf"));
    // Right-to-left text is drawn in logical order (no bidi reordering), so
    // only check that the file is valid with it, not how it extracts.
    for s in ["émoji", "“quotes” — dashes", "☐"] {
        assert!(t.contains(s), "{s} lost in extraction");
    }
}

#[test]
fn a_very_long_title_is_cut_in_the_header_and_the_render_finishes() {
    let plan = Runbook::new()
        .args(["plan", "--role", "backend", "--level", "mid"])
        .run()
        .success()
        .stdout;
    let long = "Long title words ".repeat(40);
    let (first, rest) = plan.split_once('\n').unwrap();
    assert!(first.starts_with("title: "), "{first}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("long.yaml"),
        format!("title: {long}\n{rest}"),
    )
    .unwrap();
    // Under `timeout`, so the old endless loop fails the test instead of hanging it.
    let status = std::process::Command::new("timeout")
        .arg("60")
        .arg(env!("CARGO_BIN_EXE_runbook"))
        .args([
            "render",
            "long.yaml",
            "--format",
            "handout,interviewer",
            "-o",
            "kit",
        ])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let head = text(&dir.path().join("kit/long-handout.pdf"));
    let line = head
        .lines()
        .find(|l| l.starts_with("Long title words"))
        .unwrap();
    assert!(line.ends_with('…'), "{line}");
    assert!(line.len() < long.len(), "{line}");
}

/// Headings and lead-ins whose table, list or code follows on the same page.
const KEEP_WITH_NEXT: [&str; 6] = [
    "Key points",
    "Follow-ups",
    "Red flags",
    "Rubric",
    "It prints:",
    "Expected answer",
];

#[test]
fn no_heading_or_lead_in_is_left_at_the_foot_of_a_page() {
    let mut checked = 0;
    for role in ["backend", "data", "ml", "devops", "generalist"] {
        for level in ["entry", "junior", "mid", "senior", "staff"] {
            for seed in ["1", "2", "3"] {
                for paper in ["a4", "letter"] {
                    let out = Runbook::new()
                        .args(["render", "--role", role, "--level", level, "--seed", seed])
                        .args(["--paper", paper, "-o", "i.pdf"])
                        .run()
                        .success();
                    let text = tool(
                        "pdftotext",
                        &["-layout", out.path("i.pdf").to_str().unwrap(), "-"],
                    );
                    let pages: Vec<&str> = text
                        .split('\u{c}')
                        .filter(|p| !p.trim().is_empty())
                        .collect();
                    for (n, page) in pages.iter().enumerate().take(pages.len() - 1) {
                        let last = page
                            .lines()
                            .map(str::trim)
                            .rfind(|l| !l.is_empty() && !l.starts_with("Page "))
                            .unwrap_or("");
                        assert!(
                            !KEEP_WITH_NEXT.contains(&last),
                            "{level} {role} seed {seed} {paper}: page {} ends with {last:?}",
                            n + 1
                        );
                    }
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 150);
}
