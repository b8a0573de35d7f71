//! `inventory --format md`: Markdown tables, one section per category.

use super::{CategoryRecord, Cell, Inventory};
use crate::diagnostic::Report;
use crate::views::{short, Verdict};
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let inventory = Inventory::of(report);
    let totals = inventory.summary;
    let mut out = format!(
        "# Records of processing\n\n\
         - categories: {}; declarations: {}\n\
         - flows that reach sinks: {}; violations (SL001, SL002): {}; suppressed by an \
         `allow_flow`: {}\n\
         - unmet `must_reach` requirements (SL003): {}\n",
        totals.categories,
        totals.declarations,
        totals.flows,
        totals.violations,
        totals.suppressed,
        totals.unmet
    );
    overview(&mut out, &inventory);
    for record in &inventory.categories {
        category(&mut out, record);
    }
    out
}

/// Which categories reach which parties, with the gravest verdict: the page at a glance.
fn overview(out: &mut String, inventory: &Inventory) {
    if inventory.categories.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n| category | {} |", inventory.parties.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(inventory.parties.len()));
    for record in &inventory.categories {
        let cells: Vec<String> = inventory
            .parties
            .iter()
            .map(|party| match record.cell(party) {
                Cell::Unreached => "—".to_string(),
                Cell::Missing => "**missing** (SL003)".to_string(),
                Cell::Reached(reached) => verdict(reached),
            })
            .collect();
        let _ = writeln!(out, "| `{}` | {} |", record.category, cells.join(" | "));
    }
}

fn verdict(verdict: Verdict) -> String {
    match verdict {
        Verdict::Violation => "**violation**".into(),
        other => other.word().into(),
    }
}

fn category(out: &mut String, record: &CategoryRecord) {
    let _ = writeln!(out, "\n## `{}`\n", record.category);
    if record.reaches.is_empty() {
        out.push_str("Reaches no sink.\n\n");
    } else {
        let reaches: Vec<String> = record
            .reaches
            .iter()
            .map(|reach| format!("{} ({})", reach.party, verdict(reach.verdict)))
            .collect();
        let _ = writeln!(out, "Reaches: {}.\n", reaches.join(", "));
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
        let verdict = match flow.gravity {
            Verdict::Violation => format!("**{}**", cell(&flow.verdict)),
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
