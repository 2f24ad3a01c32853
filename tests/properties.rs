//! Property tests of the planner over random banks and requests: a plan never
//! exceeds its budget, holds no duplicate, respects level, role, include and
//! exclude, never repeats a point (a shared seed key or a near-duplicate
//! prompt), and is the same for the same seed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use interview_runbook::bank::level::{LevelInfo, Levels};
use interview_runbook::bank::question::Kind;
use interview_runbook::bank::role::Role;
use interview_runbook::bank::rubric::{Rubric, ScalePoint};
use interview_runbook::bank::similarity::{Fingerprint, NEAR_DUPLICATE};
use interview_runbook::bank::topic::Topic;
use interview_runbook::diagnostic::Origin;
use interview_runbook::plan::planner::Budget;
use interview_runbook::{Bank, Error, Level, PlanRequest, Planner, Question};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "list",
    "tuple",
    "dict",
    "thread",
    "async",
    "cache",
    "socket",
    "class",
    "generator",
    "copy",
    "lock",
    "queue",
    "index",
    "string",
    "bytes",
    "module",
];

#[derive(Debug, Clone)]
struct QSpec {
    topic: usize,
    levels: Vec<Level>,
    roles: Option<Vec<usize>>,
    minutes: u32,
    kind: Kind,
    seeds: Vec<u8>,
    words: Vec<usize>,
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(Level::ALL.to_vec())
}

fn qspec(topics: usize) -> impl Strategy<Value = QSpec> {
    (
        0..topics,
        prop::collection::btree_set(level(), 1..=5),
        prop::option::of(prop::collection::btree_set(0usize..2, 1..=2)),
        1u32..=30,
        prop::sample::select(Kind::ALL.to_vec()),
        prop::collection::vec(0u8..40, 0..=2),
        prop::collection::vec(0..WORDS.len(), 3..8),
    )
        .prop_map(
            |(topic, levels, roles, minutes, kind, seeds, words)| QSpec {
                topic,
                levels: levels.into_iter().collect(),
                roles: roles.map(|r| r.into_iter().collect()),
                minutes,
                kind,
                seeds,
                words,
            },
        )
}

fn build(topics: usize, weights: &[Vec<u32>], specs: &[QSpec]) -> Bank {
    let file: Arc<str> = Arc::from("generated.yaml");
    let topic_id = |t: usize| format!("topic-{t}");
    let questions = specs
        .iter()
        .enumerate()
        .map(|(i, s)| Question {
            id: format!("q-{i}"),
            title: format!("Question {i}"),
            prompt: s
                .words
                .iter()
                .map(|&w| WORDS[w])
                .collect::<Vec<_>>()
                .join(" "),
            topic: topic_id(s.topic),
            levels: s.levels.clone(),
            roles: match &s.roles {
                None => vec!["all".into()],
                Some(r) => r.iter().map(|r| format!("role-{r}")).collect(),
            },
            minutes: s.minutes,
            kind: s.kind,
            answer: "answer".into(),
            key_points: vec![],
            follow_ups: vec![],
            red_flags: vec![],
            rubric: (1..=4).map(|s| (s, "anchor".to_string())).collect(),
            exhibit: None,
            code: None,
            requires: vec![],
            services: vec![],
            tests: None,
            probes: vec![],
            tags: vec![],
            seeds: s.seeds.iter().map(|k| format!("s{k}")).collect(),
            origin: Origin::new(&file, i as u64 + 1, 1),
        })
        .collect();
    let roles = weights
        .iter()
        .enumerate()
        .map(|(r, w)| {
            let all: BTreeMap<String, u32> = w
                .iter()
                .enumerate()
                .map(|(t, &w)| (topic_id(t), w))
                .collect();
            Role {
                id: format!("role-{r}"),
                title: format!("Role {r}"),
                description: String::new(),
                aliases: vec![],
                weights: [("all".to_string(), all)].into(),
                focus: vec![],
            }
        })
        .collect();
    let levels = Levels::new(
        Level::ALL
            .iter()
            .enumerate()
            .map(|(i, &l)| LevelInfo {
                id: l,
                title: l.id().into(),
                min_years: i as u32 * 2,
                summary: String::new(),
                aliases: vec![],
            })
            .collect(),
    );
    let rubric = Rubric {
        scale: (1..=4)
            .map(|s| ScalePoint {
                score: s,
                label: s.to_string(),
                meaning: String::new(),
            })
            .collect(),
        recommendations: vec!["No".into(), "Yes".into()],
    };
    let topics = (0..topics)
        .map(|t| Topic {
            id: topic_id(t),
            title: topic_id(t),
            scope: String::new(),
        })
        .collect();
    Bank::from_parts(questions, topics, roles, levels, rubric, "generated".into())
}

