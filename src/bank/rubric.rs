//! The scoring scale shared by every question and the overall recommendation
//! an interviewer gives, from `rubric.yaml`.

use serde::{Deserialize, Serialize};

/// One point of the 1–4 scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    /// 1 to 4.
    pub score: u8,
    /// E.g. "Strong yes".
    pub label: String,
    /// What the score means.
    pub meaning: String,
}

/// The scale and the recommendation options.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// The four points, 1 to 4.
    pub scale: Vec<ScalePoint>,
    /// The overall recommendations, weakest first.
    pub recommendations: Vec<String>,
}
