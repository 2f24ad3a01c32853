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

/// Split `code` into lines of (token, text) pieces.
pub fn python(code: &str) -> Vec<Vec<(Token, String)>> {
    let mut lines = Vec::new();
    // An open triple-quoted string carried across lines.
    let mut open: Option<&'static str> = None;
    for line in code.split('\n') {
        let mut pieces: Vec<(Token, String)> = Vec::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let push = |pieces: &mut Vec<(Token, String)>, t: Token, s: String| {
            if s.is_empty() {
                return;
            }
            match pieces.last_mut() {
                Some((last, text)) if *last == t => text.push_str(&s),
                _ => pieces.push((t, s)),
            }
        };
        if let Some(quote) = open {
            let rest: String = chars.iter().collect();
            match rest.find(quote) {
                Some(end) => {
                    let end = end + quote.len();
                    push(&mut pieces, Token::String, rest[..end].to_string());
                    i = rest[..end].chars().count();
                    open = None;
                }
                None => {
                    push(&mut pieces, Token::String, rest);
                    lines.push(pieces);
                    continue;
                }
            }
        }
        while i < chars.len() {
            let c = chars[i];
            if c == '#' {
                push(&mut pieces, Token::Comment, chars[i..].iter().collect());
                break;
            }
            if c == '"' || c == '\'' {
                let triple = i + 2 < chars.len() && chars[i + 1] == c && chars[i + 2] == c;
                if triple {
                    let quote: &'static str = if c == '"' { "\"\"\"" } else { "'''" };
                    let rest: String = chars[i + 3..].iter().collect();
                    match rest.find(quote) {
                        Some(end) => {
                            let text: String =
                                chars[i..i + 3].iter().collect::<String>() + &rest[..end + 3];
                            i += text.chars().count();
                            push(&mut pieces, Token::String, text);
                        }
                        None => {
                            push(&mut pieces, Token::String, chars[i..].iter().collect());
                            open = Some(quote);
                            i = chars.len();
                        }
                    }
                    continue;
                }
                let mut j = i + 1;
                while j < chars.len() && chars[j] != c {
                    if chars[j] == '\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let end = (j + 1).min(chars.len());
                push(&mut pieces, Token::String, chars[i..end].iter().collect());
                i = end;
                continue;
            }
            if c == '@' && chars[..i].iter().all(|c| c.is_whitespace()) {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || *c == '(')
                    .map_or(chars.len(), |p| i + p);
                push(
                    &mut pieces,
                    Token::Decorator,
                    chars[i..end].iter().collect(),
                );
                i = end;
                continue;
            }
            if c.is_alphabetic() || c == '_' {
                let end = chars[i..]
                    .iter()
                    .position(|c| !(c.is_alphanumeric() || *c == '_'))
                    .map_or(chars.len(), |p| i + p);
                let word: String = chars[i..end].iter().collect();
                // A string prefix such as f"..." or b'...'.
                if end < chars.len()
                    && (chars[end] == '"' || chars[end] == '\'')
                    && word.len() <= 2
                    && word.chars().all(|c| "rbfuRBFU".contains(c))
                {
                    push(&mut pieces, Token::String, word);
                    i = end;
                    continue;
                }
                let token = if KEYWORDS.contains(&word.as_str()) {
                    Token::Keyword
                } else if BUILTINS.contains(&word.as_str()) {
                    Token::Builtin
                } else {
                    Token::Plain
                };
                push(&mut pieces, token, word);
                i = end;
                continue;
            }
            if c.is_ascii_digit() {
                let end = chars[i..]
                    .iter()
                    .position(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '_'))
                    .map_or(chars.len(), |p| i + p);
                push(&mut pieces, Token::Number, chars[i..end].iter().collect());
                i = end;
                continue;
            }
            push(&mut pieces, Token::Plain, c.to_string());
            i += 1;
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
