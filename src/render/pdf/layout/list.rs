//! Bulleted, numbered and task lists.

use super::*;
use crate::render::pdf::blocks::ListItem;

impl Layout<'_> {
    pub(super) fn list(&mut self, start: Option<u64>, items: &[ListItem], x: f32, width: f32) {
        let indent = 16.0;
        for (n, item) in items.iter().enumerate() {
            let marker = match (item.task, start) {
                (Some(true), _) => "☑".to_string(),
                (Some(false), _) => "☐".to_string(),
                (None, Some(first)) => format!("{}.", first + n as u64),
                (None, None) => "•".to_string(),
            };
            self.ensure(BODY.leading);
            let baseline = self.y + BODY.leading * 0.5 + BODY.size * 0.36;
            let size = if item.task.is_some() {
                BODY.size + 1.5
            } else {
                BODY.size
            };
            let marker_x = x + 3.0;
            self.page().draws.push(Draw::Text {
                x: marker_x,
                y: baseline,
                face: Face::Regular,
                size,
                color: if item.task.is_some() { ACCENT } else { TEXT },
                text: marker,
            });
            for (i, block) in item.blocks.iter().enumerate() {
                match block {
                    Block::Paragraph(spans) => {
                        self.paragraph(spans, BODY, x + indent, width - indent);
                        if i + 1 < item.blocks.len() {
                            self.y += 3.0;
                        }
                    }
                    other => self.block(other, &item.blocks[i + 1..], x + indent, width - indent),
                }
            }
            self.y += 1.5;
        }
    }
}
