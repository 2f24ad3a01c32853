//! Markdown to HTML for Anki cards. Text always shows as written: raw HTML
//! in the bank is escaped rather than interpreted, and Python code is
//! coloured with classes the card's CSS styles, so no add-on is needed.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use crate::highlight::{self, Token};

/// Markdown to HTML, with raw HTML escaped and fenced Python highlighted.
pub fn markdown(text: &str) -> String {
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
        let inner = markdown(item);
        let inner = inner
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
            .unwrap_or(&inner);
        out.push_str(&format!("<li>{inner}</li>"));
    }
    out.push_str("</ul>");
    out
}

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
    fn lists_are_inline_items() {
        assert_eq!(
            list(&["**a**".into(), "b".into()]),
            "<ul><li><strong>a</strong></li><li>b</li></ul>"
        );
    }
}
