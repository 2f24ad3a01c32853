//! Every code block of the built-in bank, exhibits and references alike,
//! runs and prints exactly what the bank says; every coding exercise's tests
//! pass against its reference solution and fail against its starter.
//!
//! Standard-library blocks run under the oldest Python they declare and the
//! newest one on the machine; blocks of a question that `requires` packages
//! run with the test environment's Python (`$RUNBOOK_TEST_PYTHON`, with
//! `tests/snippet-requirements.txt` installed). Blocks that talk to
//! PostgreSQL get the server `.ci/run` starts (the `PG*` variables); outside
//! CI, without one, they are skipped and counted. Nothing is dropped
//! silently: the counts and the list of unrun blocks are printed, and at
//! most 5% may be unrun.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use interview_runbook::bank::question::{Code, Service, parse_python_version};
use interview_runbook::{Bank, Content, Question};

const TIMEOUT: Duration = Duration::from_secs(60);

/// Blocks that do not say otherwise must run on this version and later.
const DEFAULT_MINIMUM: (u32, u32) = (3, 9);

/// The most blocks that may go unrun, as a share of all blocks.
const MAX_UNRUN: f64 = 0.05;

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
        "python3 must be installed to test the bank's code"
    );
    found.sort_by_key(|p| p.version);
    found
}

/// The Python with the packages of `tests/snippet-requirements.txt`.
fn test_python() -> Python {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = std::env::var("RUNBOOK_TEST_PYTHON")
        .unwrap_or_else(|_| root.join(".venv/bin/python").display().to_string());
    let version = version_of(&path).unwrap_or_else(|| {
        panic!("{path} is needed for blocks with `requires` (.ci/run creates it)")
    });
    Python { path, version }
}

/// The pinned requirements, by normalised name.
fn pinned() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snippet-requirements.txt");
    std::fs::read_to_string(path)
        .expect("tests/snippet-requirements.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, version) = l.split_once("==").expect("pinned as name==version");
            (normalise(name), version.trim().to_string())
        })
        .collect()
}

/// A distribution name as pip compares them.
fn normalise(name: &str) -> String {
    let name = name.split('[').next().unwrap_or(name);
    name.trim().to_lowercase().replace(['_', '.'], "-")
}

/// What one run must show.
enum Expect<'a> {
    /// The block prints `output` (and raises `raises`, if given).
    Prints(&'a Code),
    /// pytest passes (`true`) or fails (`false`).
    Tests(bool),
}

/// One run to make.
struct Job<'a> {
    question: &'a Question,
    what: &'static str,
    python: Python,
    expect: Expect<'a>,
}

