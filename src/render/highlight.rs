//! A small Python highlighter for code in PDFs and Anki cards: keywords, strings, comments,
//! numbers, decorators and builtins, line by line. It only colours; it never
//! changes the text.

/// What a piece of code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// Plain code.
    Plain,
    /// `def`, `class`, `if` ...
    Keyword,
    /// String literals.
    String,
    /// `# ...`
    Comment,
    /// Numeric literals.
    Number,
    /// `@decorator`.
    Decorator,
    /// `print`, `len`, `self` ...
    Builtin,
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return",
    "try", "type", "while", "with", "yield",
];

const BUILTINS: &[&str] = &[
    "print",
    "len",
    "range",
    "list",
    "dict",
    "set",
    "tuple",
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "object",
    "super",
    "self",
    "cls",
    "isinstance",
    "enumerate",
    "zip",
    "map",
    "filter",
    "sorted",
    "sum",
    "min",
    "max",
    "any",
    "all",
    "open",
    "repr",
    "iter",
    "next",
    "Exception",
    "ValueError",
    "TypeError",
    "KeyError",
];

/// Split `code` into lines of (token, text) pieces. Linear in the length of
/// the code: it works on byte offsets, and every token boundary is ASCII.
pub fn python(code: &str) -> Vec<Vec<(Token, String)>> {
    let mut lines = Vec::new();
    // An open triple-quoted string carried across lines.
    let mut open: Option<&'static str> = None;
    for line in code.split('\n') {
        let mut pieces: Vec<(Token, String)> = Vec::new();
        let push = |pieces: &mut Vec<(Token, String)>, t: Token, s: &str| {
            if s.is_empty() {
                return;
            }
            match pieces.last_mut() {
                Some((last, text)) if *last == t => text.push_str(s),
                _ => pieces.push((t, s.to_string())),
            }
        };
        let bytes = line.as_bytes();
        let mut i = 0;
        if let Some(quote) = open {
            match line.find(quote) {
                Some(end) => {
                    i = end + quote.len();
                    push(&mut pieces, Token::String, &line[..i]);
                    open = None;
                }
                None => {
                    push(&mut pieces, Token::String, line);
                    lines.push(pieces);
                    continue;
                }
            }
        }
        let line_start = line.len() - line.trim_start().len();
        while i < bytes.len() {
            let c = bytes[i];
            if c == b'#' {
                push(&mut pieces, Token::Comment, &line[i..]);
                break;
            }
            if c == b'"' || c == b'\'' {
                let quote: &'static str = if c == b'"' { "\"\"\"" } else { "\'\'\'" };
                if line[i..].starts_with(quote) {
                    match line[i + 3..].find(quote) {
                        Some(end) => {
                            let stop = i + 3 + end + 3;
                            push(&mut pieces, Token::String, &line[i..stop]);
                            i = stop;
                        }
                        None => {
                            push(&mut pieces, Token::String, &line[i..]);
                            open = Some(quote);
                            i = bytes.len();
                        }
                    }
                    continue;
                }
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != c {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let stop = (j + 1).min(bytes.len());
                push(&mut pieces, Token::String, &line[i..stop]);
                i = stop;
                continue;
            }
            if c == b'@' && i == line_start {
                let stop = line[i..]
                    .find(|ch: char| ch.is_whitespace() || ch == '(')
                    .map_or(bytes.len(), |p| i + p);
                push(&mut pieces, Token::Decorator, &line[i..stop]);
                i = stop;
                continue;
            }
            let ch = line[i..].chars().next().expect("inside the line");
            if ch.is_alphabetic() || ch == '_' {
                let stop = line[i..]
                    .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                    .map_or(bytes.len(), |p| i + p);
                let word = &line[i..stop];
                // A string prefix such as f"..." or b'...'.
                let prefix = stop < bytes.len()
                    && (bytes[stop] == b'"' || bytes[stop] == b'\'')
                    && word.len() <= 2
                    && word.chars().all(|c| "rbfuRBFU".contains(c));
                let token = if prefix {
                    Token::String
                } else if KEYWORDS.contains(&word) {
                    Token::Keyword
                } else if BUILTINS.contains(&word) {
                    Token::Builtin
                } else {
                    Token::Plain
                };
                push(&mut pieces, token, word);
                i = stop;
                continue;
            }
            if c.is_ascii_digit() {
                let stop = line[i..]
                    .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                    .map_or(bytes.len(), |p| i + p);
                push(&mut pieces, Token::Number, &line[i..stop]);
                i = stop;
                continue;
            }
            let stop = i + ch.len_utf8();
            push(&mut pieces, Token::Plain, &line[i..stop]);
            i = stop;
        }
        lines.push(pieces);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(code: &str) -> String {
        python(code)
            .iter()
            .map(|l| l.iter().map(|(_, s)| s.as_str()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn never_changes_the_text() {
        for code in [
            "def f(x):\n    return x  # done\n",
            "s = f\"{x!r}\" + 'a\\'b'\n@dataclass\nclass A: pass",
            "doc = \"\"\"one\ntwo\"\"\"\nprint(1_000, 0x1F, 3.14)",
            "x = 'unterminated",
        ] {
            assert_eq!(joined(code), code);
        }
    }

    #[test]
    fn colours_the_obvious() {
        let line = &python("def f(): return 'x'  # c")[0];
        assert_eq!(line[0], (Token::Keyword, "def".into()));
        assert!(line.contains(&(Token::String, "'x'".into())));
        assert_eq!(line.last().unwrap(), &(Token::Comment, "# c".into()));
        let doc = python("x = \"\"\"a\nb\"\"\" + 1");
        assert_eq!(doc[1][0], (Token::String, "b\"\"\"".into()));
    }
}
