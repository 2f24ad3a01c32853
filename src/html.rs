//! Markdown to HTML for Anki cards. Text always shows as written: raw HTML
//! in the bank is escaped rather than interpreted, and Python code is
//! coloured with classes the card's CSS styles, so no add-on is needed.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use crate::highlight::{self, Token};

/// Markdown to HTML, with raw HTML escaped and fenced Python highlighted.
pub fn markdown(text: &str) -> String {
    if is_plain(text) {
        // Nothing to convert and nothing to escape.
        return ["<p>", text.trim(), "</p>"].concat();
    }
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(text, options) {
        match (event, &mut code) {
            (Event::Start(Tag::CodeBlock(kind)), _) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Event::Text(t), Some((_, buffer))) => buffer.push_str(&t),
            (Event::End(TagEnd::CodeBlock), Some((lang, buffer))) => {
                let block = if lang == "text" {
                    format!(
                        "<pre class=\"code\"><code>{}</code></pre>",
                        escape(buffer.trim_end())
                    )
                } else {
                    code_block(buffer)
                };
                events.push(Event::Html(block.into()));
                code = None;
            }
            (Event::Html(raw) | Event::InlineHtml(raw), _) => events.push(Event::Text(raw)),
            (other, _) => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out.trim_end().to_string()
}

/// A Python listing as highlighted HTML.
pub fn code_block(source: &str) -> String {
    let mut out = String::from("<pre class=\"code\"><code>");
    for (i, line) in highlight::python(source.trim_end()).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (token, text) in line {
            match class(*token) {
                Some(c) => out.push_str(&format!("<span class=\"{c}\">{}</span>", escape(text))),
                None => out.push_str(&escape(text)),
            }
        }
    }
    out.push_str("</code></pre>");
    out
}

/// A list as an HTML list of Markdown items.
pub fn list(items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let size: usize = items.iter().map(|item| item.len() + 9).sum();
    let mut out = String::with_capacity(size + 9);
    out.push_str("<ul>");
    for item in items {
        out.push_str("<li>");
        if is_plain(item) {
            out.push_str(item.trim());
        } else {
            let inner = markdown(item);
            let inner = inner
                .strip_prefix("<p>")
                .and_then(|s| s.strip_suffix("</p>"))
                .unwrap_or(&inner);
            out.push_str(inner);
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// True for text in which Markdown would change nothing: one paragraph with
/// no character that starts emphasis, code, links, HTML, entities, escapes
/// or blocks. Such text is its own HTML.
fn is_plain(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return false;
    }
    text.split('\n').all(|line| {
        let bytes = line.as_bytes();
        let body = &bytes[bytes
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()..];
        let starts_block = match body.first() {
            // A blank line starts a second paragraph.
            None => true,
            // A list item, a heading underline or a numbered item.
            Some(b'-' | b'+' | b'=') => true,
            Some(b'0'..=b'9') => {
                let digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
                matches!(body.get(digits), Some(b'.' | b')'))
            }
            Some(_) => false,
        };
        !starts_block && !has_special(bytes)
    })
}

/// True if `bytes` holds a byte of [`SPECIAL`]; checked a block at a time
/// without branching on each byte, as this runs over every answer.
fn has_special(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|chunk| {
        chunk
            .iter()
            .fold(false, |seen, &b| seen | SPECIAL[b as usize])
    })
}

/// Bytes that can start Markdown syntax anywhere in a line.
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"`*_[]<>\\#|~!&";
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

/// `<`, `>`, `&` and quotes as entities.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn class(token: Token) -> Option<&'static str> {
    match token {
        Token::Plain => None,
        Token::Keyword => Some("kw"),
        Token::String => Some("str"),
        Token::Comment => Some("com"),
        Token::Number => Some("num"),
        Token::Decorator => Some("dec"),
        Token::Builtin => Some("bi"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn angle_brackets_and_ampersands_show_as_written() {
        let html = markdown("Use list<int> & dict[str, int] or `a < b`, never <script>x</script>.");
        assert!(html.contains("list&lt;int&gt; &amp; dict"), "{html}");
        assert!(html.contains("<code>a &lt; b</code>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn fenced_python_is_highlighted_and_escaped() {
        let html = markdown("```python\nif a < b: print('&')\n```");
        assert!(html.contains("<span class=\"kw\">if</span>"), "{html}");
        assert!(html.contains("a &lt; b"), "{html}");
        assert!(
            html.contains("<span class=\"str\">'&amp;'</span>"),
            "{html}"
        );
    }

    #[test]
    fn plain_text_takes_the_short_path_with_the_same_result() {
        for text in [
            "Just words, and numbers 1 2 3.",
            "Two\nlines of text",
            "Quotes \"here\"",
        ] {
            assert!(is_plain(text), "{text}");
            let events = Parser::new_ext(text, Options::empty());
            let mut slow = String::new();
            html::push_html(&mut slow, events);
            assert_eq!(markdown(text), slow.trim_end(), "{text}");
        }
        for text in [
            "a `b`", "1. one", "- item", "x & y", "a\n\nb", "a\n  \nb", "a\n- b", "# h",
            "a\n 2) b", "a\n=", "",
        ] {
            assert!(!is_plain(text), "{text}");
        }
    }

    #[test]
    fn lists_are_inline_items() {
        assert_eq!(
            list(&["**a**".into(), "b".into()]),
            "<ul><li><strong>a</strong></li><li>b</li></ul>"
        );
    }
}
