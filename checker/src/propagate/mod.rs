//! Propagate: function summaries computed bottom-up over the call graph's strongly
//! connected components, each to a fixpoint; independent components of one level in
//! parallel. The output is every candidate flow (a label reaching a sink call) and every
//! call site with the consent guards that held there, for `judge`.

mod domain;
mod group;
mod interp;
mod memo;
mod models;
mod objects;
mod relevance;

pub use domain::{better as better_trace, Trace};
use group::{Fanouts, SharedGroups};
pub use group::{Group, GroupFlow, GroupOf};
pub use interp::trace_of;
pub use memo::Memo;
use memo::{Analysed, Inputs, Pass, Text};

use crate::ir::{self, Expr, Name, Span};
use crate::program::{Def, FnId, LabelId, PartySet, Program, Resolved, TyKey};
use crate::timing::Timing;
use domain::{Fact, Val};
use petgraph::graph::{DiGraph, NodeIndex};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::collections::VecDeque;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Iterations of one component before its fixpoint is declared not reached.
const SCC_LIMIT: usize = 64;
/// Changes of one summary in a recursive component before its values are widened (fields
/// folded into facts): recursion through wide types otherwise grows them level by level.
const WIDEN_AFTER: usize = 3;

/// A sink call: where it is (the callee's name), what it calls, which parties it reaches.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SinkSite {
    pub span: Span,
    pub function: String,
    pub parties: PartySet,
}

/// A parameter of a function (projected on `path`) reaches a sink call, under `guards`.
#[derive(Clone, PartialEq, Debug)]
pub struct Reach {
    pub slot: u16,
    pub path: Arc<[Name]>,
    pub sink: Arc<SinkSite>,
    pub guards: PartySet,
    pub fact: Fact,
}

/// What a function does with its arguments, in terms of its parameters.
#[derive(Clone, PartialEq, Default, Debug)]
pub struct Summary {
    pub ret: Val,
    /// Parameters written through, with their value at exit.
    pub writes: Vec<(u16, Val)>,
    /// The parts of its result that borrow its parameters' places, sorted.
    pub lends: Vec<Lent>,
    pub reaches: Vec<Reach>,
    /// What it writes into statics (`static CACHE: Mutex<Vec<String>>`), by static.
    pub statics: Vec<(FnId, Val)>,
    /// Its calls of its parameters and of their parts.
    pub calls: Vec<ParamCall>,
    /// The parties whose consent checks passed wherever it returns: code after a call runs
    /// only where they did (`fn require_consent(u: &User) { assert!(shares(u)) }`).
    pub ensures: PartySet,
}

/// A part of a function's result that borrows a parameter's place: part `0` of `(&mut
/// self.left, ..)` is parameter 0 at `left`, and the items of `vec![&mut self.left].into_iter()`
/// or `other` returned whole are such parts too. Writes through that part of the result
/// land in the place the caller's argument is (or borrows) there.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Lent {
    /// The part of the result.
    pub from: Vec<Name>,
    pub slot: u16,
    /// The part of the parameter's place.
    pub path: Vec<Name>,
}

impl Lent {
    /// Adds `lent` unless it is there. Its paths stop at `MAX_DEPTH`, where a value's
    /// fields do: what a recursive function returns from ever deeper parts
    /// (`c.deepest()` of each `c` of `self.children`) settles there.
    pub fn add(lends: &mut Vec<Lent>, mut lent: Lent) {
        lent.from.truncate(domain::MAX_DEPTH);
        lent.path.truncate(domain::MAX_DEPTH);
        if !lends.contains(&lent) {
            lends.push(lent);
        }
    }
}

/// A call of a parameter, `f(&u.phone)` in `fn if_consented(u: &User, f: impl FnOnce(&str))`,
/// or of a part of one, `(c.sink)(..)`: a closure the caller passes there runs at the caller
/// with these arguments under these checks. Where the function only calls the parameter
/// (`ir::Body::called`) that is all it does with it; otherwise the caller also runs it as
/// one that escapes (with every argument, unchecked).
#[derive(Clone, PartialEq, Debug)]
pub struct ParamCall {
    pub slot: u16,
    /// The part of the parameter called (`[sink]` of `(c.sink)(..)`), empty for itself.
    pub path: Vec<Name>,
    /// A call of some part under `path` (or of it): the calls of more parts than
    /// `MAX_PART_CALLS` joined into one (see `join_call`).
    pub under: bool,
    pub args: Vec<Val>,
    pub guards: PartySet,
}

/// Calls of parts of one parameter a summary keeps apart. A part passed on records the
/// callee's calls again under its own path (`self.0.parse_next(i)` of a tuple's impl of
/// a trait whose impls call `self.parser`, `self.1`, ..): through a generic call's impls
/// those paths multiply into every combination of their fields up to `MAX_DEPTH`.
const MAX_PART_CALLS: usize = 8;

impl ParamCall {
    /// What summaries are sorted by.
    fn key(&self) -> (u16, &[Name], bool, PartySet) {
        (self.slot, &self.path, self.under, self.guards)
    }

    /// Of a part, not of the parameter itself.
    fn of_part(&self) -> bool {
        self.under || !self.path.is_empty()
    }

    /// Whether joining `other` into it loses nothing: the same call under the same checks,
    /// or one of a part under its path.
    fn covers(&self, other: &ParamCall) -> bool {
        self.slot == other.slot
            && match self.under {
                true => other.of_part() && other.path.starts_with(&self.path),
                false => self.path == other.path && !other.under && self.guards == other.guards,
            }
    }

    /// Joins `other`'s arguments into its own, under the checks both hold.
    fn absorb(&mut self, other: &ParamCall) {
        self.guards &= other.guards;
        for (index, arg) in other.args.iter().enumerate() {
            match self.args.get_mut(index) {
                Some(existing) => {
                    existing.join(arg);
                }
                None => self.args.push(arg.clone()),
            }
        }
        self.fold_under();
    }

    /// A call of some part under a path stands for calls of many parts, given arguments of
    /// many shapes: it keeps them folded (every caller instantiates them at every call).
    fn fold_under(&mut self) {
        if self.under {
            for arg in &mut self.args {
                arg.shrink(1);
            }
        }
    }
}

impl Summary {
    /// Equal, paths included (see `Val::identical`).
    fn identical(&self, other: &Summary) -> bool {
        self == other
            && self.ret.identical(&other.ret)
            && (self.writes.iter().zip(&other.writes)).all(|((_, a), (_, b))| a.identical(b))
            && (self.statics.iter().zip(&other.statics)).all(|((_, a), (_, b))| a.identical(b))
            && (self.reaches.iter().zip(&other.reaches)).all(|(a, b)| a.fact.trace == b.fact.trace)
            && (self.calls.iter().zip(&other.calls))
                .all(|(a, b)| a.args.iter().zip(&b.args).all(|(a, b)| a.identical(b)))
    }

    /// Joins another analysis of the same function: in a recursive component each new
    /// summary includes the last, so the sequence only grows and reaches its fixpoint.
    fn join(&mut self, other: &Summary) {
        self.join_all([other]);
    }

