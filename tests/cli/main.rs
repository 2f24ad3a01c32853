//! Integration tests: the real `runbook` binary, run in temporary directories.
//! One module per command.

mod support;

mod anki;
mod check;
mod completions;
mod csv;
mod exercise;
mod export;
mod hardening;
mod init;
mod list;
mod loops;
mod pdf;
mod plan;
mod planning;
mod readme;
mod render;
mod show;
