//! The loop overview for the hiring manager: which round probes which
//! topic (in question minutes), each round's time and questions, and where
//! each interviewer's name goes. It is made from a loop and its rounds'
//! plans rather than from one [`Document`](super::document::Document), so it
//! sits beside the per-plan renderers: the same template engine gives the
//! Markdown, the same layout engine the PDF.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::Context;
use super::document::clock;
use super::template::OVERVIEW;
use crate::bank::Bank;
use crate::error::Error;
use crate::plan::Plan;
use crate::plan::interview_loop::LoopFile;

/// Every field name the overview's data has, at any depth.
pub const FIELDS: &[&str] = &[
    "title",
    "level",
    "role",
    "round_count",
    "minutes",
    "date",
    "command",
    "seed",
    "bank",
    "rounds",
    "number",
    "question_count",
    "questions",
    "clock",
    "topic",
    "kind",
    "topics",
    "cells",
    "total",
];

/// The overview's formats: `overview` (PDF) and `overview-md`.
pub const FORMATS: [&str; 2] = ["overview", "overview-md"];

/// The data the overview template sees.
pub fn data(looped: &LoopFile, plans: &[&Plan], bank: &Bank, date: &str) -> Value {
    let mut by_topic: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let rounds: Vec<Value> = looped
        .rounds
        .iter()
        .zip(plans)
        .enumerate()
        .map(|(n, (round, plan))| {
            let questions: Vec<Value> = plan
                .items()
                .filter_map(|item| bank.question(&item.id.value).map(|q| (item, q)))
                .map(|(item, q)| {
                    by_topic
                        .entry(q.topic.as_str())
                        .or_insert_with(|| vec![0; plans.len()])[n] += item.minutes;
                    json!({
                        "clock": clock(item.start),
                        "title": q.title,
                        "topic": bank.topic_title(&q.topic),
                        "kind": q.kind.to_string(),
                        "minutes": item.minutes,
                    })
                })
                .collect();
            json!({
                "number": n + 1,
                "title": round.title,
                "minutes": round.minutes,
                "question_count": questions.len(),
                "questions": questions,
            })
        })
        .collect();
    // Topics in the bank's order, so the table reads the same every time.
    let topics: Vec<Value> = bank
        .topics()
        .iter()
        .filter_map(|t| by_topic.get(t.id.as_str()).map(|m| (t, m)))
        .map(|(t, minutes)| {
            let cells: Vec<String> = minutes
                .iter()
                .map(|&m| {
                    if m == 0 {
                        "·".to_string()
                    } else {
                        m.to_string()
                    }
                })
                .collect();
            json!({
                "title": t.title,
                "cells": cells,
                "total": minutes.iter().sum::<u32>(),
            })
        })
        .collect();
    json!({
        "title": format!("{} overview", looped.title),
        "level": bank.levels().title(looped.level),
        "role": bank.role(&looped.role).map_or(looped.role.as_str(), |r| r.title.as_str()),
        "round_count": looped.rounds.len(),
        "minutes": looped.rounds.iter().map(|r| r.minutes).sum::<u32>(),
        "date": date,
        "command": looped.command,
        "seed": looped.seed,
        "bank": looped.bank,
        "rounds": rounds,
        "topics": topics,
    })
}

/// Render the overview as `format` (one of [`FORMATS`]).
pub fn render(
    format: &str,
    looped: &LoopFile,
    plans: &[&Plan],
    bank: &Bank,
    ctx: &Context<'_>,
) -> Result<Vec<u8>, Error> {
    let data = data(looped, plans, bank, &ctx.timestamp.date());
    let markdown = ctx.templates.render(OVERVIEW, &data)?;
    let markdown = super::markdown::tidy(&markdown);
    if format == "overview-md" {
        return Ok(markdown.into_bytes());
    }
    let title = data["title"].as_str().unwrap_or("Loop overview");
    super::pdf::from_markdown(
        &markdown,
        title,
        "Loop overview — confidential",
        "Interview loop: rounds, topics and questions",
        ctx,
    )
}

/// The file name of the overview in `format`.
pub fn file_name(format: &str) -> &'static str {
    if format == "overview-md" {
        "loop-overview.md"
    } else {
        "loop-overview.pdf"
    }
}