    /// Joins several summaries into this one (the impls one call may reach, see
    /// `Interp::call_merged`); reaches of one parameter part to one sink become one.
    fn join_all<'s>(&mut self, others: impl IntoIterator<Item = &'s Summary>) {
        type Key = (u16, Arc<[Name]>, Span, PartySet);
        let key = |r: &Reach| -> Key { (r.slot, r.path.clone(), r.sink.span, r.sink.parties) };
        let mut index: HashMap<Key, usize> = self
            .reaches
            .iter()
            .enumerate()
            .map(|(i, r)| (key(r), i))
            .collect();
        for other in others {
            self.ensures &= other.ensures;
            self.ret.join(&other.ret);
            for (slot, value) in &other.writes {
                join_keyed(&mut self.writes, *slot, value);
            }
            for lent in &other.lends {
                Lent::add(&mut self.lends, lent.clone());
            }
            for (g, value) in &other.statics {
                join_keyed(&mut self.statics, *g, value);
            }
            for call in &other.calls {
                join_call(&mut self.calls, call);
            }
            for reach in &other.reaches {
                match index.get(&key(reach)) {
                    Some(&i) => {
                        let existing = &mut self.reaches[i];
                        existing.guards &= reach.guards;
                        existing.fact.join(&reach.fact);
                    }
                    None => {
                        index.insert(key(reach), self.reaches.len());
                        self.reaches.push(reach.clone());
                    }
                }
            }
        }
        self.writes.sort_by_key(|(slot, _)| *slot);
        self.lends.sort();
        self.calls.sort_by(|a, b| a.key().cmp(&b.key()));
        self.statics.sort_by_key(|(g, _)| *g);
    }
}

/// Joins a call of a parameter into the call of that parameter (part) under the same checks,
/// or into a call of some part under a path that holds it. Past `MAX_PART_CALLS`, the calls
/// of parts of the parameter become one call of some part under the path they share,
/// under the checks they all hold.
pub(super) fn join_call(into: &mut Vec<ParamCall>, call: &ParamCall) {
    if let Some(existing) = into.iter_mut().find(|c| c.covers(call)) {
        existing.absorb(call);
        return;
    }
    let mut joined = call.clone();
    let parts: Vec<&ParamCall> = (into.iter())
        .filter(|c| c.slot == call.slot && c.of_part())
        .collect();
    if call.of_part() && parts.len() >= MAX_PART_CALLS {
        joined.under = true;
        for c in parts {
            let shared = (joined.path.iter().zip(&c.path)).take_while(|(a, b)| a == b);
            joined.path.truncate(shared.count());
        }
    }
    // A call of some part under a path holds the calls of the parts under it.
    if joined.under {
        let held;
        (held, *into) = std::mem::take(into)
            .into_iter()
            .partition(|c| joined.covers(c));
        for c in &held {
            joined.absorb(c);
        }
        joined.fold_under();
    }
    into.push(joined);
}

/// Joins `value` into the entry of `key` (a parameter written, a static), or adds one.
fn join_keyed<K: PartialEq>(into: &mut Vec<(K, Val)>, key: K, value: &Val) {
    match into.iter_mut().find(|(k, _)| *k == key) {
        Some((_, existing)) => {
            existing.join(value);
        }
        None => into.push((key, value.clone())),
    }
}

/// A label reaching a sink call, found while analysing `discovered_in`.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub sink: Arc<SinkSite>,
    pub label: LabelId,
    /// Consent checks that held on the path (control guards).
    pub guards: PartySet,
    /// Consent filters the value passed (value guards).
    pub consented: PartySet,
    pub trace: Trace,
    pub discovered_in: FnId,
    /// Derived from a parameter's declared type: the callers report it, if there are any.
    pub via_param: bool,
    /// Found running what the function returns (see `CallSite::returned`).
    pub returned: bool,
}

/// A call from one function of the checked code to others (several when it dispatches to
/// many impls at once), with the guards at the call.
#[derive(Clone, Debug)]
pub struct CallSite {
    pub caller: FnId,
    /// Shared by every call of the same impls, so `dyn Trait` calls stay linear in size.
    pub callees: Arc<[FnId]>,
    /// The group a call of many impls applied (its summaries are what the call read).
    pub group: Option<Arc<Group>>,
    pub guards: PartySet,
    /// The callees' declared parameter types were added to the arguments, so the labels
    /// they derive from them (`Fact::via_param`) are derived again at this call.
    pub rederives: bool,
    /// A function value handed to another crate's code, which calls it (`post(create_user)`
    /// of a router): for what entry points keep in objects, the callee is still one, given
    /// its objects by that code.
    pub outside: bool,
    /// The guards where what the callees return runs: at every call of the local it is
    /// bound to where the caller only calls that local (`let h = make(); if shares(u) {
    /// h(u) }`), at this call otherwise.
    pub result_guards: PartySet,
    /// Made running what the caller returns (a closure, a function item): it runs where
    /// the caller's callers call what they got, so this call is guarded by their
    /// `result_guards`, not by the guards of their calls.
    pub returned: bool,
}

/// A group of impls to build: the summaries now (`None`: not computed yet), and the last
/// group of the same impls if one was built in this pass.
pub type Stale = (Vec<Option<Arc<Summary>>>, Option<Arc<Group>>);

/// The summaries available while analysing one component.
pub struct Summaries<'p> {
    done: &'p [Option<Arc<Summary>>],
    current: &'p HashMap<FnId, Arc<Summary>>,
    component: &'p HashSet<FnId>,
    /// What a member of the component not analysed yet reads as: one per solve, so that
    /// groups built from it stay valid while it stands, and so that it names the solve (see
    /// `Group::rejoin`).
    placeholder: &'p Arc<Summary>,
    /// What escaped in the first pass: closures' reaches, statics' content (see `propagate`).
    pub escaped: &'p Escapes,
    /// Groups of impls with the summaries each was built from, shared by every function of
    /// the level (see `Interp::call_merged`).
    pub shared: &'p Mutex<SharedGroups>,
    /// The lists of impls calls of many run, each split once (see `Fanout`).
    pub fanouts: &'p Fanouts,
    /// Groups of `escaped` closures, shared by every function of the pass.
    pub closure_groups: &'p Mutex<HashMap<GroupOf, Arc<Group>>>,
    /// Steps left for the whole check (see `GLOBAL_BUDGET`).
    pub budget: &'p AtomicU64,
    /// The types that declare labels (see `domain::with_labelled_types`).
    pub labelled: &'p Arc<HashSet<TyKey>>,
    /// Whether the function analysed has callers in the schedule: one nobody calls needs no
    /// summary of what its parameters reach (a call found later adds its edge, see
    /// `run_scheduled`), only its own flows.
    pub summarized: bool,
    /// Whether no call the analysis resolved reaches it (see `Escapes::entries`): what it is
    /// given comes from outside, and what it keeps in objects goes there (see `objects`).
    pub entry: bool,
}

/// Steps of abstract interpretation one check may take in all: past it the check ends
/// with an error rather than running on (hostile or pathological input).
pub const GLOBAL_BUDGET: u64 = 400_000_000;

/// The error of every analysis the spent global budget stopped: one for the check.
pub fn global_budget_message() -> String {
    format!(
        "the analysis exceeded its budget of {GLOBAL_BUDGET} steps for the whole program; the result would be partial"
    )
}

