//! `inventory --format html`: one self-contained page (inline CSS, no scripts, nothing
//! loaded from anywhere), to attach to a privacy review or open from CI artifacts.

use super::{CategoryRecord, Cell, FlowRecord, Inventory};
use crate::diagnostic::Report;
use crate::views::short;
use std::fmt::Write;

const STYLE: &str = "
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2328; margin: 2em auto; max-width: 80em; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; }
th, td { border: 1px solid #d0d7de; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
h2 code { font-size: 1em; }
tr.violation td { background: #ffebe9; }
span.violation, td.violation, td.missing, tr.violation td.verdict { color: #cc0000; font-weight: 700; }
span.suppressed, td.suppressed, tr.suppressed td.verdict { color: #b35900; }
span.guarded, td.guarded, tr.guarded td.verdict { color: #1a7f37; }
table.overview { width: auto; }
table.overview td { text-align: center; }
table.overview td:first-child { text-align: left; }
td.none { color: #8c959f; }
a { color: inherit; }
.unmet { color: #cc0000; font-weight: 700; }
.met { color: #1a7f37; }
.summary { color: #57606a; }
";

pub fn render(report: &Report) -> String {
    let inventory = Inventory::of(report);
    let totals = inventory.summary;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Records of processing</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>Records of processing</h1>\n\
         <ul class=\"summary\"><li>categories: {}; declarations: {}</li>\
         <li>flows that reach sinks: {}; violations (SL001, SL002): {}; suppressed by an \
         <code>allow_flow</code>: {}</li>\
         <li>unmet <code>must_reach</code> requirements (SL003): {}</li></ul>\n",
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
    out.push_str("</body>\n</html>\n");
    out
}

/// Which categories reach which parties, with the gravest verdict: the page at a glance.
fn overview(out: &mut String, inventory: &Inventory) {
    if inventory.categories.is_empty() {
        return;
    }
    out.push_str("<table class=\"overview\">\n<tr><th>category</th>");
    for party in &inventory.parties {
        let _ = write!(out, "<th>{}</th>", escape(party));
    }
    out.push_str("</tr>\n");
    for record in &inventory.categories {
        let _ = write!(
            out,
            "<tr><td><a href=\"#{id}\"><code>{id}</code></a></td>",
            id = escape(&record.category)
        );
        for party in &inventory.parties {
            match record.cell(party) {
                Cell::Unreached => out.push_str("<td class=\"none\">—</td>"),
                Cell::Missing => out.push_str("<td class=\"missing\">missing (SL003)</td>"),
                Cell::Reached(verdict) => {
                    let word = verdict.word();
                    let _ = write!(out, "<td class=\"{word}\">{word}</td>");
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn category(out: &mut String, record: &CategoryRecord) {
    let _ = writeln!(
        out,
        "<section id=\"{id}\">\n<h2><code>{id}</code></h2>",
        id = escape(&record.category)
    );
    let reaches: Vec<String> = record
        .reaches
        .iter()
        .map(|reach| {
            let word = reach.verdict.word();
            format!(
                "{} (<span class=\"{word}\">{word}</span>)",
                escape(&reach.party)
            )
        })
        .collect();
    let reaches = match reaches.is_empty() {
        true => "Reaches no sink.".to_string(),
        false => format!("Reaches: {}.", reaches.join(", ")),
    };
    let _ = writeln!(out, "<p>{reaches}</p>");
    out.push_str(
        "<table>\n<tr><th>declared by</th><th>at</th><th>permissions</th><th>must reach</th></tr>\n",
    );
    for declaration in &record.declarations {
        let must_reach: Vec<String> = declaration
            .must_reach
            .iter()
            .map(|requirement| match requirement.met {
                true => format!(
                    "<span class=\"met\">{}: met</span>",
                    escape(&requirement.party)
                ),
                false => format!(
                    "<span class=\"unmet\">{}: not met (SL003)</span>",
                    escape(&requirement.party)
                ),
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr><td><code title=\"{}\">{}</code></td><td><code>{}:{}</code></td><td>{}</td><td>{}</td></tr>",
            escape(&declaration.item),
            escape(short(&declaration.item)),
            escape(&declaration.file),
            declaration.line,
            escape(&declaration.permission_summary()),
            if must_reach.is_empty() {
                "—".to_string()
            } else {
                must_reach.join(", ")
            }
        );
    }
    out.push_str("</table>\n");
    if !record.flows.is_empty() {
        out.push_str(
            "<table>\n<tr><th>party</th><th>permission</th><th>sink call</th><th>via</th>\
             <th>from</th><th>verdict</th></tr>\n",
        );
        for flow in &record.flows {
            flow_row(out, flow);
        }
        out.push_str("</table>\n");
    }
    out.push_str("</section>\n");
}

fn flow_row(out: &mut String, flow: &FlowRecord) {
    let class = flow.gravity.word();
    let _ = writeln!(
        out,
        "<tr class=\"{class}\"><td>{}</td><td>{}</td><td><code title=\"{}\">{}</code> at <code>{}:{}</code></td>\
         <td>{}</td><td><code title=\"{}\">{}</code></td><td class=\"verdict\">{}</td></tr>",
        escape(&flow.party),
        flow.permission.unwrap_or("—"),
        escape(&flow.sink.function),
        escape(short(&flow.sink.function)),
        escape(&flow.sink.file),
        flow.sink.line,
        escape(&flow.via.join(" → ")),
        escape(&flow.source),
        escape(short(&flow.source)),
        escape(&flow.verdict)
    );
}

/// Text and attribute values: the five characters HTML gives meaning to.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}
