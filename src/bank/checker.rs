//! Checking a question as written and building the validated [`Question`].
//! Every problem is reported, with its location, before the question is
//! given up: a user fixing a file wants the whole list at once.

use super::level::Level;
use super::question::{
    ALL_ROLES, Anchors, Code, Kind, Probe, Question, Service, is_kebab_case, parse_python_version,
};
use super::raw::{FIELDS, Field, RawQuestion, Vocabulary};
use super::source::{Located, Position, SourceFile};
use super::suggestion;
use super::text;
use crate::diagnostic::Diagnostic;

/// The bank's own quality bar; outside it is a warning unless marked as an error.
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
    /// Characters in a title (an error outside).
    pub const TITLE_CHARS: (usize, usize) = (2, 45);
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

    fn warn(&mut self, at: &Position, message: String, help: Option<String>) {
        let d = self.file.warning(at, message).with_help(help);
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

    /// Text that must not be empty, and is held to the text rules.
    fn text(&mut self, name: &str, field: Field<String>) -> Option<(String, Position)> {
        let (value, at) = self.required(name, field)?;
        if value.trim().is_empty() {
            self.error(&at, format!("`{name}` of `{}` is empty", self.id), None);
            return None;
        }
        self.rules(name, &value, &at);
        Some((value, at))
    }

    /// The rules every text field follows: no control characters, and no
    /// Markdown nested deeper than the layout engine draws.
    fn rules(&mut self, name: &str, value: &str, at: &Position) {
        if let Some(problem) = text::control_character(value) {
            self.error(
                at,
                format!("`{name}` of `{}` {problem}", self.id),
                Some("only tab and newline may appear in text; delete the character".into()),
            );
        }
        let depth = text::nesting_depth(value);
        if depth > text::MAX_NESTING {
            self.error(
                at,
                format!(
                    "`{name}` of `{}` nests quotes or lists {depth} deep; the limit is {}",
                    self.id,
                    text::MAX_NESTING
                ),
                Some("flatten the structure: documents cannot lay out deeper nesting".into()),
            );
        }
    }

    /// A list of texts; its length outside `range` is a warning.
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
        for item in &items {
            self.rules(name, item, &at);
        }
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
                None,
            );
        }
        items
    }

    /// A list of names, each one of `known`; unknown names are errors.
    fn names<T: Copy>(
        &mut self,
        what: &str,
        names: Vec<Located<String>>,
        known: &[(&str, T)],
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            match known.iter().find(|(id, _)| *id == name.value) {
                Some((_, value)) => out.push(*value),
                None => {
                    let ids = known.iter().map(|(id, _)| *id);
                    let help = suggestion::help(&name.value, ids.clone()).or_else(|| {
                        Some(format!(
                            "{what}s are: {}",
                            ids.collect::<Vec<_>>().join(", ")
                        ))
                    });
                    self.error(&name.at, format!("unknown {what} `{}`", name.value), help);
                }
            }
        }
        out
    }

    /// A code listing; `tested` listings (of an exercise) need no output.
    fn code(&mut self, name: &str, code: &Code, at: &Position, tested: bool) {
        let id = self.id.clone();
        if code.source.trim().is_empty() {
            self.error(at, format!("`{name}.source` of `{id}` is empty"), None);
        }
        for (field, value) in [
            ("source", Some(&code.source)),
            ("data", code.data.as_ref()),
            ("output", code.output.as_ref()),
        ] {
            if let Some(problem) = value.and_then(|v| text::control_character(v)) {
                self.error(at, format!("`{name}.{field}` of `{id}` {problem}"), None);
            }
        }
        if name == "code" && code.data.is_some() {
            self.error(
                at,
                format!("`code` of `{id}` has `data`"),
                Some("a data sample is shown to the candidate: put it in `exhibit`".into()),
            );
        }
        let promises = code.output.is_some() || code.raises.is_some();
        match (&code.reason, promises) {
            (Some(_), true) => self.error(
                at,
                format!("`{name}` of `{id}` has a `reason` not to run and an expected result"),
                Some("code that is not run cannot promise its output; drop one".into()),
            ),
            (None, false) if !tested => self.error(
                at,
                format!("`{name}` of `{id}` has no `output`"),
                Some(
                    "add what it prints (`output`), the exception it ends with (`raises`), \
                     or why it cannot run (`reason`)"
                        .into(),
                ),
            ),
            _ => {}
        }
        if let Some(v) = &code.python
            && parse_python_version(v).is_none()
        {
            self.error(
                at,
                format!("`{name}.python` of `{id}` is `{v}`, not a version like 3.12"),
                None,
            );
        }
        if let Some(raises) = &code.raises
            && !raises.split('.').all(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
        {
            self.error(
                at,
                format!("`{name}.raises` of `{id}` is `{raises}`, not an exception name"),
                None,
            );
        }
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
            let help = if key.value == "runnable" {
                Some("`runnable: false` is now `reason: why it cannot run`, in the listing".into())
            } else {
                suggestion::help(&key.value, FIELDS)
                    .or_else(|| Some(format!("the fields are: {}", FIELDS.join(", "))))
            };
            c.error(
                &key.at,
                format!("unknown field `{}` in `{}`", key.value, c.id),
                help,
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
        let title = c.text("title", self.title).and_then(|(title, at)| {
            let chars = title.trim().chars().count();
            let (lo, hi) = limits::TITLE_CHARS;
            if title.contains('\n') || chars < lo || chars > hi {
                c.error(
                    &at,
                    format!(
                        "the title of `{}` has {chars} characters; a title is one line of {lo} to {hi}",
                        c.id
                    ),
                    Some("name the question in a few words, as an agenda would".into()),
                );
                return None;
            }
            Some(title.trim().to_string())
        });
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
            let known = Level::ALL.map(|l| (l.id(), l));
            c.names("level", v, &known)
        });
        let roles = c.required("roles", self.roles).map(|(v, at)| {
            if v.is_empty() {
                c.error(&at, format!("`{}` lists no roles", c.id), None);
            }
            let known: Vec<(&str, &str)> = vocabulary
                .roles
                .iter()
                .copied()
                .chain([ALL_ROLES])
                .map(|r| (r, r))
                .collect();
            c.names("role", v, &known)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        });
        let minutes = c.required("minutes", self.minutes).and_then(|(m, at)| {
            let (lo, hi) = limits::MINUTES;
            if (lo..=hi).contains(&m.0) {
                Some(m.0 as u32)
            } else {
                c.error(
                    &at,
                    format!("minutes must be {lo} to {hi}, not {}", m.0),
                    None,
                );
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
            let words = answer.split_whitespace().count();
            let (lo, hi) = limits::ANSWER_WORDS;
            if words < lo || words > hi {
                let at = *at;
                c.warn(
                    &at,
                    format!(
                        "the answer to `{}` has {words} words; the bank aims for {lo} to {hi}",
                        c.id
                    ),
                    None,
                );
            }
        }
        let key_points = c.list("key_points", self.key_points, limits::KEY_POINTS);
        let follow_ups = c.list("follow_ups", self.follow_ups, limits::FOLLOW_UPS);
        let red_flags = c.list("red_flags", self.red_flags, limits::RED_FLAGS);
        let rubric = c.required("rubric", self.rubric).map(|(anchors, at)| {
            let mut written = Vec::new();
            for (score, text) in anchors {
                match (u8::try_from(score), text) {
                    (Ok(s @ 1..=4), Some(t)) if !t.trim().is_empty() => {
                        c.rules("rubric", &t, &at);
                        written.push((s, t));
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
            let rubric: Anchors = written.into_iter().collect();
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
        let tests = match self.tests {
            Some((at, Some(t))) if !t.trim().is_empty() => Some((t, at)),
            Some((at, _)) => {
                c.error(&at, format!("`tests` of `{}` is empty", c.id), None);
                None
            }
            None => None,
        };
        let tested = tests.is_some();
        let listing = |name: &str, field: Field<Code>, c: &mut Checker<'_>| match field {
            Some((at, Some(code))) => {
                c.code(name, &code, &at, tested);
                Some(code)
            }
            Some((at, None)) => {
                c.error(&at, format!("`{name}` of `{}` is empty", c.id), None);
                None
            }
            None => None,
        };
        let exhibit = listing("exhibit", self.exhibit, &mut c);
        let code = listing("code", self.code, &mut c);
        if let Some((_, at)) = &tests
            && (exhibit.is_none() || code.is_none())
        {
            let at = *at;
            c.error(
                &at,
                format!(
                    "`{}` has `tests` but not both an `exhibit` and `code`",
                    c.id
                ),
                Some(
                    "an exercise needs the candidate's starter (`exhibit`) and a reference \
                     solution (`code`) for the tests to run against"
                        .into(),
                ),
            );
        }
        let requires = match self.requires {
            Some((_, Some(list))) => list
                .into_iter()
                .filter_map(|r| {
                    if text::is_requirement(&r.value) {
                        Some(r.value)
                    } else {
                        c.error(
                            &r.at,
                            format!("`{}` is not a package requirement", r.value),
                            Some("write it as pip does, e.g. `pandas==2.3.3`".into()),
                        );
                        None
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let services = match self.services {
            Some((_, Some(list))) => c.names("service", list, &Service::ALL.map(|s| (s.id(), s))),
            _ => Vec::new(),
        };
        let probes = match self.probes {
            Some((_, Some(list))) => c.names("probe", list, &Probe::ALL.map(|p| (p.id(), p))),
            _ => Vec::new(),
        };
        if kind == Some(Kind::Behavioral) && probes.is_empty() {
            let at = c.at;
            c.warn(
                &at,
                format!("behavioral question `{}` names nothing it `probes`", c.id),
                Some(format!(
                    "probes are: {}",
                    Probe::ALL.map(Probe::id).join(", ")
                )),
            );
        }
        if let Some((prompt, at)) = &prompt
            && exhibit.is_none()
            && let Some(phrase) = text::refers_to_code(prompt)
        {
            let at = *at;
            c.warn(
                &at,
                format!(
                    "the prompt of `{}` refers to code (\"{phrase}\") but the question has no exhibit",
                    c.id
                ),
                Some("add an `exhibit` with the code the candidate is shown".into()),
            );
        }
        let tags = self.tags.and_then(|(_, v)| v).unwrap_or_default();
        let seeds = self.seeds.and_then(|(_, v)| v).unwrap_or_default();

        if c.failed {
            return None;
        }
        Some(Question {
            id: id?.0,
            title: title?,
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
            exhibit,
            code,
            requires,
            services,
            tests: tests.map(|(t, _)| t),
            probes,
            tags,
            seeds,
            origin: file.origin(at),
        })
    }
}
