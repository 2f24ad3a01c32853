//! Selecting questions into a time-boxed plan.
//!
//! The rules, in order of precedence: never exceed the budget (time for
//! introductions and the candidate's questions is reserved first); every
//! question is tagged for the level and suits the role; `--include` forces
//! questions in and `--exclude` and `--avoid` keep them out; no two
//! questions make the same point (they share a seed key or their prompts
//! are near-duplicates), nor a question and an avoided one; at mid level
//! and above one of the role's focus topics is always asked; topics share
//! the time by the role's weights (see [`select`]); what time is left is
//! filled. Whatever the bank cannot give (a focus topic, a topic's share,
//! 90% of the question time) comes back as a warning naming it. The same
//! bank, request and seed always give the same plan.

mod chosen;
pub mod explain;
pub mod request;
mod select;

use std::collections::BTreeMap;

pub use request::{Budget, DEFAULT_MINUTES, DEFAULT_SEED, MIN_MINUTES, PlanRequest};

use crate::bank::Bank;
use crate::bank::level::Level;
use crate::bank::question::{Kind, Question};
use crate::error::Error;
use crate::plan::{Item, Plan, Section, SectionKind};
use chosen::Chosen;
use explain::Reason;
use select::Selector;

/// The share of the question time a plan should fill.
pub const MIN_FILL: f64 = 0.9;

/// A plan with what the planner has to say about it.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The plan.
    pub plan: Plan,
    /// What the bank could not give, one sentence each, for standard error.
    pub warnings: Vec<String>,
    /// Why each question was chosen.
    pub reasons: Vec<Reason>,
    /// The sum of the topic weights the plan was drawn with.
    pub total_weight: u32,
}

/// Draws plans from a bank.
pub struct Planner<'b> {
    bank: &'b Bank,
}

impl<'b> Planner<'b> {
    /// A planner over `bank`.
    pub fn new(bank: &'b Bank) -> Self {
        Planner { bank }
    }

    /// Draw a plan for `request`.
    pub fn plan(&self, request: &PlanRequest) -> Result<Plan, Error> {
        self.draw(request).map(|d| d.plan)
    }

    /// Draw a plan for `request`, with warnings and reasons.
    pub fn draw(&self, request: &PlanRequest) -> Result<Drawn, Error> {
        let role = self.bank.resolve_role(&request.role)?;
        for id in request.include.iter().chain(&request.exclude) {
            self.bank.resolve_id(id)?;
        }
        if let Some(id) = request
            .include
            .iter()
            .find(|id| request.exclude.contains(*id) || request.avoid.contains(*id))
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
        let mut focus: Vec<String> = role
            .focus_at(request.level)
            .into_iter()
            .filter(|t| weights.contains_key(*t))
            .map(str::to_string)
            .collect();
        let eligible: Vec<&Question> = self
            .bank
            .questions()
            .iter()
            .filter(|q| {
                q.suits_level(request.level)
                    && q.suits_role(&role.id)
                    && request.allows(q.kind)
                    && weights.contains_key(q.topic.as_str())
                    && !request.exclude.contains(&q.id)
                    && !request.avoid.contains(&q.id)
            })
            .collect();
        if eligible.is_empty() && request.include.is_empty() {
            return Err(Error::Plan(self.nothing_fits(request, &role.title)));
        }
        let mut weights = weights;
        if !request.kinds.is_empty() {
            // A round of one kind shares its time among the topics that have
            // questions of that kind; the others are no shortfall.
            weights.retain(|t, _| eligible.iter().any(|q| q.topic == *t));
            focus.retain(|t| weights.contains_key(t));
        }
        let avoided: Vec<&Question> = request
            .avoid
            .iter()
            .filter_map(|id| self.bank.question(id))
            .collect();
        let selector = Selector {
            request,
            bank: self.bank,
            budget,
            weights: &weights,
            focus: &focus,
            eligible: &eligible,
            avoided: &avoided,
        };
        let mut chosen = selector.select(true)?;
        if !chosen.technical() {
            // The warm-up may have taken the only minutes a technical question needed.
            chosen = selector.select(false)?;
        }
        if !chosen.technical() {
            let technical: Vec<&&Question> = eligible
                .iter()
                .filter(|q| q.kind != Kind::Behavioral || request.kinds.contains(&Kind::Behavioral))
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
        // A weighted topic with no question at all is short whether or not
        // the draw gave it a slot.
        chosen.short.extend(
            weights
                .keys()
                .filter(|t| !eligible.iter().any(|q| q.topic == **t))
                .cloned(),
        );
        let warnings = self.warnings(request, role, &budget, &focus, &chosen);
        let total_weight = weights.values().sum();
        let reasons = std::mem::take(&mut chosen.reasons);
        Ok(Drawn {
            plan: self.assemble(request, role, &budget, chosen),
            warnings,
            reasons,
            total_weight,
        })
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

    /// What the bank could not give this plan.
    fn warnings(
        &self,
        request: &PlanRequest,
        role: &crate::bank::role::Role,
        budget: &Budget,
        focus: &[String],
        chosen: &Chosen<'_>,
    ) -> Vec<String> {
        let level = self.bank.levels().title(request.level).to_lowercase();
        let article = if level.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let who = format!("{article} {level} {}", role.title.to_lowercase());
        let titles = |topics: &mut dyn Iterator<Item = &String>| -> String {
            topics
                .map(|t| self.bank.topic_title(t).to_lowercase())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = Vec::new();
        let talks = request.kinds.is_empty() || request.allows(Kind::Concept);
        if request.level >= Level::Mid
            && talks
            && !focus.is_empty()
            && !chosen
                .questions
                .iter()
                .any(|(_, q)| focus.contains(&q.topic))
        {
            out.push(format!(
                "no question on {} (the role's focus) suits {who} and fits; the plan asks none of them. Add {} questions tagged `{}`",
                titles(&mut focus.iter()),
                titles(&mut focus.iter()),
                request.level
            ));
        }
        if !chosen.short.is_empty() {
            let went = if request.topics.is_empty() {
                ": their share of the time went to other topics"
            } else {
                ""
            };
            out.push(format!(
                "too few questions on {} suit {who}{went}",
                titles(&mut chosen.short.iter())
            ));
        }
        if f64::from(chosen.used) < MIN_FILL * f64::from(budget.questions) {
            let hint = if request.topics.is_empty() {
                String::new()
            } else {
                format!(
                    "; only {} {} asked for: add another --topic or drop --topic to fill the time",
                    titles(&mut request.topics.iter()),
                    if request.topics.len() == 1 {
                        "was"
                    } else {
                        "were"
                    }
                )
            };
            out.push(format!(
                "the questions fill {} of the {} minutes between the introductions and the candidate's questions: \
                 nothing else that suits {who} fits the {} minutes left{hint}",
                chosen.used,
                budget.questions,
                budget.questions - chosen.used
            ));
        }
        out
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
