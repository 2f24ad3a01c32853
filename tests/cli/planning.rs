//! Role-true plans across the whole space: every role × level × 20 seeds,
//! through the binary.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::{Runbook, repo};

const ROLES: [&str; 5] = ["backend", "data", "ml", "devops", "generalist"];
const LEVELS: [&str; 5] = ["entry", "junior", "mid", "senior", "staff"];
const SEEDS: u64 = 20;
/// How far, in points of share, a topic's minutes in the core and the deep
/// dive may fall below its weight share over 20 seeds without a plan naming
/// it as too thin.
const UNDER: f64 = 0.08;
/// How far a topic's core minutes may exceed its weight share where no plan
/// of the role and level said the bank was thin (elsewhere thin topics'
/// time goes to it).
const OVER: f64 = 0.08;

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// Every question as `runbook list --format json` gives it.
fn listed() -> Vec<Value> {
    let out = Runbook::new()
        .args(["list", "--format", "json"])
        .run()
        .success();
    let list: Value = serde_json::from_str(&out.stdout).unwrap();
    list.as_array().unwrap().clone()
}

fn text(v: &Value) -> String {
    v.as_str().unwrap().to_string()
}

/// Question id → (topic, kind).
pub fn questions() -> BTreeMap<String, (String, String)> {
    listed()
        .iter()
        .map(|q| (text(&q["id"]), (text(&q["topic"]), text(&q["kind"]))))
        .collect()
}

/// Topic id → title, from `content/topics.yaml`.
pub fn topic_titles() -> BTreeMap<String, String> {
    yaml("content/topics.yaml")
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_string(),
                t["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Question id → the seed keys it cites (the points it makes).
pub fn seeds() -> BTreeMap<String, Vec<String>> {
    listed()
        .iter()
        .map(|q| {
            let seeds = q["seeds"].as_array().unwrap();
            (text(&q["id"]), seeds.iter().map(text).collect())
        })
        .collect()
}

/// The role's weights at a level: `all`, overridden by the level, no zeros.
fn weights(role: &Value, level: &str) -> BTreeMap<String, f64> {
    let mut w = BTreeMap::new();
    for key in ["all", level] {
        if let Some(map) = role["weights"][key].as_object() {
            for (t, v) in map {
                w.insert(t.clone(), v.as_f64().unwrap());
            }
        }
    }
    w.retain(|_, v| *v > 0.0);
    w
}

/// The items of a plan's sections of `kind` (all sections if `None`).
fn items<'a>(plan: &'a Value, kind: Option<&str>) -> Vec<&'a Value> {
    plan["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| kind.is_none_or(|k| s["kind"] == k))
        .flat_map(|s| s["items"].as_array().into_iter().flatten())
        .collect()
}

#[test]
fn plans_follow_the_role_across_every_role_level_and_seed() {
    let questions = questions();
    let roles = yaml("content/roles.yaml");
    let topics = yaml("content/topics.yaml");
    let title: BTreeMap<&str, String> = topics
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap(),
                t["title"].as_str().unwrap().to_lowercase(),
            )
        })
        .collect();
    for role in roles.as_array().unwrap() {
        let role_id = role["id"].as_str().unwrap();
        assert!(ROLES.contains(&role_id));
        let listed: Vec<String> = role["focus"]
            .as_array()
            .map(|f| f.iter().map(|t| t.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        for level in LEVELS {
            let w = weights(role, level);
            // Without a listed focus, the topics of the highest weight.
            let top = w.values().copied().fold(0.0, f64::max);
            let focus: Vec<&str> = if listed.is_empty() {
                w.iter()
                    .filter(|(_, v)| **v == top)
                    .map(|(t, _)| t.as_str())
                    .collect()
            } else {
                listed.iter().map(String::as_str).collect()
            };
            let mut minutes: BTreeMap<String, f64> = BTreeMap::new();
            let (mut total, mut thin, mut any_thin) = (0.0, BTreeSet::new(), false);
            // Core and deep dive: a topic asked as the deep dive is not missing.
            let (mut asked_minutes, mut asked_total) = (BTreeMap::<String, f64>::new(), 0.0);
            for seed in 1..=SEEDS {
                let out = Runbook::new()
                    .args(["plan", "--role", role_id, "--level", level])
                    .args(["--seed", &seed.to_string()])
                    .run()
                    .success();
                let plan: Value = serde_saphyr::from_str(&out.stdout).unwrap();
                let case = format!("{level} {role_id} seed {seed}");
                // The budget is used, or the plan says why not.
                let sections = plan["sections"].as_array().unwrap();
                let reserved: u64 = sections
                    .iter()
                    .filter(|s| s["kind"] == "introductions" || s["kind"] == "candidate-questions")
                    .map(|s| s["minutes"].as_u64().unwrap())
                    .sum();
                let available = 60 - reserved;
                let used: u64 = items(&plan, None)
                    .iter()
                    .map(|i| i["minutes"].as_u64().unwrap())
                    .sum();
                assert!(
                    used * 10 >= available * 9 || out.stderr.contains("the questions fill"),
                    "{case}: {used} of {available} minutes and no warning\n{}",
                    out.stderr
                );
                // At mid and above the role's focus is asked, or the plan says so.
                let asked: BTreeSet<&str> = items(&plan, None)
                    .iter()
                    .map(|i| questions[i["id"].as_str().unwrap()].0.as_str())
                    .collect();
                let focus_here: Vec<&&str> = focus.iter().filter(|t| w.contains_key(**t)).collect();
                if ["mid", "senior", "staff"].contains(&level) && !focus_here.is_empty() {
                    assert!(
                        focus_here.iter().any(|t| asked.contains(**t))
                            || out.stderr.contains("(the role's focus)"),
                        "{case}: none of {focus_here:?} asked and no warning\n{}",
                        out.stderr
                    );
                }
                for line in out
                    .stderr
                    .lines()
                    .filter(|l| l.contains("too few questions on"))
                {
                    any_thin = true;
                    thin.extend(
                        title
                            .iter()
                            .filter(|(_, t)| line.contains(t.as_str()))
                            .map(|(id, _)| id.to_string()),
                    );
                }
                for item in items(&plan, Some("core")) {
                    let topic = &questions[item["id"].as_str().unwrap()].0;
                    *minutes.entry(topic.clone()).or_default() += item["minutes"].as_f64().unwrap();
                    total += item["minutes"].as_f64().unwrap();
                }
                for item in items(&plan, Some("core"))
                    .into_iter()
                    .chain(items(&plan, Some("deep-dive")))
                {
                    let topic = &questions[item["id"].as_str().unwrap()].0;
                    *asked_minutes.entry(topic.clone()).or_default() +=
                        item["minutes"].as_f64().unwrap();
                    asked_total += item["minutes"].as_f64().unwrap();
                }
            }
            // Core minutes follow the weights (behavioural time is the warm-up's).
            let weight: f64 = w
                .iter()
                .filter(|(t, _)| *t != "behavioral")
                .map(|(_, v)| v)
                .sum();
            for (topic, v) in w.iter().filter(|(t, _)| *t != "behavioral") {
                let share = minutes.get(topic).copied().unwrap_or(0.0) / total;
                let want = v / weight;
                let case = format!(
                    "{level} {role_id}: {topic} has {share:.3} of core minutes, weight share {want:.3}"
                );
                let asked = asked_minutes.get(topic).copied().unwrap_or(0.0) / asked_total;
                if !thin.contains(topic) {
                    assert!(
                        share.max(asked) >= want - UNDER,
                        "{case} ({asked:.3} with the deep dive), and no plan named it as thin"
                    );
                }
                if !any_thin && !focus.contains(&topic.as_str()) {
                    assert!(share <= want + OVER, "{case}, and the bank was never thin");
                }
            }
        }
    }
}

#[test]
fn explain_names_each_question_its_topic_weight_and_rule() {
    let out = Runbook::new()
        .args("plan --role ml --level mid --explain".split(' '))
        .run()
        .success();
    let ids = crate::support::plan_ids(&out.stdout);
    assert!(ids.len() >= 3, "{}", out.stdout);
    let explanation = out
        .stderr
        .split("Why each question")
        .nth(1)
        .expect("an explanation");
    for (n, id) in ids.iter().enumerate() {
        let line = explanation
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}. {id} ", n + 1)))
            .unwrap_or_else(|| panic!("no line for {id} in {explanation}"));
        assert!(line.contains("weight "), "{line}");
        assert!(line.contains("Chosen: "), "{line}");
        assert!(line.contains("mid level"), "{line}");
    }
    // The mid ML plan asks one of the role's focus topics, named with its weight.
    assert!(
        [
            "Machine learning; weight 6 of",
            "ML in production and LLM applications; weight 6 of"
        ]
        .iter()
        .any(|t| explanation.contains(t)),
        "{explanation}"
    );
    // Without --explain, no explanation.
    let quiet = Runbook::new()
        .args("plan --role ml --level mid".split(' '))
        .run()
        .success();
    assert!(
        !quiet.stderr.contains("Why each question"),
        "{}",
        quiet.stderr
    );
}

