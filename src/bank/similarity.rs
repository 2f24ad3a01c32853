//! Finding prompts that ask the same thing in other words. `check` warns about
//! them and the planner never puts two of them in one interview.
//!
//! Prompts are compared as sets of content words (Jaccard similarity). To stay
//! linear on large banks, candidate pairs come from MinHash banding: two
//! prompts are compared only if they agree on a band of their signatures.

/// Jaccard similarity at or above which two prompts are near-duplicates.
pub const NEAR_DUPLICATE: f64 = 0.7;

/// Prompts with fewer content words than this are too short to judge.
const MIN_WORDS: usize = 4;

const BANDS: usize = 12;
const ROWS: usize = 3;
/// Buckets larger than this compare each member with this many neighbours only.
const MAX_BUCKET_PAIRS: usize = 64;

const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "between", "by", "can", "do", "does", "for", "from",
    "how", "in", "is", "it", "of", "on", "or", "python", "that", "the", "this", "to", "what",
    "when", "which", "why", "with", "would", "you", "your",
];

/// The content words of a text, hashed, sorted and deduplicated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<u64>);

impl Fingerprint {
    /// Fingerprint `text`.
    pub fn of(text: &str) -> Self {
        let mut buffer = [0u8; 32];
        let mut words: Vec<u64> = Vec::new();
        for word in text
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| w.len() > 1)
        {
            // Most words are short ASCII: lowercase them without allocating.
            let hash = if word.len() <= buffer.len() && word.is_ascii() {
                let lower = &mut buffer[..word.len()];
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                let lower = std::str::from_utf8(lower).expect("ASCII is UTF-8");
                (!STOPWORDS.contains(&lower)).then(|| fnv1a(lower.as_bytes()))
            } else {
                let lower = word.to_lowercase();
                (!STOPWORDS.contains(&lower.as_str())).then(|| fnv1a(lower.as_bytes()))
            };
            words.extend(hash);
        }
        words.sort_unstable();
        words.dedup();
        words.shrink_to_fit();
        Fingerprint(words)
    }

    /// Jaccard similarity of the two word sets, 0 for prompts too short to judge.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.0.len() < MIN_WORDS || other.0.len() < MIN_WORDS {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < self.0.len() && j < other.0.len() {
            match self.0[i].cmp(&other.0[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared as f64 / (self.0.len() + other.0.len() - shared) as f64
    }

    fn signature(&self) -> [u64; BANDS * ROWS] {
        let mut sig = [u64::MAX; BANDS * ROWS];
        for &word in &self.0 {
            for (k, slot) in sig.iter_mut().enumerate() {
                *slot = (*slot).min(mix(word ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)));
            }
        }
        sig
    }
}

/// Every pair `(i, j, similarity)` with `i < j` whose prompts are near-duplicates.
pub fn near_duplicates(fingerprints: &[Fingerprint]) -> Vec<(usize, usize, f64)> {
    // One entry per band of each signature: the band's hash in the high half,
    // the prompt's index in the low half. Sorted, each bucket is a run of
    // prompts in bank order. Two bands that share a 32-bit hash by chance only
    // add a comparison: every candidate pair is measured exactly.
    let mut entries: Vec<u64> = Vec::with_capacity(fingerprints.len() * BANDS);
    for (i, fp) in fingerprints.iter().enumerate() {
        if fp.0.len() < MIN_WORDS {
            continue;
        }
        let sig = fp.signature();
        for band in 0..BANDS {
            let key = sig[band * ROWS..(band + 1) * ROWS]
                .iter()
                .fold(band as u64, |h, &v| mix(h ^ v));
            entries.push((key & 0xFFFF_FFFF_0000_0000) | i as u64);
        }
    }
    entries.sort_unstable();
    let mut pairs = std::collections::BTreeMap::new();
    for bucket in entries.chunk_by(|a, b| a >> 32 == b >> 32) {
        for (n, &a) in bucket.iter().enumerate() {
            for &b in bucket.iter().skip(n + 1).take(MAX_BUCKET_PAIRS) {
                let (a, b) = ((a & 0xFFFF_FFFF) as usize, (b & 0xFFFF_FFFF) as usize);
                let s = fingerprints[a].similarity(&fingerprints[b]);
                if s >= NEAR_DUPLICATE {
                    pairs.insert((a, b), s);
                }
            }
        }
    }
    pairs.into_iter().map(|((a, b), s)| (a, b, s)).collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// SplitMix64's finaliser: a cheap, well-mixed 64-bit hash of a 64-bit value.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fp(s: &str) -> Fingerprint {
        Fingerprint::of(s)
    }

    #[test]
    fn rewording_is_similar_and_other_topics_are_not() {
        let a = fp("What is the difference between a shallow copy and a deep copy of a list?");
        let b = fp("Explain the difference between shallow copy and deep copy of a list.");
        let c = fp("How does the garbage collector find reference cycles in CPython?");
        assert!(a.similarity(&b) >= NEAR_DUPLICATE, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.2);
    }

    #[test]
    fn finds_the_pair_among_many() {
        let mut prompts: Vec<Fingerprint> = (0..500)
            .map(|i| {
                fp(&format!(
                    "Question number {i} about topic{i} and detail{i} with case{i}"
                ))
            })
            .collect();
        prompts.push(fp(
            "Question number 7 about topic7 and detail7 with case7 again",
        ));
        let pairs = near_duplicates(&prompts);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].0, pairs[0].1), (7, 500));
    }
}
