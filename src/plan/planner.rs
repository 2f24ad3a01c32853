//! Selecting questions into a time-boxed plan.
//!
//! The rules, in order of precedence: never exceed the budget (time for
//! introductions and the candidate's questions is reserved first); every
//! question suits the level and role; `--include` forces questions in and
//! `--exclude` keeps them out; no two questions make the same point (they
//! share a seed key or their prompts are near-duplicates); topics appear in
//! proportion to the role's weights. The same bank, request and seed always
//! give the same plan.

use std::collections::{BTreeMap, BTreeSet};

use crate::bank::Bank;
use crate::bank::level::Level;
use crate::bank::question::{Kind, Question};
use crate::bank::similarity::{Fingerprint, NEAR_DUPLICATE};
use crate::error::Error;
use crate::plan::rng::SplitMix64;
use crate::plan::{Item, Plan, Section, SectionKind};

/// The seed used when none is given, so two interviewers get the same plan.
pub const DEFAULT_SEED: u64 = 1;
/// The default interview length.
pub const DEFAULT_MINUTES: u32 = 60;
/// The shortest interview we plan.
pub const MIN_MINUTES: u32 = 10;

/// What the user asked for, already validated against the bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    /// Role id.
    pub role: String,
    /// Level.
    pub level: Level,
    /// Total minutes, including introductions and the candidate's questions.
    pub minutes: u32,
    /// Seed for the random choices.
    pub seed: u64,
    /// Only these topics, if any are given.
    pub topics: Vec<String>,
    /// Questions that must be in the plan.
    pub include: Vec<String>,
    /// Questions that must not be in the plan.
    pub exclude: BTreeSet<String>,
}

impl PlanRequest {
    /// A request with defaults for everything but role and level.
    pub fn new(role: &str, level: Level) -> Self {
        PlanRequest {
            role: role.to_string(),
            level,
            minutes: DEFAULT_MINUTES,
            seed: DEFAULT_SEED,
            topics: Vec::new(),
            include: Vec::new(),
            exclude: BTreeSet::new(),
        }
    }

    /// The `runbook plan` command line that reproduces this request.
    pub fn command(&self) -> String {
        let mut cmd = format!(
            "runbook plan --role {} --level {} --minutes {} --seed {}",
            self.role, self.level, self.minutes, self.seed
        );
        for t in &self.topics {
            cmd.push_str(&format!(" --topic {t}"));
        }
        for id in &self.include {
            cmd.push_str(&format!(" --include {id}"));
        }
        for id in &self.exclude {
            cmd.push_str(&format!(" --exclude {id}"));
        }
        cmd
    }
}

/// How a budget is divided before any question is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Introductions at the start.
    pub introductions: u32,
    /// The candidate's questions at the end.
    pub closing: u32,
    /// What is left for questions.
    pub questions: u32,
}

impl Budget {
    /// Split `minutes`: about a twelfth for introductions (2–5 minutes) and a
    /// sixth for the candidate's questions (3–10 minutes).
    pub fn split(minutes: u32) -> Self {
        let introductions = (minutes / 12).clamp(2, 5);
        let closing = (minutes / 6).clamp(3, 10);
        Budget {
            introductions,
            closing,
            questions: minutes.saturating_sub(introductions + closing),
        }
    }
}

/// Draws plans from a bank.
pub struct Planner<'b> {
    bank: &'b Bank,
}

/// The questions chosen so far and what they rule out.
struct Chosen<'b> {
    questions: Vec<(SectionKind, &'b Question)>,
    fingerprints: Vec<Fingerprint>,
    seeds: BTreeSet<&'b str>,
    used: u32,
}

impl<'b> Chosen<'b> {
    fn has(&self, q: &Question) -> bool {
        self.questions.iter().any(|(_, c)| c.id == q.id)
    }

    /// True if `q` makes a point a chosen question already makes.
    fn conflicts(&self, q: &Question) -> bool {
        if q.seeds.iter().any(|s| self.seeds.contains(s.as_str())) {
            return true;
        }
        let fp = Fingerprint::of(&q.prompt);
        self.fingerprints
            .iter()
            .any(|c| c.similarity(&fp) >= NEAR_DUPLICATE)
    }