impl Summaries<'_> {
    /// Takes `steps` from the check's budget; false once it is spent.
    pub fn spend(&self, steps: u64) -> bool {
        self.budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(steps)
            })
            .is_ok()
    }

    /// A group of impls built earlier in this pass from the same summaries, if any, or the
    /// summaries to build it from (`None`: not computed yet). One built from final
    /// summaries serves every later call; in a recursive component the members' analyses
    /// share one until a summary in it changes.
    pub fn merged(&self, targets: &[FnId]) -> Result<Arc<Group>, Stale> {
        let reads = || targets.iter().map(|f| self.get(*f)).collect::<Vec<_>>();
        let Ok(shared) = self.shared.lock() else {
            return Err((reads(), None));
        };
        let Some((final_, group)) = shared.get(targets) else {
            return Err((reads(), None));
        };
        if *final_ {
            return Ok(group.clone());
        }
        let now = reads();
        if (group.built_from.iter().zip(&now)).all(|(a, b)| group::same(a.as_ref(), b.as_ref())) {
            Ok(group.clone())
        } else {
            Err((now, Some(group.clone())))
        }
    }

    /// Shares a group of impls with the analyses that read the same summaries, or with
    /// every later one when they are all final.
    pub fn keep_merged(&self, targets: &[FnId], group: &Arc<Group>) {
        let final_ = targets.iter().all(|f| {
            !self.component.contains(f) && self.done.get(f.index()).is_some_and(Option::is_some)
        });
        if let Ok(mut shared) = self.shared.lock() {
            shared.insert(targets.to_vec(), (final_, group.clone()));
        }
    }

    /// What entry points other than `reader` kept in objects of `key` in the last pass (see
    /// `objects`).
    pub fn kept_in(&self, key: &objects::ObjectKey, reader: FnId) -> Option<&Val> {
        self.escaped.kept_in(key, reader)
    }

    /// What is written into static `g` anywhere in the last pass.
    pub fn stored(&self, g: FnId) -> Option<&Val> {
        let statics = &self.escaped.statics;
        let at = statics.binary_search_by_key(&g, |(s, _)| *s).ok()?;
        Some(&statics[at].1)
    }

    /// The group of the escaped closures `of` names (`matches` selects them), built once
    /// per pass.
    pub fn closures(&self, of: GroupOf, matches: impl Fn(&Escaped) -> bool) -> Arc<Group> {
        let build = || {
            let reaches = (self.escaped.closures.iter().filter(|e| matches(e)))
                .map(|e| e.reach.clone())
                .collect();
            let summary = Summary {
                reaches,
                ..Summary::default()
            };
            Arc::new(Group::new(of.clone(), Vec::new(), summary, None))
        };
        match self.closure_groups.lock() {
            Ok(mut groups) => groups.entry(of.clone()).or_insert_with(build).clone(),
            Err(_) => build(),
        }
    }

    /// A function of the component not analysed yet starts from the empty summary.
    pub fn get(&self, f: FnId) -> Option<Arc<Summary>> {
        if let Some(s) = self.current.get(&f) {
            return Some(s.clone());
        }
        if self.component.contains(&f) {
            return Some(self.placeholder.clone());
        }
        self.done.get(f.index()).cloned().flatten()
    }
}

/// Every function's analysis, shared with the `Memo` rather than copied out of it.
#[derive(Default)]
pub struct Propagation {
    /// In the order of the schedule (callees first).
    analyses: Vec<Arc<Analysed>>,
    pub errors: Vec<(FnId, String)>,
}

impl Propagation {
    /// Every label reaching a sink call: those recorded, then those of calls of groups
    /// (see `group::expand`; `judged` tells which group flows judgement treats alike).
    pub fn candidates<'s, K: Hash + Eq>(
        &'s self,
        program: &'s Program,
        judged: impl Fn(&GroupFlow) -> Option<K>,
    ) -> impl Iterator<Item = Cow<'s, Candidate>> + 's {
        let recorded = self
            .analyses
            .iter()
            .flat_map(|a| a.output.candidates.iter());
        let flows = self
            .analyses
            .iter()
            .flat_map(|a| a.output.group_flows.iter());
        let grouped = group::expand(flows, program, judged);
        recorded.map(Cow::Borrowed).chain(grouped.map(Cow::Owned))
    }

    /// Every call between functions of the checked code.
    pub fn calls(&self) -> impl Iterator<Item = &CallSite> {
        self.analyses.iter().flat_map(|a| a.output.calls.iter())
    }
}

/// Propagates labels through `program`. `memo` holds the analyses of an earlier check of
/// the same declarations (see `Memo`); it is updated with this check's.
pub fn propagate(program: &Program, memo: &mut Memo) -> Propagation {
    // Without a label (no annotation, no labelled type or source in the policy) nothing can
    // flow anywhere: there is no candidate to find, and the calls matter to no judgement.
    if program.labels.is_empty() {
        return Propagation::default();
    }
    memo.fit(program.fns.len());
    let stages = Timing::from_env();
    let declared = memo.declared(|| Declared::of(program));
    stages.mark("propagate: declarations");
    let budget = AtomicU64::new(GLOBAL_BUDGET);
    let cx = Context {
        profile: crate::timing::enabled().then(Mutex::default),
        program,
        deep_labels: &declared.deep_labels,
        budget: &budget,
        labelled: &declared.labelled,
        objectful: &declared.objectful,
        fanouts: Fanouts::default(),
        runs: AtomicU64::new(0),
    };
    let none: Arc<Escapes> = Arc::default();
    let mut schedule = cx.first_schedule(memo, &none);
    stages.mark("propagate: schedule");
    if crate::timing::enabled() {
        let largest = schedule.components.iter().map(Vec::len).max().unwrap_or(0);
        let relevant = schedule.relevant.iter().filter(|r| **r).count();
        eprintln!(
            "sharelock timing: {} call edges, {} components, the largest of {largest} functions, {} levels, {relevant} of {} functions relevant",
            schedule.graph.graph.edge_count(),
            schedule.components.len(),
            schedule.levels.len(),
            program.fns.len()
        );
    }
    let mut results = cx.run_scheduled(&mut schedule, &none, memo, Pass::First, &[]);
    stages.mark("propagate: first pass");
    // Closures that run where they were not written (callbacks stored, returned, passed
    // on) are called through values of unknown origin: a second pass applies what each
    // closure's parameters reach there. Likewise what is written into statics is read
    // wherever they are. The analyses that read neither such a call nor a summary that
    // changed are the first pass's (see `Memo`). So is what entry points keep in objects
    // read by the entry points given such objects (see `objects`).
    // A static filled from another static (`B.push(A.join(..))`) holds more after that
    // pass: passes go on while the statics' content grows, up to `STATIC_ROUNDS`; an object
    // filled from another (a builder's `build()`), up to `OBJECT_ROUNDS`.
    // What statics and objects held in the last pass applied.
    let mut last: Option<Contents> = None;
    for round in 0..STATIC_ROUNDS {
        let (texts, kept) = memo.texts_and_kept();
        let held = Held::of(&results, kept, round);
        // Nothing grew in the last pass: another would give the same.
        let grew = last.as_ref().is_none_or(|last| {
            last.statics != held.contents.statics
                || (last.objects != held.contents.objects && round < OBJECT_ROUNDS)
        });
        let escapes = grew.then(|| {
            let first = (round == 0).then(|| (cx.objectful, schedule.called()));
            escapes_of(program, &results, texts, held, first)
        });
        stages.mark("propagate: what escaped");
        let Some(escapes) = escapes.flatten() else {
            break;
        };
        if crate::timing::enabled() {
            eprintln!(
                "sharelock timing: another pass for {} closure reaches, {} statics written and {} types of objects kept",
                escapes.closures.len(),
                escapes.statics.len(),
                escapes.objects.len()
            );
        }
        last = Some(Contents {
            statics: escapes.statics.clone(),
            objects: escapes.objects.clone(),
        });
        let escaped = memo.escaped(escapes);
        results = cx.run_scheduled(&mut schedule, &escaped, memo, Pass::Second, &results);
        stages.mark("propagate: another pass");
    }
    assemble(&schedule, &results)
}

/// Passes after the first, at most: one applies the escaped closures and the statics'
/// content, each further one the content that statics filled from statics gained.
const STATIC_ROUNDS: usize = 4;
/// Passes after the first for what entry points keep in objects: one applies it, the
/// second what entry points given it kept in turn (a builder's setter, `build()`, then the
/// built object's methods). Each pass runs every entry point given a type whose content
/// grew, so deeper chains are not followed.
const OBJECT_ROUNDS: usize = 2;

