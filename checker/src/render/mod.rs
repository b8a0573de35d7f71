//! Output formats. Each module renders the one `Report` for one audience; what they share
//! (which violations are shown, the fix a violation needs, the extent of a location in its
//! file, the summary line) lives here so that every format says the same thing.

pub mod github;
pub mod human;
pub mod json;
pub mod rustc_json;
pub mod sarif;

use crate::diagnostic::{Code, Location, Report, Violation};
use std::path::PathBuf;

/// `check --format`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, clap::ValueEnum)]
pub enum Format {
    /// Annotated source snippets, for people (miette).
    Human,
    /// One JSON document (SPEC §5).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// One rustc diagnostic per line, for rust-analyzer's `check.overrideCommand`.
    RustcJson,
}

/// What a rendering needs besides the report.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The absolute directory the report's paths are relative to. rustc-json writes absolute
    /// file names from it (rust-analyzer drops paths relative to anything but the cargo
    /// workspace root), SARIF declares it as `%SRCROOT%`. `None` keeps paths relative.
    pub root: Option<PathBuf>,
    /// ANSI colours in human output.
    pub color: bool,
    /// Line width of human output.
    pub width: usize,
    /// Violations left out because the baseline lists them (counted in the summary).
    pub baselined: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            root: None,
            color: false,
            width: 100,
            baselined: 0,
        }
    }
}

/// A rendering: what goes to standard output and what to standard error.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
}

pub fn render(report: &Report, format: Format, settings: &Settings) -> Output {
    match format {
        Format::Human => human::render(report, settings),
        Format::Json => Output {
            stdout: json::render(report, settings),
            stderr: String::new(),
        },
        Format::Sarif => Output {
            stdout: sarif::render(report, settings),
            stderr: String::new(),
        },
        Format::Github => Output {
            stdout: github::render(report, settings),
            stderr: String::new(),
        },
        Format::RustcJson => Output {
            stdout: rustc_json::render(report, settings),
            stderr: String::new(),
        },
    }
}

/// The violations that fail the check, in report order. Suppressed ones are only listed by
/// the formats that can mark them (json, sarif).
pub(crate) fn failing(report: &Report) -> impl Iterator<Item = &Violation> {
    report.violations.iter().filter(|v| v.suppressed.is_none())
}

/// Where a violation is reported: its sink call, or for `SL003`/`SL004` the annotation.
pub(crate) fn primary(violation: &Violation) -> &Location {
    violation
        .sink
        .as_ref()
        .map_or(&violation.source, |sink| &sink.location)
}

/// The change that resolves a violation, in one sentence.
pub(crate) fn fix(violation: &Violation) -> String {
    let (category, party) = names(violation);
    match violation.code {
        Code::DeniedFlow => format!(
            "remove `{category}` before the value reaches `{party}` with a sanitizer \
             (`#[sharelock::sanitizer(removes = \"{category}\")]`), or, if this flow is \
             reviewed, put `#[sharelock::allow_flow(reason = \"...\")]` on the calling function"
        ),
        Code::ConsentWithoutCheck => format!(
            "make the call only where a consent check for `{party}` succeeded (inside \
             `if check(user) {{ .. }}`, where `check` is a `#[sharelock::consent_check({party})]` \
             function), or remove `{category}` with a sanitizer"
        ),
        Code::RequiredFlowMissing => format!(
            "make `{category}` reach a sink of `{party}` (for instance include it in the \
             value passed to a `#[sharelock::sink({party})]` function)"
        ),
        Code::UnusedAllowFlow => {
            "remove the `allow_flow`: no violation has its sink call in this function".into()
        }
    }
}

/// What the label of the source says, for labels on the source location.
pub(crate) fn source_note(violation: &Violation) -> String {
    let (category, party) = names(violation);
    match violation.code {
        Code::DeniedFlow | Code::ConsentWithoutCheck => format!("`{category}` is labelled here"),
        Code::RequiredFlowMissing => format!("`{category}` must reach `{party}`"),
        Code::UnusedAllowFlow => "this `allow_flow` suppresses nothing".into(),
    }
}