    fn coding_count(&self) -> usize {
        self.questions
            .iter()
            .filter(|(_, q)| q.kind == Kind::Coding)
            .count()
    }

    fn add(&mut self, section: SectionKind, q: &'b Question) {
        self.used += q.minutes;
        self.seeds.extend(q.seeds.iter().map(String::as_str));
        self.fingerprints.push(Fingerprint::of(&q.prompt));
        self.questions.push((section, q));
    }
}

impl<'b> Planner<'b> {
    /// A planner over `bank`.
    pub fn new(bank: &'b Bank) -> Self {
        Planner { bank }
    }

    /// Draw a plan for `request`.
    pub fn plan(&self, request: &PlanRequest) -> Result<Plan, Error> {
        let role = self.bank.resolve_role(&request.role)?;
        for id in request.include.iter().chain(&request.exclude) {
            self.bank.resolve_id(id)?;
        }
        if let Some(id) = request
            .include
            .iter()
            .find(|id| request.exclude.contains(*id))
        {
            return Err(Error::Usage(format!(
                "`{id}` is both included and excluded"
            )));
        }
        if request.minutes < MIN_MINUTES {
            return Err(Error::Usage(format!(
                "an interview needs at least {MIN_MINUTES} minutes, not {}",
                request.minutes
            )));
        }
        let budget = Budget::split(request.minutes);
        let weights = self.weights(role, request);
        let eligible: Vec<&Question> = self
            .bank
            .questions()
            .iter()
            .filter(|q| {
                q.suits_level(request.level)
                    && q.suits_role(&role.id)
                    && weights.contains_key(q.topic.as_str())
                    && !request.exclude.contains(&q.id)
            })
            .collect();
        if eligible.is_empty() && request.include.is_empty() {
            return Err(Error::Plan(self.nothing_fits(request, &role.title)));
        }
        let mut chosen = self.select(request, &budget, &weights, &eligible, true)?;
        if chosen
            .questions
            .iter()
            .all(|(s, _)| *s == SectionKind::WarmUp)
        {
            // The warm-up may have taken the only minutes a technical question needed.
            chosen = self.select(request, &budget, &weights, &eligible, false)?;
        }
        if chosen
            .questions
            .iter()
            .all(|(s, _)| *s == SectionKind::WarmUp)
        {
            let technical: Vec<&&Question> = eligible
                .iter()
                .filter(|q| q.kind != Kind::Behavioral)
                .collect();
            if technical.is_empty() {
                return Err(Error::Plan(self.nothing_fits(request, &role.title)));
            }
            let shortest = technical.iter().map(|q| q.minutes).min().unwrap_or(0);
            return Err(Error::Plan(format!(
                "{} minutes leave {} for questions after introductions ({}) and the candidate's questions ({}), \
                 but the shortest suitable question takes {shortest}; allow at least {} minutes",
                request.minutes,
                budget.questions,
                budget.introductions,
                budget.closing,
                request.minutes + shortest.saturating_sub(budget.questions)
            )));
        }
        Ok(self.assemble(request, role, &budget, chosen))
    }

    /// Choose questions for every section; `warm_up` false leaves the warm-up empty.
    fn select(
        &self,
        request: &PlanRequest,
        budget: &Budget,
        weights: &BTreeMap<String, u32>,
        eligible: &[&'b Question],
        warm_up: bool,
    ) -> Result<Chosen<'b>, Error> {
        let mut rng = SplitMix64::new(request.seed);
        let mut chosen = Chosen {
            questions: Vec::new(),
            fingerprints: Vec::new(),
            seeds: BTreeSet::new(),
            used: 0,
        };
        self.add_included(request, budget, &mut chosen)?;

        let fits = |q: &Question, chosen: &Chosen<'_>, cap: u32| {
            q.minutes <= cap
                && chosen.used + q.minutes <= budget.questions
                && !chosen.has(q)
                && !chosen.conflicts(q)
        };

