//! The questions a selection has chosen so far, and what they rule out:
//! their ids, their seed keys (the points they make) and their prompts'
//! fingerprints, with those of the questions asked before.

use std::collections::BTreeSet;

use super::explain::{Passed, Reason, Why};
use crate::bank::question::{Kind, Question};
use crate::bank::similarity::{Fingerprint, NEAR_DUPLICATE};
use crate::plan::SectionKind;

/// The questions chosen so far and what they rule out.
pub(super) struct Chosen<'b> {
    /// Chosen questions with their sections, in the order chosen.
    pub questions: Vec<(SectionKind, &'b Question)>,
    /// Why each was chosen.
    pub reasons: Vec<Reason>,
    /// Topics that had a share of the time but no question to fill it.
    pub short: BTreeSet<String>,
    fingerprints: Vec<Fingerprint>,
    seeds: BTreeSet<&'b str>,
    taken: BTreeSet<&'b str>,
    /// Question minutes used.
    pub used: u32,
}

impl<'b> Chosen<'b> {
    /// Start with the points of `avoided` (earlier plans) ruled out.
    pub fn new(avoided: &[&'b Question]) -> Self {
        Chosen {
            questions: Vec::new(),
            reasons: Vec::new(),
            short: BTreeSet::new(),
            fingerprints: avoided.iter().map(|q| Fingerprint::of(&q.prompt)).collect(),
            seeds: avoided
                .iter()
                .flat_map(|q| q.seeds.iter().map(String::as_str))
                .collect(),
            taken: avoided.iter().map(|q| q.id.as_str()).collect(),
            used: 0,
        }
    }

    pub fn has(&self, q: &Question) -> bool {
        self.taken.contains(q.id.as_str())
    }

    /// True if `q` makes a point a chosen or avoided question already makes.
    pub fn conflicts(&self, q: &Question) -> bool {
        if q.seeds.iter().any(|s| self.seeds.contains(s.as_str())) {
            return true;
        }
        let fp = Fingerprint::of(&q.prompt);
        self.fingerprints
            .iter()
            .any(|c| c.similarity(&fp) >= NEAR_DUPLICATE)
    }

    pub fn any_in(&self, section: SectionKind) -> bool {
        self.questions.iter().any(|(s, _)| *s == section)
    }

    /// True once a question other than the warm-up is chosen.
    pub fn technical(&self) -> bool {
        self.questions
            .iter()
            .any(|(s, _)| *s != SectionKind::WarmUp)
    }

    pub fn coding_count(&self) -> usize {
        self.questions
            .iter()
            .filter(|(_, q)| q.kind == Kind::Coding)
            .count()
    }

    /// The state without question `i`: what it rules out is ruled in again.
    pub fn without(&self, i: usize, avoided: &[&'b Question]) -> Chosen<'b> {
        let mut rest = Chosen::new(avoided);
        for (n, (section, q)) in self.questions.iter().enumerate() {
            if n != i {
                let r = &self.reasons[n];
                rest.add(*section, q, r.why, r.weight, r.passed);
            }
        }
        rest
    }

    /// Put `q` in the place of question `i`, in the same section and for the
    /// same reason.
    pub fn replace(&mut self, i: usize, q: &'b Question, avoided: &[&'b Question]) {
        let mut next = Chosen::new(avoided);
        next.short = std::mem::take(&mut self.short);
        for (n, (section, old)) in self.questions.iter().enumerate() {
            let r = &self.reasons[n];
            next.add(
                *section,
                if n == i { q } else { old },
                r.why,
                r.weight,
                r.passed,
            );
        }
        *self = next;
    }

    pub fn move_last_to(&mut self, section: SectionKind) {
        if let (Some(q), Some(r)) = (self.questions.last_mut(), self.reasons.last_mut()) {
            q.0 = section;
            r.section = section;
        }
    }

    pub fn add(
        &mut self,
        section: SectionKind,
        q: &'b Question,
        why: Why,
        weight: u32,
        passed: Passed,
    ) {
        self.used += q.minutes;
        self.seeds.extend(q.seeds.iter().map(String::as_str));
        self.fingerprints.push(Fingerprint::of(&q.prompt));
        self.taken.insert(q.id.as_str());
        self.questions.push((section, q));
        self.reasons.push(Reason {
            id: q.id.clone(),
            section,
            why,
            weight,
            passed,
        });
    }
}