/// What the sink call does, for labels on the sink location.
pub(crate) fn sink_note(violation: &Violation) -> String {
    let function = violation
        .sink
        .as_ref()
        .map_or("", |sink| sink.function.as_str());
    let (category, party) = names(violation);
    format!("`{function}` sends `{category}` to `{party}`")
}

/// The category and party a violation is about (`SL004` has neither).
fn names(violation: &Violation) -> (&str, &str) {
    (
        violation.category.as_ref().map_or("", |c| c.as_str()),
        violation.party.as_ref().map_or("", |p| p.as_str()),
    )
}

/// A location's full extent: 1-based lines, 1-based character columns (the end exclusive),
/// byte offsets. Found from the file's text; without it the extent is the start alone.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Extent {
    pub line_start: u32,
    pub column_start: u32,
    pub line_end: u32,
    pub column_end: u32,
    pub byte_start: u32,
    pub byte_end: u32,
}

pub(crate) fn extent(report: &Report, location: &Location) -> Extent {
    let pos = location.pos;
    let covered = report.file_text(&location.file).and_then(|text| {
        let range = pos.start as usize..pos.end.max(pos.start) as usize;
        text.get(range)
    });
    let (line_end, column_end, byte_end) = match covered {
        Some(covered) => match covered.rsplit_once('\n') {
            Some((before, last)) => (
                pos.line + before.matches('\n').count() as u32 + 1,
                last.chars().count() as u32 + 1,
                pos.end,
            ),
            None => (
                pos.line,
                pos.column + covered.chars().count() as u32,
                pos.end,
            ),
        },
        None => (pos.line, pos.column, pos.start),
    };
    Extent {
        line_start: pos.line,
        column_start: pos.column,
        line_end,
        column_end,
        byte_start: pos.start,
        byte_end,
    }
}

/// The closing line of human and github output: what was found, and what was checked.
pub(crate) fn summary_line(report: &Report, settings: &Settings) -> String {
    let summary = &report.summary;
    let mut found = match failing(report).count() {
        0 => "no violations".to_string(),
        n => count(n, "violation"),
    };
    let mut aside = Vec::new();
    if summary.suppressed > 0 {
        aside.push(format!("{} suppressed", summary.suppressed));
    }
    if settings.baselined > 0 {
        aside.push(format!("{} baselined", settings.baselined));
    }
    if !aside.is_empty() {
        found = format!("{found} ({})", aside.join(", "));
    }
    if !report.errors.is_empty() {
        found = format!("{found}, {}", count(report.errors.len(), "error"));
    }
    format!(
        "sharelock: {found}; checked {}, {}",
        count(summary.files, "file"),
        count(summary.functions, "function")
    )
}

fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pos;
    use std::sync::Arc;

    fn report_with(file: &str, text: &str) -> Report {
        Report {
            files: vec![(Arc::from(file), Arc::from(text))],
            ..Report::default()
        }
    }

    fn location(file: &str, line: u32, column: u32, start: u32, end: u32) -> Location {
        Location {
            file: Arc::from(file),
            pos: Pos {
                line,
                column,
                start,
                end,
            },
        }
    }

    #[test]
    fn extents_count_characters_and_cross_lines() {
        let report = report_with("a.rs", "let é = f(\n    x,\n);\n");
        let call = location("a.rs", 1, 9, 9, 20);
        let call = extent(&report, &call);
        assert_eq!((call.line_start, call.column_start), (1, 9));
        assert_eq!((call.line_end, call.column_end), (3, 2));
        let name = location("a.rs", 1, 5, 4, 6);
        assert_eq!(extent(&report, &name).column_end, 6);
    }

    #[test]
    fn without_the_text_an_extent_is_its_start() {
        let extent = extent(&Report::default(), &location("gone.rs", 4, 2, 30, 35));
        assert_eq!(
            (extent.line_end, extent.column_end, extent.byte_end),
            (4, 2, 30)
        );
    }
}
