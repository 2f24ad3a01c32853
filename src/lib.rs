//! `runbook` builds Python technical interviews from a bank of questions.
//!
//! Data flows one way, and the folders follow it: [`bank`] loads the
//! [`Content`] (embedded or on disk) into a validated [`Bank`]; [`plan`]
//! selects a [`Plan`] from it; [`render`] resolves the plan against the bank
//! into a document and hands it to a renderer. [`cli`] turns command lines
//! into typed options and drives the rest.

pub mod bank;
pub mod cli;
pub mod diagnostic;
pub mod error;
pub(crate) mod input;
pub mod output;
pub mod plan;
pub mod render;
pub mod timestamp;

pub use bank::Bank;
pub use bank::content::Content;
pub use bank::level::Level;
pub use bank::question::Question;
pub use cli::{Cli, run};
pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
pub use plan::Plan;
pub use plan::planner::{PlanRequest, Planner};
