//! Markdown parsed into the blocks the layout engine knows. Two HTML comments
//! are layout instructions: `<!-- pagebreak -->` and `<!-- notes N -->` (N
//! ruled lines). Anything the engine cannot lay out (images, raw HTML) is
//! kept as text or skipped, with a warning; it never stops the document.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Emphasis of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Inline code.
    pub code: bool,
}

/// A run of text with one style. `"\n"` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: Style,
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    /// `Some(checked)` for a task-list item (`- [ ]`).
    pub task: Option<bool>,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A block the layout engine places.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `#` to `######`.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Its text.
        spans: Vec<Span>,
    },
    /// A paragraph.
    Paragraph(Vec<Span>),
    /// A bullet, numbered or task list.
    List {
        /// The first number, for numbered lists.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
    },
    /// A fenced or indented code block.
    Code {
        /// The info string's first word, e.g. `python`.
        lang: String,
        /// The code.
        text: String,
    },
    /// A table: header cells, then rows of cells.
    Table {
        /// Column alignments.
        align: Vec<Alignment>,
        /// The header row.
        head: Vec<Vec<Span>>,
        /// The body rows.
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// `---`.
    Rule,
    /// `<!-- pagebreak -->`.
    PageBreak,
    /// `<!-- notes N -->`: N ruled lines to write on.
    Notes(u32),
}

/// The plain text of spans, for bookmarks and measuring.
pub fn plain(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Parse Markdown into blocks; `warn` hears about what was dropped.
pub fn parse(markdown: &str, warn: &mut dyn FnMut(String)) -> Vec<Block> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();
    let mut builder = Builder {
        events: &events,
        pos: 0,
        warn,
    };
    builder.blocks(None)
}

struct Builder<'a, 'e> {
    events: &'a [Event<'e>],
    pos: usize,
    warn: &'a mut dyn FnMut(String),
}

impl<'e> Builder<'_, 'e> {
    fn next(&mut self) -> Option<Event<'e>> {
        let e = self.events.get(self.pos).cloned();
        self.pos += 1;
        e
    }

    /// Blocks until the end tag `end` (or the end of input).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut out = Vec::new();
        // Loose text inside list items arrives without a paragraph tag.
        let mut loose: Vec<Span> = Vec::new();
        while let Some(event) = self.next() {
            match event {
                Event::End(tag) if Some(tag) == end => break,
                Event::Start(Tag::Paragraph) => {
                    flush(&mut loose, &mut out);
                    out.push(Block::Paragraph(self.spans(TagEnd::Paragraph)));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    flush(&mut loose, &mut out);
                    let spans = self.spans(TagEnd::Heading(level));
                    out.push(Block::Heading {
                        level: heading_level(level),
                        spans,
                    });
                }
                Event::Start(Tag::List(start)) => {
                    flush(&mut loose, &mut out);
                    out.push(self.list(start));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    flush(&mut loose, &mut out);
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    let mut text = String::new();
                    while let Some(e) = self.next() {
                        match e {
                            Event::Text(t) => text.push_str(&t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                    }
                    out.push(Block::Code {
                        lang,
                        text: text.trim_end_matches('\n').to_string(),
                    });
                }
                Event::Start(Tag::Table(align)) => {
                    flush(&mut loose, &mut out);
                    out.push(self.table(align));
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    flush(&mut loose, &mut out);
                    let inner = self.blocks(Some(TagEnd::BlockQuote(None)));
                    out.push(Block::Quote(inner));
                }
                Event::Rule => {
                    flush(&mut loose, &mut out);
                    out.push(Block::Rule);
                }
                Event::Html(html) | Event::InlineHtml(html) => {
                    flush(&mut loose, &mut out);
                    if let Some(block) = self.html(&html) {
                        out.push(block);
                    }
                }
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
                Event::Text(t) => loose.push(span(&t, Style::default())),
                Event::Code(t) => loose.push(span(
                    &t,
                    Style {
                        code: true,
                        ..Style::default()
                    },
                )),
                Event::SoftBreak => loose.push(span(" ", Style::default())),
                Event::HardBreak => loose.push(span("\n", Style::default())),
                Event::Start(tag) => {
                    // Emphasis, links and images at block level (tight list items).
                    self.image_warning(&tag);
                    let mut style = Style::default();
                    apply(&tag, &mut style);
                    self.inline_until(tag.to_end(), style, &mut loose);
                }
                Event::End(_) => {}
                other => {
                    (self.warn)(format!("skipped Markdown the PDF cannot show: {other:?}"));
                }
            }
        }
        flush(&mut loose, &mut out);
        out
    }

    /// Spans until `end`.
    fn spans(&mut self, end: TagEnd) -> Vec<Span> {
        let mut spans = Vec::new();
        self.inline_until(end, Style::default(), &mut spans);
        spans
    }

    fn image_warning(&mut self, tag: &Tag<'_>) {
        if let Tag::Image { dest_url, .. } = tag {
            (self.warn)(format!(
                "images are not shown in PDFs; showing the alt text of {dest_url}"
            ));
        }
    }

    fn inline_until(&mut self, end: TagEnd, style: Style, spans: &mut Vec<Span>) {
        while let Some(event) = self.next() {
            match event {
                Event::End(tag) if tag == end => return,
                Event::Text(t) => spans.push(span(&t, style)),
                Event::Code(t) => spans.push(span(
                    &t,
                    Style {
                        code: true,
                        ..style
                    },
                )),
                Event::SoftBreak => spans.push(span(" ", style)),
                Event::HardBreak => spans.push(span("\n", style)),
                Event::TaskListMarker(_) => {}
                Event::InlineHtml(html) | Event::Html(html)
                    if !html.trim_start().starts_with("<!--") =>
                {
                    (self.warn)(format!(
                        "raw HTML is shown as text in PDFs: {}",
                        html.trim()
                    ));
                    spans.push(span(&html, style));
                }
                Event::Start(tag) => {
                    self.image_warning(&tag);
                    let mut inner = style;
                    apply(&tag, &mut inner);
                    self.inline_until(tag.to_end(), inner, spans);
                }
                Event::FootnoteReference(t) => spans.push(span(&format!("[{t}]"), style)),
                _ => {}
            }
        }
    }

    fn list(&mut self, start: Option<u64>) -> Block {
        let mut items = Vec::new();
        let end = TagEnd::List(start.is_some());
        while let Some(event) = self.next() {
            match event {
                Event::End(tag) if tag == end => break,
                Event::Start(Tag::Item) => {
                    let task = match self.events.get(self.pos) {
                        Some(Event::TaskListMarker(done)) => {
                            self.pos += 1;
                            Some(*done)
                        }
                        _ => None,
                    };
                    let blocks = self.blocks(Some(TagEnd::Item));
                    items.push(ListItem { task, blocks });
                }
                _ => {}
            }
        }
        Block::List { start, items }
    }

    fn table(&mut self, align: Vec<Alignment>) -> Block {
        let mut head = Vec::new();
        let mut rows: Vec<Vec<Vec<Span>>> = Vec::new();
        let mut in_head = false;
        while let Some(event) = self.next() {
            match event {
                Event::End(TagEnd::Table) => break,
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let cell = self.spans(TagEnd::TableCell);
                    if in_head {
                        head.push(cell);
                    } else if let Some(row) = rows.last_mut() {
                        row.push(cell);
                    }
                }
                _ => {}
            }
        }
        Block::Table { align, head, rows }
    }

    /// Layout instructions hidden in HTML comments; other HTML becomes text.
    fn html(&mut self, html: &str) -> Option<Block> {
        let trimmed = html.trim();
        if let Some(inner) = trimmed
            .strip_prefix("<!--")
            .and_then(|s| s.strip_suffix("-->"))
        {
            let mut words = inner.split_whitespace();
            return match (words.next(), words.next()) {
                (Some("pagebreak"), _) => Some(Block::PageBreak),
                (Some("notes"), n) => Some(Block::Notes(
                    n.and_then(|n| n.parse().ok()).unwrap_or(4).min(40),
                )),
                _ => None,
            };
        }
        (self.warn)(format!("raw HTML is shown as text in PDFs: {trimmed}"));
        Some(Block::Paragraph(vec![span(trimmed, Style::default())]))
    }
}

