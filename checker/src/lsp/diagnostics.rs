//! The report as protocol diagnostics: one per unsuppressed violation, at its sink call (or
//! at its annotation for SL003/SL004), with the source and the path as related information;
//! one per located error.

use super::text::{file_uri, normalize, Ranges};
use crate::codes;
use crate::diagnostic::{Code, Error, Location, Report, Violation};
use gen_lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Uri,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const SOURCE: &str = "sharelock";

/// What one check says about one file.
#[derive(Default)]
pub struct FileDiagnostics {
    pub violations: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
}

/// The diagnostics of a report by absolute file, and the messages of errors that name no
/// file (shown to the user as messages instead).
pub fn by_file(report: &Report, root: &Path) -> (BTreeMap<PathBuf, FileDiagnostics>, Vec<String>) {
    let mut files: BTreeMap<PathBuf, FileDiagnostics> = BTreeMap::new();
    let mut general = Vec::new();
    let mut ranges = Ranges::new(report);
    for violation in report.violations.iter().filter(|v| v.suppressed.is_none()) {
        let at = violation_location(violation);
        files
            .entry(absolute(root, &at.file))
            .or_default()
            .violations
            .push(to_diagnostic(&mut ranges, root, violation));
    }
    for error in &report.errors {
        match &error.location {
            Some(location) => files
                .entry(absolute(root, &location.file))
                .or_default()
                .errors
                .push(error_diagnostic(&mut ranges, error, location)),
            None => general.push(error_text(error)),
        }
    }
    (files, general)
}

/// Where a violation is shown: its sink call, or its annotation when it has no sink.
pub fn violation_location(violation: &Violation) -> &Location {
    violation
        .sink
        .as_ref()
        .map_or(&violation.source, |sink| &sink.location)
}

pub fn to_diagnostic(ranges: &mut Ranges, root: &Path, violation: &Violation) -> Diagnostic {
    let at = violation_location(violation);
    let mut related = Vec::new();
    if let (Some(_), Some(category)) = (&violation.sink, &violation.category) {
        related.push(related_information(
            ranges,
            root,
            &violation.source,
            format!("`{category}` is labelled here ({})", violation.source_item),
        ));
    }
    for step in &violation.path {
        related.push(related_information(
            ranges,
            root,
            &step.location,
            step.note.clone(),
        ));
    }
    Diagnostic {
        range: ranges.range(at),
        severity: Some(match violation.code {
            Code::UnusedAllowFlow => DiagnosticSeverity::Warning,
            _ => DiagnosticSeverity::Error,
        }),
        code: Some(violation.code.as_str().to_string().into()),
        code_description: docs_uri(violation.code).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message: violation.message.clone().into(),
        tags: None,
        related_information: (!related.is_empty()).then_some(related),
        data: None,
    }
}

/// The page that explains a code, in the repository's docs.
fn docs_uri(code: Code) -> Option<Uri> {
    Uri::parse(&codes::url(code)).ok()
}

fn error_diagnostic(ranges: &mut Ranges, error: &Error, location: &Location) -> Diagnostic {
    Diagnostic {
        range: ranges.range(location),
        severity: Some(DiagnosticSeverity::Error),
        source: Some(SOURCE.into()),
        message: error_text(error).into(),
        ..Diagnostic::default()
    }
}

fn error_text(error: &Error) -> String {
    match &error.help {
        Some(help) => format!("{}\nhelp: {help}", error.message),
        None => error.message.clone(),
    }
}

fn related_information(
    ranges: &mut Ranges,
    root: &Path,
    location: &Location,
    message: String,
) -> DiagnosticRelatedInformation {
    let range = ranges.range(location);
    let uri = file_uri(&absolute(root, &location.file))
        .unwrap_or_else(|| Uri::parse("file:///").expect("a valid URI"));
    DiagnosticRelatedInformation {
        location: gen_lsp_types::Location { uri, range },
        message,
    }
}

/// A report path (relative to the checked root, or absolute) as an absolute path.
pub fn absolute(root: &Path, file: &str) -> PathBuf {
    normalize(&root.join(file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Summary, Suppression};
    use crate::model::{Party, Pos};

    const LIB: &str = "#[sharelock::allow_flow(reason = \"legal hold\")]\nfn export() {}\n";

    fn at(start: u32, end: u32) -> Location {
        Location {
            file: "src/lib.rs".into(),
            pos: Pos {
                line: 1,
                column: start + 1,
                start,
                end,
            },
        }
    }

    fn violation(code: Code, suppressed: bool) -> Violation {
        Violation {
            code,
            message: format!("{} here", code.as_str()),
            category: None,
            party: Some(Party::new("parent_company")),
            source: at(0, 46),
            source_item: "crate::export".into(),
            sink: None,
            path: Vec::new(),
            suppressed: suppressed.then(|| Suppression {
                reason: "legal hold".into(),
                location: at(0, 46),
            }),
            fingerprint: String::new(),
        }
    }

    #[test]
    fn severities_suppressions_and_errors_without_a_file() {
        let report = Report {
            violations: vec![
                violation(Code::UnusedAllowFlow, false),
                violation(Code::RequiredFlowMissing, false),
                violation(Code::DeniedFlow, true),
            ],
            errors: vec![Error {
                message: "cannot read the policy file".into(),
                location: None,
                help: Some("create it".into()),
            }],
            files: vec![("src/lib.rs".into(), LIB.into())],
            summary: Summary::default(),
            ..Report::default()
        };
        let (files, general) = by_file(&report, Path::new("/work"));
        assert_eq!(general, ["cannot read the policy file\nhelp: create it"]);
        let lib = &files[Path::new("/work/src/lib.rs")];
        assert!(lib.errors.is_empty());
        let shown: Vec<_> = lib
            .violations
            .iter()
            .map(|d| (d.code.clone(), d.severity, d.range))
            .collect();
        let range = gen_lsp_types::Range {
            start: gen_lsp_types::Position {
                line: 0,
                character: 0,
            },
            end: gen_lsp_types::Position {
                line: 0,
                character: 46,
            },
        };
        assert_eq!(
            shown,
            [
                (
                    Some("SL004".to_string().into()),
                    Some(DiagnosticSeverity::Warning),
                    range
                ),
                (
                    Some("SL003".to_string().into()),
                    Some(DiagnosticSeverity::Error),
                    range
                ),
            ]
        );
    }
}
