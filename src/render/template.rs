//! Handlebars templates that turn a document into Markdown. The defaults are
//! embedded in the binary; a file with the same name in `--templates DIR`
//! replaces one, so a team can restyle a document without touching Rust.

use std::path::{Path, PathBuf};

use handlebars::template::Template;
use handlebars::{Handlebars, handlebars_helper, no_escape};
use include_dir::{Dir, include_dir};

use super::{Audience, template_check, template_data};
use crate::error::Error;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The interviewer's script.
pub const INTERVIEWER: &str = "interviewer.md.hbs";
/// The candidate's handout: questions only.
pub const HANDOUT: &str = "handout.md.hbs";
/// The study guide of a filtered bank.
pub const STUDY: &str = "study.md.hbs";
/// The loop overview for the hiring manager.
pub const OVERVIEW: &str = "overview.md.hbs";
/// Anki card front (HTML with Anki's `{{Field}}` syntax, not Handlebars).
pub const ANKI_FRONT: &str = "anki-front.html";
/// Anki card back.
pub const ANKI_BACK: &str = "anki-back.html";
/// Anki card styling.
pub const ANKI_CSS: &str = "anki.css";

/// The largest template read from disk.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The Handlebars templates, compiled.
const HANDLEBARS: [&str; 4] = [INTERVIEWER, HANDOUT, STUDY, OVERVIEW];

handlebars_helper!(cell: |text: str| table_cell(text));
handlebars_helper!(fence: |code: str, lang: str| fenced(code, lang));

/// The compiled templates and where each came from.
pub struct Templates {
    registry: Handlebars<'static>,
    dir: Option<PathBuf>,
    warnings: Vec<String>,
}

impl Templates {
    /// The built-in templates, with any file in `dir` replacing its namesake.
    pub fn load(dir: Option<&Path>) -> Result<Self, Error> {
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(Error::Usage(format!(
                "--templates {}: not a directory; `runbook init DIR` writes the defaults to DIR/templates",
                d.display()
            )));
        }
        let mut registry = Handlebars::new();
        registry.register_escape_fn(no_escape);
        registry.register_helper("cell", Box::new(cell));
        registry.register_helper("fence", Box::new(fence));
        let mut warnings = Vec::new();
        for name in HANDLEBARS {
            let (text, shown) = templates_source(dir, name)?;
            let refuse = |(line, column): (usize, usize), what: String| {
                Error::Template(format!(
                    "{shown}:{line}:{column}: {what}\n  = help: fix the template, or delete it to use the built-in one"
                ))
            };
            if let Some(at) = template_check::too_deep(&text) {
                return Err(refuse(
                    at,
                    format!("blocks nest more than {} deep", template_check::MAX_DEPTH),
                ));
            }
            let template = Template::compile(&text)
                .map_err(|e| refuse(e.pos().unwrap_or((0, 0)), e.reason().to_string()))?;
            if let Some((at, what)) = template_check::forbidden(&template) {
                return Err(refuse(
                    at,
                    format!("{what} is not supported; templates are self-contained"),
                ));
            }
            let known = match name {
                HANDOUT => template_data::fields(Audience::Candidate),
                OVERVIEW => super::overview::FIELDS.iter().copied().collect(),
                _ => template_data::fields(Audience::Interviewer),
            };
            for ((line, column), field) in template_check::unknown_fields(&template, &known) {
                warnings.push(format!(
                    "{shown}:{line}:{column}: `{field}` is not a field of this document, so it renders empty"
                ));
            }
            registry.register_template(name, template);
        }
        Ok(Templates {
            registry,
            dir: dir.map(Path::to_path_buf),
            warnings,
        })
    }

    /// What loading found worth a warning: fields no document has.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Render template `name` with `data`, at most
    /// [`template_check::MAX_OUTPUT`] bytes of it.
    pub fn render(&self, name: &str, data: &serde_json::Value) -> Result<String, Error> {
        let mut out = template_check::Capped::default();
        self.registry
            .render_to_write(name, data, &mut out)
            .map_err(|e| {
                let shown = shown_name(self.dir.as_deref(), name);
                Error::Template(format!(
                    "{shown}:{}:{}: {}",
                    e.line_no.unwrap_or(0),
                    e.column_no.unwrap_or(0),
                    e.reason()
                ))
            })?;
        String::from_utf8(out.0).map_err(|e| Error::Render(format!("template output: {e}")))
    }

    /// The text of a plain (non-Handlebars) template file, e.g. the Anki CSS.
    pub fn text(&self, name: &str) -> Result<String, Error> {
        templates_source(self.dir.as_deref(), name).map(|(text, _)| text)
    }

    /// Every built-in template with its file name, for `init`.
    pub fn builtin_files() -> Vec<(String, &'static [u8])> {
        let mut files: Vec<(String, &'static [u8])> = BUILTIN
            .files()
            .map(|f| (f.path().to_string_lossy().into_owned(), f.contents()))
            .collect();
        files.sort();
        files
    }
}

/// The template text for `name`: from `dir` if it has it, else built in.
fn templates_source(dir: Option<&Path>, name: &str) -> Result<(String, String), Error> {
    if let Some(d) = dir {
        let path = d.join(name);
        if let Some(bytes) =
            crate::input::read_optional(&path, MAX_TEMPLATE_BYTES, "reading template")?
        {
            let text = String::from_utf8(bytes).map_err(|e| {
                Error::Template(format!(
                    "{}: the template is not UTF-8 (at byte {})",
                    path.display(),
                    e.utf8_error().valid_up_to()
                ))
            })?;
            return Ok((text, path.display().to_string()));
        }
    }
    let file = BUILTIN
        .get_file(name)
        .ok_or_else(|| Error::Render(format!("no built-in template {name}")))?;
    let text = file
        .contents_utf8()
        .ok_or_else(|| Error::Render(format!("built-in template {name} is not UTF-8")))?;
    Ok((text.to_string(), format!("templates/{name} (built in)")))
}

fn shown_name(dir: Option<&Path>, name: &str) -> String {
    match dir.map(|d| d.join(name)) {
        Some(p) if p.is_file() => p.display().to_string(),
        _ => format!("templates/{name} (built in)"),
    }
}

/// Text made safe for one Markdown table cell: one line, pipes escaped.
pub fn table_cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

/// A fenced code block whose fence is longer than any backtick run inside.
pub fn fenced(code: &str, lang: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest.max(2) + 1);
    format!("{ticks}{lang}\n{}\n{ticks}", code.trim_end_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_fences() {
        assert_eq!(table_cell("a | b\n  c"), "a \\| b c");
        assert_eq!(fenced("print(1)\n", "python"), "```python\nprint(1)\n```");
        assert_eq!(fenced("x = '```'", "python"), "````python\nx = '```'\n````");
    }

    #[test]
    fn built_in_templates_compile() {
        Templates::load(None).unwrap();
    }
}
