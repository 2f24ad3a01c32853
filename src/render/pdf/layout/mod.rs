//! The layout engine: blocks in, positioned text, rules and boxes out, page
//! by page. Text is measured with the fonts' real advance widths and broken at
//! Unicode line-break opportunities; a word longer than the line is broken
//! rather than allowed to overflow. Headings keep with what follows them,
//! tables repeat their header row on each page, and code blocks wrap long
//! lines with a continuation mark instead of running off the page.
//!
//! Coordinates here run top-down from the page's top-left corner; the writer
//! flips them for PDF.

mod code;
mod lines;
mod list;
mod table;

use super::blocks::{Block, Span, plain};
use super::fonts::{Face, Fonts};

/// An RGB colour, components 0–1.
pub type Rgb = (f32, f32, f32);

const TEXT: Rgb = (0.12, 0.12, 0.14);
const MUTED: Rgb = (0.42, 0.44, 0.48);
const ACCENT: Rgb = (0.10, 0.23, 0.45);
const RULE: Rgb = (0.75, 0.77, 0.80);
const NOTE_LINE: Rgb = (0.80, 0.82, 0.85);
const BAND: Rgb = (0.92, 0.94, 0.97);
const TABLE_HEAD: Rgb = (0.93, 0.94, 0.96);
const CODE_BG: Rgb = (0.960, 0.962, 0.968);
const INLINE_CODE: Rgb = (0.55, 0.15, 0.25);

/// The page and its margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width.
    pub width: f32,
    /// Page height.
    pub height: f32,
    /// Left and right margin.
    pub margin_x: f32,
    /// Top margin (the running header sits inside it).
    pub margin_top: f32,
    /// Bottom margin (the footer sits inside it).
    pub margin_bottom: f32,
}

impl Geometry {
    /// Standard margins for a page of `width` × `height`.
    pub fn new(width: f32, height: f32) -> Self {
        Geometry {
            width,
            height,
            margin_x: 54.0,
            margin_top: 62.0,
            margin_bottom: 56.0,
        }
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    fn bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// Text with its baseline at `y`.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline, from the top of the page.
        y: f32,
        /// Font face.
        face: Face,
        /// Size in points.
        size: f32,
        /// Colour.
        color: Rgb,
        /// The text.
        text: String,
    },
    /// A filled rectangle whose top-left corner is (`x`, `y`).
    Rect {
        /// Left edge.
        x: f32,
        /// Top edge.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill colour.
        color: Rgb,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Thickness.
        width: f32,
        /// Colour.
        color: Rgb,
    },
}

/// One laid-out page.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// What is drawn, in order.
    pub draws: Vec<Draw>,
}

/// A heading to bookmark.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// The heading's text.
    pub title: String,
    /// 1 for top-level bookmarks, 2 for their children.
    pub level: u8,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading, from the top of the page.
    pub y: f32,
}

/// The result of laying out a document.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    /// The pages.
    pub pages: Vec<Page>,
    /// Headings to bookmark, in document order.
    pub anchors: Vec<Anchor>,
}

/// True for a paragraph that introduces what follows ("It prints:").
fn lead_in(spans: &[Span]) -> bool {
    plain(spans).trim_end().ends_with(':')
}

/// Type sizes and spacing of one kind of text.
#[derive(Debug, Clone, Copy)]
struct Type {
    size: f32,
    leading: f32,
    color: Rgb,
    bold: bool,
}

const BODY: Type = Type {
    size: 9.5,
    leading: 13.5,
    color: TEXT,
    bold: false,
};
const TABLE: Type = Type {
    size: 8.5,
    leading: 11.5,
    color: TEXT,
    bold: false,
};
const CODE_SIZE: f32 = 8.0;
const CODE_LEADING: f32 = 10.5;
const NOTE_SPACING: f32 = 21.0;
/// Tables up to this tall are never split across pages.
const KEEP_TABLE: f32 = 260.0;

fn heading_type(level: u8) -> (Type, f32, f32) {
    // (type, space before, space after)
    match level {
        1 => (
            Type {
                size: 17.0,
                leading: 22.0,
                color: ACCENT,
                bold: true,
            },
            14.0,
            8.0,
        ),
        2 => (
            Type {
                size: 12.0,
                leading: 17.0,
                color: ACCENT,
                bold: true,
            },
            12.0,
            6.0,
        ),
        _ => (
            Type {
                size: 10.0,
                leading: 14.0,
                color: (0.22, 0.25, 0.30),
                bold: true,
            },
            8.0,
            2.0,
        ),
    }
}

/// A piece of a laid-out line.
#[derive(Debug, Clone)]
struct Run {
    x: f32,
    face: Face,
    color: Rgb,
    text: String,
}

/// A laid-out line of text: runs relative to the line's left edge.
#[derive(Debug, Clone, Default)]
struct TextLine {
    runs: Vec<Run>,
}

/// Lays out blocks onto pages.
pub struct Layout<'f> {
    fonts: &'f mut Fonts,
    geo: Geometry,
    pages: Vec<Page>,
    anchors: Vec<Anchor>,
    y: f32,
}

