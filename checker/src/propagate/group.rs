//! Calls that may run many things at once, as one: a `Group` (the impls of a `dyn Trait`,
//! generic or unknown receiver; the escaped closures a callable of unknown origin may be)
//! and the `GroupFlow`s its calls record, which judgement expands.

use super::{domain, Candidate, Summary};
use crate::ir::Name;
use crate::program::{FnId, LabelId, PartySet, Program};
use domain::Fact;
use rustc_hash::FxHashMap as HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// What one call may run when it may run many things: the impls of a `dyn Trait`, generic
/// or unknown receiver (`Interp::call_merged`), or the closures a callable of unknown origin
/// may be (`Escaped`). Their summaries joined, built once and shared by every such call.
#[derive(Debug)]
pub struct Group {
    pub of: GroupOf,
    /// For a group of impls, their summaries it was built from (`None`: not computed yet);
    /// it keeps them, so their addresses are not reused while it is kept.
    pub(super) built_from: Vec<Option<Arc<Summary>>>,
    pub summary: Summary,
    /// The argument parts its reaches read, each once.
    pub(super) parts: Vec<(u16, Arc<[Name]>)>,
    /// The longest trace of its reaches.
    longest: u32,
    /// For a group of impls in a recursive component, what the next group of the same impls
    /// starts from (see `rejoin`); taken by the first rebuild.
    base: Mutex<Option<Base>>,
}

/// The join a group of impls was built from, before its shaping for calls, and the solve it
/// belongs to (named by the solve's placeholder summary, see `Summaries::get`).
#[derive(Debug)]
pub(super) struct Base {
    pub(super) solve: Arc<Summary>,
    pub(super) joined: Summary,
}

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum GroupOf {
    Impls(Arc<[FnId]>),
    /// The escaped closures of this arity stored into one of these fields (any field when
    /// none is known).
    Closures {
        arity: usize,
        fields: Vec<Name>,
    },
}

impl Group {
    /// For a group of impls, each impl and its summary the group was built from.
    pub(super) fn reads(&self) -> impl Iterator<Item = (FnId, Option<&Arc<Summary>>)> {
        let callees: &[FnId] = match &self.of {
            GroupOf::Impls(callees) => callees,
            GroupOf::Closures { .. } => &[],
        };
        callees
            .iter()
            .copied()
            .zip(self.built_from.iter().map(Option::as_ref))
    }

    pub(super) fn new(
        of: GroupOf,
        built_from: Vec<Option<Arc<Summary>>>,
        summary: Summary,
        base: Option<Base>,
    ) -> Group {
        let mut parts: Vec<(u16, Arc<[Name]>)> = (summary.reaches.iter())
            .map(|reach| (reach.slot, reach.path.clone()))
            .collect();
        parts.sort();
        parts.dedup();
        let longest = (summary.reaches.iter())
            .map(|reach| domain::trace_len(&reach.fact.trace))
            .max()
            .unwrap_or(0);
        Group {
            of,
            built_from,
            summary,
            parts,
            longest,
            base: Mutex::new(base),
        }
    }

    /// The join of the summaries `now`, from the last group of the same impls where it can.
    /// Within one solve a member's summary only grows (each includes the last, see
    /// `Summary::join`), so where every summary that changed was already a real one, the
    /// last join joined with the new summaries is the join of them all (where a bound
    /// widens, the other order may widen more: it covers that join, never less). A
    /// placeholder or missing summary that became real is not included that way (a
    /// placeholder holds no reaches but ensures nothing), so that needs the full join.
    pub(super) fn rejoin(
        stale: Option<&Group>,
        now: &[Option<Arc<Summary>>],
        placeholder: &Arc<Summary>,
    ) -> Summary {
        if let Some(joined) = Group::from_base(stale, now, placeholder) {
            return joined;
        }
        let mut found = now.iter().flatten();
        let mut joined = found.next().map(|s| (**s).clone()).unwrap_or_default();
        joined.join_all(found.map(|s| &**s));
        joined
    }

    /// The last group's join with the summaries that changed since, where that is the join
    /// of `now` (see `rejoin`).
    fn from_base(
        stale: Option<&Group>,
        now: &[Option<Arc<Summary>>],
        placeholder: &Arc<Summary>,
    ) -> Option<Summary> {
        let stale = stale?;
        let base = stale.base.lock().ok()?.take()?;
        if !Arc::ptr_eq(&base.solve, placeholder) || stale.built_from.len() != now.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (was, is) in stale.built_from.iter().zip(now) {
            match (was, is) {
                _ if same(was.as_ref(), is.as_ref()) => {}
                (Some(was), Some(is)) if !Arc::ptr_eq(was, placeholder) => changed.push(&**is),
                _ => return None,
            }
        }
        let mut joined = base.joined;
        joined.join_all(changed);
        Some(joined)
    }
}

