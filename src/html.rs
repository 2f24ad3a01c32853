//! Markdown to HTML for Anki cards. Text always shows as written: raw HTML
//! in the bank is escaped rather than interpreted, and Python code is
//! coloured with classes the card's CSS styles, so no add-on is needed.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use crate::highlight::{self, Token};

/// Markdown to HTML, with raw HTML escaped and fenced Python highlighted.
pub fn markdown(text: &str) -> String {
    if is_plain(text) {
        // Nothing to convert and nothing to escape.
        return format!("<p>{}</p>", text.trim());
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
    let mut out = String::from("<ul>");
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
    let bytes = text.as_bytes();
    let mut line_start = true;
    for (i, &b) in bytes.iter().enumerate() {
        if SPECIAL[b as usize] {
            return false;
        }
        match b {
            // A blank line starts a second paragraph.
            b'\n' if line_start => return false,
            b'\n' => line_start = true,
            b' ' | b'\t' if line_start => {}
            // A line that starts a list, a heading underline or a numbered item.
            b'-' | b'+' | b'=' if line_start => return false,
            b'0'..=b'9' if line_start => {
                let rest = &bytes[i..];
                let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                if matches!(rest.get(digits), Some(b'.' | b')')) {
                    return false;
                }
                line_start = false;
            }
            _ => line_start = false,
        }
    }
    !bytes.is_empty()
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
