//! Rules for the text of a bank, shared by every field: what may appear in
//! it and how deeply its Markdown may nest, plus the prompt patterns that
//! show a question refers to code.

use pulldown_cmark::{Event, Parser, Tag};

/// The deepest nesting of block quotes and lists a text may have. Real
/// questions use two or three levels; documents lay out no more than this.
pub const MAX_NESTING: usize = 10;

/// What is wrong with the first control character in `text`, if any: only
/// tab and newline are allowed (escape sequences would reach terminals).
pub fn control_character(text: &str) -> Option<String> {
    let (line, c) = text
        .lines()
        .enumerate()
        .find_map(|(n, line)| {
            line.chars()
                .find(|&c| c.is_control() && c != '\t')
                .map(|c| (n + 1, c))
        })
        .or_else(|| text.contains('\r').then_some((1, '\r')))?;
    Some(format!(
        "contains the control character U+{:04X} (line {line} of the text)",
        c as u32
    ))
}

/// How deeply block quotes and lists nest in `text`, as Markdown.
pub fn nesting_depth(text: &str) -> usize {
    // Cheap test first: nesting needs many markers at the start of a line.
    let markers = text
        .lines()
        .map(|l| {
            l.trim_start()
                .chars()
                .take_while(|c| {
                    matches!(c, '>' | '-' | '*' | '+' | ' ' | '.' | ')') || c.is_ascii_digit()
                })
                .count()
        })
        .max()
        .unwrap_or(0);
    let indent = text
        .lines()
        .map(|l| l.len() - l.trim_start().len())
        .max()
        .unwrap_or(0);
    if markers + indent < 2 * MAX_NESTING {
        return 0;
    }
    let (mut depth, mut deepest) = (0usize, 0usize);
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            Event::End(pulldown_cmark::TagEnd::BlockQuote(_) | pulldown_cmark::TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    deepest
}

/// Phrases that show a prompt is about code the candidate should see.
const CODE_PHRASES: [&str; 16] = [
    "snippet",
    "this code",
    "the code below",
    "following code",
    "this function",
    "the function below",
    "this program",
    "the program below",
    "this class",
    "this script",
    "this test",
    "this query",
    "this listing",
    "shown below",
    "version below",
    "review this",
];

/// The phrase by which `prompt` refers to code, if it does.
pub fn refers_to_code(prompt: &str) -> Option<&'static str> {
    let lower = prompt.to_lowercase();
    CODE_PHRASES.into_iter().find(|p| lower.contains(p))
}

/// True for a pip requirement: a distribution name, optional extras in
/// brackets, and an optional version specifier.
pub fn is_requirement(text: &str) -> bool {
    let text = text.trim();
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
        .unwrap_or(text.len());
    let (name, rest) = text.split_at(name_end);
    let rest = match rest.strip_prefix('[') {
        Some(extras) => match extras.split_once(']') {
            Some((list, after)) if list.split(',').all(|e| !e.trim().is_empty()) => after,
            _ => return false,
        },
        None => rest,
    };
    let rest = rest.trim();
    name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && (rest.is_empty()
            || (rest.starts_with(['=', '<', '>', '!', '~'])
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "=<>!~.,* ".contains(c))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found() {
        assert_eq!(control_character("plain\ttext\nnext"), None);
        assert!(control_character("bell \u{7}").unwrap().contains("U+0007"));
        assert!(
            control_character("esc \u{1b}[31m")
                .unwrap()
                .contains("U+001B")
        );
        assert!(control_character("c1 \u{9b}").unwrap().contains("U+009B"));
        assert!(control_character("a\r\nb").is_some());
    }

    #[test]
    fn nesting_is_measured() {
        assert_eq!(nesting_depth("- a\n  - b\n"), 0);
        assert!(nesting_depth(&">".repeat(12_000)) > MAX_NESTING);
        let lists: String = (0..30)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        assert!(nesting_depth(&lists) > MAX_NESTING);
        assert!(nesting_depth(&"1. ".repeat(12_000)) > MAX_NESTING);
    }

    #[test]
    fn requirements() {
        for (text, ok) in [
            ("pandas", true),
            ("pandas==2.3.3", true),
            ("psycopg[binary]>=3.2,<4", true),
            ("scikit-learn~=1.5", true),
            ("", false),
            ("-e git+https://x", false),
            ("pandas; rm -rf", false),
        ] {
            assert_eq!(is_requirement(text), ok, "{text}");
        }
    }

    #[test]
    fn code_references() {
        assert_eq!(
            refers_to_code("What does this snippet print?"),
            Some("snippet")
        );
        assert_eq!(refers_to_code("Explain the GIL."), None);
    }
}