#[derive(Debug, Clone)]
struct Case {
    bank: Bank,
    request: PlanRequest,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..6)
        .prop_flat_map(|topics| {
            (
                Just(topics),
                prop::collection::vec(prop::collection::vec(0u32..5, topics), 2),
                prop::collection::vec(qspec(topics), 1..120),
            )
        })
        .prop_flat_map(|(topics, mut weights, specs)| {
            for w in &mut weights {
                if w.iter().all(|&x| x == 0) {
                    w[0] = 1;
                }
            }
            let n = specs.len();
            (
                Just(build(topics, &weights, &specs)),
                0usize..2,
                level(),
                10u32..=120,
                any::<u64>(),
                prop::collection::btree_set(0..topics, 0..=2),
                prop::collection::btree_set(0..n, 0..=2),
                prop::collection::btree_set(0..n, 0..=6),
            )
        })
        .prop_map(
            |(bank, role, level, minutes, seed, topics, include, exclude)| {
                let mut request = PlanRequest::new(&format!("role-{role}"), level);
                request.minutes = minutes;
                request.seed = seed;
                request.topics = topics.into_iter().map(|t| format!("topic-{t}")).collect();
                request.include = include.iter().map(|i| format!("q-{i}")).collect();
                request.exclude = exclude
                    .difference(&include)
                    .map(|i| format!("q-{i}"))
                    .collect();
                Case { bank, request }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn plans_keep_every_rule(case in case()) {
        let Case { bank, request } = case;
        let planner = Planner::new(&bank);
        let result = planner.plan(&request);
        let budget = Budget::split(request.minutes);
        match result {
            Ok(plan) => {
                // Deterministic for a seed.
                prop_assert_eq!(&planner.plan(&request).unwrap(), &plan);
                // Never over budget, sections and items back to back.
                let used: u32 = plan.sections.iter().map(|s| s.minutes).sum();
                prop_assert!(used <= request.minutes, "{} > {}", used, request.minutes);
                let mut clock = 0;
                for section in &plan.sections {
                    prop_assert_eq!(section.start, clock);
                    let mut t = section.start;
                    for item in &section.items {
                        prop_assert_eq!(item.start, t);
                        t += item.minutes;
                    }
                    clock += section.minutes;
                }
                let question_minutes: u32 = plan.items().map(|i| i.minutes).sum();
                prop_assert!(question_minutes <= budget.questions);
                // No duplicates.
                let ids: Vec<&str> = plan.items().map(|i| i.id.value.as_str()).collect();
                let unique: BTreeSet<&str> = ids.iter().copied().collect();
                prop_assert_eq!(unique.len(), ids.len());
                // Includes in, excludes out.
                for id in &request.include {
                    prop_assert!(unique.contains(id.as_str()), "{} missing", id);
                }
                for id in &request.exclude {
                    prop_assert!(!unique.contains(id.as_str()), "{} excluded", id);
                }
                // Everything not forced suits the request.
                let forced = |id: &str| request.include.iter().any(|i| i == id);
                for id in ids.iter().filter(|id| !forced(id)) {
                    let q = bank.question(id).unwrap();
                    prop_assert!(q.suits_level(request.level), "{} level", id);
                    prop_assert!(q.suits_role(&request.role), "{} role", id);
                    if !request.topics.is_empty() {
                        prop_assert!(request.topics.contains(&q.topic), "{} topic", id);
                    }
                }
                // No two questions make the same point, unless both were forced in.
                for (i, a) in ids.iter().enumerate() {
                    for b in &ids[i + 1..] {
                        if forced(a) && forced(b) {
                            continue;
                        }
                        let (qa, qb) = (bank.question(a).unwrap(), bank.question(b).unwrap());
                        let shared = qa.seeds.iter().find(|s| qb.seeds.contains(s));
                        prop_assert!(shared.is_none(), "{} and {} share {:?}", a, b, shared);
                        let similarity = Fingerprint::of(&qa.prompt).similarity(&Fingerprint::of(&qb.prompt));
                        prop_assert!(
                            similarity < NEAR_DUPLICATE,
                            "{} and {} have near-duplicate prompts ({:.2})", a, b, similarity
                        );
                    }
                }
            }
            Err(error) => {
                prop_assert!(matches!(error, Error::Plan(_)), "{:?}", error);
                // Failing is only allowed when nothing technical could fit.
                if request.include.is_empty() {
                    let role = bank.role(&request.role).unwrap();
                    let weights = role.weights_at(request.level);
                    let fits = bank.questions().iter().any(|q| {
                        q.kind != Kind::Behavioral
                            && q.suits_level(request.level)
                            && q.suits_role(&request.role)
                            && !request.exclude.contains(&q.id)
                            && if request.topics.is_empty() {
                                weights.contains_key(q.topic.as_str())
                            } else {
                                request.topics.contains(&q.topic)
                            }
                            && q.minutes <= budget.questions
                    });
                    prop_assert!(!fits, "a question fitted but planning failed: {}", error);
                }
            }
        }
    }
}
