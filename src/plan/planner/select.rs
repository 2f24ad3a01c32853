//! Choosing the questions of one plan, section by section.
//!
//! Topic shares use systematic sampling: the topics, in a seeded random
//! order, are laid end to end with lengths equal to their weights, and the
//! plan's question slots are points a fixed step apart from a random start.
//! Each topic then gets the floor or the ceiling of its weighted share of
//! the slots, and over many seeds exactly its share on average, with far less
//! spread than drawing topics one at a time.

use std::collections::{BTreeMap, BTreeSet};

use super::chosen::Chosen;
use super::explain::{Passed, Why};
use super::request::{Budget, PlanRequest};
use crate::bank::Bank;
use crate::bank::level::Level;
use crate::bank::question::{Kind, Question};
use crate::error::Error;
use crate::plan::SectionKind;
use crate::plan::rng::SplitMix64;

/// One selection: the request, its weights, the questions that suit it, and
/// the random stream every choice comes from.
pub(super) struct Selector<'a, 'b> {
    pub request: &'a PlanRequest,
    pub bank: &'b Bank,
    pub budget: Budget,
    pub weights: &'a BTreeMap<String, u32>,
    /// The role's focus topics that have weight here.
    pub focus: &'a [String],
    pub eligible: &'a [&'b Question],
    pub avoided: &'a [&'b Question],
}

