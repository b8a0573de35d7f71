//! Guarded callers: a function runs only under a consent check for `p` when every call to it
//! in the checked code is guarded for `p`, by a check at the call or because its caller is
//! itself guarded. A function nobody calls is an entry point and is not guarded.

use crate::program::{PartySet, Program};
use crate::propagate::CallSite;

/// For each function, the parties it is guarded for. The greatest fixpoint: start from
/// "guarded for everything" for every called function and remove what an unguarded call
/// refutes, so recursion through guarded entries stays guarded.
pub fn guarded_functions(program: &Program, calls: &[CallSite]) -> Vec<PartySet> {
    let mut incoming: Vec<Vec<&CallSite>> = vec![Vec::new(); program.fns.len()];
    for call in calls {
        incoming[call.callee.index()].push(call);
    }
    let mut guarded: Vec<PartySet> = incoming
        .iter()
        .map(|calls| if calls.is_empty() { 0 } else { PartySet::MAX })
        .collect();
    loop {
        let mut changed = false;
        for (callee, calls) in incoming.iter().enumerate() {
            if calls.is_empty() {
                continue;
            }
            let next = calls.iter().fold(PartySet::MAX, |acc, call| {
                acc & (call.guards | guarded[call.caller.index()])
            });
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
