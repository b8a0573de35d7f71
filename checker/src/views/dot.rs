//! `graph --format dot`: Graphviz, one cluster per file and, inside it, per function.
//! Violations are red and bold, suppressed ones orange and dashed, guarded sink calls green.

use super::graph::{FlowGraph, Node, NodeKind};
use super::Verdict;
use crate::diagnostic::Report;
use std::fmt::Write;

pub fn render(report: &Report) -> String {
    let graph = FlowGraph::of(report);
    let mut out = String::from(
        "digraph sharelock {\n  \
         graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, labeljust=l];\n  \
         node [fontname=\"Helvetica\", fontsize=10, shape=box, style=rounded];\n  \
         edge [fontname=\"Helvetica\", fontsize=9, color=\"#555555\"];\n",
    );
    for file in &graph.files {
        let _ = writeln!(out, "  subgraph cluster_{} {{", file.id);
        let _ = writeln!(
            out,
            "    label={}; style=\"rounded\"; color=\"#999999\";",
            quote(&file.file)
        );
        for &node in &file.loose {
            node_line(&mut out, &graph.nodes[node], "    ");
        }
        for function in &file.functions {
            let _ = writeln!(out, "    subgraph cluster_{} {{", function.id);
            let _ = writeln!(
                out,
                "      label={}; style=\"rounded,filled\"; fillcolor=\"#f4f4f4\"; color=\"#bbbbbb\";",
                quote(&format!("fn {}", function.scope.name))
            );
            for &node in &function.nodes {
                node_line(&mut out, &graph.nodes[node], "      ");
            }
            out.push_str("    }\n");
        }
        out.push_str("  }\n");
    }
    for edge in &graph.edges {
        let mut attributes = edge_style(edge.verdict);
        if !edge.verdicts.is_empty() {
            let label: Vec<&str> = edge.verdicts.iter().map(String::as_str).collect();
            attributes.push(format!("label={}", quote(&label.join("\n"))));
            attributes.push(format!("fontcolor=\"{}\"", colour(edge.verdict)));
        }
        let _ = writeln!(
            out,
            "  {} -> {}{};",
            graph.nodes[edge.from].id,
            graph.nodes[edge.to].id,
            list(&attributes)
        );
    }
    out.push_str("}\n");
    out
}

fn node_line(out: &mut String, node: &Node, indent: &str) {
    let mut attributes = vec![format!("label={}", quote(&node.lines().join("\n")))];
    let mut styles = vec!["rounded"];
    match node.kind {
        NodeKind::Source { .. } => {
            styles = vec!["filled"];
            attributes.push("shape=note, fillcolor=\"#e3ecfa\"".into());
        }
        NodeKind::Step { .. } => {}
        NodeKind::Sink { .. } => attributes.push("peripheries=2".into()),
    }
    if let Some(verdict) = node.highlight() {
        attributes.push(format!("color=\"{}\"", colour(verdict)));
        attributes.push(format!("fontcolor=\"{}\"", colour(verdict)));
        styles.extend(emphasis(verdict));
        if verdict == Verdict::Violation {
            attributes.push("penwidth=2.5".into());
        }
    }
    attributes.push(format!("style=\"{}\"", styles.join(",")));
    let _ = writeln!(out, "{indent}{}{};", node.id, list(&attributes));
}

/// The attributes of an edge: allowed flows keep the defaults.
fn edge_style(verdict: Verdict) -> Vec<String> {
    let mut attributes = Vec::new();
    if verdict > Verdict::Allowed {
        attributes.push(format!("color=\"{}\"", colour(verdict)));
    }
    if let Some(style) = emphasis(verdict) {
        attributes.push(format!("style={style}"));
    }
    if verdict == Verdict::Violation {
        attributes.push("penwidth=2.5".into());
    }
    attributes
}

/// Violations are bold, suppressed violations dashed.
fn emphasis(verdict: Verdict) -> Option<&'static str> {
    match verdict {
        Verdict::Violation => Some("bold"),
        Verdict::Suppressed => Some("dashed"),
        Verdict::Allowed | Verdict::Guarded => None,
    }
}

pub(super) fn colour(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Allowed => "#555555",
        Verdict::Guarded => "#1a7f37",
        Verdict::Suppressed => "#b35900",
        Verdict::Violation => "#cc0000",
    }
}

fn list(attributes: &[String]) -> String {
    if attributes.is_empty() {
        String::new()
    } else {
        format!(" [{}]", attributes.join(", "))
    }
}

/// A DOT string literal; `\n` in the text becomes a centred line break.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}