/// The same summary, by address: a group stays valid while every summary it read stands.
pub(super) fn same(a: Option<&Arc<Summary>>, b: Option<&Arc<Summary>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// The impls one call of many may run (`Interp::call_each`), split once per list for every
/// call of it: a receiver of unknown type may be any of the crate's methods of a name, so
/// such lists grow with the crate, and so does the number of calls with one.
#[derive(Debug)]
pub struct Fanout {
    /// The impls without roles, run through their joined summary (`Interp::call_merged`).
    pub plain: Arc<[FnId]>,
    /// The impls with roles (sinks, sources, checks), each run on its own.
    pub special: Vec<FnId>,
    /// The parameters every plain impl only calls (see `ir::Body::called`).
    pub called: u64,
    /// The parameters whose parts every plain impl only calls (see `ir::Body::through`).
    pub through: u64,
}

/// Every `Fanout` of one check, by its list.
#[derive(Default)]
pub struct Fanouts(Mutex<HashMap<Arc<[FnId]>, Arc<Fanout>>>);

impl Fanouts {
    pub fn of(&self, program: &Program, targets: &[FnId]) -> Arc<Fanout> {
        if let Some(found) = self
            .0
            .lock()
            .ok()
            .and_then(|known| known.get(targets).cloned())
        {
            return found;
        }
        let (plain, special): (Vec<FnId>, Vec<FnId>) =
            (targets.iter()).partition(|f| program.fns[f.index()].roles.is_empty());
        let (called, through) = (plain.iter())
            .filter_map(|f| program.fns[f.index()].ir.body.as_ref())
            .map(|body| (body.called, body.through))
            .reduce(|(called, through), (c, t)| (called & c, through & t))
            .unwrap_or((0, 0));
        let fanout = Arc::new(Fanout {
            plain: plain.into(),
            special,
            called,
            through,
        });
        if let Ok(mut known) = self.0.lock() {
            known.insert(targets.into(), fanout.clone());
        }
        fanout
    }
}

/// A label passed at a call of a `Group`: it reaches every sink of the group's summary that
/// reads its argument part. Kept as one flow per call and label rather than one candidate
/// per sink, so that n such calls of m impls hold n + m facts, not n × m;
/// `expand` turns them into candidates for `judge`.
#[derive(Clone, Debug)]
pub struct GroupFlow {
    pub group: Arc<Group>,
    pub slot: u16,
    pub path: Arc<[Name]>,
    pub label: LabelId,
    /// Consent checks that held at the call.
    pub guards: PartySet,
    /// The label's fact in the argument, its trace up to the call.
    pub(super) fact: Fact,
    pub discovered_in: FnId,
    /// Found running what the function returns (see `CallSite::returned`).
    pub returned: bool,
}

impl GroupFlow {
    pub fn consented(&self) -> PartySet {
        self.fact.consented
    }

    pub fn via_param(&self) -> bool {
        self.fact.via_param
    }

    /// The candidate flows this one stands for, one per sink the label reaches: each as
    /// `Interp::apply_reach` records a reach's labels at a call.
    fn candidates<'g>(&'g self, program: &'g Program) -> impl Iterator<Item = Candidate> + 'g {
        let category = &program.labels[self.label.index()].category;
        self.group
            .summary
            .reaches
            .iter()
            .filter(move |reach| {
                reach.slot == self.slot
                    && reach.path == self.path
                    && !reach.fact.strip.removes(category)
            })
            .map(move |reach| Candidate {
                sink: reach.sink.clone(),
                label: self.label,
                guards: reach.guards | self.guards,
                consented: self.fact.consented | reach.fact.consented,
                trace: domain::concat(&self.fact.trace, &reach.fact.trace),
                discovered_in: self.discovered_in,
                via_param: self.fact.via_param,
                returned: self.returned,
            })
    }
}

/// The candidate flows of group flows. Those that `judged` says are judged alike (the same
/// marks; it returns `None` for one judgement skips) expand to the same candidates but for
/// their traces, and of those the verdict keeps the best: only the group flow with the
/// best trace is expanded (a trace compares as its concatenation with the same reach's
/// does while neither is cut at `MAX_TRACE`, so longer ones are all expanded). This keeps
/// judgement linear where n calls reach a group of m sinks.
pub(super) fn expand<'g, K: Hash + Eq>(
    flows: impl Iterator<Item = &'g GroupFlow>,
    program: &'g Program,
    judged: impl Fn(&GroupFlow) -> Option<K>,
) -> impl Iterator<Item = Candidate> + 'g {
    let mut kept: Vec<&GroupFlow> = Vec::new();
    let mut best: HashMap<(usize, u16, &[Name], LabelId, K), usize> = HashMap::default();
    for flow in flows {
        let Some(marks) = judged(flow) else {
            continue;
        };
        if domain::trace_len(&flow.fact.trace) + flow.group.longest > domain::MAX_TRACE {
            kept.push(flow);
            continue;
        }
        let group = Arc::as_ptr(&flow.group) as usize;
        let key = (group, flow.slot, &*flow.path, flow.label, marks);
        match best.get(&key) {
            Some(&index) => {
                if domain::better(&flow.fact.trace, &kept[index].fact.trace) {
                    kept[index] = flow;
                }
            }
            None => {
                best.insert(key, kept.len());
                kept.push(flow);
            }
        }
    }
    kept.into_iter()
        .flat_map(move |flow| flow.candidates(program))
}

/// Groups of impls by their callees, and whether the summaries each was built from are all
/// final.
pub type SharedGroups = HashMap<Vec<FnId>, (bool, Arc<Group>)>;