/// What a pass's analyses left for the next: the closures that escaped, and the contents
/// of statics and objects.
struct Held {
    closures: Vec<Escaped>,
    contents: Contents,
}

/// What each static holds, and what entry points kept in objects.
struct Contents {
    statics: Vec<(FnId, Val)>,
    objects: Vec<objects::Kept>,
}

impl Held {
    fn of(results: &Results, kept: &mut objects::KeptCache, round: usize) -> Held {
        let outputs = || results.iter().flatten().map(|analysed| &analysed.output);
        let closures: Vec<Escaped> = outputs().flat_map(|o| o.escaped.iter().cloned()).collect();
        let mut statics: BTreeMap<FnId, Val> = BTreeMap::new();
        for (g, stored) in outputs().flat_map(|o| &o.stored) {
            statics.entry(*g).or_default().join(stored);
        }
        let written = (results.iter().enumerate())
            .filter_map(|(index, analysed)| Some((FnId(index as u32), analysed.as_ref()?)))
            .filter(|(_, a)| !a.output.kept.is_empty())
            .collect();
        Held {
            closures,
            contents: Contents {
                statics: statics.into_iter().collect(),
                objects: objects::Kept::by_type(written, kept, round),
            },
        }
    }
}

/// What escaped a pass's analyses (`held`), or `None` where nothing reads it (no call of
/// an unknown callable with closures escaped, no read of a static written, no entry point
/// given an object kept, and after the first pass (`first`: which functions are given
/// objects, and which the schedule has callers for) no entry point that pass did not take
/// for one).
fn escapes_of(
    program: &Program,
    results: &Results,
    texts: &[Option<Text>],
    held: Held,
    first: Option<(&[bool], Vec<bool>)>,
) -> Option<Escapes> {
    let Held {
        closures,
        contents: Contents { statics, objects },
    } = held;
    let outputs = || results.iter().flatten().map(|analysed| &analysed.output);
    // The calls resolved, rather than every method of a called name: `Analytics::flush`
    // stays an entry point beside `stdout().flush()`. A recursion (a recursive
    // `emit(self)`, two `into_response()` impls whose tuples' calls may be each other's)
    // that no call from outside enters is made of entry points; one call from outside
    // makes every member called. A function not analysed (it holds nothing labelled)
    // calls what its text names by path or by a method name only one function has.
    let calls: Vec<&CallSite> = (outputs().flat_map(|o| o.calls.iter()))
        .filter(|call| !call.outside)
        .collect();
    let mut graph = CallGraph::new(program.fns.len());
    for call in &calls {
        graph.add(call);
    }
    let mut component = vec![0; graph.graph.node_count()];
    for (index, members) in petgraph::algo::tarjan_scc(&graph.graph).iter().enumerate() {
        for node in members {
            component[node.index()] = index;
        }
    }
    // A default method run as an impl's is entered with its declaration, wherever the method
    // is called on any type (as `judge::consent` judges them).
    // Many calls share one callee list (each call of a trait's method through `dyn`): each
    // list's callees are entered once, from the one component or the several that call it
    // (calls times impls would grow with the square of the crate).
    let mut entered = vec![false; graph.graph.node_count()];
    let mut lists: HashMap<*const FnId, (&[FnId], usize, bool)> = HashMap::default();
    for call in calls {
        let from = component[call.caller.index()];
        let list = lists.entry(call.callees.as_ptr());
        let (_, first, several) = list.or_insert((&call.callees[..], from, false));
        *several |= *first != from;
    }
    for (callees, from, several) in lists.into_values() {
        for f in callees {
            let to = component[program.written(*f).index()];
            entered[to] |= several || to != from;
        }
    }
    let unanalysed = (results.iter().zip(texts))
        .enumerate()
        .filter(|(_, (analysed, _))| analysed.is_none())
        .filter_map(|(f, (_, text))| Some((f, text.as_ref()?)));
    for (f, text) in unanalysed {
        for callee in text.calls.iter().filter_map(|list| match **list {
            [callee] if callee.index() != f => Some(callee),
            _ => None,
        }) {
            entered[component[callee.index()]] = true;
        }
    }
    let mut entries: Vec<bool> = (0..program.fns.len() as u32)
        .map(|f| !entered[component[program.written(FnId(f)).index()]])
        .collect();
    for f in program.drops.values().flatten() {
        entries[f.index()] = false;
    }
    let calls = !closures.is_empty() && outputs().any(|o| o.unknown_calls);
    let reads = !statics.is_empty() && outputs().any(|o| o.reads_statics);
    let given = objects::read_by_entry_points(program, &entries, &objects);
    // After the first pass, whose entry points were the functions with no caller in the
    // schedule: one that only another crate's code calls (a handler handed to a router,
    // `post(create_user)`) is an entry point too, and keeps its objects in the next pass.
    let handed_out = first.is_some_and(|(objectful, called)| {
        (objectful.iter().zip(&called).zip(&entries)).any(|((o, c), e)| *o && *c && *e)
    });
    (calls || reads || given || handed_out).then_some(Escapes {
        closures,
        statics,
        objects,
        entries,
    })
}

/// What every stage of propagation reads.
struct Context<'c, 'a> {
    /// Time spent analysing each function, when profiling (`SHARELOCK_TIMING`).
    profile: Option<Mutex<HashMap<FnId, std::time::Duration>>>,
    program: &'c Program<'a>,
    deep_labels: &'c [Vec<LabelId>],
    budget: &'c AtomicU64,
    labelled: &'c Arc<HashSet<TyKey>>,
    /// Per function, whether it is given or returns an object (see `objects::objectful`).
    objectful: &'c [bool],
    /// The calls of many impls, split once per list (see `Fanout`).
    fanouts: Fanouts,
    /// Analyses run so far (the others were remembered), for `SHARELOCK_TIMING`.
    runs: AtomicU64,
}

/// Passes that found calls their schedule did not order, before the syntactic call graph
/// (every method of a called name) is added to settle it.
const PRECISE_ROUNDS: usize = 3;

impl Context<'_, '_> {
    /// The first pass's schedule. The calls read from the text (every method of a called
    /// name) include every call the analysis can resolve: where they make no cycle, they
    /// are the schedule, and every function is analysed once per pass. A cycle there may
    /// join unrelated impls into a giant component: the schedule is then the calls as the
    /// interpreter resolves them with declared types alone (every function analysed once
    /// with no callee summary; the first pass reuses the analyses that read none).
    /// Only the functions that can hold labelled data are analysed (see `relevance`).
    /// A schedule read from the text alone is the memo's while every function's text stays
    /// the same (see `Memo::read_schedule`).
    fn first_schedule(&self, memo: &mut Memo, none: &Arc<Escapes>) -> Schedule {
        let fns = self.program.fns.len();
        syntactic_calls(self, memo);
        if let Some(read) = memo.read_schedule() {
            return read.clone();
        }
        let text = CallGraph::from_text(self, memo);
        let relevant = relevance::relevant(&text, syntactic_calls(self, memo));
        let read = Schedule::new(text, relevant);
        if !read.recursive.contains(&true) {
            memo.keep_read_schedule(&read);
            return read;
        }
        // With no call edge, every function is a component of its own, all on one level.
        let alone = Schedule::new(CallGraph::new(fns), read.relevant.clone());
        let empty: Vec<Option<Arc<Summary>>> = vec![None; fns];
        // Every summary is kept here: the first pass reuses those that read nothing.
        let called = vec![true; fns];
        let levels = Levels {
            cx: self,
            schedule: &alone,
            called: &called,
            entries: &self.entries(none, &called),
            seeds: &[],
            groups: Mutex::default(),
            closures: Mutex::default(),
        };
        let mut graph = CallGraph::new(fns);
        let analysed = (alone.levels.iter())
            .flat_map(|level| levels.run_level(level, &empty, none, memo, Pass::CallGraph));
        for (_, analysed) in analysed {
            for call in &analysed.output.calls {
                graph.add(call);
            }
        }
        Schedule::new(graph, read.relevant)
    }

