//! A validated question filter: role, level and topics, each checked
//! against the bank.

use super::Bank;
use super::level::Level;
use super::question::Question;
use crate::error::Error;

/// A validated question filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Role id.
    pub role: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// Topic ids; empty means all.
    pub topics: Vec<String>,
}

impl Filter {
    /// Validate raw flag values against the bank.
    pub fn new(
        bank: &Bank,
        role: Option<&str>,
        level: Option<&str>,
        topics: &[String],
    ) -> Result<Self, Error> {
        Ok(Filter {
            role: role
                .map(|r| bank.resolve_role(r).map(|r| r.id.clone()))
                .transpose()?,
            level: level.map(|l| bank.resolve_level(l)).transpose()?,
            topics: topics
                .iter()
                .map(|t| bank.resolve_topic(t).map(|t| t.id.clone()))
                .collect::<Result<_, _>>()?,
        })
    }

    /// True if `q` passes the filter.
    pub fn accepts(&self, q: &Question) -> bool {
        self.role.as_deref().is_none_or(|r| q.suits_role(r))
            && self.level.is_none_or(|l| q.suits_level(l))
            && (self.topics.is_empty() || self.topics.contains(&q.topic))
    }

    /// The matching questions, in bank order.
    pub fn apply<'b>(&self, bank: &'b Bank) -> Vec<&'b Question> {
        bank.questions()
            .iter()
            .filter(|q| self.accepts(q))
            .collect()
    }
}
