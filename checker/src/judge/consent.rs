//! Guarded callers: a function runs only under a consent check for `p` when every call to it
//! in the checked code is guarded for `p`, by a check at the call or because its caller is
//! itself guarded. A function nobody calls is an entry point and is not guarded.

use crate::program::{FnId, PartySet, Program};
use crate::propagate::CallSite;
use rustc_hash::FxHashMap as HashMap;

/// For each function, the parties it is guarded for. The greatest fixpoint: start from
/// "guarded for everything" for every called function and remove what an unguarded call
/// refutes, so recursion through guarded entries stays guarded.
///
/// Calls that share a callee list (dispatch to many impls) are met once per list, not once
/// per impl, so the work stays linear in the number of calls.
pub fn guarded_functions(groups: &CallGroups) -> Vec<PartySet> {
    let mut guarded: Vec<PartySet> = groups
        .of_callee
        .iter()
        .map(|groups| if groups.is_empty() { 0 } else { PartySet::MAX })
        .collect();
    loop {
        let at_group: Vec<PartySet> = groups
            .sites
            .iter()
            .map(|sites| {
                sites.iter().fold(PartySet::MAX, |acc, call| {
                    acc & (call.guards | guarded[call.caller.index()])
                })
            })
            .collect();
        let mut changed = false;
        for (callee, of_callee) in groups.of_callee.iter().enumerate() {
            if of_callee.is_empty() {
                continue;
            }
            let next = of_callee
                .iter()
                .fold(PartySet::MAX, |acc, group| acc & at_group[*group]);
            if next != guarded[callee] {
                guarded[callee] = next;
                changed = true;
            }
        }
        if !changed {
            return guarded;
        }
    }
}

/// Functions whose labels derived from their parameters' declared types are reported by
/// their callers: every call to them derives those labels again (see `Fact::via_param`).
/// A function nobody calls, or one called where they are not derived again, reports them.
pub fn reported_by_callers(groups: &CallGroups) -> Vec<bool> {
    let rederived: Vec<bool> = groups
        .sites
        .iter()
        .map(|sites| sites.iter().all(|call| call.rederives))
        .collect();
    groups
        .of_callee
        .iter()
        .map(|of| !of.is_empty() && of.iter().all(|group| rederived[*group]))
        .collect()
}

/// Call sites grouped by their callee list, built once for both judgements above.
pub struct CallGroups<'c> {
    sites: Vec<Vec<&'c CallSite>>,
    /// For each function, the groups that call it.
    of_callee: Vec<Vec<usize>>,
}

impl<'c> CallGroups<'c> {
    pub fn new(program: &Program, calls: impl Iterator<Item = &'c CallSite>) -> CallGroups<'c> {
        let mut index: HashMap<&[FnId], usize> = HashMap::default();
        let mut sites: Vec<Vec<&CallSite>> = Vec::new();
        let mut of_callee: Vec<Vec<usize>> = vec![Vec::new(); program.fns.len()];
        for call in calls {
            let group = *index.entry(&call.callees).or_insert_with(|| {
                for callee in call.callees.iter() {
                    of_callee[callee.index()].push(sites.len());
                }
                sites.push(Vec::new());
                sites.len() - 1
            });
            sites[group].push(call);
        }
        CallGroups { sites, of_callee }
    }
}
