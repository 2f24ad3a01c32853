//! The data a template sees, per audience. The candidate's data is built
//! from an allow-list: number, title, prompt, timing and the exhibit as
//! shown. Answers, key points, follow-ups, red flags, rubrics, the exhibit's
//! output, reference code and question ids are never put in it, so no
//! template, built in or a team's own, can show them to a candidate.

use serde_json::{Value, json};

use super::Audience;
use super::document::{Document, DocumentKind, Entry, clock};
use crate::bank::question::Code;

/// Every field name the candidate's data has, at any depth.
const CANDIDATE_FIELDS: &[&str] = &[
    "kind",
    "title",
    "minutes",
    "date",
    "question_count",
    "sections",
    "questions",
    "one_per_page",
    "clock",
    "has_questions",
    "number",
    "total",
    "prompt",
    "exhibit",
    "source",
    "data",
];

/// Every field name the interviewer's data has, at any depth, beyond the
/// candidate's.
const INTERVIEWER_FIELDS: &[&str] = &[
    "role",
    "level",
    "seed",
    "bank",
    "command",
    "scale",
    "recommendations",
    "agenda",
    "topics",
    "id",
    "topic",
    "topic_id",
    "levels",
    "answer",
    "key_points",
    "follow_ups",
    "red_flags",
    "rubric",
    "code",
    "tags",
    "score",
    "label",
    "anchor",
    "meaning",
    "output",
    "raises",
    "python",
    "reason",
    "is_section",
    "count",
];

/// The field names a template for `audience` can use, so a misspelt one
/// can be reported.
pub fn fields(audience: Audience) -> std::collections::BTreeSet<&'static str> {
    let mut all: std::collections::BTreeSet<&str> = CANDIDATE_FIELDS.iter().copied().collect();
    if audience == Audience::Interviewer {
        all.extend(INTERVIEWER_FIELDS);
    }
    all
}

/// The data for `audience`'s template of `doc`.
pub fn for_audience(doc: &Document<'_>, audience: Audience) -> Value {
    match audience {
        Audience::Interviewer => interviewer(doc),
        Audience::Candidate => candidate(doc),
    }
}

