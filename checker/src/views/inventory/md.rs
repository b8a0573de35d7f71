//! `inventory --format md`: Markdown tables, one section per category.

use super::{CategoryRecord, Inventory};
use crate::diagnostic::Report;
use crate::views::short;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let inventory = Inventory::of(report);
    let totals = inventory.summary;
    let mut out = format!(
        "# Records of processing\n\n\
         {} categories, {} declarations, {} flows to sinks: {} violations, {} suppressed; \
         {} unmet `must_reach` requirements.\n",
        totals.categories,
        totals.declarations,
        totals.flows,
        totals.violations,
        totals.suppressed,
        totals.unmet
    );
    for record in &inventory.categories {
        category(&mut out, record);
    }
    out
}

fn category(out: &mut String, record: &CategoryRecord) {
    let _ = writeln!(out, "\n## `{}`\n", record.category);
    if record.reaches.is_empty() {
        out.push_str("Reaches no sink.\n\n");
    } else {
        let _ = writeln!(out, "Reaches: {}.\n", record.reaches.join(", "));
    }
    out.push_str("| declared by | at | permissions | must reach |\n|---|---|---|---|\n");
    for declaration in &record.declarations {
        let must_reach: Vec<String> = declaration
            .must_reach
            .iter()
            .map(|requirement| match requirement.met {
                true => format!("{}: met", requirement.party),
                false => format!("{}: **not met** (SL003)", requirement.party),
            })
            .collect();
        let _ = writeln!(
            out,
            "| `{}` | `{}:{}` | {} | {} |",
            short(&declaration.item),
            declaration.file,
            declaration.line,
            cell(&declaration.permission_summary()),
            if must_reach.is_empty() {
                "—".to_string()
            } else {
                must_reach.join(", ")
            }
        );
    }
    if record.flows.is_empty() {
        return;
    }
    out.push_str(
        "\n| party | permission | sink call | via | from | verdict |\n|---|---|---|---|---|---|\n",
    );
    for flow in &record.flows {
        let verdict = match flow.outcome {
            "violation" if flow.suppressed.is_none() => format!("**{}**", cell(&flow.verdict)),
            _ => cell(&flow.verdict),
        };
        let _ = writeln!(
            out,
            "| {} | {} | `{}` at `{}:{}` | {} | `{}` | {} |",
            flow.party,
            flow.permission.unwrap_or("—"),
            short(&flow.sink.function),
            flow.sink.file,
            flow.sink.line,
            cell(&flow.via.join(" → ")),
            short(&flow.source),
            verdict
        );
    }
}

/// Text in a table cell: a `|` would end the cell, a line break the row.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
