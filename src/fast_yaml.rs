//! A fast reader for the plain block style that bank files are written in.
//!
//! A general YAML parser reads a large bank at well under 100 MB/s; question
//! files use a small, regular part of YAML, which this reader handles at
//! several times that. It understands block mappings with simple keys, block
//! sequences, one-line plain and quoted scalars, one-line flow sequences of
//! plain words, and literal (`|`, `|-`) and folded (`>`, `>-`) block scalars.
//!
//! It answers only when it is sure: anything outside that subset (anchors,
//! tags, multi-line plain or quoted scalars, tabs in indentation, carriage
//! returns, null values, a file without a final newline, ...) and anything
//! that is not valid YAML makes it return `None`, and the caller parses the
//! file with the full parser instead, which also writes the error messages.
//! Where it does answer, the tree is the one the full parser reads; the test
//! suite compares the two on the built-in bank and on mutated copies of it.

use crate::source::Position;

/// A node of the document tree.
#[derive(Debug, PartialEq)]
pub struct Node {
    /// Where the node starts.
    pub at: Position,
    /// What it holds.
    pub value: Value,
}

/// The value of a node.
#[derive(Debug, PartialEq)]
pub enum Value {
    /// A scalar; `plain` if it was written without quotes or a block indicator,
    /// so that a schema may still read it as a number, boolean or null.
    Scalar {
        /// The scalar's text, unescaped and folded.
        text: String,
        /// Written without quotes or block indicator.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in document order; keys are plain scalars and unique.
    Map(Vec<(Node, Node)>),
}

/// Read a document whose root is a block sequence of mappings, turning each
/// mapping into a `T` as soon as it is read; `None` if the text is outside
/// the subset this reader handles or `item` declines a mapping.
pub fn read_sequence_of_maps<T>(text: &str, item: impl FnMut(Node) -> Option<T>) -> Option<Vec<T>> {
    if !text.ends_with('\n')
        || memchr::memchr(b'\r', text.as_bytes()).is_some()
        || text.starts_with('\u{feff}')
    {
        return None;
    }
    let mut reader = Reader::new(text);
    reader.skip_insignificant()?;
    if reader.rest_of_line() == "---" {
        reader.advance();
        reader.skip_insignificant()?;
    }
    let line = reader.line()?;
    if line.indent != 0 {
        return None;
    }
    let mut item = item;
    let mut items = Vec::new();
    reader.block_sequence(0, &mut |node| {
        items.push(item(node)?);
        Some(())
    })?;
    reader.skip_insignificant()?;
    reader.at_end().then_some(items)
}

/// One line of the text: where it starts and ends (before the newline) and
/// how many spaces indent it.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

#[derive(Clone)]
struct Reader<'a> {
    text: &'a str,
    /// Start of the current line.
    pos: usize,
    /// The current line, `None` at the end of the text.
    current: Option<Line>,
    /// 1-based number of the current line.
    number: u32,
    /// Byte offset within the current line where reading continues.
    column: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        let mut reader = Reader {
            text,
            pos: 0,
            current: None,
            number: 1,
            column: 0,
        };
        reader.current = reader.scan();
        reader
    }

    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    /// Find the line starting at `pos`.
    fn scan(&self) -> Option<Line> {
        if self.at_end() {
            return None;
        }
        let bytes = &self.text.as_bytes()[self.pos..];
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let end = self.pos
            + indent
            + memchr::memchr(b'\n', &bytes[indent..]).expect("the text ends with a newline");
        Some(Line {
            start: self.pos,
            end,
            indent,
        })
    }

    /// The current line, if any.
    fn line(&self) -> Option<Line> {
        self.current
    }

    /// The current line from the reading column on.
    fn rest_of_line(&self) -> &'a str {
        match self.line() {
            Some(line) => &self.text[line.start + self.column..line.end],
            None => "",
        }
    }

    /// Move to the start of the next line.
    fn advance(&mut self) {
        if let Some(line) = self.current {
            self.pos = line.end + 1;
            self.number += 1;
            self.column = 0;
            self.current = self.scan();
        }
    }

    fn position(&self, column: usize) -> Position {
        let line = &self.text[self.pos..];
        let chars = if line.as_bytes()[..column].is_ascii() {
            column
        } else {
            line[..column].chars().count()
        };
        Position::new(self.number, chars as u32 + 1)
    }

    /// Skip blank and comment lines; `None` if one holds a tab, which this
    /// reader leaves to the full parser.
    fn skip_insignificant(&mut self) -> Option<()> {
        while let Some(line) = self.line() {
            let body = &self.text[line.start + line.indent..line.end];
            if body.starts_with('\t') {
                return None;
            }
            if !(body.is_empty() || body.starts_with('#')) {
                break;
            }
            self.advance();
        }
        Some(())
    }

    /// A block sequence whose dashes are at `indent`, starting on the current
    /// line, each item handed to `item`. Items may be mappings only at the
    /// document root, where `maps` takes them.
    fn block_sequence(
        &mut self,
        indent: usize,
        maps: &mut dyn FnMut(Node) -> Option<()>,
    ) -> Option<()> {
        self.sequence(indent, Some(maps), &mut |_| None)
    }

    /// A block sequence of scalars whose dashes are at `indent`.
    fn scalar_sequence(&mut self, indent: usize) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        self.sequence(indent, None, &mut |node| {
            items.push(node);
            Some(())
        })?;
        Some(items)
    }

    fn sequence(
        &mut self,
        indent: usize,
        mut maps: Option<&mut dyn FnMut(Node) -> Option<()>>,
        scalars: &mut dyn FnMut(Node) -> Option<()>,
    ) -> Option<()> {
        loop {
            let line = self.line()?;
            if line.indent != indent {
                return None;
            }
            let body = &self.text[line.start + indent..line.end];
            if !body.starts_with("- ") {
                return None;
            }
            let spaces = body[1..].bytes().take_while(|&b| b == b' ').count();
            let column = indent + 1 + spaces;
            self.column = column;
            if let Some(maps) = maps.as_mut() {
                let at = self.position(column);
                let entries = self.block_mapping(column)?;
                maps(Node {
                    at,
                    value: Value::Map(entries),
                })?;
            } else {
                scalars(self.inline_value(indent)?)?;
            }
            self.skip_insignificant()?;
            match self.line() {
                Some(next) if next.indent == indent => {
                    if !self.text[next.start + indent..next.end].starts_with('-') {
                        // A key of the enclosing mapping (`key:\n- a\nnext:`).
                        return maps.is_none().then_some(());
                    }
                }
                Some(next) if next.indent > indent => return None,
                _ => return Some(()),
            }
        }
    }

    /// A block mapping whose keys are at `indent`; the first key is on the
    /// current line at the reading column.
    fn block_mapping(&mut self, indent: usize) -> Option<Vec<(Node, Node)>> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        loop {
            let key = self.key()?;
            if entries.iter().any(|(k, _)| k.value == key.value) {
                return None;
            }
            let value = self.mapping_value(indent)?;
            entries.push((key, value));
            self.skip_insignificant()?;
            match self.line() {
                Some(next) if next.indent == indent => self.column = indent,
                Some(next) if next.indent > indent => return None,
                _ => return Some(entries),
            }
        }
    }

    /// A simple key at the reading column, up to and past its colon.
    fn key(&mut self) -> Option<Node> {
        let rest = self.rest_of_line();
        let len = rest
            .bytes()
            .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            .count();
        if len == 0 || rest.as_bytes()[0] == b'-' {
            return None;
        }
        let after = &rest[len..];
        if !(after == ":" || after.starts_with(": ")) {
            return None;
        }
        let at = self.position(self.column);
        let key = Node {
            at,
            value: Value::Scalar {
                text: rest[..len].to_string(),
                plain: true,
            },
        };
        self.column += len + 1;
        Some(key)
    }

    /// The value of a mapping entry whose key is at `indent`, after the colon.
    fn mapping_value(&mut self, indent: usize) -> Option<Node> {
        let rest = self.rest_of_line();
        let trimmed = rest.trim_start_matches(' ');
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            self.column += rest.len() - trimmed.len();
            return self.inline_value(indent);
        }
        if trimmed.starts_with('#') && trimmed.len() == rest.len() {
            return None;
        }
        // The value is on the following lines: a sequence or a mapping.
        self.advance();
        self.skip_insignificant()?;
        let line = self.line()?;
        let body = &self.text[line.start + line.indent..line.end];
        if body.starts_with("- ") && line.indent >= indent {
            let at = self.position(line.indent);
            let items = self.scalar_sequence(line.indent)?;
            return Some(Node {
                at,
                value: Value::Seq(items),
            });
        }
        if line.indent > indent {
            self.column = line.indent;
            let at = self.position(line.indent);
            let entries = self.block_mapping(line.indent)?;
            return Some(Node {
                at,
                value: Value::Map(entries),
            });
        }
        // An empty value (null): left to the full parser.
        None
    }

    /// A value that starts on the current line at the reading column: a
    /// scalar of any style or a one-line flow sequence. `parent` is the
    /// indentation of the structure it belongs to. Leaves the reader on the
    /// line after the value.
    fn inline_value(&mut self, parent: usize) -> Option<Node> {
        let rest = self.rest_of_line();
        let at = self.position(self.column);
        let value = match rest.as_bytes().first()? {
            b'|' | b'>' => {
                let text = self.block_scalar(parent)?;
                return Some(Node {
                    at,
                    value: Value::Scalar { text, plain: false },
                });
            }
            b'[' => Value::Seq(self.flow_sequence()?),
            b'"' => {
                let (text, len) = double_quoted(rest)?;
                end_of_value(&rest[len..])?;
                Value::Scalar { text, plain: false }
            }
            b'\'' => {
                let (text, len) = single_quoted(rest)?;
                end_of_value(&rest[len..])?;
                Value::Scalar { text, plain: false }
            }
            _ => Value::Scalar {
                text: plain(rest)?.to_string(),
                plain: true,
            },
        };
        self.advance();
        // Any more-indented line after a one-line value would continue it
        // (or be an error): leave both to the full parser.
        let mut probe = self.clone();
        while let Some(line) = probe.line() {
            if line.indent == line.end - line.start {
                probe.advance();
                continue;
            }
            if line.indent > parent {
                return None;
            }
            break;
        }
        Some(Node { at, value })
    }

    /// `[a, b, c]` on one line, with plain words as items.
    fn flow_sequence(&mut self) -> Option<Vec<Node>> {
        let rest = self.rest_of_line();
        let close = rest.find(']')?;
        end_of_value(&rest[close + 1..])?;
        let inner = &rest[1..close];
        let mut items = Vec::new();
        if inner.trim_matches(' ').is_empty() {
            return Some(items);
        }
        let mut offset = self.column + 1;
        for item in inner.split(',') {
            let word = item.trim_matches(' ');
            if word.is_empty()
                || word.bytes().any(|b| {
                    matches!(
                        b,
                        b':' | b'#'
                            | b'['
                            | b'{'
                            | b'}'
                            | b'\''
                            | b'"'
                            | b'\t'
                            | b'&'
                            | b'*'
                            | b'!'
                            | b'|'
                            | b'>'
                            | b'%'
                            | b'@'
                            | b'`'
                            | b'?'
                    )
                })
                || word.starts_with('-')
            {
                return None;
            }
            let lead = item.len() - item.trim_start_matches(' ').len();
            items.push(Node {
                at: self.position(offset + lead),
                value: Value::Scalar {
                    text: word.to_string(),
                    plain: true,
                },
            });
            offset += item.len() + 1;
        }
        Some(items)
    }

    /// A literal or folded block scalar whose header is at the reading column.
    /// Leaves the reader on the first line after it.
    fn block_scalar(&mut self, parent: usize) -> Option<String> {
        let header = self.rest_of_line();
        let folded = header.starts_with('>');
        let (strip, after) = match header.as_bytes().get(1) {
            Some(b'-') => (true, &header[2..]),
            Some(b'+') => return None,
            _ => (false, &header[1..]),
        };
        let after_trimmed = after.trim_start_matches(' ');
        if !(after_trimmed.is_empty()
            || (after_trimmed.starts_with('#') && after_trimmed.len() < after.len()))
        {
            return None;
        }
        self.advance();
        let first = self.line()?;
        let width = first.end - first.start;
        if first.indent == width || first.indent <= parent {
            // Leading blank lines, or an empty scalar.
            return None;
        }
        let indent = first.indent;
        // The text is at most the lines' bytes: size it once, as answers
        // are most of a bank's bytes.
        let mut size = 1;
        let mut end = self.clone();
        while let Some(line) = end.line() {
            let width = line.end - line.start;
            if line.indent < indent && line.indent < width {
                break;
            }
            size += width.saturating_sub(indent) + 1;
            end.advance();
        }
        let mut text = String::with_capacity(size);
        let mut blank = 0usize;
        let mut lines = 0usize;
        while let Some(line) = self.line() {
            let width = line.end - line.start;
            if line.indent == width {
                if width > indent {
                    return None;
                }
                blank += 1;
                self.advance();
                continue;
            }
            if line.indent < indent {
                break;
            }
            let content = &self.text[line.start + indent..line.end];
            if folded {
                if line.indent > indent || content.starts_with('\t') {
                    return None;
                }
                if lines > 0 {
                    if blank == 0 {
                        text.push(' ');
                    } else {
                        text.extend(std::iter::repeat_n('\n', blank));
                    }
                }
            } else if lines > 0 {
                text.extend(std::iter::repeat_n('\n', blank + 1));
            }
            text.push_str(content);
            blank = 0;
            lines += 1;
            self.advance();
        }
        if !strip {
            text.push('\n');
        }
        Some(text)
    }
}

