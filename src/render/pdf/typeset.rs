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

/// The header (`left` and the title) and "Page X of Y" footer on every page.
fn running_heads(laid: &mut Laid, fonts: &mut Fonts, geo: Geometry, left: &str, title: &str) {
    let total = laid.pages.len();
    let size = 7.5;
    let muted = (0.45, 0.47, 0.50);
    let head_y = geo.margin_top - 24.0;
    let right_edge = geo.width - geo.margin_x;
    let left_width = fonts.width(Face::Bold, size, left);
    let room = right_edge - geo.margin_x - left_width - 24.0;
    let mut shown = title.to_string();
    while fonts.width(Face::Regular, size, &shown) > room && shown.chars().count() > 4 {
        shown.pop();
        shown = format!("{}…", shown.trim_end_matches('…').trim_end());
        shown.pop();
        shown.push('…');
    }
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
