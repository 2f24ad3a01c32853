//! Markdown output: the same documents as the PDFs, for wikis.

use crate::error::Error;
use crate::render::document::Document;
use crate::render::{Audience, Context, Renderer};

/// Renders the interviewer script, study guide or handout as Markdown.
pub struct MarkdownRenderer {
    audience: Audience,
}

impl MarkdownRenderer {
    /// A renderer for `audience`.
    pub fn new(audience: Audience) -> Self {
        MarkdownRenderer { audience }
    }
}

impl Renderer for MarkdownRenderer {
    fn name(&self) -> &'static str {
        match self.audience {
            Audience::Interviewer => "markdown",
            Audience::Candidate => "handout-md",
        }
    }

    fn extension(&self) -> &'static str {
        "md"
    }

    fn flags(&self) -> &'static [&'static str] {
        &["--one-per-page"]
    }

    fn file_name(&self, stem: &str) -> String {
        match self.audience {
            Audience::Interviewer if stem.ends_with("-study") => format!("{stem}.md"),
            Audience::Interviewer => format!("{stem}-interviewer.md"),
            Audience::Candidate => format!("{stem}-handout.md"),
        }
    }

    fn render(&self, doc: &Document<'_>, ctx: &Context<'_>) -> Result<Vec<u8>, Error> {
        let text = super::markdown(doc, self.audience, ctx)?;
        Ok(tidy(&text).into_bytes())
    }
}

/// Collapse the runs of blank lines template control blocks leave behind,
/// leaving fenced code exactly as written.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let marker: String = line
            .trim_start()
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        match &fence {
            Some(open) => {
                if marker.len() >= open.len()
                    && marker.starts_with(&open[..1])
                    && line.trim() == marker
                {
                    fence = None;
                }
                out.push_str(line);
                out.push('\n');
                continue;
            }
            None if marker.len() >= 3 => fence = Some(marker),
            None => {}
        }
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            out.push('\n');
        } else {
            blank = 0;
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.trim_start_matches('\n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_keeps_code_blank_lines() {
        let text = "\n\n# A\n\n\n\ntext\n```python\ndef f():\n    pass\n\n\ndef g():\n    pass\n```\n\n\nend\n";
        assert_eq!(
            tidy(text),
            "# A\n\ntext\n```python\ndef f():\n    pass\n\n\ndef g():\n    pass\n```\n\nend\n"
        );
    }
}
