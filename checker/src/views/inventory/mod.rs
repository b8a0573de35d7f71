//! `inventory`: the records-of-processing view. For each category: where it is declared,
//! which parties it reaches, through which functions, under which guard, which flows are
//! violations, and whether its `must_reach` requirements are met. One model, three formats;
//! the model's serde form is the JSON schema (documented in docs/graph-and-inventory.md).

pub mod html;
pub mod json;
pub mod md;

use super::{verdict_text, Scopes, Verdict};
use crate::diagnostic::{Flow, LabelInfo, Location, Outcome, Report};
use crate::model::Permission;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct Inventory {
    /// The schema's version: 1.
    pub version: u32,
    /// The declared parties, in `sharelock.toml` order: the columns of the overview.
    pub parties: Vec<String>,
    pub categories: Vec<CategoryRecord>,
    pub summary: Totals,
}

#[derive(Clone, Debug, Serialize)]
pub struct CategoryRecord {
    pub category: String,
    pub declarations: Vec<Declaration>,
    /// The parties some flow of the category reaches, sorted, each with the gravest verdict
    /// of those flows.
    pub reaches: Vec<Reach>,
    /// Sorted by party, sink call, source.
    pub flows: Vec<FlowRecord>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Reach {
    pub party: String,
    pub verdict: Verdict,
}

/// A label that states the category: an annotation or a `sharelock.toml` entry.
#[derive(Clone, Debug, Serialize)]
pub struct Declaration {
    /// The item path: `crate::account::User::phone`, or the `sharelock.toml` path.
    pub item: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Every declared party, in `sharelock.toml` order, with defaults applied.
    pub permissions: Vec<PartyPermission>,
    pub must_reach: Vec<Requirement>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PartyPermission {
    pub party: String,
    /// `allow`, `deny` or `consent`.
    pub permission: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct Requirement {
    pub party: String,
    /// Whether some flow carries the category to a sink of the party.
    pub met: bool,
}

/// One label reaching one sink call.
#[derive(Clone, Debug, Serialize)]
pub struct FlowRecord {
    pub party: String,
    /// What the declaring label says about the party.
    pub permission: Option<&'static str>,
    /// The declaration's item path.
    pub source: String,
    pub sink: SinkCall,
    /// The functions the value passes through, from the source to the one making the call.
    pub via: Vec<String>,
    /// `allowed`, `guarded` or `violation`.
    pub outcome: &'static str,
    /// For `guarded`: which consent check guards the call.
    pub guard: Option<String>,
    /// For `violation`: `SL001` or `SL002`.
    pub code: Option<&'static str>,
    /// For a suppressed violation: the `allow_flow` reason.
    pub suppressed: Option<String>,
    /// The verdict in words, as the other formats print it.
    pub verdict: String,
    #[serde(skip)]
    pub gravity: Verdict,
}

#[derive(Clone, Debug, Serialize)]
pub struct SinkCall {
    /// The sink function's resolved path.
    pub function: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Totals {
    pub categories: usize,
    pub declarations: usize,
    pub flows: usize,
    /// Unsuppressed SL001/SL002 flows.
    pub violations: usize,
    pub suppressed: usize,
    /// `must_reach` requirements that no flow meets (SL003).
    pub unmet: usize,
}

impl Inventory {
    pub fn of(report: &Report) -> Inventory {
        let scopes = Scopes::of(report);
        let mut categories: BTreeMap<String, CategoryRecord> = BTreeMap::new();
        let mut summary = Totals {
            declarations: report.labels.len(),
            flows: report.flows.len(),
            ..Totals::default()
        };
        for label in &report.labels {
            summary.unmet += label.must_reach.iter().filter(|(_, met)| !met).count();
            record(&mut categories, label.category.as_str())
                .declarations
                .push(declaration(label));
        }
        for flow in &report.flows {
            match Verdict::of(flow) {
                Verdict::Violation => summary.violations += 1,
                Verdict::Suppressed => summary.suppressed += 1,
                Verdict::Allowed | Verdict::Guarded => {}
            }
            let permission = permission(report, flow);
            record(&mut categories, flow.category.as_str())
                .flows
                .push(flow_record(flow, permission, &scopes));
        }
        for record in categories.values_mut() {
            record.declarations.sort_by(|a, b| {
                (&a.file, a.line, a.column, &a.item).cmp(&(&b.file, b.line, b.column, &b.item))
            });
            record
                .flows
                .sort_by(|a, b| flow_order(a).cmp(&flow_order(b)));
            let mut reaches: BTreeMap<&str, Verdict> = BTreeMap::new();
            for flow in &record.flows {
                let verdict = reaches.entry(&flow.party).or_default();
                *verdict = (*verdict).max(flow.gravity);
            }
            record.reaches = reaches
                .into_iter()
                .map(|(party, verdict)| Reach {
                    party: party.to_string(),
                    verdict,
                })
                .collect();
        }
        summary.categories = categories.len();
        let mut parties: Vec<String> = Vec::new();
        for label in &report.labels {
            for (party, _) in &label.permissions {
                if !parties.iter().any(|known| known == party.as_str()) {
                    parties.push(party.to_string());
                }
            }
        }
        Inventory {
            version: 1,
            parties,
            categories: categories.into_values().collect(),
            summary,
        }
    }
}

fn record<'c>(
    categories: &'c mut BTreeMap<String, CategoryRecord>,
    category: &str,
) -> &'c mut CategoryRecord {
    categories
        .entry(category.to_string())
        .or_insert_with(|| CategoryRecord {
            category: category.to_string(),
            declarations: Vec::new(),
            reaches: Vec::new(),
            flows: Vec::new(),
        })
}

fn flow_order(flow: &FlowRecord) -> (&str, &str, u32, u32, &str) {
    (
        &flow.party,
        &flow.sink.file,
        flow.sink.line,
        flow.sink.column,
        &flow.source,
    )
}

fn declaration(label: &LabelInfo) -> Declaration {
    let Location { file, pos } = &label.location;
    Declaration {
        item: label.item.clone(),
        file: file.to_string(),
        line: pos.line,
        column: pos.column,
        permissions: label
            .permissions
            .iter()
            .map(|(party, permission)| PartyPermission {
                party: party.to_string(),
                permission: word(*permission),
            })
            .collect(),
        must_reach: label
            .must_reach
            .iter()
            .map(|(party, met)| Requirement {
                party: party.to_string(),
                met: *met,
            })
            .collect(),
    }
}

/// What the label that declares the flow's source says about the flow's party.
fn permission(report: &Report, flow: &Flow) -> Option<&'static str> {
    let label = report
        .labels
        .iter()
        .find(|label| label.category == flow.category && label.item == flow.source_item)?;
    let (_, permission) = label
        .permissions
        .iter()
        .find(|(party, _)| *party == flow.party)?;
    Some(word(*permission))
}

fn flow_record(flow: &Flow, permission: Option<&'static str>, scopes: &Scopes) -> FlowRecord {
    let (outcome, guard, code) = match &flow.outcome {
        Outcome::Allowed => ("allowed", None, None),
        Outcome::Guarded { note } => ("guarded", Some(note.clone()), None),
        Outcome::Violation(code) => ("violation", None, Some(code.as_str())),
    };
    let sink = &flow.sink.location;
    FlowRecord {
        party: flow.party.to_string(),
        permission,
        source: flow.source_item.clone(),
        sink: SinkCall {
            function: flow.sink.function.clone(),
            file: sink.file.to_string(),
            line: sink.pos.line,
            column: sink.pos.column,
        },
        via: scopes.through(flow),
        outcome,
        guard,
        code,
        suppressed: flow.suppressed.as_ref().map(|s| s.reason.clone()),
        verdict: verdict_text(flow),
        gravity: Verdict::of(flow),
    }
}

pub fn word(permission: Permission) -> &'static str {
    match permission {
        Permission::Allow => "allow",
        Permission::Deny => "deny",
        Permission::Consent => "consent",
    }
}