    /// Per function, whether it is an entry point that is given or returns objects: no call
    /// the last pass resolved reaches it, or, before any, none in the schedule (`called`).
    fn entries(&self, escaped: &Escapes, called: &[bool]) -> Vec<bool> {
        (self.objectful.iter().enumerate())
            .map(|(index, objectful)| {
                *objectful && escaped.entries.get(index).map_or(!called[index], |e| *e)
            })
            .collect()
    }

    /// Runs a pass and checks its schedule: a call to a function whose summary was not
    /// final yet (a callee found only through a callee's result) adds its edge, and the
    /// pass runs again, until every call used a final summary.
    /// The analyses whose inputs did not change (see `Memo`) are not run again; recursive
    /// components start from the pass before's summaries, `seeds` (see `Inputs::seeds`).
    fn run_scheduled(
        &self,
        schedule: &mut Schedule,
        escaped: &Arc<Escapes>,
        memo: &mut Memo,
        pass: Pass,
        seeds: &[Option<Arc<Analysed>>],
    ) -> Results {
        let mut round = 0;
        loop {
            let mut called = schedule.called();
            // `Drop` impls run wherever a value of their type goes away: called from outside
            // the text, their summaries are read (see `Interp::drop_value`).
            for f in self.program.drops.values().flatten() {
                called[f.index()] = true;
            }
            let levels = Levels {
                cx: self,
                schedule,
                called: &called,
                entries: &self.entries(escaped, &called),
                seeds,
                groups: Mutex::default(),
                closures: Mutex::default(),
            };
            let results = levels.run(escaped, memo, pass);
            // A call of a function the schedule has no caller for was not ordered, and that
            // function kept no summary: its edge is added like any other unordered call's.
            // The node of each callee list by its address, while `results` holds the lists:
            // a list met at many calls is looked up by content once.
            let mut targets = HashMap::default();
            let unordered: Vec<&CallSite> = results
                .iter()
                .flatten()
                .flat_map(|analysed| analysed.output.calls.iter())
                .filter(|call| !schedule.orders(call, &called, &mut targets))
                .collect();
            if let Some(profile) = self.profile.as_ref().and_then(|p| p.lock().ok()) {
                let mut slowest: Vec<_> = profile.iter().collect();
                slowest.sort_by(|a, b| b.1.cmp(a.1));
                for (f, spent) in slowest.into_iter().take(5) {
                    let path = &self.program.fns[f.index()].path;
                    eprintln!("sharelock timing: {spent:.1?} in `{path}`");
                }
                let largest = schedule.components.iter().map(Vec::len).max().unwrap_or(0);
                eprintln!(
                    "sharelock timing: pass {round}: {} levels, largest component {largest}, {} calls out of order, {} analyses run in all, {} steps of the budget spent",
                    schedule.levels.len(),
                    unordered.len(),
                    self.runs.load(Ordering::Relaxed),
                    GLOBAL_BUDGET - self.budget.load(Ordering::Relaxed)
                );
            }
            if unordered.is_empty() || self.budget.load(Ordering::Relaxed) == 0 {
                return results;
            }
            round += 1;
            let mut graph = std::mem::take(&mut schedule.graph);
            for call in unordered {
                graph.add(call);
            }
            if round == PRECISE_ROUNDS {
                graph.add_text(self, memo);
            }
            // What read a summary too early reads it now, so it runs again (see `Memo`).
            *schedule = Schedule::new(graph, std::mem::take(&mut schedule.relevant));
        }
    }
}

/// The calls between functions. Node `i` is function `i`; a node past the functions stands
/// for the callee list of calls of many impls (`dyn Trait`, generics), with an edge to each
/// impl, so that n such calls of m impls are n + m edges, not n × m.
#[derive(Clone, Default)]
struct CallGraph {
    graph: DiGraph<(), ()>,
    fns: usize,
    groups: HashMap<Arc<[FnId]>, NodeIndex>,
    /// The same lists by address, each held so that its address stays its own: a list met
    /// again is found without hashing it (the list of a method name called everywhere is
    /// long, and met at each of its calls).
    by_address: HashMap<usize, (Arc<[FnId]>, NodeIndex)>,
}

impl CallGraph {
    fn new(fns: usize) -> CallGraph {
        let mut graph = DiGraph::with_capacity(fns, fns);
        for _ in 0..fns {
            graph.add_node(());
        }
        CallGraph {
            graph,
            fns,
            groups: HashMap::default(),
            by_address: HashMap::default(),
        }
    }

    /// The node a call of `callees` leads to: its callee, or the node of its callee list.
    fn target(&self, callees: &Arc<[FnId]>) -> Option<NodeIndex> {
        match **callees {
            [callee] => Some(NodeIndex::new(callee.index())),
            _ => match self.by_address.get(&address(callees)) {
                Some((_, node)) => Some(*node),
                None => self.groups.get(callees).copied(),
            },
        }
    }

    /// The calls of every function as read from its text (see `syntactic_calls`).
    fn from_text(cx: &Context, memo: &mut Memo) -> CallGraph {
        let mut graph = CallGraph::new(cx.program.fns.len());
        graph.add_text(cx, memo);
        graph
    }

    fn add_text(&mut self, cx: &Context, memo: &mut Memo) {
        for (from, text) in syntactic_calls(cx, memo).iter().flatten().enumerate() {
            for callees in text.calls.iter() {
                self.add_list(FnId(from as u32), callees);
            }
        }
    }

    fn add(&mut self, call: &CallSite) {
        self.add_list(call.caller, &call.callees);
    }

    fn add_list(&mut self, caller: FnId, callees: &Arc<[FnId]>) {
        let target = match self.target(callees) {
            Some(target) => target,
            None => {
                let node = self.graph.add_node(());
                for callee in callees.iter() {
                    self.graph
                        .add_edge(node, NodeIndex::new(callee.index()), ());
                }
                self.groups.insert(callees.clone(), node);
                node
            }
        };
        if callees.len() > 1 {
            (self.by_address.entry(address(callees))).or_insert_with(|| (callees.clone(), target));
        }
        let caller = NodeIndex::new(caller.index());
        self.graph.update_edge(caller, target, ());
    }
}

fn address(list: &Arc<[FnId]>) -> usize {
    Arc::as_ptr(list) as *const FnId as usize
}

/// The order summaries are computed in: the call graph's strongly connected components,
/// by level (a component's callees are all on lower levels).
#[derive(Clone)]
struct Schedule {
    graph: CallGraph,
    /// The functions of each component (a callee list's node is in a component of its own
    /// unless a recursion passes through it).
    components: Vec<Vec<FnId>>,
    /// Whether each component is solved to a fixpoint (a cycle, or a function calling itself).
    recursive: Vec<bool>,
    component_of: Vec<usize>,
    level_of: Vec<usize>,
    /// The components with functions to analyse, by level.
    levels: Vec<Vec<usize>>,
    /// Per function, whether it is analysed: it can hold labelled data (see `relevance`).
    relevant: Vec<bool>,
}

