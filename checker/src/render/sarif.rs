//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it. One rule per code, with
//! the code's documentation as help; one result per violation, located at the sink call (the
//! annotation for `SL003`/`SL004`), with the source and the steps as related locations and
//! as a thread flow. Suppressed violations carry an `inSource` suppression with the
//! `allow_flow` reason; errors become tool execution notifications.
//!
//! URIs are relative to `%SRCROOT%`, the checked directory; columns count characters.

use super::Settings;
use crate::codes;
use crate::diagnostic::{Code, Location, Report, Violation};
use serde_json::{json, Value};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report, settings: &Settings) -> String {
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "sharelock",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": Code::ALL.iter().map(|code| rule(*code)).collect::<Vec<_>>(),
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": report.violations.iter().map(|v| result(report, v)).collect::<Vec<_>>(),
        "invocations": [invocation(report)],
    });
    if let Some(root) = &settings.root {
        let mut uri = file_uri(&root.display().to_string());
        if !uri.ends_with('/') {
            uri.push('/');
        }
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": uri}});
    }
    let log = json!({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]});
    let mut text = serde_json::to_string_pretty(&log).expect("plain data serializes");
    text.push('\n');
    text
}

fn rule(code: Code) -> Value {
    let page = codes::documentation(code);
    json!({
        "id": code.as_str(),
        "name": codes::name(code),
        "shortDescription": {"text": codes::title(code)},
        "fullDescription": {"text": codes::summary(code)},
        "help": {"text": page, "markdown": page},
        "helpUri": codes::url(code),
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["privacy", "data-flow"], "precision": "high"},
    })
}

fn result(report: &Report, violation: &Violation) -> Value {
    // Related locations are numbered so that the message can link to them: 1 is the source,
    // 2.. the steps.
    let mut related = vec![related_location(
        report,
        1,
        &violation.source,
        &super::source_note(violation),
    )];
    related.extend(violation.path.iter().enumerate().map(|(index, step)| {
        related_location(
            report,
            index + 2,
            &step.location,
            &format!("{}. {}", index + 1, step.note),
        )
    }));
    let primary = super::primary(violation);
    let mut location = physical(report, primary);
    if let Some(sink) = &violation.sink {
        location["logicalLocations"] =
            json!([{"fullyQualifiedName": sink.function, "kind": "function"}]);
    }
    let message = match violation.sink {
        Some(_) => format!(
            "{} (the label is declared [here](1)). {}",
            violation.message,
            fix_sentence(violation)
        ),
        None => format!("{}. {}", violation.message, fix_sentence(violation)),
    };
    let mut result = json!({
        "ruleId": violation.code.as_str(),
        "ruleIndex": Code::ALL.iter().position(|code| *code == violation.code),
        "level": "error",
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {"primaryLocationLineHash": violation.fingerprint},
        "properties": {
            "category": violation.category.as_ref().map(|c| c.as_str()),
            "party": violation.party.as_ref().map(|p| p.as_str()),
        },
    });
    if violation.sink.is_some() {
        result["relatedLocations"] = json!(related);
        result["codeFlows"] =
            json!([{"threadFlows": [{"locations": thread_flow(report, violation)}]}]);
    }
    if let Some(suppression) = &violation.suppressed {
        result["suppressions"] = json!([{
            "kind": "inSource",
            "justification": suppression.reason,
            "location": physical(report, &suppression.location),
        }]);
    }
    result
}

fn fix_sentence(violation: &Violation) -> String {
    let fix = super::fix(violation);
    let mut chars = fix.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

/// Source, steps and sink, each with what happens there.
fn thread_flow(report: &Report, violation: &Violation) -> Vec<Value> {
    let mut stops = vec![(&violation.source, super::source_note(violation))];
    stops.extend(
        violation
            .path
            .iter()
            .enumerate()
            .map(|(i, step)| (&step.location, format!("{}. {}", i + 1, step.note))),
    );
    if let Some(sink) = &violation.sink {
        stops.push((&sink.location, super::sink_note(violation)));
    }
    stops
        .into_iter()
        .map(|(location, note)| {
            let mut location = physical(report, location);
            location["message"] = json!({"text": note});
            json!({"location": location})
        })
        .collect()
}

fn related_location(report: &Report, id: usize, location: &Location, note: &str) -> Value {
    let mut location = physical(report, location);
    location["id"] = json!(id);
    location["message"] = json!({"text": note});
    location
}

fn physical(report: &Report, location: &Location) -> Value {
    let extent = super::extent(report, location);
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": relative_uri(&location.file), "uriBaseId": "%SRCROOT%"},
            "region": {
                "startLine": extent.line_start,
                "startColumn": extent.column_start,
                "endLine": extent.line_end,
                "endColumn": extent.column_end,
            }
        }
    })
}

fn invocation(report: &Report) -> Value {
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|error| {
            let mut notification = json!({"level": "error", "message": {"text": error.message}});
            if let Some(location) = &error.location {
                notification["locations"] = json!([physical(report, location)]);
            }
            notification
        })
        .collect();
    json!({
        "executionSuccessful": report.errors.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// A relative path as a URI reference: `/`-separated, reserved characters percent-encoded.
/// (`:` too, which would read as a scheme in a first segment).
fn relative_uri(path: &str) -> String {
    encode_path(path, b"")
}

fn file_uri(absolute: &str) -> String {
    let path = absolute.replace('\\', "/");
    let path = if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    format!("file://{}", encode_path(&path, b":"))
}

/// Percent-encodes everything but unreserved characters, `/` and `keep`.
fn encode_path(path: &str, keep: &[u8]) -> String {
    path.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (byte as char).to_string()
            }
            _ if keep.contains(&byte) => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_reserved_characters() {
        assert_eq!(relative_uri("src/my mod/a#b.rs"), "src/my%20mod/a%23b.rs");
        assert_eq!(file_uri("/work/crate"), "file:///work/crate");
        assert_eq!(file_uri("C:\\work"), "file:///C:/work");
        assert_eq!(relative_uri("a:b.rs"), "a%3Ab.rs");
    }
}
