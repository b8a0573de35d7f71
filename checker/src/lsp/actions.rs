//! Quick fixes on a flagged sink call: guard it with a consent check (SL002), or allow the
//! flow with a reason on the enclosing function (SL001, SL002).

use super::diagnostics::to_diagnostic;
use super::syntax::Outline;
use super::text::{LineIndex, Ranges};
use crate::diagnostic::{Code, Report, Violation};
use gen_lsp_types::{CodeAction, CodeActionKind, TextEdit, Uri, WorkspaceEdit};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// The fixes for the violations whose sink call in `file` overlaps `range` (byte offsets in
/// `text`, the text the report was computed on).
pub fn code_actions(
    report: &Report,
    root: &Path,
    file: &str,
    uri: &Uri,
    text: &str,
    range: Range<usize>,
) -> Vec<CodeAction> {
    let flagged: Vec<&Violation> = report
        .violations
        .iter()
        .filter(|v| {
            v.suppressed.is_none() && matches!(v.code, Code::DeniedFlow | Code::ConsentWithoutCheck)
        })
        .filter(|v| {
            v.sink.as_ref().is_some_and(|sink| {
                let pos = sink.location.pos;
                &*sink.location.file == file
                    && pos.start as usize <= range.end
                    && range.start <= pos.end as usize
            })
        })
        .collect();
    if flagged.is_empty() {
        return Vec::new();
    }
    let Some(outline) = Outline::parse(text) else {
        return Vec::new();
    };
    let index = LineIndex::new(text);
    let mut actions = Vec::new();
    for violation in flagged {
        let call = violation
            .sink
            .as_ref()
            .map_or(0, |sink| sink.location.pos.start as usize);
        let fix = |title: String, edit: TextEdit| CodeAction {
            title,
            kind: Some(CodeActionKind::QuickFix),
            diagnostics: Some(vec![to_diagnostic(
                &mut Ranges::new(report),
                root,
                violation,
            )]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            ..CodeAction::default()
        };
        if let (Code::ConsentWithoutCheck, Some(party)) = (violation.code, &violation.party) {
            if let Some(statement) = outline.statement_at(call) {
                let title = format!("Guard this call with a consent check for `{party}`");
                let check = consent_check(report, party.as_str());
                let guard =
                    consent_guard(&index, text, statement, party.as_str(), check.as_deref());
                actions.push(fix(title, guard));
            }
        }
        if let Some(function) = outline
            .function_at(call)
            .filter(|function| !function.has_allow_flow)
        {
            let line = index.line_start(function.signature);
            let indent = index.indentation(function.signature);
            let edit = TextEdit {
                range: index.range(line, line),
                new_text: format!("{indent}#[sharelock::allow_flow(reason = \"\")]\n"),
            };
            let title =
                "Allow this flow: add `#[sharelock::allow_flow(reason = \"\")]` to the function"
                    .to_string();
            if !actions
                .iter()
                .any(|action: &CodeAction| action.title == title)
            {
                actions.push(fix(title, edit));
            }
        }
    }
    actions
}

/// A function declared with `#[sharelock::consent_check(party)]` in the checked files.
fn consent_check(report: &Report, party: &str) -> Option<String> {
    report
        .files
        .iter()
        .filter(|(_, text)| text.contains("consent_check"))
        .filter_map(|(_, text)| Outline::parse(text))
        .flat_map(|outline| outline.functions)
        .find(|function| function.consent_for.iter().any(|p| p == party))
        .map(|function| function.name)
}

/// `statement` wrapped in `if <consent check>(..) { .. }`, re-indented one level. The
/// `todo!()` marks what the developer must fill in (it compiles, and fails if forgotten).
fn consent_guard(
    index: &LineIndex,
    text: &str,
    statement: Range<usize>,
    party: &str,
    check: Option<&str>,
) -> TextEdit {
    let indent = index.indentation(statement.start);
    let body: Vec<String> = text[statement.clone()]
        .lines()
        .enumerate()
        .map(|(n, line)| match n {
            0 => format!("{indent}    {line}"),
            _ if line.is_empty() => String::new(),
            _ => format!("    {line}"),
        })
        .collect();
    // Replace from the start of the line when the statement opens it, so the guard keeps
    // the statement's indentation.
    let line = index.line_start(statement.start);
    let (start, lead) = match text[line..statement.start].trim().is_empty() {
        true => (line, indent),
        false => (statement.start, ""),
    };
    let condition = match check {
        Some(check) => format!("if {check}(todo!(\"the user whose data this call shares\"))"),
        None => format!(
            "// TODO(sharelock): declare a `#[sharelock::consent_check({party})]` function and call it here.\n\
             {indent}if todo!(\"a consent check for {party}\")"
        ),
    };
    TextEdit {
        range: index.range(start, statement.end),
        new_text: format!("{lead}{condition} {{\n{}\n{indent}}}", body.join("\n")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(text: &str, statement: &str, check: Option<&str>) -> String {
        let start = text.find(statement).unwrap();
        let index = LineIndex::new(text);
        let edit = consent_guard(
            &index,
            text,
            start..start + statement.len(),
            "parent_company",
            check,
        );
        let range = index.offset(edit.range.start)..index.offset(edit.range.end);
        let mut text = text.to_string();
        text.replace_range(range, &edit.new_text);
        text
    }

    #[test]
    fn the_guard_wraps_the_whole_statement_one_level_deeper() {
        let text = "fn f() {\n    client.post(\n        &phone,\n    );\n}\n";
        let statement = "client.post(\n        &phone,\n    );";
        assert_eq!(
            guarded(text, statement, Some("shares_with_parent")),
            "fn f() {\n    if shares_with_parent(todo!(\"the user whose data this call shares\")) {\n        client.post(\n            &phone,\n        );\n    }\n}\n"
        );
        assert_eq!(
            guarded(text, statement, None),
            "fn f() {\n    // TODO(sharelock): declare a `#[sharelock::consent_check(parent_company)]` function and call it here.\n    if todo!(\"a consent check for parent_company\") {\n        client.post(\n            &phone,\n        );\n    }\n}\n"
        );
    }
}