impl Schedule {
    /// `relevant`, with every function they call in `graph`, is what is analysed.
    fn new(graph: CallGraph, relevant: Vec<bool>) -> Schedule {
        let relevant = relevance::callees_of(&graph, relevant);
        let sccs = petgraph::algo::tarjan_scc(&graph.graph);
        let nodes = graph.graph.node_count();
        let mut level_of = vec![0usize; nodes];
        let mut component_of = vec![0usize; nodes];
        let mut levels: Vec<Vec<usize>> = Vec::new();
        let mut components = Vec::with_capacity(sccs.len());
        let mut recursive = Vec::with_capacity(sccs.len());
        // Callees come first in Tarjan's order; a component's level is one above its callees'
        // (a callee list's node takes its callees' level: it is not analysed).
        for (index, scc) in sccs.iter().enumerate() {
            for n in scc {
                component_of[n.index()] = index;
            }
            let fns: Vec<FnId> = (scc.iter())
                .filter(|n| relevant.get(n.index()).is_some_and(|r| *r))
                .map(|n| FnId(n.index() as u32))
                .collect();
            let step = usize::from(!fns.is_empty());
            let level = scc
                .iter()
                .flat_map(|n| graph.graph.neighbors(*n))
                .filter(|n| component_of[n.index()] != index)
                .map(|n| level_of[n.index()] + step)
                .max()
                .unwrap_or(0);
            for n in scc {
                level_of[n.index()] = level;
            }
            recursive.push(scc.len() > 1 || graph.graph.contains_edge(scc[0], scc[0]));
            if !fns.is_empty() {
                if levels.len() <= level {
                    levels.resize(level + 1, Vec::new());
                }
                levels[level].push(index);
            }
            components.push(fns);
        }
        Schedule {
            graph,
            components,
            recursive,
            component_of,
            level_of,
            levels,
            relevant,
        }
    }

    /// Whether the summaries a call reads are final before its caller is analysed (or
    /// solved with it, in one recursive component), and kept (their functions are called
    /// and analysed).
    /// A callee list without a node of its own (its impls resolved otherwise than when the
    /// graph was built) is ordered when each of its callees is.
    fn orders(
        &self,
        call: &CallSite,
        called: &[bool],
        targets: &mut HashMap<*const FnId, Option<NodeIndex>>,
    ) -> bool {
        let target = match call.callees.len() {
            1 => self.graph.target(&call.callees),
            _ => *(targets.entry(call.callees.as_ptr()))
                .or_insert_with(|| self.graph.target(&call.callees)),
        };
        match target {
            Some(target) => self.orders_node(call.caller, target, called),
            None => (call.callees.iter()).all(|callee| {
                self.orders_node(call.caller, NodeIndex::new(callee.index()), called)
            }),
        }
    }

    fn orders_node(&self, caller: FnId, target: NodeIndex, called: &[bool]) -> bool {
        let (a, b) = (caller.index(), target.index());
        if a == b {
            return self.recursive[self.component_of[a]];
        }
        let kept = b >= self.graph.fns || (called[b] && self.relevant[b]);
        kept && (self.level_of[b] < self.level_of[a]
            || self.component_of[a] == self.component_of[b])
    }

    /// Per function, whether anything calls it.
    fn called(&self) -> Vec<bool> {
        let mut called = vec![false; self.graph.fns];
        for edge in self.graph.graph.raw_edges() {
            if let Some(c) = called.get_mut(edge.target().index()) {
                *c = true;
            }
        }
        called
    }
}

/// What escaped the functions in the first pass, read in the second.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Escapes {
    pub closures: Vec<Escaped>,
    /// Per static, what is written into it anywhere, with its labels (flow-insensitive: a
    /// static holds it wherever it is read).
    pub statics: Vec<(FnId, Val)>,
    /// What entry points keep in objects (see `objects`), by object key.
    pub objects: Vec<objects::Kept>,
    /// Per function, whether no call the last pass resolved reaches it (empty before the
    /// first pass): a method is not called because some call has its name, nor a function
    /// handed to another crate's code (`CallSite::outside`).
    pub entries: Vec<bool>,
}

impl Escapes {
    /// What entry points other than `reader` kept in objects of `key`.
    fn kept_in(&self, key: &objects::ObjectKey, reader: FnId) -> Option<&Val> {
        let at = self.objects.binary_search_by(|k| k.key.cmp(key)).ok()?;
        self.objects[at].seen_by(reader)
    }

    fn is_empty(&self) -> bool {
        self.closures.is_empty() && self.statics.is_empty() && self.objects.is_empty()
    }

    /// Equal, traces included (`Fact`'s `==` ignores them).
    fn identical(&self, other: &Escapes) -> bool {
        self == other
            && (self.closures.iter().zip(&other.closures))
                .all(|(a, b)| a.reach.fact.trace == b.reach.fact.trace)
            && (self.statics.iter().zip(&other.statics)).all(|((_, a), (_, b))| a.identical(b))
            && (self.objects.iter().zip(&other.objects)).all(|(a, b)| a.identical(b))
    }
}

/// What one closure's parameter reaches in its body, for calls of unknown callables.
#[derive(Clone, PartialEq, Debug)]
pub struct Escaped {
    pub arity: usize,
    /// The fields it was stored into (`on_count`, `writers`); empty when none is known.
    pub fields: Vec<Name>,
    pub reach: Reach,
}

struct Levels<'c, 'a> {
    cx: &'c Context<'c, 'a>,
    schedule: &'c Schedule,
    /// Per function, whether it has callers in `schedule` (see `Summaries::summarized`).
    called: &'c [bool],
    /// Per function, whether it is an entry point given or keeping objects (see
    /// `Summaries::entry`).
    entries: &'c [bool],
    /// The pass before's analyses (see `Inputs::seeds`).
    seeds: &'c [Option<Arc<Analysed>>],
    /// Groups of impls built in the pass (see `Summaries::merged`).
    groups: Mutex<SharedGroups>,
    /// Groups of the pass's escaped closures (see `Summaries::closures`).
    closures: Mutex<HashMap<GroupOf, Arc<Group>>>,
}

/// Each function's analysis, by `FnId`, from one pass.
type Results = Vec<Option<Arc<Analysed>>>;

impl Levels<'_, '_> {
    /// Solves every component, level by level, each from the summaries of the levels below.
    fn run(&self, escaped: &Arc<Escapes>, memo: &mut Memo, pass: Pass) -> Results {
        let fns = self.cx.program.fns.len();
        let mut results: Results = vec![None; fns];
        let mut done: Vec<Option<Arc<Summary>>> = vec![None; fns];
        for level in &self.schedule.levels {
            for (f, analysed) in self.run_level(level, &done, escaped, memo, pass) {
                results[f.index()] = Some(analysed);
            }
            for &index in level {
                for n in &self.schedule.components[index] {
                    done[n.index()] = results[n.index()].as_ref().map(|a| a.summary.clone());
                }
            }
        }
        results
    }

    /// Solves the components of one level in parallel; those whose inputs are unchanged
    /// take their remembered analyses.
    fn run_level(
        &self,
        level: &[usize],
        done: &[Option<Arc<Summary>>],
        escaped: &Arc<Escapes>,
        memo: &mut Memo,
        pass: Pass,
    ) -> Vec<(FnId, Arc<Analysed>)> {
        let inputs = |index: usize| Inputs {
            pass,
            fns: &self.schedule.components[index],
            recursive: self.schedule.recursive[index],
            called: self.called,
            entries: self.entries,
            done,
            escaped,
            seeds: self.seeds,
        };
        let mut analysed = Vec::new();
        let mut to_solve = Vec::new();
        let mut groups = HashMap::default();
        for &index in level {
            let inputs = inputs(index);
            match memo.find(&inputs, &mut groups) {
                Some(found) => {
                    memo.reuse(&inputs, &found);
                    analysed.extend(inputs.fns.iter().copied().zip(found));
                }
                None => to_solve.push(index),
            }
        }
        let solved: Vec<Vec<(FnId, Arc<Summary>, interp::Output)>> = to_solve
            .par_iter()
            .with_max_len(1)
            .map(|&index| solve(self, &inputs(index)))
            .collect();
        for (&index, solved) in to_solve.iter().zip(solved) {
            analysed.extend(memo.keep(&inputs(index), solved));
        }
        analysed
    }
}

