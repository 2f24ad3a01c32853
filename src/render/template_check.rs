//! What a template may do, checked before it runs. Handlebars has no limit of
//! its own: a partial that includes itself, or thousands of nested blocks,
//! overflow the stack, and nested loops can write without end. So a template
//! may nest blocks at most [`MAX_DEPTH`] deep, may not use partials or
//! decorators (the three documents are self-contained), and its output stops
//! at [`MAX_OUTPUT`] bytes. A field name the document's data does not have
//! renders empty; that is worth a warning, as it is usually a typo.

use std::collections::BTreeSet;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Path as HbPath, PathSeg};

/// The deepest nesting of `{{#...}}` blocks a template may have.
pub const MAX_DEPTH: usize = 32;

/// The most a template may write, in bytes.
pub const MAX_OUTPUT: usize = 128 << 20;

/// Built-in helpers and local names that are not fields.
const NOT_FIELDS: &[&str] = &[
    "this", "if", "unless", "each", "with", "lookup", "else", "eq", "ne", "gt", "gte", "lt", "lte",
    "and", "or", "not", "len", "log", "cell", "fence", "root",
];

/// Where in a template, 1-based.
pub type Position = (usize, usize);

/// The first place `source` nests blocks deeper than [`MAX_DEPTH`], found
/// by scanning the text, before the (recursive) parser sees it.
pub fn too_deep(source: &str) -> Option<Position> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 1);
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"{{") {
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j] == b'~' || bytes[j] == b'{') {
                j += 1;
            }
            match bytes.get(j) {
                Some(b'#') | Some(b'^') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some((line, column));
                    }
                }
                Some(b'/') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if bytes[i] == b'\n' {
            line += 1;
            column = 1;
        } else if bytes[i] & 0xC0 != 0x80 {
            column += 1;
        }
        i += 1;
    }
    None
}

/// The first partial or decorator in `template`, with what it is.
pub fn forbidden(template: &Template) -> Option<(Position, &'static str)> {
    for (index, element) in template.elements.iter().enumerate() {
        let at = position(template, index);
        let found = match element {
            TemplateElement::PartialExpression(_) | TemplateElement::PartialBlock(_) => {
                Some((at, "a partial (`{{> ...}}`)"))
            }
            TemplateElement::DecoratorExpression(_) | TemplateElement::DecoratorBlock(_) => {
                Some((at, "a decorator or inline partial (`{{* ...}}`)"))
            }
            TemplateElement::HelperBlock(h) => h
                .template
                .iter()
                .chain(h.inverse.iter())
                .find_map(forbidden),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Every field `template` names that is not in `known`, with where.
pub fn unknown_fields(template: &Template, known: &BTreeSet<&str>) -> Vec<(Position, String)> {
    let mut found = Vec::new();
    walk(template, known, &mut found);
    found
}

fn walk(template: &Template, known: &BTreeSet<&str>, found: &mut Vec<(Position, String)>) {
    for (index, element) in template.elements.iter().enumerate() {
        let at = position(template, index);
        if let TemplateElement::Expression(h)
        | TemplateElement::HtmlExpression(h)
        | TemplateElement::HelperBlock(h) = element
        {
            let mut names = Vec::new();
            if h.params.is_empty() && h.hash.is_empty() {
                names.extend(parameter_names(&h.name));
            }
            for p in h.params.iter().chain(h.hash.values()) {
                names.extend(parameter_names(p));
            }
            for name in names {
                if !known.contains(name.as_str()) && !NOT_FIELDS.contains(&name.as_str()) {
                    found.push((at, name));
                }
            }
            for inner in h.template.iter().chain(h.inverse.iter()) {
                walk(inner, known, found);
            }
        }
    }
}

/// The field names a parameter reads (not local `@` names).
fn parameter_names(p: &Parameter) -> Vec<String> {
    match p {
        Parameter::Name(n) => vec![n.clone()],
        Parameter::Path(HbPath::Relative((segs, _))) => segs
            .iter()
            .filter_map(|s| match s {
                PathSeg::Named(n) => Some(n.clone()),
                _ => None,
            })
            .collect(),
        Parameter::Subexpression(sub) => {
            let mut names = Vec::new();
            for p in sub.params().into_iter().flatten() {
                names.extend(parameter_names(p));
            }
            names
        }
        _ => Vec::new(),
    }
}

fn position(template: &Template, index: usize) -> Position {
    template.mapping.get(index).map_or((0, 0), |m| (m.0, m.1))
}

/// A writer that refuses to grow past [`MAX_OUTPUT`] bytes.
#[derive(Default)]
pub struct Capped(pub Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            return Err(std::io::Error::other(format!(
                "the template wrote more than the limit of {} MB",
                MAX_OUTPUT >> 20
            )));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted_from_the_text() {
        let deep = "{{#if a}}".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some((1, 1 + 9 * MAX_DEPTH)));
        let fine = "{{#if a}}{{/if}}\n".repeat(1000);
        assert_eq!(too_deep(&fine), None);
    }

    #[test]
    fn partials_and_decorators_are_found_inside_blocks() {
        let t = Template::compile("x\n{{#if a}}{{> self}}{{/if}}").unwrap();
        assert!(forbidden(&t).unwrap().1.contains("partial"));
        let t = Template::compile("{{#*inline \"p\"}}x{{/inline}}").unwrap();
        assert!(forbidden(&t).is_some());
        assert!(forbidden(&Template::compile("{{#each a}}{{b}}{{/each}}").unwrap()).is_none());
    }

    #[test]
    fn unknown_fields_are_named() {
        let known: BTreeSet<&str> = ["title", "questions", "prompt"].into();
        let t = Template::compile(
            "{{title}}\n{{#each questions}}{{promt}}{{cell titel}}{{@index}}{{/each}}",
        )
        .unwrap();
        let names: Vec<String> = unknown_fields(&t, &known)
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(names, ["promt", "titel"]);
    }
}
