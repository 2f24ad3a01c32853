//! Topics group questions; `topics.yaml` lists them so a misspelt topic in a
//! question is caught.

use serde::{Deserialize, Serialize};

/// One topic from `topics.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Kebab-case id; also the name of the topic's question file.
    pub id: String,
    /// Human title, e.g. "Asyncio".
    pub title: String,
    /// One line on what the topic covers.
    pub scope: String,
}