/// One pass's results, in the order of the schedule (callees first), as `judge` takes them.
fn assemble(schedule: &Schedule, results: &Results) -> Propagation {
    let mut propagation = Propagation::default();
    for level in &schedule.levels {
        for &index in level {
            for n in &schedule.components[index] {
                let Some(analysed) = &results[n.index()] else {
                    continue;
                };
                propagation.analyses.push(analysed.clone());
                if let Some(error) = &analysed.output.error {
                    propagation.errors.push((*n, error.clone()));
                }
            }
        }
    }
    propagation
}

/// Solves one component of the call graph to its fixpoint.
fn solve(levels: &Levels, inputs: &Inputs) -> Vec<(FnId, Arc<Summary>, interp::Output)> {
    let Inputs {
        fns,
        recursive,
        done,
        escaped,
        ..
    } = *inputs;
    let Context {
        program,
        deep_labels,
        budget,
        labelled,
        ..
    } = *levels.cx;
    let component: HashSet<FnId> = if recursive {
        fns.iter().copied().collect()
    } else {
        HashSet::default()
    };
    // Every member runs at least once below, joining what it finds to where it started.
    let mut current: HashMap<FnId, Arc<Summary>> = if inputs.warm() {
        let seeds = fns.iter().zip(inputs.seed_summaries());
        seeds
            .filter_map(|(f, seed)| Some((*f, seed?.clone())))
            .collect()
    } else {
        HashMap::default()
    };
    let placeholder = Arc::new(Summary::default());
    let mut outputs: HashMap<FnId, interp::Output> = HashMap::default();
    // Which members read each member's summary in their last analysis.
    let mut readers: HashMap<FnId, HashSet<FnId>> = HashMap::default();
    // How often each member's summary changed: past `WIDEN_AFTER`, it is widened.
    let mut changes: HashMap<FnId, usize> = HashMap::default();
    // A worklist, first in first out: every member runs once before any runs again, and a
    // function runs again only when a summary it read changed.
    let mut dirty: VecDeque<FnId> = fns.iter().copied().collect();
    let mut queued: HashSet<FnId> = fns.iter().copied().collect();
    let run_limit = SCC_LIMIT * fns.len();
    let mut runs = 0;
    while let Some(f) = dirty.pop_front() {
        queued.remove(&f);
        runs += 1;
        levels.cx.runs.fetch_add(1, Ordering::Relaxed);
        let widen = changes.get(&f).is_some_and(|n| *n >= WIDEN_AFTER);
        let summaries = Summaries {
            done,
            current: &current,
            component: &component,
            placeholder: &placeholder,
            escaped,
            shared: &levels.groups,
            fanouts: &levels.cx.fanouts,
            closure_groups: &levels.closures,
            budget,
            labelled,
            summarized: levels.called[f.index()],
            entry: levels.entries[f.index()],
        };
        // A bug in the analysis of one function must not crash the check: it becomes an
        // error on that function (exit 2), never a silent pass.
        let started = std::time::Instant::now();
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            interp::Interp::run(program, &summaries, deep_labels, f, widen)
        }));
        if let Some(profile) = levels
            .cx
            .profile
            .as_ref()
            .and_then(|p| p.lock().ok())
            .as_mut()
        {
            *profile.entry(f).or_default() += started.elapsed();
        }
        let mut output =
            run.unwrap_or_else(|panic| interp::Output::failed(internal_error(program, f, &panic)));
        if recursive {
            for callee in output.calls.iter().flat_map(|c| c.callees.iter()) {
                if component.contains(callee) {
                    readers.entry(*callee).or_default().insert(f);
                }
            }
        }
        // The summary moves out of the output: the memo keeps it once, shared.
        let mut summary = std::mem::take(&mut output.summary);
        if let (true, Some(last)) = (recursive, current.get(&f)) {
            let mut joined = (**last).clone();
            joined.join(&summary);
            summary = joined;
        }
        let changed = current.get(&f).is_none_or(|s| **s != summary);
        if changed {
            *changes.entry(f).or_default() += 1;
            current.insert(f, Arc::new(summary));
            let mut woken: Vec<FnId> = readers.get(&f).into_iter().flatten().copied().collect();
            woken.sort();
            for reader in woken {
                if queued.insert(reader) {
                    dirty.push_back(reader);
                }
            }
        }
        if runs > run_limit {
            output.error.get_or_insert_with(|| {
                format!(
                    "the summaries of `{}` and its recursive callees did not reach a fixpoint",
                    program.fns[f.index()].path
                )
            });
            outputs.insert(f, output);
            break;
        }
        outputs.insert(f, output);
    }
    fns.iter()
        .filter_map(|f| {
            let summary = current.remove(f)?;
            let output = outputs.remove(f)?;
            Some((*f, summary, output))
        })
        .collect()
}

fn internal_error(program: &Program, f: FnId, panic: &Box<dyn std::any::Any + Send>) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!(
        "internal error while analysing `{}` ({what}); please report it",
        program.fns[f.index()].path
    )
}

/// The types whose values carry labels when used whole.
fn labelled_types(program: &Program, deep_labels: &[Vec<LabelId>]) -> HashSet<TyKey> {
    let adts = deep_labels
        .iter()
        .enumerate()
        .filter(|(_, labels)| !labels.is_empty())
        .map(|(index, _)| TyKey::Adt(crate::program::AdtId(index as u32)));
    let external = program
        .external_labels
        .iter()
        .filter(|(_, labels)| !labels.is_empty())
        .map(|(path, _)| TyKey::External(path.as_str().into()));
    adts.chain(external).collect()
}

/// What propagation reads of the program's declarations alone, computed once for them (a
/// `Workspace` keeps it in its `Memo` while the declarations stay the same).
pub(super) struct Declared {
    /// By `AdtId` (see `deep_labels`).
    deep_labels: Vec<Vec<LabelId>>,
    /// The types that carry labels (see `labelled_types`).
    labelled: Arc<HashSet<TyKey>>,
    /// Per function, whether it is given or returns an object (see `objects::objectful`).
    objectful: Vec<bool>,
}

impl Declared {
    fn of(program: &Program) -> Declared {
        let deep_labels = deep_labels(program);
        Declared {
            labelled: Arc::new(labelled_types(program, &deep_labels)),
            deep_labels,
            objectful: objects::objectful(program),
        }
    }
}

/// Every label a value of each type carries when used whole: its own, its fields', and
/// their types', transitively.
fn deep_labels(program: &Program) -> Vec<Vec<LabelId>> {
    let mut out = Vec::with_capacity(program.adts.len());
    for start in 0..program.adts.len() {
        let mut labels = Vec::new();
        let mut seen = HashSet::default();
        let mut stack = vec![start];
        while let Some(index) = stack.pop() {
            if !seen.insert(index) {
                continue;
            }
            let adt = &program.adts[index];
            labels.extend(adt.labels.iter().copied());
            let mut names: Vec<&Name> = adt.fields.keys().collect();
            names.sort();
            for name in names {
                let field = &adt.fields[name];
                labels.extend(field.labels.iter().copied());
                for key in &field.keys {
                    match key {
                        TyKey::Adt(next) => stack.push(next.index()),
                        // A field of another crate's type that `[[labels]]` labels.
                        TyKey::External(path) => {
                            let external = program.external_labels.get(&**path);
                            labels.extend(external.into_iter().flatten().copied());
                        }
                        TyKey::Trait(_) => {}
                    }
                }
            }
        }
        labels.sort();
        labels.dedup();
        out.push(labels);
    }
    out
}

