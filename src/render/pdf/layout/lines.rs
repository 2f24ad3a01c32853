//! Breaking styled text into lines: Unicode line-break opportunities, real
//! glyph widths, inline code that breaks only at spaces.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::*;
use crate::render::pdf::blocks::{Span, Style};
use crate::render::pdf::fonts::{Face, Fonts};

impl Layout<'_> {
    /// Break spans into lines no wider than `width`.
    pub(super) fn lines(&mut self, spans: &[Span], t: Type, width: f32) -> Vec<TextLine> {
        // The text with each character's style.
        let mut text = String::new();
        let mut styles: Vec<(usize, Style)> = Vec::new();
        for span in spans {
            styles.push((text.len(), span.style));
            text.push_str(&span.text);
        }
        if text.trim().is_empty() {
            return Vec::new();
        }
        let style_at = |i: usize| {
            styles
                .iter()
                .rev()
                .find(|(start, _)| *start <= i)
                .map_or(Style::default(), |(_, s)| *s)
        };
        let face_of = |s: Style| Face::styled(s.bold || t.bold, s.italic, s.code);
        // Segments between break opportunities.
        let mut segments: Vec<(usize, usize, bool)> = Vec::new();
        let mut start = 0;
        for (at, kind) in linebreaks(&text) {
            // Code only breaks at spaces: `--level` or `GET /events` stay whole.
            let mandatory = kind == BreakOpportunity::Mandatory;
            let after_space = text[..at].ends_with(char::is_whitespace);
            if !mandatory && at < text.len() && style_at(at - 1).code && !after_space {
                continue;
            }
            segments.push((start, at, mandatory));
            start = at;
        }
        let mut lines: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
        let mut used = 0.0f32;
        for (from, to, mandatory) in segments {
            let piece = &text[from..to];
            let trimmed = piece.trim_end();
            let width_of = |fonts: &mut Fonts, a: usize, b: usize| -> f32 {
                text[a..b]
                    .char_indices()
                    .map(|(i, c)| fonts.advance(face_of(style_at(a + i)), c) * t.size)
                    .sum()
            };
            let full = width_of(self.fonts, from, to);
            let visible = width_of(self.fonts, from, from + trimmed.len());
            if used + visible > width && !lines.last().expect("a line").is_empty() {
                lines.push(Vec::new());
                used = 0.0;
            }
            if visible > width {
                // One word longer than the line: break it between characters.
                let mut a = from;
                let mut w = used;
                for (i, c) in piece.char_indices() {
                    let cw = self.fonts.advance(face_of(style_at(from + i)), c) * t.size;
                    if w + cw > width && from + i > a {
                        lines.last_mut().expect("a line").push((a, from + i));
                        lines.push(Vec::new());
                        a = from + i;
                        w = 0.0;
                    }
                    w += cw;
                }
                lines.last_mut().expect("a line").push((a, to));
                used = w;
            } else {
                lines.last_mut().expect("a line").push((from, to));
                used += full;
            }
            if mandatory && to < text.len() {
                lines.push(Vec::new());
                used = 0.0;
            }
        }
        lines
            .into_iter()
            .filter(|l| !l.is_empty())
            .map(|pieces| {
                let mut line = TextLine::default();
                let mut x = 0.0;
                let end = pieces.last().map_or(0, |p| p.1);
                let line_text_end = text[..end].trim_end().len();
                for (a, b) in pieces {
                    let b = b.min(line_text_end);
                    for (i, c) in text[a..b.max(a)].char_indices() {
                        if c == '\n' {
                            continue;
                        }
                        let style = style_at(a + i);
                        let face = face_of(style);
                        let color = if style.code && !t.bold {
                            INLINE_CODE
                        } else {
                            t.color
                        };
                        let advance = self.fonts.advance(face, c) * t.size;
                        match line.runs.last_mut() {
                            Some(run) if run.face == face && run.color == color => run.text.push(c),
                            _ => line.runs.push(Run {
                                x,
                                face,
                                color,
                                text: c.to_string(),
                            }),
                        }
                        x += advance;
                    }
                }
                line
            })
            .collect()
    }
}
