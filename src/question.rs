//! A question: the model every other part reads, and how one is read from a
//! bank file. Reading is lenient on purpose: every field is collected with its
//! location so that `runbook check` can report all problems of a question at
//! once (unknown and missing fields, bad values) rather than the first.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Origin};
use crate::fast_yaml::{self, Node, Value};
use crate::level::Level;
use crate::source::{Located, Position, SourceFile};
use crate::suggestion;

/// What sort of question it is; decides which section of a plan it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Explain how something works.
    Concept,
    /// Write code live.
    Coding,
    /// Design a component or system.
    Design,
    /// Reason through a realistic situation.
    Scenario,
    /// Past behaviour and ways of working.
    Behavioral,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 5] = [
        Kind::Concept,
        Kind::Coding,
        Kind::Design,
        Kind::Scenario,
        Kind::Behavioral,
    ];

    /// The id used in YAML.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Concept => "concept",
            Kind::Coding => "coding",
            Kind::Design => "design",
            Kind::Scenario => "scenario",
            Kind::Behavioral => "behavioral",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A code listing attached to a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// The Python source.
    pub source: String,
    /// Exactly what the source prints, for runnable listings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// The oldest Python version it runs on, e.g. "3.12".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub python: Option<String>,
    /// False for listings that need third-party packages.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub runnable: bool,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// The role value meaning "every role".
pub const ALL_ROLES: &str = "all";

/// One interview question, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Stable kebab-case id.
    pub id: String,
    /// What the interviewer asks.
    pub prompt: String,
    /// Topic id.
    pub topic: String,
    /// Levels it suits.
    pub levels: Vec<Level>,
    /// Role ids it suits, or `all`.
    pub roles: Vec<String>,
    /// Minutes to ask and discuss.
    pub minutes: u32,
    /// Concept, coding, design, scenario or behavioral.
    pub kind: Kind,
    /// The expected answer, Markdown.
    pub answer: String,
    /// What a strong answer covers.
    pub key_points: Vec<String>,
    /// Questions that probe depth.
    pub follow_ups: Vec<String>,
    /// Signs of a weak answer.
    pub red_flags: Vec<String>,
    /// Anchors for scores 1 to 4.
    pub rubric: Anchors,
    /// An optional listing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Source question keys this one covers.
    pub seeds: Vec<String>,
    /// Where the question is defined.
    #[serde(skip)]
    pub origin: Origin,
}

impl Question {
    /// True if the question suits `role`.
    pub fn suits_role(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == ALL_ROLES || r == role)
    }

    /// True if the question suits `level`.
    pub fn suits_level(&self, level: Level) -> bool {
        self.levels.contains(&level)
    }

    /// The rubric anchor for `score` (1–4).
    pub fn anchor(&self, score: u8) -> &str {
        self.rubric.get(score).unwrap_or("")
    }
}

/// What a 1, 2, 3 and 4 answer to a question sounds like. Held inline: a
/// map per question would cost a large bank tens of megabytes.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Anchors([String; 4]);

impl Anchors {
    /// The anchor for `score`, if it is 1 to 4 and written.
    pub fn get(&self, score: u8) -> Option<&str> {
        let anchor = self.0.get(usize::from(score).checked_sub(1)?)?;
        (!anchor.is_empty()).then_some(anchor.as_str())
    }

    /// The written anchors as (score, text), in score order.
    pub fn iter(&self) -> impl Iterator<Item = (u8, &str)> {
        (1..=4).filter_map(|score| Some((score, self.get(score)?)))
    }
}

impl FromIterator<(u8, String)> for Anchors {
    /// Anchors from (score, text) pairs; scores outside 1 to 4 are ignored.
    fn from_iter<I: IntoIterator<Item = (u8, String)>>(pairs: I) -> Self {
        let mut anchors = Anchors::default();
        for (score, text) in pairs {
            if let Some(slot) = usize::from(score)
                .checked_sub(1)
                .and_then(|i| anchors.0.get_mut(i))
            {
                *slot = text;
            }
        }
        anchors
    }
}

