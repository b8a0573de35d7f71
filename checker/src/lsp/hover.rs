//! Hover: on an annotated item, its labels, their permissions and the sink calls they reach,
//! and its roles; on a sink call, the labels that reach it and why; on a step of a flow's
//! path, where the flow goes.

use super::syntax::Outline;
use super::text::LineIndex;
use crate::diagnostic::{Flow, LabelInfo, Location, Outcome, Report};
use crate::model::Permission;
use gen_lsp_types::{Hover, MarkupContent, MarkupKind};
use std::fmt::Write;

/// The hover for byte `offset` of `file` (relative to the root), read from `text`, the text
/// the report was computed on.
pub fn hover(report: &Report, file: &str, text: &str, offset: usize) -> Option<Hover> {
    let index = LineIndex::new(text);
    let flows: Vec<&Flow> = report
        .flows
        .iter()
        .filter(|flow| contains(&flow.sink.location, file, offset))
        .collect();
    if let Some(first) = flows.first() {
        let at = &first.sink.location;
        return Some(markdown(
            sink_call(&flows),
            index.range(at.pos.start as usize, at.pos.end as usize),
        ));
    }
    let outline = Outline::parse(text)?;
    let Some(item) = outline.item_at(offset) else {
        return path_step(report, file, offset, &index);
    };
    let labels: Vec<&LabelInfo> = report
        .labels
        .iter()
        .filter(|label| {
            &*label.location.file == file
                && item.head.contains(&(label.location.pos.start as usize))
        })
        .collect();
    if labels.is_empty() && item.roles.is_empty() {
        return None;
    }
    let mut value = String::new();
    for label in labels {
        describe_label(&mut value, label);
        describe_reach(&mut value, report, label);
    }
    for role in &item.roles {
        let _ = writeln!(value, "**sharelock** role: `{role}`\n");
    }
    Some(markdown(value, index.range(item.head.start, item.head.end)))
}

/// On a step of some flows' paths (a read, a call crossed, a return): where they go.
fn path_step(report: &Report, file: &str, offset: usize, index: &LineIndex) -> Option<Hover> {
    let mut step_at = None;
    let mut value = String::new();
    for flow in &report.flows {
        let Some(step) = flow
            .path
            .iter()
            .find(|step| contains(&step.location, file, offset))
        else {
            continue;
        };
        step_at.get_or_insert(step.location.pos);
        let at = &flow.sink.location;
        let _ = writeln!(
            value,
            "- {}: `{}` from `{}` on its way to `{}` through `{}` at {}:{}: {}",
            step.note,
            flow.category,
            flow.source_item,
            flow.party,
            flow.sink.function,
            at.file,
            at.pos.line,
            verdict(flow)
        );
    }
    let pos = step_at?;
    Some(markdown(
        format!("**sharelock** labelled data flows here\n\n{value}"),
        index.range(pos.start as usize, pos.end as usize),
    ))
}

fn contains(location: &Location, file: &str, offset: usize) -> bool {
    &*location.file == file
        && (location.pos.start as usize..=location.pos.end as usize).contains(&offset)
}

fn describe_label(out: &mut String, label: &LabelInfo) {
    let _ = writeln!(
        out,
        "**sharelock** label `{}` on `{}`\n",
        label.category, label.item
    );
    let _ = writeln!(out, "| party | permission |\n|---|---|");
    for (party, permission) in &label.permissions {
        let permission = match permission {
            Permission::Allow => "allow",
            Permission::Deny => "deny",
            Permission::Consent => "consent (only under a consent check)",
        };
        let _ = writeln!(out, "| {party} | {permission} |");
    }
    for (party, reached) in &label.must_reach {
        let status = if *reached {
            "reached"
        } else {
            "**not reached** (SL003)"
        };
        let _ = writeln!(out, "\nmust reach `{party}`: {status}");
    }
    out.push('\n');
}

/// The sink calls this label reaches, at most `SHOWN` of them.
fn describe_reach(out: &mut String, report: &Report, label: &LabelInfo) {
    const SHOWN: usize = 10;
    let reached: Vec<&Flow> = report
        .flows
        .iter()
        .filter(|flow| flow.source_item == label.item && flow.category == label.category)
        .collect();
    if reached.is_empty() {
        return;
    }
    let _ = writeln!(out, "reaches:");
    for flow in reached.iter().take(SHOWN) {
        let at = &flow.sink.location;
        let _ = writeln!(
            out,
            "- `{}` through `{}` at {}:{}: {}",
            flow.party,
            flow.sink.function,
            at.file,
            at.pos.line,
            verdict(flow)
        );
    }
    if reached.len() > SHOWN {
        let _ = writeln!(out, "- and {} more", reached.len() - SHOWN);
    }
    out.push('\n');
}

fn verdict(flow: &Flow) -> String {
    let verdict = match &flow.outcome {
        Outcome::Allowed => "allowed".to_string(),
        Outcome::Guarded { note } => format!("allowed, {note}"),
        Outcome::Violation(code) => format!("**{}** violation", code.as_str()),
    };
    match &flow.suppressed {
        Some(suppression) => format!(
            "{verdict}, suppressed by `allow_flow` ({})",
            suppression.reason
        ),
        None => verdict,
    }
}

fn sink_call(flows: &[&Flow]) -> String {
    let mut out = format!("**sharelock** sink call: `{}`\n\n", flows[0].sink.function);
    for flow in flows {
        let _ = writeln!(
            out,
            "- `{}` from `{}` reaches `{}`: {}",
            flow.category,
            flow.source_item,
            flow.party,
            verdict(flow)
        );
        for step in &flow.path {
            let _ = writeln!(
                out,
                "  - {}:{}: {}",
                step.location.file, step.location.pos.line, step.note
            );
        }
    }
    out
}

fn markdown(value: String, range: gen_lsp_types::Range) -> Hover {
    Hover {
        contents: MarkupContent {
            kind: MarkupKind::Markdown,
            value: value.trim_end().to_string(),
        }
        .into(),
        range: Some(range),
    }
}