/// What may follow a one-line value: nothing, or a comment after a space.
fn end_of_value(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// A one-line plain scalar in block context, without a trailing comment.
fn plain(rest: &str) -> Option<&str> {
    let first = *rest.as_bytes().first()?;
    if matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
            | b' '
    ) {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut end = bytes.len();
    for at in memchr::memchr3_iter(b'#', b':', b'\t', bytes) {
        match bytes[at] {
            // A comment starts at ` #`; a `#` inside a word is text.
            b'#' if bytes[at - 1] == b' ' => {
                end = at;
                break;
            }
            b'#' => {}
            // `: ` or a final `:` would make this a mapping key.
            b':' if bytes.get(at + 1).is_none_or(|&b| b == b' ') => return None,
            b':' => {}
            _ => return None,
        }
    }
    let text = rest[..end].trim_end_matches(' ');
    (!text.ends_with(':')).then_some(text)
}

/// A double-quoted scalar that closes on its line: its text and the bytes it
/// took, quotes included.
fn double_quoted(rest: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let mut chars = rest.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((text, i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                let hex = |n: usize, chars: &mut dyn Iterator<Item = (usize, char)>| {
                    let digits: String = chars.take(n).map(|(_, c)| c).collect();
                    if digits.len() != n {
                        return None;
                    }
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                };
                text.push(match e {
                    '\\' => '\\',
                    '"' => '"',
                    '/' => '/',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'x' => hex(2, &mut chars)?,
                    'u' => hex(4, &mut chars)?,
                    'U' => hex(8, &mut chars)?,
                    _ => return None,
                });
            }
            c => text.push(c),
        }
    }
    None
}

