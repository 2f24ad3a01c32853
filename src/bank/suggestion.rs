//! "Did you mean" suggestions for misspelt names, by optimal string
//! alignment distance (`strsim`): a swap of two neighbours counts as one
//! edit, the commonest typo.
//!
//! Bounded so that hostile input stays cheap: words longer than
//! [`MAX_WORD_CHARS`] get no suggestion, candidates whose length alone rules
//! them out are never measured, and at most [`MAX_CANDIDATES`] are looked at.

/// Names longer than this are not typos of anything we know.
pub const MAX_WORD_CHARS: usize = 64;
/// The most candidates compared for one word.
pub const MAX_CANDIDATES: usize = 10_000;

/// The candidate closest to `word`, if it is close enough to be a plausible
/// typo (at most a third of the word's length, and at least 1 edit).
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let length = word.chars().count();
    if length > MAX_WORD_CHARS {
        return None;
    }
    let limit = (length / 3).max(1);
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (strsim::osa_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Format a suggestion as help text, if there is one.
pub fn help<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    did_you_mean(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["minutes", "levels", "roles", "key_points"];
        for (word, want) in [
            ("minuts", Some("minutes")),
            ("level", Some("levels")),
            ("keypoints", Some("key_points")),
            ("Roles", Some("roles")),
            ("levles", Some("levels")),
            ("colour", None),
            ("x", None),
        ] {
            assert_eq!(did_you_mean(word, fields), want, "{word}");
        }
    }

    #[test]
    fn long_words_get_no_suggestion() {
        let long = "a".repeat(40_000);
        let near = format!("{long}b");
        assert_eq!(did_you_mean(&long, [near.as_str()]), None);
    }
}
