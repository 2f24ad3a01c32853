//! A question as written in a bank file. Reading is lenient on purpose: every
//! field is optional and collected with its location, and unknown fields are
//! kept, so that [`super::checker`] can report all problems of a question at
//! once (unknown and missing fields, bad values) rather than the first.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::question::Code;
use super::source::{Located, Position, SourceFile};
use super::strict::Integer;
use crate::diagnostic::Diagnostic;

/// The field names a question may have, in the order they are documented.
pub const FIELDS: [&str; 21] = [
    "id",
    "title",
    "prompt",
    "topic",
    "levels",
    "roles",
    "minutes",
    "kind",
    "answer",
    "key_points",
    "follow_ups",
    "red_flags",
    "rubric",
    "exhibit",
    "code",
    "requires",
    "services",
    "tests",
    "probes",
    "tags",
    "seeds",
];

/// What a question is checked against: the ids the bank defines.
pub struct Vocabulary<'a> {
    /// Topic ids from `topics.yaml`.
    pub topics: Vec<&'a str>,
    /// Role ids from `roles.yaml`.
    pub roles: Vec<&'a str>,
}

/// A field as written: where its key is, and its value (`None` for null).
/// Values are located by their key, which is where a reader looks first.
pub(super) type Field<T> = Option<(Position, Option<T>)>;

/// A question as written, every field optional and located.
#[derive(Debug, Default, PartialEq)]
pub struct RawQuestion {
    pub(super) id: Field<String>,
    pub(super) title: Field<String>,
    pub(super) prompt: Field<String>,
    pub(super) topic: Field<String>,
    pub(super) levels: Field<Vec<Located<String>>>,
    pub(super) roles: Field<Vec<Located<String>>>,
    pub(super) minutes: Field<Integer>,
    pub(super) kind: Field<String>,
    pub(super) answer: Field<String>,
    pub(super) key_points: Field<Vec<String>>,
    pub(super) follow_ups: Field<Vec<String>>,
    pub(super) red_flags: Field<Vec<String>>,
    pub(super) rubric: Field<BTreeMap<i64, Option<String>>>,
    pub(super) exhibit: Field<Code>,
    pub(super) code: Field<Code>,
    pub(super) requires: Field<Vec<Located<String>>>,
    pub(super) services: Field<Vec<Located<String>>>,
    pub(super) tests: Field<String>,
    pub(super) probes: Field<Vec<Located<String>>>,
    pub(super) tags: Field<Vec<String>>,
    pub(super) seeds: Field<Vec<String>>,
    pub(super) unknown: Vec<Located<String>>,
}

impl RawQuestion {
    /// Read every question of a question file.
    pub fn read_all(file: &SourceFile) -> Result<Vec<Located<RawQuestion>>, Diagnostic> {
        file.parse::<Option<Vec<Located<RawQuestion>>>>()
            .map(Option::unwrap_or_default)
    }
}

impl<'de> Deserialize<'de> for RawQuestion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RawQuestionVisitor)
    }
}

struct RawQuestionVisitor;

impl<'de> Visitor<'de> for RawQuestionVisitor {
    type Value = RawQuestion;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a question (a mapping with id, title, prompt, topic, ...)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawQuestion, A::Error> {
        let mut q = RawQuestion::default();
        while let Some(key) = map.next_key::<Located<String>>()? {
            let at = key.at;
            match key.value.as_str() {
                "id" => q.id = Some((at, map.next_value()?)),
                "title" => q.title = Some((at, map.next_value()?)),
                "prompt" => q.prompt = Some((at, map.next_value()?)),
                "topic" => q.topic = Some((at, map.next_value()?)),
                "levels" => q.levels = Some((at, map.next_value()?)),
                "roles" => q.roles = Some((at, map.next_value()?)),
                "minutes" => q.minutes = Some((at, map.next_value()?)),
                "kind" => q.kind = Some((at, map.next_value()?)),
                "answer" => q.answer = Some((at, map.next_value()?)),
                "key_points" => q.key_points = Some((at, map.next_value()?)),
                "follow_ups" => q.follow_ups = Some((at, map.next_value()?)),
                "red_flags" => q.red_flags = Some((at, map.next_value()?)),
                "rubric" => q.rubric = Some((at, map.next_value()?)),
                "exhibit" => q.exhibit = Some((at, map.next_value()?)),
                "code" => q.code = Some((at, map.next_value()?)),
                "requires" => q.requires = Some((at, map.next_value()?)),
                "services" => q.services = Some((at, map.next_value()?)),
                "tests" => q.tests = Some((at, map.next_value()?)),
                "probes" => q.probes = Some((at, map.next_value()?)),
                "tags" => q.tags = Some((at, map.next_value()?)),
                "seeds" => q.seeds = Some((at, map.next_value()?)),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    q.unknown.push(key);
                }
            }
        }
        Ok(q)
    }
}
