//! Values read strictly: YAML lets a quoted `"5"` stand in for a number, but
//! in a bank or plan a number in quotes is almost always a mistake worth
//! pointing at.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

/// A whole number written as one, not as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct Integer(pub i64);

impl<'de> Deserialize<'de> for Integer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IntegerVisitor)
    }
}

struct IntegerVisitor;

impl Visitor<'_> for IntegerVisitor {
    type Value = Integer;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Integer, E> {
        Ok(Integer(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Integer, E> {
        i64::try_from(v)
            .map(Integer)
            .map_err(|_| E::custom(format!("{v} is too large")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Integer, E> {
        Err(E::custom(format!("expected a whole number, not {v}")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Integer, E> {
        Err(E::custom(format!(
            "expected a whole number, not the text \"{v}\"; write it without quotes"
        )))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Integer, E> {
        Err(E::custom(format!("expected a whole number, not `{v}`")))
    }
}
