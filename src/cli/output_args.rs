//! The flags that say where and how documents are written, shared by
//! `render` and `export`, and the writing itself.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output;
use crate::render::document::Document;
use crate::render::template::Templates;
use crate::render::{self, Audience, Context, Paper, Renderer};
use crate::timestamp::Timestamp;

/// Where outputs go when `-o` is not given.
pub const DEFAULT_OUT_DIR: &str = "out";

/// Output flags shared by `render` and `export`.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Write to PATH: a file for one format, a directory for several, `-` for standard
    /// output (one format) [default: out/].
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Paper size for PDFs [default: a4].
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Start each question on a new page (PDFs).
    #[arg(long)]
    pub one_per_page: bool,
    /// Who `--format csv` is for: `candidate` gives handout-csv (no answers, ids or
    /// scores) [default: interviewer].
    #[arg(long, value_enum)]
    pub audience: Option<Audience>,
    /// Start CSV files with a UTF-8 byte order mark, for Excel.
    #[arg(long)]
    pub bom: bool,
    /// Use the templates in DIR instead of the built-in ones (any missing file falls back).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// An earlier Anki deck this one replaces: its unchanged notes keep their times, so
    /// Anki updates only what changed (default: the output file, if it exists).
    #[arg(long, value_name = "DECK")]
    pub previous: Option<PathBuf>,
}

impl OutputArgs {
    /// Render `doc` in every format and write the files: every file is
    /// written, or none is replaced.
    /// Files are named `STEM-FORMAT.EXT` (`stem` or the document's own).
    pub fn write(
        &self,
        doc: &Document<'_>,
        formats: &[String],
        stem: Option<&str>,
    ) -> Result<(), Error> {
        let renderers = self.renderers(formats, &[])?;
        let to_stdout = self.output.as_deref() == Some(Path::new(STDOUT));
        if to_stdout {
            check_stdout(&renderers)?;
        }
        if let Some(p) = &self.output
            && renderers.len() > 1
            && !to_stdout
            && (p.is_file() || (!p.exists() && looks_like_a_file(p)))
        {
            return Err(Error::Usage(format!(
                "-o {} names a file, but {} formats make {} files; give a directory with -o",
                p.display(),
                renderers.len(),
                renderers.len()
            )));
        }
        let templates = self.templates()?;
        let mut ctx = self.context(&templates, doc.timestamp);
        let single = renderers.len() == 1;
        let target = |name: String| match &self.output {
            Some(p) if single && !p.is_dir() => p.clone(),
            Some(dir) => dir.join(name),
            None => Path::new(DEFAULT_OUT_DIR).join(name),
        };
        let stem = stem.map_or_else(|| doc.file_stem(), str::to_string);
        let files = self.render_all(doc, &renderers, &mut ctx, &stem, &target)?;
        if to_stdout {
            return files
                .iter()
                .try_for_each(|(_, bytes)| output::print_bytes(bytes));
        }
        commit(&files)
    }

    /// The renderers for `formats`, with the output flags checked against
    /// them; flags in `also` are used by something else being rendered (a
    /// loop overview takes `--paper`).
    pub fn renderers(
        &self,
        formats: &[String],
        also: &[&str],
    ) -> Result<Vec<Box<dyn Renderer>>, Error> {
        let mut also = also.to_vec();
        let renderers = formats
            .iter()
            .map(|f| match f.trim() {
                // `csv` alone says nothing about who it is for.
                "csv" => {
                    also.push("--audience");
                    match self.audience {
                        Some(Audience::Candidate) => render::by_name("handout-csv"),
                        Some(Audience::Interviewer) => render::by_name("interviewer-csv"),
                        None => {
                            output::note(
                                "warning: `csv` is the interviewer's CSV, with answers; \
                                 name it interviewer-csv, or handout-csv for a candidate",
                            );
                            render::by_name("interviewer-csv")
                        }
                    }
                }
                name => render::by_name(name),
            })
            .collect::<Result<Vec<_>, _>>()?;
        if renderers.is_empty() {
            return Err(Error::Usage("--format names no format".into()));
        }
        self.check_flags(&renderers, &also)?;
        Ok(renderers)
    }