fn kind(doc: &Document<'_>) -> &'static str {
    match doc.kind {
        DocumentKind::Interview => "interview",
        DocumentKind::Study => "study",
    }
}

fn minutes(doc: &Document<'_>) -> u32 {
    doc.plan
        .map_or_else(|| doc.parts.iter().map(|p| p.minutes).sum(), |p| p.minutes)
}

/// Sections of `doc`, each question made by `question`.
fn sections(doc: &Document<'_>, question: &dyn Fn(&Entry<'_>) -> Value) -> Value {
    doc.parts
        .iter()
        .map(|p| {
            json!({
                "kind": p.kind.map(|k| serde_json::to_value(k).unwrap_or(Value::Null)),
                "title": p.title,
                "clock": p.start.map(clock),
                "minutes": p.minutes,
                "has_questions": !p.entries.is_empty(),
                "questions": p.entries.iter().map(question).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// What the candidate may see: no answer of any kind.
fn candidate(doc: &Document<'_>) -> Value {
    let question = |e: &Entry<'_>| {
        let q = e.question;
        json!({
            "number": e.number,
            "total": e.total,
            "clock": e.start.map(clock),
            "minutes": e.minutes,
            "title": q.title,
            "prompt": q.prompt.trim(),
            "exhibit": q.exhibit.as_ref().map(|x| json!({
                "source": x.source.trim_end(),
                "data": x.data.as_deref().map(str::trim_end),
            })),
        })
    };
    json!({
        "kind": kind(doc),
        "title": doc.title,
        "minutes": minutes(doc),
        "date": doc.timestamp.date(),
        "question_count": doc.entries().count(),
        "sections": sections(doc, &question),
        "questions": doc.entries().map(question).collect::<Vec<_>>(),
    })
}

/// Everything, for the interviewer's script and the study guide.
fn interviewer(doc: &Document<'_>) -> Value {
    let bank = doc.bank;
    let question = |e: &Entry<'_>| {
        let q = e.question;
        json!({
            "number": e.number,
            "total": e.total,
            "id": q.id,
            "clock": e.start.map(clock),
            "minutes": e.minutes,
            "topic": bank.topic_title(&q.topic),
            "topic_id": q.topic,
            "kind": q.kind.id(),
            "levels": q.levels.iter().map(|l| bank.levels().title(*l)).collect::<Vec<_>>().join(", "),
            "title": q.title,
            "prompt": q.prompt.trim(),
            "answer": q.answer.trim(),
            "key_points": q.key_points,
            "follow_ups": q.follow_ups,
            "red_flags": q.red_flags,
            "rubric": bank.rubric().scale.iter().map(|p| json!({
                "score": p.score,
                "label": p.label,
                "anchor": q.anchor(p.score),
            })).collect::<Vec<_>>(),
            "exhibit": q.exhibit.as_ref().map(listing),
            "code": q.code.as_ref().map(listing),
            "tags": q.tags,
        })
    };
    let mut agenda = Vec::new();
    for p in &doc.parts {
        agenda.push(json!({
            "clock": p.start.map(clock), "minutes": p.minutes, "title": p.title, "is_section": true,
        }));
        for e in &p.entries {
            agenda.push(json!({
                "clock": e.start.map(clock),
                "minutes": e.minutes,
                "title": format!("Q{} · {} · {}", e.number, bank.topic_title(&e.question.topic), e.question.title),
                "is_section": false,
            }));
        }
    }
    let mut topics: Vec<(String, usize)> = Vec::new();
    for e in doc.entries() {
        let title = bank.topic_title(&e.question.topic).to_string();
        match topics.iter_mut().find(|(t, _)| *t == title) {
            Some((_, n)) => *n += 1,
            None => topics.push((title, 1)),
        }
    }
    json!({
        "kind": kind(doc),
        "title": doc.title,
        "role": doc.role.map(|r| json!({"id": r.id, "title": r.title})),
        "level": doc.level.map(|l| json!({"id": l.id(), "title": bank.levels().title(l)})),
        "minutes": minutes(doc),
        "seed": doc.plan.map(|p| p.seed),
        "bank": doc.plan.map_or(bank.digest(), |p| p.bank.as_str()),
        "command": doc.plan.map(|p| p.command.as_str()),
        "date": doc.timestamp.date(),
        "question_count": doc.entries().count(),
        "scale": bank.rubric().scale,
        "recommendations": bank.rubric().recommendations,
        "agenda": agenda,
        "sections": sections(doc, &question),
        "questions": doc.entries().map(question).collect::<Vec<_>>(),
        "topics": topics.into_iter().map(|(title, count)| json!({"title": title, "count": count})).collect::<Vec<_>>(),
    })
}

/// A listing as the interviewer's templates see it.
fn listing(c: &Code) -> Value {
    json!({
        "source": c.source.trim_end(),
        "data": c.data.as_deref().map(str::trim_end),
        "output": c.output.as_deref().map(str::trim_end),
        "raises": c.raises,
        "python": c.python,
        "reason": c.reason,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::bank::content::Content;
    use crate::bank::{Bank, level::Level};
    use crate::plan::planner::{PlanRequest, Planner};
    use crate::timestamp::Timestamp;

    /// Every object key in `value`, at any depth.
    fn keys(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    out.insert(k.clone());
                    keys(v, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }

    /// The field lists are what "unknown field" warnings are checked
    /// against, so every key the data really has must be in them.
    #[test]
    fn the_field_lists_cover_every_key_the_data_has() {
        let (bank, _) = Bank::load_valid(&Content::Builtin).unwrap();
        let mut seen = [BTreeSet::new(), BTreeSet::new()];
        for level in Level::ALL {
            let plan = Planner::new(&bank)
                .plan(&PlanRequest::new("backend", level))
                .unwrap();
            let (doc, _) = Document::interview(&plan, &bank, None, Timestamp::at(0)).unwrap();
            keys(&for_audience(&doc, Audience::Interviewer), &mut seen[0]);
            keys(&for_audience(&doc, Audience::Candidate), &mut seen[1]);
        }
        let all: Vec<_> = bank.questions().iter().collect();
        let study = Document::study(&bank, &all, None, None, Timestamp::at(0));
        keys(&for_audience(&study, Audience::Interviewer), &mut seen[0]);
        keys(&for_audience(&study, Audience::Candidate), &mut seen[1]);
        for (audience, seen) in [Audience::Interviewer, Audience::Candidate]
            .into_iter()
            .zip(&seen)
        {
            let listed = fields(audience);
            let missing: Vec<_> = seen
                .iter()
                .filter(|k| !listed.contains(k.as_str()))
                .collect();
            assert!(
                missing.is_empty(),
                "{audience:?} data has unlisted {missing:?}"
            );
        }
        // The candidate's data never has an answer field, whatever is listed.
        for leak in ["answer", "key_points", "rubric", "code", "output", "id"] {
            assert!(!seen[1].contains(leak), "candidate data has `{leak}`");
        }
    }
}
