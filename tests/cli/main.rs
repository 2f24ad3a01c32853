//! Integration tests: the real `runbook` binary, run in temporary directories.
//! One module per command.

mod support;

mod anki;
mod check;
mod completions;
mod csv;
mod export;
mod hardening;
mod init;
mod list;
mod pdf;
mod plan;
mod readme;
mod render;
mod show;