    /// The templates, printing what loading them found worth a warning.
    pub fn templates(&self) -> Result<Templates, Error> {
        let templates = Templates::load(self.templates.as_deref())?;
        for warning in templates.warnings() {
            output::note(format_args!("warning: {warning}"));
        }
        Ok(templates)
    }

    /// The rendering context these flags describe.
    pub fn context<'t>(&self, templates: &'t Templates, timestamp: Timestamp) -> Context<'t> {
        let mut ctx = Context::new(templates, timestamp);
        ctx.paper = self.paper.unwrap_or(Paper::A4);
        ctx.one_per_page = self.one_per_page;
        ctx.audience = self.audience.unwrap_or(Audience::Interviewer);
        ctx.bom = self.bom;
        ctx
    }

    /// Render `doc` with every renderer; `target` turns a file name into
    /// the path it is written to.
    pub fn render_all(
        &self,
        doc: &Document<'_>,
        renderers: &[Box<dyn Renderer>],
        ctx: &mut Context<'_>,
        stem: &str,
        target: &dyn Fn(String) -> PathBuf,
    ) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
        let to_stdout = self.output.as_deref() == Some(Path::new(STDOUT));
        let mut files = Vec::new();
        for renderer in renderers {
            let path = target(renderer.file_name(stem));
            ctx.previous_deck = match (&self.previous, renderer.name()) {
                (Some(previous), _) => Some(previous.clone()),
                (None, "anki") if !to_stdout && path.is_file() => Some(path.clone()),
                _ => None,
            };
            let bytes = renderer.render(doc, ctx)?;
            files.push((path, bytes));
        }
        for warning in ctx.take_warnings() {
            output::note(format_args!("warning: {warning}"));
        }
        Ok(files)
    }

    /// Every output flag given must apply to at least one requested format
    /// (or be in `also`).
    pub fn check_flags(&self, renderers: &[Box<dyn Renderer>], also: &[&str]) -> Result<(), Error> {
        let given = [
            ("--paper", self.paper.is_some()),
            ("--one-per-page", self.one_per_page),
            ("--audience", self.audience.is_some()),
            ("--bom", self.bom),
            ("--previous", self.previous.is_some()),
        ];
        let formats: Vec<&str> = renderers.iter().map(|r| r.name()).collect();
        for (flag, _) in given.iter().filter(|(_, set)| *set) {
            if !also.contains(flag) && !renderers.iter().any(|r| r.flags().contains(flag)) {
                let mut takers: Vec<&str> = render::all()
                    .iter()
                    .filter(|r| r.flags().contains(flag))
                    .map(|r| r.name())
                    .collect();
                let hint = match *flag {
                    "--audience" => {
                        takers.push("csv");
                        "; for candidates use --format handout, handout-md or handout-csv"
                    }
                    _ => "",
                };
                return Err(Error::Usage(format!(
                    "{flag} does not apply to --format {}; it is for {}{hint}",
                    formats.join(","),
                    takers.join(", ")
                )));
            }
        }
        Ok(())
    }
}

/// True if `path` ends in the extension of a format we write.
fn looks_like_a_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["pdf", "csv", "md", "apkg", "txt"].contains(&e))
}

/// Write every file or replace none, and say what was written.
pub fn commit(files: &[(PathBuf, Vec<u8>)]) -> Result<(), Error> {
    output::write_all_atomic(files)?;
    for (path, bytes) in files {
        output::note(format_args!(
            "wrote {} ({} bytes)",
            path.display(),
            bytes.len()
        ));
    }
    Ok(())
}

/// The `-o` value that means standard output.
pub const STDOUT: &str = "-";

/// `-o -` takes one format, and a binary one only when standard output is
/// not a terminal.
fn check_stdout(renderers: &[Box<dyn Renderer>]) -> Result<(), Error> {
    use std::io::IsTerminal;
    match renderers {
        [one] if one.binary() && std::io::stdout().is_terminal() => Err(Error::Usage(format!(
            "`{}` is a binary format and standard output is a terminal; redirect it (`> FILE`) or give -o FILE",
            one.name()
        ))),
        [_] => Ok(()),
        _ => Err(Error::Usage(
            "-o - writes one format to standard output; give one --format, or a directory with -o"
                .into(),
        )),
    }
}