/// The environment of a run: random hash seeds, and PostgreSQL if needed.
fn command(job: &Job<'_>) -> Command {
    let mut cmd = Command::new(&job.python.path);
    cmd.env("PYTHONHASHSEED", "random")
        .env_remove("PYTHONPATH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Run `cmd` with a time limit; (exit code, stdout, stderr).
fn run_limited(mut cmd: Command) -> Result<(Option<i32>, String, String), String> {
    let mut child = cmd.spawn().map_err(|e| format!("cannot start: {e}"))?;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
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
    Ok((status.code(), out.join().unwrap(), err.join().unwrap()))
}

/// Run one job; `Err` says how it failed.
fn run(job: &Job<'_>) -> Result<(), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let v = job.python.version;
    let at = format!("{} {} (Python {}.{})", job.question.id, job.what, v.0, v.1);
    match &job.expect {
        Expect::Prints(code) => {
            let mut cmd = command(job);
            cmd.args(["-X", "utf8", "-c", &code.source])
                .current_dir(dir.path());
            let (status, stdout, stderr) = run_limited(cmd).map_err(|e| format!("{at}: {e}"))?;
            if let Some(raises) = &code.raises {
                let last = stderr
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("");
                let name = last
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .next()
                    .unwrap_or("");
                let matches = name == raises || name.rsplit('.').next() == Some(raises);
                if status == Some(0) || !matches {
                    return Err(format!(
                        "{at}: expected to end with {raises}, exited {status:?}; stderr ends with {last:?}"
                    ));
                }
            } else if status != Some(0) {
                return Err(format!("{at}: exited {status:?}:\n{stderr}"));
            }
            let expected = code.output.as_deref().unwrap_or("");
            if stdout.trim_end_matches('\n') != expected.trim_end_matches('\n') {
                return Err(format!(
                    "{at}: output differs\n--- expected\n{expected}\n--- printed\n{stdout}"
                ));
            }
            Ok(())
        }
        Expect::Tests(should_pass) => {
            let q = job.question;
            let source = if *should_pass {
                &q.code.as_ref().unwrap().source
            } else {
                &q.exhibit.as_ref().unwrap().source
            };
            std::fs::write(dir.path().join("solution.py"), source).unwrap();
            std::fs::write(
                dir.path().join("test_solution.py"),
                q.tests.as_deref().unwrap(),
            )
            .unwrap();
            let mut cmd = command(job);
            cmd.args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
                .current_dir(dir.path());
            let (status, stdout, _) = run_limited(cmd).map_err(|e| format!("{at}: {e}"))?;
            match (should_pass, status) {
                (true, Some(0)) | (false, Some(1)) => Ok(()),
                (true, _) => Err(format!("{at}: the tests fail on the reference:\n{stdout}")),
                (false, _) => Err(format!(
                    "{at}: the tests should fail on the starter (pytest exit 1), got {status:?}:\n{stdout}"
                )),
            }
        }
    }
}

#[test]
fn every_code_block_runs_and_prints_what_the_bank_says() {
    let (bank, _) = Bank::load_valid(&Content::Builtin).expect("the built-in bank is valid");
    let pythons = interpreters();
    let with_packages = test_python();
    let pins = pinned();
    let postgres = std::env::var_os("PGHOST").is_some();
    let in_ci = std::env::var_os("CI").is_some();
    assert!(
        postgres || !in_ci,
        "CI must provide PostgreSQL (PGHOST) for the blocks that use it"
    );

    let mut jobs: Vec<Job<'_>> = Vec::new();
    let mut unrun: Vec<String> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    let mut blocks = 0usize;
    for q in bank.questions() {
        for requirement in &q.requires {
            let name = normalise(
                requirement
                    .split(['=', '<', '>', '!', '~'])
                    .next()
                    .unwrap_or(requirement),
            );
            match pins.get(&name) {
                None => problems.push(format!(
                    "{}: `{requirement}` is not pinned in tests/snippet-requirements.txt",
                    q.id
                )),
                Some(version) => {
                    if let Some(wanted) = requirement.split_once("==").map(|(_, v)| v.trim())
                        && wanted != version
                    {
                        problems.push(format!(
                            "{}: requires {requirement} but {name}=={version} is pinned",
                            q.id
                        ));
                    }
                }
            }
        }
        let needs_postgres = q.services.contains(&Service::Postgresql);
        let listings: Vec<(&'static str, &Code)> = [("exhibit", &q.exhibit), ("code", &q.code)]
            .into_iter()
            .filter_map(|(what, c)| c.as_ref().map(|c| (what, c)))
            .collect();
        blocks += listings.len();
        if needs_postgres && !postgres {
            unrun.extend(
                listings
                    .iter()
                    .map(|(what, _)| format!("{} {what} (no PostgreSQL)", q.id)),
            );
            continue;
        }
        if q.tests.is_some() {
            for pass in [true, false] {
                jobs.push(Job {
                    question: q,
                    what: if pass {
                        "tests on the reference"
                    } else {
                        "tests on the starter"
                    },
                    python: with_packages.clone(),
                    expect: Expect::Tests(pass),
                });
            }
            continue;
        }
        for (what, code) in listings {
            if let Some(reason) = &code.reason {
                unrun.push(format!("{} {what}: {reason}", q.id));
                continue;
            }
            if !q.requires.is_empty() {
                jobs.push(Job {
                    question: q,
                    what,
                    python: with_packages.clone(),
                    expect: Expect::Prints(code),
                });
                continue;
            }
            let minimum = code
                .python
                .as_deref()
                .and_then(parse_python_version)
                .unwrap_or(DEFAULT_MINIMUM);
            let usable: Vec<&Python> = pythons.iter().filter(|p| p.version >= minimum).collect();
            match (usable.first(), usable.last()) {
                (Some(oldest), Some(newest)) => {
                    let mut chosen = vec![*oldest];
                    if newest.version != oldest.version {
                        chosen.push(*newest);
                    }
                    for python in chosen {
                        jobs.push(Job {
                            question: q,
                            what,
                            python: python.clone(),
                            expect: Expect::Prints(code),
                        });
                    }
                }
                _ => unrun.push(format!(
                    "{} {what}: needs Python {}.{}, newer than this machine has",
                    q.id, minimum.0, minimum.1
                )),
            }
        }
    }

    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(jobs.iter());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(job) = { next.lock().unwrap().next() } {
                    if let Err(e) = run(job) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{e}\n  ({})", job.question.origin));
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
        "code blocks: {blocks} in the bank; {} runs under Python {} and the test environment's {}.{}; \
         {} unrun ({:.1}%){}{}",
        jobs.len(),
        versions.join(", "),
        with_packages.version.0,
        with_packages.version.1,
        unrun.len(),
        100.0 * unrun.len() as f64 / blocks.max(1) as f64,
        if unrun.is_empty() { "" } else { ":\n  " },
        unrun.join("\n  ")
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!jobs.is_empty(), "the bank has code to run");
    assert!(
        (unrun.len() as f64) <= MAX_UNRUN * blocks as f64,
        "{} of {blocks} blocks are unrun; at most {:.0}% may be",
        unrun.len(),
        MAX_UNRUN * 100.0
    );
    assert!(
        failures.is_empty(),
        "{} run(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
