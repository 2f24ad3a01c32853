//! `runbook` builds Python technical interviews from a bank of questions.
//!
//! Data flows one way: the [`Content`] (embedded or on disk) is loaded into a
//! [`Bank`] and validated, a [`Planner`] selects a [`Plan`] from it, and the
//! plan is resolved against the bank and handed to a renderer.

pub mod archive;
pub mod bank;
pub mod cli;
pub mod content;
pub mod diagnostic;
pub mod document;
pub mod error;
pub mod fast_yaml;
pub mod highlight;
pub mod html;
pub mod level;
pub mod output;
pub mod parallel;
pub mod pdf;
pub mod plan;
pub mod planner;
pub mod question;
pub mod render;
pub mod rng;
pub mod role;
pub mod rubric;
pub mod similarity;
pub mod source;
pub mod sqlite;
pub mod suggestion;
pub mod template;
pub mod timestamp;
pub mod topic;

pub use bank::Bank;
pub use cli::{Cli, run};
pub use content::Content;
pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
pub use level::Level;
pub use plan::Plan;
pub use planner::{PlanRequest, Planner};
pub use question::Question;