impl<'b> Selector<'_, 'b> {
    /// Choose questions for every section; `warm_up` false leaves the
    /// warm-up empty (when it took the minutes a technical question needed).
    pub fn select(&self, warm_up: bool) -> Result<Chosen<'b>, Error> {
        let mut rng = SplitMix64::new(self.request.seed);
        let mut chosen = Chosen::new(self.avoided);
        self.add_included(&mut chosen)?;
        let q_budget = self.budget.questions;
        // Short questions first so more topics get a turn; a round of one
        // kind (coding, design) takes its questions whatever their length.
        let core_cap = (q_budget / 4).max(10);
        let long_cap = if self.request.kinds.is_empty() {
            (q_budget * 2 / 5).max(10)
        } else {
            q_budget
        };
        let deep_cap = q_budget * 9 / 20;

        if warm_up && !chosen.any_in(SectionKind::WarmUp) {
            self.warm_up(&mut chosen, &mut rng);
        }
        let mut pools = self.core_pools();
        for pool in pools.values_mut() {
            rng.shuffle(pool);
        }
        if self.request.level >= Level::Mid
            && !self.focus.is_empty()
            && !chosen
                .questions
                .iter()
                .any(|(_, q)| self.focus.contains(&q.topic))
        {
            let focus: BTreeMap<String, u32> = self
                .weights
                .iter()
                .filter(|(t, _)| self.focus.contains(t))
                .map(|(t, w)| (t.clone(), *w))
                .collect();
            for topic in weighted_order(&focus, &mut rng) {
                if self.pick(
                    &mut chosen,
                    &pools,
                    &topic,
                    deep_cap.max(long_cap),
                    Why::Focus,
                ) {
                    // A focus question that is a deep dive goes there.
                    let deep = self.request.level.has_deep_dive()
                        && q_budget >= 30
                        && chosen.questions.last().is_some_and(|(_, q)| {
                            matches!(q.kind, Kind::Design | Kind::Scenario) && q.minutes >= 8
                        });
                    if deep {
                        chosen.move_last_to(SectionKind::DeepDive);
                    }
                    break;
                }
            }
        }

        if self.request.level.has_deep_dive()
            && q_budget >= 30
            && !chosen.any_in(SectionKind::DeepDive)
        {
            self.deep_dive(&mut chosen, &mut rng, deep_cap);
        }

        for topic in self.slots(&chosen, &pools, core_cap, long_cap, &mut rng) {
            let filled = self.pick(&mut chosen, &pools, &topic, core_cap, Why::Share)
                || self.pick(&mut chosen, &pools, &topic, long_cap, Why::Share);
            // Short only if the bank has nothing left for the topic; a
            // question that does not fit the time left is no shortage.
            let left = pools.get(topic.as_str()).is_some_and(|pool| {
                pool.iter()
                    .any(|q| !chosen.has(q) && !chosen.conflicts(q) && q.minutes <= long_cap)
            });
            if !filled && !left {
                chosen.short.insert(topic);
            }
        }

        // Fill what is left, heavier topics first; a question longer than the
        // long cap only when nothing technical fits at all.
        for cap in [long_cap, q_budget] {
            if cap == q_budget && chosen.technical() {
                break;
            }
            'fill: loop {
                for topic in weighted_order(self.weights, &mut rng) {
                    if self.pick(&mut chosen, &pools, &topic, cap, Why::Fill) {
                        continue 'fill;
                    }
                }
                break;
            }
        }
        self.close_gap(&mut chosen, &pools, long_cap);
        Ok(chosen)
    }

    /// If the questions leave more than a tenth of the time unused, swap a
    /// drawn core question for a longer one of the same topic that uses the
    /// gap, as long as that helps.
    fn close_gap(
        &self,
        chosen: &mut Chosen<'b>,
        pools: &BTreeMap<&'b str, Vec<&'b Question>>,
        cap: u32,
    ) {
        let budget = self.budget.questions;
        let full = |used: u32| f64::from(used) >= super::MIN_FILL * f64::from(budget);
        while !full(chosen.used) {
            let left = budget - chosen.used;
            let mut swap = None;
            'search: for (i, (section, old)) in chosen.questions.iter().enumerate() {
                let drawn = matches!(chosen.reasons[i].why, Why::Share | Why::Fill | Why::Focus);
                if *section != SectionKind::Core || !drawn {
                    continue;
                }
                let Some(pool) = pools.get(old.topic.as_str()) else {
                    continue;
                };
                let without = chosen.without(i, self.avoided);
                for &q in pool {
                    let longer =
                        q.minutes > old.minutes && q.minutes <= (old.minutes + left).min(cap);
                    let coding_ok = q.kind != Kind::Coding
                        || old.kind == Kind::Coding
                        || without.coding_count() == 0
                        || self.request.kinds.contains(&Kind::Coding);
                    if longer && coding_ok && !without.has(q) && !without.conflicts(q) {
                        swap = Some((i, q));
                        break 'search;
                    }
                }
            }
            let Some((i, q)) = swap else {
                return;
            };
            chosen.replace(i, q, self.avoided);
        }
    }

    /// The core questions of each topic: everything eligible but the
    /// behavioural ones, unless the request asks for behavioural questions.
    fn core_pools(&self) -> BTreeMap<&'b str, Vec<&'b Question>> {
        let behavioural = self.request.kinds.contains(&Kind::Behavioral);
        let mut pools: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
        for q in self.eligible.iter().copied() {
            if q.kind != Kind::Behavioral || behavioural {
                pools.entry(q.topic.as_str()).or_default().push(q);
            }
        }
        pools
    }

    /// The topics of the core slots, by systematic sampling. Minutes, not
    /// questions, follow the weights: a topic's slots are weighted by its
    /// weight over its questions' mean length, so a topic of long questions
    /// gets fewer of them. The core shares what the warm-up and the deep
    /// dive leave; slots that core questions already chosen (focus,
    /// `--include`) fill are taken off.
    fn slots(
        &self,
        chosen: &Chosen<'b>,
        pools: &BTreeMap<&'b str, Vec<&'b Question>>,
        core_cap: u32,
        long_cap: u32,
        rng: &mut SplitMix64,
    ) -> Vec<String> {
        let mean_of = |qs: &mut dyn Iterator<Item = u32>| -> Option<f64> {
            let (sum, n) = qs
                .filter(|&m| m <= long_cap)
                .fold((0u32, 0u32), |(s, n), m| (s + m, n + 1));
            (n > 0).then(|| (f64::from(sum) / f64::from(n)).min(f64::from(core_cap)))
        };
        let Some(overall) = mean_of(&mut pools.values().flatten().map(|q| q.minutes)) else {
            return Vec::new();
        };
        let length = |t: &str| {
            pools
                .get(t)
                .and_then(|p| mean_of(&mut p.iter().map(|q| q.minutes)))
                .unwrap_or(overall)
        };
        // The core shares the time the warm-up and the deep dive leave.
        let elsewhere: u32 = chosen
            .questions
            .iter()
            .filter(|(s, _)| *s != SectionKind::Core)
            .map(|(_, q)| q.minutes)
            .sum();
        let technical_minutes = f64::from(self.budget.questions.saturating_sub(elsewhere));
        // A topic whose questions are all behavioural has its time in the
        // warm-up; one with no questions at all is a shortage and keeps its slots.
        let warm_up_only =
            |t: &str| !pools.contains_key(t) && self.eligible.iter().any(|q| q.topic == t);
        let mut topics: Vec<(&String, f64)> = self
            .weights
            .iter()
            .filter(|(t, _)| !warm_up_only(t))
            .map(|(t, w)| (t, f64::from(*w) / length(t)))
            .collect();
        rng.shuffle(&mut topics);
        let weight: f64 = self
            .weights
            .iter()
            .filter(|(t, _)| !warm_up_only(t))
            .map(|(_, w)| f64::from(*w))
            .sum();
        let total: f64 = topics.iter().map(|(_, c)| c).sum();
        if weight <= 0.0 || total <= 0.0 {
            return Vec::new();
        }
        // Slots whose expected minutes add up to the technical time.
        let n = (technical_minutes * total / weight).floor().max(1.0) as usize;
        let step = total / n as f64;
        let mut point = rng.next_f64() * step;
        let (mut acc, mut slots) = (0.0, Vec::new());
        for (topic, c) in topics {
            acc += c;
            while point < acc && slots.len() < n {
                slots.push(topic.clone());
                point += step;
            }
        }
        // What is already chosen used as many of its topic's slots as its
        // minutes would fill.
        for (_, q) in chosen
            .questions
            .iter()
            .filter(|(s, _)| *s == SectionKind::Core)
        {
            let used = (f64::from(q.minutes) / length(&q.topic)).round().max(1.0) as usize;
            for _ in 0..used {
                if let Some(i) = slots.iter().position(|t| *t == q.topic) {
                    slots.remove(i);
                }
            }
        }
        rng.shuffle(&mut slots);
        slots
    }

    /// Add the first question of `topic`'s pool that fits in `cap` minutes
    /// and the time left; false if none does.
    fn pick(
        &self,
        chosen: &mut Chosen<'b>,
        pools: &BTreeMap<&'b str, Vec<&'b Question>>,
        topic: &str,
        cap: u32,
        why: Why,
    ) -> bool {
        let Some(pool) = pools.get(topic) else {
            return false;
        };
        // One coding exercise a plan, unless the plan is for coding.
        let coding_left = chosen.coding_count() == 0 || self.request.kinds.contains(&Kind::Coding);
        let mut passed = Passed::default();
        let mut pick = None;
        for &q in pool {
            if chosen.has(q) {
                passed.taken += 1;
            } else if chosen.conflicts(q) {
                passed.same_point += 1;
            } else if q.minutes > cap || chosen.used + q.minutes > self.budget.questions {
                passed.too_long += 1;
            } else if q.kind == Kind::Coding && !coding_left {
                passed.wrong_kind += 1;
            } else if pick.is_none() {
                pick = Some(q);
            } else {
                passed.not_drawn += 1;
            }
        }
        match pick {
            Some(q) => {
                chosen.add(SectionKind::Core, q, why, self.weight(topic), passed);
                true
            }
            None => false,
        }
    }

    fn weight(&self, topic: &str) -> u32 {
        self.weights.get(topic).copied().unwrap_or(0)
    }

    /// A short behavioural question, else a short concept one.
    fn warm_up(&self, chosen: &mut Chosen<'b>, rng: &mut SplitMix64) {
        let cap = (self.budget.questions / 6).max(5);
        for kind in [Kind::Behavioral, Kind::Concept] {
            let mut pool: Vec<&Question> = self
                .eligible
                .iter()
                .copied()
                .filter(|q| q.kind == kind)
                .collect();
            rng.shuffle(&mut pool);
            if self.take_first(chosen, pool, cap, SectionKind::WarmUp, Why::WarmUp) {
                return;
            }
        }
    }

    /// One design or scenario question of at least 8 minutes, topics by weight.
    fn deep_dive(&self, chosen: &mut Chosen<'b>, rng: &mut SplitMix64, cap: u32) {
        let pool: Vec<&Question> = self
            .eligible
            .iter()
            .copied()
            .filter(|q| matches!(q.kind, Kind::Design | Kind::Scenario) && q.minutes >= 8)
            .collect();
        for topic in weighted_order(self.weights, rng) {
            let mut in_topic: Vec<&Question> =
                pool.iter().copied().filter(|q| q.topic == topic).collect();
            rng.shuffle(&mut in_topic);
            if self.take_first(chosen, in_topic, cap, SectionKind::DeepDive, Why::DeepDive) {
                return;
            }
        }
    }

    /// Add the first question of `pool` that fits `cap` and the time left
    /// and makes no point already made; false if none does.
    fn take_first(
        &self,
        chosen: &mut Chosen<'b>,
        pool: Vec<&'b Question>,
        cap: u32,
        section: SectionKind,
        why: Why,
    ) -> bool {
        let fits = |q: &&Question| {
            q.minutes <= cap
                && chosen.used + q.minutes <= self.budget.questions
                && !chosen.has(q)
                && !chosen.conflicts(q)
        };
        let Some(q) = pool.into_iter().find(fits) else {
            return false;
        };
        let weight = self.weight(&q.topic);
        chosen.add(section, q, why, weight, Passed::default());
        true
    }

    fn add_included(&self, chosen: &mut Chosen<'b>) -> Result<(), Error> {
        let mut seen = BTreeSet::new();
        for id in &self.request.include {
            if !seen.insert(id) {
                continue;
            }
            let q = self.bank.resolve_id(id)?;
            let section = match q.kind {
                Kind::Behavioral if !chosen.any_in(SectionKind::WarmUp) => SectionKind::WarmUp,
                Kind::Design | Kind::Scenario
                    if self.request.level.has_deep_dive()
                        && !chosen.any_in(SectionKind::DeepDive) =>
                {
                    SectionKind::DeepDive
                }
                _ => SectionKind::Core,
            };
            let weight = self.weight(&q.topic);
            chosen.add(section, q, Why::Included, weight, Passed::default());
        }
        if chosen.used > self.budget.questions {
            return Err(Error::Plan(format!(
                "the included questions need {} minutes but a {}-minute interview has {} for questions; \
                 include fewer or raise --minutes",
                chosen.used, self.request.minutes, self.budget.questions
            )));
        }
        Ok(())
    }
}

/// Topics in a random order where heavier topics tend to come first
/// (Efraimidis–Spirakis weighted sampling without replacement).
pub(super) fn weighted_order(weights: &BTreeMap<String, u32>, rng: &mut SplitMix64) -> Vec<String> {
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
