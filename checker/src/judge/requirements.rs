//! SL003 (`must_reach` not met) and SL004 (an `allow_flow` that suppresses nothing), and the
//! declared labels with their status, for the inventory.

use super::Cx;
use crate::diagnostic::{Code, LabelInfo, Violation};
use crate::program::{FnId, LabelId, PartySet};
use std::collections::{BTreeMap, BTreeSet};

pub fn must_reach(cx: &Cx, reached: &BTreeMap<LabelId, PartySet>) -> Vec<Violation> {
    let program = cx.program;
    let mut out = Vec::new();
    for (index, label) in program.labels.iter().enumerate() {
        let got = reached.get(&LabelId(index as u32)).copied().unwrap_or(0);
        for party in 0..program.parties.len() {
            let bit: PartySet = 1 << party;
            if label.must_reach & bit == 0 || got & bit != 0 {
                continue;
            }
            let party_name = program.parties[party].clone();
            out.push(Violation {
                code: Code::RequiredFlowMissing,
                message: format!(
                    "{} must reach {party_name} (must_reach), but no flow in the checked code carries it to a sink of {party_name}",
                    label.category
                ),
                category: Some(label.category.clone()),
                party: Some(party_name),
                source: cx.label_location(&label.origin),
                source_item: label.item.clone(),
                sink: None,
                path: Vec::new(),
                suppressed: None,
                fingerprint: String::new(),
            });
        }
    }
    out
}

pub fn unused_allow_flows(cx: &Cx, used: &BTreeSet<FnId>) -> Vec<Violation> {
    let program = cx.program;
    let mut out = Vec::new();
    // An `allow_flow` on a trait method declaration is used where an impl used it.
    let declarations: BTreeSet<FnId> = (used.iter())
        .filter_map(|f| program.declaration_of(*f))
        .collect();
    for (index, function) in program.fns.iter().enumerate() {
        let Some((reason, attr)) = &function.roles.allow_flow else {
            continue;
        };
        let id = FnId(index as u32);
        if used.contains(&id) || declarations.contains(&id) {
            continue;
        }
        // A trait impl inherits its declaration's roles (a default method run as an impl's
        // has its attributes too); the unused one is reported once, at the attribute.
        if program.default_method(id).is_some()
            || (function.ir.roles.iter())
                .all(|r| !matches!(r.role, crate::ir::Role::AllowFlow { .. }))
        {
            continue;
        }
        out.push(Violation {
            code: Code::UnusedAllowFlow,
            message: format!(
                "this allow_flow on `{}` suppresses nothing (reason: \"{reason}\")",
                function.ir.name
            ),
            category: None,
            party: None,
            source: cx.location(*attr),
            source_item: function.path.clone(),
            sink: None,
            path: Vec::new(),
            suppressed: None,
            fingerprint: String::new(),
        });
    }
    out
}

pub fn label_infos(cx: &Cx, reached: &BTreeMap<LabelId, PartySet>) -> Vec<LabelInfo> {
    let program = cx.program;
    let mut out: Vec<LabelInfo> = program
        .labels
        .iter()
        .enumerate()
        .map(|(index, label)| {
            let got = reached.get(&LabelId(index as u32)).copied().unwrap_or(0);
            LabelInfo {
                category: label.category.clone(),
                item: label.item.clone(),
                location: cx.label_location(&label.origin),
                permissions: program
                    .parties
                    .iter()
                    .cloned()
                    .zip(label.permissions.iter().copied())
                    .collect(),
                must_reach: (0..program.parties.len())
                    .filter(|p| label.must_reach & (1 << p) != 0)
                    .map(|p| (program.parties[p].clone(), got & (1 << p) != 0))
                    .collect(),
            }
        })
        .collect();
    out.sort();
    out.dedup();
    out
}