impl fmt::Debug for Anchors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Anchors {
    /// As a map from score to anchor, the way the bank writes it.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// The field names a question may have, in the order they are documented.
pub const FIELDS: [&str; 15] = [
    "id",
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
    "code",
    "tags",
    "seeds",
];

/// A field as written: where its key is, and its value (`None` for null).
/// Values are located by their key: wrapping every value in a span would
/// make parsing half again slower.
type Field<T> = Option<(Position, Option<T>)>;

/// A question as written, every field optional and located.
#[derive(Debug, Default, PartialEq)]
pub struct RawQuestion {
    id: Field<String>,
    prompt: Field<String>,
    topic: Field<String>,
    levels: Field<Vec<Located<String>>>,
    roles: Field<Vec<Located<String>>>,
    minutes: Field<i64>,
    kind: Field<String>,
    answer: Field<String>,
    key_points: Field<Vec<String>>,
    follow_ups: Field<Vec<String>>,
    red_flags: Field<Vec<String>>,
    rubric: Field<BTreeMap<i64, Option<String>>>,
    code: Field<Code>,
    tags: Field<Vec<String>>,
    seeds: Field<Vec<String>>,
    unknown: Vec<Located<String>>,
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
        f.write_str("a question (a mapping with id, prompt, topic, ...)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawQuestion, A::Error> {
        let mut q = RawQuestion::default();
        while let Some(key) = map.next_key::<Located<String>>()? {
            let at = key.at;
            match key.value.as_str() {
                "id" => q.id = Some((at, map.next_value()?)),
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
                "code" => q.code = Some((at, map.next_value()?)),
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

impl RawQuestion {
    /// Read every question of a question file. The fast reader handles the
    /// plain style bank files are written in; anything else, and every file
    /// with an error, goes through the full YAML parser.
    pub fn read_all(file: &SourceFile) -> Result<Vec<Located<RawQuestion>>, Diagnostic> {
        let fast = fast_yaml::read_sequence_of_maps(&file.text, RawQuestion::from_node);
        match fast {
            Some(questions) => Ok(questions),
            None => file
                .parse::<Option<Vec<Located<RawQuestion>>>>()
                .map(Option::unwrap_or_default),
        }
    }

    /// A question from the fast reader's tree, read as serde reads it from the
    /// full parser; `None` for anything it might read differently.
    fn from_node(node: Node) -> Option<Located<RawQuestion>> {
        let Value::Map(entries) = node.value else {
            return None;
        };
        let mut q = RawQuestion::default();
        for (key, value) in entries {
            let at = key.at;
            let Value::Scalar { text: key, .. } = key.value else {
                return None;
            };
            match key.as_str() {
                "id" => q.id = Some((at, Some(node_string(value)?))),
                "prompt" => q.prompt = Some((at, Some(node_string(value)?))),
                "topic" => q.topic = Some((at, Some(node_string(value)?))),
                "levels" => q.levels = Some((at, Some(node_list(value, located)?))),
                "roles" => q.roles = Some((at, Some(node_list(value, located)?))),
                "minutes" => q.minutes = Some((at, Some(node_integer(value)?))),
                "kind" => q.kind = Some((at, Some(node_string(value)?))),
                "answer" => q.answer = Some((at, Some(node_string(value)?))),
                "key_points" => q.key_points = Some((at, Some(node_list(value, node_string)?))),
                "follow_ups" => q.follow_ups = Some((at, Some(node_list(value, node_string)?))),
                "red_flags" => q.red_flags = Some((at, Some(node_list(value, node_string)?))),
                "rubric" => q.rubric = Some((at, Some(node_rubric(value)?))),
                "code" => q.code = Some((at, Some(node_code(value)?))),
                "tags" => q.tags = Some((at, Some(node_list(value, node_string)?))),
                "seeds" => q.seeds = Some((at, Some(node_list(value, node_string)?))),
                _ => return None,
            }
        }
        Some(Located {
            at: node.at,
            value: q,
        })
    }
}

/// A string, unless a plain scalar might be read as a number, boolean or null.
fn node_string(node: Node) -> Option<String> {
    match node.value {
        Value::Scalar { text, plain: false } => Some(text),
        Value::Scalar { text, plain: true } if !maybe_not_a_string(&text) => Some(text),
        _ => None,
    }
}

/// True for a plain scalar that a YAML schema might resolve to something
/// other than a string: one word that starts like a number or is a keyword.
fn maybe_not_a_string(text: &str) -> bool {
    if text.contains(' ') {
        return false;
    }
    let first = text.bytes().next().unwrap_or(b'~');
    first.is_ascii_digit()
        || matches!(first, b'+' | b'-' | b'.' | b'~')
        || ["null", "true", "false", "yes", "no", "on", "off", "y", "n"]
            .iter()
            .any(|k| text.eq_ignore_ascii_case(k))
}

fn located(node: Node) -> Option<Located<String>> {
    let at = node.at;
    Some(Located {
        at,
        value: node_string(node)?,
    })
}

fn node_list<T>(node: Node, item: fn(Node) -> Option<T>) -> Option<Vec<T>> {
    let Value::Seq(nodes) = node.value else {
        return None;
    };
    // Sized exactly: a large bank holds hundreds of thousands of these.
    let mut items = Vec::with_capacity(nodes.len());
    for node in nodes {
        items.push(item(node)?);
    }
    Some(items)
}

/// A plain decimal integer without a leading zero.
fn node_integer(node: Node) -> Option<i64> {
    match node.value {
        Value::Scalar { text, plain: true }
            if text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') =>
        {
            text.parse().ok()
        }
        _ => None,
    }
}

fn node_rubric(node: Node) -> Option<BTreeMap<i64, Option<String>>> {
    let Value::Map(entries) = node.value else {
        return None;
    };
    entries
        .into_iter()
        .map(|(score, text)| Some((node_integer(score)?, Some(node_string(text)?))))
        .collect()
}

fn node_code(node: Node) -> Option<Code> {
    let Value::Map(entries) = node.value else {
        return None;
    };
    let (mut source, mut output, mut python, mut runnable) = (None, None, None, true);
    for (key, value) in entries {
        let Value::Scalar { text: key, .. } = key.value else {
            return None;
        };
        match key.as_str() {
            "source" => source = Some(node_string(value)?),
            "output" => output = Some(node_string(value)?),
            "python" => python = Some(node_string(value)?),
            "runnable" => match value.value {
                Value::Scalar { text, plain: true } if text == "true" || text == "false" => {
                    runnable = text == "true";
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    Some(Code {
        source: source?,
        output,
        python,
        runnable,
    })
}

/// What a question is checked against: the ids the bank defines.
pub struct Vocabulary<'a> {
    /// Topic ids from `topics.yaml`.
    pub topics: Vec<&'a str>,
    /// Role ids from `roles.yaml`.
    pub roles: Vec<&'a str>,
}

/// The bank's own quality bar; outside it is a warning, not an error.
pub mod limits {
    /// Words in an expected answer.
    pub const ANSWER_WORDS: (usize, usize) = (80, 250);
    /// Key points.
    pub const KEY_POINTS: (usize, usize) = (3, 6);
    /// Follow-up questions.
    pub const FOLLOW_UPS: (usize, usize) = (2, 4);
    /// Red flags.
    pub const RED_FLAGS: (usize, usize) = (1, 3);
    /// Minutes per question (an error outside).
    pub const MINUTES: (i64, i64) = (1, 30);
}

/// Checks one raw question and builds it, pushing every problem found.
struct Checker<'a> {
    file: &'a SourceFile,
    at: Position,
    id: String,
    diagnostics: &'a mut Vec<Diagnostic>,
    failed: bool,
}

impl Checker<'_> {
    fn error(&mut self, at: &Position, message: String, help: Option<String>) {
        let at = if at.is_unknown() { &self.at } else { at };
        let d = self.file.error(at, message).with_help(help);
        self.diagnostics.push(d);
        self.failed = true;
    }

    fn warn(&mut self, at: &Position, message: String) {
        let d = self.file.warning(at, message);
        self.diagnostics.push(d);
    }

    /// A required field's value and location, or an error if it is missing or null.
    fn required<T>(&mut self, name: &str, field: Field<T>) -> Option<(T, Position)> {
        match field {
            None => {
                let at = self.at;
                self.error(&at, format!("question `{}` has no `{name}`", self.id), None);
                None
            }
            Some((at, None)) => {
                self.error(&at, format!("`{name}` of `{}` is empty", self.id), None);
                None
            }
            Some((at, Some(v))) => Some((v, at)),
        }
    }

    fn text(&mut self, name: &str, field: Field<String>) -> Option<(String, Position)> {
        let (value, at) = self.required(name, field)?;
        if value.trim().is_empty() {
            self.error(&at, format!("`{name}` of `{}` is empty", self.id), None);
            return None;
        }
        Some((value, at))
    }

    fn list(
        &mut self,
        name: &str,
        field: Field<Vec<String>>,
        range: (usize, usize),
    ) -> Vec<String> {
        let Some((items, at)) = self.required(name, field) else {
            return Vec::new();
        };
        let items: Vec<String> = items.into_iter().filter(|s| !s.trim().is_empty()).collect();
        if items.len() < range.0 || items.len() > range.1 {
            self.warn(
                &at,
                format!(
                    "`{}` has {} {}; the bank aims for {} to {}",
                    self.id,
                    items.len(),
                    name.replace('_', " "),
                    range.0,
                    range.1
                ),
            );
        }
        items
    }
}

impl RawQuestion {
    /// Validate and build the question; every problem goes to `diagnostics`.
    /// Returns `None` if an error makes the question unusable.
    pub fn check(
        self,
        at: Position,
        file: &SourceFile,
        vocabulary: &Vocabulary<'_>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Question> {
        let id_hint = self
            .id
            .as_ref()
            .and_then(|(_, v)| v.clone())
            .unwrap_or_else(|| format!("question at line {}", at.line));
        let mut c = Checker {
            file,
            at,
            id: id_hint,
            diagnostics,
            failed: false,
        };
        for key in &self.unknown {
            let help = suggestion::help(&key.value, FIELDS);
            c.error(
                &key.at,
                format!("unknown field `{}` in `{}`", key.value, c.id),
                help.or_else(|| Some(format!("the fields are: {}", FIELDS.join(", ")))),
            );
        }

        let id = c.text("id", self.id);
        if let Some((id, at)) = &id
            && !is_kebab_case(id)
        {
            c.error(
                at,
                format!("id `{id}` is not kebab-case"),
                Some(
                    "use lowercase letters, digits and single hyphens, e.g. `mutable-default-args`"
                        .into(),
                ),
            );
        }
        let prompt = c.text("prompt", self.prompt);
        let topic = c.text("topic", self.topic);
        if let Some((topic, at)) = &topic
            && !vocabulary.topics.contains(&topic.as_str())
        {
            let help = suggestion::help(topic, vocabulary.topics.iter().copied())
                .or_else(|| Some("add it to topics.yaml".into()));
            c.error(at, format!("unknown topic `{topic}`"), help);
        }
        let levels = c.required("levels", self.levels).map(|(v, at)| {
            if v.is_empty() {
                c.error(&at, format!("`{}` lists no levels", c.id), None);
            }
            v.into_iter()
                .filter_map(|name| match name.value.parse::<Level>() {
                    Ok(level) => Some(level),
                    Err(()) => {
                        let help = suggestion::help(&name.value, Level::ALL.map(Level::id))
                            .or_else(|| {
                                Some("levels are entry, junior, mid, senior, staff".into())
                            });
                        c.error(&name.at, format!("unknown level `{}`", name.value), help);
                        None
                    }
                })
                .collect::<Vec<_>>()
        });
        let roles = c.required("roles", self.roles).map(|(v, at)| {
            if v.is_empty() {
                c.error(&at, format!("`{}` lists no roles", c.id), None);
            }
            let known = || vocabulary.roles.iter().copied().chain([ALL_ROLES]);
            v.into_iter()
                .filter_map(|name| {
                    if known().any(|r| r == name.value) {
                        Some(name.value)
                    } else {
                        let help = suggestion::help(&name.value, known()).or_else(|| {
                            Some(format!(
                                "roles are: {}",
                                known().collect::<Vec<_>>().join(", ")
                            ))
                        });
                        c.error(&name.at, format!("unknown role `{}`", name.value), help);
                        None
                    }
                })
                .collect::<Vec<_>>()
        });
        let minutes = c.required("minutes", self.minutes).and_then(|(m, at)| {
            let (lo, hi) = limits::MINUTES;
            if (lo..=hi).contains(&m) {
                Some(m as u32)
            } else {
                c.error(&at, format!("minutes must be {lo} to {hi}, not {m}"), None);
                None
            }
        });
        let kind = c.text("kind", self.kind).and_then(|(k, at)| {
            let found = Kind::ALL.into_iter().find(|kind| kind.id() == k);
            if found.is_none() {
                let help = suggestion::help(&k, Kind::ALL.map(Kind::id)).or_else(|| {
                    Some("kinds are concept, coding, design, scenario, behavioral".into())
                });
                c.error(&at, format!("unknown kind `{k}`"), help);
            }
            found
        });
        let answer = c.text("answer", self.answer);
        if let Some((answer, at)) = &answer {
            let words = word_count(answer);
            let (lo, hi) = limits::ANSWER_WORDS;
            if words < lo || words > hi {
                let at = *at;
                c.warn(
                    &at,
                    format!(
                        "the answer to `{}` has {words} words; the bank aims for {lo} to {hi}",
                        c.id
                    ),
                );
            }
        }
        let key_points = c.list("key_points", self.key_points, limits::KEY_POINTS);
        let follow_ups = c.list("follow_ups", self.follow_ups, limits::FOLLOW_UPS);
        let red_flags = c.list("red_flags", self.red_flags, limits::RED_FLAGS);
        let rubric = c.required("rubric", self.rubric).map(|(anchors, at)| {
            let mut rubric = Anchors::default();
            for (score, text) in anchors {
                match (u8::try_from(score), text) {
                    (Ok(s @ 1..=4), Some(t)) if !t.trim().is_empty() => {
                        rubric.0[usize::from(s) - 1] = t;
                    }
                    (Ok(1..=4), _) => c.error(
                        &at,
                        format!("rubric anchor {score} of `{}` is empty", c.id),
                        None,
                    ),
                    _ => c.error(
                        &at,
                        format!(
                            "rubric of `{}` has a score {score}; scores are 1 to 4",
                            c.id
                        ),
                        None,
                    ),
                }
            }
            let missing: Vec<String> = (1..=4u8)
                .filter(|&s| rubric.get(s).is_none())
                .map(|s| s.to_string())
                .collect();
            if !missing.is_empty() {
                c.error(
                    &at,
                    format!(
                        "rubric of `{}` has no anchor for {}",
                        c.id,
                        missing.join(", ")
                    ),
                    Some("write what a 1, 2, 3 and 4 answer sounds like".into()),
                );
            }
            rubric
        });
        let code = match self.code {
            Some((at, Some(code))) => {
                check_code(&code, &at, &mut c);
                Some(code)
            }
            _ => None,
        };
        let tags = self.tags.and_then(|(_, v)| v).unwrap_or_default();
        let seeds = self.seeds.and_then(|(_, v)| v).unwrap_or_default();

        if c.failed {
            return None;
        }
        Some(Question {
            id: id?.0,
            prompt: prompt?.0,
            topic: topic?.0,
            levels: levels?,
            roles: roles?,
            minutes: minutes?,
            kind: kind?,
            answer: answer?.0,
            key_points,
            follow_ups,
            red_flags,
            rubric: rubric?,
            code,
            tags,
            seeds,
            origin: file.origin(at),
        })
    }
}

fn check_code(code: &Code, at: &Position, c: &mut Checker<'_>) {
    if code.source.trim().is_empty() {
        c.error(at, format!("`code.source` of `{}` is empty", c.id), None);
    }
    if !code.runnable && code.output.is_some() {
        c.error(
            at,
            format!("`{}` has `runnable: false` and an `output`", c.id),
            Some("a listing that cannot run cannot promise its output; drop one of them".into()),
        );
    }
    if code.runnable && code.output.is_none() {
        c.error(
            at,
            format!("runnable code of `{}` has no `output`", c.id),
            Some("add the exact output, or mark the listing `runnable: false`".into()),
        );
    }
    if let Some(v) = &code.python
        && parse_python_version(v).is_none()
    {
        c.error(
            at,
            format!(
                "`code.python` of `{}` is `{v}`, not a version like 3.12",
                c.id
            ),
            None,
        );
    }
}

/// Words separated by whitespace, as `split_whitespace` counts them; ASCII
/// text, the common case, is counted a byte at a time.
fn word_count(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace() || b == 0x0b;
        words += usize::from(in_word && space);
        in_word = !space;
    }
    words + usize::from(in_word)
}

/// "3.12" → (3, 12).
pub fn parse_python_version(v: &str) -> Option<(u32, u32)> {
    let (major, minor) = v.trim().split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Lowercase ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        for (id, ok) in [
            ("gil-basics", true),
            ("pep695", true),
            ("a", true),
            ("Gil", false),
            ("gil_basics", false),
            ("gil--basics", false),
            ("-gil", false),
            ("", false),
        ] {
            assert_eq!(is_kebab_case(id), ok, "{id:?}");
        }
    }

    use crate::content::Content;
    use crate::rng::SplitMix64;

    /// Both readers on `text`: the fast one's answer, if it gives one, must be
    /// the full parser's. Returns whether the fast reader answered.
    fn same_as_full_parser(text: &str) -> bool {
        let file = SourceFile::from_bytes("t.yaml", text.as_bytes().to_vec()).unwrap();
        let Some(fast) = fast_yaml::read_sequence_of_maps(text, RawQuestion::from_node) else {
            return false;
        };
        match file.parse::<Option<Vec<Located<RawQuestion>>>>() {
            Ok(full) => assert_eq!(fast, full.unwrap_or_default(), "{text}"),
            Err(e) => panic!("the fast reader accepted what YAML rejects ({e}):\n{text}"),
        }
        true
    }

    fn builtin_question_files() -> Vec<String> {
        let content = Content::Builtin;
        content
            .question_files()
            .unwrap()
            .iter()
            .map(|rel| String::from_utf8(content.read(rel).unwrap().unwrap().into_owned()).unwrap())
            .collect()
    }

    #[test]
    fn fast_reader_reads_the_builtin_bank_as_yaml_does() {
        for text in builtin_question_files() {
            assert!(
                same_as_full_parser(&text),
                "the fast reader gave up on a built-in file"
            );
        }
    }

    #[test]
    fn fast_reader_agrees_on_tricky_yaml() {
        let head = "- id: a\n  prompt: ";
        let mut accepted = 0;
        for value in [
            "'it''s'",
            "\"caf\\u00e9 \\\"q\\\" \\t\"",
            "\"\\x41\\U0001F600\"",
            "C# is # not a comment here",
            "trailing comment # here",
            "ends with spaces   ",
            "url http://x.y/z?q=1",
            "brackets [a] and {b}, commas",
            "|\n    literal\n\n      indented more\n    last\n\n",
            "|-\n    strip\n    me\n",
            ">\n    folded\n    lines\n\n\n    after two blanks\n",
            ">- # comment\n    folded strip\n",
            "|\n    a\n  # a comment after the scalar\n",
            "|\n    text with trailing blank lines\n\n\n",
            "\"\"",
            "''",
            "12",
            "true",
            "null",
            "~",
            "multi\n    line plain",
            "\"multi\n    line quoted\"",
            "x: y",
            "&anchor value",
            "!tag value",
            "*alias",
        ] {
            accepted += usize::from(same_as_full_parser(&format!("{head}{value}\n")));
        }
        for body in [
            "---\n# comment\n- id: a\n  levels: [mid, senior]\n  roles:\n  - backend\n  - data\n",
            "- id: a\n  key_points:\n    - |\n      block item\n    - 'quoted item'\n",
            "-   id: wide\n    minutes: 5\n    rubric:\n      1: one\n      4: four\n",
            "- id: a\n\n  # between keys\n  code:\n    source: print(1)\n    runnable: false\n",
            "- id: a\n  tags: []\n  seeds: [ s001-001 ,s002-003 ]\n- id: b\n",
            "- id: a\n  levels: [mid,\n    senior]\n",
            "- id: a\n  minutes: 05\n",
            "- id: a\n  roles: [é, backend]\n  prompt: \"ü\" # ü\n",
            "- id: a\n  rubric: {1: a}\n",
            "- id: a\n  surprise: field\n",
            "- id: a\n   prompt: misaligned\n",
            "- id: a\n  id: twice\n",
        ] {
            accepted += usize::from(same_as_full_parser(body));
        }
        assert!(accepted >= 20, "only {accepted} cases took the fast path");
    }

    /// Random small edits of real bank files: wherever the fast reader still
    /// answers, it must answer as the full parser does.
    #[test]
    fn fast_reader_agrees_on_mutated_bank_files() {
        const EDITS: [&str; 24] = [
            "#", ":", ": ", " ", "  ", "'", "\"", "-", "- ", "|", ">", "[", "]", "{", "&", "*",
            "!", "\t", "\\", ",", "\n", "\n  ", "~", "0",
        ];
        let mut rng = SplitMix64::new(20_261_121);
        let (mut accepted, mut total) = (0, 0);
        for text in builtin_question_files() {
            // A few questions at a time keep each case small.
            let items: Vec<&str> = text.split_inclusive("\n- id:").collect();
            for chunk in items.chunks(3).take(6) {
                let original: String = chunk.concat();
                let original = match original.strip_suffix("- id:") {
                    Some(rest) => rest.to_string(),
                    None => original,
                };
                let original = if original.starts_with("- id:") || original.starts_with('#') {
                    original
                } else {
                    format!("- id:{original}")
                };
                for _ in 0..40 {
                    let mut lines: Vec<String> = original.lines().map(str::to_string).collect();
                    let n = rng.below(lines.len());
                    match rng.below(5) {
                        0 => {
                            let line = &mut lines[n];
                            let mut at = rng.below(line.len() + 1);
                            while !line.is_char_boundary(at) {
                                at -= 1;
                            }
                            line.insert_str(at, EDITS[rng.below(EDITS.len())]);
                        }
                        1 => {
                            let line = &mut lines[n];
                            if !line.is_empty() {
                                let mut at = rng.below(line.len());
                                while !line.is_char_boundary(at) {
                                    at -= 1;
                                }
                                line.remove(at);
                            }
                        }
                        2 => {
                            lines.remove(n);
                        }
                        3 => {
                            let copy = lines[n].clone();
                            lines.insert(n, copy);
                        }
                        _ => {
                            let extra = " ".repeat(rng.below(3) + 1);
                            lines[n].insert_str(0, &extra);
                        }
                    }
                    let mutated = lines.join("\n") + "\n";
                    total += 1;
                    accepted += usize::from(same_as_full_parser(&mutated));
                }
            }
        }
        assert!(
            accepted * 5 > total && accepted < total,
            "{accepted} of {total} mutants took the fast path"
        );
    }

    #[test]
    fn counts_words_like_split_whitespace() {
        for text in [
            "",
            "  ",
            "one",
            " two words ",
            "tab\tand\nnew\x0bline\x0cfeed\r\n",
            "non\u{a0}breaking — dash",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn python_versions() {
        assert_eq!(parse_python_version("3.12"), Some((3, 12)));
        assert_eq!(parse_python_version("3"), None);
        assert_eq!(parse_python_version("three.12"), None);
    }
}
