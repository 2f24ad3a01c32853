//! Markdown to HTML for Anki cards, by pulldown-cmark's HTML writer. Text
//! always shows as written and a card can do no harm: raw HTML in the bank
//! is escaped rather than interpreted, links go only to `http(s)` and
//! `mailto` addresses, images become links (a card never fetches anything
//! when shown), and Python code is coloured with classes the card's CSS
//! styles, so no add-on is needed.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::render::highlight::{self, Token};

/// Markdown to HTML, made safe for a card.
pub fn markdown(text: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    // Whether each open link was kept, so its end matches.
    let mut links: Vec<bool> = Vec::new();
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
                    text_block(buffer)
                } else {
                    code_block(buffer)
                };
                events.push(Event::Html(block.into()));
                code = None;
            }
            (Event::Html(raw) | Event::InlineHtml(raw), _) => events.push(Event::Text(raw)),
            (
                Event::Start(Tag::Link {
                    dest_url,
                    title,
                    id,
                    link_type,
                }),
                _,
            ) => {
                let keep = safe_url(&dest_url);
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        dest_url,
                        title,
                        id,
                        link_type,
                    }));
                }
            }
            (Event::End(TagEnd::Link), _) => {
                if links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            (
                Event::Start(Tag::Image {
                    dest_url,
                    title,
                    id,
                    link_type,
                }),
                _,
            ) => {
                let keep = safe_url(&dest_url) && !dest_url.starts_with("mailto:");
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        dest_url,
                        title,
                        id,
                        link_type,
                    }));
                }
            }
            (Event::End(TagEnd::Image), _) => {
                if links.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            (other, _) => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out.trim_end().to_string()
}

/// True for the addresses a card may link to.
fn safe_url(url: &CowStr<'_>) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
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

/// Preformatted text (program output, a data sample) as HTML.
pub fn text_block(text: &str) -> String {
    format!(
        "<pre class=\"code\"><code>{}</code></pre>",
        escape(text.trim_end())
    )
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
            .filter(|s| !s.contains("<p>"))
            .unwrap_or(&inner);
        out.push_str("<li>");
        out.push_str(inner);
        out.push_str("</li>");
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
    fn hard_breaks_and_continuation_lines_follow_commonmark() {
        assert_eq!(markdown("one  \ntwo"), "<p>one<br />\ntwo</p>");
        assert_eq!(markdown("one\n   two"), "<p>one\ntwo</p>");
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        let html = markdown(
            "[a](javascript:alert(1)) [b](data:text/html,x) [c](https://x.org) [d](mailto:a@b.c)",
        );
        assert!(
            !html.contains("javascript:") && !html.contains("data:"),
            "{html}"
        );
        assert!(html.contains("<a href=\"https://x.org\">c</a>"), "{html}");
        assert!(html.contains("<a href=\"mailto:a@b.c\">d</a>"), "{html}");
        assert!(html.contains(">a") || html.contains(" a "), "{html}");
    }

    #[test]
    fn images_never_load() {
        let html = markdown("![pixel](https://t.example/p.gif) ![x](data:image/png;base64,AAAA)");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://t.example/p.gif\">pixel</a>"),
            "{html}"
        );
        assert!(!html.contains("data:"), "{html}");
    }

    #[test]
    fn lists_are_inline_items() {
        assert_eq!(
            list(&["**a**".into(), "b".into()]),
            "<ul><li><strong>a</strong></li><li>b</li></ul>"
        );
    }
}
