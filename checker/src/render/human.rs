//! `--format human`: each violation as a miette report. The sink call is the primary label;
//! the source and each step are secondary labels, in the sink's file or, for other files, in
//! related reports (miette draws one source per report).

use super::{Output, Settings};
use crate::diagnostic::{Error, Location, Report, Violation};
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, Severity,
    SourceCode,
};
use std::fmt;
use std::sync::Arc;

/// Violations and the summary line on stdout, errors on stderr.
pub fn render(report: &Report, settings: &Settings) -> Output {
    let mut output = Output::default();
    for violation in super::failing(report) {
        output
            .stdout
            .push_str(&draw(&violation_report(report, violation), settings));
    }
    for error in &report.errors {
        output
            .stderr
            .push_str(&draw(&error_report(report, error), settings));
    }
    output
        .stdout
        .push_str(&super::summary_line(report, settings));
    output.stdout.push('\n');
    output
}

/// One violation drawn without colour: rustc-json's `rendered` text.
pub(crate) fn render_violation(report: &Report, violation: &Violation, width: usize) -> String {
    let settings = Settings {
        width,
        ..Settings::default()
    };
    let mut text = draw(&violation_report(report, violation), &settings);
    text.pop();
    text
}

fn draw(diagnostic: &Snippet, settings: &Settings) -> String {
    let theme = if settings.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(settings.width)
        .with_links(false);
    let mut text = String::new();
    handler
        .render_report(&mut text, diagnostic)
        .expect("writing to a String cannot fail");
    text.truncate(text.trim_end().len());
    text.push_str("\n\n");
    text
}

/// A miette report built by hand: a message, labels in one file, and related reports.
#[derive(Debug)]
struct Snippet {
    message: String,
    code: Option<String>,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Snippet>,
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Snippet {}

impl Diagnostic for Snippet {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|code| Box::new(code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        (!self.labels.is_empty()).then(|| Box::new(self.labels.iter().cloned()) as Box<_>)
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        (!self.related.is_empty())
            .then(|| Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)) as Box<_>)
    }
}

/// A label to place: where, what it says, whether it is the primary one.
struct Mark<'a> {
    location: &'a Location,
    text: String,
    primary: bool,
}

fn violation_report(report: &Report, violation: &Violation) -> Snippet {
    let mut marks = vec![Mark {
        location: &violation.source,
        text: super::source_note(violation),
        primary: violation.sink.is_none(),
    }];
    marks.extend(violation.path.iter().enumerate().map(|(index, step)| Mark {
        location: &step.location,
        text: format!("{}. {}", index + 1, step.note),
        primary: false,
    }));
    if let Some(sink) = &violation.sink {
        marks.push(Mark {
            location: &sink.location,
            text: super::sink_note(violation),
            primary: true,
        });
    }
    let primary_file = super::primary(violation).file.clone();
    // The primary file's labels go on the report itself; every other file, in the order the
    // flow first enters it, gets a related report.
    let mut files: Vec<Arc<str>> = vec![primary_file];
    for mark in &marks {
        if !files.contains(&mark.location.file) {
            files.push(mark.location.file.clone());
        }
    }
    let mut snippets = files.iter().map(|file| {
        let in_file = marks.iter().filter(|mark| mark.location.file == *file);
        snippet_in(report, file, in_file)
    });
    let mut main = snippets.next().expect("the primary file is listed first");
    main.message = match main.source {
        Some(_) => violation.message.clone(),
        None => format!("{}\n{}", violation.message, main.message),
    };
    main.code = Some(violation.code.as_str().to_string());
    main.severity = Severity::Error;
    main.help = Some(super::fix(violation));
    main.related = snippets.collect();
    main
}

/// Past this column a label is listed, not drawn under its line: miette pads a label out
/// to its column and fails past 65,535 (minified or generated code), and no one reads a
/// snippet that wide.
const SNIPPET_COLUMNS: u32 = 2_000;

/// The labels of one file; where the file's text is not in the report, or a label lies too
/// far right to draw (`SNIPPET_COLUMNS`), the locations are listed in the message instead.
fn snippet_in<'a>(
    report: &Report,
    file: &Arc<str>,
    marks: impl Iterator<Item = &'a Mark<'a>>,
) -> Snippet {
    let mut snippet = Snippet {
        message: format!("in {file}"),
        code: None,
        severity: Severity::Advice,
        help: None,
        source: None,
        labels: Vec::new(),
        related: Vec::new(),
    };
    let marks: Vec<&Mark> = marks.collect();
    let drawable = marks
        .iter()
        .all(|m| m.location.pos.column <= SNIPPET_COLUMNS);
    match report.file_text(file).filter(|_| drawable) {
        Some(text) => {
            snippet.source = Some(NamedSource::new(file, text.clone()));
            snippet.labels = marks.iter().map(|mark| label(report, mark)).collect();
        }
        None => {
            let lines: Vec<String> = (marks.iter())
                .map(|mark| {
                    let pos = mark.location.pos;
                    format!("{file}:{}:{}: {}", pos.line, pos.column, mark.text)
                })
                .collect();
            snippet.message = lines.join("\n");
        }
    }
    snippet
}

fn label(report: &Report, mark: &Mark<'_>) -> LabeledSpan {
    let extent = super::extent(report, mark.location);
    let span = (
        extent.byte_start as usize,
        (extent.byte_end - extent.byte_start) as usize,
    );
    if mark.primary {
        LabeledSpan::new_primary_with_span(Some(mark.text.clone()), span)
    } else {
        LabeledSpan::new_with_span(Some(mark.text.clone()), span)
    }
}

fn error_report(report: &Report, error: &Error) -> Snippet {
    let mut snippet = match &error.location {
        Some(location) => {
            let mark = Mark {
                location,
                text: "here".into(),
                primary: true,
            };
            snippet_in(report, &location.file, std::iter::once(&mark))
        }
        None => snippet_in(report, &Arc::from(""), std::iter::empty()),
    };
    snippet.message = match (&error.location, &snippet.source) {
        (Some(location), None) => {
            let pos = location.pos;
            format!(
                "{}:{}:{}: {}",
                location.file, pos.line, pos.column, error.message
            )
        }
        _ => error.message.clone(),
    };
    snippet.severity = Severity::Error;
    snippet.help = error.help.clone();
    snippet
}
