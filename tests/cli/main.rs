//! Integration tests: the real `runbook` binary, run in temporary directories.
//! One module per command.

mod support;

mod check;
mod completions;
mod init;
mod list;
mod plan;
mod readme;
mod show;
