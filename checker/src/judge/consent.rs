//! Guarded callers: a function runs only under a consent check for `p` when every call to it
//! in the checked code is guarded for `p`, by a check at the call or because its caller is
//! itself guarded. A function nobody calls is an entry point and is not guarded.

use crate::program::{FnId, PartySet, Program};
use crate::propagate::CallSite;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use rustc_hash::FxHashMap as HashMap;

/// For each function, the parties it is guarded for: where it runs (`here`), and where
/// what it returns runs (`returned`: its closures and function items run where its callers
/// call what they got, see `CallSite::result_guards`).
pub struct Guarded {
    pub here: Vec<PartySet>,
    pub returned: Vec<PartySet>,
}

impl Guarded {
    /// The parties a flow found in `f` is guarded for by `f`'s callers.
    pub fn of(&self, f: FnId, returned: bool) -> PartySet {
        match returned {
            true => self.returned[f.index()],
            false => self.here[f.index()],
        }
    }
}

/// The greatest fixpoint: start from "guarded for everything" for every called function
/// and remove what an unguarded call refutes, so recursion through guarded entries stays
/// guarded. Functions that only call one another (recursion nobody outside it calls) are
/// entry points: their first call comes from outside the checked code, unguarded.
///
/// Calls that share a callee list (dispatch to many impls) are met once per list, not once
/// per impl, so the work stays linear in the number of calls.
pub fn guarded_functions(groups: &CallGroups) -> Guarded {
    let entered = &groups.entered;
    let here: Vec<PartySet> = (groups.of_callee.iter().zip(entered))
        .map(|(groups, entered)| match groups.is_empty() || !entered {
            true => 0,
            false => PartySet::MAX,
        })
        .collect();
    let mut guarded = Guarded {
        returned: here.clone(),
        here,
    };
    loop {
        // Per group, where its callees run and where what they return runs.
        let at_group: Vec<(PartySet, PartySet)> = groups
            .sites
            .iter()
            .map(|sites| {
                sites
                    .iter()
                    .fold((PartySet::MAX, PartySet::MAX), |(here, returned), call| {
                        let caller = guarded.of(call.caller, call.returned);
                        (
                            here & (call.guards | caller),
                            returned & (call.result_guards | caller),
                        )
                    })
            })
            .collect();
        let mut changed = false;
        for (callee, of_callee) in groups.of_callee.iter().enumerate() {
            if of_callee.is_empty() || !entered[callee] {
                continue;
            }
            let (here, returned) = (of_callee.iter()).fold(
                (PartySet::MAX, PartySet::MAX),
                |(here, returned), group| {
                    (here & at_group[*group].0, returned & at_group[*group].1)
                },
            );
            if (here, returned) != (guarded.here[callee], guarded.returned[callee]) {
                guarded.here[callee] = here;
                guarded.returned[callee] = returned;
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
/// A function nobody calls (an entry point, see `guarded_functions`), or one called where
/// they are not derived again, reports them.
pub fn reported_by_callers(groups: &CallGroups) -> Vec<bool> {
    let rederived: Vec<bool> = groups
        .sites
        .iter()
        .map(|sites| sites.iter().all(|call| call.rederives))
        .collect();
    (groups.of_callee.iter().zip(&groups.entered))
        .map(|(of, entered)| !of.is_empty() && *entered && of.iter().all(|group| rederived[*group]))
        .collect()
}

/// Call sites grouped by their callee list, built once for both judgements above.
pub struct CallGroups<'c> {
    sites: Vec<Vec<&'c CallSite>>,
    /// For each function, the groups that call it.
    of_callee: Vec<Vec<usize>>,
    /// For each function, whether a call reaches it from outside its recursion (see
    /// `entered_from_outside`).
    entered: Vec<bool>,
}

impl<'c> CallGroups<'c> {
    /// A default method run as an impl's is judged as its declaration: one function, called
    /// wherever the method is called on any type (see `Program::default_method`).
    pub fn new(program: &Program, calls: impl Iterator<Item = &'c CallSite>) -> CallGroups<'c> {
        let mut index: HashMap<&[FnId], usize> = HashMap::default();
        // The same lists by address: a list shared by many calls (a method name called
        // everywhere, a `dyn` call's impls) is found again without hashing it.
        let mut by_address: HashMap<*const FnId, usize> = HashMap::default();
        let mut sites: Vec<Vec<&CallSite>> = Vec::new();
        let mut of_callee: Vec<Vec<usize>> = vec![Vec::new(); program.fns.len()];
        for call in calls {
            let address = call.callees.as_ptr();
            let group = match by_address.get(&address) {
                Some(group) => *group,
                None => {
                    let group = *index.entry(&call.callees).or_insert_with(|| {
                        for callee in call.callees.iter() {
                            of_callee[program.written(*callee).index()].push(sites.len());
                        }
                        sites.push(Vec::new());
                        sites.len() - 1
                    });
                    by_address.insert(address, group);
                    group
                }
            };
            sites[group].push(call);
        }
        for f in 0..of_callee.len() {
            let written = program.written(FnId(f as u32)).index();
            if written != f {
                of_callee[f] = of_callee[written].clone();
            }
        }
        let mut groups = CallGroups {
            sites,
            of_callee,
            entered: Vec::new(),
        };
        groups.entered = groups.entered_from_outside();
        groups
    }

    /// Per function, whether a call reaches it from outside the calls of its recursive
    /// component: false for the members of a component that only they call (`fn retry()`
    /// calling only itself, `ping` and `pong` calling only each other), whose first call
    /// comes from outside the checked code. Components of functions and callee lists (a
    /// caller → its call's list → each callee), so dispatch stays linear.
    fn entered_from_outside(&self) -> Vec<bool> {
        let functions = self.of_callee.len();
        let mut graph: DiGraph<(), ()> =
            DiGraph::with_capacity(functions + self.sites.len(), functions);
        for _ in 0..functions + self.sites.len() {
            graph.add_node(());
        }
        for (group, sites) in self.sites.iter().enumerate() {
            let list = NodeIndex::new(functions + group);
            for call in sites {
                graph.add_edge(NodeIndex::new(call.caller.index()), list, ());
            }
        }
        for (callee, of_callee) in self.of_callee.iter().enumerate() {
            for group in of_callee {
                graph.add_edge(
                    NodeIndex::new(functions + group),
                    NodeIndex::new(callee),
                    (),
                );
            }
        }
        let mut entered = vec![true; functions];
        let mut component = vec![usize::MAX; graph.node_count()];
        for (index, members) in petgraph::algo::tarjan_scc(&graph).iter().enumerate() {
            for node in members {
                component[node.index()] = index;
            }
            // One node with no edge to itself is no recursion.
            if members.len() < 2 {
                continue;
            }
            let closed = members.iter().all(|node| {
                (graph.neighbors_directed(*node, Direction::Incoming))
                    .all(|from| component[from.index()] == index)
            });
            if closed {
                for node in members.iter().filter(|node| node.index() < functions) {
                    entered[node.index()] = false;
                }
            }
        }
        entered
    }
}
