//! The labelled data-flow graph that `dot` and `mermaid` draw: every flow of the report as a
//! path from its label's declaration through its steps to its sink call. Nodes that flows
//! share are drawn once; ids and order follow the locations, so the output is deterministic.

use super::{short, verdict_text, Scope, Scopes, Verdict};
use crate::diagnostic::{stable_hash, Location, Report};
use crate::model::Party;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What a node stands for; with its location, it identifies the node.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum NodeKind {
    /// A label's declaration: the annotation, or the `sharelock.toml` entry.
    Source { category: String, item: String },
    /// A place the labelled value passes: a read, a call crossed, a return.
    Step { note: String },
    /// A sink call.
    Sink { function: String },
}

#[derive(Clone, Debug)]
pub struct Node {
    /// A hash of the node's file, line, column, kind and text: other flows coming or going
    /// do not rename it.
    pub id: String,
    pub kind: NodeKind,
    pub location: Location,
    /// The function holding it; `None` for declarations outside functions.
    pub scope: Option<Scope>,
    /// The gravest verdict of the flows through it.
    pub verdict: Verdict,
    /// For a sink call: the parties the flows into it reach.
    pub parties: BTreeSet<Party>,
    /// For a declaration: the `must_reach` parties that no flow reaches (SL003).
    pub missing: BTreeSet<Party>,
}

impl Node {
    /// The verdict to highlight the node with: a violation or suppressed one on any node, a
    /// guard on the sink call it guards.
    pub fn highlight(&self) -> Option<Verdict> {
        let shown = match self.verdict {
            Verdict::Allowed => false,
            Verdict::Guarded => matches!(self.kind, NodeKind::Sink { .. }),
            Verdict::Suppressed | Verdict::Violation => true,
        };
        shown.then_some(self.verdict)
    }

    /// The node's text, one line per entry: what it is, then where in its file.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = match &self.kind {
            NodeKind::Source { category, item } => {
                let mut lines = vec![category.clone(), short(item).to_string()];
                for party in &self.missing {
                    lines.push(format!("must reach {party}: missing (SL003)"));
                }
                lines
            }
            NodeKind::Step { note } => vec![note.clone()],
            NodeKind::Sink { function } => {
                let parties: Vec<&str> = self.parties.iter().map(Party::as_str).collect();
                vec![
                    short(function).to_string(),
                    format!("→ {}", parties.join(", ")),
                ]
            }
        };
        let pos = self.location.pos;
        lines.push(format!("line {}:{}", pos.line, pos.column));
        lines
    }
}

/// An edge along one or more flows. The edges into a sink call carry the verdicts.
#[derive(Clone, Debug)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub verdict: Verdict,
    /// `account.phone → parent_company: guarded: under a consent check`, one per distinct
    /// verdict; empty on edges before the sink.
    pub verdicts: BTreeSet<String>,
}

/// The nodes of one file, by the function that holds them.
#[derive(Clone, Debug)]
pub struct FileCluster {
    /// From the file name, like the node ids.
    pub id: String,
    pub file: Arc<str>,
    /// Node indices outside any function.
    pub loose: Vec<usize>,
    pub functions: Vec<FunctionCluster>,
}

#[derive(Clone, Debug)]
pub struct FunctionCluster {
    pub id: String,
    pub scope: Scope,
    pub nodes: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct FlowGraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub files: Vec<FileCluster>,
}