#[test]
fn a_topic_the_bank_cannot_fill_warns_and_says_what_to_do() {
    let out = Runbook::new()
        .args("plan --role data --level mid --topic asyncio --minutes 60".split(' '))
        .run()
        .success();
    assert!(
        out.stderr.contains("warning: the questions fill"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("only asyncio was asked for"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("add another --topic or drop --topic"),
        "{}",
        out.stderr
    );
}

#[test]
fn avoid_rules_out_the_earlier_questions_and_their_points() {
    let run = Runbook::new().args("plan --role backend --level senior -o first.yaml".split(' '));
    let first = run.run().success();
    let earlier = crate::support::plan_ids(&String::from_utf8(first.read("first.yaml")).unwrap());
    let second = Runbook::new()
        .file("first.yaml", first.read("first.yaml"))
        .args("plan --role backend --level senior --avoid first.yaml".split(' '))
        .run()
        .success();
    let later = crate::support::plan_ids(&second.stdout);
    assert!(
        later.iter().all(|id| !earlier.contains(id)),
        "{earlier:?} {later:?}"
    );
    let seeds = seeds();
    let points: BTreeSet<&String> = earlier.iter().flat_map(|id| &seeds[id]).collect();
    for id in &later {
        assert!(
            seeds[id].iter().all(|s| !points.contains(s)),
            "{id} makes a point of the earlier plan ({:?})",
            seeds[id]
        );
    }
    // The reproducing command names the avoided file.
    let plan: Value = serde_saphyr::from_str(&second.stdout).unwrap();
    let command = plan["command"].as_str().unwrap();
    assert!(command.ends_with("--avoid first.yaml"), "{command}");
}
