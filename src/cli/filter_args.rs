//! The flags that filter a bank, shared by `list` and `export`.

use crate::bank::Bank;
use crate::bank::filter::Filter;
use crate::error::Error;

/// Flags that filter the bank, shared by `list` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only questions for this role.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Only questions for this level (or an alias such as `expert`).
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Only questions on this topic (repeatable).
    #[arg(long, value_name = "TOPIC")]
    pub topic: Vec<String>,
}

impl FilterArgs {
    /// Validate the flags against the bank.
    pub fn filter(&self, bank: &Bank) -> Result<Filter, Error> {
        Filter::new(
            bank,
            self.role.as_deref(),
            self.level.as_deref(),
            &self.topic,
        )
    }
}