/// What each function's text says: the functions it may call, over-approximated (calls by
/// path where they resolve, and every method of a called method's name: one list per
/// name, shared, so that n calls of a name of m methods make n + m edges, not n × m), and
/// whether it names labels or writes a closure (see `relevance`). Remembered in `memo`
/// while a function's body and the declarations are the same.
fn syntactic_calls<'m>(cx: &Context, memo: &'m mut Memo) -> &'m [Option<Text>] {
    let program = cx.program;
    let names = std::sync::OnceLock::new();
    let lists: std::sync::OnceLock<HashMap<&Name, Arc<[FnId]>>> = std::sync::OnceLock::new();
    let named = |name: &Name| {
        let lists = lists.get_or_init(|| {
            (program.methods_by_name.iter())
                .map(|(name, methods)| (name, Arc::from(methods.as_slice())))
                .collect()
        });
        lists.get(name).cloned()
    };
    // The local `Iterator` impls' `next` (and `next_back`), which `for` loops and iterator
    // methods may run.
    let nexts: std::sync::OnceLock<Option<Arc<[FnId]>>> = std::sync::OnceLock::new();
    let iterating = || {
        nexts
            .get_or_init(|| {
                let mut all: Vec<FnId> = (program.iterator_next.values())
                    .chain(program.iterator_next_back.values())
                    .flatten()
                    .copied()
                    .collect();
                all.sort();
                Some(Arc::from(all)).filter(|all: &Arc<[FnId]>| !all.is_empty())
            })
            .clone()
    };
    // The local impls' methods that operators, loops and formatting call, by trait.
    let implicit: std::sync::OnceLock<HashMap<ir::Implicit, Arc<[FnId]>>> =
        std::sync::OnceLock::new();
    let implied = |called: ir::Implicit| {
        let lists = implicit.get_or_init(|| {
            let mut by_trait: HashMap<ir::Implicit, Vec<FnId>> = HashMap::default();
            for ((_, called), fns) in &program.implicit {
                by_trait.entry(*called).or_default().extend(fns);
            }
            (by_trait.into_iter())
                .map(|(called, mut fns)| {
                    fns.sort();
                    (called, Arc::from(fns))
                })
                .collect()
        });
        lists.get(&called).cloned()
    };
    // The local `From` and `TryFrom` impls' functions, which conversions may run.
    let conversions: std::sync::OnceLock<[Arc<[FnId]>; 2]> = std::sync::OnceLock::new();
    let converting = |owner: &str, name: &str, args: usize| {
        let fallible = models::conversion(owner, name, args)?;
        let lists = conversions.get_or_init(|| {
            (program.conversions.each_ref()).map(|kind| kind.iter().map(|c| c.function).collect())
        });
        Some(lists[usize::from(fallible)].clone()).filter(|list| !list.is_empty())
    };
    memo.texts(|f| {
        let names = names.get_or_init(|| relevance::Names::new(program, cx.labelled));
        let function = program.fns[f.index()].ir;
        let mut read = names.reader();
        read.signature(function);
        let mut callees: Vec<Arc<[FnId]>> = Vec::new();
        let mut statics = false;
        let mut receives = false;
        // A function or method named as a value, not called (`Route { handler: to_graph }`,
        // `Hook { f: Graph::post }`): it runs wherever a callable of unknown origin is
        // called, as a stored closure does.
        let mut fn_values = false;
        let mut callee: *const Expr = std::ptr::null();
        if let Some(body) = &function.body {
            let (module, self_ty, generics) = program.fn_scope_parts(f);
            let generic = |name: &Name| {
                generics
                    .iter()
                    .any(|g| g.params.iter().any(|(p, _)| p == name))
            };
            body.value.walk(&mut |expr| {
                read.expr(expr);
                match expr {
                    Expr::Call { callee: called, .. } => callee = &**called,
                    Expr::Path(path, _) => {
                        let resolved = if path.segments.first().is_some_and(|s| &**s == "Self")
                            && path.segments.len() == 2
                        {
                            self_ty
                                .clone()
                                .map(|ty| Resolved::Assoc(ty, path.segments[1].clone()))
                        } else if let [param, name] = path.segments.as_slice() {
                            // `P::collect()` of a generic `P`: any method of that name.
                            if generic(param) {
                                callees.extend(named(name));
                            }
                            Some(program.resolve_path(module, path))
                        } else {
                            Some(program.resolve_path(module, path))
                        };
                        match resolved {
                            Some(Resolved::Def(Def::Fn(f))) => {
                                fn_values |= !std::ptr::eq(expr, callee);
                                callees.push(Arc::from(program.fn_alternatives(f)))
                            }
                            Some(Resolved::Def(Def::Global(f))) => {
                                statics = true;
                                callees.push(Arc::from([f]));
                            }
                            Some(Resolved::Assoc(_, name)) => {
                                let methods = named(&name);
                                fn_values |= methods.is_some() && !std::ptr::eq(expr, callee);
                                callees.extend(methods);
                            }
                            Some(Resolved::External(paths)) => {
                                // Whatever its arguments, as far as the text tells.
                                let conversion = (paths.iter().filter_map(|p| interp::tail2(p)))
                                    .find_map(|(owner, name)| converting(owner, name, 1));
                                callees.extend(conversion);
                                // `Default::default()` is a local type's `default()` where
                                // that type is expected (`S { b, ..Default::default() }`).
                                if let (true, Some(item)) = (
                                    models::is_default_call(&path.segments),
                                    path.segments.last(),
                                ) {
                                    callees.extend(named(item));
                                }
                            }
                            _ => {}
                        }
                    }
                    Expr::MethodCall(call) => {
                        receives |= interp::is_receive(&call.method);
                        callees.extend(named(&call.method));
                        callees.extend(converting("", &call.method, call.args.len()));
                        if models::method(&call.method, call.args.len()).is_some() {
                            callees.extend(iterating());
                        }
                    }
                    Expr::Loop {
                        kind: ir::LoopKind::For(_),
                        ..
                    } => {
                        callees.extend(iterating());
                        callees.extend(implied(ir::Implicit::IntoIterator));
                    }
                    Expr::Binary { op, .. } => callees.extend(op.implicit().and_then(implied)),
                    Expr::CompoundAssign { op, .. } => callees.extend(implied(*op)),
                    Expr::Neg(..) => callees.extend(implied(ir::Implicit::Neg)),
                    Expr::Not(_) => callees.extend(implied(ir::Implicit::Not)),
                    Expr::Index { .. } => callees.extend(implied(ir::Implicit::Index)),
                    Expr::Formatted(formatted) => callees.extend(implied(formatted.by)),
                    _ => {}
                }
            });
        }
        // The same list is one allocation (see `named`): equal without comparing it.
        callees.sort_by(|a, b| match Arc::ptr_eq(a, b) {
            true => std::cmp::Ordering::Equal,
            false => a.cmp(b),
        });
        callees.dedup();
        // A receiver it did not make yields what any sender sent: it reads the channel store
        // as a static.
        statics |= interp::may_receive(program, f, receives);
        Text {
            calls: callees.into(),
            seed: names.seed(program, f, &read),
            shares: read.closures
                || fn_values
                || statics
                || program.drops.values().flatten().any(|d| *d == f)
                || objects::holds_state(program, f),
            statics,
        }
    })
}
