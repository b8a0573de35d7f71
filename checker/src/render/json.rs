//! `--format json`: exactly one JSON document, the layout of SPEC §5. Field order follows
//! the specification; violations keep the report's order.

use super::Settings;
use crate::diagnostic::{Location, Report, Violation};
use serde::Serialize;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    violations: Vec<JsonViolation<'a>>,
    summary: JsonSummary,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<JsonError<'a>>,
}

#[derive(Serialize)]
struct JsonViolation<'a> {
    code: &'a str,
    message: &'a str,
    category: Option<&'a str>,
    party: Option<&'a str>,
    source: Position<'a>,
    sink: Option<JsonSink<'a>>,
    path: Vec<JsonStep<'a>>,
    suppressed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    suppression_reason: Option<&'a str>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct Position<'a> {
    file: &'a str,
    line: u32,
    column: u32,
}

impl<'a> From<&'a Location> for Position<'a> {
    fn from(location: &'a Location) -> Self {
        Position {
            file: &location.file,
            line: location.pos.line,
            column: location.pos.column,
        }
    }
}

#[derive(Serialize)]
struct JsonSink<'a> {
    #[serde(flatten)]
    position: Position<'a>,
    function: &'a str,
}

#[derive(Serialize)]
struct JsonStep<'a> {
    #[serde(flatten)]
    position: Position<'a>,
    note: &'a str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    functions: usize,
    violations: usize,
    suppressed: usize,
    /// Present only when a baseline left violations out.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
}

#[derive(Serialize)]
struct JsonError<'a> {
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
}

pub fn render(report: &Report, settings: &Settings) -> String {
    let document = Document {
        version: 1,
        violations: report.violations.iter().map(violation).collect(),
        summary: JsonSummary {
            files: report.summary.files,
            functions: report.summary.functions,
            violations: report.summary.violations,
            suppressed: report.summary.suppressed,
            baselined: (settings.baselined > 0).then_some(settings.baselined),
        },
        errors: report
            .errors
            .iter()
            .map(|error| JsonError {
                message: &error.message,
                file: error.location.as_ref().map(|l| &*l.file),
                line: error.location.as_ref().map(|l| l.pos.line),
                column: error.location.as_ref().map(|l| l.pos.column),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("plain data serializes");
    text.push('\n');
    text
}

fn violation(violation: &Violation) -> JsonViolation<'_> {
    JsonViolation {
        code: violation.code.as_str(),
        message: &violation.message,
        category: violation.category.as_ref().map(|c| c.as_str()),
        party: violation.party.as_ref().map(|p| p.as_str()),
        source: (&violation.source).into(),
        sink: violation.sink.as_ref().map(|sink| JsonSink {
            position: (&sink.location).into(),
            function: &sink.function,
        }),
        path: violation
            .path
            .iter()
            .map(|step| JsonStep {
                position: (&step.location).into(),
                note: &step.note,
            })
            .collect(),
        suppressed: violation.suppressed.is_some(),
        suppression_reason: violation.suppressed.as_ref().map(|s| s.reason.as_str()),
        fingerprint: &violation.fingerprint,
    }
}
