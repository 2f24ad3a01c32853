//! From a bank to an interview: the plan model users keep as YAML, the
//! planner that selects questions into it, and the seeded random numbers
//! that make every plan reproducible.

pub mod depth;
pub mod interview_loop;
#[allow(clippy::module_inception)]
mod plan;
pub mod planner;
pub mod rng;
pub mod validate;

pub use plan::{Item, Plan, Section, SectionKind};