/// A cell of the overview: how a category reaches a party.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cell {
    Unreached,
    /// Unreached although a declaration says it `must_reach` the party.
    Missing,
    /// Reached, with the gravest verdict.
    Reached(Verdict),
}

impl CategoryRecord {
    pub fn cell(&self, party: &str) -> Cell {
        if let Some(reach) = self.reaches.iter().find(|reach| reach.party == party) {
            return Cell::Reached(reach.verdict);
        }
        let required = self.declarations.iter().any(|declaration| {
            declaration
                .must_reach
                .iter()
                .any(|requirement| requirement.party == party && !requirement.met)
        });
        match required {
            true => Cell::Missing,
            false => Cell::Unreached,
        }
    }
}

impl Declaration {
    /// `allow: backups, user_export; consent: parent_company; deny: logs`: the parties by
    /// permission, for the tables.
    pub fn permission_summary(&self) -> String {
        let groups: Vec<String> = ["allow", "consent", "deny"]
            .into_iter()
            .filter_map(|permission| {
                let parties: Vec<&str> = self
                    .permissions
                    .iter()
                    .filter(|p| p.permission == permission)
                    .map(|p| p.party.as_str())
                    .collect();
                (!parties.is_empty()).then(|| format!("{permission}: {}", parties.join(", ")))
            })
            .collect();
        groups.join("; ")
    }
}
