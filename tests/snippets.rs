//! Every runnable snippet in the built-in bank runs under python3 and prints
//! exactly what the bank says it prints. Snippets that need a newer Python
//! than the machine's are counted and reported, never silently dropped.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use interview_runbook::question::parse_python_version;
use interview_runbook::{Bank, Content, Question};

const TIMEOUT: Duration = Duration::from_secs(30);

/// Snippets that do not say otherwise must run on this version and later.
const DEFAULT_MINIMUM: (u32, u32) = (3, 9);

/// A Python interpreter found on this machine.
#[derive(Debug, Clone)]
struct Python {
    path: String,
    version: (u32, u32),
}

fn version_of(path: &str) -> Option<(u32, u32)> {
    let out = Command::new(path)
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    parse_python_version(String::from_utf8_lossy(&out.stdout).trim())
}

/// `python3` (or `$RUNBOOK_PYTHON`), plus every `python3.N` on the PATH or in
/// pyenv, one interpreter per version.
fn interpreters() -> Vec<Python> {
    let mut candidates = vec![std::env::var("RUNBOOK_PYTHON").unwrap_or_else(|_| "python3".into())];
    let home = std::env::var("HOME").unwrap_or_default();
    for minor in 8..=20 {
        candidates.push(format!("python3.{minor}"));
        if let Ok(dirs) = std::fs::read_dir(format!("{home}/.pyenv/versions")) {
            for dir in dirs.flatten() {
                let name = dir.file_name().to_string_lossy().into_owned();
                if name.starts_with(&format!("3.{minor}.")) {
                    candidates.push(format!("{}/bin/python3.{minor}", dir.path().display()));
                }
            }
        }
    }
    let mut found: Vec<Python> = Vec::new();
    for path in candidates {
        if let Some(version) = version_of(&path)
            && !found.iter().any(|p| p.version == version)
        {
            found.push(Python { path, version });
        }
    }
    assert!(
        !found.is_empty(),
        "python3 must be installed to test the bank's snippets"
    );
    found.sort_by_key(|p| p.version);
    found
}

/// Run one snippet under `python`; `Err` describes how it failed.
fn run(q: &Question, python: &Python) -> Result<(), String> {
    let code = q.code.as_ref().unwrap();
    let mut child = Command::new(&python.path)
        .args(["-X", "utf8", "-c", &code.source])
        .env("PYTHONHASHSEED", "random")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .current_dir(std::env::temp_dir())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", python.path))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            return Err(format!("timed out after {TIMEOUT:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let v = python.version;
    if !status.success() {
        return Err(format!(
            "Python {}.{} exited with {status}:\n{stderr}",
            v.0, v.1
        ));
    }
    let expected = code.output.as_deref().unwrap_or("");
    if stdout.trim_end_matches('\n') != expected.trim_end_matches('\n') {
        return Err(format!(
            "Python {}.{} --- expected\n{expected}\n--- printed\n{stdout}",
            v.0, v.1
        ));
    }
    Ok(())
}

/// Each runnable snippet runs under the oldest interpreter that meets its
/// declared minimum (so the minimum is honest) and under the newest one.
#[test]
fn every_runnable_snippet_prints_its_output() {
    let (bank, _) = Bank::load_valid(&Content::Builtin).expect("the built-in bank is valid");
    let pythons = interpreters();
    let mut jobs: Vec<(&Question, &Python)> = Vec::new();
    let mut not_run: Vec<&str> = Vec::new();
    for q in &bank.questions {
        let Some(code) = q.code.as_ref().filter(|c| c.runnable) else {
            continue;
        };
        let minimum = code
            .python
            .as_deref()
            .and_then(parse_python_version)
            .unwrap_or(DEFAULT_MINIMUM);
        let usable: Vec<&Python> = pythons.iter().filter(|p| p.version >= minimum).collect();
        match (usable.first(), usable.last()) {
            (Some(oldest), Some(newest)) => {
                jobs.push((q, oldest));
                if newest.version != oldest.version {
                    jobs.push((q, newest));
                }
            }
            _ => not_run.push(&q.id),
        }
    }
    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(jobs.iter());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some((q, python)) = { next.lock().unwrap().next() } {
                    if let Err(e) = run(q, python) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{} ({}): {e}", q.id, q.origin));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let versions: Vec<String> = pythons
        .iter()
        .map(|p| format!("{}.{}", p.version.0, p.version.1))
        .collect();
    eprintln!(
        "snippets: {} runs under Python {}; {} snippet(s) need a newer Python than this machine has and were not run: {}",
        jobs.len(),
        versions.join(", "),
        not_run.len(),
        not_run.join(", ")
    );
    assert!(!jobs.is_empty(), "the bank has runnable snippets");
    assert!(
        failures.is_empty(),
        "{} snippet run(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