impl<'f> Layout<'f> {
    /// A layout on pages of `geo`.
    pub fn new(fonts: &'f mut Fonts, geo: Geometry) -> Self {
        Layout {
            fonts,
            geo,
            pages: vec![Page::default()],
            anchors: Vec::new(),
            y: geo.margin_top,
        }
    }

    /// Lay out every block.
    pub fn run(mut self, blocks: &[Block]) -> Laid {
        let x = self.geo.margin_x;
        let width = self.geo.content_width();
        for (i, block) in blocks.iter().enumerate() {
            self.block(block, &blocks[i + 1..], x, width);
        }
        Laid {
            pages: self.pages,
            anchors: self.anchors,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn at_top(&self) -> bool {
        self.y <= self.geo.margin_top + 0.5
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.margin_top;
    }

    /// Start a new page unless `h` more points fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y + h > self.geo.bottom() && !self.at_top() {
            self.new_page();
        }
    }

    /// Vertical space, dropped at the top of a page.
    fn gap(&mut self, h: f32) {
        if !self.at_top() {
            self.y += h;
        }
    }

    fn block(&mut self, block: &Block, rest: &[Block], x: f32, width: f32) {
        match block {
            Block::Heading { level, spans } => self.heading(*level, spans, rest, x, width),
            Block::Paragraph(spans) => {
                // A short lead-in ("It prints:") keeps with what it introduces.
                if lead_in(spans) && !rest.is_empty() {
                    let lines = self.lines(spans, BODY, width).len();
                    if lines <= 2 {
                        let keep = self.first_height(rest, width);
                        self.ensure(lines as f32 * BODY.leading + 5.0 + keep);
                    }
                }
                self.paragraph(spans, BODY, x, width);
                self.gap(5.0);
            }
            Block::List { start, items } => {
                self.list(*start, items, x, width);
                self.gap(4.0);
            }
            Block::Code { lang, text } => {
                self.code(lang, text, x, width);
                self.gap(7.0);
            }
            Block::Table { align, head, rows } => {
                self.table(align, head, rows, x, width);
                self.gap(8.0);
            }
            Block::Quote(inner) => {
                let top = self.y;
                let page = self.pages.len();
                for (i, b) in inner.iter().enumerate() {
                    self.block(b, &inner[i + 1..], x + 12.0, width - 12.0);
                }
                if page == self.pages.len() {
                    let bottom = self.y - 5.0;
                    self.page().draws.push(Draw::Line {
                        from: (x + 3.0, top),
                        to: (x + 3.0, bottom),
                        width: 2.0,
                        color: RULE,
                    });
                }
            }
            Block::Rule => {
                self.ensure(12.0);
                self.y += 6.0;
                let y = self.y;
                self.page().draws.push(Draw::Line {
                    from: (x, y),
                    to: (x + width, y),
                    width: 0.6,
                    color: RULE,
                });
                self.y += 6.0;
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
            Block::Notes(n) => {
                self.gap(2.0);
                for _ in 0..*n {
                    self.ensure(NOTE_SPACING);
                    self.y += NOTE_SPACING;
                    let y = self.y;
                    self.page().draws.push(Draw::Line {
                        from: (x, y),
                        to: (x + width, y),
                        width: 0.5,
                        color: NOTE_LINE,
                    });
                }
                self.gap(8.0);
            }
        }
    }

    /// How much of the blocks in `rest` must share a page with a heading
    /// (or lead-in) before them.
    fn first_height(&mut self, rest: &[Block], width: f32) -> f32 {
        match rest.first() {
            None | Some(Block::PageBreak) => 0.0,
            Some(Block::Heading { level, spans }) => {
                let (t, before, after) = heading_type(*level);
                let lines = self.lines(spans, t, width).len().max(1) as f32;
                before + lines * t.leading + after + 2.0 * BODY.leading
            }
            Some(Block::Paragraph(spans)) => {
                let lines = self.lines(spans, BODY, width).len();
                if lead_in(spans) && lines <= 2 {
                    // A lead-in takes what it introduces along.
                    lines as f32 * BODY.leading + 5.0 + self.first_height(&rest[1..], width)
                } else {
                    lines.min(4) as f32 * BODY.leading
                }
            }
            Some(Block::Table { head, rows, .. }) => self.table_keep(head, rows, width),
            Some(Block::Code { .. }) => 3.0 * CODE_LEADING + 12.0,
            Some(Block::Notes(_)) => 2.0 * NOTE_SPACING,
            Some(_) => 2.0 * BODY.leading,
        }
    }

    fn heading(&mut self, level: u8, spans: &[Span], rest: &[Block], x: f32, width: f32) {
        let (t, before, after) = heading_type(level);
        let pad = if level == 2 { 5.0 } else { 0.0 };
        let lines = self.lines(spans, t, width - 2.0 * pad);
        let height = lines.len().max(1) as f32 * t.leading + 2.0 * pad;
        let keep = self.first_height(rest, width);
        self.gap(before);
        self.ensure(height + after + keep);
        let top = self.y;
        if level <= 2 {
            let page = self.pages.len() - 1;
            self.anchors.push(Anchor {
                title: plain(spans)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                level,
                page,
                y: top,
            });
        }
        if level == 2 {
            self.page().draws.push(Draw::Rect {
                x,
                y: top,
                w: width,
                h: height,
                color: BAND,
            });
        }
        self.y += pad;
        self.place_lines(&lines, t, x + pad);
        self.y += pad;
        if level == 1 {
            let y = self.y + 2.0;
            self.page().draws.push(Draw::Line {
                from: (x, y),
                to: (x + width, y),
                width: 0.8,
                color: ACCENT,
            });
            self.y += 3.0;
        }
        self.y += after;
    }

    /// Lay out spans as wrapped lines, breaking across pages between lines.
    fn paragraph(&mut self, spans: &[Span], t: Type, x: f32, width: f32) {
        let lines = self.lines(spans, t, width);
        self.place_lines(&lines, t, x);
    }

    fn place_lines(&mut self, lines: &[TextLine], t: Type, x: f32) {
        for line in lines {
            self.ensure(t.leading);
            let baseline = self.y + t.leading * 0.5 + t.size * 0.36;
            for run in &line.runs {
                let draw = Draw::Text {
                    x: x + run.x,
                    y: baseline,
                    face: run.face,
                    size: t.size,
                    color: run.color,
                    text: run.text.clone(),
                };
                self.page().draws.push(draw);
            }
            self.y += t.leading;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::table::column_widths;
    use super::*;
    use crate::render::pdf::blocks::parse;

    fn lay(md: &str) -> Laid {
        let mut fonts = Fonts::new();
        let blocks = parse(md, &mut |_| {});
        Layout::new(&mut fonts, Geometry::new(595.0, 842.0)).run(&blocks)
    }

    fn texts(page: &Page) -> Vec<(f32, f32, String)> {
        page.draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn nothing_runs_off_the_page() {
        let long_word = "x".repeat(400);
        let long_code = format!("```python\nvalue = '{}'\n```\n", "y".repeat(300));
        let md = format!(
            "# Title\n\n{long_word} and more words\n\n{long_code}\n| a | b |\n|---|---|\n| {long_word} | z |\n"
        );
        let laid = lay(&md);
        let mut fonts = Fonts::new();
        for page in &laid.pages {
            for d in &page.draws {
                if let Draw::Text {
                    x,
                    face,
                    size,
                    text,
                    ..
                } = d
                {
                    let right = x + fonts.width(*face, *size, text);
                    assert!(
                        *x >= 53.9 && right <= 595.0 - 53.9,
                        "{text:?} spans {x}..{right}"
                    );
                }
            }
        }
    }

    #[test]
    fn paragraphs_flow_onto_new_pages() {
        let para = "word ".repeat(200);
        let md = (0..12)
            .map(|_| para.clone())
            .collect::<Vec<_>>()
            .join("\n\n");
        let laid = lay(&md);
        assert!(laid.pages.len() >= 3, "{}", laid.pages.len());
        for page in &laid.pages {
            for (_, y, _) in texts(page) {
                assert!(y <= 842.0 - 56.0 + 1.0, "text below the margin at {y}");
            }
        }
    }

    #[test]
    fn heading_is_never_last_on_a_page() {
        let filler = "word ".repeat(60);
        for n in 0..30 {
            let md = format!(
                "{}\n\n## Q1/2 · 5 min · Topic · starts 00:05\n\nThe prompt of the question goes here.\n",
                vec![filler.as_str(); n].join("\n\n")
            );
            let laid = lay(&md);
            let anchor = laid
                .anchors
                .iter()
                .find(|a| a.title.starts_with("Q1/2"))
                .unwrap();
            let page = &laid.pages[anchor.page];
            assert!(
                texts(page).iter().any(|(_, _, t)| t.contains("prompt")),
                "with {n} paragraphs the heading sits alone on page {}",
                anchor.page
            );
        }
    }

    #[test]
    fn table_header_repeats_on_each_page() {
        let rows: String = (0..120).map(|i| format!("| {i} | row {i} |\n")).collect();
        let md = format!("| Number | Text |\n|---|---|\n{rows}");
        let laid = lay(&md);
        assert!(laid.pages.len() >= 2);
        for page in &laid.pages {
            assert!(
                texts(page).iter().any(|(_, _, t)| t == "Number"),
                "header missing on a page"
            );
        }
    }

    #[test]
    fn long_code_lines_wrap_with_a_mark() {
        let md = format!("```python\nx = {}\n```\n", "1 + ".repeat(80));
        let laid = lay(&md);
        let all: Vec<String> = texts(&laid.pages[0]).into_iter().map(|t| t.2).collect();
        assert!(all.iter().any(|t| t.starts_with('↪')), "{all:?}");
    }

    #[test]
    fn columns_share_the_width() {
        let w = column_widths(&[50.0, 50.0], &[20.0, 20.0], 200.0);
        assert_eq!(w, vec![100.0, 100.0]);
        let w = column_widths(&[300.0, 100.0], &[50.0, 50.0], 200.0);
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 0.01);
        assert!(w[0] > w[1]);
    }
}
