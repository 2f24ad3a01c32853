//! Code blocks: shaded, Python coloured, long lines wrapped with a mark.

use super::*;
use crate::render::highlight::{self, Token};
use crate::render::pdf::fonts::Face;

impl Layout<'_> {
    pub(super) fn code(&mut self, lang: &str, text: &str, x: f32, width: f32) {
        let pad = 6.0;
        let char_w = self.fonts.advance(Face::Mono, 'M') * CODE_SIZE;
        let max_chars = (((width - 2.0 * pad) / char_w).floor() as usize).max(8);
        let colored: Vec<Vec<(Token, String)>> =
            if lang.is_empty() || lang == "python" || lang == "py" {
                highlight::python(text)
            } else {
                text.split('\n')
                    .map(|l| vec![(Token::Plain, l.to_string())])
                    .collect()
            };
        let highlight = lang != "text";
        // Wrap long lines; continuation lines start with a mark.
        let mut rows: Vec<Vec<(Rgb, String)>> = Vec::new();
        for line in colored {
            let mut row: Vec<(Rgb, String)> = Vec::new();
            let mut count = 0;
            for (token, piece) in line {
                let color = if highlight { token_color(token) } else { TEXT };
                for c in piece.chars() {
                    let c = if c == '\t' { ' ' } else { c };
                    if count == max_chars {
                        rows.push(std::mem::take(&mut row));
                        row.push((MUTED, "↪ ".to_string()));
                        count = 2;
                    }
                    match row.last_mut() {
                        Some((col, s)) if *col == color => s.push(c),
                        _ => row.push((color, c.to_string())),
                    }
                    count += 1;
                }
            }
            rows.push(row);
        }
        let mut i = 0;
        while i < rows.len() {
            // As many rows as fit on this page (at least two, or the rest).
            self.ensure(CODE_LEADING * 2.0_f32.min(rows.len() as f32 - i as f32) + 2.0 * pad);
            let room = ((self.geo.bottom() - self.y - 2.0 * pad) / CODE_LEADING).floor() as usize;
            let take = room.max(1).min(rows.len() - i);
            let top = self.y;
            let height = take as f32 * CODE_LEADING + 2.0 * pad;
            self.page().draws.push(Draw::Rect {
                x,
                y: top,
                w: width,
                h: height,
                color: CODE_BG,
            });
            let mut y = top + pad;
            for row in &rows[i..i + take] {
                let baseline = y + CODE_LEADING * 0.5 + CODE_SIZE * 0.36;
                let mut cx = x + pad;
                for (color, piece) in row {
                    let w = self.fonts.width(Face::Mono, CODE_SIZE, piece);
                    if !piece.trim().is_empty() {
                        self.page().draws.push(Draw::Text {
                            x: cx,
                            y: baseline,
                            face: Face::Mono,
                            size: CODE_SIZE,
                            color: *color,
                            text: piece.clone(),
                        });
                    }
                    cx += w;
                }
                y += CODE_LEADING;
            }
            self.y = top + height;
            i += take;
            if i < rows.len() {
                self.new_page();
            }
        }
    }
}

fn token_color(token: Token) -> Rgb {
    match token {
        Token::Plain => TEXT,
        Token::Keyword => (0.00, 0.30, 0.60),
        Token::String => (0.10, 0.45, 0.15),
        Token::Comment => (0.45, 0.47, 0.50),
        Token::Number => (0.70, 0.35, 0.00),
        Token::Decorator => (0.55, 0.25, 0.60),
        Token::Builtin => (0.45, 0.20, 0.55),
    }
}
