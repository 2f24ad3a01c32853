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
}

/// What a finished invocation did. Keeps its temporary directory alive.
#[allow(dead_code)]
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    pub dir: tempfile::TempDir,
}

/// The repository root, for fixtures.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture directory under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

#[allow(dead_code)]
impl Runbook {
    /// `runbook` with no arguments yet, in a fresh temporary directory.
    pub fn new() -> Self {
        Runbook {
            args: Vec::new(),
            env: Vec::new(),
            dir: tempfile::tempdir().expect("temp dir"),
            stdin: None,
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

    /// Run it.
    pub fn run(self) -> Outcome {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_runbook"));
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

#[allow(dead_code)]
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
