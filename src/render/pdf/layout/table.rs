//! Tables: columns shared by natural width, header rows repeated on every
//! page a table spans, short tables kept whole.

use pulldown_cmark::Alignment;
use unicode_linebreak::linebreaks;

use super::*;
use crate::render::pdf::blocks::Span;

/// The header row's type.
const HEADER: Type = Type {
    bold: true,
    ..TABLE
};

/// A table laid out: column widths, the header row and the body rows, each
/// row its cells' lines and its height.
struct TablePlan {
    widths: Vec<f32>,
    head: (Vec<Vec<TextLine>>, f32),
    body: Vec<(Vec<Vec<TextLine>>, f32)>,
}

impl TablePlan {
    fn keep(&self) -> f32 {
        let whole = self.head.1 + self.body.iter().map(|r| r.1).sum::<f32>();
        if whole <= KEEP_TABLE {
            whole
        } else {
            self.head.1 + self.body.first().map_or(0.0, |r| r.1)
        }
    }
}

impl Layout<'_> {
    /// The columns and rows of a table, laid out for `width`.
    fn table_plan(
        &mut self,
        head: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        width: f32,
    ) -> Option<TablePlan> {
        let columns = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return None;
        }
        let pad = 4.0;
        // Natural (one-line) and minimum (longest word) width of each column.
        let mut natural = vec![0.0f32; columns];
        let mut minimum = vec![0.0f32; columns];
        for (r, row) in std::iter::once(head)
            .chain(rows.iter().map(Vec::as_slice))
            .enumerate()
        {
            let t = if r == 0 { HEADER } else { TABLE };
            for (c, cell) in row.iter().enumerate() {
                let text = plain(cell);
                let face = Face::styled(t.bold, false, false);
                let w = self.fonts.width(face, t.size, &text) + 2.0 * pad;
                natural[c] = natural[c].max(w);
                let mut start = 0;
                let mut longest = 0.0f32;
                for (at, _) in linebreaks(&text) {
                    let piece = text[start..at].trim_end();
                    longest = longest.max(self.fonts.width(face, t.size, piece));
                    start = at;
                }
                minimum[c] = minimum[c].max((longest + 2.0 * pad).min(width / 3.0));
            }
        }
        let widths = column_widths(&natural, &minimum, width);
        let layout_row =
            |this: &mut Self, row: &[Vec<Span>], t: Type| -> (Vec<Vec<TextLine>>, f32) {
                let cells: Vec<Vec<TextLine>> = (0..columns)
                    .map(|c| {
                        row.get(c)
                            .map(|cell| this.lines(cell, t, widths[c] - 2.0 * pad))
                            .unwrap_or_default()
                    })
                    .collect();
                let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
                (cells, lines as f32 * t.leading + 2.0 * pad)
            };
        let head = layout_row(self, head, HEADER);
        let body = rows.iter().map(|r| layout_row(self, r, TABLE)).collect();
        Some(TablePlan { widths, head, body })
    }

    /// The height a table needs on the page it starts: all of it if it is
    /// short, else its header and first row. A heading before it keeps this
    /// much with it.
    pub(super) fn table_keep(
        &mut self,
        head: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        width: f32,
    ) -> f32 {
        self.table_plan(head, rows, width).map_or(0.0, |p| p.keep())
    }

    pub(super) fn table(
        &mut self,
        align: &[Alignment],
        head: &[Vec<Span>],
        rows: &[Vec<Vec<Span>>],
        x: f32,
        width: f32,
    ) {
        let Some(plan) = self.table_plan(head, rows, width) else {
            return;
        };
        self.ensure(plan.keep());
        let TablePlan {
            widths,
            head: (head_cells, head_height),
            body,
        } = plan;
        let header_type = HEADER;
        let header = |this: &mut Self| {
            if !head.is_empty() {
                let fill = Some(TABLE_HEAD);
                this.table_row(
                    &head_cells,
                    head_height,
                    &widths,
                    align,
                    x,
                    header_type,
                    fill,
                );
            }
        };
        if body.is_empty() {
            header(self);
        }
        let mut draw_head = true;
        for (cells, height) in &body {
            if self.y + height > self.geo.bottom() && !self.at_top() {
                self.new_page();
                draw_head = true;
            }
            if draw_head {
                header(self);
                draw_head = false;
            }
            self.table_row(cells, *height, &widths, align, x, TABLE, None);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn table_row(
        &mut self,
        cells: &[Vec<TextLine>],
        height: f32,
        widths: &[f32],
        align: &[Alignment],
        x: f32,
        t: Type,
        fill: Option<Rgb>,
    ) {
        let pad = 4.0;
        let top = self.y;
        let total: f32 = widths.iter().sum();
        if let Some(color) = fill {
            self.page().draws.push(Draw::Rect {
                x,
                y: top,
                w: total,
                h: height,
                color,
            });
        }
        let mut cx = x;
        for (c, lines) in cells.iter().enumerate() {
            let w = widths[c];
            let mut y = top + pad;
            for line in lines {
                let line_width = line
                    .runs
                    .last()
                    .map_or(0.0, |r| r.x + self.fonts.width(r.face, t.size, &r.text));
                let offset = match align.get(c) {
                    Some(Alignment::Right) => w - 2.0 * pad - line_width,
                    Some(Alignment::Center) => (w - 2.0 * pad - line_width) / 2.0,
                    _ => 0.0,
                };
                let baseline = y + t.leading * 0.5 + t.size * 0.36;
                for run in &line.runs {
                    let draw = Draw::Text {
                        x: cx + pad + offset + run.x,
                        y: baseline,
                        face: run.face,
                        size: t.size,
                        color: run.color,
                        text: run.text.clone(),
                    };
                    self.page().draws.push(draw);
                }
                y += t.leading;
            }
            cx += w;
        }
        let bottom = top + height;
        let page = self.page();
        page.draws.push(Draw::Line {
            from: (x, bottom),
            to: (x + total, bottom),
            width: 0.5,
            color: RULE,
        });
        if fill.is_some() {
            page.draws.push(Draw::Line {
                from: (x, top),
                to: (x + total, top),
                width: 0.5,
                color: RULE,
            });
        }
        self.y = bottom;
    }
}

pub(super) fn column_widths(natural: &[f32], minimum: &[f32], width: f32) -> Vec<f32> {
    let total_natural: f32 = natural.iter().sum();
    if total_natural <= width {
        let extra = (width - total_natural) / natural.len() as f32;
        return natural.iter().map(|n| n + extra).collect();
    }
    let total_min: f32 = minimum.iter().sum();
    if total_min >= width {
        return minimum.iter().map(|m| m * width / total_min).collect();
    }
    let want: Vec<f32> = natural
        .iter()
        .zip(minimum)
        .map(|(n, m)| (n - m).max(0.0))
        .collect();
    let total_want: f32 = want.iter().sum::<f32>().max(1.0);
    let spare = width - total_min;
    minimum
        .iter()
        .zip(&want)
        .map(|(m, w)| m + spare * w / total_want)
        .collect()
}
