//! A small builder for running the real binary and checking what it did.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A `runbook` invocation being built.
pub struct Runbook {
    args: Vec<OsString>,
    env: Vec<(String, String)>,
    dir: tempfile::TempDir,
    stdin: Option<Vec<u8>>,
    file_size_limit_kib: Option<u64>,
}

/// What a finished invocation did. Keeps its temporary directory alive.
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: tempfile::TempDir,
}

/// Run an external program that the tests need (installed by `.ci/run`),
/// failing loudly if it is missing or fails.
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed by this test (.ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The Python with the test packages (anki): `$RUNBOOK_TEST_PYTHON`, else
/// the project's `.venv`.
pub fn test_python() -> String {
    std::env::var("RUNBOOK_TEST_PYTHON")
        .unwrap_or_else(|_| repo().join(".venv/bin/python").display().to_string())
}

/// Text with all runs of white space made single spaces.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with all white space removed, to compare text whatever its line breaks.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Markdown source as it reads once rendered: without backticks and stars.
pub fn visible(markdown: &str) -> String {
    markdown.replace(['`', '*'], "")
}

/// The question ids of a plan (YAML), in order.
pub fn plan_ids(plan: &str) -> Vec<String> {
    plan.lines()
        .filter_map(|l| l.trim().strip_prefix("- id: "))
        .map(String::from)
        .collect()
}

/// Copy a directory tree (for editing a fixture bank in a test).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The repository root, for fixtures.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture directory under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

impl Runbook {
    /// `runbook` with no arguments yet, in a fresh temporary directory.
    pub fn new() -> Self {
        Runbook {
            args: Vec::new(),
            env: Vec::new(),
            dir: tempfile::tempdir().expect("temp dir"),
            stdin: None,
            file_size_limit_kib: None,
        }
    }

    /// Add arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Set an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The working directory the command will run in.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Write a file (relative to the working directory) before running.
    pub fn file(self, rel: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Run under a file-size limit (`ulimit -f`, with SIGXFSZ ignored), so
    /// that writes past `kib` KiB fail part-way, as they do on a full disk.
    pub fn file_size_limit_kib(mut self, kib: u64) -> Self {
        self.file_size_limit_kib = Some(kib);
        self
    }

    /// Run it.
    pub fn run(self) -> Outcome {
        let bin = env!("CARGO_BIN_EXE_runbook");
        let mut cmd = match self.file_size_limit_kib {
            Some(kib) => {
                let mut sh = Command::new("sh");
                sh.arg("-c")
                    .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\""))
                    .arg(bin);
                sh
            }
            None => Command::new(bin),
        };
        cmd.args(&self.args)
            .current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let output = if let Some(input) = self.stdin {
            use std::io::Write;
            let mut child = cmd
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(&input).unwrap();
            child.wait_with_output().unwrap()
        } else {
            cmd.output().expect("run runbook")
        };
        Outcome {
            status: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            dir: self.dir,
        }
    }
}

impl Outcome {
    fn context(&self) -> String {
        format!(
            "status {}\n--- stdout\n{}\n--- stderr\n{}",
            self.status, self.stdout, self.stderr
        )
    }

    /// Assert the exit status.
    pub fn status(self, code: i32) -> Self {
        assert_eq!(self.status, code, "{}", self.context());
        self
    }

    /// Assert success.
    pub fn success(self) -> Self {
        self.status(0)
    }

    /// Assert stdout contains `text`.
    pub fn stdout_has(self, text: &str) -> Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}\n{}",
            self.context()
        );
        self
    }

    /// Assert stderr contains `text`.
    pub fn stderr_has(self, text: &str) -> Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}\n{}",
            self.context()
        );
        self
    }

    /// Assert stdout does not contain `text`.
    pub fn stdout_lacks(self, text: &str) -> Self {
        assert!(
            !self.stdout.contains(text),
            "stdout has {text:?}\n{}",
            self.context()
        );
        self
    }

    /// A file the command was expected to write, relative to its directory.
    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.dir.path().join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}\n{}", self.context()))
    }

    /// The path of `rel` in the command's directory.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}