impl FlowGraph {
    pub fn of(report: &Report) -> FlowGraph {
        let scopes = Scopes::of(report);
        let mut nodes: BTreeMap<(Location, NodeKind), Node> = BTreeMap::new();
        let mut paths = Vec::new();
        for flow in &report.flows {
            let verdict = Verdict::of(flow);
            let source = NodeKind::Source {
                category: flow.category.as_str().to_string(),
                item: flow.source_item.clone(),
            };
            let steps = flow.path.iter().map(|step| {
                (
                    step.location.clone(),
                    NodeKind::Step {
                        note: step.note.clone(),
                    },
                )
            });
            let sink = NodeKind::Sink {
                function: flow.sink.function.clone(),
            };
            let mut keys: Vec<(Location, NodeKind)> =
                std::iter::once((flow.source.clone(), source))
                    .chain(steps)
                    .chain(std::iter::once((flow.sink.location.clone(), sink)))
                    .collect();
            keys.dedup();
            for key in &keys {
                let node = nodes
                    .entry(key.clone())
                    .or_insert_with(|| new_node(key, &scopes, verdict));
                node.verdict = node.verdict.max(verdict);
            }
            if let Some(sink) = keys.last().and_then(|key| nodes.get_mut(key)) {
                sink.parties.insert(flow.party.clone());
            }
            let verdict_line =
                format!("{} → {}: {}", flow.category, flow.party, verdict_text(flow));
            paths.push((keys, verdict, verdict_line));
        }
        // A label that must reach a party and never does is a violation without a path:
        // its declaration is drawn, in red, saying what is missing.
        for label in &report.labels {
            let missing = label.must_reach.iter().filter(|(_, met)| !met);
            let missing: BTreeSet<Party> = missing.map(|(party, _)| party.clone()).collect();
            if missing.is_empty() {
                continue;
            }
            let source = NodeKind::Source {
                category: label.category.as_str().to_string(),
                item: label.item.clone(),
            };
            let key = (label.location.clone(), source);
            let node = nodes
                .entry(key.clone())
                .or_insert_with(|| new_node(&key, &scopes, Verdict::Violation));
            node.verdict = Verdict::Violation;
            node.missing.extend(missing);
        }
        let index: BTreeMap<(Location, NodeKind), usize> = nodes
            .keys()
            .cloned()
            .enumerate()
            .map(|(i, key)| (key, i))
            .collect();
        let mut edges: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
        for (keys, verdict, verdict_line) in paths {
            let ids: Vec<usize> = keys.iter().map(|key| index[key]).collect();
            for (n, pair) in ids.windows(2).enumerate() {
                let edge = edges.entry((pair[0], pair[1])).or_insert_with(|| Edge {
                    from: pair[0],
                    to: pair[1],
                    verdict,
                    verdicts: BTreeSet::new(),
                });
                edge.verdict = edge.verdict.max(verdict);
                if n + 2 == ids.len() {
                    edge.verdicts.insert(verdict_line.clone());
                }
            }
        }
        let nodes: Vec<Node> = nodes
            .into_values()
            .map(|node| Node {
                id: node_id(&node),
                ..node
            })
            .collect();
        let files = clusters(&nodes);
        FlowGraph {
            nodes,
            edges: edges.into_values().collect(),
            files,
        }
    }
}

fn new_node(key: &(Location, NodeKind), scopes: &Scopes, verdict: Verdict) -> Node {
    Node {
        id: String::new(),
        kind: key.1.clone(),
        location: key.0.clone(),
        scope: scopes.enclosing(&key.0),
        verdict,
        parties: BTreeSet::new(),
        missing: BTreeSet::new(),
    }
}

/// Ids that depend on what they name, not on what else is in the graph: a new flow does
/// not rename every node after it, so the output diffs well.
fn id(prefix: &str, parts: &[&str]) -> String {
    format!("{prefix}{}", &stable_hash(parts)[..12])
}

fn node_id(node: &Node) -> String {
    let (kind, text) = match &node.kind {
        NodeKind::Source { category, item } => ("source", format!("{category} {item}")),
        NodeKind::Step { note } => ("step", note.clone()),
        NodeKind::Sink { function } => ("sink", function.clone()),
    };
    let pos = node.location.pos;
    let at = format!("{}:{}", pos.line, pos.column);
    id("n", &[&node.location.file, &at, kind, &text])
}

/// Groups the nodes by file, then by function, in node order.
fn clusters(nodes: &[Node]) -> Vec<FileCluster> {
    let mut groups: BTreeMap<(Arc<str>, Option<Scope>), Vec<usize>> = BTreeMap::new();
    for (i, node) in nodes.iter().enumerate() {
        let key = (node.location.file.clone(), node.scope.clone());
        groups.entry(key).or_default().push(i);
    }
    let mut files: Vec<FileCluster> = Vec::new();
    for ((file, scope), members) in groups {
        if files.last().is_none_or(|cluster| cluster.file != file) {
            files.push(FileCluster {
                id: id("file", &[&file]),
                file,
                loose: Vec::new(),
                functions: Vec::new(),
            });
        }
        let cluster = files.last_mut().expect("pushed above");
        match scope {
            Some(scope) => cluster.functions.push(FunctionCluster {
                id: id("fn", &[&scope.file, &scope.start.to_string(), &scope.name]),
                scope,
                nodes: members,
            }),
            None => cluster.loose = members,
        }
    }
    files
}