fn apply(tag: &Tag<'_>, style: &mut Style) {
    match tag {
        Tag::Strong => style.bold = true,
        Tag::Emphasis => style.italic = true,
        _ => {}
    }
}

fn span(text: &str, style: Style) -> Span {
    Span {
        text: text.to_string(),
        style,
    }
}

fn flush(loose: &mut Vec<Span>, out: &mut Vec<Block>) {
    if !loose.is_empty() {
        out.push(Block::Paragraph(std::mem::take(loose)));
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_quiet(md: &str) -> Vec<Block> {
        parse(md, &mut |_| {})
    }

    #[test]
    fn headings_paragraphs_and_emphasis() {
        let blocks = parse_quiet("# Title\n\nSome **bold** and *it* and `code`.\n");
        assert_eq!(blocks.len(), 2);
        let Block::Paragraph(spans) = &blocks[1] else {
            panic!()
        };
        assert!(spans.iter().any(|s| s.text == "bold" && s.style.bold));
        assert!(spans.iter().any(|s| s.text == "it" && s.style.italic));
        assert!(spans.iter().any(|s| s.text == "code" && s.style.code));
    }

    #[test]
    fn task_lists_tables_code_and_instructions() {
        let md = "- [ ] one\n- [x] two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n<!-- pagebreak -->\n\n<!-- notes 3 -->\n";
        let blocks = parse_quiet(md);
        let Block::List { items, .. } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(items[0].task, Some(false));
        assert_eq!(items[1].task, Some(true));
        let Block::Table { head, rows, .. } = &blocks[1] else {
            panic!()
        };
        assert_eq!((head.len(), rows.len()), (2, 1));
        assert_eq!(
            blocks[2],
            Block::Code {
                lang: "python".into(),
                text: "x = 1".into()
            }
        );
        assert_eq!(blocks[3], Block::PageBreak);
        assert_eq!(blocks[4], Block::Notes(3));
    }

    #[test]
    fn raw_html_and_images_warn_but_survive() {
        let mut warnings = Vec::new();
        let blocks = parse("<div>hi</div>\n\n![alt text](x.png)\n", &mut |w| {
            warnings.push(w)
        });
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            plain(match &blocks[1] {
                Block::Paragraph(s) => s,
                _ => panic!(),
            })
            .contains("alt text")
        );
    }
}
