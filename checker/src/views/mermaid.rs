//! `graph --format mermaid`: a Mermaid flowchart (GitHub and GitLab render it in Markdown),
//! one subgraph per file and, inside it, per function; the colours of `dot`.

use super::dot::colour;
use super::graph::{FlowGraph, Node, NodeKind};
use super::Verdict;
use crate::diagnostic::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let graph = FlowGraph::of(report);
    let mut out = String::from("flowchart LR\n");
    for file in &graph.files {
        let _ = writeln!(out, "  subgraph {}[\"{}\"]", file.id, text(&file.file));
        for &node in &file.loose {
            node_line(&mut out, &graph.nodes[node], "    ");
        }
        for function in &file.functions {
            let name = text(&function.scope.name);
            let _ = writeln!(out, "    subgraph {}[\"fn {name}\"]", function.id);
            for &node in &function.nodes {
                node_line(&mut out, &graph.nodes[node], "      ");
            }
            out.push_str("    end\n");
        }
        out.push_str("  end\n");
    }
    for edge in &graph.edges {
        let (from, to) = (&graph.nodes[edge.from].id, &graph.nodes[edge.to].id);
        let arrow = match edge.verdict {
            Verdict::Violation => "==>",
            Verdict::Suppressed => "-.->",
            Verdict::Allowed | Verdict::Guarded => "-->",
        };
        if edge.verdicts.is_empty() {
            let _ = writeln!(out, "  {from} {arrow} {to}");
        } else {
            let label: Vec<String> = edge.verdicts.iter().map(|line| text(line)).collect();
            let _ = writeln!(out, "  {from} {arrow}|\"{}\"| {to}", label.join("<br/>"));
        }
    }
    for verdict in [Verdict::Guarded, Verdict::Suppressed, Verdict::Violation] {
        let _ = writeln!(
            out,
            "  classDef {} stroke:{colour},color:{colour}{}",
            class(verdict),
            match verdict {
                Verdict::Violation => ",stroke-width:3px",
                Verdict::Suppressed => ",stroke-dasharray:4 3",
                Verdict::Allowed | Verdict::Guarded => "",
            },
            colour = colour(verdict),
        );
    }
    out.push_str("  classDef source fill:#e3ecfa\n");
    for verdict in [Verdict::Guarded, Verdict::Suppressed, Verdict::Violation] {
        let edges: Vec<String> = graph
            .edges
            .iter()
            .enumerate()
            .filter(|(_, edge)| edge.verdict == verdict)
            .map(|(i, _)| i.to_string())
            .collect();
        if !edges.is_empty() {
            let width = match verdict {
                Verdict::Violation => ",stroke-width:3px",
                _ => "",
            };
            let _ = writeln!(
                out,
                "  linkStyle {} stroke:{}{width}",
                edges.join(","),
                colour(verdict)
            );
        }
    }
    out
}

fn node_line(out: &mut String, node: &Node, indent: &str) {
    let label: Vec<String> = node.lines().iter().map(|line| text(line)).collect();
    let label = label.join("<br/>");
    let shape = match node.kind {
        NodeKind::Source { .. } => format!("[/\"{label}\"/]"),
        NodeKind::Step { .. } => format!("(\"{label}\")"),
        NodeKind::Sink { .. } => format!("[[\"{label}\"]]"),
    };
    // Mermaid takes one class per node: the highlight wins over the source's fill.
    let class = match (node.highlight(), &node.kind) {
        (Some(verdict), _) => format!(":::{}", class(verdict)),
        (None, NodeKind::Source { .. }) => ":::source".into(),
        (None, _) => String::new(),
    };
    let _ = writeln!(out, "{indent}{}{shape}{class}", node.id);
}

fn class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Allowed => "allowed",
        Verdict::Guarded => "guarded",
        Verdict::Suppressed => "suppressed",
        Verdict::Violation => "violation",
    }
}

/// Text inside a quoted Mermaid label: quotes, angle brackets and backticks (which would
/// start Markdown) as entity codes.
fn text(raw: &str) -> String {
    raw.replace('#', "#35;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace('`', "#96;")
}
