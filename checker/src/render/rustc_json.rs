//! `--format rustc-json` (`--message-format=json`): one rustc diagnostic per line, the form
//! rust-analyzer's `check.overrideCommand` reads. The code is `sharelock::SL00x`, which
//! rust-analyzer shows as source `sharelock`, code `SL00x`; secondary spans carry labels,
//! which it shows as related information. File names are absolute when the root is known,
//! because rust-analyzer drops names relative to anything but the cargo workspace root.

use super::{Extent, Settings};
use crate::codes;
use crate::diagnostic::{Error, Location, Report, Violation};
use crate::load::source::normalize;
use serde::Serialize;

#[derive(Serialize)]
struct Diagnostic {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: String,
    code: Option<DiagnosticCode>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Diagnostic>,
    rendered: Option<String>,
}

#[derive(Serialize)]
struct DiagnosticCode {
    code: String,
    explanation: Option<&'static str>,
}

#[derive(Serialize)]
struct Span {
    file_name: String,
    byte_start: u32,
    byte_end: u32,
    line_start: u32,
    line_end: u32,
    column_start: u32,
    column_end: u32,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<String>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: u32,
    highlight_end: u32,
}

/// The width of the `rendered` text, which editors show in a hover or panel.
const RENDERED_WIDTH: usize = 100;

pub fn render(report: &Report, settings: &Settings) -> String {
    let diagnostics = super::failing(report)
        .map(|violation| violation_diagnostic(report, violation, settings))
        .chain(
            report
                .errors
                .iter()
                .map(|error| error_diagnostic(report, error, settings)),
        );
    diagnostics
        .map(|diagnostic| {
            let mut line = serde_json::to_string(&diagnostic).expect("plain data serializes");
            line.push('\n');
            line
        })
        .collect()
}

fn violation_diagnostic(report: &Report, violation: &Violation, settings: &Settings) -> Diagnostic {
    let mut spans = vec![span(
        report,
        &violation.source,
        super::source_note(violation),
        false,
        settings,
    )];
    spans.extend(violation.path.iter().enumerate().map(|(index, step)| {
        span(
            report,
            &step.location,
            format!("{}. {}", index + 1, step.note),
            false,
            settings,
        )
    }));
    match &violation.sink {
        Some(sink) => spans.push(span(
            report,
            &sink.location,
            super::sink_note(violation),
            true,
            settings,
        )),
        None => spans[0].is_primary = true,
    }
    Diagnostic {
        message_type: "diagnostic",
        message: violation.message.clone(),
        code: Some(DiagnosticCode {
            code: format!("sharelock::{}", violation.code.as_str()),
            explanation: Some(codes::documentation(violation.code)),
        }),
        level: "error",
        spans,
        children: vec![child("help", super::fix(violation))],
        rendered: Some(super::human::render_violation(
            report,
            violation,
            RENDERED_WIDTH,
        )),
    }
}

fn error_diagnostic(report: &Report, error: &Error, settings: &Settings) -> Diagnostic {
    Diagnostic {
        message_type: "diagnostic",
        message: error.message.clone(),
        code: None,
        level: "error",
        spans: error
            .location
            .iter()
            .map(|location| span(report, location, String::new(), true, settings))
            .collect(),
        children: error
            .help
            .iter()
            .map(|help| child("help", help.clone()))
            .collect(),
        rendered: Some(format!("error: {}\n", error.message)),
    }
}

fn child(level: &'static str, message: String) -> Diagnostic {
    Diagnostic {
        message_type: "diagnostic",
        message,
        code: None,
        level,
        spans: Vec::new(),
        children: Vec::new(),
        rendered: None,
    }
}

fn span(
    report: &Report,
    location: &Location,
    label: String,
    is_primary: bool,
    settings: &Settings,
) -> Span {
    let extent = super::extent(report, location);
    let file_name = match &settings.root {
        Some(root) => normalize(&root.join(&*location.file)).display().to_string(),
        None => location.file.to_string(),
    };
    Span {
        file_name,
        byte_start: extent.byte_start,
        byte_end: extent.byte_end,
        line_start: extent.line_start,
        line_end: extent.line_end,
        column_start: extent.column_start,
        column_end: extent.column_end,
        is_primary,
        text: lines(report, location, &extent),
        label: (!label.is_empty()).then_some(label),
        suggested_replacement: None,
        suggestion_applicability: None,
        expansion: None,
    }
}

/// The source lines a span covers, each with the highlighted columns, as rustc gives them.
fn lines(report: &Report, location: &Location, extent: &Extent) -> Vec<SpanLine> {
    let Some(text) = report.file_text(&location.file) else {
        return Vec::new();
    };
    let first = extent.line_start as usize;
    let last = extent.line_end as usize;
    text.lines()
        .enumerate()
        .skip(first.saturating_sub(1))
        .take(last.saturating_sub(first) + 1)
        .map(|(index, line)| {
            let number = index + 1;
            let width = line.chars().count() as u32 + 1;
            SpanLine {
                text: line.to_string(),
                highlight_start: if number == first {
                    extent.column_start
                } else {
                    1
                },
                highlight_end: if number == last {
                    extent.column_end
                } else {
                    width
                },
            }
        })
        .collect()
}
