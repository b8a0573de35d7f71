//! Quick fixes on a flagged sink call: guard it with a consent check (SL002), or allow the
//! flow with a reason on the enclosing function (SL001, SL002); and on an `allow_flow` that
//! suppresses nothing (SL004): remove it.

use super::diagnostics::to_diagnostic;
use super::syntax::Outline;
use super::text::{LineIndex, Ranges};
use crate::diagnostic::{Code, Location, Report, Violation};
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
            v.sink
                .as_ref()
                .is_some_and(|sink| overlaps(&sink.location, file, &range))
        })
        .collect();
    let unused: Vec<&Violation> = report
        .violations
        .iter()
        .filter(|v| v.code == Code::UnusedAllowFlow && overlaps(&v.source, file, &range))
        .collect();
    let index = LineIndex::new(text);
    let mut actions: Vec<CodeAction> = unused
        .into_iter()
        .map(|violation| {
            let pos = violation.source.pos;
            let edit = remove(&index, text, pos.start as usize..pos.end as usize);
            quick_fix(
                report,
                root,
                uri,
                violation,
                "Remove the unused `allow_flow`".into(),
                edit,
            )
        })
        .collect();
    if flagged.is_empty() {
        return actions;
    }
    let Some(outline) = Outline::parse(text) else {
        return actions;
    };
    for violation in flagged {
        let call = violation
            .sink
            .as_ref()
            .map_or(0, |sink| sink.location.pos.start as usize);
        let fix = |title, edit| quick_fix(report, root, uri, violation, title, edit);
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

fn overlaps(location: &Location, file: &str, range: &Range<usize>) -> bool {
    let pos = location.pos;
    &*location.file == file && pos.start as usize <= range.end && range.start <= pos.end as usize
}

fn quick_fix(
    report: &Report,
    root: &Path,
    uri: &Uri,
    violation: &Violation,
    title: String,
    edit: TextEdit,
) -> CodeAction {
    CodeAction {
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
    }
}

/// Deletes `range`, with its whole lines when nothing else is on them.
fn remove(index: &LineIndex, text: &str, range: Range<usize>) -> TextEdit {
    let line_start = index.line_start(range.start);
    let line_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |newline| range.end + newline + 1);
    let alone = text[line_start..range.start].trim().is_empty()
        && text[range.end..line_end].trim().is_empty();
    let range = if alone { line_start..line_end } else { range };
    TextEdit {
        range: index.range(range.start, range.end),
        new_text: String::new(),
    }
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
    fn an_attribute_alone_on_its_line_goes_with_the_line() {
        let text = "/// Docs.\n    #[sharelock::allow_flow(reason = \"x\")]\n    fn f() {}\n";
        let attribute = text.find("#[").unwrap()..text.find(")]").unwrap() + 2;
        let index = LineIndex::new(text);
        let edit = remove(&index, text, attribute.clone());
        let range = index.offset(edit.range.start)..index.offset(edit.range.end);
        assert_eq!(
            &text[range],
            "    #[sharelock::allow_flow(reason = \"x\")]\n"
        );
        let inline = "#[a] #[sharelock::allow_flow(reason = \"x\")] fn f() {}";
        let attribute = inline.find("#[s").unwrap()..inline.find(")]").unwrap() + 2;
        let edit = remove(&LineIndex::new(inline), inline, attribute.clone());
        assert_eq!(
            edit.range,
            LineIndex::new(inline).range(attribute.start, attribute.end)
        );
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
