//! Markdown (from the templates) to PDF bytes: parsed into blocks, laid out
//! with real font metrics, given running heads, and written with printpdf,
//! the embedded DejaVu fonts subset into each file.

use super::blocks;
use super::fonts::{Face, Fonts};
use super::layout::{Draw, Geometry, Laid, Layout};
use super::writer;

use crate::error::Error;

/// How to set one document.
#[derive(Debug, Clone)]
pub struct Options {
    /// Page size in points.
    pub page: (f32, f32),
    /// The running header's left text, e.g. "Interviewer copy — confidential".
    pub header: String,
    /// Metadata.
    pub info: writer::Info,
}

/// Typeset `markdown` into a PDF; `warn` hears about anything dropped or
/// characters the fonts cannot draw.
pub fn render(
    markdown: &str,
    options: &Options,
    warn: &mut dyn FnMut(String),
) -> Result<Vec<u8>, Error> {
    let blocks = blocks::parse(markdown, warn);
    let geo = Geometry::new(options.page.0, options.page.1);
    let mut fonts = Fonts::new();
    let mut laid = Layout::new(&mut fonts, geo).run(&blocks);
    running_heads(
        &mut laid,
        &mut fonts,
        geo,
        &options.header,
        &options.info.title,
    );
    if !fonts.missing().is_empty() {
        let chars: String = fonts.missing().iter().take(20).collect();
        warn(format!(
            "the PDF fonts cannot draw {} character(s), shown as boxes: {chars}",
            fonts.missing().len()
        ));
    }
    let mut seed = markdown.as_bytes().to_vec();
    seed.extend_from_slice(format!("{:?}{}", options.page, options.header).as_bytes());
    writer::write(&laid, geo, &options.info, &seed)
}

/// `text` in the regular face at `size`, cut with an ellipsis to fit `room`
/// points: the longest prefix that fits, found by bisection (the width of a
/// prefix grows with its length), so any length of title finishes quickly.
fn fit(fonts: &mut Fonts, size: f32, text: &str, room: f32) -> String {
    if text.is_empty() || fonts.width(Face::Regular, size, text) <= room {
        return text.to_string();
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let cut = |n: usize| format!("{}…", text[..ends[n]].trim_end());
    // The longest n with cut(n) fitting: cut(lo) fits (or lo is 0).
    let (mut lo, mut hi) = (0, ends.len());
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if fonts.width(Face::Regular, size, &cut(mid)) <= room {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    cut(lo)
}

/// The header (`left` and the title) and "Page X of Y" footer on every page.
fn running_heads(laid: &mut Laid, fonts: &mut Fonts, geo: Geometry, left: &str, title: &str) {
    let total = laid.pages.len();
    let size = 7.5;
    let muted = (0.45, 0.47, 0.50);
    let head_y = geo.margin_top - 24.0;
    let right_edge = geo.width - geo.margin_x;
    let left_width = fonts.width(Face::Bold, size, left);
    let room = right_edge - geo.margin_x - left_width - 24.0;
    let shown = fit(fonts, size, title, room);
    let title_width = fonts.width(Face::Regular, size, &shown);
    for (i, page) in laid.pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {total}", i + 1);
        let footer_width = fonts.width(Face::Regular, size, &footer);
        page.draws.extend([
            Draw::Text {
                x: geo.margin_x,
                y: head_y,
                face: Face::Bold,
                size,
                color: muted,
                text: left.to_string(),
            },
            Draw::Text {
                x: right_edge - title_width,
                y: head_y,
                face: Face::Regular,
                size,
                color: muted,
                text: shown.clone(),
            },
            Draw::Line {
                from: (geo.margin_x, head_y + 5.0),
                to: (right_edge, head_y + 5.0),
                width: 0.4,
                color: (0.80, 0.82, 0.85),
            },
            Draw::Text {
                x: (geo.width - footer_width) / 2.0,
                y: geo.height - geo.margin_bottom + 30.0,
                face: Face::Regular,
                size,
                color: muted,
                text: footer,
            },
        ]);
    }
}
