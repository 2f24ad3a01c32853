//! What a question becomes in Anki: its note's stable identity (GUID, note
//! and card ids), its deck and tags, and its fields as HTML. Everything here
//! depends on the question alone, never on the filter or plan it came in
//! with, so the same question is the same note in every deck.

use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::html;
use crate::bank::Bank;
use crate::bank::question::{ALL_ROLES, Question};

/// The note type's name.
pub const NOTE_TYPE: &str = "runbook interview question";
/// The note type's fields, in order. Never reorder or rename them: Anki
/// treats a changed schema as a different note type.
pub const FIELDS: [&str; 8] = [
    "Id",
    "Question",
    "Answer",
    "Key points",
    "Follow-ups",
    "Code",
    "Topic",
    "Level",
];
/// The top-level deck.
pub const ROOT_DECK: &str = "Python interview";

/// A stable id in Anki's id range from a name.
pub fn stable_id(name: &str) -> i64 {
    let digest = Sha256::digest(name.as_bytes());
    let n = u64::from_be_bytes(digest[..8].try_into().expect("8 bytes"));
    // Below 2^53 so JSON readers keep it exact; above 2^40 to stay clear of
    // small ids such as the default deck's.
    (1i64 << 40) + (n % (1u64 << 52)) as i64
}

/// The note type id.
pub fn note_type_id() -> i64 {
    stable_id(NOTE_TYPE)
}

/// The GUID of a question's note: the question id, namespaced.
pub fn guid(q: &Question) -> String {
    format!("runbook/{}", q.id)
}

/// The deck a question goes in, from its topic: `Python interview::Asyncio`.
/// Levels and roles are tags, so a student filters by them instead.
pub fn deck(bank: &Bank, q: &Question) -> String {
    let topic = bank.topic_title(&q.topic).replace("::", ":");
    format!("{ROOT_DECK}::{topic}")
}

/// The deck's id.
pub fn deck_id(name: &str) -> i64 {
    stable_id(&format!("deck:{name}"))
}

/// The question's tags: `runbook::role::backend`, `runbook::level::senior`,
/// `runbook::topic::concurrency`, `runbook::kind::concept`.
pub fn tags(bank: &Bank, q: &Question) -> Vec<String> {
    let mut tags = Vec::new();
    if q.roles.iter().any(|r| r == ALL_ROLES) {
        tags.extend(
            bank.roles()
                .iter()
                .map(|r| format!("runbook::role::{}", r.id)),
        );
    } else {
        tags.extend(q.roles.iter().map(|r| format!("runbook::role::{r}")));
    }
    tags.extend(
        q.levels
            .iter()
            .map(|l| format!("runbook::level::{}", l.id())),
    );
    tags.push(format!("runbook::topic::{}", q.topic));
    tags.push(format!("runbook::kind::{}", q.kind.id()));
    tags
}

/// The note's field values, HTML, in [`FIELDS`] order. The front of a card
/// shows `Question`: the prompt and the exhibit, never the exhibit's output
/// or the reference code, which go to `Code` on the back.
pub fn fields(bank: &Bank, q: &Question) -> [String; 8] {
    let mut question = html::markdown(q.prompt.trim());
    if let Some(exhibit) = &q.exhibit {
        question.push_str(&html::code_block(&exhibit.source));
        if let Some(data) = &exhibit.data {
            question.push_str(&html::text_block(data));
        }
    }
    let mut code = String::new();
    if let Some(output) = q.exhibit.as_ref().and_then(|e| e.output.as_deref()) {
        code.push_str("<div class=\"meta\">The exhibit prints</div>");
        code.push_str(&html::text_block(output));
    }
    if let Some(reference) = &q.code {
        if !code.is_empty() {
            code.push_str("<div class=\"meta\">Reference</div>");
        }
        code.push_str(&html::code_block(&reference.source));
        if let Some(output) = &reference.output {
            code.push_str("<div class=\"meta\">Output</div>");
            code.push_str(&html::text_block(output));
        }
    }
    let levels: Vec<&str> = q.levels.iter().map(|l| bank.levels().title(*l)).collect();
    [
        html::escape(&q.id),
        question,
        html::markdown(q.answer.trim()),
        html::list(&q.key_points),
        html::list(&q.follow_ups),
        code,
        html::escape(bank.topic_title(&q.topic)),
        html::escape(&levels.join(", ")),
    ]
}

/// Anki's checksum of a note's first field.
pub fn checksum(first_field: &str) -> i64 {
    let digest = Sha1::digest(first_field.as_bytes());
    i64::from(u32::from_be_bytes(digest[..4].try_into().expect("4 bytes")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_in_range() {
        assert_eq!(stable_id("x"), stable_id("x"));
        assert_ne!(stable_id("x"), stable_id("y"));
        for name in ["a", "deck:Python interview", "note:gil"] {
            let id = stable_id(name);
            assert!((1 << 40..(1 << 40) + (1 << 52)).contains(&id), "{id}");
        }
    }

    #[test]
    fn checksum_matches_anki() {
        // Anki: int(sha1("hello").hexdigest()[:8], 16)
        assert_eq!(checksum("hello"), 0xaaf4c61d);
    }
}