/// A single-quoted scalar that closes on its line: its text and the bytes it
/// took, quotes included.
fn single_quoted(rest: &str) -> Option<(String, usize)> {
    let mut text = String::new();
    let body = &rest[1..];
    let mut from = 0;
    loop {
        let quote = from + body[from..].find('\'')?;
        text.push_str(&body[from..quote]);
        if body[quote + 1..].starts_with('\'') {
            text.push('\'');
            from = quote + 2;
        } else {
            return Some((text, quote + 2));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> &str {
        match &node.value {
            Value::Scalar { text, .. } => text,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    fn map(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn reads_block_scalars() {
        let text = "- a: |\n    one\n\n      two\n  b: >-\n    x\n    y\n\n    z\n  c: 'it''s'\n";
        let items = read_sequence_of_maps(text, Some).unwrap();
        let entries = map(&items[0]);
        assert_eq!(scalar(&entries[0].1), "one\n\n  two\n");
        assert_eq!(scalar(&entries[1].1), "x y\nz");
        assert_eq!(scalar(&entries[2].1), "it's");
        assert_eq!(entries[1].0.at, Position::new(5, 3));
    }

    #[test]
    fn gives_up_outside_the_subset() {
        for text in [
            "- a: &x 1\n",
            "- a: b\n    c\n",
            "- a: \"open\n",
            "- a:\n",
            "- a: 1\n  a: 2\n",
            "- a: 1",
            "- a: |+\n    x\n",
            "- a: [x, y\n",
            "- a: x: y\n",
            "- a:\tb\n",
        ] {
            assert!(read_sequence_of_maps(text, Some).is_none(), "{text:?}");
        }
    }
}