        // Warm-up: a short behavioural question, else a short concept one.
        let warm_cap = (budget.questions / 6).max(5);
        if warm_up
            && !chosen
                .questions
                .iter()
                .any(|(s, _)| *s == SectionKind::WarmUp)
        {
            for kinds in [
                [Kind::Behavioral, Kind::Behavioral],
                [Kind::Concept, Kind::Concept],
            ] {
                let mut pool: Vec<&Question> = eligible
                    .iter()
                    .copied()
                    .filter(|q| kinds.contains(&q.kind))
                    .collect();
                rng.shuffle(&mut pool);
                if let Some(q) = pool.into_iter().find(|q| fits(q, &chosen, warm_cap)) {
                    chosen.add(SectionKind::WarmUp, q);
                    break;
                }
            }
        }

        // Deep dive: one design or scenario question for senior and staff.
        let deep_cap = budget.questions * 9 / 20;
        if request.level.has_deep_dive()
            && budget.questions >= 30
            && !chosen
                .questions
                .iter()
                .any(|(s, _)| *s == SectionKind::DeepDive)
        {
            let pool: Vec<&Question> = eligible
                .iter()
                .copied()
                .filter(|q| matches!(q.kind, Kind::Design | Kind::Scenario) && q.minutes >= 8)
                .collect();
            for topic in weighted_order(weights, &mut rng) {
                let mut in_topic: Vec<&Question> =
                    pool.iter().copied().filter(|q| q.topic == topic).collect();
                rng.shuffle(&mut in_topic);
                if let Some(q) = in_topic.into_iter().find(|q| fits(q, &chosen, deep_cap)) {
                    chosen.add(SectionKind::DeepDive, q);
                    break;
                }
            }
        }

        // Core: round-robin over topics drawn by weight, one question a visit.
        let core_cap = (budget.questions / 4).max(10);
        let mut by_topic: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
        for q in eligible
            .iter()
            .copied()
            .filter(|q| q.kind != Kind::Behavioral)
        {
            by_topic.entry(q.topic.as_str()).or_default().push(q);
        }
        for pool in by_topic.values_mut() {
            rng.shuffle(pool);
        }
        let order = weighted_order(weights, &mut rng);
        // Short questions first, so more topics get a turn; then longer ones
        // fill what is left; a question longer than that only when nothing
        // else fits at all.
        let technical = |c: &Chosen<'_>| c.questions.iter().any(|(s, _)| *s != SectionKind::WarmUp);
        let long_cap = (budget.questions * 2 / 5).max(10);
        for (pass, cap) in [core_cap, long_cap, budget.questions]
            .into_iter()
            .enumerate()
        {
            if pass == 2 && technical(&chosen) {
                break;
            }
            loop {
                let mut progressed = false;
                for topic in &order {
                    let Some(pool) = by_topic.get(topic.as_str()) else {
                        continue;
                    };
                    let coding_left = chosen.coding_count() == 0;
                    let pick = pool
                        .iter()
                        .copied()
                        .find(|q| (q.kind != Kind::Coding || coding_left) && fits(q, &chosen, cap));
                    if let Some(q) = pick {
                        chosen.add(SectionKind::Core, q);
                        progressed = true;
                    }
                }
                if !progressed {
                    break;
                }
            }
        }

