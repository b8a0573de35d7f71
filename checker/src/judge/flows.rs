//! SL001 (denied flow) and SL002 (consent flow without a consent check), and the allowed
//! and guarded flows the graph and the inventory show.

use super::consent::Guarded;
use super::Cx;
use crate::diagnostic::{Code, Flow, Outcome, Sink, Suppression, Violation};
use crate::ir::Span;
use crate::model::Permission;
use crate::program::{FnId, LabelId, PartySet};
use crate::propagate::{Candidate, GroupFlow};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

pub struct Judged {
    pub violations: Vec<Violation>,
    pub flows: Vec<Flow>,
    /// Parties each label reaches through some flow, for `must_reach`.
    pub flows_by_label: BTreeMap<LabelId, PartySet>,
    pub used_allow_flows: BTreeSet<FnId>,
}

/// One judged (sink call, label, party): the verdict and the best candidate for it.
struct Verdict<'c> {
    violated: bool,
    candidate: Cow<'c, Candidate>,
    guard_note: Option<String>,
}

pub fn judge_flows<'c>(
    cx: &Cx,
    candidates: impl Iterator<Item = Cow<'c, Candidate>>,
    guarded: &Guarded,
    by_callers: &[bool],
) -> Judged {
    let program = cx.program;
    let mut verdicts: HashMap<(Span, LabelId, usize), Verdict> = HashMap::default();
    let mut flows_by_label: BTreeMap<LabelId, PartySet> = BTreeMap::new();
    for candidate in candidates {
        if candidate.via_param && by_callers[candidate.discovered_in.index()] {
            continue;
        }
        let label = &program.labels[candidate.label.index()];
        for party in 0..program.parties.len() {
            let bit: PartySet = 1 << party;
            if candidate.sink.parties & bit == 0 {
                continue;
            }
            *flows_by_label.entry(candidate.label).or_default() |= bit;
            let (violated, guard_note) = match label.permissions[party] {
                Permission::Allow => (false, None),
                Permission::Deny => (true, None),
                Permission::Consent => match guard_note(cx, &candidate, guarded, bit) {
                    Some(note) => (false, Some(note)),
                    None => (true, None),
                },
            };
            let key = (candidate.sink.span, candidate.label, party);
            let replace = match verdicts.get(&key) {
                None => true,
                // Any unguarded path makes the sink call a violation; among equals, the
                // shorter path explains it best.
                Some(existing) => {
                    (violated && !existing.violated)
                        || (violated == existing.violated
                            && crate::propagate::better_trace(
                                &candidate.trace,
                                &existing.candidate.trace,
                            ))
                }
            };
            if replace {
                verdicts.insert(
                    key,
                    Verdict {
                        violated,
                        candidate: candidate.clone(),
                        guard_note,
                    },
                );
            }
        }
    }
    let mut judged = Judged {
        violations: Vec::new(),
        flows: Vec::new(),
        flows_by_label,
        used_allow_flows: BTreeSet::new(),
    };
    // In the order of their keys, whatever order the candidates came in; each rendered
    // (locations, paths) on its own, in parallel.
    let mut verdicts: Vec<_> = verdicts.into_iter().collect();
    verdicts.sort_unstable_by_key(|(key, _)| *key);
    let rendered: Vec<Rendered> = verdicts
        .par_iter()
        .map(|(key, verdict)| render(cx, *key, verdict))
        .collect();
    for (flow, violation, used) in rendered {
        judged.flows.push(flow);
        judged.violations.extend(violation);
        judged.used_allow_flows.extend(used);
    }
    judged
}

/// A verdict as the report shows it: its flow, its violation if it is one, and the
/// function whose `allow_flow` suppressed it.
type Rendered = (Flow, Option<Violation>, Option<FnId>);

fn render(cx: &Cx, (span, label_id, party): (Span, LabelId, usize), verdict: &Verdict) -> Rendered {
    let program = cx.program;
    let label = &program.labels[label_id.index()];
    let party_name = program.parties[party].clone();
    let sink = Sink {
        location: cx.location(span),
        function: verdict.candidate.sink.function.clone(),
    };
    let source = cx.label_location(&label.origin);
    let path = cx.steps(&verdict.candidate.trace);
    let code = match label.permissions[party] {
        Permission::Deny => Code::DeniedFlow,
        _ => Code::ConsentWithoutCheck,
    };
    let mut used = None;
    let suppressed = if verdict.violated {
        cx.enclosing(span).and_then(|f| {
            let (reason, attr) = program.fns[f.index()].roles.allow_flow.clone()?;
            used = Some(f);
            Some(Suppression {
                reason,
                location: cx.location(attr),
            })
        })
    } else {
        None
    };
    let outcome = match (&verdict.guard_note, verdict.violated) {
        (_, true) => Outcome::Violation(code),
        (Some(note), false) => Outcome::Guarded { note: note.clone() },
        (None, false) => Outcome::Allowed,
    };
    let flow = Flow {
        category: label.category.clone(),
        party: party_name.clone(),
        source: source.clone(),
        source_item: label.item.clone(),
        sink: sink.clone(),
        path: path.clone(),
        outcome,
        suppressed: suppressed.clone(),
    };
    if !verdict.violated {
        return (flow, None, used);
    }
    let message = match code {
        Code::DeniedFlow if label.by_default & (1 << party) != 0 => format!(
            "{} reaches {party_name}, which its label does not allow (the party's default is deny)",
            label.category
        ),
        Code::DeniedFlow => format!(
            "{} reaches {party_name}, which its label denies",
            label.category
        ),
        _ => format!(
            "{} of a user who may have opted out reaches {party_name} without a consent check",
            label.category
        ),
    };
    let enclosing = cx
        .enclosing(span)
        .map_or(String::new(), |f| program.fns[f.index()].path.clone());
    let violation = Violation {
        code,
        message,
        category: Some(label.category.clone()),
        party: Some(party_name),
        source,
        source_item: label.item.clone(),
        sink: Some(sink),
        path,
        suppressed,
        fingerprint: enclosing,
    };
    (flow, Some(violation), used)
}

/// What `judge_flows` reads of a group flow's candidates besides their sink and trace:
/// group flows with the same are judged alike (see `propagate::group::expand`). `None` for
/// one that is skipped (reported by the callers).
pub fn judged_alike(
    flow: &GroupFlow,
    guarded: &Guarded,
    by_callers: &[bool],
) -> Option<(PartySet, PartySet, bool, Option<FnId>, bool)> {
    let f = flow.discovered_in;
    if flow.via_param() && by_callers[f.index()] {
        return None;
    }
    // Only a guarded caller's note names the function.
    let named = (guarded.of(f, flow.returned) != 0).then_some(f);
    Some((
        flow.guards,
        flow.consented(),
        flow.via_param(),
        named,
        flow.returned,
    ))
}

/// Why a consent flow is guarded, if it is: a check around the sink call or on the path, a
/// consent filter the value passed, or callers that all check.
fn guard_note(cx: &Cx, candidate: &Candidate, guarded: &Guarded, bit: PartySet) -> Option<String> {
    if candidate.guards & bit != 0 {
        return Some("under a consent check".into());
    }
    if candidate.consented & bit != 0 {
        return Some("filtered by a consent check".into());
    }
    if guarded.of(candidate.discovered_in, candidate.returned) & bit != 0 {
        let name = &cx.program.fns[candidate.discovered_in.index()].path;
        return Some(match candidate.returned {
            true => format!("every call of what `{name}` returns checks consent"),
            false => format!("every caller of `{name}` checks consent"),
        });
    }
    None
}
