//! Temporary files for atomic writes: `.NAME.PID.N.tmp` beside the target.
//! Every live one is recorded, so a Ctrl-C or `kill` removes it before the
//! process dies; a run that was killed outright (SIGKILL, power loss) leaves
//! one behind, and the next write into that directory removes the temporary
//! files of processes that no longer exist. The process id in the name is
//! what makes that safe, which is why the name is ours rather than the random
//! one the `tempfile` crate would choose.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files that exist now and must not outlive the process.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Create `.NAME.PID.N.tmp` in `dir` exclusively, trying a few suffixes.
pub fn create(dir: &Path, name: &str) -> std::io::Result<(PathBuf, std::fs::File)> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100u32 {
        let candidate = dir.join(format!(".{name}.{pid}.{attempt}.tmp"));
        // Recorded before it exists, so no signal finds it unrecorded.
        remember(&candidate);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((candidate, file)),
            Err(e) => {
                forget(&candidate);
                if e.kind() != std::io::ErrorKind::AlreadyExists {
                    return Err(e);
                }
                last = Some(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no temporary file name was free")))
}

fn remember(path: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.push(path.to_path_buf());
    }
}

/// Stop tracking `path` (it was renamed into place or removed).
pub fn forget(path: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|p| p != path);
    }
}

/// Remove every live temporary file.
fn remove_live() {
    if let Ok(live) = LIVE.lock() {
        for path in live.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP, remove the live temporary files and then
/// die of the signal as if no handler were installed, so the exit status
/// still says what happened. Call once, early.
#[cfg(unix)]
pub fn remove_on_signal() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            remove_live();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Signals are not handled on this platform.
#[cfg(not(unix))]
pub fn remove_on_signal() {}

/// Remove temporary files of our naming pattern in `dir` whose process is
/// gone. Errors are ignored: this is tidying, not the job at hand.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let own = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(owner) else {
            continue;
        };
        if pid != own && !alive(pid) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The process id in a name of the form `.NAME.PID.N.tmp`.
fn owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = rest.rsplitn(3, '.');
    let attempt = parts.next()?;
    let pid = parts.next()?;
    let target = parts.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(attempt) && !target.is_empty())
        .then(|| pid.parse().ok())
        .flatten()
}

/// Whether process `pid` exists. Where that cannot be told, assume it does,
/// so nothing is removed that might be in use.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if cfg!(target_os = "linux") && proc.join("self").exists() {
        proc.join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_reads_our_pattern_only() {
        assert_eq!(owner(".plan.pdf.1234.0.tmp"), Some(1234));
        assert_eq!(owner(".a.9.12.tmp"), Some(9));
        assert_eq!(owner("plan.pdf.1234.0.tmp"), None);
        assert_eq!(owner(".plan.pdf.tmp"), None);
        assert_eq!(owner(".x.12ab.0.tmp"), None);
        assert_eq!(owner("..1.0.tmp"), None);
    }

    #[test]
    fn stale_files_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Process ids above the kernel's maximum (4,194,304) never exist.
        let dead = dir.path().join(".out.pdf.4999999.0.tmp");
        let mine = dir
            .path()
            .join(format!(".out.pdf.{}.0.tmp", std::process::id()));
        let other = dir.path().join("notes.4999999.0.tmp");
        for p in [&dead, &mine, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        remove_stale(dir.path());
        assert!(!dead.exists() || !cfg!(target_os = "linux"));
        assert!(mine.exists() && other.exists());
    }
}
