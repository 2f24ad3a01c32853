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

fn python() -> String {
    std::env::var("RUNBOOK_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn python_version() -> (u32, u32) {
    let out = Command::new(python())
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output()
        .expect("python3 must be installed to test the bank's snippets");
    parse_python_version(String::from_utf8_lossy(&out.stdout).trim()).expect("python version")
}

/// Run one snippet; `Err` describes how it failed.
fn run(q: &Question) -> Result<(), String> {
    let code = q.code.as_ref().unwrap();
    let mut child = Command::new(python())
        .args(["-X", "utf8", "-c", &code.source])
        .env("PYTHONHASHSEED", "random")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .current_dir(std::env::temp_dir())
        .spawn()
        .map_err(|e| format!("cannot start python3: {e}"))?;
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
    if !status.success() {
        return Err(format!("exited with {status}:\n{stderr}"));
    }
    let expected = code.output.as_deref().unwrap_or("");
    if stdout.trim_end_matches('\n') != expected.trim_end_matches('\n') {
        return Err(format!("--- expected\n{expected}\n--- printed\n{stdout}"));
    }
    Ok(())
}

#[test]
fn every_runnable_snippet_prints_its_output() {
    let (bank, _) = Bank::load_valid(&Content::Builtin).expect("the built-in bank is valid");
    let here = python_version();
    let runnable: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| q.code.as_ref().is_some_and(|c| c.runnable))
        .collect();
    let (now, newer): (Vec<&Question>, Vec<&Question>) = runnable.into_iter().partition(|q| {
        let need = q
            .code
            .as_ref()
            .unwrap()
            .python
            .as_deref()
            .and_then(parse_python_version);
        need.is_none_or(|v| v <= here)
    });
    let failures = Mutex::new(Vec::new());
    let next = Mutex::new(now.iter());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(q) = { next.lock().unwrap().next() } {
                    if let Err(e) = run(q) {
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
    eprintln!(
        "snippets: {} run under Python {}.{}, {} need a newer Python and were not run: {}",
        now.len(),
        here.0,
        here.1,
        newer.len(),
        newer
            .iter()
            .map(|q| q.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(!now.is_empty(), "the bank has runnable snippets");
    assert!(
        failures.is_empty(),
        "{} snippet(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