        Ok(chosen)
    }

    /// The topic weights for the request: the role's, limited to `--topic`s if given.
    fn weights(
        &self,
        role: &crate::bank::role::Role,
        request: &PlanRequest,
    ) -> BTreeMap<String, u32> {
        let role_weights = role.weights_at(request.level);
        if request.topics.is_empty() {
            return role_weights
                .into_iter()
                .map(|(t, w)| (t.to_string(), w))
                .collect();
        }
        request
            .topics
            .iter()
            .map(|t| {
                (
                    t.clone(),
                    role_weights.get(t.as_str()).copied().unwrap_or(1),
                )
            })
            .collect()
    }

    fn add_included(
        &self,
        request: &PlanRequest,
        budget: &Budget,
        chosen: &mut Chosen<'b>,
    ) -> Result<(), Error> {
        let mut seen = BTreeSet::new();
        for id in &request.include {
            if !seen.insert(id) {
                continue;
            }
            let q = self.bank.resolve_id(id)?;
            let section = match q.kind {
                Kind::Behavioral
                    if !chosen
                        .questions
                        .iter()
                        .any(|(s, _)| *s == SectionKind::WarmUp) =>
                {
                    SectionKind::WarmUp
                }
                Kind::Design | Kind::Scenario
                    if request.level.has_deep_dive()
                        && !chosen
                            .questions
                            .iter()
                            .any(|(s, _)| *s == SectionKind::DeepDive) =>
                {
                    SectionKind::DeepDive
                }
                _ => SectionKind::Core,
            };
            chosen.add(section, q);
        }
        if chosen.used > budget.questions {
            return Err(Error::Plan(format!(
                "the included questions need {} minutes but a {}-minute interview has {} for questions; \
                 include fewer or raise --minutes",
                chosen.used, request.minutes, budget.questions
            )));
        }
        Ok(())
    }

    fn nothing_fits(&self, request: &PlanRequest, role_title: &str) -> String {
        let topics = if request.topics.is_empty() {
            String::new()
        } else {
            format!(" in {}", request.topics.join(", "))
        };
        format!(
            "no question in {} suits a {} {}{topics}; try another level or topic, or add questions",
            self.bank.origin(),
            self.bank.levels().title(request.level).to_lowercase(),
            role_title.to_lowercase()
        )
    }

    fn assemble(
        &self,
        request: &PlanRequest,
        role: &crate::bank::role::Role,
        budget: &Budget,
        chosen: Chosen<'_>,
    ) -> Plan {
        let mut sections = Vec::new();
        let mut clock = 0;
        let mut push = |kind: SectionKind, minutes: Option<u32>, questions: Vec<&Question>| {
            let start = clock;
            let mut items = Vec::new();
            for q in questions {
                items.push(Item::new(&q.id, clock, q.minutes));
                clock += q.minutes;
            }
            if let Some(m) = minutes {
                clock += m;
            }
            if clock > start {
                sections.push(Section {
                    kind,
                    start,
                    minutes: clock - start,
                    items,
                });
            }
        };
        let of = |kind: SectionKind| -> Vec<&Question> {
            let mut qs: Vec<&Question> = chosen
                .questions
                .iter()
                .filter(|(s, _)| *s == kind)
                .map(|(_, q)| *q)
                .collect();
            // Coding exercises close the core, after the talking questions.
            qs.sort_by_key(|q| q.kind == Kind::Coding);
            qs
        };
        push(
            SectionKind::Introductions,
            Some(budget.introductions),
            Vec::new(),
        );
        push(SectionKind::WarmUp, None, of(SectionKind::WarmUp));
        push(SectionKind::Core, None, of(SectionKind::Core));
        push(SectionKind::DeepDive, None, of(SectionKind::DeepDive));
        push(
            SectionKind::CandidateQuestions,
            Some(budget.closing),
            Vec::new(),
        );
        Plan {
            title: format!(
                "{} {} interview",
                self.bank.levels().title(request.level),
                role.title
            ),
            role: role.id.clone(),
            level: request.level,
            minutes: request.minutes,
            seed: request.seed,
            bank: self.bank.digest().to_string(),
            command: request.command(),
            sections,
        }
    }
}

/// Topics in a random order where heavier topics tend to come first
/// (Efraimidis–Spirakis weighted sampling without replacement).
fn weighted_order(weights: &BTreeMap<String, u32>, rng: &mut SplitMix64) -> Vec<String> {
    let mut keyed: Vec<(f64, &String)> = weights
        .iter()
        .map(|(t, &w)| {
            let u = rng.next_f64().max(f64::MIN_POSITIVE);
            (u.powf(1.0 / w.max(1) as f64), t)
        })
        .collect();
    keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    keyed.into_iter().map(|(_, t)| t.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_split_reserves_time() {
        for (minutes, want) in [
            (60, (5, 10, 45)),
            (45, (3, 7, 35)),
            (30, (2, 5, 23)),
            (90, (5, 10, 75)),
            (10, (2, 3, 5)),
        ] {
            let b = Budget::split(minutes);
            assert_eq!((b.introductions, b.closing, b.questions), want, "{minutes}");
        }
    }

    #[test]
    fn weighted_order_prefers_heavy_topics() {
        let weights: BTreeMap<String, u32> =
            [("heavy".to_string(), 20), ("light".to_string(), 1)].into();
        let mut rng = SplitMix64::new(3);
        let firsts = (0..200)
            .filter(|_| weighted_order(&weights, &mut rng)[0] == "heavy")
            .count();
        assert!(firsts > 170, "{firsts}");
    }
}
