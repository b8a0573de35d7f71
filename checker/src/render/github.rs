//! `--format github`: GitHub Actions workflow commands, one `::error` annotation per failing
//! violation (at its sink call, or at the annotation for `SL003`/`SL004`) and per error,
//! escaped as GitHub's toolkit (`@actions/core`) escapes them. Suppressed violations are
//! not annotated.

use super::Settings;
use crate::codes;
use crate::diagnostic::{Location, Report, Violation};
use std::fmt::Write;

pub fn render(report: &Report, settings: &Settings) -> String {
    let mut text = String::new();
    for violation in super::failing(report) {
        let title = format!(
            "{} {}",
            violation.code.as_str(),
            codes::title(violation.code)
        );
        let location = super::primary(violation);
        let properties = properties(report, Some(location), &title);
        writeln!(
            text,
            "::error {properties}::{}",
            escape_data(&message(violation))
        )
        .expect("writing to a String cannot fail");
    }
    for error in &report.errors {
        let properties = properties(report, error.location.as_ref(), "sharelock error");
        let mut message = error.message.clone();
        if let Some(help) = &error.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        writeln!(text, "::error {properties}::{}", escape_data(&message))
            .expect("writing to a String cannot fail");
    }
    text.push_str(&super::summary_line(report, settings));
    text.push('\n');
    text
}

/// The message, then the flow step by step, then the fix: annotations have no labels.
fn message(violation: &Violation) -> String {
    let at = |location: &Location| {
        format!(
            "{}:{}:{}",
            location.file, location.pos.line, location.pos.column
        )
    };
    let mut lines = vec![violation.message.clone()];
    lines.push(format!(
        "{}: {}",
        at(&violation.source),
        super::source_note(violation)
    ));
    for (index, step) in violation.path.iter().enumerate() {
        lines.push(format!(
            "{}: {}. {}",
            at(&step.location),
            index + 1,
            step.note
        ));
    }
    if let Some(sink) = &violation.sink {
        lines.push(format!(
            "{}: {}",
            at(&sink.location),
            super::sink_note(violation)
        ));
    }
    lines.push(format!("help: {}", super::fix(violation)));
    lines.join("\n")
}

fn properties(report: &Report, location: Option<&Location>, title: &str) -> String {
    let mut properties = Vec::new();
    if let Some(location) = location {
        let extent = super::extent(report, location);
        properties.push(("file", location.file.to_string()));
        properties.push(("line", extent.line_start.to_string()));
        properties.push(("col", extent.column_start.to_string()));
        properties.push(("endLine", extent.line_end.to_string()));
        properties.push(("endColumn", extent.column_end.to_string()));
    }
    properties.push(("title", title.to_string()));
    properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect::<Vec<_>>()
        .join(",")
}

/// `escapeData` of `@actions/core`.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `escapeProperty` of `@actions/core`: data escaping plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
