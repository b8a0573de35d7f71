//! The abstract interpreter of one function body.
//!
//! It walks the lowered body once in order, with an environment of abstract values per local
//! and the set of consent guards that hold at each point. Branches are analysed apart and
//! joined; loops are iterated to a fixpoint; closures and async blocks are analysed where
//! they are called (closures) or written (async blocks), in their enclosing function.
//! Calls instantiate the callee's summary. The result is the function's own summary and the
//! candidate violations found in it.

use super::domain::{
    self, is_part, Cond, Fact, Facts, Origin, Shape, Strip, Trace, Val, MAX_DEPTH,
};
use super::group::{self, Fanout};
use super::models::{self, Answer, Model};
use super::objects::{self, ObjectKey};
use super::{
    CallSite, Candidate, Group, GroupFlow, GroupOf, Lent, ParamCall, Reach, SinkSite, Summaries,
    Summary,
};
use crate::ir::{self, pattern_locals, Expr, Implicit, Local, Name, Pat, Span};
use crate::program::{
    Def, FieldInfo, FnId, LabelId, ModId, PartySet, Program, Resolved, Scope, TyKey,
};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::Arc;

mod channels;
pub use channels::{is_receive, may_receive};

/// Work allowed for one function before the analysis gives up on it with an error.
const STEP_BUDGET: u64 = 2_000_000;
/// Iterations of a loop body before its fixpoint is declared not reached.
const LOOP_LIMIT: usize = 32;
/// Rounds of a loop before the values that still change are folded (widening).
const LOOP_WIDEN_AFTER: usize = 3;
/// Rounds of a loop before the values that still change share what they hold.
const LOOP_SMASH_AFTER: usize = 8;
/// How deep closures may call closures.
const CLOSURE_DEPTH: usize = 8;
/// How many local `Deref` impls a field or a method is looked for through, one after
/// another as auto-deref goes (`Session -> Account -> User`).
const DEREF_DEPTH: usize = 4;
/// A summary's reaches are kept one per parameter slot, field path, sink call and parties.
type ReachKey = (u16, Arc<[Name]>, Span, PartySet);

/// Slots of closure parameters while a closure runs on symbols (`summarize_closures`).
const CLOSURE_SLOT: u16 = 0x4000;

/// A symbol for each of `count` arguments of a callable run on symbols (at `CLOSURE_SLOT`).
fn symbolic_args(count: usize) -> Vec<Val> {
    (0..count)
        .map(|i| {
            let mut value = Val::default();
            let origin = Origin::Param {
                slot: CLOSURE_SLOT + i as u16,
                path: Arc::from(Vec::new()),
                flat: false,
            };
            value.facts.insert(origin, Fact::new(None));
            value
        })
        .collect()
}
/// Above this many candidate impls (a receiver of unknown type, `dyn Trait`, a generic),
/// a method call applies their joined summary.
const MERGE_ABOVE: usize = 4;
/// The steps a call adds to the traces of what crosses it, and the argument parts read so
/// far (a summary's tree names the same parameter paths again and again).
struct Notes {
    passed: Arc<str>,
    returned: Arc<str>,
    projected: HashMap<(u16, Arc<[Name]>), Val>,
    /// The same parts folded, before a fact's consent marks (which folding keeps: see
    /// `Interp::instantiate`): many facts of a summary read one part whole.
    folded: HashMap<(u16, Arc<[Name]>), Facts>,
    /// The parameters the callee declares a type for (see `Interp::declared_params`).
    declared: u64,
}

/// A map's values in the order of their keys.
fn sorted<K: Ord, V>(map: HashMap<K, V>) -> impl Iterator<Item = V> {
    let mut entries: Vec<(K, V)> = map.into_iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().map(|(_, value)| value)
}

/// A `GroupFlow`'s place in an analysis: the call, its callee list's address, the argument
/// part and the label.
type GroupKey = (Span, usize, u16, Arc<[Name]>, LabelId, bool);

/// Group flows in a deterministic order: by call, group, argument part and label.
fn sorted_group_flows(map: HashMap<GroupKey, GroupFlow>) -> Vec<GroupFlow> {
    let mut flows: Vec<(Span, GroupFlow)> = map.into_iter().map(|(k, f)| (k.0, f)).collect();
    flows.sort_unstable_by(|(a_span, a), (b_span, b)| {
        (a_span, &a.group.of, a.slot, &a.path, a.label, a.returned).cmp(&(
            b_span,
            &b.group.of,
            b.slot,
            &b.path,
            b.label,
            b.returned,
        ))
    });
    flows.into_iter().map(|(_, flow)| flow).collect()
}

/// An argument's part a reach reads, folded, by parameter slot and field path; each fact's
/// trace already has the step into the call.
type ReachInputs = HashMap<(u16, Arc<[Name]>), Arc<Facts>>;

/// Analyses of one function while what its channels carry keeps growing.
const CHANNEL_ROUNDS: usize = 3;

/// Steps of the global budget one candidate flow or one reach of a summary costs: they are
/// kept until judgement, so the budget bounds memory too.
const CANDIDATE_COST: u64 = 32;

/// Tree nodes a joined summary of many impls keeps before it is folded.
const MERGED_NODES: usize = 64;
/// Informative tree nodes a summary keeps of a value (its result, its writes), and an
/// instantiated call of its result.
const SUMMARY_NODES: usize = 32;

#[derive(Clone, Default, PartialEq)]
struct State {
    locals: Vec<Val>,
    guards: PartySet,
}

impl State {
    fn join(&mut self, other: &State) -> bool {
        let mut changed = false;
        let only = (self.guards & !other.guards, other.guards & !self.guards);
        for (mine, theirs) in self.locals.iter_mut().zip(&other.locals) {
            changed |= mine.join_paths(theirs, only);
        }
        let guards = self.guards & other.guards;
        changed |= guards != self.guards;
        self.guards = guards;
        changed
    }
}

/// What can be joined: states of paths and abstract values.
trait Join {
    fn join_with(&mut self, other: &Self);
}

impl Join for State {
    fn join_with(&mut self, other: &State) {
        self.join(other);
    }
}

impl Join for Val {
    fn join_with(&mut self, other: &Val) {
        self.join(other);
    }
}

/// Joins into what has been seen so far (`None`: nothing yet, no path).
fn join_into<T: Join>(into: &mut Option<T>, from: T) {
    match into {
        Some(existing) => existing.join_with(&from),
        None => *into = Some(from),
    }
}

struct LoopFrame {
    label: Option<Name>,
    breaks: Option<State>,
    break_value: Val,
    continues: Option<State>,
    /// The blocks open where the loop starts (`Interp::scopes`): `break` and `continue`
    /// leave those opened since.
    scope_base: usize,
}

/// Where `return` and `?` go: the function, or the closure or async block being run.
#[derive(Default)]
struct ReturnFrame {
    states: Option<State>,
    /// Loop frames below this frame belong to an enclosing body.
    loop_base: usize,
    /// So do the blocks below this one (`Interp::scopes`): `return` and `?` leave the rest.
    scope_base: usize,
    /// The guards that held wherever the body returned a value other than `None` or an
    /// error from `?`: a closure that returns data only under a check passes it on only then.
    value_guards: Option<PartySet>,
    /// Whether the body returned `None` or an error from `?` somewhere, and what it returned
    /// with each value marked with the guards that held where it was returned: a function
    /// that returns data only under a check (`if !shares(u) { return None; } Some(..)`)
    /// returns it consented, as `if !shares(u) { None } else { Some(..) }` does.
    none_exit: bool,
    marked: Option<Val>,
    /// A closure or `async` block that returns `Some(..)`/`None`: its `?` returns `None`.
    returns_option: bool,
}

pub struct Output {
    pub summary: Summary,
    pub candidates: Vec<Candidate>,
    pub group_flows: Vec<GroupFlow>,
    pub calls: Vec<CallSite>,
    pub error: Option<String>,
    pub escaped: Vec<super::Escaped>,
    pub unknown_calls: bool,
    /// What it writes into statics, by static (with what its callees write there): the
    /// values with their structure and only their labels' facts.
    pub stored: Vec<(FnId, Val)>,
    /// What an entry point leaves in objects of local types, by type (see `objects`).
    pub kept: Vec<(ObjectKey, Val)>,
    /// The types of the objects an entry point is given: what the other entry points kept
    /// in those is an input (see `objects`).
    pub given: Vec<ObjectKey>,
    /// It read a static: what the program stores there is an input.
    pub reads_statics: bool,
}

pub struct Interp<'p, 'a> {
    program: &'p Program<'a>,
    summaries: &'p Summaries<'p>,
    deep_labels: &'p [Vec<LabelId>],
    id: FnId,
    module: ModId,
    self_ty: Option<TyKey>,
    generics: Vec<&'a ir::Generics>,
    state: State,
    reachable: bool,
    loops: Vec<LoopFrame>,
    /// Per block being run, innermost last, the locals bound in it so far (where a local
    /// type has a `Drop` impl): they are dropped where it ends, or where a `return`, `?`,
    /// `break` or `continue` leaves it, last bound first.
    scopes: Vec<Vec<Local>>,
    returns: Vec<ReturnFrame>,
    closures: Vec<&'a Expr>,
    closure_ids: HashMap<*const Expr, u32>,
    created: Vec<(u32, State)>,
    /// Closures handed to a spawning function (`thread::spawn`, `tokio::spawn`), with the
    /// checks that held there: they run beside what follows, so they run again at the end
    /// with what it wrote.
    spawned: Vec<(u32, PartySet)>,
    /// The same for futures handed to a spawner (`tokio::spawn(async move { .. })`,
    /// `spawn(worker(state.clone()))`): evaluated where they are written, and once more at
    /// the end.
    tasks: Vec<(&'a Expr, PartySet)>,
    /// Spawned closures of a scope (`s.spawn(..)` inside `thread::scope(|s| ..)`), with the
    /// depth of the closure frame they were spawned in: the scope joins them when that
    /// closure ends, so they run again there rather than at the function's end.
    scoped: Vec<(u32, PartySet, usize)>,
    /// What each closure returned when last run for `carry_captured`, with how many states
    /// it had been made in then.
    carried: HashMap<u32, (usize, Facts)>,
    invoked: Vec<bool>,
    closure_depth: usize,
    param_locals: Vec<Option<Local>>,
    /// Calls of the parameters and their parts (see `ParamCall`).
    param_calls: Vec<ParamCall>,
    written: Vec<bool>,
    /// Per parameter, the consent marks of what was written at its root (see `writes`).
    root_writes: Vec<Option<PartySet>>,
    /// Hash maps, sorted by key when the analysis ends (output in a deterministic order).
    reaches: HashMap<ReachKey, (Reach, PartySet)>,
    /// One per sink call, label, the parties of that sink declaration and whether it was
    /// found running what the function returns.
    candidates: HashMap<(Span, LabelId, PartySet, bool), Candidate>,
    /// One per call of a group, group (by address: groups are shared), argument part and
    /// label.
    group_flows: HashMap<GroupKey, GroupFlow>,
    calls: Vec<CallSite>,
    /// Running what the function returns (see `CallSite::returned`).
    returning: bool,
    /// The call (by span) whose result a `let` binds to a local the body only calls (see
    /// `ir::Body::called_results`), while the initializer runs.
    result_call: Option<(Span, Local)>,
    /// The calls (by index in `calls`) whose results such locals hold: each call of the
    /// local narrows their `result_guards`.
    results: Vec<(Local, usize)>,
    steps: u64,
    error: Option<String>,
    /// Groups of impls, for receivers of unknown type (see `call_merged`).
    merged: HashMap<Vec<FnId>, Arc<Group>>,
    /// The guards the last closure or async block established for the values it returned.
    frame_guards: PartySet,
    /// Whether the last closure run never returned (`|| panic!(..)`): a check's
    /// `unwrap_or_else` with it guards what follows, as `unwrap` does.
    diverged: bool,
    /// Locals (or parts of them) that borrow from another local's place (see `Borrow`).
    aliases: HashMap<Local, Vec<Borrow>>,
    /// The places a call's result borrows, by call (see `lend_result`).
    result_lends: HashMap<Span, Vec<Borrow>>,
    /// What the function's own result borrows of its parameters' places (see `Lent`).
    lends: Vec<Lent>,
    /// Locals that borrow from a static (`let mut log = LOG.lock().unwrap()`, the
    /// parameter of `LOG.with(|log| ..)`): writes through them are writes into it.
    lent_statics: HashMap<Local, Vec<FnId>>,
    /// Locals that own a `Box` (see `record_box`).
    boxes: Vec<Local>,
    /// What it writes into statics, by static (see `write`).
    statics: Vec<(FnId, Val)>,
    reads_statics: bool,
    /// The types of the objects it is given as an entry point (see `objects`).
    given: Vec<ObjectKey>,
    /// The `into()` / `try_into()` / `collect()` call (by span) whose target a `let`, a
    /// parameter or a turbofish declares: only the impls into that type run (`let p:
    /// NamePayload = u.into();`).
    conversion_target: Option<(Span, Vec<TyKey>)>,
    /// The same for the call the body ends with, into the declared return type.
    returned_target: Option<(Span, Vec<TyKey>)>,
    /// The `collect()` calls (by span) a `let` type or the declared return type makes into
    /// one `Result` (`let all: Result<Vec<_>, _> = ..collect();`), as a turbofish would.
    into_results: Vec<Span>,
    /// Locals holding one `Rc`/`Arc` cell, by cell (see `record_shared`).
    cells: Vec<Vec<Local>>,
    /// Per cell, the fields that are shared where the cell is a value of a local type
    /// holding `Rc`/`Arc`s (`AppState { outbox: Arc<..>, title: String }`: only writes under
    /// `outbox` reach the other clones); `None` for an `Rc`/`Arc` itself.
    cell_fields: Vec<Option<Vec<Name>>>,
    cell_of: HashMap<Local, usize>,
    /// Locals that are collections (or `Option`s) of `Rc`/`Arc` cells (`vec![Rc::new(..)]`,
    /// declared `&[Arc<..>]`, a `Vec` given `c.clone()`): what is taken out of them is one
    /// of their cells (see `taken_cells`), where what is taken out of a cell (`Arc<Vec<..>>`)
    /// is no cell.
    cell_collections: Vec<Local>,
    /// The places one write has reached through borrows and a cell's clones, by local, with
    /// what it put there: a borrow of a borrow lends both (see `borrowed_places`) and a cell's
    /// holders borrow its members, so a chain of them reaches one place by many routes, and
    /// each is written once.
    landed: HashMap<Local, Vec<(Vec<Name>, Val)>>,
    /// Locals holding a channel's sender, aliased to its receiver (see `record_channel`),
    /// with the crate of the channel's constructor (`None` where it did not resolve).
    senders: HashMap<Local, Option<Name>>,
    /// Everything sent through each channel so far, by receiver (flow-insensitive: a
    /// receiver yields all of it wherever it is read).
    sent: HashMap<Local, Val>,
    /// What closures' parameters reach (see `summarize_closures`).
    escaped: Vec<super::Escaped>,
    /// The fields each closure was stored into.
    closure_fields: HashMap<u32, Vec<Name>>,
    /// Where each sink used as a value is first named here (`Retry { op: to_parent }`):
    /// where it leaves the function, that is its sink call (see `summarize_sinks`).
    sink_values: HashMap<FnId, Span>,
    /// Sinks used as values that leave the function, with the field they are stored into.
    escaped_sinks: Vec<(FnId, Option<Name>)>,
    /// Closures that leave the place they are written: stored, returned, or handed to a
    /// function; only those can later be called through a value of unknown origin.
    escapes: std::collections::HashSet<u32>,
    /// Whether a callable of unknown origin was called here.
    unknown_calls: bool,
}

impl Output {
    /// The output of an analysis that failed: nothing found, and the error.
    pub fn failed(error: String) -> Output {
        Output {
            summary: Summary::default(),
            candidates: Vec::new(),
            group_flows: Vec::new(),
            calls: Vec::new(),
            error: Some(error),
            escaped: Vec::new(),
            unknown_calls: false,
            stored: Vec::new(),
            kept: Vec::new(),
            given: Vec::new(),
            reads_statics: false,
        }
    }
}

impl<'p, 'a> Interp<'p, 'a> {
    pub fn run(
        program: &'p Program<'a>,
        summaries: &'p Summaries<'p>,
        deep_labels: &'p [Vec<LabelId>],
        id: FnId,
        widen: bool,
    ) -> Output {
        domain::with_labelled_types(summaries.labelled, || {
            // What is sent through a channel may be received anywhere in the function (a
            // thread or task spawned before the sends): when the channels held more at the
            // end than their first reads saw, the function is analysed again with that.
            let mut sent = HashMap::default();
            let mut rounds = 0;
            loop {
                let (output, at_end) =
                    Self::analyse(program, summaries, deep_labels, id, widen, &sent);
                rounds += 1;
                if at_end == sent || rounds > CHANNEL_ROUNDS {
                    return output;
                }
                sent = at_end;
            }
        })
    }

    fn analyse(
        program: &'p Program<'a>,
        summaries: &'p Summaries<'p>,
        deep_labels: &'p [Vec<LabelId>],
        id: FnId,
        widen: bool,
        sent: &HashMap<Local, Val>,
    ) -> (Output, HashMap<Local, Val>) {
        let info = &program.fns[id.index()];
        let (module, self_ty, generics) = program.fn_scope_parts(id);
        let body = info.ir.body.as_ref();
        let locals = body.map_or(0, |b| b.locals.len());
        let mut interp = Interp {
            program,
            summaries,
            deep_labels,
            id,
            module,
            self_ty,
            generics,
            state: State {
                locals: vec![Val::default(); locals],
                guards: 0,
            },
            reachable: true,
            loops: Vec::new(),
            scopes: Vec::new(),
            returns: vec![ReturnFrame::default()],
            closures: Vec::new(),
            closure_ids: HashMap::default(),
            created: Vec::new(),
            spawned: Vec::new(),
            tasks: Vec::new(),
            scoped: Vec::new(),
            carried: HashMap::default(),
            invoked: Vec::new(),
            closure_depth: 0,
            param_locals: Vec::new(),
            param_calls: Vec::new(),
            written: Vec::new(),
            root_writes: Vec::new(),
            reaches: HashMap::default(),
            candidates: HashMap::default(),
            group_flows: HashMap::default(),
            calls: Vec::new(),
            returning: false,
            result_call: None,
            results: Vec::new(),
            steps: 0,
            error: None,
            merged: HashMap::default(),
            frame_guards: 0,
            diverged: false,
            aliases: HashMap::default(),
            result_lends: HashMap::default(),
            lends: Vec::new(),
            lent_statics: HashMap::default(),
            boxes: Vec::new(),
            cells: Vec::new(),
            cell_fields: Vec::new(),
            cell_of: HashMap::default(),
            cell_collections: Vec::new(),
            landed: HashMap::default(),
            statics: Vec::new(),
            reads_statics: false,
            given: Vec::new(),
            conversion_target: None,
            into_results: Vec::new(),
            returned_target: None,
            senders: HashMap::default(),
            sent: sent.clone(),
            escaped: Vec::new(),
            closure_fields: HashMap::default(),
            sink_values: HashMap::default(),
            escaped_sinks: Vec::new(),
            escapes: std::collections::HashSet::default(),
            unknown_calls: false,
        };
        let mut ret = Val::default();
        let mut ensures = 0;
        if let Some(body) = body {
            interp.bind_params(body);
            let tail = match &body.value {
                Expr::Block(items) => items.last(),
                other => Some(other),
            };
            interp.returned_target =
                (tail.and_then(conversion_call)).map(|at| (at, info.signature.ret.clone()));
            if let (Some(at), true) = (tail.and_then(conversion_call), names_result(&info.ir.ret)) {
                interp.into_results.push(at);
            }
            let value = interp.eval(&body.value);
            if interp.reachable {
                interp.note_lends(&body.value);
            }
            let frame = interp.returns.pop().unwrap_or_default();
            let guards = interp.state.guards;
            // The state at the end is taken, not copied: it is put back below.
            let mut end = if interp.reachable {
                Some(std::mem::take(&mut interp.state))
            } else {
                None
            };
            if let Some(states) = frame.states {
                join_into(&mut end, states);
            }
            let none_exit = frame.none_exit || (interp.reachable && value.is_none);
            // The guards that held wherever it returned `Ok`/`Some` (data or not).
            let tail = (interp.reachable && !value.is_none).then_some(guards);
            let answered = match (frame.value_guards, tail) {
                (Some(a), Some(b)) => a & b,
                (Some(g), None) | (None, Some(g)) => g,
                (None, None) => 0,
            };
            // Returning at all (no `None`, no error) says these checks passed.
            if !none_exit {
                ensures = answered;
            }
            // Each exit's value carries the guards that held where it returned (beside a
            // `None`, or a placeholder: `if !shares(u) { return "***".into() }`).
            let returned = frame.marked;
            if interp.reachable {
                ret = value;
                if !ret.is_none {
                    ret.consent(guards);
                }
            }
            if let Some(returned) = returned {
                ret.join(&returned);
            }
            // A function that returns `Ok`/`Some` only where a consent check passed, and an
            // error or `None` elsewhere, answers as that check does (`ensure_consent(u)?`).
            if none_exit && answered != 0 && ret.cond.is_none() && returns_answer(&info.ir.ret) {
                ret.cond = Some(Cond {
                    shape: Shape::Wrapped { inner_bool: false },
                    when_true: answered,
                    when_false: 0,
                });
            }
            if let Some(end) = end {
                interp.state = end;
            }
            // A closure returned that also left another way (stored, handed to other code)
            // runs where it was made, as any escaped closure does.
            let mut left = Val {
                closures: (ret.closures.iter())
                    .filter(|id| interp.escapes.contains(id))
                    .copied()
                    .collect(),
                ..Val::default()
            };
            interp.carry_captured(&mut left);
            // A closure or function item returned (`Box::new(send_phone)`): whoever gets it
            // may call it anywhere, under the checks where the callers call what they got.
            interp.returning = true;
            interp.hand_out(&ret);
            // A closure returned carries what it captured: its caller can only call it as a
            // value of unknown origin, whose result holds what the value holds.
            interp.carry_captured(&mut ret);
            interp.returning = false;
            interp.run_spawned_closures();
            interp.run_escaped_closures();
            interp.summarize_closures();
        } else if !matches!(info.owner, crate::program::Owner::Trait(_)) {
            // A function whose body is elsewhere (`extern` blocks): the conservative rule,
            // its result carries every argument.
            for slot in 0..info.ir.params.len() {
                let origin = Origin::Param {
                    slot: slot as u16,
                    path: Arc::from(Vec::new()),
                    flat: true,
                };
                ret.facts.insert(origin, Fact::new(None));
            }
        }
        ret.closures.clear();
        // A declaration without a body (a trait's method) returns what its declared type
        // holds; a `Result`'s sides apart, as its impls' `Ok(..)`/`Err(..)` make them.
        let trait_declaration = info.ir.body.is_none()
            && matches!(info.owner, crate::program::Owner::Trait(_))
            && ret.is_empty();
        if trait_declaration && interp.result_sides(id).is_some() {
            ret = Val::err(Val::default());
        }
        // A sanitizer's result returned is not labelled again by the declared result type.
        interp.declare_result(&mut ret, id);
        // The steps past the last full batch are spent too: many small analyses (a large
        // recursive component run again and again) count against the budget like big ones.
        if !interp.summaries.spend(interp.steps % 4096) {
            interp.fail_budget();
        }
        let mut writes = interp.writes();
        let mut lends = std::mem::take(&mut interp.lends);
        lends.sort();
        // Past the widening point of a recursive component a summary keeps no fields, so
        // what flows through the recursion stops growing; otherwise it is bounded in size.
        let limit = if widen { 1 } else { SUMMARY_NODES };
        ret.shrink(limit);
        for (_, value) in &mut writes {
            value.shrink(limit);
        }
        let mut statics = std::mem::take(&mut interp.statics);
        statics.sort_by_key(|(g, _)| *g);
        for (_, value) in &mut statics {
            value.shrink(limit);
        }
        let stored = (statics.iter())
            .map(|(g, value)| {
                let mut stored = Val {
                    closures: Vec::new(),
                    fns: Vec::new(),
                    externals: None,
                    ..value.clone()
                };
                stored.retain_facts(&mut |origin, _| matches!(origin, Origin::Label(_)));
                (*g, stored)
            })
            .filter(|(_, stored)| !interp.fold(stored, Span::default()).is_empty())
            .collect();
        let kept = match summaries.entry {
            false => Vec::new(),
            true => {
                let types = objects::Declarations {
                    program,
                    labelled: summaries.labelled,
                    deep_labels,
                };
                objects::kept(&types, id, &writes, &ret)
            }
        };
        let reaches = sorted(interp.reaches).map(|(mut reach, guards)| {
            reach.guards = guards;
            reach
        });
        let mut calls = std::mem::take(&mut interp.param_calls);
        calls.sort_by(|a, b| a.key().cmp(&b.key()));
        for value in calls.iter_mut().flat_map(|c| c.args.iter_mut()) {
            value.shrink(limit);
        }
        let output = Output {
            summary: Summary {
                ret,
                writes,
                lends,
                reaches: reaches.collect(),
                statics,
                calls,
                ensures,
            },
            candidates: sorted(interp.candidates).collect(),
            group_flows: sorted_group_flows(interp.group_flows),
            calls: interp.calls,
            error: interp.error,
            escaped: interp.escaped,
            unknown_calls: interp.unknown_calls,
            stored,
            kept,
            given: interp.given,
            reads_statics: interp.reads_statics,
        };
        (output, interp.sent)
    }

    fn scope(&self) -> Scope<'_> {
        Scope {
            module: self.module,
            self_ty: self.self_ty.as_ref(),
            generics: &self.generics,
        }
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(message);
        }
        self.reachable = false;
    }

    fn fail_budget(&mut self) {
        self.fail(super::global_budget_message());
    }

    fn tick(&mut self) -> bool {
        self.steps += 1;
        // The whole check shares a budget too, counted in batches to keep the counter cold.
        if self.steps % 4096 == 0 && !self.summaries.spend(4096) {
            self.fail_budget();
            return false;
        }
        if self.steps > STEP_BUDGET {
            let name = self.program.fns[self.id.index()].path.clone();
            self.fail(format!(
                "the analysis of `{name}` exceeded its budget of {STEP_BUDGET} steps"
            ));
            return false;
        }
        self.error.is_none()
    }

    /// Parameters start as symbols for the caller's arguments, typed by their declarations;
    /// a source's named parameters also carry its label.
    fn bind_params(&mut self, body: &'a ir::Body) {
        let info = &self.program.fns[self.id.index()];
        let function = info.ir;
        for (slot, pat) in body.params.iter().enumerate() {
            let mut value = Val::default();
            value.facts.insert(
                Origin::Param {
                    slot: slot as u16,
                    path: Arc::from(Vec::new()),
                    flat: false,
                },
                Fact::new(None),
            );
            value.tys = info.signature.params.get(slot).cloned().unwrap_or_default();
            value.ty_param = true;
            // A tuple (`p: &(u64, User)`) keeps its parts' types apart: `p.0` is a `u64`.
            let parts = (info.signature.param_parts.iter()).find(|(at, _)| *at == slot);
            if let Some((_, parts)) = parts {
                value.tys.clear();
                for (path, tys) in parts {
                    let part = part_mut(&mut value, path);
                    part.tys = tys.clone();
                    part.ty_param = true;
                }
            }
            // `args(..)` of a declaration names the declaration's parameters (`param_index`).
            let named = |a: &Name| match &**a {
                "self" => function.has_self && slot == 0,
                _ => {
                    self.param_index(Some(self.id), a)
                        .map(|i| i + usize::from(function.has_self))
                        == Some(slot)
                }
            };
            let name = self.param_name(slot);
            for (label, args) in &info.roles.sources {
                if let (Some(args), Some(name)) = (args, &name) {
                    if args.iter().any(named) {
                        let trace = domain::push(
                            &None,
                            function.span,
                            format!("parameter `{name}` of source `{}`", function.name),
                        );
                        value.facts.insert(Origin::Label(*label), Fact::new(trace));
                    }
                }
            }
            let local = param_local(pat);
            self.param_locals.push(local);
            // A clone of a shared cell passed in is the caller's cell.
            if let (Some(local), Some(param)) = (local, function.params.get(slot)) {
                let keys = info
                    .signature
                    .params
                    .get(slot)
                    .map_or(&[][..], Vec::as_slice);
                let fields = self.program.shared_fields(keys);
                let ty = self.program.expand_alias(info.module, &param.ty);
                if is_box(ty) {
                    self.boxes.push(local);
                }
                if holds_cells(self.program, info.module, ty) {
                    self.new_cell(local, None);
                    if !holds_shared(ty) {
                        self.cell_collections.push(local);
                    }
                } else if !fields.is_empty() {
                    self.new_cell(local, Some(fields));
                }
            }
            self.written.push(false);
            self.root_writes.push(None);
            self.given_object(slot, &mut value);
            self.bind(pat, value, function.span);
        }
    }

    /// An entry point's parameter that is an object (of a local type, or a std cell) holds
    /// what the other entry points kept in such objects (see `objects`).
    fn given_object(&mut self, slot: usize, value: &mut Val) {
        if !self.summaries.entry {
            return;
        }
        let Some(key) = objects::param_key(self.program, self.id, slot) else {
            return;
        };
        if let Err(at) = self.given.binary_search(&key) {
            self.given.insert(at, key.clone());
        }
        let Some(kept) = self.summaries.kept_in(&key, self.id) else {
            return;
        };
        let mut kept = kept.clone();
        let info = &self.program.fns[self.id.index()];
        let held = match &key {
            ObjectKey::Adt(adt) => &self.program.adts[adt.index()].ir.name,
            ObjectKey::Cell(ty) => ty,
        };
        let note: Arc<str> = format!(
            "held by the `{held}` given to `{}`, kept there by another entry point",
            info.ir.name
        )
        .into();
        let span = info.ir.span;
        kept.retain_facts(&mut |_, fact| {
            fact.trace = domain::push(&fact.trace, span, note.clone());
            true
        });
        value.join(&kept);
    }

    /// The parameter `callee` is, where the body only calls it (`ir::Body::called`).
    fn called_param(&self, callee: &Expr) -> Option<u16> {
        let Expr::Local(local, _) = callee.unlent() else {
            return None;
        };
        let called = self.program.fns[self.id.index()].ir.body.as_ref()?.called;
        let slot = self.param_locals.iter().position(|l| *l == Some(*local))?;
        (slot < 64 && called & 1 << slot != 0).then_some(slot as u16)
    }

    /// Marks the call at `span` whose result the local of `result_call` holds: what it
    /// returns runs only where that local is called (see `called_result`).
    fn hold_result(&mut self, span: Span) {
        if let Some((at, local)) = self.result_call {
            if at == span {
                if let Some(call) = self.calls.last_mut() {
                    call.result_guards = PartySet::MAX;
                    self.results.push((local, self.calls.len() - 1));
                }
            }
        }
    }

    /// A call of a local holding a call's result (`h(u)` after `let h = make();`): what
    /// that call returned runs here, under the checks that hold here.
    fn called_result(&mut self, callee: &Expr) {
        let Expr::Local(local, _) = callee.unlent() else {
            return;
        };
        for &(held, index) in &self.results {
            if held == *local {
                if let Some(call) = self.calls.get_mut(index) {
                    call.result_guards &= self.state.guards;
                }
            }
        }
    }

    /// The parameters, or parts of them, that the part `path` of `value` may be, with the
    /// path to each part: `c.sink` of `(c.sink)(..)`, `h` of `if let Some(h) = &mut
    /// self.hook`, a parameter passed on (`walk(c, f)`). `under`: those that some part
    /// under it may be, with a path under which it is (see `ParamCall::under`).
    fn param_parts(&self, value: &Val, path: &[Name], under: bool) -> Vec<(u16, Vec<Name>)> {
        let (mut part, mut rest) = (value, path);
        while let Some(field) = rest.first().and_then(|name| part.fields.get(name)) {
            part = field;
            rest = &rest[1..];
        }
        let facts = match under && rest.is_empty() {
            true => Cow::Owned(part.fold()),
            false => Cow::Borrowed(&part.facts),
        };
        // A folded fact (`flat`) stands for some part under its path, not one to call; a
        // part past the depth bound is not followed (a recursion passing `&s.inner` on).
        // Under them, either is: at the path that holds it.
        (facts.keys())
            .filter_map(|origin| match origin {
                Origin::Param { slot, path, flat }
                    if (*slot as usize) < self.param_locals.len() =>
                {
                    let mut path = match flat {
                        true => path.to_vec(),
                        false => [&path[..], rest].concat(),
                    };
                    match under {
                        true => path.truncate(MAX_DEPTH),
                        false if *flat || path.len() > MAX_DEPTH => return None,
                        false => {}
                    }
                    Some((*slot, path))
                }
                _ => None,
            })
            .collect()
    }

    /// Records a call of the parameters or parts of them (`param_parts`, of some part under
    /// them where `under`) with `args`, under the checks that hold here (see `ParamCall`).
    /// A part declared a `fn` pointer is not recorded: what a caller may have put there is a
    /// function or a closure that captures nothing, which runs where it is called as any
    /// callable of unknown origin does, and recording every such call for every caller
    /// (`(self.cmd.deferred)(..)` through a parser's methods) made clap's check twice as
    /// long.
    fn note_param_calls(&mut self, parts: Vec<(u16, Vec<Name>)>, args: &[Val], under: bool) {
        for (slot, path) in parts {
            if !under && !path.is_empty() && !self.part_may_capture(slot, &path) {
                continue;
            }
            let args = (args.iter())
                .map(|v| Val {
                    closures: Vec::new(),
                    ..v.clone()
                })
                .collect();
            let guards = self.state.guards;
            let call = ParamCall {
                slot,
                path,
                under,
                args,
                guards,
            };
            super::join_call(&mut self.param_calls, &call);
        }
    }

    /// Whether the part at `path` of parameter `slot`, as the types declare it, may be a
    /// closure that captures: anything but a `fn` pointer (or an `Option`, `Box`, reference
    /// or collection of them) reached through fields of known, non-generic types.
    fn part_may_capture(&self, slot: u16, path: &[Name]) -> bool {
        let info = &self.program.fns[self.id.index()];
        let Some(mut keys) = info.signature.params.get(slot as usize).cloned() else {
            return true;
        };
        let mut tys: Vec<&ir::Type> = Vec::new();
        for name in path {
            let fields: Vec<&FieldInfo> = (keys.iter())
                .filter_map(|key| match key {
                    TyKey::Adt(adt) => self.program.adts[adt.index()].fields.get(name),
                    _ => None,
                })
                .collect();
            if fields.is_empty() || fields.iter().any(|field| field.generic) {
                return true;
            }
            keys = fields.iter().flat_map(|f| f.keys.iter().cloned()).collect();
            tys = fields.iter().flat_map(|f| f.tys.iter().copied()).collect();
        }
        tys.is_empty() || !tys.iter().all(|ty| only_fn_pointers(ty))
    }

    fn param_name(&self, slot: usize) -> Option<Name> {
        self.program.fns[self.id.index()]
            .ir
            .params
            .get(slot)
            .and_then(|p| p.name.clone())
    }

    /// The values of parameters written through (`&mut`, interior mutability), at exit. The
    /// caller joins each into its argument, which keeps its own content and marks: the marks
    /// of a written root are those of what was written there, not the declared content's.
    fn writes(&self) -> Vec<(u16, Val)> {
        let mut out = Vec::new();
        for (slot, local) in self.param_locals.iter().enumerate() {
            if let (Some(local), true) = (local, self.written[slot]) {
                let mut value = self.state.locals[local.0 as usize].clone();
                value.closures.clear();
                if let Some(marks) = self.root_writes[slot] {
                    value.ty_consent = marks;
                }
                // What the parameter held is the caller's own content, which its place keeps;
                // the fields hold what was written there.
                let own = slot as u16;
                value.facts.retain(
                    |origin, _| !matches!(origin, Origin::Param { slot, .. } if *slot == own),
                );
                value.exact = true;
                out.push((slot as u16, value));
            }
        }
        out
    }

    /// Spawned closures (see `spawned`) run once more on the state at the function's end:
    /// what was written into shared cells after the spawn is what they may read.
    fn run_spawned_closures(&mut self) {
        let mut spawned = std::mem::take(&mut self.spawned);
        spawned.extend(self.scoped.drain(..).map(|(id, guards, _)| (id, guards)));
        self.run_spawned(spawned);
        for (task, guards) in std::mem::take(&mut self.tasks) {
            let state = State {
                guards,
                ..self.state.clone()
            };
            let saved = std::mem::replace(&mut self.state, state);
            let reachable = std::mem::replace(&mut self.reachable, true);
            self.eval(task);
            self.state = saved;
            self.reachable = reachable;
        }
    }

    fn run_spawned(&mut self, mut spawned: Vec<(u32, PartySet)>) {
        spawned.sort_unstable();
        spawned.dedup();
        for (id, guards) in spawned {
            let state = State {
                guards,
                ..self.state.clone()
            };
            self.run_closure_on(id, state, &[]);
        }
    }

    /// Runs closure `id` with `args` on `state` (and reachable), leaving the current state
    /// as it was.
    fn run_closure_on(&mut self, id: u32, state: State, args: &[Val]) -> Val {
        let saved = std::mem::replace(&mut self.state, state);
        let reachable = std::mem::replace(&mut self.reachable, true);
        let value = self.invoke_closure(id, args, &[]);
        self.state = saved;
        self.reachable = reachable;
        value
    }

    /// Closures that were never called here (stored, returned) still run somewhere: run them
    /// with what they captured where they were written.
    fn run_escaped_closures(&mut self) {
        let mut index = 0;
        while index < self.created.len() {
            let (id, state) = self.created[index].clone();
            if !self.invoked[id as usize] {
                self.run_closure_on(id, state, &[]);
            }
            index += 1;
        }
    }

    /// Runs every closure with parameters once more on symbols for its arguments, and keeps
    /// what those reach: where the closure ends up called through a value of unknown origin,
    /// the arguments there reach the same sinks.
    fn summarize_closures(&mut self) {
        // Only the symbols' reaches are kept: candidates and calls were found by the real runs.
        let candidates = self.candidates.clone();
        let group_flows = self.group_flows.clone();
        let calls = self.calls.len();
        let created: Vec<(u32, State)> = self.created.clone();
        let mut seen = Vec::new();
        for (id, state) in created {
            if seen.contains(&id) || !self.escapes.contains(&id) {
                continue;
            }
            seen.push(id);
            let Some(Expr::Closure { params, .. }) = self.closures.get(id as usize).copied() else {
                continue;
            };
            if params.is_empty() {
                continue;
            }
            self.run_closure_on(id, state, &symbolic_args(params.len()));
            let fields = self.closure_fields.get(&id).cloned().unwrap_or_default();
            for reach in self.take_symbolic_reaches() {
                self.escaped.push(super::Escaped {
                    arity: params.len(),
                    fields: fields.clone(),
                    reach,
                });
            }
        }
        self.summarize_sinks();
        self.candidates = candidates;
        self.group_flows = group_flows;
        self.calls.truncate(calls);
        self.results.retain(|&(_, index)| index < calls);
    }

    /// A sink used as a value that leaves the function runs, where a callable of unknown
    /// origin is called, as a direct call of it where it is named here does: on symbols for
    /// its arguments, what they reach is what the arguments there reach (`(self.op)(s)` of
    /// `Retry { op: to_parent }`). Outside any check, as a stored closure is.
    fn summarize_sinks(&mut self) {
        let guards = std::mem::take(&mut self.state.guards);
        for (f, field) in std::mem::take(&mut self.escaped_sinks) {
            let Some(&span) = self.sink_values.get(&f) else {
                // Not named here: where it was named, it escaped already.
                continue;
            };
            let info = &self.program.fns[f.index()];
            let (roles, path) = (info.roles.clone(), info.path.clone());
            let args = symbolic_args(info.ir.params.len());
            let (recv, rest) = match info.ir.has_self {
                true => (args.first(), args.get(1..).unwrap_or_default()),
                false => (None, &args[..]),
            };
            let local = Some((f, Val::default(), Shape::Any));
            self.apply_roles(&roles, &path, recv, rest, &[], span, local);
            for reach in self.take_symbolic_reaches() {
                self.escaped.push(super::Escaped {
                    arity: args.len(),
                    fields: field.iter().cloned().collect(),
                    reach,
                });
            }
        }
        self.state.guards = guards;
    }

    /// Removes what the symbols of `symbolic_args` reach, in terms of the callable's own
    /// parameters.
    fn take_symbolic_reaches(&mut self) -> Vec<Reach> {
        let mut symbolic: Vec<_> = (self.reaches.keys())
            .filter(|(slot, _, _, _)| *slot >= CLOSURE_SLOT)
            .cloned()
            .collect();
        symbolic.sort();
        (symbolic.into_iter())
            .filter_map(|key| {
                let (mut reach, guards) = self.reaches.remove(&key)?;
                reach.slot -= CLOSURE_SLOT;
                reach.guards = guards;
                Some(reach)
            })
            .collect()
    }

    fn local(&self, local: Local) -> Val {
        let mut value = self
            .state
            .locals
            .get(local.0 as usize)
            .cloned()
            .unwrap_or_default();
        if let Some(sent) = self.sent.get(&local) {
            value.join(sent);
        }
        value
    }

    fn eval(&mut self, expr: &'a Expr) -> Val {
        if !self.reachable || !self.tick() {
            return Val::default();
        }
        match expr {
            Expr::Lit(ir::Lit::Bool(b)) => Val {
                bool_lit: Some(*b),
                ..Val::default()
            },
            Expr::Lit(_) | Expr::Unknown => Val::default(),
            Expr::Local(local, _) => self.local(*local),
            Expr::Path(path, span) => self.eval_path(path, *span),
            Expr::Field { base, name, span } => {
                let value = self.eval(base);
                let value = self.through_deref(value, name, base, *span);
                self.project(&value, name, *span)
            }
            Expr::Index { base: place, index } => {
                let base = self.eval(place);
                let index = self.eval(index);
                // A local `Index` impl (`impl Index<usize> for Table`): its `index` gives the
                // element, as `t.index(i)` does.
                let local =
                    self.local_operator(&base, Implicit::Index, place, vec![index], place.span());
                match local {
                    Some(element) => element,
                    // `m[&id]` of a map is the value its pairs hold beside the key.
                    None if is_map(&base) && base.fields.contains_key(MAP_VALUE) => {
                        self.project(&base, &Name::from(MAP_VALUE), place.span())
                    }
                    None => element_of(base),
                }
            }
            Expr::Call { callee, args, span } => self.eval_call(callee, args, *span),
            Expr::MethodCall(call) => {
                if let (Some(ty), "collect") = (call.turbofish.first(), &*call.method) {
                    let keys = self.program.type_keys(&self.scope(), ty);
                    self.conversion_target = Some((call.span, keys));
                }
                let mut value =
                    self.eval_method(&call.receiver, &call.method, &call.args, call.span);
                // `Result`s collected into one (`collect::<Result<_, _>>()?`, or where a `let`
                // type or the declared return type says so) keep its sides apart; into a
                // collection of them, an element's are not told from the collection's (its
                // `into_iter()` is no `Result`'s).
                let into_result = call.turbofish.first().is_some_and(names_result)
                    || self.into_results.contains(&call.span);
                if &*call.method == "collect" && !into_result {
                    value.split = false;
                }
                // `ev.downcast_ref::<User>()`, `resp.json::<User>()`: of the type it names.
                for ty in &call.turbofish {
                    self.declare(&mut value, ty);
                }
                value
            }
            Expr::Struct(lit) => {
                let ir::StructLit {
                    path, fields, base, ..
                } = &**lit;
                // The fields written out run first, then the base is read (Rust's order).
                let mut made = Vec::with_capacity(fields.len());
                for (name, expr) in fields {
                    let mut field = self.eval(expr);
                    self.note_closure_field(&field, name);
                    // Called through the field elsewhere, it returns what it captured.
                    self.carry_captured(&mut field);
                    made.push((name, field));
                }
                let mut value = match base {
                    Some(base) => {
                        let span = base.span();
                        let base = match self.literal_default(path, base) {
                            Some(made) => made,
                            None => self.eval(base),
                        };
                        self.base_fields(base, path, fields, span)
                    }
                    None => Val {
                        exact: true,
                        ..Val::default()
                    },
                };
                // A field written out replaces the base's (`Row { a, ..base }`); one written
                // twice is under `#[cfg]` alternatives: either value.
                let mut written: Vec<Name> = Vec::with_capacity(fields.len());
                for (name, field) in made {
                    let part = self.part_name(Some(path), name.clone());
                    match value.fields.make_mut().get_mut(&part) {
                        Some(existing) if written.contains(&part) => {
                            existing.join(&field);
                        }
                        _ => {
                            value.fields.insert(part.clone(), field);
                        }
                    }
                    written.push(part);
                }
                if let Some(key) = self.type_of_path(path) {
                    if !value.tys.contains(&key) {
                        value.tys.push(key);
                    }
                    if matches!(self.resolve(path), Resolved::Def(Def::Variant(_))) {
                        value.variant = path.segments.last().cloned();
                    }
                }
                value
            }
            Expr::Tuple(items) => {
                let mut value = Val::default();
                for (index, item) in items.iter().enumerate() {
                    let mut item = self.eval(item);
                    // A callable in a tuple runs wherever the tuple's part is called.
                    self.hand_out(&item);
                    self.carry_captured(&mut item);
                    value.fields.insert(Name::from(index.to_string()), item);
                }
                value
            }
            Expr::Array(items) => {
                let mut value = Val::default();
                for item in items {
                    let item = self.eval(item);
                    value.join(&item);
                }
                value
            }
            Expr::Transparent(inner) | Expr::Lend(inner) => self.eval(inner),
            // `rx.await` of a oneshot receiver is a receive.
            Expr::Await(inner) => {
                let mut value = self.eval(inner);
                self.received(inner, &mut value, inner.span());
                value
            }
            Expr::Not(inner) => {
                let mut value = self.eval(inner);
                let operated =
                    self.local_operator(&value, Implicit::Not, inner, Vec::new(), inner.span());
                value.cond = value.cond.map(|c| Cond {
                    shape: c.shape,
                    when_true: c.when_false,
                    when_false: c.when_true,
                });
                if let Some(operated) = operated {
                    value.join(&operated);
                }
                value
            }
            Expr::Neg(inner, span) => {
                let mut value = self.eval(inner);
                if let Some(operated) =
                    self.local_operator(&value, Implicit::Neg, inner, Vec::new(), *span)
                {
                    value.join(&operated);
                }
                value
            }
            Expr::Formatted(formatted) => self.eval_formatted(formatted),
            Expr::Binary {
                op,
                left,
                right,
                span,
            } => self.eval_binary(*op, left, right, *span),
            Expr::Assign {
                place,
                value: assigned,
            } => {
                // `[a, b] = [x, y]`: element by element, as a tuple's parts.
                if let (Expr::Array(places), Expr::Array(items)) = (&**place, &**assigned) {
                    if places.len() == items.len() {
                        let values: Vec<Val> = items.iter().map(|item| self.eval(item)).collect();
                        for (place, value) in places.iter().zip(values) {
                            self.eval_calls_in(place);
                            self.assign(place, value);
                        }
                        return Val::default();
                    }
                }
                let value = self.eval(assigned);
                self.repoint_shared(place, assigned);
                self.eval_calls_in(place);
                self.repointing(place, Some(assigned), |this| this.assign(place, value));
                Val::default()
            }
            Expr::CompoundAssign {
                place,
                value,
                op,
                span,
            } => {
                let value = self.eval(value);
                let current = self.eval(place);
                let folded = Val {
                    facts: self.fold(&value, Span::default()),
                    ..Val::default()
                };
                // A local impl (`impl AddAssign for Totals`) writes through `&mut self`.
                self.local_operator(&current, *op, place, vec![value], *span);
                self.write(place, folded, false);
                Val::default()
            }
            Expr::Let(let_) => {
                let ir::Let {
                    pat,
                    ty,
                    init,
                    else_,
                } = &**let_;
                // `let [a, b] = [x, y]`: each binding is its element, as a tuple's part.
                if let (Pat::Slice(parts), Some(Expr::Array(items)), None, None) =
                    (pat, init, ty, else_)
                {
                    if parts.len() == items.len() {
                        for (part, item) in parts.iter().zip(items) {
                            let value = self.eval(item);
                            self.record_aliases(part, item);
                            self.bind(part, value, item.span());
                        }
                        return Val::default();
                    }
                }
                if let (Some(ty), Some(at)) = (ty, init.as_ref().and_then(conversion_call)) {
                    let keys = self.program.type_keys(&self.scope(), ty);
                    self.conversion_target = Some((at, keys));
                    if names_result(ty) {
                        self.into_results.push(at);
                    }
                }
                let body = self.program.fns[self.id.index()].ir.body.as_ref();
                if let (Pat::Bind(local, None), Some(at), Some(body)) =
                    (pat, init.as_ref().and_then(Expr::call_span), body)
                {
                    if body.called_results.contains(local) {
                        self.result_call = Some((at, *local));
                    }
                }
                let mut value = match init {
                    Some(init) => self.eval(init),
                    None => Val::default(),
                };
                self.result_call = None;
                self.conversion_target = None;
                if let Some(init) = init {
                    self.record_aliases(pat, init);
                    self.record_shared(pat, ty.as_ref(), init, &value.tys);
                }
                self.record_box(pat, ty.as_ref(), init.as_ref());
                if let Some(ty) = ty {
                    self.declare(&mut value, ty);
                }
                if let Some(else_) = else_ {
                    // The `else` runs where the pattern does not match (`let None =
                    // check(u) else { .. }`: on the check's `Some`).
                    let (positive, negative) =
                        self.pattern_guard(pat, value.cond, &mut Answers::default());
                    let saved = self.state.clone();
                    self.state.guards |= negative;
                    self.eval(else_);
                    self.state = saved;
                    self.reachable = true;
                    self.state.guards |= positive;
                }
                // A field the pattern reads is read where the value comes from.
                let span = init.as_ref().map_or(Span::default(), |init| init.span());
                self.bind(pat, value, span);
                self.empty_channel(pat);
                Val::default()
            }
            Expr::LetCond { .. } => self.eval_cond(expr).0,
            Expr::Block(items) => {
                self.scopes.push(Vec::new());
                let mut last = Val::default();
                for item in items {
                    last = self.eval(item);
                    if !self.reachable {
                        break;
                    }
                }
                let bound = self.scopes.pop().unwrap_or_default();
                if !self.reachable {
                    return Val::default();
                }
                self.drop_locals(&bound, self.program.fns[self.id.index()].ir.span);
                last
            }
            Expr::If { cond, then, else_ } => self.eval_if(cond, then, else_.as_deref()),
            Expr::Match { scrutinee, arms }
                if arms.iter().all(|a| bool_literal(&a.body).is_some()) =>
            {
                let (when_true, when_false) = self.bool_match_guards(scrutinee, arms);
                Val::condition(when_true, when_false)
            }
            Expr::Match { scrutinee, arms } => self.eval_match(scrutinee, arms),
            Expr::Loop { label, kind, body } => self.eval_loop(label, kind, body),
            Expr::Break { label, value } => {
                let value = match value {
                    Some(value) => self.eval(value),
                    None => Val::default(),
                };
                self.leave_loop_scopes(label);
                let state = self.state.clone();
                if let Some(frame) = self.loop_frame(label) {
                    join_into(&mut frame.breaks, state);
                    frame.break_value.join(&value);
                }
                self.reachable = false;
                Val::default()
            }
            Expr::Continue { label } => {
                self.leave_loop_scopes(label);
                let state = self.state.clone();
                if let Some(frame) = self.loop_frame(label) {
                    join_into(&mut frame.continues, state);
                }
                self.reachable = false;
                Val::default()
            }
            Expr::Return(value, span) => {
                let value = match value {
                    Some(value) => {
                        let returned = self.eval(value);
                        self.note_lends(value);
                        returned
                    }
                    None => Val::default(),
                };
                self.leave_frame_scopes(*span);
                self.return_with(value);
                Val::default()
            }
            Expr::Try(inner, span) => {
                let value = self.eval(inner);
                let value = self.eval_try(value, *span);
                // `Err(e)?` and `None?` always leave, as a `return` does.
                let head = match &**inner {
                    Expr::Call { callee, .. } => &**callee,
                    other => other,
                };
                if matches!(head, Expr::Path(path, _) if variant_polarity(path) == Some(false)) {
                    self.reachable = false;
                }
                value
            }
            Expr::Closure { .. } => {
                let id = self.closure_id(expr);
                self.created.push((id, self.state.clone()));
                Val {
                    closures: vec![id],
                    ..Val::default()
                }
            }
            Expr::Async(body) => self.run_frame(yields_option(body), |this| this.eval(body)),
            Expr::Macro(call) => self.eval_macro(call.kind, &call.path, &call.args, call.span),
        }
    }

    /// Drops what `locals` hold, last first: a value of a local type with a `Drop` impl
    /// goes away where the block that bound it is left (a batch that flushes on drop).
    fn drop_locals(&mut self, locals: &[Local], span: Span) {
        for local in locals.iter().rev() {
            let Some(value) = self.state.locals.get(local.0 as usize) else {
                continue;
            };
            if value
                .tys
                .iter()
                .any(|ty| self.program.drops.contains_key(ty))
            {
                let value = value.clone();
                self.drop_value(&value, span);
            }
        }
    }

    /// `return` and `?` leave every block of the body they return from (a closure's, an
    /// async block's, or the function's).
    fn leave_frame_scopes(&mut self, span: Span) {
        let base = self.returns.last().map_or(0, |frame| frame.scope_base);
        self.leave_scopes(base, span);
    }

    /// `break` and `continue` leave the blocks inside the loop they name.
    fn leave_loop_scopes(&mut self, label: &Option<Name>) {
        if let Some(base) = self.loop_frame(label).map(|frame| frame.scope_base) {
            self.leave_scopes(base, self.program.fns[self.id.index()].ir.span);
        }
    }

    /// Drops what the blocks opened since `base` bound, innermost first.
    fn leave_scopes(&mut self, base: usize, span: Span) {
        let left: Vec<Local> = self.scopes[base..].concat();
        self.drop_locals(&left, span);
    }

    /// Runs the `Drop` impls of the local types `value` may be of, those whose summary
    /// reaches a sink or a static (what else `drop` does goes away with the value).
    fn drop_value(&mut self, value: &Val, span: Span) {
        let drops: Vec<FnId> = (value.tys.iter())
            .filter_map(|ty| self.program.drops.get(ty))
            .flatten()
            .copied()
            .filter(|f| {
                (self.summaries.get(*f))
                    .is_none_or(|s| !s.reaches.is_empty() || !s.statics.is_empty())
            })
            .collect();
        if !drops.is_empty() {
            self.call_each(
                &drops,
                Some(value.clone()),
                Vec::new(),
                vec![None],
                span,
                true,
            );
        }
    }

    /// A closure sees its captures as they were where it was made (a `move` closure took
    /// them then) as well as they are now (a borrow sees later writes through cells).
    fn recall_captures(&mut self, id: u32, body: &Expr) {
        if !self.created.iter().any(|(made, _)| *made == id) {
            return;
        }
        let read = read_locals(body);
        for local in read {
            let index = local.0 as usize;
            let then: Vec<Val> = (self.created.iter())
                .filter(|(made, _)| *made == id)
                .filter_map(|(_, state)| state.locals.get(index).cloned())
                .collect();
            if let Some(now) = self.state.locals.get_mut(index) {
                for value in &then {
                    now.join(value);
                }
            }
        }
    }

    /// A closure that leaves the function (returned, kept in a struct) carries what it
    /// returns, run on what it captured where it was made (as `run_escaped_closures` runs
    /// it): where it is called as a value of unknown origin, its result holds that, with
    /// what it is given there.
    fn carry_captured(&mut self, value: &mut Val) {
        for id in value.closures.clone() {
            let Some(&Expr::Closure { span, .. }) = self.closures.get(id as usize).copied() else {
                continue;
            };
            if self.held(id) {
                continue;
            }
            let states: Vec<State> = (self.created.iter())
                .filter(|(made, _)| *made == id)
                .map(|(_, state)| state.clone())
                .collect();
            // Made in no new state since it last ran here: the same result.
            if let Some((runs, facts)) = self.carried.get(&id) {
                if *runs == states.len() {
                    domain::join_facts(&mut value.facts, facts);
                    continue;
                }
            }
            let mut facts = Facts::new();
            for state in &states {
                let result = self.run_closure_on(id, state.clone(), &[]);
                domain::join_facts(&mut facts, &self.fold(&result, span));
                // A closure it returns carries what that one captured.
                for inner in &result.closures {
                    domain::join_facts(&mut facts, &self.captured(*inner));
                }
            }
            domain::join_facts(&mut value.facts, &facts);
            self.carried.insert(id, (states.len(), facts));
        }
    }

    /// What closure `id` captured where it was made: the content of the locals its body
    /// reads, in each state it was made in.
    fn captured(&self, id: u32) -> Facts {
        let mut facts = Facts::new();
        let Some(&Expr::Closure { ref body, span, .. }) = self.closures.get(id as usize).copied()
        else {
            return facts;
        };
        let read = read_locals(body);
        for (_, state) in self.created.iter().filter(|(made, _)| *made == id) {
            for local in &read {
                if let Some(value) = state.locals.get(local.0 as usize) {
                    domain::join_facts(&mut facts, &self.fold(value, span));
                }
            }
        }
        facts
    }

    /// What the function returns (`returned`, where the function's own frame returns it)
    /// borrows of the places its parameters lend (see `Lent`, `lends`), where its declared
    /// result may hold a `&mut`. A parameter the caller gives by value or by shared borrow
    /// lends it no place to write into.
    fn note_lends(&mut self, returned: &Expr) {
        if self.returns.len() != 1 || !self.result_may_lend(self.id) {
            return;
        }
        let mut found = Vec::new();
        self.borrowed_places(returned, Vec::new(), &mut found, 0);
        let mut borrows = Vec::new();
        for borrow in found {
            self.through_aliases(borrow, &mut borrows, 0);
        }
        for borrow in borrows {
            let slot = self
                .param_locals
                .iter()
                .position(|l| *l == Some(borrow.target));
            let Some(slot) = slot.filter(|_| self.lent_param(borrow.target)) else {
                continue;
            };
            let lent = Lent {
                from: borrow.from,
                slot: slot as u16,
                path: borrow.prefix,
            };
            Lent::add(&mut self.lends, lent);
        }
    }

    /// `borrow`, and the places it reaches through the borrows its target holds (`&mut
    /// n.name` of `let n = &mut self.node` is `self.node.name`).
    fn through_aliases(&self, borrow: Borrow, out: &mut Vec<Borrow>, depth: usize) {
        let held = self.aliases.get(&borrow.target).filter(|_| depth < 8);
        for alias in held.into_iter().flatten() {
            if alias.target == borrow.target {
                continue;
            }
            if let Some(inner) = alias.of_part(Some(&borrow.prefix)) {
                let reached = Borrow {
                    from: [&borrow.from[..], &inner.from[..]].concat(),
                    ..inner
                };
                self.through_aliases(reached, out, depth + 1);
            }
        }
        out.push(borrow);
    }

    fn return_with(&mut self, value: Val) {
        self.exit_frame(value, true);
    }

    fn exit_frame(&mut self, value: Val, carries_value: bool) {
        let state = self.state.clone();
        let guards = state.guards;
        if let Some(frame) = self.returns.last_mut() {
            let mut marked = value;
            if carries_value && !marked.is_none {
                frame.value_guards = Some(frame.value_guards.map_or(guards, |g| g & guards));
                marked.consent(guards);
            } else {
                frame.none_exit = true;
            }
            join_into(&mut frame.marked, marked);
            join_into(&mut frame.states, state);
        }
        self.reachable = false;
    }

    /// `x?`, `x.unwrap()`: the error path returns; what follows runs only on success, so a
    /// consent check's success guards it. `?` returns the error converted by `From`: a local
    /// impl for the error's type runs (`AppError::from(PhoneErr(phone))`).
    fn eval_try(&mut self, value: Val, span: Span) -> Val {
        if !self.reachable {
            return Val::default();
        }
        let saved = self.state.clone();
        // In a function declared to return `Option`, or a closure that returns `Some(..)`,
        // `?` returns `None`.
        let declared = self.declared_return();
        let returns_option = (self.returns.last()).is_some_and(|frame| frame.returns_option)
            || declared.is_some_and(|path| path.segments.last().is_some_and(|s| &**s == "Option"));
        // What leaves is the error (the whole value where `Ok` and `Err` are not apart),
        // converted by a local `From` impl into the declared error type.
        let mut error = value.err_part();
        if let (false, Some(declared), false) = (returns_option, declared, error.tys.is_empty()) {
            let into = self.error_types(declared);
            if !into.is_empty() {
                match self.convert(false, &error, None, Some(&into), span) {
                    // Into a local error type only the crate's own impls convert.
                    Some((converted, true)) => error = converted,
                    Some((converted, false)) => {
                        error.join(&converted);
                    }
                    None => {
                        if let Some(converted) = self.converted_unseen(&error, &into, span) {
                            error = converted;
                        }
                    }
                }
            }
        }
        let returned = match returns_option {
            true => Val {
                is_none: true,
                ..Val::default()
            },
            false => Val::err(error),
        };
        self.leave_frame_scopes(span);
        self.exit_frame(returned, false);
        self.state = saved;
        self.reachable = true;
        self.unwrap_cond(value.ok_part())
    }

    fn unwrap_cond(&mut self, mut value: Val) -> Val {
        if let Some(cond) = value.cond {
            match cond.shape {
                Shape::Wrapped { inner_bool: false } | Shape::Any => {
                    self.state.guards |= cond.when_true;
                    value.cond = None;
                }
                Shape::Wrapped { inner_bool: true } => {
                    value.cond = Some(Cond {
                        shape: Shape::Bool,
                        ..cond
                    })
                }
                Shape::Bool => {}
            }
        }
        value
    }

    /// Runs `f` as the body of a closure or async block: `return` and `?` end it, not the
    /// function, and it may not run at all.
    fn run_frame(&mut self, returns_option: bool, f: impl FnOnce(&mut Self) -> Val) -> Val {
        let before = self.state.clone();
        let reachable = self.reachable;
        self.returns.push(ReturnFrame {
            loop_base: self.loops.len(),
            scope_base: self.scopes.len(),
            returns_option,
            ..ReturnFrame::default()
        });
        let value = f(self);
        // The threads of a scope opened in this closure are joined as it ends.
        let depth = self.returns.len();
        if self.scoped.iter().any(|(_, _, at)| *at == depth) {
            let (ended, open): (Vec<_>, Vec<_>) =
                self.scoped.drain(..).partition(|(_, _, at)| *at == depth);
            self.scoped = open;
            self.run_spawned(
                ended
                    .into_iter()
                    .map(|(id, guards, _)| (id, guards))
                    .collect(),
            );
        }
        let mut frame = self.returns.pop().unwrap_or_default();
        if self.reachable && !value.is_none {
            let guards = self.state.guards;
            frame.value_guards = Some(frame.value_guards.map_or(guards, |g| g & guards));
        }
        self.frame_guards = frame.value_guards.unwrap_or(0) & !before.guards;
        self.diverged = !self.reachable && frame.marked.is_none();
        // Each exit's value carries the checks that held where it left, as a function's
        // does (`|u| { if !shares(u) { return None; } Some(u.phone.clone()) }`).
        let mut result = match self.reachable {
            true => {
                let mut value = value;
                if !value.is_none {
                    value.consent(self.state.guards);
                }
                Some(value)
            }
            false => None,
        };
        if let Some(returned) = frame.marked {
            match &mut result {
                Some(existing) => {
                    existing.join(&returned);
                }
                None => result = Some(returned),
            }
        }
        let mut after = before.clone();
        if self.reachable {
            after.join(&self.state);
        }
        if let Some(states) = &frame.states {
            after.join(states);
        }
        after.guards = before.guards;
        self.state = after;
        self.reachable = reachable;
        result.unwrap_or_default()
    }

    fn closure_id(&mut self, expr: &'a Expr) -> u32 {
        let key = expr as *const Expr;
        if let Some(&id) = self.closure_ids.get(&key) {
            return id;
        }
        let id = self.closures.len() as u32;
        self.closures.push(expr);
        self.invoked.push(false);
        self.closure_ids.insert(key, id);
        id
    }

    /// A value bound where its type is written (`let x: T`, `|a: &Account|`) is of that type
    /// too, with the consent its content has.
    fn declare(&self, value: &mut Val, ty: &ir::Type) {
        // A sanitizer's result keeps its types as the sanitizer left them (`let h: User =
        // redact(u)`).
        if value.sanitized {
            return;
        }
        let consent = (!value.has_labelled_type()).then(|| value.common_consent());
        if let Some(consent) = consent {
            value.ty_consent = consent;
        }
        let add = |value: &mut Val, keys: Vec<TyKey>| {
            for key in keys {
                if !value.tys.contains(&key) {
                    value.tys.push(key);
                }
            }
        };
        // A `Result` made here with its sides apart (`let r: Result<String, Line> =
        // Err(line)`) keeps them apart: each side is of its own declared type.
        match self.sides_of(&self.scope(), ty) {
            Some((ok, error)) if value.split => {
                if let Some(made) = value.fields.make_mut().get_mut(domain::ERR) {
                    add(made, error);
                }
                add(value, ok);
            }
            // A tuple or a map (`let m: HashMap<u64, User>`) keeps its parts' types apart,
            // as a parameter of that type does.
            _ => match self.program.tuple_parts(&self.scope(), ty) {
                Some(parts) => {
                    for (path, keys) in parts {
                        let part = part_mut(value, &path);
                        if let Some(consent) = consent.filter(|_| !part.has_labelled_type()) {
                            part.ty_consent = consent;
                        }
                        add(part, keys);
                    }
                }
                None => add(value, self.program.type_keys(&self.scope(), ty)),
            },
        }
    }

    /// Runs closure `id` with `args`; a parameter given a place (`|e| *e = x` called on
    /// the elements of `v.iter_mut()`) writes into it.
    fn invoke_closure(&mut self, id: u32, args: &[Val], places: &[Option<&'a Expr>]) -> Val {
        let Some(&Expr::Closure {
            ref params,
            ref types,
            ref body,
            span,
        }) = self.closures.get(id as usize).copied()
        else {
            return Val::default();
        };
        self.invoked[id as usize] = true;
        if self.closure_depth >= CLOSURE_DEPTH {
            // Too deep to run: it may return what it reads and what it is given.
            let mut facts = self.captured(id);
            for arg in args {
                domain::join_facts(&mut facts, &self.fold(arg, span));
            }
            return Val {
                facts,
                ..Val::default()
            };
        }
        self.closure_depth += 1;
        self.recall_captures(id, body);
        let value = self.run_frame(yields_option(body), |this| {
            for (index, param) in params.iter().enumerate() {
                let mut arg = args.get(index).or(args.last()).cloned().unwrap_or_default();
                if let Some(Some(ty)) = types.as_ref().and_then(|types| types.get(index)) {
                    this.declare(&mut arg, ty);
                }
                this.bind(param, arg, span);
                let place = places.get(index).or(places.last());
                // `|(i, out)|` of `outs.iter_mut().enumerate()`: part by part.
                if let (Pat::Tuple(None, _), Some(Some(place))) = (param, place) {
                    this.record_aliases(param, place);
                }
                if let (Pat::Bind(local, None), Some(Some(place))) = (param, place) {
                    if this.record_channel(param, place) {
                        continue;
                    }
                    let (mut path, mut through) = (Vec::new(), false);
                    match this.place_root(place, &mut path, &mut through) {
                        Some(root) if root != *local => {
                            this.aliases.insert(*local, vec![Borrow::whole(root, path)]);
                        }
                        Some(_) => {}
                        None => this.lend_static(*local, place),
                    }
                }
            }
            this.eval(body)
        });
        self.closure_depth -= 1;
        value
    }

    /// Calls every closure and function a value may be, with `args`.
    fn invoke_value(
        &mut self,
        callee: &Val,
        args: &[Val],
        places: &[Option<&'a Expr>],
        span: Span,
    ) -> Option<Val> {
        if !callee.is_callable() {
            return None;
        }
        let mut result = None;
        for id in callee.closures.clone() {
            let value = self.invoke_closure(id, args, places);
            join_into(&mut result, value);
        }
        for f in callee.fns.clone() {
            // Each parameter past the arguments gets the last, as a closure's does: unknown
            // code passes what it holds to each (`post(register)` of a handler taking the
            // state and the request body), a map's `retain(keep)` a key and a value.
            let arity = self.program.fns[f.index()].ir.params.len();
            let mut args = args.to_vec();
            if let Some(last) = args.last().cloned() {
                args.resize(arity.max(args.len()), last);
            }
            let value = self.call_fn(f, None, args, places.to_vec(), span);
            join_into(&mut result, value);
        }
        for path in callee.externals.iter().flat_map(|paths| paths.iter()) {
            let value = self.call_external(std::slice::from_ref(path), args, places, span);
            join_into(&mut result, value);
        }
        result
    }

    fn loop_frame(&mut self, label: &Option<Name>) -> Option<&mut LoopFrame> {
        let base = self.returns.last().map_or(0, |f| f.loop_base);
        let frames = &mut self.loops[base..];
        match label {
            Some(label) => frames
                .iter_mut()
                .rev()
                .find(|f| f.label.as_ref() == Some(label)),
            None => frames.last_mut(),
        }
    }

    fn eval_binary(&mut self, op: ir::BinOp, left: &'a Expr, right: &'a Expr, span: Span) -> Val {
        match op {
            ir::BinOp::And | ir::BinOp::Or | ir::BinOp::BitAnd | ir::BinOp::BitOr => {
                let (value, cond) = self.eval_logic(op, left, right, span);
                Val {
                    cond: Some(Cond {
                        shape: Shape::Bool,
                        when_true: cond.0,
                        when_false: cond.1,
                    }),
                    ..value
                }
            }
            // A comparison's result is data of both sides (`u.phone == known`), as any
            // operator's is; only a branch on it is an implicit flow.
            ir::BinOp::Compare | ir::BinOp::Arith(_) => {
                let l = self.eval(left);
                let r = self.eval(right);
                let carried = Val {
                    facts: self.fold_both(&l, &r),
                    ..Val::default()
                };
                self.operated(carried, op, &l, left, r, span)
            }
            ir::BinOp::Eq | ir::BinOp::Ne => {
                let l = self.eval(left);
                let r = self.eval(right);
                let facts = self.fold_both(&l, &r);
                // `check(u) == true`, `check(u) != Ok(false)`: the literal read as a pattern.
                let (value, literal) = match (literal_pattern(right), literal_pattern(left)) {
                    (Some(pat), _) => (l, pat),
                    (None, Some(pat)) => (r, pat),
                    (None, None) => {
                        return Val {
                            facts,
                            ..Val::default()
                        }
                    }
                };
                let (t, f) = self.pattern_guard(&literal, value.cond, &mut Answers::default());
                let condition = match op {
                    ir::BinOp::Eq => Val::condition(t, f),
                    _ => Val::condition(f, t),
                };
                Val { facts, ..condition }
            }
        }
    }

    /// What a binary operator's result carries (`carried`: both operands, as std's
    /// operators' results do), with what the left operand's local impl of the operator
    /// returns where it has one (`impl Add<u64> for Masked`).
    fn operated(
        &mut self,
        mut carried: Val,
        op: ir::BinOp,
        left: &Val,
        place: &'a Expr,
        right: Val,
        span: Span,
    ) -> Val {
        let Some(implicit) = op.implicit() else {
            return carried;
        };
        if let Some(result) = self.local_operator(left, implicit, place, vec![right], span) {
            carried.join(&result);
        }
        carried
    }

    fn fold_both(&mut self, left: &Val, right: &Val) -> Facts {
        let mut facts = self.fold(left, Span::default());
        domain::join_facts(&mut facts, &self.fold(right, Span::default()));
        facts
    }

    /// `a && b`, `a || b`: the right side runs only when the left allows it, under the
    /// guards the left establishes. `a & b`, `a | b` decide alike, but run both sides.
    fn eval_logic(
        &mut self,
        op: ir::BinOp,
        left: &'a Expr,
        right: &'a Expr,
        span: Span,
    ) -> (Val, (PartySet, PartySet)) {
        let (l, (lt, lf)) = self.eval_cond(left);
        let saved = self.state.guards;
        match op {
            ir::BinOp::And => self.state.guards |= lt,
            ir::BinOp::Or => self.state.guards |= lf,
            _ => {}
        }
        let (r, (rt, rf)) = self.eval_cond(right);
        self.state.guards = saved;
        let carried = Val {
            facts: self.fold_both(&l, &r),
            ..Val::default()
        };
        let value = self.operated(carried, op, &l, left, r, span);
        if matches!(op, ir::BinOp::And | ir::BinOp::BitAnd) {
            (value, (lt | rt, lf & rf))
        } else {
            (value, (lt & rt, lf | rf))
        }
    }

    /// Evaluates a condition: its value, and the consent parties it establishes when true
    /// and when false.
    fn eval_cond(&mut self, expr: &'a Expr) -> (Val, (PartySet, PartySet)) {
        match expr {
            Expr::Not(inner) => {
                let (value, (t, f)) = self.eval_cond(inner);
                (value, (f, t))
            }
            Expr::Binary {
                op: op @ (ir::BinOp::And | ir::BinOp::Or | ir::BinOp::BitAnd | ir::BinOp::BitOr),
                left,
                right,
                span,
            } => self.eval_logic(*op, left, right, *span),
            Expr::LetCond(cond) => {
                let (pat, init) = &**cond;
                let value = self.eval(init);
                self.record_aliases(pat, init);
                self.record_taken(pat, init, false);
                let (t, f) = self.pattern_guard(pat, value.cond, &mut Answers::default());
                let parts = part_conds(&value);
                let mut seen = vec![Answers::default(); parts.len()];
                let t = t | self.parts_guard(pat, &parts, &mut seen, false);
                self.bind(pat, value, init.span());
                (Val::default(), (t, f))
            }
            Expr::Transparent(inner) | Expr::Lend(inner) => self.eval_cond(inner),
            _ => {
                let value = self.eval(expr);
                let guards = match value.cond {
                    Some(Cond {
                        shape: Shape::Bool | Shape::Any,
                        when_true,
                        when_false,
                    }) => (when_true, when_false),
                    _ => (0, 0),
                };
                (value, guards)
            }
        }
    }

    /// A match whose arms are `true` or `false` (what `matches!` lowers to) as a condition:
    /// when true, one of the `true` arms was taken; when false, one of the `false` arms.
    /// An arm is taken where its pattern matched, its guard held and the guards of the
    /// earlier arms that would have taken its values failed.
    fn bool_match_guards(
        &mut self,
        scrutinee: &'a Expr,
        arms: &'a [ir::Arm],
    ) -> (PartySet, PartySet) {
        let value = self.eval(scrutinee);
        let mut seen = Answers::default();
        let mut failed = Vec::new();
        let (mut when_true, mut when_false) = (PartySet::MAX, PartySet::MAX);
        for arm in arms {
            let (mut taken, _) = self.arm_guard(arm, value.cond, &mut seen);
            taken |= self.passed_over(&failed, &arm.pat);
            if let Some(guard) = &arm.guard {
                self.bind(&arm.pat, value.clone(), scrutinee.span());
                let (_, (t, f)) = self.eval_cond(guard);
                taken |= t;
                failed.push((&arm.pat, f));
            }
            match bool_literal(&arm.body) {
                Some(true) => when_true &= taken,
                _ => when_false &= taken,
            }
        }
        if when_true == PartySet::MAX {
            when_true = 0;
        }
        if when_false == PartySet::MAX {
            when_false = 0;
        }
        (when_true, when_false)
    }

    /// `pattern_guard` of an arm's pattern. An arm with a guard can pass a value on to later
    /// arms (`false if urgent => .., _ => ..`): what it takes is not taken for them.
    fn arm_guard(
        &self,
        arm: &ir::Arm,
        cond: Option<Cond>,
        seen: &mut Answers,
    ) -> (PartySet, PartySet) {
        let mut taken = *seen;
        let guards = self.pattern_guard(&arm.pat, cond, &mut taken);
        if arm.guard.is_none() {
            *seen = taken;
        }
        guards
    }

    /// The parties a pattern establishes when it matches a tuple of values of which some
    /// are checks' answers (`match (shares(u), force) { (true, _) => .. }`, see
    /// `part_conds`): each part's, as `pattern_guard` reads it. `seen` is per part; an arm
    /// whose other parts match anything (`(false, _) => return`) takes its part's answer
    /// for the later arms, when `takes` (it has no guard of its own).
    fn parts_guard(
        &self,
        pat: &Pat,
        conds: &[Option<Cond>],
        seen: &mut [Answers],
        takes: bool,
    ) -> PartySet {
        let wild = Pat::Wild;
        let pats: Vec<&Pat> = match pat {
            // A `..` is one `_` in the list: where the lengths agree, it stands for one part.
            Pat::Tuple(None, pats) if pats.len() == conds.len() => pats.iter().collect(),
            pat if !conds.is_empty() && self.irrefutable(pat) => vec![&wild; conds.len()],
            _ => return 0,
        };
        let mut positive = 0;
        for (index, (pat, cond)) in pats.iter().zip(conds).enumerate() {
            let mut taken = seen[index];
            positive |= self.pattern_guard(pat, *cond, &mut taken).0;
            let others_any = (pats.iter().enumerate())
                .all(|(other, pat)| other == index || self.irrefutable(pat));
            if takes && others_any {
                seen[index] = taken;
            }
        }
        positive
    }

    /// The parties a pattern establishes when it matches a checked value, and when it does
    /// not; `seen` carries the shapes earlier arms took (`false => .., _ => ..`).
    fn pattern_guard(
        &self,
        pat: &Pat,
        cond: Option<Cond>,
        seen: &mut Answers,
    ) -> (PartySet, PartySet) {
        let Some(cond) = cond else { return (0, 0) };
        // `e @ Err(_)` takes what its pattern takes.
        if let Pat::Bind(_, Some(inner)) = pat {
            return self.pattern_guard(inner, Some(cond), seen);
        }
        if let Pat::Or(alternatives) = pat {
            // Each alternative's match holds where the pattern matches; where it does not,
            // none matched: what is left may be the check's positive answer alone.
            let mut own = Answers::default();
            let mut matched = PartySet::MAX;
            for alternative in alternatives {
                matched &= self.pattern_guard(alternative, Some(cond), &mut own).0;
            }
            seen.0 |= own.0;
            let unmatched = match own.rest(cond.shape) {
                Some(Taken::Yes) => cond.when_true,
                _ => 0,
            };
            return (if alternatives.is_empty() { 0 } else { matched }, unmatched);
        }
        // `Err(Denied::OptedOut)` or `Ok(Status::Full)` takes only part of its answer: where
        // it does not match, the rest of that answer remains.
        // (`Ok(false)` of an `Ok(true)`-shaped answer is one whole answer.)
        let inner_bool = cond.shape == Shape::Wrapped { inner_bool: true };
        let whole = match pat {
            Pat::Tuple(Some(path), inner) if variant_polarity(path).is_some() => (inner.iter())
                .all(|p| {
                    self.irrefutable(p) || (inner_bool && matches!(p, Pat::Lit(ir::Lit::Bool(_))))
                }),
            _ => true,
        };
        let answer = match (cond.shape, pat) {
            (Shape::Bool | Shape::Any, Pat::Lit(ir::Lit::Bool(b))) => Some(Taken::of(*b)),
            (Shape::Wrapped { inner_bool: false } | Shape::Any, Pat::Tuple(Some(path), _)) => {
                variant_polarity(path).map(Taken::of)
            }
            (Shape::Wrapped { inner_bool: true }, Pat::Tuple(Some(path), inner)) => {
                match (variant_polarity(path), inner.as_slice()) {
                    (Some(true), [Pat::Lit(ir::Lit::Bool(true))]) => Some(Taken::Yes),
                    (Some(true), [Pat::Lit(ir::Lit::Bool(false))]) => Some(Taken::InnerNo),
                    // `Ok(_)` once `Ok(false)` was taken.
                    (Some(true), [Pat::Wild | Pat::Bind(_, None)])
                        if seen.0 & Taken::InnerNo as u8 != 0 =>
                    {
                        Some(Taken::Yes)
                    }
                    (Some(false), _) => Some(Taken::No),
                    _ => None,
                }
            }
            // A `bool` is never `None` nor `Err` (a `bool` answer converted into an
            // `Option` is `Some`, whatever it says).
            (Shape::Wrapped { .. } | Shape::Any, Pat::Path(path)) => {
                variant_polarity(path).map(Taken::of)
            }
            (_, Pat::Wild | Pat::Bind(_, None)) => seen.rest(cond.shape),
            _ => None,
        };
        if let (Some(answer), true) = (answer, whole) {
            seen.0 |= answer as u8;
        }
        // `Err(_)`, `None` or `Ok(false)` of an `Ok(true)`-shaped answer: a refusal when it
        // matches, but not a consent when it does not (another refusal remains).
        let (matched, unmatched) = match answer {
            Some(Taken::Yes) => (cond.when_true, cond.when_false),
            Some(Taken::No | Taken::InnerNo) if inner_bool => (cond.when_false, 0),
            Some(Taken::No | Taken::InnerNo) => (cond.when_false, cond.when_true),
            None => (0, 0),
        };
        (matched, if whole { unmatched } else { 0 })
    }

    /// The parties whose checks failed in the guards of earlier arms (`failed`: each arm's
    /// pattern and what its guard establishes when false) that would have taken every value
    /// `pat` matches: a value reaches `pat`'s arm only past those guards (`Some(u) if
    /// !shares(&u) => continue, Some(u) => post(..)`).
    fn passed_over(&self, failed: &[(&Pat, PartySet)], pat: &Pat) -> PartySet {
        (failed.iter())
            .filter(|(earlier, _)| self.covers(earlier, pat))
            .fold(0, |parties, (_, f)| parties | f)
    }

    /// Whether `outer` matches every value `inner` matches (`Some(_)` covers `Some(u)` and
    /// `Some(User { id: 1, .. })`, not `None`); `false` where it is not known.
    fn covers(&self, outer: &Pat, inner: &Pat) -> bool {
        if self.irrefutable(outer) {
            return true;
        }
        let same = |a: &Option<Box<ir::Path>>, b: &Option<Box<ir::Path>>| match (a, b) {
            (Some(a), Some(b)) => a.segments.last() == b.segments.last(),
            (a, b) => a.is_none() && b.is_none(),
        };
        match (outer, inner) {
            (_, Pat::Bind(_, Some(inner))) => self.covers(outer, inner),
            (Pat::Bind(_, Some(outer)), _) => self.covers(outer, inner),
            (_, Pat::Or(alternatives)) => alternatives.iter().all(|a| self.covers(outer, a)),
            (Pat::Or(alternatives), _) => alternatives.iter().any(|a| self.covers(a, inner)),
            (Pat::Tuple(a, outers), Pat::Tuple(b, inners))
                if same(a, b) && outers.len() == inners.len() =>
            {
                // `..` is lowered as `_`: where both patterns have one, the parts from the
                // first `_` of either to the last may face different parts of the value.
                let both = [outers, inners]
                    .iter()
                    .all(|ps| ps.iter().any(|p| matches!(p, Pat::Wild)));
                let wild =
                    |k: &usize| matches!(outers[*k], Pat::Wild) || matches!(inners[*k], Pat::Wild);
                let apart = match both {
                    true => (0..outers.len())
                        .find(wild)
                        .zip((0..outers.len()).rfind(wild)),
                    false => None,
                };
                (outers.iter().zip(inners).enumerate()).all(|(k, (outer, inner))| {
                    self.irrefutable(outer)
                        || (!apart.is_some_and(|(first, last)| (first..=last).contains(&k))
                            && self.covers(outer, inner))
                })
            }
            (Pat::Struct(a, outers), Pat::Struct(b, inners)) if same(a, b) => {
                outers.iter().all(|(name, outer)| {
                    self.irrefutable(outer)
                        || (inners.iter()).any(|(n, inner)| n == name && self.covers(outer, inner))
                })
            }
            (Pat::Path(a), Pat::Path(b)) => a.segments.last() == b.segments.last(),
            (Pat::Lit(ir::Lit::Bool(a)), Pat::Lit(ir::Lit::Bool(b))) => a == b,
            _ => false,
        }
    }

    /// Whether a pattern matches every value of its type (`_`, `e`, `(a, _)`, a local
    /// struct's fields bound; another crate's path may name an enum's variant), so that an
    /// answer it is part of is taken whole.
    fn irrefutable(&self, pat: &Pat) -> bool {
        match pat {
            Pat::Wild | Pat::Bind(_, None) => true,
            Pat::Bind(_, Some(inner)) => self.irrefutable(inner),
            Pat::Tuple(None, parts) => parts.iter().all(|p| self.irrefutable(p)),
            Pat::Struct(Some(path), fields) => {
                matches!(self.resolve(path), Resolved::Def(Def::Adt(_)))
                    && fields.iter().all(|(_, p)| self.irrefutable(p))
            }
            Pat::Or(alternatives) => alternatives.iter().any(|p| self.irrefutable(p)),
            _ => false,
        }
    }

    fn eval_if(&mut self, cond: &'a Expr, then: &'a Expr, else_: Option<&'a Expr>) -> Val {
        let (_, (when_true, when_false)) = self.eval_cond(cond);
        if !self.reachable {
            return Val::default();
        }
        let before = self.state.clone();
        self.state.guards |= when_true;
        let then_value = self.eval(then);
        let then_state = std::mem::replace(&mut self.state, before.clone());
        let then_state = self.reachable.then_some(then_state);
        self.reachable = true;
        self.state.guards |= when_false;
        let else_value = match else_ {
            Some(e) => self.eval(e),
            None => Val::default(),
        };
        let else_state = self.reachable.then(|| self.state.clone());
        let branches = [
            (then_state, then_value, when_true),
            (else_state, else_value, when_false),
        ];
        self.merge_branches(branches.into_iter().collect(), before.guards)
    }

    /// Joins the paths of an `if` or `match`. Each branch's value carries the guards that
    /// held where it was made; beside a branch that yields the literal `None`, the value's
    /// `Some` answers as those checks.
    fn merge_branches(
        &mut self,
        branches: Vec<(Option<State>, Val, PartySet)>,
        outer: PartySet,
    ) -> Val {
        let any_none = branches.iter().any(|(s, v, _)| s.is_some() && v.is_none);
        let mut state: Option<State> = None;
        let mut value: Option<Val> = None;
        // The guards every branch that yields something held under: with a `None` beside
        // them, the value's `Some` answers as those checks (`if shares(u) { Some(..) } else
        // { None }`).
        let mut answered: Option<PartySet> = None;
        // As a boolean, the value is true only where a branch's check said so or its guards
        // held (`if x { shares(u) } else { false }`), and false likewise; a literal is only
        // the one.
        let mut decided = (PartySet::MAX, PartySet::MAX);
        for (branch_state, mut branch_value, _) in branches {
            let Some(branch_state) = branch_state else {
                continue;
            };
            let guards = branch_state.guards & !outer;
            let (t, f) = decided;
            decided = match branch_value.answer_on(guards) {
                Some(c) if c.shape == Shape::Bool => (t & c.when_true, f & c.when_false),
                _ => (t & guards, f & guards),
            };
            // What a branch yields under a check is consented as far as it held: beside an
            // unlabelled placeholder (`else { "<redacted>".into() }`) as beside `None`.
            branch_value.consent(guards);
            if any_none && !branch_value.is_none {
                answered = Some(answered.map_or(guards, |a| a & guards));
            }
            match &mut value {
                Some(v) => {
                    v.join(&branch_value);
                }
                None => value = Some(branch_value),
            }
            join_into(&mut state, branch_state);
        }
        match state {
            Some(state) => {
                self.state = state;
                self.reachable = true;
                let mut value = value.unwrap_or_default();
                if let (None, Some(when_true @ 1..)) = (value.cond, answered) {
                    value.cond = Some(Cond {
                        shape: Shape::Wrapped { inner_bool: false },
                        when_true,
                        when_false: 0,
                    });
                }
                // A side no branch yields says nothing. A boolean answer the branches' values
                // joined to (see `Cond::join`) says less: it counts no branch's guards.
                let (when_true, when_false) = (domain::said(decided.0), domain::said(decided.1));
                let boolean = value.cond.is_none_or(|c| c.shape == Shape::Bool);
                if boolean && when_true | when_false != 0 {
                    value.cond = Some(Cond {
                        shape: Shape::Bool,
                        when_true,
                        when_false,
                    });
                }
                value
            }
            None => {
                self.reachable = false;
                Val::default()
            }
        }
    }

    fn eval_match(&mut self, scrutinee: &'a Expr, arms: &'a [ir::Arm]) -> Val {
        let value = self.eval(scrutinee);
        if !self.reachable {
            return Val::default();
        }
        let before = self.state.clone();
        let mut seen = Answers::default();
        let parts = part_conds(&value);
        let mut seen_parts = vec![Answers::default(); parts.len()];
        let mut branches = Vec::new();
        // Variants an earlier arm took whatever they held: later arms never see them (`E::A(_)
        // => .., other => log(other)`).
        let mut covered: Vec<Name> = Vec::new();
        // An arm with a guard passes over the values its pattern matches only where its
        // guard was false (`_ if !check(u) => return, _ => ..`): the later arms those values
        // may reach run on that outcome (`passed_over`).
        let mut failed = Vec::new();
        for arm in arms {
            self.state = before.clone();
            self.state.guards |= self.passed_over(&failed, &arm.pat);
            self.reachable = true;
            self.record_aliases(&arm.pat, scrutinee);
            self.record_taken(&arm.pat, scrutinee, false);
            let (positive, _) = self.arm_guard(arm, value.cond, &mut seen);
            self.state.guards |= positive;
            let guarded_alone = arm.guard.is_none();
            self.state.guards |= self.parts_guard(&arm.pat, &parts, &mut seen_parts, guarded_alone);
            self.bind(
                &arm.pat,
                without_variants(&value, &covered),
                scrutinee.span(),
            );
            // The matched local itself is not of those variants here (`match &m { A(_) =>
            // .., _ => use(&m) }`).
            let matched = match scrutinee {
                Expr::Transparent(inner) => &**inner,
                other => other,
            };
            if let (Expr::Local(local, _), false) = (matched, covered.is_empty()) {
                let narrowed = without_variants(&self.local(*local), &covered);
                if let Some(slot) = self.state.locals.get_mut(local.0 as usize) {
                    *slot = narrowed;
                }
            }
            if arm.guard.is_none() {
                self.covered_variants(&arm.pat, &mut covered);
            }
            if let Some(guard) = &arm.guard {
                let (_, (t, f)) = self.eval_cond(guard);
                self.state.guards |= t;
                failed.push((&arm.pat, f));
            }
            let arm_value = self.eval(&arm.body);
            let guards = self.state.guards;
            branches.push((
                self.reachable.then(|| self.state.clone()),
                arm_value,
                guards,
            ));
        }
        if arms.is_empty() {
            self.reachable = false;
            return Val::default();
        }
        self.merge_branches(branches, before.guards)
    }

    /// The local enum variants a pattern matches whatever they hold (`E::A(_)`, `E::B {
    /// .. }`, `Err(E::A(_))` of a value `Ok` and `Err` share, each alternative of `E::A(_) |
    /// E::C`).
    fn covered_variants(&self, pat: &Pat, out: &mut Vec<Name>) {
        let variant = |path: &ir::Path| match self.resolve(path) {
            Resolved::Def(Def::Variant(_)) => path.segments.last().cloned(),
            _ => None,
        };
        let covered = match pat {
            Pat::Tuple(Some(path), items) if variant_polarity(path).is_some() => {
                if let [inner] = &items[..] {
                    self.covered_variants(inner, out);
                }
                None
            }
            Pat::Tuple(Some(path), items) if items.iter().all(irrefutable) => variant(path),
            Pat::Struct(Some(path), fields) if fields.iter().all(|(_, p)| irrefutable(p)) => {
                variant(path)
            }
            Pat::Path(path) => variant(path),
            Pat::Or(alternatives) => {
                for alternative in alternatives {
                    self.covered_variants(alternative, out);
                }
                None
            }
            _ => None,
        };
        out.extend(covered);
    }

    fn eval_loop(&mut self, label: &Option<Name>, kind: &'a ir::LoopKind, body: &'a Expr) -> Val {
        // What a `for` loop binds: the iterated value's content, or a local iterator's items.
        let mut items_lent = None;
        let iterated = match kind {
            ir::LoopKind::For(for_) => {
                let mut value = self.eval(&for_.1);
                let span = for_.1.span();
                self.received(&for_.1, &mut value, span);
                // A local `IntoIterator` impl (`for u in &table`): what its `into_iter` gives,
                // its items lent from the part of the table it iterates (`for m in &mut
                // roster` of `self.members.iter_mut()`).
                items_lent = self.lent_by(&self.operator_targets(&value, Implicit::IntoIterator));
                if let Some(iter) =
                    self.local_operator(&value, Implicit::IntoIterator, &for_.1, Vec::new(), span)
                {
                    value = iter;
                }
                let items = self.local_items(&value, Some(&for_.1), false, span);
                Some(items.unwrap_or(value))
            }
            _ => None,
        };
        if !self.reachable {
            return Val::default();
        }
        self.loops.push(LoopFrame {
            label: label.clone(),
            breaks: None,
            break_value: Val::default(),
            continues: None,
            scope_base: self.scopes.len(),
        });
        let mut head = self.state.clone();
        let mut exit: Option<State> = None;
        let mut converged = false;
        for round in 0..LOOP_LIMIT {
            self.state = head.clone();
            self.reachable = true;
            match kind {
                ir::LoopKind::Loop => {}
                ir::LoopKind::While(cond) => {
                    let (_, (t, f)) = self.eval_cond(cond);
                    let mut out = self.state.clone();
                    out.guards |= f;
                    join_into(&mut exit, out);
                    self.state.guards |= t;
                }
                ir::LoopKind::For(for_) => {
                    let (pat, iter) = &**for_;
                    match &items_lent {
                        Some(lent) => self.record_lent_items(pat, iter, lent),
                        None => self.record_aliases(pat, iter),
                    }
                    self.record_taken(pat, iter, true);
                    join_into(&mut exit, self.state.clone());
                    let element = element_of(iterated.clone().unwrap_or_default());
                    self.bind(pat, element, Span::default());
                }
            }
            self.eval(body);
            let mut back = if self.reachable {
                Some(self.state.clone())
            } else {
                None
            };
            if let Some(frame) = self.loops.last_mut() {
                if let Some(continues) = frame.continues.take() {
                    join_into(&mut back, continues);
                }
            }
            let Some(back) = back else {
                converged = true;
                break;
            };
            let mut next = head.clone();
            next.join(&back);
            next.guards = head.guards;
            // Widening: values that still change after a few rounds keep fewer nodes, so
            // the loop's fixpoint comes in a bounded number of rounds whatever the data.
            let limit = if round >= LOOP_WIDEN_AFTER {
                1
            } else {
                SUMMARY_NODES
            };
            for local in &mut next.locals {
                local.shrink(limit);
            }
            // Data still moving after many rounds (a chain of locals each taking the next's
            // value, `v0 = v1; v1 = v2; ..`): every local still changing, or assigned from
            // another local the body assigns, gets what any of them holds, so the chain's
            // end is reached in a round or two.
            if round >= LOOP_SMASH_AFTER {
                let mut changing: Vec<usize> = (0..next.locals.len())
                    .filter(|&i| head.locals.get(i) != Some(&next.locals[i]))
                    .collect();
                // Locals assigned from another local assigned in the body: a chain.
                let mut assigned: Vec<(usize, Vec<usize>)> = Vec::new();
                body.walk(&mut |e| {
                    if let Expr::Assign { place, value } = e {
                        if let Expr::Local(local, _) = &**place {
                            let mut reads = Vec::new();
                            value.walk(&mut |e| {
                                if let Expr::Local(read, _) = e {
                                    reads.push(read.0 as usize);
                                }
                            });
                            assigned.push((local.0 as usize, reads));
                        }
                    }
                });
                for (local, reads) in &assigned {
                    if reads.iter().any(|r| assigned.iter().any(|(l, _)| l == r)) {
                        changing.push(*local);
                    }
                }
                changing.sort_unstable();
                changing.dedup();
                changing.retain(|&i| i < next.locals.len());
                let mut all = Val::default();
                for &i in &changing {
                    all.join(&next.locals[i]);
                }
                all.shrink(1);
                for &i in &changing {
                    next.locals[i].join(&all);
                }
            }
            if next == head {
                converged = true;
                break;
            }
            head = next;
        }
        if !converged {
            let name = self.program.fns[self.id.index()].path.clone();
            self.fail(format!(
                "a loop in `{name}` did not reach a fixpoint in {LOOP_LIMIT} iterations"
            ));
        }
        let frame = self.loops.pop();
        let mut value = Val::default();
        if let Some(frame) = frame {
            if let Some(breaks) = frame.breaks {
                join_into(&mut exit, breaks);
            }
            value = frame.break_value;
        }
        match exit {
            Some(state) => {
                self.state = state;
                self.reachable = self.error.is_none();
            }
            None => self.reachable = false,
        }
        value
    }

    fn bind(&mut self, pat: &Pat, value: Val, span: Span) {
        match pat {
            Pat::Bind(local, sub) => {
                if let Some(sub) = sub {
                    self.bind(sub, value.clone(), span);
                }
                if let (false, Some(scope)) =
                    (self.program.drops.is_empty(), self.scopes.last_mut())
                {
                    if !scope.contains(local) {
                        scope.push(*local);
                    }
                }
                if let Some(slot) = self.state.locals.get_mut(local.0 as usize) {
                    *slot = value;
                }
            }
            Pat::Tuple(path, items) => {
                let transparent = path.as_ref().is_some_and(|p| !self.is_local_constructor(p));
                let value = self.as_variant(value, path.as_deref());
                // `Ok(x)` binds what `Ok` holds, `Err(e)` what `Err` holds.
                let value = match path
                    .as_deref()
                    .filter(|_| transparent)
                    .map(|p| p.segments.last())
                {
                    Some(Some(last)) if &**last == "Ok" => value.ok_part(),
                    Some(Some(last)) if &**last == "Err" => value.err_part(),
                    _ => value,
                };
                // `Ok(allowed)` of an `Ok(true)`-shaped answer binds the answer as a boolean;
                // what other wrappers hold is no answer.
                let inner_cond = match (value.cond, path.as_deref().and_then(variant_polarity)) {
                    (
                        Some(
                            c @ Cond {
                                shape: Shape::Wrapped { inner_bool: true },
                                ..
                            },
                        ),
                        Some(true),
                    ) => Some(Cond {
                        shape: Shape::Bool,
                        ..c
                    }),
                    _ => None,
                };
                for (index, item) in items.iter().enumerate() {
                    let part = if transparent {
                        Val {
                            cond: inner_cond,
                            ..value.clone()
                        }
                    } else {
                        let name = self.part_name(path.as_deref(), Name::from(index.to_string()));
                        self.project(&value, &name, span)
                    };
                    self.bind(item, part, span);
                }
            }
            Pat::Struct(path, fields) => {
                let value = self.as_variant(value, path.as_deref());
                for (name, item) in fields {
                    let name = self.part_name(path.as_deref(), name.clone());
                    let part = self.project(&value, &name, span);
                    self.bind(item, part, span);
                }
            }
            Pat::Slice(items) => {
                for item in items {
                    self.bind(item, value.clone(), span);
                }
            }
            // Each alternative may be the one that matched: its bindings are the join.
            Pat::Or(items) => {
                let mut locals = Vec::new();
                pattern_locals(pat, &mut locals);
                let mut joined: Vec<Option<Val>> = vec![None; locals.len()];
                for item in items {
                    self.bind(item, value.clone(), span);
                    for (slot, local) in joined.iter_mut().zip(&locals) {
                        join_into(slot, self.local(*local));
                    }
                }
                for (local, value) in locals.iter().zip(joined) {
                    if let (Some(target), Some(value)) =
                        (self.state.locals.get_mut(local.0 as usize), value)
                    {
                        *target = value;
                    }
                }
            }
            Pat::Lit(_) | Pat::Path(_) | Pat::Wild => {}
        }
    }

    /// A pattern naming an enum variant sees the value as that variant.
    fn as_variant(&self, mut value: Val, path: Option<&ir::Path>) -> Val {
        if let Some(path) = path {
            if matches!(self.resolve(path), Resolved::Def(Def::Variant(_))) {
                value.variant = path.segments.last().cloned();
            }
        }
        value
    }

    /// The name a field is kept under in a value made by `path`: a variant's fields are
    /// apart from other variants' (`Changed.0`, `Deleted.0`), so a pattern of one variant
    /// does not read what another holds; a struct's or tuple struct's are their own names.
    fn part_name(&self, path: Option<&ir::Path>, field: Name) -> Name {
        match path.map(|p| (p, self.resolve(p))) {
            Some((path, Resolved::Def(Def::Variant(_)))) => match path.segments.last() {
                Some(variant) => Name::from(format!("{variant}.{field}")),
                None => field,
            },
            _ => field,
        }
    }

    fn is_local_constructor(&self, path: &ir::Path) -> bool {
        matches!(
            self.resolve(path),
            Resolved::Def(Def::Adt(_) | Def::Variant(_))
        )
    }

    fn type_of_path(&self, path: &ir::Path) -> Option<TyKey> {
        if path.segments.len() == 1 && &*path.segments[0] == "Self" {
            return self.self_ty.clone();
        }
        match self.resolve(path) {
            Resolved::Def(Def::Adt(adt) | Def::Variant(adt)) => Some(TyKey::Adt(adt)),
            // Another crate's type that `[[labels]]` labels (`identity::Identity { .. }`).
            Resolved::External(paths) => (paths.into_iter())
                .find(|p| self.program.external_labels.contains_key(p))
                .map(|p| TyKey::External(Name::from(p))),
            _ => None,
        }
    }

    /// Reading field `name` of `value`: what the tree holds there, what the value carries as
    /// a whole, and the labels the field and its type declare.
    fn project(&mut self, value: &Val, name: &Name, span: Span) -> Val {
        self.project_field(value, name, span, true)
    }

    fn project_field(&mut self, value: &Val, name: &Name, span: Span, by_name: bool) -> Val {
        // A `Result` made by `Err(..)` read where its sides are not told apart (through a
        // parameter, a wrapper, a collection): a field of the value is either side's.
        if let Some(error) = value
            .fields
            .get(domain::ERR)
            .filter(|_| &**name != domain::ERR)
        {
            let error = error.clone();
            let mut rest = value.clone();
            rest.fields.make_mut().remove(domain::ERR);
            rest.split = false;
            let mut out = self.project_field(&rest, name, span, by_name);
            out.join(&self.project_field(&error, name, span, by_name));
            return out;
        }
        // What the value carries as a whole, each of its fields carries.
        let mut out = Val {
            carried: value.carried.clone(),
            ..Val::default()
        };
        for (origin, fact) in &value.facts {
            let origin = match origin {
                // A field met again on the path (recursive data) folds the cycle away:
                // `replies.replies.id` is read as `replies.id`.
                Origin::Param {
                    slot,
                    path,
                    flat: false,
                } if path.contains(name) => {
                    let end = path
                        .iter()
                        .position(|n| n == name)
                        .map_or(path.len(), |i| i + 1);
                    Origin::Param {
                        slot: *slot,
                        path: path[..end].into(),
                        flat: false,
                    }
                }
                Origin::Param {
                    slot,
                    path,
                    flat: false,
                } if path.len() < MAX_DEPTH => {
                    let mut longer = path.to_vec();
                    longer.push(name.clone());
                    Origin::Param {
                        slot: *slot,
                        path: longer.into(),
                        flat: false,
                    }
                }
                Origin::Param { slot, path, .. } => Origin::Param {
                    slot: *slot,
                    path: path.clone(),
                    flat: true,
                },
                other => other.clone(),
            };
            domain::join_fact(&mut out.facts, origin, fact.clone());
        }
        // A named field read from a value holding tuple parts is read from the parts too:
        // pairs collected into a map (`m[&k].a` of `pairs.collect::<HashMap<_, _>>()`) are
        // its entries. A part read from it holds what was written beside the parts.
        if is_tuple_value(value) {
            match is_part(name) {
                false => {
                    for (_, part) in value.fields.iter().filter(|(n, _)| is_part(n)) {
                        let read = self.project_field(part, name, span, by_name);
                        out.join(&read);
                    }
                }
                true => {
                    let fields = written_beside_parts(value);
                    if !fields.is_empty() {
                        out.join(&Val {
                            fields,
                            ..Val::default()
                        });
                    }
                }
            }
        }
        let mut known = false;
        if let Some(sub) = value.fields.get(name) {
            // A field known to hold nothing (`Batch { users: Vec::new() }`) still does,
            // unless the whole carries something of its own.
            let whole_empty = out.facts.is_empty() && out.carried.is_empty();
            out.join(sub);
            out.is_none = sub.is_none && whole_empty;
            // A `Result` kept in a field (`(lookup(u), 1).0`) keeps its sides apart.
            out.split = sub.split && whole_empty;
            // The field of a literal is the subtree's content only.
            out.exact = value.exact && sub.exact;
            out.sanitized = sub.sanitized;
            known = true;
        }
        // A sanitized field holds what the sanitizer left, whatever its type declares.
        let declared_types = if out.sanitized {
            &[][..]
        } else {
            &value.tys[..]
        };
        // `out.tys` is sorted from here on (joined into an empty value, then inserted in
        // order), so searching it is exact. Once two different generic fields' types have
        // added the value's other types, every one of them is in it: the later types'
        // arguments add nothing and are not searched again.
        let mut generic: Option<&TyKey> = None;
        let mut all_added = false;
        // An `Envelope<Identity>`'s `chat_id` is the envelope's: the argument's type label
        // is for what is read from the argument (its type is kept, and folded at sinks).
        let local_field = declared_types.iter().any(|ty| {
            matches!(ty, TyKey::Adt(adt) if self.program.adts[adt.index()].fields.contains_key(name))
        });
        for ty in declared_types {
            if let (TyKey::External(path), false) = (ty, local_field) {
                // A type label of another crate's type labels what is read from it.
                for label in (self.program.external_labels.get(&**path).into_iter()).flatten() {
                    let trace = domain::push(&None, span, format!("read from {path}::{name}"));
                    let fact = Fact {
                        consented: value.ty_consent,
                        via_param: value.ty_param,
                        ..Fact::new(trace)
                    };
                    domain::join_fact(&mut out.facts, Origin::Label(*label), fact);
                    known = true;
                }
            }
            let TyKey::Adt(adt) = ty else { continue };
            let info = &self.program.adts[adt.index()];
            let by_variant = value
                .variant
                .as_ref()
                .and_then(|v| info.fields.get(&*format!("{v}.{name}")));
            let Some(field) = by_variant.or_else(|| info.fields.get(name)) else {
                continue;
            };
            known = true;
            let note = format!("read from {}::{name}", info.ir.name);
            for label in info.labels.iter().chain(&field.labels) {
                let trace = domain::push(&None, span, note.clone());
                let fact = Fact {
                    consented: value.ty_consent,
                    via_param: value.ty_param,
                    ..Fact::new(trace)
                };
                domain::join_fact(&mut out.facts, Origin::Label(*label), fact);
            }
            // `inner: T` of an `Envelope<User>`: the value's other types are its type
            // arguments, more precise than the parameter's bounds where they are known.
            let arguments: Vec<&TyKey> = if all_added {
                Vec::new()
            } else {
                value
                    .tys
                    .iter()
                    .filter(|t| field.generic && *t != ty)
                    .collect()
            };
            let has_arguments = field.generic && value.tys.iter().any(|t| t != ty);
            if field.generic {
                match generic {
                    Some(first) => all_added |= first != ty,
                    None => generic = Some(ty),
                }
            }
            let typed = !(value.exact && value.fields.contains_key(name));
            // A tuple field's parts are of their own types: `p.pair.0` is the `u64`.
            for (path, keys) in &field.parts {
                let part = part_mut(&mut out, path);
                for key in keys {
                    if !part.tys.contains(key) {
                        part.tys.push(key.clone());
                    }
                }
                if typed {
                    part.ty_consent = value.ty_consent;
                    part.ty_param = value.ty_param;
                }
            }
            let declared = (field.keys.iter())
                .filter(|_| field.parts.is_empty())
                .filter(|k| !has_arguments || !matches!(k, TyKey::Trait(_)));
            // A value of many types reads as many keys per type: searched, not scanned.
            for key in declared.chain(arguments.iter().copied()) {
                if let Err(at) = out.tys.binary_search(key) {
                    out.tys.insert(at, key.clone());
                }
            }
            if typed {
                out.ty_consent = value.ty_consent;
                out.ty_param = value.ty_param;
            }
        }
        // A part not written of a tuple whose other parts were (`p.1 = x` of a `p` from
        // `Default::default()`) holds what the whole carries, read above.
        if !known && name.parse::<usize>().is_ok() && !is_tuple_value(value) {
            // A tuple whose structure was not kept (smashed collections, pairs from a map).
            // A parameter's part is exact still: the caller projects its argument (`t.0` of
            // `t: (u64, String)`).
            let mut whole = value.clone();
            whole.cond = None;
            let exact = |o: &Origin| matches!(o, Origin::Param { flat: false, .. });
            whole.facts.retain(|origin, _| !exact(origin));
            for (origin, fact) in out.facts.iter().filter(|(origin, _)| exact(origin)) {
                domain::join_fact(&mut whole.facts, origin.clone(), fact.clone());
            }
            return whole;
        }
        // Only a collection's type is known (`Vec::new()` filled with values of unknown
        // type): its elements' type is not.
        let untyped = (value.tys.iter())
            .all(|t| matches!(t, TyKey::External(name) if crate::program::is_collection(name)))
            && !value
                .facts
                .keys()
                .any(|o| matches!(o, Origin::Param { flat: false, .. }));
        if !known && untyped && by_name {
            // A receiver of unknown type: every field of that name may be the one read.
            for id in self.program.labelled_fields.get(name).into_iter().flatten() {
                let adt = &self.program.adts[id.index()];
                if let Some(field) = adt.fields.get(name) {
                    let note = format!(
                        "read from {}::{name} (the value's type is not known)",
                        adt.ir.name
                    );
                    for label in adt.labels.iter().chain(&field.labels) {
                        let trace = domain::push(&None, span, note.clone());
                        domain::join_fact(&mut out.facts, Origin::Label(*label), Fact::new(trace));
                    }
                }
            }
        }
        out
    }

    /// An argument's part a callee's summary names. `by_name`: a part read from a value of
    /// unknown type may be any labelled field of its name (see `project_field`); not where
    /// the callee declares the parameter's type, since it read the part knowing it.
    fn project_path(&mut self, value: &Val, path: &[Name], span: Span, by_name: bool) -> Val {
        let mut current = value.clone();
        for name in path {
            current = self.project_field(&current, name, span, by_name);
        }
        current
    }

    /// The parameters of `f` whose type it declares (`repo: &dyn Repo`, not `x: T`), one bit
    /// per slot.
    fn declared_params(&self, f: FnId) -> u64 {
        let params = self.program.fns[f.index()].signature.params.iter();
        (params.enumerate().take(64))
            .filter(|(_, keys)| !keys.is_empty())
            .fold(0, |mask, (slot, _)| mask | 1 << slot)
    }

    /// Everything a value carries, folded: its facts, its fields', and the labels its types
    /// declare (a whole `User` carries `User::phone`).
    fn fold(&self, value: &Val, span: Span) -> Facts {
        let mut facts = value.fold();
        self.add_type_labels(value, span, &mut facts, 0);
        facts
    }

    fn add_type_labels(&self, value: &Val, span: Span, facts: &mut Facts, depth: usize) {
        // A value known to hold nothing (`None`, a new empty collection) is of its declared
        // type (`let x: Option<Chat> = None`) without a labelled value in it.
        let own =
            (value.tys.iter().filter(|_| !value.is_none)).map(|ty| (ty, value.ty_consent, true));
        let carried = value.carried.iter().map(|(ty, marks)| (ty, *marks, false));
        for (ty, consented, own) in own.chain(carried) {
            let variant_labels;
            let labels: &[LabelId] = match ty {
                TyKey::Adt(adt)
                    if own
                        && value.variant.is_some()
                        && !self.program.adts[adt.index()].ir.variants.is_empty() =>
                {
                    variant_labels =
                        self.variant_labels(*adt, value.variant.as_ref().map_or("", |v| &**v));
                    &variant_labels
                }
                TyKey::Adt(adt) => &self.deep_labels[adt.index()],
                TyKey::External(path) => self
                    .program
                    .external_labels
                    .get(&**path)
                    .map_or(&[], |v| v.as_slice()),
                TyKey::Trait(_) => &[],
            };
            if labels.is_empty() {
                continue;
            }
            let type_name = match ty {
                TyKey::Adt(adt) => self.program.adts[adt.index()].ir.name.to_string(),
                TyKey::External(path) => path.to_string(),
                TyKey::Trait(_) => String::new(),
            };
            for label in labels {
                let item = &self.program.labels[label.index()].item;
                let trace = domain::push(
                    &None,
                    span,
                    format!("whole `{type_name}` value (carries {item})"),
                );
                let fact = Fact {
                    consented,
                    via_param: value.ty_param,
                    ..Fact::new(trace)
                };
                domain::join_fact(facts, Origin::Label(*label), fact);
            }
        }
        if depth < MAX_DEPTH {
            for sub in value.fields.values() {
                self.add_type_labels(sub, span, facts, depth + 1);
            }
        }
    }

    /// What a value of one variant of an enum carries: the enum's labels and those of that
    /// variant's fields and their types.
    fn variant_labels(&self, adt: crate::program::AdtId, variant: &str) -> Vec<LabelId> {
        let info = &self.program.adts[adt.index()];
        let mut labels = info.labels.clone();
        let prefix = format!("{variant}.");
        for (name, field) in &info.fields {
            if name.starts_with(&prefix) {
                labels.extend(&field.labels);
                for key in &field.keys {
                    if let TyKey::Adt(inner) = key {
                        labels.extend(&self.deep_labels[inner.index()]);
                    }
                }
            }
        }
        labels.sort();
        labels.dedup();
        labels
    }

    fn folded(&self, value: &Val, span: Span) -> Val {
        Val {
            facts: self.fold(value, span),
            ..Val::default()
        }
    }

    /// The static a place expression writes into (`CACHE.lock().unwrap()`, `LAST`,
    /// `cache().lock().unwrap()` of an accessor `fn cache() -> &'static Mutex<..>`).
    fn static_root(&self, place: &Expr) -> Vec<FnId> {
        static_root(self.program, place, &|path| self.resolve(path), 0)
    }

    /// `local` borrows from the static `place` names, if it names one.
    fn lend_static(&mut self, local: Local, place: &Expr) {
        let statics = self.static_root(place);
        if !statics.is_empty() {
            self.lent_statics.insert(local, statics);
        }
    }

    /// Writes into static `g`: flow-insensitively, whatever is written anywhere is what
    /// every read of it may see (see `propagate`).
    fn store(&mut self, g: FnId, mut value: Val) {
        // What is stored in a static runs wherever a callable read from it is called.
        self.hand_out(&value);
        value.closures.clear();
        value.cond = None;
        super::join_keyed(&mut self.statics, g, &value);
    }

    /// Replaces what `&mut place` holds: a strong write where the place is a local or its
    /// field, a weak one through a reference. A place holding a borrow is re-pointed, to
    /// what `source` borrows where it is given (see `repointing`).
    fn overwrite(&mut self, borrowed: &'a Expr, value: Val, source: Option<&'a Expr>) {
        match borrowed {
            Expr::Transparent(place) | Expr::Lend(place) => {
                self.repointing(place, source, |this| this.write(place, value, true))
            }
            _ => self.write(borrowed, value, false),
        }
    }

    /// Writes `value` into the place `place` names; `strong` replaces a local's value.
    fn write(&mut self, place: &'a Expr, value: Val, strong: bool) {
        // A write made while this one runs (a cell's clones) keeps its own places.
        let outer = std::mem::take(&mut self.landed);
        self.write_place(place, value, strong);
        self.landed = outer;
    }

    /// `write`, with `landed` its own.
    fn write_place(&mut self, place: &'a Expr, value: Val, strong: bool) {
        let mut path = Vec::new();
        let mut through = false;
        // A local method returning a static's place (`c.get().lock()` of `fn get(&self) ->
        // &'static Mutex<..>`) is that static, not its receiver.
        let method = matches!(place, Expr::MethodCall(_));
        if method {
            let statics = self.static_root(place);
            if !statics.is_empty() {
                for g in statics {
                    self.store(g, value.clone());
                }
                return;
            }
        }
        // One element of what a field holds is not the whole field.
        let strong = strong && !is_element_place(place);
        // `*boxed = ..` of a local `Box` replaces what it owns, as `boxed = ..` would.
        if let Expr::Transparent(inner) = place {
            if matches!(**inner, Expr::Local(local, _) if self.boxes.contains(&local)) {
                return self.write_place(inner, value, strong);
            }
        }
        // A part of a call's result that borrows its arguments' places (`p.views().a`).
        if let Some((call, part)) = self.result_part(place) {
            for borrow in self.result_lends.get(&call).cloned().unwrap_or_default() {
                self.write_borrowed(borrow, &part, &value, 0);
            }
        }
        let Some(local) = self.place_root(place, &mut path, &mut through) else {
            // A method call's statics were looked for above.
            if !method {
                for g in self.static_root(place) {
                    self.store(g, value.clone());
                }
            }
            // A value made around borrows (`push_to(Writer { buf: &mut out }, u)`,
            // `fill(vec![&mut a, &mut b], u)`): a write into it lands where they point.
            let mut borrows = Vec::new();
            self.borrowed_places(place, Vec::new(), &mut borrows, 0);
            for borrow in borrows {
                self.write_borrowed(borrow, &[], &value, 0);
            }
            return;
        };
        self.write_local(local, path, through, value, strong, 0);
    }

    /// A write of `value` into a borrowing local at `path`, into the place `borrow` points
    /// at (see `Borrow::lands`).
    fn write_borrowed(&mut self, borrow: Borrow, path: &[Name], value: &Val, depth: usize) {
        if let Some((rest, written)) = borrow.lands(path, value) {
            let mut full = borrow.prefix;
            full.extend(rest.iter().cloned());
            if self.lands_first(borrow.target, &full, &written) {
                self.write_local(borrow.target, full, true, written, false, depth);
            }
        }
    }

    /// The call whose result (see `lend_result`) a place is a part of, with that part's path
    /// (`p.views().a` is part `a` of `p.views()`; an element, a deref or `unwrap()` of it is
    /// where it is).
    fn result_part(&self, mut place: &Expr) -> Option<(Span, Vec<Name>)> {
        if self.result_lends.is_empty() {
            return None;
        }
        let mut path = Vec::new();
        loop {
            if let Some(span) = place
                .call_span()
                .filter(|s| self.result_lends.contains_key(s))
            {
                path.reverse();
                return Some((span, path));
            }
            place = match place {
                Expr::Field { base, name, .. } => {
                    path.push(name.clone());
                    base
                }
                Expr::Transparent(inner)
                | Expr::Index { base: inner, .. }
                | Expr::Await(inner)
                | Expr::Try(inner, _) => inner,
                Expr::MethodCall(call) if self.lends_as_std(call) => &call.receiver,
                _ => return None,
            };
        }
    }

    /// Whether this write has not put `value` into `local` at `path` yet (see `landed`); it
    /// has now.
    fn lands_first(&mut self, local: Local, path: &[Name], value: &Val) -> bool {
        let landed = self.landed.entry(local).or_default();
        if (landed.iter()).any(|(p, v)| p == path && v == value) {
            return false;
        }
        landed.push((path.to_vec(), value.clone()));
        true
    }

    /// Closure `id` is stored into a local this body only calls through
    /// (`ir::Body::held_closures`): it runs where it is called there, under the checks
    /// there, and neither escapes nor runs where it is stored.
    fn held(&self, id: u32) -> bool {
        let Some(&Expr::Closure { span, .. }) = self.closures.get(id as usize).copied() else {
            return false;
        };
        let body = self.program.fns[self.id.index()].ir.body.as_ref();
        body.is_some_and(|body| body.held_closures.binary_search(&span).is_ok())
    }

    /// Closures held here (`held`) in a part of what a callee is given (`h.fire(u)` of a
    /// local `Hooks`): the callee may keep them, so they run once at the call with its other
    /// arguments, as a closure handed to it does, and escape.
    fn hand_held(&mut self, value: &Val, others: &Val, span: Span) {
        let body = self.program.fns[self.id.index()].ir.body.as_ref();
        if body.is_none_or(|body| body.held_closures.is_empty()) {
            return;
        }
        let mut held = value.closures_under();
        held.retain(|id| self.held(*id));
        if held.is_empty() {
            return;
        }
        self.escapes.extend(held.iter().copied());
        let closures = Val {
            closures: held,
            ..Val::default()
        };
        self.invoke_value(&closures, std::slice::from_ref(others), &[], span);
    }

    /// Remembers the field a closure is stored into, to match it with calls through it.
    fn note_closure_field(&mut self, value: &Val, field: &Name) {
        let value = &value.stored_callables();
        let stored = value.closures.iter().filter(|id| !self.held(**id));
        let stored: Vec<u32> = stored.copied().collect();
        self.escapes.extend(stored.iter().copied());
        for id in &stored {
            let fields = self.closure_fields.entry(*id).or_default();
            if !fields.contains(field) {
                fields.push(field.clone());
            }
        }
        self.escape_fns(value, Some(field));
    }

    /// Closures handed to a mutator (`handlers.push(Box::new(|e| ..))`) are stored: they run
    /// wherever the receiver is read, so they escape, under the receiver's field name when
    /// it is a field.
    fn note_stored_closures(&mut self, receiver: &Expr, value: &Val) {
        match receiver {
            Expr::Field { name, .. } => self.note_closure_field(value, name),
            _ => self.hand_out(value),
        }
    }

    /// The closures and function items in `value` run wherever a callable of unknown origin
    /// is called (stored, returned, handed to other code).
    fn hand_out(&mut self, value: &Val) {
        let value = &value.stored_callables();
        let handed = value.closures.iter().filter(|id| !self.held(**id));
        let handed: Vec<u32> = handed.copied().collect();
        self.escapes.extend(handed);
        self.escape_fns(value, None);
    }

    /// Where the sinks among `fns` are named as values (see `summarize_sinks`).
    fn note_sink_values(&mut self, fns: &[FnId], span: Span) {
        for f in fns {
            if !self.program.fns[f.index()].roles.sinks.is_empty() {
                self.sink_values.entry(*f).or_insert(span);
            }
        }
    }

    /// Functions stored as values (`Hooks { on: forward }`) run, as stored closures do,
    /// wherever a callable of unknown origin is called: their summaries' reaches escape,
    /// and a sink's own (`summarize_sinks`).
    fn escape_fns(&mut self, value: &Val, field: Option<&Name>) {
        for f in &value.fns {
            let sink = (*f, field.cloned());
            if !self.program.fns[f.index()].roles.sinks.is_empty()
                && !self.escaped_sinks.contains(&sink)
            {
                self.escaped_sinks.push(sink);
            }
            // Called from wherever it is read, unguarded as far as this function knows; the
            // call also orders its summary before this analysis.
            self.calls.push(CallSite {
                caller: self.id,
                callees: Arc::from([*f]),
                group: None,
                guards: 0,
                rederives: false,
                outside: false,
                result_guards: 0,
                returned: self.returning,
            });
            let Some(summary) = self.summaries.get(*f) else {
                continue;
            };
            let arity = self.program.fns[f.index()].ir.params.len();
            for reach in &summary.reaches {
                self.escaped.push(super::Escaped {
                    arity,
                    fields: field.into_iter().cloned().collect(),
                    reach: reach.clone(),
                });
            }
        }
    }

    /// Writes into a local at a field path, and through the local into what it borrows.
    fn write_local(
        &mut self,
        local: Local,
        path: Vec<Name>,
        through: bool,
        value: Val,
        strong: bool,
        depth: usize,
    ) {
        if let Some(field) = path.last() {
            self.note_closure_field(&value, field);
        } else if through && self.param_locals.contains(&Some(local)) {
            // What is written through a parameter (`*out = send_phone`) is handed out.
            self.hand_out(&value);
        }
        for g in self.lent_statics.get(&local).cloned().unwrap_or_default() {
            self.store(g, value.clone());
        }
        for borrow in self.aliases.get(&local).cloned().unwrap_or_default() {
            // What carries nothing (`drop(tx)`, a cleared sender) sends nothing.
            let carries =
                !value.facts.is_empty() || !value.fields.is_empty() || value.has_labelled_type();
            if self.senders.contains_key(&local) && carries {
                // The first value sent is what the channel holds, consent marks included (a
                // join with nothing would drop them).
                match self.sent.entry(borrow.target) {
                    std::collections::hash_map::Entry::Occupied(mut sent) => {
                        sent.get_mut().join(&value);
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(value.clone());
                    }
                }
            }
            if depth < 8 && borrow.target != local {
                self.write_borrowed(borrow, &path, &value, depth + 1);
            }
        }
        // Every clone of a shared cell holds what is written through one of them, or through
        // a borrow of one (`for c in &cells`, `if let Some(c) = cells.last()`); each once.
        if let Some(&cell) = self.cell_of.get(&local) {
            self.lands_first(local, &path, &value);
            // A value holding cells in some fields shares only those; a write of the whole
            // (a callee's summary writing `self`) shares what it puts in them.
            let shared: Vec<(Vec<Name>, Val)> = match (&self.cell_fields[cell], path.first()) {
                (Some(fields), Some(field)) if !fields.contains(field) => Vec::new(),
                (Some(fields), None) => {
                    let tys = (self.state.locals.get(local.0 as usize)).map_or(&[][..], |v| &v.tys);
                    let mut parts = Vec::new();
                    self.cell_parts(&value, tys, fields, &[], &mut parts, 0);
                    parts
                }
                _ => vec![(path.clone(), value.clone())],
            };
            for (path, value) in shared {
                let members = self.cells[cell].clone();
                for &other in &members {
                    if self.lands_first(other, &path, &value) {
                        self.write_local(
                            other,
                            path.clone(),
                            true,
                            value.clone(),
                            false,
                            depth + 1,
                        );
                    }
                }
                // So does a value that keeps a clone in a part (`Reader { inner: c.clone() }`,
                // `View { rows: Rc::clone(&log.lines) }`), whenever the write comes, where
                // the part is the place written or holds it.
                let holders: Vec<(Local, Vec<Name>)> = (self.aliases.iter())
                    .filter(|(holder, _)| !members.contains(holder))
                    .flat_map(|(holder, borrows)| {
                        (borrows.iter())
                            .filter(|b| members.contains(&b.target))
                            .filter_map(|b| match path.strip_prefix(&b.prefix[..]) {
                                Some(rest) => Some((*holder, [&b.from[..], rest].concat())),
                                None if b.prefix.starts_with(&path) => {
                                    Some((*holder, b.from.clone()))
                                }
                                None => None,
                            })
                    })
                    .collect();
                for (holder, at) in holders {
                    if self.lands_first(holder, &at, &value) {
                        self.write_local(holder, at, true, value.clone(), false, depth + 1);
                    }
                }
            }
        }
        let index = local.0 as usize;
        if index >= self.state.locals.len() {
            return;
        }
        if let Some(slot) = self.param_locals.iter().position(|l| *l == Some(local)) {
            // A weak write into a parameter (a mutator, `+=`, `write!`) goes through it.
            if through || !path.is_empty() || !strong {
                self.written[slot] = true;
                if path.is_empty() {
                    let marks = match value.has_labelled_type() {
                        true => value.ty_consent,
                        false => value.common_consent(),
                    };
                    let root = self.root_writes[slot].get_or_insert(PartySet::MAX);
                    *root &= marks;
                }
            }
        }
        if strong {
            if let Some(field) = path.first() {
                self.spell_out_fields(index, field);
            }
        }
        let mut target = &mut self.state.locals[index];
        for name in path.iter().take(MAX_DEPTH) {
            target = target.fields.make_mut().entry(name.clone()).or_default();
        }
        // Past the depth bound a field shares its node with its siblings: writing one
        // replaces none of the others (`x.a.b.c.d.f = ..` keeps `x.a.b.c.d.e`).
        let strong = strong && path.len() <= MAX_DEPTH;
        if strong && path.is_empty() && !through {
            *target = value;
        } else if strong && !path.is_empty() {
            let tys = std::mem::take(&mut target.tys);
            *target = value;
            for ty in tys {
                if !target.tys.contains(&ty) {
                    target.tys.push(ty);
                }
            }
        } else {
            // What is written takes the place's types: content of unknown type (an unknown
            // call's result) keeps only the marks it carries for their labels.
            if target.has_labelled_type() && !value.has_labelled_type() {
                target.ty_consent &= value.common_consent();
            }
            target.join(&value);
        }
    }

    /// `..Default::default()` as a struct literal's base is the literal's type's own
    /// `default()`: a local impl runs.
    fn literal_default(&mut self, path: &ir::Path, base: &'a Expr) -> Option<Val> {
        let Expr::Call { callee, args, span } = base else {
            return None;
        };
        let Expr::Path(called, _) = &**callee else {
            return None;
        };
        if !args.is_empty() || !models::is_default_call(&called.segments) {
            return None;
        }
        let Resolved::Def(Def::Adt(adt)) = self.resolve(path) else {
            return None;
        };
        let targets = self.item_targets(&TyKey::Adt(adt), &Name::from("default"), false);
        if targets.is_empty() {
            return None;
        }
        let mut made = None;
        for f in targets {
            let value = self.call_fn(f, None, Vec::new(), Vec::new(), *span);
            join_into(&mut made, value);
        }
        made
    }

    /// The base of a struct literal (`Plain { b, ..self }`) known only as a whole (a
    /// parameter, a call's result): each field the struct declares and the literal does not
    /// write, read from it, so that the written ones hold only what they are given.
    fn base_fields(
        &mut self,
        base: Val,
        path: &ir::Path,
        written: &[(Name, Expr)],
        span: Span,
    ) -> Val {
        let Resolved::Def(Def::Adt(adt)) = self.resolve(path) else {
            return base;
        };
        let info = &self.program.adts[adt.index()];
        if base.exact || base.split || !info.ir.variants.is_empty() {
            return base;
        }
        let mut spelled = Val {
            tys: base.tys.clone(),
            ty_consent: base.ty_consent,
            exact: true,
            ..Val::default()
        };
        for field in &info.ir.fields {
            if !written.iter().any(|(name, _)| *name == field.name) {
                let read = self.project_field(&base, &field.name, span, false);
                spelled.fields.insert(field.name.clone(), read);
            }
        }
        spelled
    }

    /// The parts of `value`, of a type holding cells through `fields`, that are cells: a
    /// field declared as an `Rc`/`Arc` whole, and in a field holding one deeper only the
    /// cells (`state.inner`, not `state.tag`).
    fn cell_parts(
        &self,
        value: &Val,
        tys: &[TyKey],
        fields: &[Name],
        at: &[Name],
        out: &mut Vec<(Vec<Name>, Val)>,
        depth: usize,
    ) {
        for field in fields {
            let Some(sub) = value.fields.get(field) else {
                continue;
            };
            let path: Vec<Name> = at.iter().chain([field]).cloned().collect();
            // The field as the types `value` is of declare it.
            let declared: Vec<(ModId, &FieldInfo)> = (tys.iter())
                .filter_map(|t| match t {
                    TyKey::Adt(adt) => {
                        let info = &self.program.adts[adt.index()];
                        Some((info.module, info.fields.get(field)?))
                    }
                    _ => None,
                })
                .collect();
            let cell = (declared.iter()).any(|(module, f)| {
                (f.tys.iter()).any(|ty| is_shared_type(self.program.expand_alias(*module, ty)))
            });
            let keys: Vec<TyKey> = declared
                .iter()
                .flat_map(|(_, f)| f.keys.iter().cloned())
                .collect();
            let inner = self.program.shared_fields(&keys);
            if cell || inner.is_empty() || depth >= 3 {
                out.push((path, sub.clone()));
            } else {
                self.cell_parts(sub, &keys, &inner, &path, out, depth + 1);
            }
        }
    }

    /// Before a field of a struct known by its type only (`Batch::default()`) is replaced
    /// (`b.users = consented`): each field as its type declares it, so that the value is
    /// exact and the replaced field holds only what was written there, with its consent
    /// marks rather than the whole's. Only where spelling them out adds no label of its own
    /// (no labelled field, no content of the whole), so no read's place moves.
    fn spell_out_fields(&mut self, index: usize, written: &Name) {
        let node = &self.state.locals[index];
        let [TyKey::Adt(adt)] = node.tys[..] else {
            return;
        };
        let info = &self.program.adts[adt.index()];
        let plain = info.ir.variants.is_empty()
            && info.labels.is_empty()
            && info.ir.fields.iter().all(|f| f.labels.is_empty())
            && info.fields.contains_key(written);
        if node.exact || !plain || !node.facts.is_empty() || !node.carried.is_empty() || node.split
        {
            return;
        }
        let mut spelled = node.clone();
        for field in &info.ir.fields {
            if !spelled.fields.contains_key(&field.name) {
                let read = self.project_field(&spelled, &field.name, Span::default(), false);
                spelled.fields.insert(field.name.clone(), read);
            }
        }
        spelled.exact = true;
        self.state.locals[index] = spelled;
    }

    /// The calls a place is reached through run (`*counts.entry(word).or_insert(0) += 1`
    /// puts the word in the map), before the place is written.
    fn eval_calls_in(&mut self, place: &'a Expr) {
        let mut inner = place;
        loop {
            match inner {
                Expr::Field { base, .. } | Expr::Index { base, .. } => inner = base,
                Expr::Transparent(base) | Expr::Lend(base) => inner = base,
                Expr::MethodCall(_) | Expr::Call { .. } => {
                    self.eval(inner);
                    return;
                }
                _ => return,
            }
        }
    }

    /// `place = value`, destructuring assignments (`(a, b) = (b, a)`, `User { phone: p, .. }
    /// = user`, `Pair(a, b) = pair`) included.
    fn assign(&mut self, place: &'a Expr, value: Val) {
        match place {
            Expr::Struct(lit) => {
                for (name, item) in &lit.fields {
                    let name = self.part_name(Some(&lit.path), name.clone());
                    let part = self.project(&value, &name, lit.span);
                    self.assign(item, part);
                }
            }
            Expr::Call { callee, args, span } => {
                let Expr::Path(path, _) = &**callee else {
                    return;
                };
                if !self.is_local_constructor(path) {
                    return;
                }
                for (index, item) in args.iter().enumerate() {
                    let name = self.part_name(Some(path), Name::from(index.to_string()));
                    let part = self.project(&value, &name, *span);
                    self.assign(item, part);
                }
            }
            Expr::Tuple(items) | Expr::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let part = match place {
                        Expr::Tuple(_) => {
                            self.project(&value, &Name::from(index.to_string()), Span::default())
                        }
                        _ => value.clone(),
                    };
                    self.assign(item, part);
                }
            }
            _ => self.write(place, value, true),
        }
    }

    /// A binding that borrows from a place (`let r = &mut x.body`, `if let Some(c) =
    /// cells.first_mut()`, `for c in cells.iter_mut()`, `let b = body_of(&mut outbox)`):
    /// writes through it reach that place.
    fn record_aliases(&mut self, pat: &Pat, init: &'a Expr) {
        if self.record_channel(pat, init) {
            return;
        }
        // Pairs split: `for (out, user) in outs.iter_mut().zip(users)` lends `out` from
        // `outs`, `(user, out)` of `users.iter().zip(outs.iter_mut())` lends it from the
        // argument, `(i, out)` of `outs.iter_mut().enumerate()` from the receiver.
        if let (Pat::Tuple(None, parts), Expr::MethodCall(call)) = (pat, init) {
            match (parts.as_slice(), &*call.method, call.args.as_slice()) {
                ([first, second], "zip", [other]) => {
                    self.record_aliases(first, &call.receiver);
                    self.record_aliases(second, other);
                    return;
                }
                ([_, second], "enumerate", []) => {
                    self.record_aliases(second, &call.receiver);
                    return;
                }
                _ => {}
            }
        }
        // `let (x, y) = (&mut a, &mut b)`: part by part.
        if let (Pat::Tuple(None, parts), Expr::Tuple(items)) = (pat, init) {
            if parts.len() == items.len() {
                for (part, item) in parts.iter().zip(items) {
                    self.record_aliases(part, item);
                }
                return;
            }
        }
        let mut borrows = Vec::new();
        self.borrowed_places(init, Vec::new(), &mut borrows, 0);
        self.bind_borrows(pat, init, borrows);
    }

    /// The items a local `IntoIterator` impl yields for a loop over `iter` borrow from the
    /// part `lent` of what `iter` borrows (`for m in &mut roster` of an `into_iter` that
    /// returns `self.members.iter_mut()` lends `roster.members`).
    fn record_lent_items(&mut self, pat: &Pat, iter: &'a Expr, lent: &[Name]) {
        let mut borrows = Vec::new();
        self.borrowed_places(iter, Vec::new(), &mut borrows, 0);
        for borrow in borrows.iter_mut().filter(|b| b.from.is_empty()) {
            borrow.prefix.extend(lent.iter().cloned());
        }
        self.bind_borrows(pat, iter, borrows);
    }

    /// Each local `pat` binds borrows its part of `borrows`; where nothing is borrowed, a
    /// static `init` lends may be.
    fn bind_borrows(&mut self, pat: &Pat, init: &'a Expr, borrows: Vec<Borrow>) {
        let mut parts = Vec::new();
        self.pattern_parts(pat, Vec::new(), &mut parts);
        if borrows.is_empty() {
            for (local, _) in parts {
                self.lend_static(local, init);
            }
            return;
        }
        for (local, at) in parts {
            let mine: Vec<Borrow> = (borrows.iter())
                .filter(|b| b.target != local)
                .filter_map(|b| b.of_part(at.as_deref()))
                .collect();
            if !mine.is_empty() {
                self.aliases.insert(local, mine);
            }
        }
    }

    /// Each local a pattern binds, with the field path of the value it binds (`let Pair {
    /// a, .. } = &mut p` binds `a` to `p.a`, `Some(Event::Login { ref mut user })` binds
    /// `user` to its `Login.user`, as `bind` reads them); `None` where the part is not
    /// known (another crate's variant's payload, `Err`'s, a slice's element, an
    /// alternative).
    fn pattern_parts(&self, pat: &Pat, at: Vec<Name>, out: &mut Vec<(Local, Option<Vec<Name>>)>) {
        match pat {
            Pat::Bind(local, sub) => {
                out.push((*local, Some(at.clone())));
                if let Some(sub) = sub {
                    self.pattern_parts(sub, at, out);
                }
            }
            Pat::Struct(Some(path), fields) if self.is_local_constructor(path) => {
                for (name, field) in fields {
                    let mut inner = at.clone();
                    inner.push(self.part_name(Some(path), name.clone()));
                    self.pattern_parts(field, inner, out);
                }
            }
            Pat::Tuple(Some(path), items) if self.is_local_constructor(path) => {
                for (index, item) in items.iter().enumerate() {
                    let mut inner = at.clone();
                    inner.push(self.part_name(Some(path), Name::from(index.to_string())));
                    self.pattern_parts(item, inner, out);
                }
            }
            // `Some(x)` and `Ok(x)` are the value they wrap.
            Pat::Tuple(Some(path), items) if variant_polarity(path) == Some(true) => {
                for item in items {
                    self.pattern_parts(item, at.clone(), out);
                }
            }
            Pat::Tuple(None, items) => {
                for (index, item) in items.iter().enumerate() {
                    let mut inner = at.clone();
                    inner.push(Name::from(index.to_string()));
                    self.pattern_parts(item, inner, out);
                }
            }
            _ => {
                let mut locals = Vec::new();
                pattern_locals(pat, &mut locals);
                out.extend(locals.into_iter().map(|local| (local, None)));
            }
        }
    }

    /// `Rc` and `Arc` clones are one cell: a binding of a new one (`Rc::new(..)`, or
    /// declared `Arc<..>`, as a parameter may be) starts a cell, and a binding of a clone of
    /// one (`let writer = log.clone()`, `Rc::clone(&log)`) joins its cell. So does a value
    /// of a local type holding one (`#[derive(Clone)] struct AppState { outbox: Arc<..> }`):
    /// its clones write into the same cells.
    fn record_shared(&mut self, pat: &Pat, ty: Option<&ir::Type>, init: &Expr, tys: &[TyKey]) {
        let Pat::Bind(local, _) = pat else {
            return self.record_taken(pat, init, false);
        };
        // A local `Clone` impl makes what it makes (a deep copy, maybe): not the cell.
        let cloned_by_impl = || {
            (self.program.methods_by_name.get("clone").into_iter().flatten()).any(|f| {
                matches!(self.program.fns[f.index()].owner, crate::program::Owner::Impl(imp)
                    if self.program.impls[imp.index()].self_ty.as_ref().is_some_and(|t| tys.contains(t)))
            })
        };
        let originals = match self.shared_from(init) {
            Some(_) if cloned_by_impl() => Vec::new(),
            Some(cloned) => self.cells_in(cloned),
            // An element moved out (`cells.pop().unwrap()`) is the cell it was, unless a
            // local `Clone` impl copied it on the way (`cells.first().cloned()`).
            None => {
                let source = element_source(init);
                if source.taken && !(source.copied && cloned_by_impl()) {
                    self.taken_cells(&source)
                } else {
                    Vec::new()
                }
            }
        };
        self.construct_around_cells(*local, init);
        let declared = |ty: &ir::Type| holds_cells(self.program, self.module, ty);
        let expanded = ty.map(|ty| self.program.expand_alias(self.module, ty));
        if self.collects_cells(init) || expanded.is_some_and(|ty| declared(ty) && !holds_shared(ty))
        {
            self.cell_collections.push(*local);
        }
        match originals.split_first() {
            Some((&cell, others)) => {
                self.share_cell(*local, cell);
                for &other in others {
                    self.merge_cells(cell, other);
                }
            }
            None if self.makes_cells(init) || ty.is_some_and(declared) => {
                self.new_cell(*local, None)
            }
            None => {
                let fields = self.program.shared_fields(tys);
                if !fields.is_empty() {
                    self.new_cell(*local, Some(fields));
                }
            }
        }
    }

    /// A pattern's bindings of a whole element taken out of a collection of cells (`while
    /// let Some(c) = cells.pop()`, `for c in cells` where `element`, the items of `init`)
    /// are its cells.
    fn record_taken(&mut self, pat: &Pat, init: &Expr, element: bool) {
        let mut source = element_source(init);
        source.taken |= element;
        if !source.taken {
            return;
        }
        let cells = self.taken_cells(&source);
        if cells.is_empty() {
            return;
        }
        let mut parts = Vec::new();
        self.pattern_parts(pat, Vec::new(), &mut parts);
        for (local, _) in parts
            .into_iter()
            .filter(|(_, at)| at.as_ref().is_some_and(Vec::is_empty))
        {
            for &cell in &cells {
                self.share_cell(local, cell);
            }
        }
    }

    /// A local declared a `Box`, or made by `Box::new(..)`, owns what it points to: a write
    /// through `*` replaces it (one through a borrow or a guard adds to what it points to).
    fn record_box(&mut self, pat: &Pat, ty: Option<&ir::Type>, init: Option<&Expr>) {
        let Pat::Bind(local, None) = pat else {
            return;
        };
        let declared = ty.is_some_and(|ty| is_box(self.program.expand_alias(self.module, ty)));
        let made = match init {
            Some(Expr::Call { callee, .. }) => match &**callee {
                Expr::Path(path, _) => matches!(path.segments.as_slice(), [.., owner, item]
                    if &**owner == "Box" && matches!(&**item, "new" | "from" | "default")),
                _ => false,
            },
            _ => false,
        };
        if declared || made {
            self.boxes.push(*local);
        }
    }

    /// Whether `init` makes new cells: `Rc::new(..)`, a local alias's constructor or function
    /// returning one (`returns_shared`), or a `vec!`, an array or a `Some` of them.
    fn makes_cells(&self, init: &Expr) -> bool {
        if let Some(inner) = wrapped(init) {
            return self.makes_cells(inner);
        }
        match init {
            Expr::Macro(call) if call.kind == ir::MacroKind::Vec => {
                call.args.iter().any(|item| self.makes_cells(item))
            }
            Expr::Array(items) => items.iter().any(|item| self.makes_cells(item)),
            Expr::Call { callee, .. }
                if matches!(&**callee, Expr::Path(path, _)
                    if is_shared_constructor(path, "new") || self.makes_shared_alias(path)) =>
            {
                true
            }
            _ => self.returns_shared(init),
        }
    }

    /// `Outbox::new(..)` or `Outbox::default()` of `type Outbox = Arc<Mutex<..>>`: a new
    /// cell, as `Arc::new(..)` is.
    fn makes_shared_alias(&self, path: &ir::Path) -> bool {
        let [.., owner, item] = path.segments.as_slice() else {
            return false;
        };
        let alias = ir::Type::Path(ir::Path {
            segments: path.segments[..path.segments.len() - 1].to_vec(),
            ..ir::Path::default()
        });
        matches!(&**item, "new" | "default")
            && !models::is_shared_owner(owner)
            && is_shared_type(self.program.expand_alias(self.module, &alias))
    }

    /// Whether `init` calls a local function declared to return an `Rc`/`Arc` (`fn
    /// new_log() -> Arc<Mutex<String>>`, or a type alias of one), or unwraps one it returns
    /// in an `Option`/`Result`: the value is a cell, its clones the same one.
    fn returns_shared(&self, init: &Expr) -> bool {
        let (init, unwrapped) = match init {
            Expr::MethodCall(call) if matches!(&*call.method, "unwrap" | "expect") => {
                (&call.receiver, true)
            }
            _ => (init, false),
        };
        let Expr::Call { callee, .. } = init else {
            return false;
        };
        let shared = |f: &FnId| {
            let module = self.program.fns[f.index()].module;
            let ret = self
                .program
                .expand_alias(module, &self.program.fns[f.index()].ir.ret);
            match ret {
                _ if !unwrapped => is_shared_type(ret),
                ir::Type::Path(path) => {
                    matches!(
                        path.segments.last().map(|s| &**s),
                        Some("Option" | "Result")
                    ) && (path.generics.first()).is_some_and(|inner| {
                        is_shared_type(self.program.expand_alias(module, inner))
                    })
                }
                _ => false,
            }
        };
        let targets = self.call_targets(callee);
        !targets.is_empty() && targets.iter().all(shared)
    }

    /// The local functions a call of `callee` runs: a function's path, or an associated
    /// item's impls (`Store::shared()`); none for any other callee.
    fn call_targets(&self, callee: &Expr) -> Vec<FnId> {
        let Expr::Path(path, _) = callee else {
            return Vec::new();
        };
        match self.resolve(path) {
            Resolved::Def(Def::Fn(f)) => vec![f],
            Resolved::Assoc(ty, name) => self.item_targets(&ty, &name, false),
            _ => Vec::new(),
        }
    }

    /// A value a local function makes as a struct literal around shared cells or a channel's
    /// sender it is given or its arguments hold (`Recorder::new(log.clone())` ending in
    /// `Recorder { log }`, `log.handle()` or a `Clone` impl ending in `Log { lines:
    /// Rc::clone(&self.lines) }`) keeps each in its field, as a struct literal written here
    /// does: what is written there later is in the cell, and the reverse.
    fn construct_around_cells(&mut self, holder: Local, init: &Expr) {
        let (targets, args): (Vec<FnId>, Vec<&Expr>) = match init {
            Expr::Call { callee, args, .. } => (self.call_targets(callee), args.iter().collect()),
            Expr::MethodCall(call) => {
                let args = std::iter::once(&call.receiver).chain(&call.args).collect();
                (self.receiver_methods(call), args)
            }
            _ => return,
        };
        // The place an argument is, or clones (`&self.inner`, `log.clone()`).
        let place = |arg: &Expr| {
            let (mut path, mut through) = (Vec::new(), false);
            let root = self.place_root(cloned_from(arg).unwrap_or(arg), &mut path, &mut through)?;
            Some((root, path))
        };
        let keeps =
            |local: &Local| self.cell_of.contains_key(local) || self.senders.contains_key(local);
        if !args
            .iter()
            .any(|arg| place(arg).is_some_and(|(root, _)| keeps(&root)))
        {
            return;
        }
        let [f] = targets[..] else {
            return;
        };
        let info = &self.program.fns[f.index()];
        let Some(body) = info.ir.body.as_ref() else {
            return;
        };
        let Some(Expr::Struct(literal)) = body_tail(&body.value) else {
            return;
        };
        // The result's fields that hold cells as its type declares them.
        let cells = self.program.shared_fields(&info.signature.ret);
        let mut borrows = Vec::new();
        for (field, value) in &literal.fields {
            let Some((slot, part)) = param_place(body, cloned_from(value).unwrap_or(value)) else {
                continue;
            };
            let Some((target, mut prefix)) = args.get(slot).and_then(|arg| place(arg)) else {
                continue;
            };
            let whole = prefix.is_empty()
                && part.is_empty()
                && (self.whole_cell(target) || self.senders.contains_key(&target));
            if keeps(&target) && (whole || cells.contains(field)) {
                prefix.extend(part);
                borrows.push(Borrow {
                    from: vec![field.clone()],
                    target,
                    prefix,
                });
            }
        }
        self.aliases.entry(holder).or_default().extend(borrows);
    }

    /// The local methods a method call runs on the types its receiver holds (`log.handle()`
    /// of a `Log`).
    fn receiver_methods(&self, call: &ir::MethodCall) -> Vec<FnId> {
        let (mut path, mut through) = (Vec::new(), false);
        let Some(root) = self.place_root(&call.receiver, &mut path, &mut through) else {
            return Vec::new();
        };
        (self.place_tys(root, &path).iter())
            .filter(|ty| matches!(ty, TyKey::Adt(_)))
            .flat_map(|ty| self.item_targets(ty, &call.method, true))
            .collect()
    }

    /// The cell `value` is a clone of: `x.clone()`, `Arc::clone(&x)`, or a local function
    /// given `x` that returns that parameter or a clone of it.
    fn shared_from<'e>(&self, value: &'e Expr) -> Option<&'e Expr> {
        if let Some(mut cloned) = cloned_from(value) {
            // `Rc::downgrade(&cell).clone()`: a handle of a handle.
            while let Some(inner) = cloned_from(cloned) {
                cloned = inner;
            }
            return Some(cloned);
        }
        let Expr::Call { callee, args, .. } = value else {
            return None;
        };
        let f = self.local_callee(callee)?;
        let function = self.program.fns[f.index()].ir;
        let body = function
            .body
            .as_ref()
            .filter(|_| returns_shared_type(self.program, f))?;
        // `fn share(a: &Arc<..>) -> Arc<..> { a.clone() }`, or the parameter given back
        // (`fn pass(a: Arc<..>) -> Arc<..> { a }` of `pass(log.clone())`).
        let tail = body_tail(&body.value)?;
        let arg = argument_for(body, args, cloned_from(tail).unwrap_or(tail))?;
        Some(cloned_from(arg).map_or(arg, through_transparent))
    }

    /// `place = x.clone()` of a local and a shared cell (or an element of a collection of
    /// them): the local is that cell too (as well as what it was, flow-insensitively).
    fn repoint_shared(&mut self, place: &Expr, value: &Expr) {
        let Expr::Local(local, _) = place else {
            return;
        };
        let Some(cloned) = self.shared_from(value) else {
            return;
        };
        for cell in self.cells_in(cloned) {
            self.share_cell(*local, cell);
        }
    }

    /// The cells `expr` is one of, where it is a local holding one or an element taken out
    /// of a collection of them by std's accessors (`cells[0]`, `cells.get(0).unwrap()`,
    /// `cells.pop()`, `m.values().next()`): the collection's own cell (`vec![Rc::new(..)]`,
    /// every element smashed into one) and the cells put into it (`vec![c.clone()]`,
    /// `v.push(c.clone())`).
    fn cells_in(&self, expr: &Expr) -> Vec<usize> {
        self.taken_cells(&element_source(expr))
    }

    /// `cells_in` of what `source` names.
    fn taken_cells(&self, source: &ElementSource) -> Vec<usize> {
        let Expr::Local(root, _) = source.collection else {
            return Vec::new();
        };
        // What is taken out of a cell that is no collection of cells (`Arc<Vec<String>>`, a
        // guard of a `RefCell`) is no cell.
        if source.taken && !self.cell_collections.contains(root) {
            return Vec::new();
        }
        let mut cells: Vec<usize> = self.cell_of.get(root).copied().into_iter().collect();
        if !source.taken {
            return cells;
        }
        for borrow in self.aliases.get(root).into_iter().flatten() {
            let element = borrow.from.is_empty() && borrow.prefix.is_empty();
            if let Some(&cell) = self.cell_of.get(&borrow.target).filter(|_| element) {
                if self.whole_cell(borrow.target) && !cells.contains(&cell) {
                    cells.push(cell);
                }
            }
        }
        cells
    }

    /// Whether `init` makes a collection or an `Option` of cells: of new ones
    /// (`vec![Rc::new(..)]`, `Some(Arc::new(..))`), of clones of some (`[a.clone(),
    /// Rc::clone(&b)]`), or a clone of such a collection.
    fn collects_cells(&self, init: &Expr) -> bool {
        let cell = |item: &Expr| {
            self.makes_cells(item)
                || (self.shared_from(item)).is_some_and(|cloned| !self.cells_in(cloned).is_empty())
        };
        match init {
            Expr::Macro(call) if call.kind == ir::MacroKind::Vec => call.args.iter().any(cell),
            Expr::Array(items) => items.iter().any(cell),
            _ => match (wrapped(init), self.shared_from(init)) {
                (Some(inner), _) => cell(inner),
                (None, Some(Expr::Local(cloned, _))) => self.cell_collections.contains(cloned),
                _ => false,
            },
        }
    }

    /// `local` is the cell `cell` too; a cell it already was becomes one with it.
    fn share_cell(&mut self, local: Local, cell: usize) {
        match self.cell_of.get(&local).copied() {
            Some(own) => self.merge_cells(cell, own),
            None => self.join_cell(local, cell),
        }
    }

    /// The members of cell `from` are of cell `into` (a write through any of them may reach
    /// the others: every one is written).
    fn merge_cells(&mut self, into: usize, from: usize) {
        if into == from {
            return;
        }
        let members = std::mem::take(&mut self.cells[from]);
        for member in &members {
            self.cell_of.insert(*member, into);
        }
        self.cells[into].extend(members);
    }

    /// A collection a clone of an `Rc`/`Arc` is put into (`v.push(shared.clone())`,
    /// `v.push(cells[0].clone())`) holds that cell, and one a `&mut` is put into
    /// (`refs.push(&mut a)`, `slots.insert(k, Some(&mut a))`) lends its target to its
    /// elements: what is written through the cell, or through an element, later is in both.
    fn hold_given(&mut self, receiver: &Expr, arg_places: &[Option<&'a Expr>]) {
        let (mut path, mut through) = (Vec::new(), false);
        let Some(holder) = self.place_root(receiver, &mut path, &mut through) else {
            return;
        };
        for arg in arg_places.iter().flatten() {
            let mut borrows = Vec::new();
            if let Some(cloned) = cloned_from(arg) {
                for cell in self.cells_in(cloned) {
                    if path.is_empty() && !self.cell_collections.contains(&holder) {
                        self.cell_collections.push(holder);
                    }
                    let member = (self.cells[cell].iter()).find(|m| **m != holder);
                    if let Some(&member) = member.filter(|m| self.whole_cell(**m)) {
                        borrows.push(Borrow {
                            from: path.clone(),
                            target: member,
                            prefix: Vec::new(),
                        });
                    }
                }
            } else if lends_mut(arg) {
                self.borrowed_places(arg, path.clone(), &mut borrows, 0);
                borrows.retain(|b| b.target != holder);
            }
            if !borrows.is_empty() {
                self.aliases.entry(holder).or_default().extend(borrows);
            }
        }
    }

    /// A callee storing what it is given into what another argument points at, in a field
    /// (`s.set_log(log.clone())`, `hooks.set(loud)` writing `self.on_save = f`), stores it as
    /// an assignment there would: an `Rc`/`Arc` clone makes that argument hold the cell, so
    /// what is written there later is in the cell; a function or closure runs wherever a
    /// callable of unknown origin is called, and a closure is in that field too, to run
    /// where the field is called, here or by a callee (`ParamCall`).
    fn store_given(&mut self, slot: u16, written: &Val, args: &[Val], places: &[Option<&'a Expr>]) {
        let place = places.get(slot as usize).copied().flatten();
        for (given, arg) in args.iter().enumerate() {
            let given = given as u16;
            if given == slot || !written.mentions_param(given) {
                continue;
            }
            let field = (written.fields.iter())
                .find(|(_, part)| part.mentions_param(given))
                .map(|(name, _)| name.clone());
            if !arg.fns.is_empty() || !arg.closures.is_empty() {
                match &field {
                    Some(field) => {
                        self.note_closure_field(arg, field);
                        if let Some(place) = place.filter(|_| !arg.closures.is_empty()) {
                            let closures = Val {
                                closures: arg.closures.clone(),
                                ..Val::default()
                            };
                            let mut stored = Val::default();
                            stored.fields.insert(field.clone(), closures);
                            self.write(place, stored, false);
                        }
                    }
                    None => self.hand_out(arg),
                }
            }
            let given_place = places.get(given as usize).copied().flatten();
            let (Some(place), Some(Expr::Local(cell, _))) =
                (place, given_place.and_then(cloned_from))
            else {
                continue;
            };
            let (mut from, mut through) = (Vec::new(), false);
            let Some(holder) = self.place_root(place, &mut from, &mut through) else {
                continue;
            };
            if self.whole_cell(*cell) && holder != *cell {
                from.extend(field);
                let borrow = Borrow {
                    from,
                    target: *cell,
                    prefix: Vec::new(),
                };
                self.aliases.entry(holder).or_default().push(borrow);
            }
        }
    }

    /// Whether `local` is an `Rc`/`Arc` of a cell (not a value holding some): its clones
    /// are it, whole.
    fn whole_cell(&self, local: Local) -> bool {
        (self.cell_of.get(&local)).is_some_and(|&cell| self.cell_fields[cell].is_none())
    }

    fn join_cell(&mut self, local: Local, cell: usize) {
        self.cells[cell].push(local);
        self.cell_of.insert(local, cell);
    }

    fn new_cell(&mut self, local: Local, fields: Option<Vec<Name>>) {
        self.cell_of.insert(local, self.cells.len());
        self.cells.push(vec![local]);
        self.cell_fields.push(fields);
    }

    /// The local function a call's callee names by path, if it names one.
    fn local_callee(&self, callee: &Expr) -> Option<FnId> {
        match callee {
            Expr::Path(path, _) => match self.resolve(path) {
                Resolved::Def(Def::Fn(f)) => Some(f),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether local function `f`'s declared result may hold a `&mut` (see `lends`): `&mut
    /// T`, `Option<&mut T>`, `impl Iterator<Item = &mut T>`, a local struct with such a
    /// field (`Views<'_>`). Only such a result lends its caller places to write into
    /// (`Lent`); one of a generic type (`Option<Self::Item>`) lends as the caller reads the
    /// call (`it.next()` borrows `it`).
    fn result_may_lend(&self, f: FnId) -> bool {
        let info = &self.program.fns[f.index()];
        lends(&info.ir.ret)
            || (info.signature.ret.iter()).any(|key| match key {
                TyKey::Adt(adt) => (self.program.adts[adt.index()].fields.values())
                    .flat_map(|field| &field.tys)
                    .any(|ty| lends(ty)),
                _ => false,
            })
    }

    /// Whether what local function `f` returns may borrow from its arguments: its declared
    /// result mentions a reference, or is a type that may (a local struct with a reference
    /// field, `View<'_>`; another crate's type not known to own its content, a guard).
    fn result_may_borrow(&self, f: FnId) -> bool {
        let ret = &self.program.fns[f.index()].ir.ret;
        let ir::Type::Path(path) = ret else {
            return mentions_reference(ret, 0);
        };
        if mentions_reference(ret, 0) {
            return true;
        }
        let last = path.segments.last().map_or("", |s| &**s);
        if OWNED_STD_TYPES.contains(&last) {
            return false;
        }
        let (module, self_ty, generics) = self.program.fn_scope_parts(f);
        let scope = Scope {
            module,
            self_ty: self_ty.as_ref(),
            generics: &generics,
        };
        let keys = self.program.type_keys(&scope, ret);
        keys.is_empty()
            || keys.iter().any(|key| match key {
                TyKey::Adt(adt) => (self.program.adts[adt.index()].fields.values())
                    .flat_map(|field| &field.tys)
                    .any(|ty| mentions_reference(ty, 0)),
                TyKey::External(path) => {
                    !OWNED_STD_TYPES.contains(&path.rsplit("::").next().unwrap_or(path))
                }
                TyKey::Trait(_) => true,
            })
    }

    /// The places `expr` borrows, each as a `Borrow` of the part `from` of the value it
    /// makes: one place (`&mut a`, `a.iter_mut()`, a `&mut` parameter), any of several
    /// (`if f { &mut a } else { &mut b }`, `slot.unwrap_or(&mut own)`, `vec![&mut a]`), or
    /// a field's (`W { t: &mut a }`, `(&mut a, n)`).
    fn borrowed_places(&self, expr: &Expr, from: Vec<Name>, out: &mut Vec<Borrow>, depth: usize) {
        if depth > 16 {
            return;
        }
        let before = out.len();
        // A call whose result borrows its arguments' places (see `lend_result`).
        if let Some(lent) = (expr.call_span())
            .filter(|_| !self.result_lends.is_empty())
            .and_then(|span| self.result_lends.get(&span))
        {
            out.extend(lent.iter().map(|b| Borrow {
                from: [&from[..], &b.from[..]].concat(),
                ..b.clone()
            }));
        }
        let root_of = |place: &Expr, out: &mut Vec<Borrow>| {
            let (mut path, mut through) = (Vec::new(), false);
            if let Some(root) = self.place_root(place, &mut path, &mut through) {
                out.push(Borrow {
                    from: from.clone(),
                    target: root,
                    prefix: path,
                });
            }
        };
        match expr {
            // A borrow of a value with no place of its own (`&mut [&mut a, &mut b]`) lends
            // what that value borrows.
            Expr::Transparent(inner) | Expr::Lend(inner) => {
                root_of(inner, out);
                if out.len() == before {
                    self.borrowed_places(inner, from, out, depth + 1);
                }
            }
            // A map's value part (`if let Some(v) = m.get_mut(&k)`, `for v in m.values_mut()`).
            Expr::MethodCall(call)
                if lends_map_value(&call.method) && {
                    let (mut path, mut through) = (Vec::new(), false);
                    (self.place_root(&call.receiver, &mut path, &mut through))
                        .is_some_and(|local| self.place_is_map(local, &path))
                } =>
            {
                root_of(expr, out)
            }
            Expr::MethodCall(call) if self.lends_as_std(call) => {
                let before = out.len();
                self.borrowed_places(&call.receiver, from.clone(), out, depth + 1);
                if out.len() == before {
                    root_of(&call.receiver, out);
                }
            }
            // `slot.unwrap_or(&mut own)`: the receiver's borrow or the default's.
            Expr::MethodCall(call) if matches!(&*call.method, "unwrap_or" | "or") => {
                self.borrowed_places(&call.receiver, from.clone(), out, depth + 1);
                for arg in &call.args {
                    self.borrowed_places(arg, from.clone(), out, depth + 1);
                }
            }
            // A clone of a value holding cells shares only those (`record_shared`), not
            // the whole value.
            Expr::MethodCall(_) if matches!(cloned_from(expr), Some(Expr::Local(l, _)) if self.cell_of.contains_key(l) && !self.whole_cell(*l)) =>
                {}
            // A local method lending part of its receiver (see `place_root`); otherwise a
            // std method taking elements out of a value with no place of its own
            // (`vec![&mut a, &mut b].into_iter()`) yields what those elements borrow.
            Expr::MethodCall(call) => {
                let before = out.len();
                root_of(expr, out);
                if out.len() == before && takes_element(&call.method) {
                    self.borrowed_places(&call.receiver, from, out, depth + 1);
                }
            }
            // A borrow moved to another binding (`let w = t;`), or a `&mut` parameter. A
            // borrowing local also lends itself: what is written through a sub-borrow
            // (`g.get_mut(0)` of a guard `g`) is read back through it (`g[0]`) as well as
            // through what it borrows.
            Expr::Local(local, _) => match self.aliases.get(local) {
                Some(borrows) => {
                    out.extend(borrows.iter().map(|b| Borrow {
                        from: [&from[..], &b.from[..]].concat(),
                        ..b.clone()
                    }));
                    out.push(Borrow {
                        from,
                        target: *local,
                        prefix: Vec::new(),
                    });
                }
                None if self.lent_param(*local) => out.push(Borrow {
                    from,
                    target: *local,
                    prefix: Vec::new(),
                }),
                None => {}
            },
            // A function returning a borrow returns it from its first borrowed argument: a
            // local one whose declared result holds a reference, another crate's from a
            // `&mut` (`Rc::make_mut(&mut r)`). An owned result (`tidy(&u.nick)`) borrows
            // nothing.
            // `Some(&mut a)`, `Ok(shared.clone())`: what the payload borrows.
            Expr::Call { .. } if wrapped(expr).is_some() => {
                if let Some(inner) = wrapped(expr) {
                    self.borrowed_places(inner, from, out, depth + 1);
                }
            }
            Expr::Call { callee, args, .. } => {
                let local_ret = self.local_callee(callee);
                if local_ret.is_some_and(|f| !self.result_may_borrow(f)) {
                    return;
                }
                // A local function's result may be any of its borrowed arguments
                // (`longest(&mut a, &mut b)`); `Rc::clone(&buf)` is the cell `buf` is.
                for arg in args {
                    let borrowed = match local_ret {
                        Some(_) => {
                            matches!(arg, Expr::Transparent(_) | Expr::Lend(_) | Expr::Local(..))
                        }
                        None => matches!(arg, Expr::Lend(_)) || cloned_from(expr).is_some(),
                    };
                    let before = out.len();
                    if borrowed {
                        self.borrowed_places(arg, from.clone(), out, depth + 1);
                    }
                    if local_ret.is_none() && out.len() > before {
                        break;
                    }
                }
            }
            // An async lock's guard (`m.lock().await`, `m.lock().map_err(..)?`) borrows what
            // the lock's call did.
            Expr::Await(inner) | Expr::Try(inner, _) => {
                self.borrowed_places(inner, from, out, depth + 1)
            }
            // Either branch's borrow.
            Expr::If { then, else_, .. } => {
                self.borrowed_places(then, from.clone(), out, depth + 1);
                if let Some(else_) = else_ {
                    self.borrowed_places(else_, from, out, depth + 1);
                }
            }
            Expr::Match { arms, .. } => {
                for arm in arms {
                    self.borrowed_places(&arm.body, from.clone(), out, depth + 1);
                }
            }
            Expr::Block(items) => {
                if let Some(last) = items.last() {
                    self.borrowed_places(last, from, out, depth + 1);
                }
            }
            Expr::Struct(lit) => {
                for (name, field) in lit.fields.iter().filter(|(_, f)| may_lend_part(f)) {
                    let mut at = from.clone();
                    at.push(name.clone());
                    self.borrowed_places(field, at, out, depth + 1);
                }
            }
            Expr::Tuple(items) => {
                for (index, item) in items.iter().enumerate().filter(|(_, i)| may_lend_part(i)) {
                    let mut at = from.clone();
                    at.push(Name::from(index.to_string()));
                    self.borrowed_places(item, at, out, depth + 1);
                }
            }
            // Elements are written through an index: the whole collection lends them.
            Expr::Array(items) => {
                for item in items.iter().filter(|i| may_lend_part(i)) {
                    self.borrowed_places(item, from.clone(), out, depth + 1);
                }
            }
            Expr::Macro(call) if call.kind == ir::MacroKind::Vec => {
                for item in call.args.iter().filter(|i| may_lend_part(i)) {
                    self.borrowed_places(item, from.clone(), out, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The local a place expression writes into, with the field path; `through` when the
    /// write goes through a reference or a method (`*out = ..`, `self.cache.lock().push(..)`).
    fn place_root(&self, place: &Expr, path: &mut Vec<Name>, through: &mut bool) -> Option<Local> {
        match place {
            Expr::Local(local, _) => Some(*local),
            // A field the place's local type lacks is its `Deref` target's (`e.to` of an
            // `Editor` whose `deref_mut` lends `&mut self.draft` is `e.draft.to`).
            Expr::Field { base, name, .. } => {
                let local = self.place_root(base, path, through)?;
                self.deref_path(local, path, |tys| {
                    (tys.iter()).any(|ty| {
                        matches!(ty, TyKey::Adt(adt)
                        if self.program.adts[adt.index()].fields.contains_key(name))
                    })
                });
                path.push(name.clone());
                Some(local)
            }
            // A local `IndexMut` impl lends part of its receiver (`&mut self.boards[i]`).
            Expr::Index { base, .. } => {
                *through = true;
                let local = self.place_root(base, path, through)?;
                if self.place_is_map(local, path) {
                    path.push(Name::from(MAP_VALUE));
                    return Some(local);
                }
                if let Some((index_mut, _)) =
                    self.program.methods_by_name.get_key_value("index_mut")
                {
                    let tys = self.place_tys(local, path);
                    if tys.iter().any(|ty| matches!(ty, TyKey::Adt(_))) {
                        path.extend(self.lent_field(index_mut, &tys, true).unwrap_or_default());
                    }
                }
                Some(local)
            }
            // `m.lock().await` and `m.lock().map_err(..)?` are the guard of `m`.
            Expr::Transparent(inner)
            | Expr::Lend(inner)
            | Expr::Await(inner)
            | Expr::Try(inner, _) => {
                *through = true;
                self.place_root(inner, path, through)
            }
            Expr::MethodCall(call)
                if is_place_method(&call.method) || is_borrowing_adapter(&call.method) =>
            {
                self.method_place(call, path, through)
            }
            // A clone of a channel's sender handed to a function sends into that channel; a
            // clone of an `Rc`/`Arc` (`log.clone()`, `Rc::clone(&log)`) is its cell.
            _ if cloned_from(place).is_some() => match cloned_from(place) {
                Some(Expr::Local(local, _))
                    if self.senders.contains_key(local) || self.cell_of.contains_key(local) =>
                {
                    *through = true;
                    Some(*local)
                }
                _ => None,
            },
            // `*Rc::make_mut(&mut r) = ..`: a function returning a borrow returns it from its
            // first `&mut` argument (as `borrowed_places` reads it).
            Expr::Call { callee, args, .. } => {
                // `Some(tx)`: a channel's sender or a shared cell, wrapped, is still that one.
                // `Some(&mut x)` lends `x`.
                if let Some(inner) = wrapped(place) {
                    let root = self.place_root(inner, path, through)?;
                    let lent = matches!(inner, Expr::Lend(_));
                    if lent || self.senders.contains_key(&root) || self.whole_cell(root) {
                        *through = true;
                        return Some(root);
                    }
                    return None;
                }
                // A local function's owned result (`render(&mut log, ..)` of a `String`) is
                // no place of its argument.
                if self
                    .local_callee(callee)
                    .is_some_and(|f| !self.result_may_borrow(f))
                {
                    return None;
                }
                let lent = args.iter().find(|a| matches!(a, Expr::Lend(_)))?;
                *through = true;
                self.place_root(lent, path, through)
            }
            // A local method lending part of its receiver, or another method lending it (see
            // `method_place`).
            Expr::MethodCall(call) => self.method_place(call, path, through),
            _ => None,
        }
    }

    /// Runs `write`, an assignment (of `assigned`, where it is an expression here) to
    /// `place`, where `place` is a local or a field path of one that holds a borrow (`p =
    /// &other`, `v.label = &u.phone`, `mem::swap(&mut a, &mut b)`): that re-points it, and
    /// writes nothing where it pointed. Borrows are kept
    /// flow-insensitively, so later writes through it land in what it borrows now and in
    /// what it borrowed before (on a path where it was not re-pointed).
    fn repointing(
        &mut self,
        place: &'a Expr,
        assigned: Option<&'a Expr>,
        write: impl FnOnce(&mut Self),
    ) {
        let (mut path, mut through) = (Vec::new(), false);
        let root = match place {
            Expr::Local(..) | Expr::Field { .. } => self.place_root(place, &mut path, &mut through),
            _ => None,
        };
        let Some(local) = root.filter(|_| !through) else {
            return write(self);
        };
        let held = self.aliases.remove(&local).unwrap_or_default();
        let (old, kept): (Vec<Borrow>, Vec<Borrow>) =
            held.into_iter().partition(|b| b.from.starts_with(&path));
        if !kept.is_empty() {
            self.aliases.insert(local, kept);
        }
        write(self);
        match (assigned, path.is_empty()) {
            (None, _) => {}
            (Some(assigned), true) => self.record_aliases(&Pat::Bind(local, None), assigned),
            (Some(assigned), false) => {
                let mut new = Vec::new();
                self.borrowed_places(assigned, path, &mut new, 0);
                new.retain(|b| b.target != local);
                self.aliases.entry(local).or_default().extend(new);
            }
        }
        if !old.is_empty() {
            self.aliases.entry(local).or_default().extend(old);
        }
    }

    /// The place a method's result lends: a local method's part of its receiver (of the
    /// receiver's type where it is known, `roster.get_mut(0)` of a local `Roster` too); std's
    /// place methods (`lock`, `get_mut`) and any other `_mut` method lend the receiver itself
    /// (`req.headers_mut()`, `v.as_object_mut()` of other crates).
    fn method_place(
        &self,
        call: &ir::MethodCall,
        path: &mut Vec<Name>,
        through: &mut bool,
    ) -> Option<Local> {
        let method = &call.method;
        let local = self.place_root(&call.receiver, path, through)?;
        *through = true;
        let std_place = self.lends_as_std(call);
        // A map's value part: what `entry(k).or_default()`, `get_mut(&k)` and `values_mut()`
        // lend (see `Program::tuple_parts`).
        if lends_map_value(method) && self.place_is_map(local, path) {
            path.push(Name::from(MAP_VALUE));
            return Some(local);
        }
        let tys = self.place_tys(local, path);
        let field = match self.lent_field(method, &tys, std_place) {
            Some(field) => field,
            None if std_place || method.ends_with("_mut") => Vec::new(),
            None if models::returns_receiver(method) => Vec::new(),
            None => return None,
        };
        path.extend(field);
        Some(local)
    }

    /// Whether `call` is std's method lending its receiver (a place method or a borrowing
    /// adapter). `get` of another crate's type is that crate's method (`client.get(url)`
    /// builds a request), which lends as other crates' methods do (see `method_place`);
    /// `map` lends only where its closure returns a borrow (`|d| &mut d.body`, not `|t|
    /// t.to_string()`).
    fn lends_as_std(&self, call: &ir::MethodCall) -> bool {
        match &*call.method {
            "get" => {
                let (mut path, mut through) = (Vec::new(), false);
                let tys = (self.place_root(&call.receiver, &mut path, &mut through))
                    .map_or_else(Vec::new, |local| self.place_tys(local, &path));
                tys.is_empty()
                    || !(tys.iter()).all(|t| matches!(t, TyKey::External(p) if is_foreign(p)))
            }
            "map" => call.args.first().is_none_or(|f| self.returns_borrow(f)),
            method => is_place_method(method) || is_borrowing_adapter(method),
        }
    }

    /// Whether the callable `f` may return a borrow: a closure whose result borrows a place
    /// (what it is given borrows where its receiver lends it), a local function whose
    /// declared result may, another crate's function as a method of its name would lend
    /// (`Option::as_mut`, not `String::clone`); any other callable may.
    fn returns_borrow(&self, f: &Expr) -> bool {
        match f {
            Expr::Closure { body, .. } => {
                let mut borrows = Vec::new();
                self.borrowed_places(body, Vec::new(), &mut borrows, 0);
                !borrows.is_empty()
            }
            Expr::Path(path, _) => match self.local_callee(f) {
                Some(callee) => self.result_may_borrow(callee),
                None => (path.segments.last()).is_some_and(|item| {
                    is_place_method(item) || is_borrowing_adapter(item) || item.ends_with("_mut")
                }),
            },
            _ => true,
        }
    }

    /// Whether the place at `path` of `local` is a map that holds its pairs apart: of a
    /// map's type, or a field declared one (see `Program::tuple_parts`).
    fn place_is_map(&self, local: Local, path: &[Name]) -> bool {
        if names_map(&self.place_tys(local, path)) {
            return true;
        }
        let Some((name, owner)) = path.split_last() else {
            return false;
        };
        (self.place_tys(local, owner).iter()).any(|ty| match ty {
            TyKey::Adt(adt) => {
                (self.program.adts[adt.index()].fields.get(name)).is_some_and(|field| {
                    field
                        .parts
                        .iter()
                        .any(|(at, tys)| at.is_empty() && names_map(tys))
                })
            }
            _ => false,
        })
    }

    /// The types a local's part at `path` holds now, or else its type declares for it
    /// (`self.audit` of a `Hub`); empty where neither is known.
    fn place_tys(&self, local: Local, path: &[Name]) -> Vec<TyKey> {
        let mut value = Some(&self.state.locals[local.0 as usize]);
        let mut tys = value.map(|v| v.tys.clone()).unwrap_or_default();
        for name in path {
            let part = value.and_then(|v| v.fields.get(name));
            let declared = || -> Vec<TyKey> {
                (tys.iter())
                    .filter_map(|ty| match ty {
                        TyKey::Adt(adt) => self.program.adts[adt.index()].fields.get(name),
                        _ => None,
                    })
                    .flat_map(|field| field.keys.iter().cloned())
                    .collect()
            };
            tys = match part {
                Some(part) if !part.tys.is_empty() => part.tys.clone(),
                _ => declared(),
            };
            value = part;
        }
        tys
    }

    /// Extends the place of `local` at `path` through the local `Deref` impls of its types,
    /// by the part each lends (`&self.draft`), until its types are `reached` (or
    /// `DEREF_DEPTH` layers), as auto-deref and deref coercion go: a write lands where the
    /// reads through the impl and through that part look.
    fn deref_path(&self, local: Local, path: &mut Vec<Name>, reached: impl Fn(&[TyKey]) -> bool) {
        if self.program.deref.is_empty() {
            return;
        }
        for _ in 0..DEREF_DEPTH {
            let tys = self.place_tys(local, path);
            if tys.is_empty() || reached(&tys) {
                return;
            }
            let derefs: Vec<FnId> = (tys.iter())
                .filter_map(|ty| self.program.deref.get(ty))
                .flatten()
                .copied()
                .collect();
            match self.lent_by(&derefs) {
                Some(lent) if !lent.is_empty() => path.extend(lent),
                _ => return,
            }
        }
    }

    /// The part of their receiver that the local methods `fns` lend (`&mut self.draft`,
    /// `self.members.iter_mut()`), whatever they return: the common prefix of those whose
    /// body returns one.
    fn lent_by(&self, fns: &[FnId]) -> Option<Vec<Name>> {
        let mut common = None;
        for f in fns {
            let function = self.program.fns[f.index()].ir;
            let lent = (function.body.as_ref()).and_then(|body| lent_path(body, false));
            if let (true, Some(lent)) = (function.has_self, lent) {
                narrow_to_common(&mut common, lent);
            }
        }
        common
    }

    /// A local method of that name lends a part of its receiver (`fn body_mut(&mut self) ->
    /// &mut String { &mut self.body }`, or `fn buf(&self) -> &Mutex<..> { &self.buf }`, a
    /// shared borrow written through its lock): writes through its result land in the
    /// receiver, at the field path every such method lends (none when they differ or it is
    /// not a field).
    /// Only the methods of `tys` where any of them has one of that name; where none is known,
    /// any local method of the name, unless it is a std place method (`lock`, `get_mut`).
    fn lent_field(&self, method: &Name, tys: &[TyKey], std_place: bool) -> Option<Vec<Name>> {
        let typed: Vec<FnId> = (tys.iter())
            .filter(|ty| !matches!(ty, TyKey::External(_)))
            .filter_map(|ty| self.program.methods_of.get(&(ty.clone(), method.clone())))
            .flatten()
            .copied()
            .collect();
        let candidates: &[FnId] = match (typed.is_empty(), std_place) {
            (false, _) => &typed,
            (true, true) => return None,
            (true, false) => self.program.methods_by_name.get(method)?,
        };
        let mut common: Option<Vec<Name>> = None;
        for f in candidates {
            let function = self.program.fns[f.index()].ir;
            if !function.has_self {
                continue;
            }
            let body = function.body.as_ref();
            let lent = match &function.ret {
                // A shared borrow lends the receiver only where it is taken from it (not a
                // static's: `fn buf(&self) -> &'static Mutex<..> { &BUF }`).
                ir::Type::Ref { mutable, inner } if *mutable || is_interior_mutable(inner) => {
                    match body.and_then(|b| lent_path(b, false)) {
                        Some(lent) => lent,
                        None if *mutable => Vec::new(),
                        None => continue,
                    }
                }
                // A clone of a shared cell it holds (`Arc::clone(&self.inner)`) is that cell.
                _ if returns_shared_type(self.program, *f) => {
                    match body.and_then(|b| lent_path(b, true)) {
                        Some(lent) => lent,
                        None => continue,
                    }
                }
                _ => continue,
            };
            narrow_to_common(&mut common, lent);
        }
        common
    }

    /// What a static (or the channel store) holds, read at `span`: its facts come from
    /// there, not from a parameter.
    fn read_stored(&self, mut stored: Val, span: Span, note: impl Into<Arc<str>>) -> Val {
        let note: Arc<str> = note.into();
        stored.retain_facts(&mut |_, fact| {
            fact.trace = domain::push(&fact.trace, span, note.clone());
            fact.via_param = false;
            true
        });
        stored
    }

    fn eval_path(&mut self, path: &ir::Path, span: Span) -> Val {
        match self.resolve(path) {
            Resolved::Def(Def::Fn(f)) => {
                let fns = self.program.fn_alternatives(f);
                self.note_sink_values(&fns, span);
                Val {
                    fns,
                    ..Val::default()
                }
            }
            Resolved::Def(Def::Global(f)) => {
                let mut value = self.call_fn(f, None, Vec::new(), Vec::new(), span);
                // A static holds what any function wrote into it.
                self.reads_statics = true;
                let name = &self.program.fns[f.index()].ir.name;
                if let Some(stored) = self.summaries.stored(f) {
                    let note = format!("read from `{name}`");
                    value.join(&self.read_stored(stored.clone(), span, note));
                }
                value
            }
            Resolved::Def(def @ (Def::Adt(adt) | Def::Variant(adt))) => {
                let mut value = Val::with_tys(vec![TyKey::Adt(adt)]);
                // A unit variant (`SendError::Timeout`) holds what that variant declares.
                if matches!(def, Def::Variant(_)) {
                    value.variant = path.segments.last().cloned();
                }
                value
            }
            Resolved::Assoc(ty, name) => {
                let targets = self.item_targets(&ty, &name, false);
                // An associated `const` (`Journal::DEFAULT`, `Self::SHA`) is read as a free
                // one is: its value, of its declared type.
                if (targets.iter()).any(|f| self.program.fns[f.index()].ir.is_global) {
                    let mut value = None;
                    for f in targets {
                        let read = self.call_fn(f, None, Vec::new(), Vec::new(), span);
                        join_into(&mut value, read);
                    }
                    return value.unwrap_or_default();
                }
                // `map(User::clone)` of a derived `Clone`: std's method, as a call by path is
                // (`map(Clone::clone)`).
                let derived = match &ty {
                    TyKey::Adt(adt) if targets.is_empty() && models::method(&name, 0).is_some() => {
                        let owner = &self.program.adts[adt.index()].ir.name;
                        Some(Arc::new(vec![format!("{owner}::{name}")]))
                    }
                    _ => None,
                };
                self.note_sink_values(&targets, span);
                Val {
                    fns: targets,
                    externals: derived,
                    ..Val::default()
                }
            }
            Resolved::External(paths) => {
                // Those a call would follow: roles, std methods (`Vec::as_slice`), conversions,
                // constructors that wrap their argument (`map(Box::new)`, `map(Some)`).
                let followed = |p: &String| {
                    self.program.policy_role(p).is_some()
                        || models::method_by_path(p, 1).is_some()
                        || models::is_identity_constructor(p)
                        || tail2(p).is_some_and(|(owner, name)| {
                            models::conversion(owner, name, 1).is_some()
                        })
                };
                let externals: Vec<String> = paths.into_iter().filter(followed).collect();
                Val {
                    externals: (!externals.is_empty()).then(|| Arc::new(externals)),
                    is_none: path.segments.last().is_some_and(|s| &**s == "None"),
                    ..Val::default()
                }
            }
            _ => Val::default(),
        }
    }

    fn resolve(&self, path: &ir::Path) -> Resolved {
        // `S::open()` / `S::default()` with `S: Storage` in scope: the bound trait's item.
        if let [first, name] = path.segments.as_slice() {
            for generics in &self.generics {
                if let Some((_, bounds)) = generics.params.iter().find(|(param, _)| param == first)
                {
                    let (mut traits, mut external) = (Vec::new(), Vec::new());
                    for bound in bounds {
                        match self.program.resolve_type_path(self.module, bound) {
                            Resolved::Def(Def::Trait(t)) => traits.push(t),
                            Resolved::External(paths) => external.extend(paths),
                            _ => {}
                        }
                    }
                    // The local trait that declares the item; else another crate's bound's
                    // item that the policy file names (`N::notify` of `N: push_sdk::Notifier`
                    // is that entry, as `n.notify()` is); else any local bound: the result is
                    // then at least of a type implementing it (`S::default()`).
                    let declaring = traits
                        .iter()
                        .find(|t| self.program.traits[t.index()].methods.contains_key(name));
                    let entries: Vec<String> = (external.iter())
                        .map(|t| (t, format!("{t}::{name}")))
                        .filter(|(t, item)| {
                            self.program.policy_role(item).is_some()
                                || !self.program.policy_roles_by_tail(t, name).is_empty()
                        })
                        .map(|(_, item)| item)
                        .collect();
                    if declaring.is_none() && !entries.is_empty() {
                        return Resolved::External(entries);
                    }
                    if let Some(t) = declaring.or(traits.first()) {
                        return Resolved::Assoc(TyKey::Trait(*t), name.clone());
                    }
                }
            }
        }
        if path.segments.first().is_some_and(|s| &**s == "Self") {
            if let Some(self_ty) = &self.self_ty {
                return match (path.segments.get(1), self_ty) {
                    // `Self::Phone { .. }` in an enum's impl names the variant.
                    (Some(name), TyKey::Adt(adt))
                        if path.segments.len() == 2
                            && self.program.adts[adt.index()].ir.variants.contains(name) =>
                    {
                        Resolved::Def(Def::Variant(*adt))
                    }
                    (Some(name), _) => Resolved::Assoc(self_ty.clone(), name.clone()),
                    (None, TyKey::Adt(adt)) => Resolved::Def(Def::Adt(*adt)),
                    (None, _) => Resolved::Unknown,
                };
            }
        }
        self.program.resolve_path(self.module, path)
    }

    /// What `ty`'s item `name` may run in a method call (`x.name()`).
    fn assoc_targets(&self, ty: &TyKey, name: &Name) -> Vec<FnId> {
        self.item_targets(ty, name, true)
    }

    /// What `ty`'s item `name` may run: by path (`Type::name(..)`, not `method_call`) an
    /// inherent item of the name is the one, as rustc resolves a path.
    fn item_targets(&self, ty: &TyKey, name: &Name, method_call: bool) -> Vec<FnId> {
        // A method call runs only a function that takes `self`: `it.sum()` of an iterator of
        // `Score`s is std's, not `Score`'s `Sum::sum(it)`.
        let callable = |f: &FnId| !method_call || self.program.fns[f.index()].ir.has_self;
        let mut targets = Vec::new();
        match ty {
            TyKey::Trait(t) => {
                for t in &self.program.traits[t.index()].with_supers {
                    if let Some(decl) = self.program.traits[t.index()].methods.get(name) {
                        targets.push(*decl);
                    }
                    if let Some(impls) = self.program.trait_impl_methods.get(&(*t, name.clone())) {
                        targets.extend(impls);
                    }
                }
                targets.retain(callable);
            }
            _ => {
                if let Some(methods) = self.program.methods_of.get(&(ty.clone(), name.clone())) {
                    // Rust's method lookup takes an inherent method before a trait's that
                    // takes `self` the same way. Which way the receiver comes (`&Stats` or
                    // `&mut Stats`) is not known here, so a trait's method that takes it
                    // otherwise (`&self` beside an inherent `&mut self`) may be the one.
                    let (inherent, traits): (Vec<FnId>, Vec<FnId>) = (methods.iter())
                        .filter(|f| callable(f))
                        .partition(|f| self.program.is_inherent(**f));
                    let taken: Vec<Option<&ir::Type>> =
                        inherent.iter().map(|f| self.program.receiver(*f)).collect();
                    let others: Vec<FnId> = (self.program.in_scope(self.module, &traits))
                        .into_iter()
                        .filter(|f| {
                            inherent.is_empty()
                                || (method_call && !taken.contains(&self.program.receiver(*f)))
                        })
                        .collect();
                    targets.extend(inherent);
                    targets.extend(others);
                }
            }
        }
        targets.sort();
        targets.dedup();
        targets
    }

    /// A call of a callable of unknown origin reaches what the escaped closures it may be
    /// reach; one read from a field is one of the closures stored there.
    fn apply_escaped(&mut self, callee: &Val, values: &[Val], span: Span) {
        self.unknown_calls = true;
        // The field it is read from, past tuple or map parts (`routes` of `self.routes[k]`).
        let mut fields: Vec<&Name> = callee
            .facts
            .keys()
            .filter_map(|o| match o {
                Origin::Param { path, .. } => path.iter().rev().find(|name| !is_part(name)),
                Origin::Label(_) => None,
            })
            .collect();
        fields.sort();
        fields.dedup();
        let matches = |e: &super::Escaped| {
            e.arity == values.len()
                && (fields.is_empty()
                    || e.fields.is_empty()
                    || e.fields.iter().any(|f| fields.contains(&f)))
        };
        let group = GroupOf::Closures {
            arity: values.len(),
            fields: fields.iter().map(|f| (*f).clone()).collect(),
        };
        let group = self.summaries.closures(group, matches);
        let passed: Arc<str> = "passed to `a closure`".into();
        self.apply_group(&group, values, span, &passed, 0);
    }

    fn eval_call(&mut self, callee: &'a Expr, args: &'a [Expr], span: Span) -> Val {
        let Expr::Path(path, _) = callee else {
            let called = self.called_param(callee);
            self.called_result(callee);
            let callee_expr = callee;
            let callee = self.eval(callee);
            let mut values: Vec<Val> = args.iter().map(|a| self.eval(a)).collect();
            // A closure's call is a call site crossed (SPEC §6): a step of the path.
            if !callee.closures.is_empty() {
                let body = self.program.fns[self.id.index()].ir.body.as_ref();
                let note: Arc<str> = match (callee_expr, body) {
                    (Expr::Local(local, _), Some(body)) => {
                        match body.locals.get(local.0 as usize) {
                            Some(name) => format!("passed to `{name}`").into(),
                            None => "passed to a closure".into(),
                        }
                    }
                    _ => "passed to a closure".into(),
                };
                for value in &mut values {
                    value.map_facts(&mut |fact| {
                        fact.trace = domain::push(&fact.trace, span, note.clone())
                    });
                }
            }
            let places: Vec<Option<&'a Expr>> = args.iter().map(Some).collect();
            let parts = self.param_parts(&callee, &[], false);
            self.note_param_calls(parts, &values, false);
            return match self.invoke_value(&callee, &values, &places, span) {
                Some(value) => value,
                // A callable of unknown origin returns what it holds and what it is given.
                // A parameter only called is the caller's callable, run there; any other
                // may be any closure that runs away from where it was written.
                // The caller's closure returns what it returns at this call: the caller joins
                // that into its argument, which is what this call returns.
                // Folded: a result kept as a tree would grow with every round of a recursion.
                None if called.is_some() => {
                    let mut result = Val {
                        facts: self.fold(&callee, span),
                        ..Val::default()
                    };
                    // Without callers here (an entry point), the callable is another
                    // crate's: it may return what it is given.
                    if !self.summaries.summarized {
                        for value in &values {
                            domain::join_facts(&mut result.facts, &self.fold(value, span));
                        }
                    }
                    // What the caller's closure writes through what it is lent is joined
                    // into what it returns (see `run_closure_args`).
                    self.write_lent(&places, &result);
                    result
                }
                None => {
                    self.apply_escaped(&callee, &values, span);
                    self.unknown_call(Some(&callee), &values, span)
                }
            };
        };
        let qself: Vec<TyKey> = path
            .qself
            .as_ref()
            .map(|ty| self.program.type_keys(&self.scope(), ty))
            .unwrap_or_default();
        let resolved = self.resolve_qualified(path, &qself);
        // An argument `x.into()` converts into the parameter's declared type.
        let params = match &resolved {
            Resolved::Def(Def::Fn(f)) => Some(&self.program.fns[f.index()].signature.params),
            _ => None,
        };
        // This call's own target (`let w: Wire = From::from(c)`) outlives its arguments'.
        let own_target = (self.conversion_target.take()).filter(|(at, _)| *at == span);
        let mut values: Vec<Val> = Vec::with_capacity(args.len());
        for (index, arg) in args.iter().enumerate() {
            let declared = params.and_then(|p| p.get(index));
            if let (Some(keys), Some(at)) = (declared, conversion_call(arg)) {
                self.conversion_target = Some((at, keys.clone()));
            }
            values.push(self.eval(arg));
            self.conversion_target = None;
        }
        self.conversion_target = own_target;
        let places: Vec<Option<&'a Expr>> = args.iter().map(Some).collect();
        match resolved {
            Resolved::Def(Def::Fn(f)) => {
                let mut value = match self.program.alternatives.get(&f) {
                    Some(group) => {
                        let mut joined = None;
                        for f in group {
                            let result =
                                self.call_fn(*f, None, values.clone(), places.clone(), span);
                            join_into(&mut joined, result);
                        }
                        joined.unwrap_or_default()
                    }
                    None => self.call_fn(f, None, values, places, span),
                };
                // `load::<User>()`: a generic function's result has the type written for it.
                if self.program.fns[f.index()].signature.ret.is_empty() {
                    for ty in &path.generics {
                        for key in self.program.type_keys(&self.scope(), ty) {
                            if !value.tys.contains(&key) {
                                value.tys.push(key);
                            }
                        }
                    }
                }
                value
            }
            Resolved::Def(def @ (Def::Adt(adt) | Def::Variant(adt))) => {
                let mut value = Val {
                    exact: true,
                    ..Val::with_tys(vec![TyKey::Adt(adt)])
                };
                if matches!(def, Def::Variant(_)) {
                    value.variant = path.segments.last().cloned();
                }
                for (index, arg) in values.into_iter().enumerate() {
                    let name = self.part_name(Some(path), Name::from(index.to_string()));
                    value.fields.insert(name, arg);
                }
                value
            }
            Resolved::Assoc(ty, name) => {
                let mut targets = self.item_targets(&ty, &name, false);
                // `Trait::method(&recv, ..)`: the receiver's known type picks the impl, and
                // `<Type as Trait>::method(..)` the written type.
                let known_tys = match values.first() {
                    _ if !qself.is_empty() => Some(&qself),
                    Some(recv) => Some(&recv.tys),
                    None => None,
                };
                if let (TyKey::Trait(_), Some(known_tys)) = (&ty, known_tys) {
                    // The type's impl of the trait, even where an inherent method of the
                    // name would win a method call, a pointer's (`Store::save(&arc, ..)`), and
                    // a default method run as the impl's own.
                    let known: Vec<FnId> = known_tys
                        .iter()
                        .filter(|t| match t {
                            TyKey::Adt(_) => true,
                            TyKey::External(p) => self.program.pointers.contains(p),
                            TyKey::Trait(_) => false,
                        })
                        .filter_map(|t| self.program.methods_of.get(&(t.clone(), name.clone())))
                        .flatten()
                        .filter(|f| targets.contains(&self.program.written(**f)))
                        .copied()
                        .collect();
                    if !known.is_empty() {
                        targets = known;
                    }
                }
                // `User::clone(u)` of a derived `Clone` is the method call `u.clone()`.
                if let (true, TyKey::Adt(_), Some(Some(receiver)), Some((recv, rest))) = (
                    targets.is_empty(),
                    &ty,
                    places.first(),
                    values.split_first(),
                ) {
                    if let Some(model) = models::method(&name, rest.len()) {
                        let value = self.apply_method(
                            &name,
                            model,
                            receiver,
                            &places[1..],
                            recv,
                            rest,
                            span,
                        );
                        return self.answer(&name, recv.cond, value);
                    }
                }
                if targets.is_empty() {
                    let mut value = self.unknown_call(None, &values, span);
                    if !value.tys.contains(&ty) {
                        value.tys.push(ty);
                    }
                    return value;
                }
                // Joined into nothing first, so that a consent check's outcome is kept.
                let mut result = None;
                for f in targets {
                    let value = self.call_fn(f, None, values.clone(), places.clone(), span);
                    join_into(&mut result, value);
                }
                result.unwrap_or_default()
            }
            Resolved::Def(Def::Global(f)) => {
                let callee = self.call_fn(f, None, Vec::new(), Vec::new(), span);
                self.invoke_value(&callee, &values, &places, span)
                    .unwrap_or_else(|| self.unknown_call(None, &values, span))
            }
            Resolved::External(paths) => {
                // `std::io::Write::write(w, ..)` on a local type implementing that trait: its
                // impl's method (or the ones a provided method calls).
                if let Some(value) = self.call_local_impl(&paths, &qself, &values, &places, span) {
                    return value;
                }
                if let Some(pair) = self.constructed(&paths, &values, &path.generics) {
                    return pair;
                }
                let mut value = self.call_external(&paths, &values, &places, span);
                // `identity::Identity::new()`, `Identity::load(id)`: an associated function of
                // a type `[[labels]]` labels may make a value of it (its result type is not
                // known here; taking it for one misses no flow of the label).
                let made = (paths.iter())
                    .filter_map(|p| p.rsplit_once("::"))
                    .find(|(ty, _)| self.program.external_labels.contains_key(*ty));
                if let Some((ty, _)) = made {
                    value.tys.push(TyKey::External(Name::from(ty)));
                }
                // `<User as Default>::default()`: a value of the written type, as
                // `User::default()` is.
                for key in qself.iter().filter(|k| !matches!(k, TyKey::Trait(_))) {
                    if !value.tys.contains(key) {
                        value.tys.push(key.clone());
                    }
                }
                // `serde_json::from_str::<Shop>(body)`: of the type its turbofish names.
                for ty in &path.generics {
                    self.declare(&mut value, ty);
                }
                value.tys.sort();
                value
            }
            Resolved::Def(Def::Mod(_) | Def::Trait(_) | Def::Alias(_)) | Resolved::Unknown => {
                self.unknown_call(None, &values, span)
            }
        }
    }

    /// A path, where `<Type as Trait>::item` names another crate's trait: the local type's
    /// impl's item where it implements the trait, else its own item of that name when it has
    /// one, else the trait's item.
    fn resolve_qualified(&self, path: &ir::Path, qself: &[TyKey]) -> Resolved {
        let resolved = self.resolve(path);
        let (Resolved::External(_) | Resolved::Unknown, Some(name)) =
            (&resolved, path.segments.last())
        else {
            return resolved;
        };
        // `P::collect()` for a generic `P: Probe`: any impl of the trait (SPEC §6).
        if let [param, _] = path.segments.as_slice() {
            let ty = ir::Type::Path(ir::Path {
                global: false,
                segments: vec![param.clone()],
                generics: Vec::new(),
                qself: None,
            });
            let bound = (self.program.type_keys(&self.scope(), &ty).into_iter()).find(|key| {
                matches!(key, TyKey::Trait(t)
                    if self.program.traits[t.index()].methods.contains_key(name))
            });
            if let Some(key) = bound {
                return Resolved::Assoc(key, name.clone());
            }
        }
        // `<Device as Notifier>::notify` of a local impl of the trait is that impl's method,
        // whatever inherent method of the name the type has (see `call_local_impl`).
        if let Resolved::External(paths) = &resolved {
            let implemented = (paths.iter().filter_map(|p| p.rsplit_once("::"))).any(|(t, _)| {
                qself
                    .iter()
                    .any(|ty| self.program.implements_external(ty, t))
            });
            if implemented {
                return resolved;
            }
        }
        qself
            .iter()
            .find(|ty| {
                matches!(ty, TyKey::Adt(_))
                    && self
                        .program
                        .methods_of
                        .contains_key(&((*ty).clone(), name.clone()))
            })
            .map_or(resolved, |ty| Resolved::Assoc(ty.clone(), name.clone()))
    }

    /// A value of local types converted into another local type by an impl the analysis
    /// does not see (a derive's: thiserror's `#[from]`): a value of the target type holding
    /// what the value held, in any of its fields.
    fn converted_unseen(&self, value: &Val, into: &[TyKey], span: Span) -> Option<Val> {
        let local = |t: &TyKey| matches!(t, TyKey::Adt(_));
        let differs = !value.tys.is_empty()
            && value.tys.iter().all(local)
            && into.iter().any(local)
            && !value.tys.iter().any(|t| into.contains(t));
        differs.then(|| Val {
            facts: self.fold(value, span),
            tys: into.to_vec(),
            ..Val::default()
        })
    }

    /// The types of function `f`'s declared `Result<T, E>`'s two sides.
    fn result_sides(&self, f: FnId) -> Option<(Vec<TyKey>, Vec<TyKey>)> {
        let (module, self_ty, generics) = self.program.fn_scope_parts(f);
        let scope = Scope {
            module,
            self_ty: self_ty.as_ref(),
            generics: &generics,
        };
        self.sides_of(&scope, &self.program.fns[f.index()].ir.ret)
    }

    /// The types of a written `Result<T, E>`'s two sides.
    fn sides_of(&self, scope: &Scope, ty: &ir::Type) -> Option<(Vec<TyKey>, Vec<TyKey>)> {
        let ir::Type::Path(path) = ty else {
            return None;
        };
        let [ok, error] = path.generics.as_slice() else {
            return None;
        };
        (path.segments.last()?.as_ref() == "Result").then(|| {
            (
                self.program.type_keys(scope, ok),
                self.program.type_keys(scope, error),
            )
        })
    }

    /// Gives a value function `f` returns the types `f` declares (a sanitizer's result
    /// excepted): a `Result` its body made with `Ok(..)`/`Err(..)` each side its own.
    fn declare_result(&self, value: &mut Val, f: FnId) {
        if value.sanitized {
            return;
        }
        let add = |value: &mut Val, declared: &[TyKey]| {
            add_declared_tys(self.program, &mut value.tys, declared);
            value.tys.sort();
        };
        match self.result_sides(f) {
            Some((ok, error)) if value.split => {
                if let Some(made) = value.fields.make_mut().get_mut(domain::ERR) {
                    add(made, &error);
                }
                add(value, &ok);
            }
            // A tuple (`-> (u64, Phone)`) keeps its parts' types apart, as a parameter does.
            _ => {
                let signature = &self.program.fns[f.index()].signature;
                match &signature.ret_parts {
                    Some(parts) => {
                        for (path, tys) in parts {
                            add(part_mut(value, path), tys);
                        }
                    }
                    None => add(value, &signature.ret),
                }
            }
        }
    }

    /// Closures handed to a thread or task spawner (`thread::spawn`, a scope's or a
    /// `Builder`'s `spawn`) run while this function goes on: see `spawned`.
    fn note_spawned(&mut self, values: &[Val], args: &[Option<&'a Expr>], scoped: bool) {
        let guards = self.state.guards;
        for arg in args.iter().flatten().map(|arg| through_transparent(arg)) {
            if matches!(
                arg,
                Expr::Async(_) | Expr::Call { .. } | Expr::MethodCall(_)
            ) && self.mentions_shared(arg)
            {
                self.tasks.push((arg, guards));
            }
        }
        // A detached thread or task owns what it was given ('static): only what shares
        // state with this function can see its later writes. A scope's borrows its locals.
        let ids: Vec<u32> = (values.iter())
            .flat_map(|v| v.closures.iter().copied())
            .filter(|id| {
                scoped
                    || (self.closures.get(*id as usize))
                        .is_some_and(|closure| self.mentions_shared(closure))
            })
            .collect();
        let ids = ids.into_iter();
        let depth = self.returns.len();
        match scoped && depth > 1 {
            true => self.scoped.extend(ids.map(|id| (id, guards, depth))),
            false => self.spawned.extend(ids.map(|id| (id, guards))),
        }
    }

    /// Whether `expr` names a local that is shared with what runs later (an `Rc`/`Arc` cell,
    /// a borrow, a channel's end): a future given only owned values has them as they were
    /// when it was spawned.
    fn mentions_shared(&self, expr: &Expr) -> bool {
        let mut shared = false;
        expr.walk(&mut |e| {
            if let Expr::Local(local, _) = e {
                shared |= self.cell_of.contains_key(local)
                    || self.aliases.contains_key(local)
                    || self.senders.contains_key(local)
                    || self.channel_end(e).is_some();
            }
        });
        shared
    }

    /// A call of an item outside the checked code, by path or as a value: a conversion runs
    /// the local `From` impls (`From::from(x)`, `map(Into::into)`), else `external_call`.
    fn call_external(
        &mut self,
        paths: &[String],
        values: &[Val],
        places: &[Option<&'a Expr>],
        span: Span,
    ) -> Val {
        if (paths.iter()).any(|p| p.rsplit("::").next().is_some_and(is_spawn)) {
            self.note_spawned(values, places, false);
        }
        let conversion = (paths.iter())
            .filter_map(|p| tail2(p))
            .find_map(|(owner, name)| models::conversion(owner, name, values.len()));
        if let Some(fallible) = conversion {
            let target = (self.conversion_target.iter().chain(&self.returned_target))
                .find(|(at, _)| *at == span)
                .map(|(_, keys)| keys.clone());
            if let Some((mut value, covered)) = self.convert(
                fallible,
                &values[0],
                places.first().copied().flatten(),
                target.as_deref(),
                span,
            ) {
                if !covered {
                    value.join(&self.external_call(paths, values, places, span));
                }
                return value;
            }
        }
        self.external_call(paths, values, places, span)
    }

    /// A call of an item outside the checked code: its policy roles, a constructor model,
    /// or the conservative rule.
    fn external_call(
        &mut self,
        paths: &[String],
        values: &[Val],
        places: &[Option<&'a Expr>],
        span: Span,
    ) -> Val {
        // `std::process::exit` and `abort` never return.
        if paths
            .iter()
            .any(|p| p.ends_with("process::exit") || p.ends_with("process::abort"))
        {
            for value in values {
                let _ = self.fold(value, span);
            }
            self.reachable = false;
            return Val::default();
        }
        // `drop(x)` runs `x`'s `Drop` impl.
        if let ([value], true) = (
            values,
            (paths.iter()).any(|p| p == "drop" || p.ends_with("mem::drop")),
        ) {
            self.drop_value(value, span);
            return Val::default();
        }
        // Size is not content: `mem::size_of_val(&p)` is the type's size (a `str`'s length),
        // and a value's alignment or enum discriminant says no more.
        if (paths.iter()).any(|p| {
            matches!(
                tail2(p),
                Some(("mem", "size_of_val" | "align_of_val" | "discriminant"))
            )
        }) {
            return Val::default();
        }
        // `mem::swap(a, b)` writes each into the other; `mem::replace(a, b)` writes `b` into
        // `a` and `mem::take(a)` empties it, both returning what `a` held. `io::copy(r, w)`
        // writes what `r` reads into `w`, and `fmt::write(w, args)` the arguments into `w`.
        let mem = (paths.iter()).find_map(|p| match tail2(p) {
            Some(("mem", item @ ("swap" | "replace" | "take"))) => Some(item),
            Some(("io", "copy")) => Some("copy"),
            Some(("fmt", "write")) => Some("write"),
            _ => None,
        });
        match (mem, places, values) {
            (Some("copy"), [_, Some(w)], [r, _]) => {
                let read = self.folded(r, span);
                self.write(w, read, false);
                self.write_through(values, places, span);
                return Val::default();
            }
            (Some("write"), [Some(w), _], [_, args]) => {
                let written = self.folded(args, span);
                self.write(w, written, false);
                self.write_through(values, places, span);
                return Val::default();
            }
            // Two places holding borrows (`&mut a`, `&mut w.out`) exchange them: each may
            // now borrow what either did.
            (Some("swap"), [Some(a), Some(b)], [x, y]) => {
                self.overwrite(a, y.clone(), lent_place(b));
                self.overwrite(b, x.clone(), lent_place(a));
                return Val::default();
            }
            (Some("replace"), [Some(a), with], [x, y]) => {
                self.overwrite(a, y.clone(), *with);
                return x.clone();
            }
            (Some("take"), [Some(a)], [x]) => {
                self.overwrite(a, x.emptied(), None);
                return x.clone();
            }
            _ => {}
        }
        let mut roles = Vec::new();
        for path in paths {
            if let Some(role) = self.program.policy_role(path) {
                roles.push((path.clone(), role.clone()));
            } else if let Some((written, method)) = path.rsplit_once("::") {
                let mut found = self.program.policy_roles_by_tail(written, method);
                if found.is_empty() {
                    found = self.program.policy_roles_reexported(path);
                }
                for (p, role) in found {
                    roles.push((p.to_string(), role));
                }
            }
        }
        if roles.is_empty() {
            let path = paths.first().map_or("", |p| p.as_str());
            let owner = path.rsplit("::").nth(1).unwrap_or("");
            let empty = models::is_empty_constructor(path) && values.is_empty();
            if models::is_new_collection(path) {
                return Val {
                    is_none: true,
                    ..Val::with_tys(vec![TyKey::External(Name::from(owner))])
                };
            }
            if models::is_identity_constructor(path) {
                let mut value = None;
                for v in values {
                    join_into(&mut value, v.clone());
                }
                let mut value = value.unwrap_or_default();
                // An `Rc`/`Arc` may be filled through clones this analysis does not follow:
                // one made around an empty value is not known to stay empty. A cell of one
                // owner (`RefCell::new(Vec::new())`, `Mutex::new(None)`) is filled only
                // through it, which is followed: it holds nothing, as what it wraps.
                let cell = models::is_shared_cell(path);
                let one_owner = cell && !models::is_shared_owner(owner);
                if cell && !one_owner && value.is_none {
                    value.ty_consent = 0;
                }
                // `Err(())`, `Err("refused")`: an error that carries nothing is, like `None`,
                // no data returned (a helper returning data only after a check).
                let variant = path.rsplit("::").next();
                let nothing =
                    value.facts.is_empty() && value.fields.is_empty() && !value.has_labelled_type();
                // `Some(check(u))` of a `bool` answer is an `Option<bool>` one (`Some(true)` is
                // its positive outcome); of any other answer, or in `Err`, it is none (its
                // `Some` says nothing of the check).
                if matches!(variant, Some("Some" | "Ok" | "Err")) {
                    value.cond = match value.cond {
                        Some(c) if c.shape == Shape::Bool && variant != Some("Err") => Some(Cond {
                            shape: Shape::Wrapped { inner_bool: true },
                            ..c
                        }),
                        _ => None,
                    };
                }
                // `Ok` and `Err` make a `split` value; any other wrapper (`Some(r)`,
                // `Mutex::new(r)`) holds a `Result` whose `unwrap` is not its own.
                let mut value = match variant {
                    Some("Ok") => value.into_ok(),
                    Some("Err") => Val::err(value),
                    _ => Val {
                        split: false,
                        ..value
                    },
                };
                value.is_none &= one_owner;
                value.is_none |= variant == Some("Err") && nothing;
                // `Arc::new(store)` is of the pointer's type too, where some impl is for it.
                if let Some(pointer) = self.program.pointer_key(owner, &value.tys) {
                    if !value.tys.contains(&pointer) {
                        value.tys.push(pointer);
                        value.tys.sort();
                    }
                }
                return value;
            }
            if let (Some(model), Some(Some(receiver)), Some((recv, rest))) = (
                models::method_by_path(path, values.len()),
                places.first(),
                values.split_first(),
            ) {
                let method = path.rsplit("::").next().unwrap_or(path);
                let value =
                    self.apply_method(method, model, receiver, &places[1..], recv, rest, span);
                return self.answer(method, recv.cond, value);
            }
            // `T::default()` for a generic `T` says nothing of the type.
            let generic =
                (self.generics.iter()).any(|g| g.params.iter().any(|(p, _)| &**p == owner));
            // Of the type as the path names it (`reqwest::Client`, not any `Client`).
            let ty = path.rsplit_once("::").map_or(owner, |(ty, _)| ty);
            let made = (!generic).then(|| TyKey::External(Name::from(ty)));
            if empty {
                return made.map_or_else(Val::default, |ty| Val::with_tys(vec![ty]));
            }
            let mut value = self.unknown_call(None, values, span);
            // `metrics::Builder::new("signup")` makes a `Builder` of what it is given: its
            // methods are that type's (a written type resolves the call, SPEC §6).
            if let Some(ty) = made.filter(|_| models::makes_owner(path)) {
                if let Err(at) = value.tys.binary_search(&ty) {
                    value.tys.insert(at, ty);
                }
            }
            self.write_lent(places, &value);
            self.write_through(values, places, span);
            return value;
        }
        // The first role's result as it is (a join with an empty value would drop a consent
        // check's outcome).
        let mut result = None;
        for (path, role) in roles {
            // `Metrics::flush(&m)` of an entry whose `args` name `self`: the item is a method,
            // and its first argument the receiver (SPEC §6).
            let named_self = (role.sinks.iter().filter_map(|(_, args)| args.as_ref()))
                .chain(role.sources.iter().filter_map(|(_, args)| args.as_ref()))
                .any(|args| args.iter().any(|a| &**a == "self"));
            let value = match values.split_first() {
                Some((recv, rest)) if named_self => {
                    self.apply_roles(&role, &path, Some(recv), rest, places, span, None)
                }
                _ => self.apply_roles(&role, &path, None, values, places, span, None),
            };
            join_into(&mut result, value);
        }
        result.unwrap_or_default()
    }

    /// A call by path of another crate's trait method whose receiver is a local type that
    /// implements the trait (`Notifier::notify(d, ..)`, or `<Device as Notifier>::notify`
    /// of the written type `qself`): the impl's method, with the policy file's entry for
    /// the path.
    fn call_local_impl(
        &mut self,
        paths: &[String],
        qself: &[TyKey],
        values: &[Val],
        places: &[Option<&'a Expr>],
        span: Span,
    ) -> Option<Val> {
        let recv = values.first();
        let tys = match recv {
            _ if !qself.is_empty() => qself,
            Some(recv) => &recv.tys,
            None => return None,
        };
        let (mut targets, mut policy) = (Vec::new(), Vec::new());
        for path in paths {
            let Some((trait_path, method)) = path.rsplit_once("::") else {
                continue;
            };
            let method = Name::from(method);
            for ty in tys.iter().filter(|t| matches!(t, TyKey::Adt(_))) {
                if self.program.implements_external(ty, trait_path) {
                    let own = self.program.external_impl_methods(ty, trait_path, &method);
                    if let (true, Some(recv)) = (own.is_empty(), recv) {
                        self.provided(recv, &method, &mut targets, &mut policy);
                    }
                    targets.extend(own);
                }
            }
        }
        if targets.is_empty() && policy.is_empty() {
            return None;
        }
        targets.sort();
        targets.dedup();
        let mut result = None;
        for f in targets {
            let value = self.call_fn(f, None, values.to_vec(), places.to_vec(), span);
            join_into(&mut result, value);
        }
        // Entries of provided methods come only with a receiver (see `provided`).
        if let Some((recv, rest)) = values.split_first() {
            for (path, roles) in &policy {
                let value =
                    self.apply_roles(roles, path, Some(recv), rest, &places[1..], span, None);
                join_into(&mut result, value);
            }
        }
        result
    }

    /// The local methods and policy items a method call on `recv` may be, by its types.
    /// Of the methods of blocks for one instantiation each (`impl Batch<User>`, `impl
    /// Batch<Order>`), those whose written type arguments the receiver's types include,
    /// where any does: a `Batch<Order>` runs `impl Batch<Order>`'s.
    fn instantiated(&self, targets: &mut Vec<FnId>, tys: &[TyKey]) {
        if targets.len() < 2 {
            return;
        }
        let written = |f: &FnId| -> Option<Vec<TyKey>> {
            let crate::program::Owner::Impl(imp) = self.program.fns[f.index()].owner else {
                return None;
            };
            let info = &self.program.impls[imp.index()];
            let ir::Type::Path(path) = &info.ir.self_ty else {
                return None;
            };
            let scope = Scope {
                module: info.module,
                self_ty: None,
                generics: &[&info.ir.generics],
            };
            let keys: Vec<TyKey> = (path.generics.iter())
                .flat_map(|arg| self.program.type_keys(&scope, arg))
                .collect();
            (!keys.is_empty()).then_some(keys)
        };
        // Per target: `None` for a block of no written arguments, else whether they match.
        let matches: Vec<Option<bool>> = (targets.iter())
            .map(|f| written(f).map(|keys| keys.iter().all(|k| tys.contains(k))))
            .collect();
        if matches.contains(&Some(true)) {
            let mut kept = matches.iter();
            targets.retain(|_| kept.next().is_some_and(|m| *m != Some(false)));
        }
    }

    /// Of the impls of one generic trait a method call may reach (`impl Transport<User> for
    /// Graph`, `impl Transport<Ping> for Graph`), those whose declared parameter types agree
    /// with the arguments' known local types, where any does: `g.ship(&Ping { .. })` runs
    /// the `Ping` impl, and takes nothing of `User` from the other's declared parameter.
    fn by_argument_types(&self, targets: &mut Vec<FnId>, values: &[Val]) {
        if targets.len() < 2 {
            return;
        }
        let local =
            |tys: &[TyKey]| !tys.is_empty() && tys.iter().all(|t| matches!(t, TyKey::Adt(_)));
        let fits = |f: &FnId| {
            let declared = &self.program.fns[f.index()].signature.params;
            let params = declared.get(1..).unwrap_or_default();
            (params.iter().zip(values)).all(|(keys, value)| {
                !(local(keys) && local(&value.tys)) || keys.iter().any(|k| value.tys.contains(k))
            })
        };
        let fitting: Vec<bool> = targets.iter().map(fits).collect();
        if fitting.contains(&true) && fitting.contains(&false) {
            let mut kept = fitting.iter();
            targets.retain(|_| kept.next().is_some_and(|fits| *fits));
        }
    }

    fn method_targets(
        &self,
        recv: &Val,
        method: &Name,
    ) -> (Vec<FnId>, Vec<(String, crate::program::Roles)>) {
        let mut targets: Vec<FnId> = Vec::new();
        let mut policy: Vec<(String, crate::program::Roles)> = Vec::new();
        for ty in &recv.tys {
            match ty {
                TyKey::Adt(_) => {
                    let mut found = self.assoc_targets(ty, method);
                    self.instantiated(&mut found, &recv.tys);
                    targets.extend(found);
                }
                TyKey::Trait(_) => targets.extend(self.assoc_targets(ty, method)),
                TyKey::External(path) => {
                    // A local trait implemented for another crate's type (an extension trait),
                    // but not where std has a method of the name the models know (`as_str`,
                    // `trim` of `String`): rustc takes an inherent method first. A pointer
                    // has none: its own are associated (`Arc::strong_count(&a)`).
                    let std_method = is_std_type(path)
                        && !self.program.pointers.contains(path)
                        && (0..=2).any(|args| models::method(method, args).is_some());
                    if !std_method {
                        targets.extend(self.assoc_targets(ty, method));
                    }
                    let full = format!("{path}::{method}");
                    if let Some(role) = self.program.policy_role(&full) {
                        policy.push((full, role.clone()));
                    } else {
                        for (p, role) in self.program.policy_roles_by_tail(path, method) {
                            policy.push((p.to_string(), role));
                        }
                    }
                }
            }
        }
        if targets.is_empty() {
            self.provided(recv, method, &mut targets, &mut policy);
        }
        let external =
            !recv.tys.is_empty() && (recv.tys.iter()).all(|t| matches!(t, TyKey::External(_)));
        if targets.is_empty() && policy.is_empty() && external {
            self.imported_trait_roles(recv, method, &mut policy);
        }
        (targets, policy)
    }

    /// The entries of another crate's trait methods (`reporting::Reporter::report`) whose
    /// trait is imported where `method` is called on another crate's type that has no entry
    /// of its own (`c.report(..)` of an `HttpReporter`): Rust calls a trait's method only
    /// where the trait is in scope.
    fn imported_trait_roles(
        &self,
        recv: &Val,
        method: &Name,
        policy: &mut Vec<(String, crate::program::Roles)>,
    ) {
        let entries = self.program.policy_roles_by_last(method);
        if entries.is_empty() {
            return;
        }
        let last = |path: &str| path.rsplit("::").next().map(str::to_owned);
        // An imported type of the receiver's name (crossbeam's `Sender` beside std's) is
        // another type, not a trait.
        let named: Vec<Option<String>> = (recv.tys.iter())
            .map(|t| match t {
                TyKey::External(path) => last(path),
                _ => None,
            })
            .collect();
        // Named imports here, and those a glob of a local module brings (`use super::*`).
        let reach = self.program.glob_reach(self.module);
        let mut found: Vec<String> = (reach.iter())
            .flat_map(|m| self.program.modules[m.index()].external_imports.values())
            .filter(|path| !named.contains(&last(path)) && may_be_trait(path))
            .map(|path| format!("{path}::{method}"))
            .filter(|full| self.program.policy_role(full).is_some())
            .collect();
        // A trait a glob brings (`use metrics::*` for `metrics::Recorder::record`).
        let globs = self.program.external_globs(self.module);
        for (entry, _) in entries {
            let Some((owner, _)) = entry.rsplit_once("::") else {
                continue;
            };
            let globbed = (owner.rsplit_once("::"))
                .is_some_and(|(parent, _)| globs.iter().any(|g| *g == parent));
            if globbed && !named.contains(&last(owner)) {
                found.push(entry.to_string());
            }
        }
        // Any type may implement std's traits (`ssh2::Channel` is an `io::Write`, so is a
        // `Vec<u8>`). Another crate's trait is taken to be implemented by types of that crate
        // or of one named after it (`metrics_exporter` for `metrics`), not by std's (a
        // channel's `String` element) nor by other crates' (`lettre`'s transport is no
        // `graph_sdk::Transport`); a bare name's crate is not known.
        let crates: Vec<&str> = (recv.tys.iter())
            .filter_map(|t| match t {
                TyKey::External(path) => path.split_once("::").map(|(krate, _)| krate),
                _ => None,
            })
            .collect();
        let bare = (recv.tys.iter())
            .any(|t| matches!(t, TyKey::External(p) if !p.contains("::") && !is_std_type(p)));
        found.retain(|full| {
            let krate = full.split("::").next().unwrap_or(full);
            matches!(krate, "std" | "core" | "alloc")
                || bare
                || (crates.iter())
                    .any(|c| !matches!(*c, "std" | "core" | "alloc") && c.starts_with(krate))
        });
        found.sort();
        found.dedup();
        for full in found {
            if let Some(role) = self.program.policy_role(&full) {
                policy.push((full, role.clone()));
            }
        }
    }

    /// What a receiver whose local type lacks `method` derefs to, through its `Deref` impl.
    fn deref_receiver(
        &mut self,
        recv: &Val,
        method: &Name,
        place: &'a Expr,
        span: Span,
    ) -> Option<Val> {
        let program = self.program;
        let lacks = |ty: &TyKey| {
            !program
                .methods_of
                .contains_key(&(ty.clone(), method.clone()))
        };
        let has = |this: &Self, target: &Val| {
            let (targets, policy) = this.method_targets(target, method);
            !targets.is_empty() || !policy.is_empty()
        };
        let target = self.deref(recv, lacks, has, Some(place), span).pop()?;
        has(self, &target).then_some(target)
    }

    /// A provided method of another crate's trait that a local type implements
    /// (`w.write_all(..)` for `impl io::Write for Uploader`): the policy file's entry for it,
    /// and the impl's required methods it calls (`write`).
    fn provided(
        &self,
        recv: &Val,
        method: &str,
        targets: &mut Vec<FnId>,
        policy: &mut Vec<(String, crate::program::Roles)>,
    ) {
        for ty in recv.tys.iter().filter(|t| matches!(t, TyKey::Adt(_))) {
            for t in self
                .program
                .external_traits_of
                .get(ty)
                .into_iter()
                .flatten()
            {
                let full = format!("{t}::{method}");
                if let Some(role) = self.program.policy_role(&full) {
                    policy.push((full, role.clone()));
                }
                for required in models::required_by(t, method) {
                    targets.extend(self.assoc_targets(ty, &Name::from(*required)));
                }
            }
        }
    }

    fn eval_method(
        &mut self,
        receiver: &'a Expr,
        method: &Name,
        args: &'a [Expr],
        span: Span,
    ) -> Val {
        let mut recv = self.eval(receiver);
        let values: Vec<Val> = args.iter().map(|a| self.eval(a)).collect();
        if !self.reachable {
            return Val::default();
        }
        self.sent(receiver, &recv, method, &values, span);
        self.received(receiver, &mut recv, span);
        if let Some(value) = self.subscribed(receiver, &recv, method) {
            return value;
        }
        let (mut targets, mut policy) = self.method_targets(&recv, method);
        self.by_argument_types(&mut targets, &values);
        // A method the type lacks is its `Deref` target's (`traced.send(..)` of a wrapper
        // that derefs to the uplink), before any method of that name of other types.
        if targets.is_empty() && policy.is_empty() {
            if let Some(target) = self.deref_receiver(&recv, method, receiver, span) {
                (targets, policy) = self.method_targets(&target, method);
                recv = target;
            }
        }
        // A known type with no such method reaches it through `Deref`, a derive, an extension
        // trait or a blanket impl: fall back to every local impl of that name, as for an
        // unknown receiver. Another crate's written type resolves the call (SPEC §6): its
        // method is no `sharelock.toml` item of another type that shares its name.
        // A scope's handle (`s.spawn(..)`, a local) joins its threads where the scope's
        // closure ends; a `Builder`'s spawn is a detached thread.
        if targets.is_empty() && is_spawn(method) {
            let scoped = matches!(receiver, Expr::Local(..));
            let args: Vec<Option<&'a Expr>> = args.iter().map(Some).collect();
            self.note_spawned(&values, &args, scoped);
        }
        let mut model = models::method(method, values.len());
        if models::writes_into_lent(method) && args.iter().any(|a| matches!(a, Expr::Lend(_))) {
            model = Some(Model::Fold);
        }
        // A slice split by a predicate (`us.split(|u| u.age == 0)`) yields runs of its
        // elements, fields kept; a string's pieces are its text either way.
        if models::splits(method) && matches!(args.last(), Some(Expr::Closure { .. })) {
            model = Some(Model::Same);
        }
        // `v.swap(i, j)` of a slice reorders it; an atomic's `swap(v, Ordering::SeqCst)` writes.
        let ordered = |arg: &Expr| {
            matches!(arg, Expr::Path(path, _) if path.segments.last().is_some_and(|s| {
                matches!(&**s, "SeqCst" | "Relaxed" | "Acquire" | "Release" | "AcqRel")
            }))
        };
        if let ("swap", [_, order]) = (&**method, args) {
            if !ordered(order) {
                model = Some(Model::Clean);
            }
        }
        // A method of another crate's type (`client.get(url)` of `reqwest::Client`) is not the
        // std method of its name: what it returns is of no type known here (a request built
        // from the URL), so it carries what it is given as well as its receiver.
        let foreign = !recv.tys.is_empty()
            && (recv.tys.iter()).all(|t| matches!(t, TyKey::External(p) if is_foreign(p)));
        if foreign && model == Some(Model::Same) && !values.is_empty() {
            model = Some(Model::SameAndArgs);
        }
        let unresolved =
            targets.is_empty() && policy.is_empty() && model.is_none() && !recv.tys.is_empty();
        let written_external = (recv.tys.iter()).all(|t| matches!(t, TyKey::External(_)));
        let channel = self.channel_end(receiver);
        let unknown_receiver = (recv.tys.is_empty() || unresolved) && channel.is_none();
        // A channel's methods are its crate's: the policy file's items of that crate.
        if let Some(krate) = channel {
            for (p, role) in self.program.policy_roles_by_last(method) {
                if krate.is_none_or(|k| p.split("::").next() == Some(&**k)) {
                    policy.push((p.to_string(), role.clone()));
                }
            }
        }
        let mut targets: Cow<[FnId]> = Cow::Owned(targets);
        // A std iterator's adapter chain (`users.iter().map(|u| (u.id, u))`) is of no local
        // type, whatever its items are: its std method (`collect`) is no local method of the
        // name (a local `Iterator`'s items are read by `local_items`).
        let std_iterator = iterates(receiver) && model.is_some();
        if let Some(all) = (self.program.receiver_methods.get(method))
            .filter(|_| unknown_receiver && !std_iterator)
        {
            // Another crate's type lacking the method (`seen.contains(..)` of a `HashSet`,
            // `http.post(..)` of a `reqwest::Client`) has no local type's inherent method:
            // only a local trait implemented for it may be called.
            let external_receiver = !recv.tys.is_empty() && written_external;
            targets = match targets {
                Cow::Owned(mut some) if external_receiver => {
                    some.extend(all.iter().filter(|f| self.program.may_extend_external(**f)));
                    Cow::Owned(some)
                }
                Cow::Owned(none) if none.is_empty() => Cow::Borrowed(all),
                some => Cow::Owned([&some[..], all].concat()),
            };
        }
        if unknown_receiver && !(unresolved && written_external) {
            for (p, role) in self.program.policy_roles_by_last(method) {
                policy.push((p.to_string(), role.clone()));
            }
        }
        // `w.write_all(..)` of a `dyn Write` or a `W: Write`: any local impl of the std trait
        // whose provided method it is, through the methods the impl defines (`write`).
        if unknown_receiver && models::provides(method) {
            let mut provided: Vec<FnId> = Vec::new();
            for (ty, traits) in &self.program.external_traits_of {
                for required in traits.iter().flat_map(|t| models::required_by(t, method)) {
                    provided.extend(self.assoc_targets(ty, &Name::from(*required)));
                }
            }
            if !provided.is_empty() {
                targets = Cow::Owned([&targets[..], &provided[..]].concat());
            }
        }
        if let Cow::Owned(targets) = &mut targets {
            targets.sort();
            targets.dedup();
        }
        let mut places: Vec<Option<&'a Expr>> = vec![Some(receiver)];
        places.extend(args.iter().map(Some));
        let target = (self.conversion_target.iter().chain(&self.returned_target))
            .find(|(at, _)| *at == span)
            .map(|(_, keys)| keys.clone());
        let converted = models::conversion("", method, values.len()).and_then(|fallible| {
            let converted = self.convert(fallible, &recv, Some(receiver), target.as_deref(), span);
            converted.or_else(|| {
                Some((
                    self.converted_unseen(&recv, target.as_deref()?, span)?,
                    true,
                ))
            })
        });
        // `collect()` into a local type runs its `FromIterator` impl with the items.
        let collected = (&**method == "collect" && values.is_empty())
            .then(|| self.collect_into(&recv, receiver, target.as_deref()?, span))
            .flatten();
        // The policy file's entries first: where an entry and a local impl of its trait
        // are both sinks of this call (`exp.export(..)` of a `dyn SpanExporter`), the
        // entry names it, as a local trait's declaration does, whatever impls there are.
        let mut result = None;
        for (path, role) in &policy {
            let value = self.apply_roles(role, path, Some(&recv), &values, &places, span, None);
            join_into(&mut result, value);
        }
        let value = self.call_each(
            &targets,
            Some(recv.clone()),
            values.clone(),
            places.clone(),
            span,
            true,
        );
        if let Some(value) = value {
            join_into(&mut result, value);
        }
        if let Some(value) = collected {
            join_into(&mut result, value);
        }
        let apply_model = match converted {
            Some((value, covered)) => {
                join_into(&mut result, value);
                !covered
            }
            // A collection made here (`Vec::new()`) runs its std method beside any local
            // method of the name, which its elements (of unknown type) may have.
            None => {
                result.is_none()
                    || ((unknown_receiver || holds_collection(&recv)) && model.is_some())
            }
        };
        // `slot.replace(&mut b)` of an `Option<&mut T>`: the slot lends `b` too.
        if let ("replace" | "get_or_insert", [Some(lent @ Expr::Lend(_))]) =
            (&**method, &places[1..])
        {
            self.repointing(receiver, Some(lent), |_| {});
        }
        if apply_model {
            // rayon's `for_each_with(state, |s, x| ..)` and `for_each_init(|| state,
            // |s, x| ..)`: the closure is given the state (a channel's sender is that
            // channel's) and each element.
            if let (Some(init), [state, f]) = (models::with_state(method), &values[..]) {
                let given = match init {
                    true => self.invoke_value(state, &[], &[], span).unwrap_or_default(),
                    false => state.clone(),
                };
                let place = places.get(1).copied().flatten().map(|p| match (init, p) {
                    (true, Expr::Closure { body, .. }) => &**body,
                    _ => p,
                });
                let args = [given, element_of(recv.clone())];
                let made = self.invoke_value(f, &args, &[place, Some(receiver)], span);
                if !method.starts_with("for_each") {
                    join_into(&mut result, made.unwrap_or_default());
                }
                return result.unwrap_or_default();
            }
            let value = match model {
                Some(model) => {
                    // An iterator method a local `Iterator` does not define sees its items.
                    let items = if targets.is_empty() && policy.is_empty() {
                        self.local_items(&recv, Some(receiver), models::from_back(method), span)
                    } else {
                        None
                    };
                    let recv = items.as_ref().unwrap_or(&recv);
                    // `map_or_else(d, f)` is `map_or(d(..), f)`, and a check's
                    // `unwrap_or_else(d)` is `unwrap_or(d(..))`: the default runs where the
                    // check did not pass, given the error (none of an `Option`'s).
                    let default_of = |this: &mut Self, default: &Val| {
                        let made = this.invoke_value(default, &[recv.err_part()], &[], span);
                        made.unwrap_or_else(|| default.clone())
                    };
                    let (method, model, values): (&str, _, Cow<[Val]>) = match &values[..] {
                        [default, f] if &**method == "map_or_else" => {
                            let made = default_of(self, default);
                            ("map_or", model, Cow::Owned(vec![made, f.clone()]))
                        }
                        [default] if &**method == "unwrap_or_else" && recv.cond.is_some() => {
                            self.diverged = false;
                            let made = vec![default_of(self, default)];
                            match self.diverged && default.fns.is_empty() {
                                true => {
                                    let unwrap = models::method("unwrap", 0).unwrap_or(model);
                                    ("unwrap", unwrap, Cow::Owned(Vec::new()))
                                }
                                false => ("unwrap_or", Model::SameAndArgs, Cow::Owned(made)),
                            }
                        }
                        _ => (&**method, model, Cow::Borrowed(&values[..])),
                    };
                    // A closure that runs only on a check's `Ok`/`Some` (`shares_r(u).map(|_|
                    // ..)`) runs where it passed.
                    let saved = self.state.guards;
                    // An iterator's closures run on each item, not on an answer's `Some`.
                    let passed = match recv.cond {
                        Some(c)
                            if models::on_success(method)
                                && plain_answer(&c)
                                && !iterates(receiver) =>
                        {
                            c.when_true
                        }
                        _ => 0,
                    };
                    self.state.guards |= passed;
                    let mut value = self.apply_method(
                        method,
                        model,
                        receiver,
                        &places[1..],
                        recv,
                        &values,
                        span,
                    );
                    self.state.guards = saved;
                    // What it makes there is made only where the check passed
                    // (`shares_r(u).map(|_| u.phone.clone()).unwrap_or_default()`); a
                    // default (`map_or(u.phone, ..)`) is made where it did not.
                    if matches!(method, "map" | "and_then" | "filter" | "inspect") {
                        value.consent(passed);
                    }
                    // A type `[[labels]]` labels stays: its wrappers have no type here, so
                    // `ids.first()` of a `Vec<Identity>` looks like a method of `Identity`.
                    // (A clone or borrow of it is of its type still.)
                    let itself = matches!(method, "clone" | "to_owned" | "as_ref" | "borrow");
                    if foreign && !itself {
                        let labelled = &self.program.external_labels;
                        value.tys.retain(
                            |t| matches!(t, TyKey::External(p) if labelled.contains_key(&**p)),
                        );
                    }
                    if models::unwraps(method) {
                        value = unwrapped(value);
                    } else if models::yields_element(method) {
                        value = element_of(value);
                    }
                    let mut value = self.answer(method, recv.cond, value);
                    // An iterator's filter marks the elements that passed (a value guard); the
                    // closures of later adapters run on them, not under a check (`.map(|u|
                    // (u.phone, inviter.phone))` is not `if check(u) { .. }`). An `Option`'s
                    // is `Some` only where the check passed.
                    if models::keeps_iterating(method) && iterates(receiver) {
                        value.cond = None;
                    }
                    value
                }
                None => {
                    let value = self.unknown_method(&recv, &values, span);
                    self.write_lent(&places[1..], &value);
                    value
                }
            };
            join_into(&mut result, value);
        }
        let value = result.unwrap_or_default();
        // A channel's receive (of no local method) yields what was sent as its `Ok`/`Some`:
        // its error (`RecvError`, `Lagged(n)`) carries none of it.
        match is_receive(method) && targets.is_empty() && policy.is_empty() {
            true => value.into_ok(),
            false => value,
        }
    }

    /// What `value` derefs to through the local `Deref` impls of those of its types that
    /// `lacks` what is asked of them (a field, a method), layer after layer as auto-deref
    /// goes (`Session -> Account -> User`): each layer is what the one before derefs to, up
    /// to the first that `has` it or `DEREF_DEPTH` layers.
    fn deref(
        &mut self,
        value: &Val,
        lacks: impl Fn(&TyKey) -> bool,
        has: impl Fn(&Self, &Val) -> bool,
        place: Option<&'a Expr>,
        span: Span,
    ) -> Vec<Val> {
        let mut layers: Vec<Val> = Vec::new();
        while layers.len() < DEREF_DEPTH {
            let layer = layers.last().unwrap_or(value);
            let derefs: Vec<FnId> = (layer.tys.iter())
                .filter(|ty| lacks(ty))
                .filter_map(|ty| self.program.deref.get(ty))
                .flatten()
                .copied()
                .collect();
            if derefs.is_empty() {
                break;
            }
            let receiver = Some(layer.clone());
            let places = vec![place];
            let Some(target) = self.call_each(&derefs, receiver, Vec::new(), places, span, true)
            else {
                break;
            };
            let found = has(self, &target);
            layers.push(target);
            if found {
                break;
            }
        }
        layers
    }

    /// A field the value's local type does not have is read through that type's `Deref`
    /// (`owned.phone` of `struct Owned(User)` whose `Target` is `User`), and through the
    /// target's while it lacks it too: the value joined with what each `deref` returns.
    fn through_deref(&mut self, value: Val, name: &Name, place: &'a Expr, span: Span) -> Val {
        let program = self.program;
        if program.deref.is_empty() {
            return value;
        }
        let lacks = |ty: &TyKey| match ty {
            TyKey::Adt(adt) => !program.adts[adt.index()].fields.contains_key(name),
            _ => false,
        };
        let layers = self.deref(&value, lacks, |_, _| false, Some(place), span);
        layers.into_iter().fold(value, |read, mut layer| {
            layer.join(&read);
            layer
        })
    }

    /// The methods of the local types of `value` that `implicit` calls (see
    /// `local_operator`).
    fn operator_targets(&self, value: &Val, implicit: Implicit) -> Vec<FnId> {
        let by_type = &self.program.implicit;
        if by_type.is_empty() {
            return Vec::new();
        }
        (value.tys.iter())
            .filter(|ty| matches!(ty, TyKey::Adt(_)))
            .filter_map(|ty| by_type.get(&(ty.clone(), implicit)))
            .flatten()
            .copied()
            .collect()
    }

    /// The method of a local type's impl that an operator, a loop or formatting calls
    /// (`index`, `into_iter`, `add`, `fmt`), on `value` as its receiver (at `place`).
    fn local_operator(
        &mut self,
        value: &Val,
        implicit: Implicit,
        place: &'a Expr,
        args: Vec<Val>,
        span: Span,
    ) -> Option<Val> {
        let targets = self.operator_targets(value, implicit);
        if targets.is_empty() {
            return None;
        }
        let mut places = vec![Some(place)];
        places.extend(args.iter().map(|_| None));
        self.call_each(&targets, Some(value.clone()), args, places, span, true)
    }

    /// A value formatted by its local `Display` or `Debug` impl: the value, with what the
    /// impl's `fmt` writes into the formatter it is given (its sinks and sources run here,
    /// under this call's checks).
    fn eval_formatted(&mut self, formatted: &'a ir::Formatted) -> Val {
        let ir::Formatted {
            value: place,
            by,
            formatter,
            span,
        } = formatted;
        let mut value = self.eval(place);
        let targets = self.operator_targets(&value, *by);
        if targets.is_empty() {
            return value;
        }
        self.write(formatter, Val::default(), true);
        let places = vec![Some(place), Some(formatter)];
        let args = vec![Val::default()];
        self.call_each(&targets, Some(value.clone()), args, places, *span, true);
        let written = self.eval(formatter);
        let folded = self.fold(&written, *span);
        domain::join_facts(&mut value.facts, &folded);
        value
    }

    /// The items of a value of a local type implementing `Iterator`: what its `next`
    /// returns, or its `next_back` (`back`, for `rev()`); `None` for a value of no such type.
    fn local_items(
        &mut self,
        value: &Val,
        place: Option<&'a Expr>,
        back: bool,
        span: Span,
    ) -> Option<Val> {
        let program = self.program;
        let by_type = match back {
            true => &program.iterator_next_back,
            false => &program.iterator_next,
        };
        let nexts: Vec<FnId> = (value.tys.iter())
            .filter_map(|ty| by_type.get(ty))
            .flatten()
            .copied()
            .collect();
        // A value that may be of many iterator types is known too little to tell its items:
        // its content stands for them, as for any other value.
        if nexts.len() > MERGE_ABOVE {
            return None;
        }
        let mut items = self.call_each(
            &nexts,
            Some(value.clone()),
            Vec::new(),
            vec![place],
            span,
            true,
        )?;
        items.cond = None;
        Some(items)
    }

    /// The function's declared return type, where `return` and `?` leave the function (not a
    /// closure or an async block) and it is a path (`Option<..>`, `Result<T, E>`).
    fn declared_return(&self) -> Option<&'a ir::Path> {
        match (
            self.returns.len(),
            &self.program.fns[self.id.index()].ir.ret,
        ) {
            (1, ir::Type::Path(path)) => Some(path),
            _ => None,
        }
    }

    /// The types `?` may convert an error into: those of the declared return type `path`
    /// but its first generic argument's (the `Ok` side of `Result<T, E>`, and of an alias
    /// `Result<T>`).
    fn error_types(&self, path: &ir::Path) -> Vec<TyKey> {
        let scope = self.scope();
        let ok = (path.generics.first()).map_or(Vec::new(), |t| self.program.type_keys(&scope, t));
        (self.program.fns[self.id.index()].signature.ret.iter())
            .filter(|t| !ok.contains(t))
            .cloned()
            .collect()
    }

    /// `x.into()`, `From::from(x)`: the local `From` (or `TryFrom`) impls for `x`'s type
    /// run, and all of them where its type is not known, without their parameter's declared
    /// type given to `x` (a string converted is no `User`). With the result, whether
    /// every type of `x` has such an impl; else another crate's conversion may run too.
    fn convert(
        &mut self,
        fallible: bool,
        value: &Val,
        place: Option<&'a Expr>,
        into: Option<&[TyKey]>,
        span: Span,
    ) -> Option<(Val, bool)> {
        let kind = &self.program.conversions[usize::from(fallible)];
        let typed = !value.tys.is_empty();
        // Of a value that holds nothing (a literal), an impl would convert only what reading
        // a value of unknown type makes up (every labelled field of a name).
        if !typed && value.is_empty() {
            return None;
        }
        let targets: Vec<FnId> = (kind.iter())
            .filter(|c| !typed || c.from.is_empty() || c.from.iter().any(|t| value.tys.contains(t)))
            .filter(|c| into.is_none_or(|into| c.into.as_ref().is_some_and(|t| into.contains(t))))
            .map(|c| c.function)
            .collect();
        if targets.is_empty() {
            return None;
        }
        // Into a local type only this crate's impls convert (another crate may not implement
        // `From` for it), and std's `From<T> for T` only where the value is of that type.
        let local_target = into.is_some_and(|into| {
            (into.iter()).all(|t| matches!(t, TyKey::Adt(_)) && !value.tys.contains(t))
        });
        let covered = typed
            && (local_target
                || (value.tys.iter()).all(|t| kind.iter().any(|c| c.from.contains(t))));
        let converted = self.call_each(
            &targets,
            None,
            vec![value.clone()],
            vec![place],
            span,
            typed,
        );
        converted.map(|value| (value, covered))
    }

    /// Calls each of `targets` (the impls a call may reach) and joins their results: past
    /// `MERGE_ABOVE`, those without roles through their joined summary (`call_merged`).
    /// `typed` as for `call_fn_typed`.
    #[allow(clippy::too_many_arguments)]
    fn call_each(
        &mut self,
        targets: &[FnId],
        recv: Option<Val>,
        values: Vec<Val>,
        places: Vec<Option<&'a Expr>>,
        span: Span,
        typed: bool,
    ) -> Option<Val> {
        let mut result: Option<Val> = None;
        // The answers of the bodies called (see `one_answer`).
        let mut answers: Vec<Option<Cond>> = Vec::new();
        let mut each = targets;
        let fanout;
        if targets.len() > MERGE_ABOVE {
            fanout = self.summaries.fanouts.of(self.program, targets);
            if !fanout.plain.is_empty() {
                // The receiver, or else the first argument, leads the joined summary's slots.
                let mut args = recv.clone().into_iter().chain(values.iter().cloned());
                let first = args.next().unwrap_or_default();
                let value =
                    self.call_merged(&fanout, first, args.collect(), places.clone(), span, typed);
                answers.push(value.cond);
                join_into(&mut result, value);
            }
            each = &fanout.special;
        }
        for &f in each {
            let value =
                self.call_fn_typed(f, recv.clone(), values.clone(), places.clone(), span, typed);
            if self.program.fns[f.index()].ir.body.is_some() {
                answers.push(value.cond);
            }
            join_into(&mut result, value);
        }
        if let (Some(result), Some(cond)) = (&mut result, one_answer(answers)) {
            result.cond = Some(cond);
        }
        result
    }

    /// A std method's model, with `Result`'s sides apart where `Ok` and `Err` made the
    /// receiver (`Val::split`): what reads one side sees only it, and what maps one side
    /// keeps the other. Any other method's result wraps or transforms the value, so it is
    /// no such `Result` (`m.lock().unwrap()` unwraps the lock's, not the content's).
    #[allow(clippy::too_many_arguments)]
    fn apply_method(
        &mut self,
        method: &str,
        model: Model,
        receiver: &'a Expr,
        arg_places: &[Option<&'a Expr>],
        recv: &Val,
        values: &[Val],
        span: Span,
    ) -> Val {
        // A map collected from pairs (`iter.enumerate().collect()`) keeps them as its
        // fields `0` and `1`: its values are the second, its keys the first, each with what
        // was written beside them.
        let part = match method {
            "values" | "values_mut" | "into_values" => Some(MAP_VALUE),
            "get" | "get_mut" | "remove" if is_map(recv) => Some(MAP_VALUE),
            "keys" | "into_keys" => Some("0"),
            _ => None,
        };
        // Read as the part is (`for (k, _) in m`): a parameter's keys are its part `0`.
        if let Some(part) = part.filter(|name| recv.fields.contains_key(*name)) {
            let mut value = self.project(recv, &Name::from(part), span);
            value.split = false;
            return value;
        }
        // A map's entries are read as `(key, value)` pairs (`for (k, v) in &m`), fields `0`
        // and `1`: a tuple value inserted with its parts apart would be read as the pair's
        // parts, so it is kept folded (a `Vec`'s `insert(index, element)` keeps it). Into a
        // map that keeps its pairs apart, the key and the value go to their parts.
        let pair_value;
        let values = match values {
            [key, value] if method == "insert" && !is_sequence(recv) => {
                let value = match is_tuple_value(value) {
                    true => self.folded(value, span),
                    false => value.clone(),
                };
                pair_value = match is_tuple_value(recv) || is_map(recv) {
                    true => vec![pair(key.clone(), value)],
                    false => vec![key.clone(), value],
                };
                &pair_value[..]
            }
            // `m.entry(k).or_insert((a, b))` as well.
            [value] if method == "or_insert" && is_tuple_value(value) => {
                pair_value = vec![self.folded(value, span)];
                &pair_value[..]
            }
            _ => values,
        };
        // `opt.ok_or(e)`: the option's content is what `Ok` holds, `e` what `Err` holds.
        if matches!(method, "ok_or" | "ok_or_else") {
            let mut error: Option<Val> = None;
            for v in values {
                let made = self.invoke_value(v, &[], &[], span);
                join_into(&mut error, made.unwrap_or_else(|| v.clone()));
            }
            let mut value = recv.clone().into_ok();
            value
                .fields
                .insert(Name::from(domain::ERR), error.unwrap_or_default());
            return value;
        }
        // `map_err` replaces the error of any `Result`: of one whose sides are not apart
        // (another crate's), what `Ok` holds is the whole value still.
        if !recv.split && method != "map_err" {
            let mut value = self.apply_model(model, receiver, arg_places, recv, values, span);
            // A closure's `Result`s keep their sides apart (`users.iter().map(check)`).
            if !models::keeps_result(method) && model != Model::MapClosure {
                value.split = false;
            }
            return value;
        }
        let error = recv.err_part();
        let handled = |this: &mut Self| -> Val {
            let mut produced: Option<Val> = None;
            for v in values {
                let places = [Some(receiver)];
                let made = this.invoke_value(v, std::slice::from_ref(&error), &places, span);
                // Something not known to be callable here (another crate's function named
                // by path) may return what it is given.
                let made = made.unwrap_or_else(|| {
                    let mut given = v.clone();
                    domain::join_facts(&mut given.facts, &this.fold(&error, span));
                    given
                });
                join_into(&mut produced, made);
            }
            produced.unwrap_or_default()
        };
        let mut value = match method {
            "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_unchecked" | "ok" => {
                let ok = recv.ok_part();
                self.apply_model(model, receiver, arg_places, &ok, values, span)
            }
            "err" | "unwrap_err" | "expect_err" => error.clone(),
            // Closures given one side: the error (`is_err_and`) or what `Ok` holds
            // (`map_or`, `is_ok_and`, `iter`).
            "is_err_and" => self.apply_model(model, receiver, arg_places, &error, values, span),
            "map_or" | "is_ok_and" | "iter" | "into_iter" => {
                let ok = recv.ok_part();
                self.apply_model(model, receiver, arg_places, &ok, values, span)
            }
            "unwrap_or_else" => {
                let mut value = recv.ok_part();
                value.join(&handled(self));
                value.cond = None;
                value
            }
            "or_else" => {
                let mut value = recv.ok_part().into_ok();
                value.join(&handled(self));
                value
            }
            "map_err" => {
                let mut value = recv.ok_part().into_ok();
                value.fields.insert(Name::from(domain::ERR), handled(self));
                value.cond = None;
                value
            }
            "map" | "and_then" => {
                let ok = recv.ok_part();
                let made = self.apply_model(model, receiver, arg_places, &ok, values, span);
                let mut value = match method {
                    "map" => made.into_ok(),
                    _ => made,
                };
                if value.split {
                    let at = value.fields.make_mut().entry(Name::from(domain::ERR));
                    at.or_default().join(&error);
                } else {
                    domain::join_facts(&mut value.facts, &error.fold());
                }
                value
            }
            _ => self.apply_model(model, receiver, arg_places, recv, values, span),
        };
        let mapped = matches!(method, "or_else" | "map_err" | "map" | "and_then");
        if !models::keeps_result(method) && !mapped {
            value.split = false;
        }
        value
    }

    fn apply_model(
        &mut self,
        model: Model,
        receiver: &'a Expr,
        arg_places: &[Option<&'a Expr>],
        recv: &Val,
        values: &[Val],
        span: Span,
    ) -> Val {
        // The element a closure is given is in the receiver: writes through it land there.
        let closure_result = |this: &mut Self, arg: &Val, params: &[Val]| -> Option<Val> {
            let mut places = vec![None; params.len().saturating_sub(1)];
            places.push(Some(receiver));
            this.invoke_value(arg, params, &places, span)
        };
        let mut element = element_of(recv.clone());
        // The `bool` in a check's `Ok`/`Some` is its answer (`map_or(false, |b| b)`,
        // `is_ok_and(|b| b)`); an element of anything else answers nothing.
        element.cond = match recv.cond {
            Some(c) if c.shape == (Shape::Wrapped { inner_bool: true }) => Some(Cond {
                shape: Shape::Bool,
                ..c
            }),
            _ => None,
        };
        match model {
            Model::Same => {
                self.write_lent(arg_places, recv);
                recv.clone()
            }
            Model::SameAndArgs => {
                let mut value = recv.clone();
                for v in values {
                    value.join(v);
                    // `with_context(|| format!(..))`: the message the closure makes.
                    if let Some(made) = closure_result(self, v, &[]) {
                        value.join(&made);
                    }
                }
                self.write_lent(arg_places, &value);
                // `unwrap_or(false)` keeps a check's answer; any other default fails open.
                // `or(other)` is the receiver or the other: their answers joined.
                value.cond = match recv.cond {
                    Some(
                        c @ Cond {
                            shape: Shape::Wrapped { inner_bool: true },
                            ..
                        },
                    ) if values.first().is_some_and(|v| v.bool_lit == Some(false)) => Some(Cond {
                        shape: Shape::Bool,
                        ..c
                    }),
                    _ => value.cond,
                };
                value
            }
            Model::Fold => {
                let mut value = self.folded(recv, span);
                for v in values {
                    let folded = self.fold(v, span);
                    domain::join_facts(&mut value.facts, &folded);
                }
                value.tys = vec![TyKey::External(Name::from("String"))];
                // `user.encode(&mut buf)`, `user.serialize(&mut serializer)`.
                self.write_lent(arg_places, &value);
                value
            }
            Model::Clean => Val::default(),
            Model::Exchange => {
                let mut held = recv.clone();
                held.cond = None;
                // A local of this function (not what a parameter points at) now holds only
                // what the other held.
                let own = |this: &Self, place: &'a Expr| match through_transparent(place) {
                    inner @ Expr::Local(local, _) if !this.param_locals.contains(&Some(*local)) => {
                        Some(inner)
                    }
                    _ => None,
                };
                for (value, place) in values.iter().zip(arg_places) {
                    let mut given = value.clone();
                    given.cond = None;
                    match own(self, receiver) {
                        Some(local) => self.write(local, given, true),
                        None => self.write(receiver, given, false),
                    }
                    if let Some(place) = place {
                        match own(self, place) {
                            Some(local) => self.write(local, held.clone(), true),
                            None => self.write(place, held.clone(), false),
                        }
                    }
                }
                Val::default()
            }
            Model::Replace => {
                // A set's `replace` adds an element; any other replaces the content.
                let set = (recv.tys.iter())
                    .any(|t| matches!(t, TyKey::External(p) if p.ends_with("Set")));
                // Through a reference (a `&mut` parameter) the write lands where it points.
                let own = matches!(receiver, Expr::Local(local, _)
                    if !self.param_locals.contains(&Some(*local)));
                for value in values {
                    self.note_stored_closures(receiver, value);
                    let mut given = value.clone();
                    given.cond = None;
                    self.write(receiver, given, own && !set);
                }
                let mut held = recv.clone();
                held.cond = None;
                held
            }
            Model::Clear => {
                self.write(receiver, recv.emptied(), true);
                Val::default()
            }
            Model::Scan => {
                let state = values.first().cloned().unwrap_or_default();
                let mut produced = Val::default();
                for v in values {
                    if let Some(value) = closure_result(self, v, &[state.clone(), element.clone()])
                    {
                        produced.join(&value);
                    }
                }
                produced
            }
            Model::Key => {
                let key = Val {
                    facts: values.iter().flat_map(|v| self.fold(v, span)).collect(),
                    ..Val::default()
                };
                // A map's entry: the key goes to the pairs' keys, and what the entry gives
                // (`or_default()`, `or_insert(v)`) is the value part.
                if is_map(recv) {
                    if !key.facts.is_empty() {
                        self.write(receiver, pair(key, Val::default()), false);
                    }
                    return self.project(recv, &Name::from(MAP_VALUE), span);
                }
                let mut value = recv.clone();
                if !key.facts.is_empty() {
                    self.write(receiver, key.clone(), false);
                    value.join(&key);
                }
                value
            }
            Model::ReadInto => {
                if let Some(Some(buffer)) = arg_places.last() {
                    let read = self.folded(recv, span);
                    self.write(buffer, read, false);
                }
                Val::default()
            }
            Model::Take => {
                self.write(receiver, recv.emptied(), true);
                recv.clone()
            }
            Model::Mutate | Model::MutateWith => {
                self.hold_given(receiver, arg_places);
                let mut written = Val::default();
                for v in values {
                    self.note_stored_closures(receiver, v);
                    let mut v = v.clone();
                    // A closure stored (not run, as `MutateWith` runs it): called through
                    // the collection here it runs; elsewhere it returns what it captured
                    // (as one kept in a struct literal).
                    if model == Model::Mutate {
                        self.carry_captured(&mut v);
                    }
                    v.cond = None;
                    written.join(&v);
                }
                for v in values.iter().filter(|_| model == Model::MutateWith) {
                    if let Some(value) = closure_result(self, v, std::slice::from_ref(&element)) {
                        written.join(&value);
                    }
                }
                // A receiver of no known type (another crate's builder or batch, not a
                // channel) does not become of its arguments' types (`ev.push_str(..)`,
                // `batch.push(user)` keep `.send()` looked up by name): it holds what they
                // carry, their types' labels included, and the callables among them.
                // A value with a tuple's parts (`rows: &mut Vec<(u64, String)>`) is no builder.
                let untyped = recv.tys.is_empty()
                    && !is_tuple_value(recv)
                    && self.channel_end(receiver).is_none();
                let into = match untyped {
                    true => Val {
                        facts: self.fold(&written, span),
                        closures: written.closures.clone(),
                        fns: written.fns.clone(),
                        ..Val::default()
                    },
                    false => written.clone(),
                };
                self.write(receiver, into, false);
                let mut value = recv.clone();
                value.join(&written);
                // A receiver of no known type (a builder of another crate, `.tag(..)`
                // chained) is not of its arguments' types: its next method is still looked
                // up by name.
                if recv.tys.is_empty() {
                    value.tys.clear();
                }
                value
            }
            Model::MapClosure
            | Model::FilterMapClosure
            | Model::EachClosure
            | Model::PredicateClosure
            | Model::FilterClosure
            | Model::InspectClosure
            | Model::Retain => {
                let mut produced: Option<Val> = None;
                let mut passed: PartySet = 0;
                // What the closure's `false` says (`|u| !shares(u)`).
                let mut refused: PartySet = 0;
                // What a closure's `Some`/`Ok` says (`|o| check_opt(o)`).
                let mut wrapped: PartySet = 0;
                for v in values {
                    if let Some(mut value) = closure_result(self, v, std::slice::from_ref(&element))
                    {
                        if let Some(c) = value.cond {
                            if matches!(c.shape, Shape::Bool | Shape::Any) {
                                passed |= c.when_true;
                            }
                            if c.shape == (Shape::Wrapped { inner_bool: false }) {
                                wrapped |= c.when_true;
                            }
                            if c.shape == Shape::Bool {
                                refused |= c.when_false;
                            }
                            // A `filter_map` closure's `Some` only where the check passed.
                            let plain = matches!(
                                c.shape,
                                Shape::Wrapped { inner_bool: false } | Shape::Any
                            );
                            if model == Model::FilterMapClosure && plain {
                                value.consent(c.when_true);
                            }
                        }
                        value.consent(self.frame_guards);
                        join_into(&mut produced, value);
                    }
                }
                match model {
                    Model::MapClosure | Model::FilterMapClosure => {
                        let made = produced.as_ref().and_then(|p| p.bool_lit);
                        let mut value =
                            produced.unwrap_or_else(|| self.unknown_call(Some(recv), values, span));
                        // `map_or(default, f)`: the default is a result too.
                        for v in values.iter().filter(|v| !v.is_callable()) {
                            value.join(v);
                        }
                        // `o.map(|u| check(u))` is `Some(true)` where the check passed (kept
                        // by `answer` for `map`, whose `unwrap_or(false)` reads it);
                        // `o.map_or(false, |u| check(u))` is true only there.
                        let default =
                            (values.iter().find(|v| !v.is_callable())).and_then(|v| v.bool_lit);
                        // `o.and_then(|x| check_opt(x))` is `Some` only where it passed
                        // (`answer` keeps it for `and_then`, not for `map`'s `Some(None)`).
                        let (shape, when_true, when_false) = match default {
                            _ if passed | refused == 0 => {
                                (Shape::Wrapped { inner_bool: false }, wrapped, 0)
                            }
                            Some(false) => (Shape::Bool, passed, 0),
                            Some(true) => (Shape::Bool, 0, refused),
                            None => (Shape::Wrapped { inner_bool: true }, passed, refused),
                        };
                        value.cond = (model == Model::MapClosure
                            && passed | refused | wrapped != 0)
                            .then_some(Cond {
                                shape,
                                when_true,
                                when_false,
                            });
                        // `check(u).map_or(false, |_| true)`: true exactly where the check
                        // passed (`map_or(true, |_| false)`: false exactly there).
                        let answer = recv.cond.filter(plain_answer);
                        if let (Some(c), Some(lit), Model::MapClosure) = (answer, default, model) {
                            if passed | refused == 0 && made == Some(!lit) {
                                value.cond = Some(Cond {
                                    shape: Shape::Bool,
                                    when_true: if lit { 0 } else { c.when_true },
                                    when_false: if lit { c.when_true } else { 0 },
                                });
                            }
                        }
                        value.is_none = false;
                        value
                    }
                    Model::EachClosure => Val::default(),
                    // True only where the closure said true (`o.is_some_and(|u| check(u))`,
                    // `all`, `any`), false (for `any` and `all`) only where it said false
                    // (`if us.iter().any(|u| !shares(u)) { return }`): a check's answer when
                    // the closure's was one. Made of what the closure returns: `chars().any(|c|
                    // c == '+')` is data of what it compares, as `contains('+')` is.
                    Model::PredicateClosure => Val {
                        facts: match &produced {
                            Some(made) => self.fold(made, span),
                            None => self.unknown_call(Some(recv), values, span).facts,
                        },
                        cond: (passed | refused != 0).then_some(Cond {
                            shape: Shape::Bool,
                            when_true: passed,
                            when_false: refused,
                        }),
                        ..Val::default()
                    },
                    Model::InspectClosure => element,
                    Model::FilterClosure => {
                        let mut value = element;
                        value.consent(passed);
                        // `o.filter(|u| check(u))` is `Some` only where the check passed
                        // (`o.filter(|b| *b)` of an `Option<bool>` check: where it said
                        // `Some(true)`); the answer of the `bool` it holds is not its own.
                        value.cond = (passed != 0).then_some(Cond {
                            shape: Shape::Wrapped { inner_bool: false },
                            when_true: passed,
                            when_false: 0,
                        });
                        value
                    }
                    _ => {
                        // What the closure wrote through its element is kept too.
                        let mut value = match is_plain_place(receiver) {
                            true => self.eval(receiver),
                            false => element,
                        };
                        value.consent(passed);
                        self.write(receiver, value, true);
                        Val::default()
                    }
                }
            }
            Model::FoldClosure | Model::ReduceClosure => {
                let init = match model {
                    Model::ReduceClosure => element.clone(),
                    _ => values.first().cloned().unwrap_or_default(),
                };
                let mut acc = init.clone();
                for _ in 0..2 {
                    let mut next = init.clone();
                    for v in values {
                        if let Some(value) =
                            closure_result(self, v, &[acc.clone(), element.clone()])
                        {
                            next.join(&value);
                        }
                    }
                    if next == acc {
                        break;
                    }
                    acc = next;
                }
                acc
            }
            Model::SameOrClosure => {
                let mut value = recv.clone();
                for v in values {
                    if let Some(produced) = closure_result(self, v, std::slice::from_ref(&element))
                    {
                        value.join(&produced);
                    } else {
                        value.join(v);
                    }
                }
                value
            }
            Model::Halves => {
                // The predicate runs on the elements; each part is of the receiver's content.
                for v in values {
                    closure_result(self, v, std::slice::from_ref(&element));
                }
                let mut value = Val::default();
                let mut part = recv.clone();
                part.cond = None;
                value.fields.insert(Name::from("0"), part.clone());
                value.fields.insert(Name::from("1"), part);
                value
            }
            Model::Enumerate => {
                let mut value = Val::default();
                value.fields.insert(Name::from("0"), Val::default());
                value.fields.insert(Name::from("1"), element);
                value
            }
            Model::Zip => {
                let mut value = Val::default();
                value.fields.insert(Name::from("0"), element);
                value
                    .fields
                    .insert(Name::from("1"), values.first().cloned().unwrap_or_default());
                value
            }
            Model::Then => {
                let when_true = recv.cond.map_or(0, |c| c.when_true);
                let saved = self.state.guards;
                self.state.guards |= when_true;
                let mut value = Val::default();
                // `FutureExt::then`/`StreamExt::then` hand the closure the output or item
                // (`bool::then`'s closure takes none).
                let item = [element.clone()];
                for v in values {
                    match closure_result(self, v, &item) {
                        Some(produced) => value.join(&produced),
                        None => value.join(v),
                    };
                }
                self.state.guards = saved;
                value.consent(when_true);
                value
            }
        }
    }

    /// The consent check's answer a model's result carries, from the receiver's (see
    /// `models::Answer`): `unwrap()`/`expect()` guard what follows, as `?` does.
    fn answer(&mut self, method: &str, recv: Option<Cond>, mut value: Val) -> Val {
        value.cond = match models::answer(method) {
            Answer::Model => return value,
            Answer::Lost => None,
            Answer::Same => recv,
            Answer::Wrapped => match recv.filter(plain_answer) {
                // `map(|_| true)`: `Some(true)` exactly where the check passed.
                Some(c) if method == "map" && value.bool_lit == Some(true) => Some(Cond {
                    shape: Shape::Wrapped { inner_bool: true },
                    ..c
                }),
                Some(c) => Some(c),
                None => (value.cond)
                    .filter(|c| method != "map" || c.shape != Shape::Wrapped { inner_bool: false }),
            },
            Answer::Convert => recv.filter(|c| c.shape == Shape::Bool),
            Answer::Lift => (recv.filter(|c| c.shape == Shape::Bool)).map(|c| Cond {
                shape: Shape::Wrapped { inner_bool: false },
                ..c
            }),
            Answer::OrFalse => recv
                .filter(|c| c.shape == Shape::Wrapped { inner_bool: true })
                .map(|c| Cond {
                    shape: Shape::Bool,
                    ..c
                }),
            // `is_some_and(|u| check(u))` is false also for `None`: only its `true` says.
            Answer::Test { negated } => (recv.filter(plain_answer).map(|c| Cond {
                shape: Shape::Bool,
                when_true: if negated { c.when_false } else { c.when_true },
                when_false: if negated { c.when_true } else { c.when_false },
            }))
            .or(value.cond.map(|c| Cond { when_false: 0, ..c })),
            Answer::Unwrap => match recv {
                Some(
                    c @ Cond {
                        shape: Shape::Wrapped { .. } | Shape::Any,
                        ..
                    },
                ) => {
                    value.cond = Some(c);
                    return self.unwrap_cond(value);
                }
                other => other,
            },
        };
        value
    }

    /// Whether `local` is a parameter declared `&mut`: a borrow of the caller's place.
    fn lent_param(&self, local: Local) -> bool {
        let function = self.program.fns[self.id.index()].ir;
        let slot = self.param_locals.iter().position(|l| *l == Some(local));
        (slot.and_then(|slot| function.params.get(slot))).is_some_and(|p| lends(&p.ty))
    }

    /// What an unknown call is lent (`&mut out`, or a `&mut` parameter passed on) it may
    /// write what it is given into: `serde_json::to_writer(&mut body, u)`.
    fn write_lent(&mut self, places: &[Option<&'a Expr>], given: &Val) {
        for place in places.iter().flatten() {
            let lent = match place {
                Expr::Lend(inner) => Some(&**inner),
                Expr::Local(local, _) if self.lent_param(*local) => Some(*place),
                _ => None,
            };
            // Even with nothing labelled given, what it fills is no longer known empty.
            if let Some(lent) = lent {
                let written = Val {
                    facts: given.facts.clone(),
                    ..Val::default()
                };
                self.write(lent, written, false);
            }
        }
    }

    /// `iter.collect()` into a local type (`collect::<Batch>()`, `let b: Batch = ..`) runs
    /// its `FromIterator::from_iter` with the iterator.
    fn collect_into(
        &mut self,
        items: &Val,
        receiver: &'a Expr,
        target: &[TyKey],
        span: Span,
    ) -> Option<Val> {
        let from_iter = Name::from("from_iter");
        let impls: Vec<FnId> = (target.iter())
            .filter_map(|key| {
                self.program
                    .methods_of
                    .get(&(key.clone(), from_iter.clone()))
            })
            .flatten()
            .copied()
            .collect();
        let mut result = None;
        for f in impls {
            let value = self.call_fn(f, None, vec![items.clone()], vec![Some(receiver)], span);
            join_into(&mut result, value);
        }
        result
    }

    /// Another crate's function given a local type that implements a std writing trait
    /// (`serde_json::to_writer(uploader, u)`, `io::copy(&mut reader, uploader)`) writes
    /// through it: its `write` runs with what the other arguments hold, as `write_all` would.
    fn write_through(&mut self, values: &[Val], places: &[Option<&'a Expr>], span: Span) {
        for (index, writer) in values.iter().enumerate() {
            let (mut targets, mut policy) = (Vec::new(), Vec::new());
            self.provided(writer, "write_all", &mut targets, &mut policy);
            if targets.is_empty() && policy.is_empty() {
                continue;
            }
            let mut written = Val::default();
            for (_, other) in values.iter().enumerate().filter(|(j, _)| *j != index) {
                let folded = self.fold(other, span);
                domain::join_facts(&mut written.facts, &folded);
            }
            let place = places.get(index).copied().flatten();
            for f in targets {
                let at = vec![place, None];
                self.call_fn(f, Some(writer.clone()), vec![written.clone()], at, span);
            }
            for (path, roles) in &policy {
                let given = std::slice::from_ref(&written);
                self.apply_roles(roles, path, Some(writer), given, &[], span, None);
            }
        }
    }

    /// A method of another crate, or one nothing here defines. Of a value known by its
    /// types and no fields (another crate's query typed by a turbofish: `query_as::<_,
    /// User>(..).bind(id)`), what it returns is of those types, with what the receiver and
    /// the arguments carry as a whole, so a field read from it is that field's; of any
    /// other, what `unknown_call` gives.
    fn unknown_method(&mut self, recv: &Val, values: &[Val], span: Span) -> Val {
        let typed = recv.fields.is_empty()
            && recv.carried.is_empty()
            && !recv.tys.is_empty()
            && recv.tys.iter().all(|t| matches!(t, TyKey::Adt(_)));
        if !typed {
            return self.unknown_call(Some(recv), values, span);
        }
        // Its closures are given the receiver (`sorted_by_key(|u| ..)` of another crate's
        // adapter sees the elements, consent marks included).
        let mut value = self.unknown_call_given(None, values, recv, span);
        domain::join_facts(&mut value.facts, &recv.facts);
        value.tys = recv.tys.clone();
        value.ty_consent = recv.ty_consent;
        value.ty_param = recv.ty_param;
        value
    }

    /// The conservative rule: the result carries every argument's and the receiver's labels;
    /// closures passed in run with the other arguments.
    fn unknown_call(&mut self, recv: Option<&Val>, values: &[Val], span: Span) -> Val {
        self.unknown_call_given(recv, values, &Val::default(), span)
    }

    /// `unknown_call`, its closures given `given` as well.
    fn unknown_call_given(
        &mut self,
        recv: Option<&Val>,
        values: &[Val],
        given: &Val,
        span: Span,
    ) -> Val {
        let mut result = Val::default();
        let mut others = given.clone();
        for v in recv.into_iter().chain(values) {
            let folded = self.fold(v, span);
            domain::join_facts(&mut result.facts, &folded);
            if !v.is_callable() {
                others.join(v);
            }
        }
        others.cond = None;
        let mut answers = Vec::new();
        for v in recv.into_iter().chain(values) {
            self.escapes.extend(v.closures.iter().copied());
            self.hand_held(v, &others, span);
            let before = self.calls.len();
            if let Some(value) = self.invoke_value(v, std::slice::from_ref(&others), &[], span) {
                answers.push(value.cond);
                result.join(&value);
            }
            for call in &mut self.calls[before..] {
                call.outside |= call.callees.iter().all(|f| v.fns.contains(f));
            }
        }
        // One closure whose result is a check's answer (`spawn_blocking(move || check(&u))`,
        // `thread::spawn(..).join()`): the call gives that answer back, as `Ok(answer)`.
        result.cond = match answers.as_slice() {
            [Some(
                c @ Cond {
                    shape: Shape::Bool, ..
                },
            )] => Some(Cond {
                shape: Shape::Wrapped { inner_bool: true },
                ..*c
            }),
            _ => None,
        };
        result
    }

    /// Calls a function of the checked code: its roles, then its summary.
    fn call_fn(
        &mut self,
        f: FnId,
        recv: Option<Val>,
        values: Vec<Val>,
        places: Vec<Option<&'a Expr>>,
        span: Span,
    ) -> Val {
        self.call_fn_typed(f, recv, values, places, span, true)
    }

    /// `typed`: the arguments are known to be of the parameters' declared types, which add
    /// their labels here. Otherwise no label of a declared type is derived at this call, and
    /// the callee reports the flows it derives from its own (see `Fact::via_param`).
    fn call_fn_typed(
        &mut self,
        f: FnId,
        recv: Option<Val>,
        values: Vec<Val>,
        places: Vec<Option<&'a Expr>>,
        span: Span,
        typed: bool,
    ) -> Val {
        let info = &self.program.fns[f.index()];
        let has_self = info.ir.has_self;
        let (args, places): (Vec<Val>, Vec<Option<&'a Expr>>) = match recv {
            Some(recv) if has_self => (std::iter::once(recv).chain(values).collect(), places),
            Some(_) => (values, places.into_iter().skip(1).collect()),
            None => (values, places),
        };
        let mut args = args;
        self.deref_coerce(f, &mut args, &places, span);
        if typed {
            self.add_param_types(f, &mut args);
        }
        self.calls.push(CallSite {
            caller: self.id,
            callees: Arc::from([f]),
            group: None,
            guards: self.state.guards,
            rederives: typed,
            outside: false,
            result_guards: self.state.guards,
            returned: self.returning,
        });
        self.hold_result(span);
        let roles = info.roles.clone();
        let path = info.path.clone();
        let has_body = info.ir.body.is_some();
        let (called, through) = info
            .ir
            .body
            .as_ref()
            .map_or((0, 0), |b| (b.called, b.through));
        let summary = self.summaries.get(f);
        let from_closures = self.run_closure_args(
            &mut args,
            span,
            summary.as_deref().map(|s| (s, called, f)),
            through,
            typed,
        );
        let mut ret = match (&summary, has_body) {
            (Some(summary), _) => {
                let ret = self.apply_summary(summary, &args, &places, span, f, None, true);
                self.state.guards |= summary.ensures;
                ret
            }
            (None, true) => self.unknown_call(None, &args, span),
            (None, false) => {
                // A trait method declared without a body: the impls are called beside it.
                Val::default()
            }
        };
        if let Some(from_closures) = from_closures {
            ret.join(&from_closures);
        }
        self.declare_result(&mut ret, f);
        let recv_arg = if has_self { args.first() } else { None };
        let rest: Vec<Val> = if has_self {
            args.get(1..).map(<[Val]>::to_vec).unwrap_or_default()
        } else {
            args.clone()
        };
        let ret_shape = consent_shape(&info.ir.ret);
        let diverges = matches!(info.ir.ret, ir::Type::Never);
        let value = self.apply_roles(
            &roles,
            &path,
            recv_arg,
            &rest,
            &places,
            span,
            Some((f, ret, ret_shape)),
        );
        // A function returning `!` never returns: what follows its call is not reached.
        if diverges {
            self.reachable = false;
        }
        value
    }

    /// Closures handed to a function run there: at each of its calls of the parameter or of
    /// the part holding them (`ParamCall`), with those arguments under those checks; where
    /// it does more than call the parameter, also once with its other arguments. What they
    /// return may be what the function returns, and is what the callee gets when it calls
    /// them. `through`: the parameters whose parts the callee only calls (`ir::Body::through`).
    fn run_closure_args(
        &mut self,
        args: &mut [Val],
        span: Span,
        callee: Option<(&Summary, u64, FnId)>,
        through: u64,
        rederives: bool,
    ) -> Option<Val> {
        let tracked = |slot: usize| match callee {
            Some((_, called, _)) => slot < 64 && called & 1 << slot != 0,
            None => false,
        };
        let mut others = Val::default();
        for (slot, a) in args.iter().enumerate() {
            // A closure the callee only calls does not escape.
            if !tracked(slot) {
                self.escapes.extend(a.closures.iter().copied());
            }
            if !a.is_callable() {
                others.join(a);
            }
        }
        others.cond = None;
        // Closures held in a part the callee only calls run at its calls below.
        let held_on = |slot: usize| callee.is_some() && slot < 64 && through & 1 << slot != 0;
        for slot in (0..args.len()).filter(|slot| !held_on(*slot)) {
            self.hand_held(&args[slot], &others, span);
        }
        let mut notes = callee.map(|(_, _, f)| {
            let name = &self.program.fns[f.index()].ir.name;
            Notes {
                passed: format!("passed to `{name}`").into(),
                returned: format!("given to a closure by `{name}`").into(),
                projected: HashMap::default(),
                folded: HashMap::default(),
                declared: self.declared_params(f),
            }
        });
        // Closures run at the callee's calls, in slot order and twice over when there are
        // several, so that what one returns reaches what another is given
        // (`let x = load(); store(&x)`) and a closure's result reaches its own next call.
        let rounds = match callee {
            Some((summary, ..)) if given_results(summary, args) => 2,
            _ => 1,
        };
        let mut results = None;
        for round in 0..rounds {
            for slot in 0..args.len() {
                // The arguments grow: what was projected of them is read again.
                if let Some(notes) = &mut notes {
                    notes.projected.clear();
                    notes.folded.clear();
                }
                let a = &args[slot];
                let mut produced: Option<Val> = None;
                // One the callee does not only call escapes: it runs once here, unchecked,
                // with the other arguments, as well as at the callee's calls below. Its
                // closures at the callee's unchecked calls of the whole parameter run in that
                // same run, with those calls' arguments too: they are no more checked than it,
                // and closures passed down nested callees (`scope(|s| s.spawn(|s| ..))`) run
                // once per level rather than twice.
                let escapes = !tracked(slot) && a.is_callable() && round == 0;
                let in_escape_run = |call: &ParamCall| {
                    escapes && !call.of_part() && call.guards == 0 && !a.closures.is_empty()
                };
                let folded: Vec<&ParamCall> = match callee {
                    Some((summary, ..)) => (summary.calls.iter())
                        .filter(|c| c.slot as usize == slot && in_escape_run(c))
                        .collect(),
                    None => Vec::new(),
                };
                if escapes {
                    let closures = a.callables();
                    let mut given = vec![others.clone()];
                    if let Some(notes) = &mut notes {
                        for call in &folded {
                            let more: Vec<Val> = (call.args.iter())
                                .map(|v| self.instantiate(v, args, span, notes, rederives, 0))
                                .collect();
                            given = join_positions(&given, &more);
                        }
                    }
                    if let Some(value) = self.invoke_value(&closures, &given, &[], span) {
                        // The function may return what it returns.
                        join_into(&mut results, value.clone());
                        produced = Some(match folded.is_empty() {
                            true => value,
                            false => self.with_held(value, &closures, &given),
                        });
                    }
                }
                if let (Some((summary, ..)), Some(notes)) = (callee, &mut notes) {
                    for call in summary.calls.iter().filter(|c| c.slot as usize == slot) {
                        if in_escape_run(call) {
                            continue;
                        }
                        let whole = !call.of_part();
                        // A parameter the callee only calls is followed whatever the
                        // argument is (any escaped closure, where none of this body's).
                        let only_called = whole && tracked(slot);
                        // The callables at the part called (`(c.sink)(..)` of a `Collector {
                        // sink: &mut push }`), where the argument keeps that part apart, or
                        // any under it (`ParamCall::under`). Of one the callee does more
                        // with, or of a part, only closures: they write into this function's
                        // locals, and a function there runs as a callable of unknown origin
                        // does (`escape_fns`).
                        let closures = match part_at(&args[slot], &call.path) {
                            Some(part) if only_called => part.callables(),
                            Some(part) if call.under => Val {
                                closures: part.closures_under(),
                                ..Val::default()
                            },
                            Some(part) => Val {
                                closures: part.closures.clone(),
                                ..Val::default()
                            },
                            None => Val::default(),
                        };
                        // Or this function's own parameters, passed on: called there. Under a
                        // part, some may be closures and others parameters: both are called.
                        let passed_on = match closures.is_callable() && !call.under {
                            true => Vec::new(),
                            false => self.param_parts(&args[slot], &call.path, call.under),
                        };
                        if !only_called && !closures.is_callable() && passed_on.is_empty() {
                            continue;
                        }
                        let given: Vec<Val> = (call.args.iter())
                            .map(|v| self.instantiate(v, args, span, notes, rederives, 0))
                            .collect();
                        let saved = self.state.guards;
                        self.state.guards |= call.guards;
                        self.note_param_calls(passed_on, &given, call.under);
                        match self.invoke_value(&closures, &given, &[], span) {
                            // What a part returns is read from the part by the callee's call.
                            Some(_) if !whole => {}
                            Some(value) => {
                                let value = self.with_held(value, &closures, &given);
                                join_into(&mut produced, value);
                            }
                            // Not a callable of this body: any escaped closure it may be,
                            // returning what it holds and what it is given.
                            None => {
                                if only_called {
                                    let a = args[slot].clone();
                                    self.apply_escaped(&a, &given, span);
                                    let result = self.unknown_call(None, &given, span);
                                    join_into(&mut produced, result);
                                }
                            }
                        }
                        self.state.guards = saved;
                    }
                }
                if let Some(mut value) = produced {
                    value.closures.clear();
                    args[slot].join(&value);
                }
            }
        }
        results
    }

    /// What closures run at a callee's call of its parameter give it: what they returned,
    /// and what they wrote through their parameters, which is what the callee's lent
    /// arguments hold after the call (what they were given and left as it was is not).
    fn with_held(&self, mut value: Val, closures: &Val, given: &[Val]) -> Val {
        let held = self.closure_params(closures);
        let mut passed = Val::default();
        for g in given {
            passed.join(g);
        }
        passed.closures.clear();
        if held != passed && !held.is_empty() {
            value.join(&held);
        }
        value
    }

    /// What the parameters of the closures `callable` may be hold after they ran.
    fn closure_params(&self, callable: &Val) -> Val {
        let mut held = Val::default();
        for id in &callable.closures {
            if let Some(Expr::Closure { params, .. }) = self.closures.get(*id as usize).copied() {
                let mut locals = Vec::new();
                for param in params {
                    pattern_locals(param, &mut locals);
                }
                for local in locals {
                    held.join(&self.local(local));
                }
            }
        }
        held.closures.clear();
        held
    }

    /// A callee's summary at this call: its result, its writes into the arguments' places,
    /// and its sink reaches. `group`: the impls of a call of many (their joined summary).
    /// `rederives`: the labels the callee derived from its parameters' declared types are
    /// not taken from the summary (the arguments carry those types and derive them here
    /// again, or are not known to be of them).
    #[allow(clippy::too_many_arguments)]
    fn apply_summary(
        &mut self,
        summary: &Summary,
        args: &[Val],
        places: &[Option<&'a Expr>],
        span: Span,
        f: FnId,
        group: Option<&Arc<Group>>,
        rederives: bool,
    ) -> Val {
        let name = &self.program.fns[f.index()].ir.name;
        // The arguments are not written during the call's application, so the result and
        // each write read the same parts of them: each is projected once.
        let mut notes = Notes {
            passed: format!("passed to `{name}`").into(),
            returned: format!("returned from `{name}`").into(),
            projected: HashMap::default(),
            folded: HashMap::default(),
            declared: self.declared_params(f),
        };
        // A callee's value in terms of this call's arguments is as large as they are: it is
        // bounded like a summary, so values cannot grow with every call in a body.
        let mut ret = self.instantiate(&summary.ret, args, span, &mut notes, rederives, 0);
        ret.shrink(SUMMARY_NODES);
        if !summary.lends.is_empty() {
            self.lend_result(&summary.lends, places, f, span);
        }
        if !summary.statics.is_empty() {
            let stored = format!("written into a static by `{name}`").into();
            let returned = std::mem::replace(&mut notes.returned, stored);
            for (g, value) in &summary.statics {
                let mut stored = self.instantiate(value, args, span, &mut notes, rederives, 0);
                stored.shrink(SUMMARY_NODES);
                self.store(*g, stored);
            }
            notes.returned = returned;
        }
        for (slot, value) in &summary.writes {
            self.store_given(*slot, value, args, places);
            let mut written = self.instantiate(value, args, span, &mut notes, rederives, 0);
            written.shrink(SUMMARY_NODES);
            if let Some(Some(place)) = places.get(*slot as usize) {
                let written = self.deref_coerced(place, written, f, *slot);
                self.write(place, written, false);
            }
        }
        // Many reaches of one summary read the same argument part (a merged `dyn` call's
        // impls): it is projected and folded once.
        let (passed, declared) = (notes.passed, notes.declared);
        match group {
            Some(group) => self.apply_group(group, args, span, &passed, declared),
            None => {
                let mut inputs = ReachInputs::default();
                for reach in &summary.reaches {
                    self.apply_reach(reach, args, span, (&passed, declared), &mut inputs, true);
                }
            }
        }
        ret
    }

    /// The places the result of the call at `span` borrows: where the callee's result
    /// borrows a parameter's place (`lends`), the place its argument is or borrows there
    /// (`p.both()` lends `p.left` and `p.right`, `p.pick(&mut out)` lends `out`). Writes
    /// through the result, or through what is bound to it, land there.
    fn lend_result(&mut self, lends: &[Lent], places: &[Option<&'a Expr>], f: FnId, span: Span) {
        let function = self.program.fns[f.index()].ir;
        // A receiver taken by reference is its place (`p` of `p.both()`).
        let by_ref = function.has_self
            && matches!(function.params.first(), Some(p) if matches!(p.ty, ir::Type::Ref { .. }));
        let mut borrows: Vec<Borrow> = Vec::new();
        for lent in lends {
            let Some(Some(place)) = places.get(lent.slot as usize) else {
                continue;
            };
            let mut given = Vec::new();
            let (mut path, mut through) = (Vec::new(), false);
            let receiver = (by_ref && lent.slot == 0)
                .then(|| self.place_root(place, &mut path, &mut through))
                .flatten();
            match receiver {
                Some(root) => given.push(Borrow::whole(root, path)),
                None => self.borrowed_places(place, Vec::new(), &mut given, 0),
            }
            for borrow in given.iter().filter_map(|b| b.of_part(Some(&lent.path))) {
                let borrow = Borrow {
                    from: [&lent.from[..], &borrow.from[..]].concat(),
                    ..borrow
                };
                if !borrows.contains(&borrow) {
                    borrows.push(borrow);
                }
            }
        }
        if borrows.is_empty() {
            return;
        }
        let held = self.result_lends.entry(span).or_default();
        for borrow in borrows {
            if !held.contains(&borrow) {
                held.push(borrow);
            }
        }
    }

    /// What a callee writes through a parameter of a local type the argument derefs to
    /// (`fill(&mut e, ..)` of an `Editor` for a `&mut Draft`, a `Draft` method called on an
    /// `Editor`), placed in the part of the argument its `Deref` impls lend (`e.draft`).
    fn deref_coerced(&self, place: &Expr, written: Val, f: FnId, slot: u16) -> Val {
        if self.program.deref.is_empty() {
            return written;
        }
        let Some(declared) = self.coercion_target(f, slot as usize) else {
            return written;
        };
        let (mut path, mut through) = (Vec::new(), false);
        let Some(local) = self.place_root(place, &mut path, &mut through) else {
            return written;
        };
        let start = path.len();
        self.deref_path(local, &mut path, |tys| {
            tys.iter().any(|ty| declared.contains(ty))
        });
        path[start..].iter().rev().fold(written, |part, name| {
            let mut whole = Val::default();
            whole.fields.insert(name.clone(), part);
            whole
        })
    }

    /// A group's reaches at a call: its labels as `GroupFlow`s, one per argument part and
    /// label; its reaches one by one only where the arguments hold symbolic facts this
    /// analysis keeps (see `keeps`), since those become reaches of its own summary.
    fn apply_group(
        &mut self,
        group: &Arc<Group>,
        args: &[Val],
        span: Span,
        passed: &Arc<str>,
        declared: u64,
    ) {
        let mut inputs = ReachInputs::default();
        let mut symbolic = false;
        for (slot, path) in &group.parts {
            let Some(arg) = args.get(*slot as usize) else {
                continue;
            };
            let facts = self.reach_input(arg, (*slot, path), span, (passed, declared));
            symbolic |= facts.keys().any(|origin| self.keeps(origin));
            inputs.insert((*slot, path.clone()), facts);
        }
        self.record_group(group, span, &inputs);
        if symbolic {
            for reach in &group.summary.reaches {
                self.apply_reach(reach, args, span, (passed, declared), &mut inputs, false);
            }
        }
    }

    /// Whether a reach of this symbolic fact is kept (see `record`): a closure's parameter,
    /// or a parameter of a function that has callers.
    fn keeps(&self, origin: &Origin) -> bool {
        match origin {
            Origin::Label(_) => false,
            Origin::Param { slot, .. } => *slot >= CLOSURE_SLOT || self.summaries.summarized,
        }
    }

    /// The part of an argument a reach reads, folded, with the step into the call.
    fn reach_input(
        &mut self,
        arg: &Val,
        (slot, path): (u16, &[Name]),
        span: Span,
        (passed, declared): (&Arc<str>, u64),
    ) -> Arc<Facts> {
        let part = self.project_path(arg, path, span, !declares(declared, slot));
        let mut facts = self.fold(&part, span);
        for fact in facts.values_mut() {
            fact.trace = domain::push(&fact.trace, span, passed.clone());
        }
        Arc::new(facts)
    }

    /// The labels passed at a call of many impls, kept as one `GroupFlow` each rather than
    /// one candidate per impl's sink (see `GroupFlow`).
    fn record_group(&mut self, group: &Arc<Group>, span: Span, inputs: &ReachInputs) {
        let guards = self.state.guards;
        for ((slot, path), facts) in inputs {
            for (origin, fact) in facts.iter() {
                let Origin::Label(label) = origin else {
                    continue;
                };
                let key = (
                    span,
                    Arc::as_ptr(group) as usize,
                    *slot,
                    path.clone(),
                    *label,
                    self.returning,
                );
                match self.group_flows.get_mut(&key) {
                    Some(existing) => {
                        existing.guards &= guards;
                        existing.fact.join(fact);
                    }
                    None => {
                        if !self.summaries.spend(CANDIDATE_COST) {
                            self.fail_budget();
                            return;
                        }
                        let flow = GroupFlow {
                            group: group.clone(),
                            slot: *slot,
                            path: path.clone(),
                            label: *label,
                            guards,
                            fact: fact.clone(),
                            discovered_in: self.id,
                            returned: self.returning,
                        };
                        self.group_flows.insert(key, flow);
                    }
                }
            }
        }
    }

    /// A method call on a receiver of unknown type, `dyn Trait` or a generic may reach many
    /// impls. With no roles among them, their summaries are joined once and applied once:
    /// the same result as applying each, at a fraction of the cost. `typed`: the arguments
    /// are of one impl's declared parameter types, whose labels hold of them (see
    /// `call_fn_typed`).
    #[allow(clippy::too_many_arguments)]
    fn call_merged(
        &mut self,
        fanout: &Fanout,
        recv: Val,
        values: Vec<Val>,
        places: Vec<Option<&'a Expr>>,
        span: Span,
        typed: bool,
    ) -> Val {
        let targets = &fanout.plain;
        let known = match self.merged.get(&**targets) {
            Some(group) => Ok(group.clone()),
            None => self.summaries.merged(targets),
        };
        let group = match known {
            Ok(group) => group,
            Err((reads, stale)) => {
                let placeholder = self.summaries.placeholder;
                let mut merged = Group::rejoin(stale.as_deref(), &reads, placeholder);
                // Only in a recursive component is a group built again in the same solve.
                let base = (!self.summaries.component.is_empty()).then(|| group::Base {
                    solve: placeholder.clone(),
                    joined: merged.clone(),
                });
                let answers = (reads.iter().zip(targets.iter()))
                    .filter(|(_, f)| self.program.fns[f.index()].ir.body.is_some())
                    .map(|(summary, _)| summary.as_ref().and_then(|s| s.ret.cond));
                if let Some(cond) = one_answer(answers) {
                    merged.ret.cond = Some(cond);
                }
                // The join of many unrelated impls can hold the fields of every type they
                // return: past a size it is folded, as a value of unknown type would be.
                merged.ret.shrink(MERGED_NODES);
                for (_, value) in &mut merged.writes {
                    value.shrink(MERGED_NODES);
                }
                let of = GroupOf::Impls(targets.clone());
                let group = Arc::new(Group::new(of, reads, merged, base));
                self.merged.insert(targets.to_vec(), group.clone());
                self.summaries.keep_merged(targets, &group);
                group
            }
        };
        // The group's own list, shared by every call of these impls.
        let callees: Arc<[FnId]> = match &group.of {
            GroupOf::Impls(callees) => callees.clone(),
            GroupOf::Closures { .. } => targets.clone(),
        };
        // The impls' declared parameter types are not added to the arguments here, so the
        // labels they derive from them are not derived again at this call (see `judge`).
        self.calls.push(CallSite {
            caller: self.id,
            callees,
            group: Some(group.clone()),
            guards: self.state.guards,
            rederives: false,
            outside: false,
            result_guards: self.state.guards,
            returned: self.returning,
        });
        self.hold_result(span);
        let mut args: Vec<Val> = std::iter::once(recv).chain(values).collect();
        // A parameter of every impl that only calls it runs its closure at their calls.
        let from_closures = self.run_closure_args(
            &mut args,
            span,
            Some((&group.summary, fanout.called, targets[0])),
            fanout.through,
            !typed,
        );
        let mut ret = self.apply_summary(
            &group.summary,
            &args,
            &places,
            span,
            targets[0],
            Some(&group),
            !typed,
        );
        if let Some(from_closures) = from_closures {
            ret.join(&from_closures);
        }
        ret
    }

    /// An argument of local types that are not the parameter's but deref to it (`show(&e)`
    /// of an `Editor` for a `&Draft`, `&session` for a `&User`) is what their `Deref` impls
    /// give, as deref coercion makes it.
    fn deref_coerce(&mut self, f: FnId, args: &mut [Val], places: &[Option<&'a Expr>], span: Span) {
        let program = self.program;
        if program.deref.is_empty() {
            return;
        }
        for (slot, arg) in args.iter_mut().enumerate() {
            let Some(declared) = self.coercion_target(f, slot) else {
                continue;
            };
            let is_declared = |tys: &[TyKey]| tys.iter().any(|ty| declared.contains(ty));
            if arg.tys.is_empty() || is_declared(&arg.tys) {
                continue;
            }
            let place = places.get(slot).copied().flatten();
            let lacks = |ty: &TyKey| !declared.contains(ty);
            let layers = self.deref(arg, lacks, |_, v| is_declared(&v.tys), place, span);
            if let Some(target) = layers.into_iter().last().filter(|t| is_declared(&t.tys)) {
                *arg = target;
            }
        }
    }

    /// The local types a reference parameter declares (`d: &mut Draft`), which an argument
    /// of another local type is deref-coerced to; none for a parameter taken by value or
    /// known by a generic's bounds.
    fn coercion_target(&self, f: FnId, slot: usize) -> Option<&'p [TyKey]> {
        let program = self.program;
        let function = &program.fns[f.index()];
        let by_ref =
            matches!(function.ir.params.get(slot), Some(p) if matches!(p.ty, ir::Type::Ref { .. }));
        let declared = function.signature.params.get(slot)?;
        let local = !declared.is_empty() && declared.iter().all(|ty| matches!(ty, TyKey::Adt(_)));
        (by_ref && local).then_some(&declared[..])
    }

    /// What the callee declares of its parameters' types holds of the arguments too.
    fn add_param_types(&self, f: FnId, args: &mut [Val]) {
        let signature = &self.program.fns[f.index()].signature;
        for (arg, keys) in args.iter_mut().zip(&signature.params) {
            if arg.sanitized {
                continue;
            }
            let typed = !arg.tys.is_empty();
            for key in keys {
                if !matches!(key, TyKey::Trait(_)) && !arg.tys.contains(key) {
                    arg.tys.push(key.clone());
                }
            }
            arg.tys.sort();
            if !typed {
                arg.ty_param = false;
            }
        }
    }

    /// Sinks, sources, sanitizers and consent checks, for a local function (`local` holds its
    /// id, result and consent shape) or an item of the policy file.
    #[allow(clippy::too_many_arguments)]
    fn apply_roles(
        &mut self,
        roles: &crate::program::Roles,
        path: &str,
        recv: Option<&Val>,
        values: &[Val],
        places: &[Option<&'a Expr>],
        span: Span,
        local: Option<(FnId, Val, Shape)>,
    ) -> Val {
        for (parties, args) in &roles.sinks {
            let site = Arc::new(SinkSite {
                span,
                function: path.to_string(),
                parties: *parties,
            });
            let mut selected: Vec<&Val> = Vec::new();
            match args {
                None => selected.extend(values.iter()),
                Some(names) => {
                    for name in names {
                        if &**name == "self" {
                            selected.extend(recv);
                        } else if let Some(index) =
                            self.param_index(local.as_ref().map(|l| l.0), name)
                        {
                            selected.extend(values.get(index));
                        } else if local.is_none() {
                            // Another crate's function: its parameters' names are not seen,
                            // so any argument may be the one named.
                            selected.extend(values.iter());
                        }
                    }
                }
            }
            for value in selected {
                let mut facts = self.fold(value, span);
                // A closure handed to a sink is called there: what it returns is sent
                // (`post_lazy(move || u.phone.clone())`).
                if value.is_callable() {
                    let callee = value.callables();
                    if let Some(result) = self.invoke_value(&callee, &[Val::default()], &[], span) {
                        domain::join_facts(&mut facts, &self.fold(&result, span));
                    }
                }
                self.sink(&site, facts);
            }
        }
        let local_fn = local.as_ref().map(|l| l.0);
        let (mut result, shape) = match local {
            Some((_, ret, shape)) => (ret, shape),
            None => match recv {
                Some(recv) => (self.unknown_method(recv, values, span), Shape::Any),
                None => (self.unknown_call(None, values, span), Shape::Any),
            },
        };
        if let Some(removes) = &roles.sanitizer {
            let strip = match removes {
                None => Strip::Every,
                Some(list) => Strip::Categories(list.clone().into()),
            };
            self.sanitize(&mut result, &strip, span);
        }
        let name = path.rsplit("::").next().unwrap_or(path);
        for (label, args) in &roles.sources {
            let Some(names) = args else {
                let trace = domain::push(&None, span, format!("returned by source `{name}`"));
                result.facts.insert(Origin::Label(*label), Fact::new(trace));
                continue;
            };
            // A source's named `&mut` parameter is an out-parameter: after the call, what the
            // caller lent there holds the label (`fetch("all", &mut out)`). Another crate's
            // parameters are not seen, so any argument it is lent may be the one.
            let trace = domain::push(&None, span, format!("filled by source `{name}`"));
            let filled = Val {
                facts: Facts::from_iter([(Origin::Label(*label), Fact::new(trace))]),
                ..Val::default()
            };
            let indices: Vec<usize> = match local_fn {
                Some(f) => (names.iter())
                    .filter_map(|n| self.param_index(Some(f), n))
                    .collect(),
                None => (0..values.len()).collect(),
            };
            let offset = usize::from(recv.is_some());
            let lent: Vec<Option<&'a Expr>> = (indices.iter())
                .map(|i| places.get(i + offset).copied().flatten())
                .collect();
            // `args(self)`: the receiver the method fills.
            if let (true, Some(Some(receiver))) = (
                recv.is_some() && names.iter().any(|n| &**n == "self"),
                places.first(),
            ) {
                self.write(receiver, filled.clone(), false);
            }
            self.write_lent(&lent, &filled);
            // A local holding the borrow (`let r = &mut a; fetch(r)`) fills what it borrows.
            for place in lent.into_iter().flatten() {
                if matches!(place, Expr::Local(local, _) if self.aliases.contains_key(local)) {
                    self.write(place, filled.clone(), false);
                }
            }
        }
        if roles.consent_check != 0 {
            result.cond = Some(Cond {
                shape,
                when_true: roles.consent_check,
                when_false: 0,
            });
        }
        result
    }

    /// The position among the non-self arguments of the parameter called `name`.
    fn param_index(&self, f: Option<FnId>, name: &Name) -> Option<usize> {
        let f = f?;
        // `args(..)` on a trait declaration names the declaration's parameters: an impl may
        // call them otherwise, so they are matched by position, the declaration's first
        // where its own attribute names them.
        let declaration = self.program.declaration_of(f);
        let declared = declaration.is_some_and(|d| {
            (self.program.fns[d.index()].ir.roles.iter()).any(|attr| match &attr.role {
                ir::Role::Sink { args, .. } | ir::Role::Source { args, .. } => {
                    args.as_ref().is_some_and(|args| args.contains(name))
                }
                _ => false,
            })
        });
        let order = match declared {
            true => [declaration, Some(f)],
            false => [Some(f), declaration],
        };
        order.into_iter().flatten().find_map(|g| {
            let function = self.program.fns[g.index()].ir;
            let position = function
                .params
                .iter()
                .position(|p| p.name.as_ref() == Some(name))?;
            position.checked_sub(usize::from(function.has_self))
        })
    }

    /// Removes what a sanitizer takes out: labels of its categories now, symbolic facts later.
    fn sanitize(&self, value: &mut Val, strip: &Strip, span: Span) {
        let labels = &self.program.labels;
        value.retain_facts(&mut |origin, fact| match origin {
            Origin::Label(l) => !strip.removes(&labels[l.index()].category),
            Origin::Param { .. } => {
                fact.strip = fact.strip.then(strip);
                !matches!(fact.strip, Strip::Every)
            }
        });
        self.sanitize_types(value, strip, span, 0);
        value.sanitized = true;
    }

    /// What a sanitized value's types declare, without the removed labels: a type all of whose
    /// labels are removed carries none; a struct some of whose are (`fn redact_phone(u: &User)
    /// -> User`) is spelled out one level, its fields with the labels they keep and their own
    /// types, sanitized in turn.
    fn sanitize_types(&self, value: &mut Val, strip: &Strip, span: Span, depth: usize) {
        let labels = &self.program.labels;
        let removed = |l: &LabelId| strip.removes(&labels[l.index()].category);
        let mut spelled = Vec::new();
        value.tys.retain(|ty| {
            let TyKey::Adt(adt) = ty else { return true };
            let deep = &self.deep_labels[adt.index()];
            let info = &self.program.adts[adt.index()];
            match (deep.iter().all(removed), deep.iter().any(removed)) {
                (true, _) => false,
                (false, true) if info.ir.variants.is_empty() && depth < MAX_DEPTH => {
                    spelled.push(*adt);
                    false
                }
                _ => true,
            }
        });
        value.carried.retain(|(ty, _)| match ty {
            TyKey::Adt(adt) => !self.deep_labels[adt.index()].iter().all(removed),
            _ => true,
        });
        let fact = |note: String| Fact {
            consented: value.ty_consent,
            via_param: value.ty_param,
            ..Fact::new(domain::push(&None, span, note))
        };
        for adt in spelled {
            let info = &self.program.adts[adt.index()];
            for label in info.labels.iter().filter(|l| !removed(l)) {
                let fact = fact(format!("whole `{}` value", info.ir.name));
                domain::join_fact(&mut value.facts, Origin::Label(*label), fact);
            }
            let mut names: Vec<&Name> = info.fields.keys().collect();
            names.sort();
            for name in names {
                let field = &info.fields[name];
                let mut sub = Val {
                    tys: field.keys.clone(),
                    ty_consent: value.ty_consent,
                    ty_param: value.ty_param,
                    ..Val::default()
                };
                for label in info
                    .labels
                    .iter()
                    .chain(&field.labels)
                    .filter(|l| !removed(l))
                {
                    let fact = fact(format!("read from {}::{name}", info.ir.name));
                    domain::join_fact(&mut sub.facts, Origin::Label(*label), fact);
                }
                value
                    .fields
                    .make_mut()
                    .entry(name.clone())
                    .or_default()
                    .join(&sub);
            }
        }
        if depth < MAX_DEPTH {
            for sub in value.fields.values_mut() {
                self.sanitize_types(sub, strip, span, depth + 1);
                sub.sanitized = true;
            }
        }
    }

    /// Labels reaching a sink call here: candidates; symbols: the summary's reaches.
    fn sink(&mut self, site: &Arc<SinkSite>, facts: Facts) {
        let guards = self.state.guards;
        for (origin, fact) in facts {
            self.record(site, origin, fact, guards);
        }
    }

    fn record(&mut self, site: &Arc<SinkSite>, origin: Origin, fact: Fact, guards: PartySet) {
        match origin {
            Origin::Label(label) => {
                let candidate = Candidate {
                    sink: site.clone(),
                    label,
                    guards,
                    consented: fact.consented,
                    trace: fact.trace,
                    discovered_in: self.id,
                    via_param: fact.via_param,
                    returned: self.returning,
                };
                let key = (site.span, label, site.parties, self.returning);
                match self.candidates.get_mut(&key) {
                    Some(existing) => existing.join(&candidate),
                    None => {
                        if !self.summaries.spend(CANDIDATE_COST) {
                            self.fail_budget();
                            return;
                        }
                        self.candidates.insert(key, candidate);
                    }
                }
            }
            // Nobody calls this function: what its parameters reach is in no summary read.
            Origin::Param { .. } if !self.keeps(&origin) => {}
            Origin::Param { slot, path, .. } => {
                let key = (slot, path.clone(), site.span, site.parties);
                let reach = Reach {
                    slot,
                    path,
                    sink: site.clone(),
                    guards,
                    fact,
                };
                match self.reaches.get_mut(&key) {
                    // Protected on both paths by a check or a consent filter (see
                    // `Candidate::join`).
                    Some((existing, existing_guards)) => {
                        let protected = (*existing_guards | existing.fact.consented)
                            & (guards | reach.fact.consented);
                        existing.fact.join(&reach.fact);
                        *existing_guards = protected & !existing.fact.consented;
                    }
                    None => {
                        if !self.summaries.spend(CANDIDATE_COST) {
                            self.fail_budget();
                            return;
                        }
                        self.reaches.insert(key, (reach, guards));
                    }
                }
            }
        }
    }

    /// A callee's reach of a sink, with this call's arguments.
    fn apply_reach(
        &mut self,
        reach: &Reach,
        args: &[Val],
        span: Span,
        (passed, declared): (&Arc<str>, u64),
        inputs: &mut ReachInputs,
        labels: bool,
    ) {
        let Some(arg) = args.get(reach.slot as usize) else {
            return;
        };
        let facts = match inputs.get(&(reach.slot, reach.path.clone())) {
            Some(facts) => facts.clone(),
            None => {
                let at = (reach.slot, &reach.path[..]);
                let facts = self.reach_input(arg, at, span, (passed, declared));
                inputs.insert((reach.slot, reach.path.clone()), facts.clone());
                facts
            }
        };
        let guards = reach.guards | self.state.guards;
        for (origin, fact) in facts.iter() {
            if !labels && !self.keeps(origin) {
                continue;
            }
            if let Origin::Label(l) = origin {
                if reach
                    .fact
                    .strip
                    .removes(&self.program.labels[l.index()].category)
                {
                    continue;
                }
            }
            let trace = domain::concat(&fact.trace, &reach.fact.trace);
            let strip = fact.strip.then(&reach.fact.strip);
            let fact = Fact {
                consented: fact.consented | reach.fact.consented,
                strip,
                trace,
                via_param: fact.via_param,
            };
            self.record(&reach.sink, origin.clone(), fact, guards);
        }
    }

    /// A callee's symbolic value in terms of this call's arguments.
    fn instantiate(
        &mut self,
        value: &Val,
        args: &[Val],
        span: Span,
        notes: &mut Notes,
        rederives: bool,
        depth: usize,
    ) -> Val {
        // Types from the callee's parameter declarations are the arguments' types here, with
        // the arguments' consent marks (see `add_param_types`).
        let rederived = rederives && value.ty_param;
        let mut out = Val {
            tys: if rederived {
                Vec::new()
            } else {
                value.tys.clone()
            },
            cond: value.cond,
            is_none: value.is_none,
            fns: value.fns.clone(),
            externals: value.externals.clone(),
            ty_consent: value.ty_consent,
            carried: value.carried.clone(),
            exact: value.exact,
            sanitized: value.sanitized,
            split: value.split,
            ..Val::default()
        };
        // A value of a parameter's type is that argument: a struct literal passed through
        // (`fn pass(b: Batch) -> Batch { b }`, a builder's `fn flagged(mut self) -> Self`)
        // stays one, so its fields keep their own consent marks.
        let mut args_exact: Option<bool> = None;
        for (origin, fact) in &value.facts {
            match origin {
                // The caller derives it again from its argument, with what it knows.
                Origin::Label(_) if fact.via_param && rederives => {}
                Origin::Label(l) => {
                    let trace = domain::push(&fact.trace, span, notes.returned.clone());
                    let fact = Fact {
                        trace,
                        via_param: false,
                        ..fact.clone()
                    };
                    domain::join_fact(&mut out.facts, Origin::Label(*l), fact);
                }
                Origin::Param { slot, path, flat } => {
                    let Some(arg) = args.get(*slot as usize) else {
                        continue;
                    };
                    let key = (*slot, path.clone());
                    let by_name = !declares(notes.declared, *slot);
                    let mut part = if *flat {
                        // Marks distribute over folding (a join keeps the marks both
                        // sides carry), so the part is folded once and marked per fact.
                        let mut facts = match notes.folded.get(&key) {
                            Some(facts) => facts.clone(),
                            None => {
                                let part = (notes.projected.entry(key.clone()))
                                    .or_insert_with(|| self.project_path(arg, path, span, by_name));
                                let facts = self.fold(part, span);
                                notes.folded.insert(key, facts.clone());
                                facts
                            }
                        };
                        for inner in facts.values_mut() {
                            inner.consented |= fact.consented;
                        }
                        Val {
                            facts,
                            ..Val::default()
                        }
                    } else {
                        let mut part = (notes.projected.entry(key))
                            .or_insert_with(|| self.project_path(arg, path, span, by_name))
                            .clone();
                        part.consent(fact.consented);
                        part
                    };
                    part.closures.clear();
                    let labels = &self.program.labels;
                    part.retain_facts(&mut |origin, inner| {
                        if let Origin::Label(l) = origin {
                            if fact.strip.removes(&labels[l.index()].category) {
                                return false;
                            }
                        }
                        inner.strip = inner.strip.then(&fact.strip);
                        let passed = domain::push(&inner.trace, span, notes.passed.clone());
                        inner.trace = domain::push(
                            &domain::concat(&passed, &fact.trace),
                            span,
                            notes.returned.clone(),
                        );
                        true
                    });
                    // What `Ok` holds in the callee's `Result` is the argument, whole.
                    if value.split {
                        part = part.into_ok();
                    }
                    args_exact = Some(args_exact.unwrap_or(true) && part.exact);
                    out.join(&part);
                }
            }
        }
        if depth >= MAX_DEPTH && !value.fields.is_empty() {
            // Past the depth bound the fields fold into the node, labels kept.
            let mut flat = Val::with_tys(Vec::new());
            flat.facts = value.fold();
            let folded = self.instantiate(&flat, args, span, notes, rederives, depth);
            out.join(&folded);
        }
        if depth < MAX_DEPTH {
            for (field, sub) in value.fields.iter() {
                let sub = self.instantiate(sub, args, span, notes, rederives, depth + 1);
                match out.fields.make_mut().get_mut(field) {
                    Some(existing) => {
                        existing.join(&sub);
                    }
                    None => {
                        out.fields.insert(field.clone(), sub);
                    }
                }
            }
        }
        if rederived {
            out.exact |= args_exact == Some(true);
            add_declared_tys(self.program, &mut out.tys, &value.tys);
            out.tys.sort();
        }
        // The callee's answer is the call's, whatever the arguments it carries (a wrapper
        // `fn consenting(u: &User) -> bool { shares(u) }` whose check compares `u.id`).
        if value.cond.is_some() {
            out.cond = value.cond;
        }
        out
    }

    fn eval_macro(
        &mut self,
        kind: ir::MacroKind,
        path: &ir::Path,
        args: &'a [Expr],
        span: Span,
    ) -> Val {
        use ir::MacroKind;
        match kind {
            MacroKind::Assert => {
                let mut rest = args.iter();
                if let Some(cond) = rest.next() {
                    let (_, (t, _)) = self.eval_cond(cond);
                    for a in rest {
                        self.eval(a);
                    }
                    self.state.guards |= t;
                }
                Val::default()
            }
            MacroKind::Panic => {
                for a in args {
                    self.eval(a);
                }
                self.reachable = false;
                Val::default()
            }
            MacroKind::Write => {
                let mut rest = args.iter();
                let dest = rest.next();
                let mut written = Val::default();
                for a in rest {
                    let value = self.eval(a);
                    let folded = self.fold(&value, span);
                    domain::join_facts(&mut written.facts, &folded);
                }
                if let Some(dest) = dest {
                    let to = self.eval(dest);
                    // Into a local type's `Write` impl: its `write_fmt` calls `write`.
                    let (mut targets, mut policy) = (Vec::new(), Vec::new());
                    self.provided(&to, &Name::from("write_fmt"), &mut targets, &mut policy);
                    for f in targets {
                        let places = vec![Some(dest), None];
                        self.call_fn(f, Some(to.clone()), vec![written.clone()], places, span);
                    }
                    for (path, roles) in &policy {
                        let given = std::slice::from_ref(&written);
                        self.apply_roles(roles, path, Some(&to), given, &[], span, None);
                    }
                    self.write(dest, written, false);
                }
                Val::default()
            }
            MacroKind::Vec => {
                // Empty, it is a `Vec` as `Vec::new()` is: its methods are std's.
                let mut value = Val {
                    is_none: args.is_empty(),
                    tys: (args.is_empty().then(|| TyKey::External(Name::from("Vec"))))
                        .into_iter()
                        .collect(),
                    ..Val::default()
                };
                for a in args {
                    let item = self.eval(a);
                    value.join(&item);
                }
                value
            }
            MacroKind::Format | MacroKind::Print | MacroKind::Other => {
                let values: Vec<Val> = args.iter().map(|a| self.eval(a)).collect();
                let joined = path
                    .segments
                    .iter()
                    .map(|s| &**s)
                    .collect::<Vec<_>>()
                    .join("::");
                let mut resolved = match self.program.resolve_path(self.module, path) {
                    Resolved::External(paths) => paths,
                    _ => vec![joined.clone()],
                };
                // `eprintln!` not imported from elsewhere is std's, as the prelude makes it,
                // and `std::eprintln!` is the policy's `eprintln`.
                let last = path.segments.last().map_or("", |s| &**s);
                let std_path = format!("std::{last}");
                let as_std = joined == last || joined == std_path;
                if STD_PRELUDE_MACROS.contains(&last)
                    && as_std
                    && (resolved.contains(&joined) || resolved.contains(&std_path))
                {
                    for name in [last.to_string(), std_path] {
                        if !resolved.contains(&name) {
                            resolved.push(name);
                        }
                    }
                }
                // `#[macro_use] extern crate log;` names `log::error!` bare (`error!`).
                if path.segments.len() == 1 && resolved == [joined.clone()] {
                    resolved.extend(self.program.macro_use_paths(&joined));
                }
                let has_role = resolved
                    .iter()
                    .any(|p| self.program.policy_role(p).is_some());
                if has_role {
                    let places: Vec<Option<&'a Expr>> = args.iter().map(Some).collect();
                    return self.external_call(&resolved, &values, &places, span);
                }
                if kind == MacroKind::Print {
                    return Val::default();
                }
                // A macro the checker does not expand (`with_retry!(sync_user, u)`) may call
                // what it is given with the rest, as another crate's function may.
                if kind == MacroKind::Other && values.iter().any(Val::is_callable) {
                    return self.unknown_call(None, &values, span);
                }
                let mut value = Val::default();
                for v in &values {
                    let folded = self.fold(v, span);
                    domain::join_facts(&mut value.facts, &folded);
                }
                if kind == MacroKind::Format {
                    value.tys = vec![TyKey::External(Name::from("String"))];
                }
                value
            }
        }
    }
}

/// The macros std exports at its root, usable anywhere without an import.
const STD_PRELUDE_MACROS: &[&str] = &[
    "print",
    "println",
    "eprint",
    "eprintln",
    "format",
    "format_args",
    "write",
    "writeln",
    "panic",
    "dbg",
    "todo",
    "unimplemented",
    "unreachable",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "vec",
    "concat",
    "stringify",
];

/// `expr` without the references and parentheses around it (`&x`, `(x)`).
fn through_transparent(mut expr: &Expr) -> &Expr {
    while let Expr::Transparent(inner) = expr {
        expr = inner;
    }
    expr
}

/// Where a body's `expr` is one of its parameters, what a call gives for it (`args`, the
/// call's arguments), without references around it.
fn argument_for<'e>(body: &ir::Body, args: &'e [Expr], expr: &Expr) -> Option<&'e Expr> {
    let (slot, _) = param_place(body, expr).filter(|(_, path)| path.is_empty())?;
    Some(through_transparent(args.get(slot)?))
}

/// Where a body's `expr` is a place in one of its parameters (`h`, `self.lines`), that
/// parameter's slot and the fields to the place.
fn param_place(body: &ir::Body, mut expr: &Expr) -> Option<(usize, Vec<Name>)> {
    let mut path = Vec::new();
    loop {
        match through_transparent(expr) {
            Expr::Field { base, name, .. } => {
                path.push(name.clone());
                expr = base;
            }
            Expr::Local(param, _) => {
                let slot = (body.params.iter())
                    .position(|p| matches!(p, Pat::Bind(l, _) if l == param))?;
                path.reverse();
                return Some((slot, path));
            }
            _ => return None,
        }
    }
}

/// The expression a block ends in (`{ ..; x }` is `x`).
fn body_tail(mut value: &Expr) -> Option<&Expr> {
    while let Expr::Block(stmts) = value {
        value = stmts.last()?;
    }
    Some(value)
}

/// What `expr` clones: the receiver of `x.clone()`, the argument of `Rc::clone(&x)` or
/// `Arc::clone(&x)`. A `Weak` is another handle of its cell: `Rc::downgrade(&x)` and
/// `w.upgrade()` are clones too.
fn cloned_from(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::MethodCall(call)
            if matches!(&*call.method, "clone" | "upgrade") && call.args.is_empty() =>
        {
            Some(&call.receiver)
        }
        Expr::Call { callee, args, .. } if args.len() == 1 => match &**callee {
            Expr::Path(path, _) if is_cell_handle(path) => match &args[0] {
                Expr::Transparent(inner) | Expr::Lend(inner) => Some(&**inner),
                other => Some(other),
            },
            _ => None,
        },
        _ => None,
    }
}

/// Where an element is taken out of a collection by std's accessors, through any number of
/// them (`cells[0]`, `cells.get(0).unwrap()`, `cells.pop()`, `m.values().next()`,
/// `cells.first().cloned()`).
struct ElementSource<'e> {
    /// The collection (the expression itself where no accessor is applied).
    collection: &'e Expr,
    /// Some accessor was applied.
    taken: bool,
    /// Some accessor copies the element (`cloned()`): a local `Clone` impl may make a new
    /// value.
    copied: bool,
}

fn element_source(mut expr: &Expr) -> ElementSource<'_> {
    let (mut taken, mut copied) = (false, false);
    loop {
        match expr {
            Expr::Transparent(inner) | Expr::Lend(inner) => expr = inner,
            Expr::Index { base, .. } => {
                taken = true;
                expr = base;
            }
            Expr::MethodCall(call) if takes_element(&call.method) => {
                taken = true;
                copied |= matches!(&*call.method, "cloned" | "copied" | "clone");
                expr = &call.receiver;
            }
            _ => {
                return ElementSource {
                    collection: expr,
                    taken,
                    copied,
                }
            }
        }
    }
}

/// std's methods whose result is an element of their receiver, or an `Option`, reference or
/// iterator of its elements (see `element_source`).
fn takes_element(method: &str) -> bool {
    models::yields_element(method)
        || models::unwraps(method)
        || matches!(
            method,
            "iter"
                | "iter_mut"
                | "into_iter"
                | "values"
                | "values_mut"
                | "into_values"
                | "drain"
                | "find"
                | "rev"
                | "skip"
                | "take"
                | "filter"
                | "step_by"
                | "peekable"
                | "cloned"
                | "copied"
                | "clone"
                | "as_ref"
                | "as_mut"
                | "as_deref"
                | "as_deref_mut"
        )
}

/// Whether `expr` holds a `&mut` it makes (`&mut a`, `Some(&mut a)`, `[&mut a, &mut b]`).
fn lends_mut(expr: &Expr) -> bool {
    match expr {
        Expr::Lend(_) => true,
        Expr::Array(items) | Expr::Tuple(items) => items.iter().any(lends_mut),
        Expr::Macro(call) if call.kind == ir::MacroKind::Vec => call.args.iter().any(lends_mut),
        _ => wrapped(expr).is_some_and(lends_mut),
    }
}

/// Whether a part of a struct, tuple or array may be a borrow kept there: not the result of
/// a function given a reference (`count(&a)` is most likely a new value), except a clone of
/// an `Rc`/`Arc`, which shares its cell.
fn may_lend_part(part: &Expr) -> bool {
    match part {
        Expr::Call { callee, .. } => {
            matches!(&**callee, Expr::Path(path, _) if is_cell_handle(path))
        }
        _ => true,
    }
}

/// A place a local borrows: writes into the local's part `from` land in `target` at
/// `prefix` (`let w = W { t: &mut a }`: `w.t` is `a`; `let r = &mut a.inbox`: `r` is
/// `a.inbox`).
#[derive(Clone, PartialEq, Debug)]
struct Borrow {
    from: Vec<Name>,
    target: Local,
    prefix: Vec<Name>,
}

impl Borrow {
    /// The whole local borrows `target` at `prefix`.
    fn whole(target: Local, prefix: Vec<Name>) -> Borrow {
        Borrow {
            from: Vec::new(),
            target,
            prefix,
        }
    }

    /// The borrow of a local bound to the part `at` of the borrowing value (`None`: some
    /// part, the whole place then), if that part borrows anything.
    fn of_part(&self, at: Option<&[Name]>) -> Option<Borrow> {
        let Some(at) = at else {
            return Some(Borrow::whole(self.target, self.prefix.clone()));
        };
        if let Some(rest) = at.strip_prefix(&self.from[..]) {
            let prefix = [&self.prefix[..], rest].concat();
            return Some(Borrow::whole(self.target, prefix));
        }
        let from = self.from.strip_prefix(at)?.to_vec();
        Some(Borrow {
            from,
            ..self.clone()
        })
    }

    /// What a write of `value` into the local at `path` writes into the borrowed place, and
    /// at what path below `prefix`: all of it when the write is inside the borrowing part,
    /// that part of it when the write covers the part (a value without that field, from
    /// unknown code, may hold it anywhere), nothing when it is elsewhere.
    fn lands<'p>(&self, path: &'p [Name], value: &Val) -> Option<(&'p [Name], Val)> {
        if let Some(rest) = path.strip_prefix(&self.from[..]) {
            return Some((rest, value.clone()));
        }
        let below = self.from.strip_prefix(path)?;
        let mut part = value;
        for name in below {
            match part.fields.get(name) {
                Some(field) => part = field,
                None if part.fields.is_empty() => break,
                None => return None,
            }
        }
        Some((&[], part.clone()))
    }
}

/// Whether a declared type holds a reference, syntactically (`&mut Entry`, `Option<&str>`,
/// `impl Iterator + '_`, a type not known to own its content).
fn mentions_reference(ty: &ir::Type, depth: usize) -> bool {
    match ty {
        ir::Type::Ref { .. } => true,
        _ if depth > 8 => true,
        ir::Type::Path(path) => path
            .generics
            .iter()
            .any(|t| mentions_reference(t, depth + 1)),
        ir::Type::Tuple(items) => items.iter().any(|t| mentions_reference(t, depth + 1)),
        ir::Type::Slice(inner) => mentions_reference(inner, depth + 1),
        ir::Type::Bounds(_) | ir::Type::Fn | ir::Type::Infer | ir::Type::Other => true,
        ir::Type::Never => false,
    }
}

/// A pattern that matches whatever it is given (`_`, `x`, `(a, _)`).
fn irrefutable(pat: &Pat) -> bool {
    match pat {
        Pat::Wild | Pat::Bind(_, None) => true,
        Pat::Bind(_, Some(sub)) => irrefutable(sub),
        Pat::Tuple(None, items) => items.iter().all(irrefutable),
        _ => false,
    }
}

/// `value` as a later arm sees it: without the parts of the variants earlier arms took, and
/// holding nothing where it is one of them.
fn without_variants(value: &Val, covered: &[Name]) -> Val {
    if covered.is_empty() {
        return value.clone();
    }
    if value.variant.as_ref().is_some_and(|v| covered.contains(v)) {
        return Val {
            is_none: true,
            tys: value.tys.clone(),
            ..Val::default()
        };
    }
    let mut narrowed = value.clone();
    let taken: Vec<Name> = (narrowed.fields.keys())
        .filter(|key| {
            key.split_once('.')
                .is_some_and(|(variant, _)| covered.iter().any(|c| **c == *variant))
        })
        .cloned()
        .collect();
    if !taken.is_empty() {
        let fields = narrowed.fields.make_mut();
        for key in taken {
            fields.remove(&key);
        }
    }
    // `Err(E::A(_))` takes the variant from the error.
    if let Some(error) = narrowed
        .fields
        .get(domain::ERR)
        .map(|e| without_variants(e, covered))
    {
        narrowed.fields.insert(Name::from(domain::ERR), error);
    }
    narrowed
}

/// What `Some(x)` or `Ok(x)` wraps.
fn wrapped(expr: &Expr) -> Option<&Expr> {
    let Expr::Call { callee, args, .. } = expr else {
        return None;
    };
    match (&**callee, args.as_slice()) {
        (Expr::Path(path, _), [inner]) if variant_polarity(path) == Some(true) => Some(inner),
        _ => None,
    }
}

/// A function or method that starts a thread or task with the closure it is given.
fn is_spawn(name: &str) -> bool {
    matches!(
        name,
        "spawn" | "spawn_blocking" | "spawn_local" | "spawn_scoped"
    )
}

/// The answer of calls reaching several bodies, where they all answer as one check
/// (`u.consents()` of a `dyn Shareable` whose impls wrap it): a trait's declaration without a
/// body answers nothing of its own, so only the bodies' answers are given.
fn one_answer(answers: impl IntoIterator<Item = Option<Cond>>) -> Option<Cond> {
    let mut answers = answers.into_iter();
    let first = answers.next()??;
    answers.all(|answer| answer == Some(first)).then_some(first)
}

/// One answer of a consent check a pattern takes: yes (`true`, `Ok(_)`, `Some(true)`), no
/// (`false`, `Err(_)`, `None`), or the inner no of an `Ok(true)`-shaped one (`Ok(false)`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Taken {
    Yes = 1,
    No = 2,
    InnerNo = 4,
}

impl Taken {
    fn of(positive: bool) -> Taken {
        match positive {
            true => Taken::Yes,
            false => Taken::No,
        }
    }
}

/// The answers earlier arms of a match took whatever followed (a set of `Taken` bits): a
/// catch-all arm takes the rest (`false => .., _ => ..`).
#[derive(Clone, Copy, Default)]
struct Answers(u8);

impl Answers {
    /// The one kind of answer a catch-all arm is left with, if one.
    fn rest(self, shape: Shape) -> Option<Taken> {
        let refusals = match shape {
            Shape::Wrapped { inner_bool: true } => Taken::No as u8 | Taken::InnerNo as u8,
            _ => Taken::No as u8,
        };
        let yes = self.0 & Taken::Yes as u8 != 0;
        match (yes, self.0 & refusals == refusals) {
            (false, true) => Some(Taken::Yes),
            (true, false) => Some(Taken::No),
            _ => None,
        }
    }
}

/// `Ok`/`Some` are positive outcomes, `Err`/`None` negative.
fn variant_polarity(path: &ir::Path) -> Option<bool> {
    match path.segments.last().map(|s| &**s) {
        Some("Ok" | "Some") => Some(true),
        Some("Err" | "None") => Some(false),
        _ => None,
    }
}

/// Narrows the part several methods lend to what `lent` has in common with it.
fn narrow_to_common(common: &mut Option<Vec<Name>>, lent: Vec<Name>) {
    match common {
        None => *common = Some(lent),
        Some(prefix) => {
            let same = prefix.iter().zip(&lent).take_while(|(a, b)| a == b).count();
            prefix.truncate(same);
        }
    }
}

/// The field path of `self` that a body's value borrows (`&mut self.inbox.items`), if that
/// is what it returns. An element (`&mut self.users[i]`, `self.users.last_mut().unwrap()`)
/// is its collection's place, since collections are smashed to their element.
fn lent_path(body: &ir::Body, cloned: bool) -> Option<Vec<Name>> {
    let Some(Pat::Bind(receiver, _)) = body.params.first() else {
        return None;
    };
    let mut value = body_tail(&body.value)?;
    if cloned {
        value = cloned_from(value)?;
    }
    let mut path = Vec::new();
    loop {
        match value {
            Expr::Block(items) => value = items.last()?,
            Expr::Transparent(inner) | Expr::Lend(inner) | Expr::Index { base: inner, .. } => {
                value = inner
            }
            Expr::MethodCall(call) if is_place_method(&call.method) => value = &call.receiver,
            Expr::Field { base, name, .. } => {
                path.push(name.clone());
                value = base;
            }
            Expr::Local(local, _) if local == receiver => {
                path.reverse();
                return Some(path);
            }
            _ => return None,
        }
    }
}

fn is_borrowing_adapter(method: &str) -> bool {
    matches!(
        method,
        "zip"
            | "next"
            | "next_back"
            | "nth"
            | "find"
            | "last"
            | "peek"
            | "enumerate"
            | "rev"
            | "skip"
            | "take"
            | "filter"
            | "chain"
            | "step_by"
            | "peekable"
            | "map"
    )
}

/// `true` / `false` as written.
fn bool_literal(expr: &Expr) -> Option<bool> {
    match expr {
        Expr::Lit(ir::Lit::Bool(b)) => Some(*b),
        _ => None,
    }
}

/// A literal compared with `==` read as the pattern it would be: `true`, `None`,
/// `Ok(true)`, `Some(false)`, `Err(_)`-like variants with literal arguments.
fn literal_pattern(expr: &Expr) -> Option<Pat> {
    match expr {
        Expr::Lit(ir::Lit::Bool(b)) => Some(Pat::Lit(ir::Lit::Bool(*b))),
        Expr::Path(path, _) if variant_polarity(path).is_some() => Some(Pat::Path(path.clone())),
        Expr::Call { callee, args, .. } => {
            let Expr::Path(path, _) = &**callee else {
                return None;
            };
            variant_polarity(path)?;
            let inner = args.iter().map(|a| literal_pattern(a).unwrap_or(Pat::Wild));
            Some(Pat::Tuple(Some(path.clone()), inner.collect()))
        }
        Expr::Transparent(inner) | Expr::Lend(inner) => literal_pattern(inner),
        _ => None,
    }
}

/// How many accessors deep `static_root` follows (`fn log() { cache() }`).
const MAX_ACCESSORS: usize = 4;

/// The statics `place` may name, with `resolve` reading paths where it is written. A call
/// of a local function or method without arguments whose result is a static's place
/// (`&CACHE`, `R.get_or_init(..)` of a `static R: OnceLock<..>` in its body) is that
/// static: the accessor idiom for global registries and caches (a method of a name several
/// types have may be any of theirs).
fn static_root(
    program: &Program,
    place: &Expr,
    resolve: &dyn Fn(&ir::Path) -> Resolved,
    depth: usize,
) -> Vec<FnId> {
    let inner = |place: &Expr| static_root(program, place, resolve, depth);
    match place {
        Expr::Path(path, _) => match resolve(path) {
            Resolved::Def(Def::Global(g)) => vec![g],
            _ => Vec::new(),
        },
        Expr::Field { base, .. } | Expr::Index { base, .. } => inner(base),
        Expr::Transparent(inner_place) | Expr::Lend(inner_place) => inner(inner_place),
        // A place of the receiver's (`CACHE.lock()`), or a local method returning a
        // static's place (`fn buf(&self) -> &'static Mutex<..>`, also named `get`).
        Expr::MethodCall(call) => {
            let mut statics = match is_place_method(&call.method) {
                true => inner(&call.receiver),
                false => Vec::new(),
            };
            if statics.is_empty() && call.args.is_empty() && depth < MAX_ACCESSORS {
                let methods = program
                    .methods_by_name
                    .get(&call.method)
                    .into_iter()
                    .flatten();
                statics = (methods.flat_map(|f| accessed_static(program, *f, depth))).collect();
            }
            statics
        }
        Expr::Call { callee, args, .. } if args.is_empty() && depth < MAX_ACCESSORS => {
            let Expr::Path(path, _) = &**callee else {
                return Vec::new();
            };
            // A free function or an associated one (`Registry::global()`).
            let accessors: Vec<FnId> = match resolve(path) {
                Resolved::Def(Def::Fn(f)) => vec![f],
                Resolved::Assoc(ty, name) => (program.methods_of.get(&(ty, name)))
                    .map(|fs| {
                        fs.iter()
                            .copied()
                            .filter(|f| program.is_inherent(*f))
                            .collect()
                    })
                    .unwrap_or_default(),
                _ => return Vec::new(),
            };
            (accessors.into_iter())
                .flat_map(|f| accessed_static(program, f, depth))
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The statics whose place function `f`'s body ends in: a reference to it, or a clone of
/// the shared cell it holds (`fn shared() -> Arc<Mutex<..>> { SHARED.clone() }`).
fn accessed_static(program: &Program, f: FnId, depth: usize) -> Vec<FnId> {
    let info = &program.fns[f.index()];
    let Some(mut tail) = info.ir.body.as_ref().and_then(|b| body_tail(&b.value)) else {
        return Vec::new();
    };
    // Only a function returning a reference or a shared cell can return a static's place.
    match &info.ir.ret {
        ir::Type::Ref { .. } => {}
        _ if returns_shared_type(program, f) => match cloned_from(tail) {
            Some(cloned) => tail = cloned,
            None => return Vec::new(),
        },
        _ => return Vec::new(),
    }
    let module = info.module;
    let resolve = |path: &ir::Path| program.resolve_path(module, path);
    static_root(program, tail, &resolve, depth + 1)
}

/// Whether a place is one element of what it is reached through (`b.phones[0]`,
/// `*b.phones.first_mut().unwrap()`, `*m.entry(k).or_default()`), not all of it (`*guard`,
/// `*self.last.lock().unwrap()`): writing it replaces nothing else there. A call lending a
/// place of unknown extent counts as an element.
fn is_element_place(place: &Expr) -> bool {
    match place {
        Expr::Index { .. } | Expr::Call { .. } => true,
        Expr::Transparent(inner) | Expr::Lend(inner) | Expr::Await(inner) | Expr::Try(inner, _) => {
            is_element_place(inner)
        }
        Expr::MethodCall(call) => {
            let whole = matches!(
                &*call.method,
                "borrow_mut" | "try_borrow_mut" | "unwrap" | "expect" | "as_mut" | "deref_mut"
            ) || models::makes_guard(&call.method);
            !whole || is_element_place(&call.receiver)
        }
        _ => false,
    }
}

fn is_place_method(method: &str) -> bool {
    matches!(
        method,
        "borrow_mut"
            | "try_borrow_mut"
            | "reserve"
            | "reserve_owned"
            | "try_reserve"
            | "try_reserve_owned"
            | "upgrade"
            | "downgrade"
            | "unwrap"
            | "expect"
            | "unwrap_or_default"
            | "as_mut"
            | "get_mut"
            | "entry"
            | "or_default"
            | "or_insert"
            | "or_insert_with"
            | "last_mut"
            | "first_mut"
            | "iter_mut"
            | "par_iter_mut"
            | "values_mut"
            | "deref_mut"
            | "as_mut_slice"
            | "get_or_insert_with"
            | "as_ref"
            | "as_deref"
            | "iter"
            | "get"
            | "values"
            | "first"
            | "borrow"
            | "split_at_mut"
            | "chunks_mut"
            | "chunks_exact_mut"
            | "split_first_mut"
            | "split_last_mut"
            | "front_mut"
            | "back_mut"
            | "peek_mut"
            | "to_mut"
            | "make_mut"
            | "get_or_init"
            | "get_or_insert"
            | "map_err"
            | "unwrap_or_else"
    ) || models::makes_guard(method)
}

/// A consent check's positive outcome, from its declared return type.
fn consent_shape(ret: &ir::Type) -> Shape {
    match ret {
        ir::Type::Path(path) => match path.segments.last().map(|s| &**s) {
            Some("bool") => Shape::Bool,
            Some("Result" | "Option") => {
                let inner_bool = matches!(path.generics.first(), Some(ir::Type::Path(p)) if p.segments.last().is_some_and(|s| &**s == "bool"));
                Shape::Wrapped { inner_bool }
            }
            _ => Shape::Any,
        },
        _ => Shape::Any,
    }
}

/// Whether a closure the callee calls is given what a callable argument returns
/// (`store(&load())`, `f(&f(""))`): its runs then need that result first.
fn given_results(summary: &Summary, args: &[Val]) -> bool {
    (summary.calls.iter().flat_map(|c| &c.args)).any(|given| {
        (args.iter().enumerate())
            .any(|(slot, a)| a.is_callable() && given.mentions_param(slot as u16))
    })
}

/// An answer whose positive outcome is `Ok(_)`/`Some(_)` of anything (or of unknown shape).
fn plain_answer(c: &Cond) -> bool {
    matches!(c.shape, Shape::Wrapped { inner_bool: false } | Shape::Any)
}

/// The locals a closure's body reads, each once.
fn read_locals(body: &Expr) -> Vec<Local> {
    let mut read = Vec::new();
    body.walk(&mut |expr| {
        if let Expr::Local(local, _) = expr {
            read.push(*local);
        }
    });
    read.sort();
    read.dedup();
    read
}

/// A local or a field of one: reading it again has no effect.
fn is_plain_place(expr: &Expr) -> bool {
    match expr {
        Expr::Local(..) => true,
        Expr::Field { base, .. } | Expr::Transparent(base) | Expr::Lend(base) => {
            is_plain_place(base)
        }
        _ => false,
    }
}

/// `Rc::clone`, `Arc::downgrade`, `Weak::upgrade`: another handle of the same cell.
fn is_cell_handle(path: &ir::Path) -> bool {
    let weak = matches!(path.segments.as_slice(), [.., owner, item]
        if &**owner == "Weak" && matches!(&**item, "clone" | "upgrade"));
    weak || (["clone", "downgrade", "upgrade"].iter()).any(|item| is_shared_constructor(path, item))
}

/// `Rc::new`, `Arc::clone` (`item`), by any path.
fn is_shared_constructor(path: &ir::Path, item: &str) -> bool {
    let mut segments = path.segments.iter().rev();
    segments.next().is_some_and(|last| &**last == item)
        && segments
            .next()
            .is_some_and(|owner| models::is_shared_owner(owner))
}

/// Whether a written type is a `Result` (`Result<Vec<String>, E>`, an alias of that name).
fn names_result(ty: &ir::Type) -> bool {
    matches!(ty, ir::Type::Path(p) if p.segments.last().is_some_and(|s| &**s == "Result"))
}

/// Where the `x.into()` / `x.try_into()` / `From::from(x)` call a `let` initializer is,
/// through `?`, `unwrap` and `expect`, is made.
fn conversion_call(init: &Expr) -> Option<Span> {
    match init {
        Expr::MethodCall(call) if matches!(&*call.method, "into" | "try_into" | "collect") => {
            Some(call.span)
        }
        Expr::Call { callee, span, .. }
            if matches!(&**callee, Expr::Path(path, _)
                if matches!(path.segments.iter().map(|s| &**s).collect::<Vec<_>>()[..],
                    ["From", "from"] | ["TryFrom", "try_from"])) =>
        {
            Some(*span)
        }
        Expr::MethodCall(call) if matches!(&*call.method, "unwrap" | "expect") => {
            conversion_call(&call.receiver)
        }
        Expr::Try(inner, _) | Expr::Transparent(inner) => conversion_call(inner),
        _ => None,
    }
}

/// Adds the types a declaration gives a value to those it is known to have. A bound's
/// trait (`T: Entity`, `-> T`, `-> impl Entity`) is no other type where a known one
/// implements it: a `Product` passed through stays a `Product`, whose `payload()` is its
/// own, not every impl's.
fn add_declared_tys(program: &Program, tys: &mut Vec<TyKey>, declared: &[TyKey]) {
    let known = tys.len();
    for ty in declared {
        let implied = matches!(ty, TyKey::Trait(t)
            if tys[..known].iter().any(|k| program.implements_by_name(k, *t)));
        if !implied && !tys.contains(ty) {
            tys.push(ty.clone());
        }
    }
}

/// Whether a declared result type is an `Option` or a `Result` (an alias of one by name:
/// `io::Result<()>`, `ApiResult<T>`), whose `Ok`/`Some` may be a check's positive answer.
fn returns_answer(ty: &ir::Type) -> bool {
    match ty {
        ir::Type::Path(path) => path
            .segments
            .last()
            .is_some_and(|s| &**s == "Option" || s.ends_with("Result")),
        _ => false,
    }
}

/// A resolved path of another crate's type that is not std's (`reqwest::Client`).
fn is_foreign(path: &str) -> bool {
    path.split_once("::")
        .is_some_and(|(krate, _)| !matches!(krate, "std" | "core" | "alloc"))
}

/// An element of `value` (`v[0]`, an item of a `for` loop, `first()`): the collections it
/// may be are not its types (see `holds_collection`), so an element of an untyped one is of
/// unknown type.
/// What an `Option`/`Result` holds (`unwrap`): the value, of its types but those two (a
/// collection's included).
fn unwrapped(mut value: Val) -> Val {
    (value.tys).retain(|t| {
        !matches!(t, TyKey::External(p) if matches!(p.rsplit("::").next(), Some("Option" | "Result")))
    });
    value
}

fn element_of(mut value: Val) -> Val {
    (value.tys).retain(|t| !matches!(t, TyKey::External(p) if crate::program::is_collection(p)));
    value
}

/// Two argument lists joined position by position, where a list's last argument stands for
/// those past its end (as a closure's parameters take them: `invoke_closure`).
fn join_positions(a: &[Val], b: &[Val]) -> Vec<Val> {
    (0..a.len().max(b.len()))
        .map(|i| {
            let mut joined = a.get(i).or(a.last()).cloned().unwrap_or_default();
            if let Some(more) = b.get(i).or(b.last()) {
                joined.join(more);
            }
            joined
        })
        .collect()
}

/// The part of `value` at `path`, where it is kept apart.
fn part_at<'v>(mut value: &'v Val, path: &[Name]) -> Option<&'v Val> {
    for name in path {
        value = value.fields.get(name)?;
    }
    Some(value)
}

/// The part of `value` at `path`, made where it is not there yet.
fn part_mut<'v>(mut value: &'v mut Val, path: &[Name]) -> &'v mut Val {
    for name in path {
        value = value.fields.make_mut().entry(name.clone()).or_default();
    }
    value
}

/// The place `&mut x`/`&x` lends.
fn lent_place(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::Transparent(place) | Expr::Lend(place) => Some(place),
        _ => None,
    }
}

/// The checks' answers in the parts of a tuple made here (`(shares(u), force)`), in order;
/// none where the value answers as a whole or holds no answer in a part.
fn part_conds(value: &Val) -> Vec<Option<Cond>> {
    if value.cond.is_some() {
        return Vec::new();
    }
    let parts: Vec<Option<Cond>> = (0..)
        .map_while(|index: usize| value.fields.get(&*index.to_string()))
        .map(|part| part.cond)
        .collect();
    match parts.iter().any(Option::is_some) {
        true => parts,
        false => Vec::new(),
    }
}

/// Whether a value has a tuple's parts (fields `0`, `1`, ..).
fn is_tuple_value(value: &Val) -> bool {
    (value.fields.keys()).any(|name| is_part(name))
}

/// A map collected from pairs keeps them as its parts `0` and `1`; named fields beside
/// them were written into an element whole (`m.get_mut(&k).unwrap().note = x`, `*d =
/// Draft { .. }` through `values_mut`), where the element is no pair: what either part
/// may hold besides its own.
fn written_beside_parts(value: &Val) -> domain::Fields {
    let mut beside = value.fields.clone();
    if is_tuple_value(value) {
        beside.make_mut().retain(|name, _| !is_part(name));
    }
    beside
}

/// A map's value part: the second of each of its pairs (see `pair`).
const MAP_VALUE: &str = "1";

/// The pair `(key, value)`, as a map collected from pairs holds it.
fn pair(key: Val, value: Val) -> Val {
    let mut pair = Val::default();
    pair.fields.insert(Name::from("0"), key);
    pair.fields.insert(Name::from(MAP_VALUE), value);
    pair
}

/// Whether a value may be a `Vec` or `VecDeque` (whose `insert` takes an index).
fn is_sequence(value: &Val) -> bool {
    (value.tys.iter()).any(|t| {
        matches!(t, TyKey::External(p) if matches!(p.rsplit("::").next(), Some("Vec" | "VecDeque")))
    })
}

/// Whether a value may be a map (whose `insert` takes a key and a value).
fn is_map(value: &Val) -> bool {
    names_map(&value.tys)
}

/// Whether a map's method lends its value part (see `Interp::place_is_map`).
fn lends_map_value(method: &str) -> bool {
    matches!(method, "entry" | "get_mut" | "values_mut")
}

/// Whether one of the types is a map's.
fn names_map(tys: &[TyKey]) -> bool {
    (tys.iter()).any(|t| matches!(t, TyKey::External(p) if crate::program::is_map(p)))
}

/// Whether bit `slot` of a parameter mask is set.
fn declares(mask: u64, slot: u16) -> bool {
    slot < 64 && mask & (1 << slot) != 0
}

/// Whether a value may be a std collection made without a written element type
/// (`Vec::new()`, `vec![]`, `HashMap::new()`): its types name the collection only.
fn holds_collection(value: &Val) -> bool {
    (value.tys.iter()).any(|t| matches!(t, TyKey::External(p) if crate::program::is_collection(p)))
}

/// A type of std (`std::collections::HashSet`, or a name std's prelude and collections
/// give, as types are often written without their path).
fn is_std_type(path: &str) -> bool {
    match path.split_once("::") {
        Some((krate, _)) => matches!(krate, "std" | "core" | "alloc"),
        None => OWNED_STD_TYPES.contains(&path) || OTHER_STD_TYPES.contains(&path),
    }
}

/// Whether `expr` is an iterator: an adapter chain on a collection's or string's iterator
/// (`users.iter().filter(..)`), not an `Option` (`Some(u)`, `users.first()`).
fn iterates(mut expr: &Expr) -> bool {
    loop {
        match expr {
            Expr::MethodCall(call) if models::makes_iterator(&call.method) => return true,
            Expr::MethodCall(call) if models::keeps_iterating(&call.method) => {
                expr = &call.receiver;
            }
            Expr::Transparent(inner) => expr = inner,
            _ => return false,
        }
    }
}

/// Whether an imported item of another crate may be a trait: std's are known
/// (`std::net::TcpStream` is a type, and its methods' entries are not a `File`'s).
fn may_be_trait(path: &str) -> bool {
    let krate = path.split("::").next().unwrap_or("");
    let name = path.rsplit("::").next().unwrap_or("");
    !matches!(krate, "std" | "core" | "alloc") || STD_TRAITS.contains(&name)
}

/// std's traits whose methods a type of another crate or std may have.
const STD_TRAITS: &[&str] = &[
    "Write",
    "Read",
    "BufRead",
    "Seek",
    "Hasher",
    "Iterator",
    "IntoIterator",
    "Extend",
    "ToString",
    "Display",
    "Debug",
];

/// std's types that own what they hold: a function returning one (without a reference
/// among its type arguments) returns no borrow of its arguments.
const OWNED_STD_TYPES: &[&str] = &[
    "String",
    "str",
    "Vec",
    "VecDeque",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "BinaryHeap",
    "LinkedList",
    "Option",
    "Result",
    "Box",
    "Rc",
    "Arc",
    "PathBuf",
    "OsString",
    "bool",
    "char",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
];

/// std's other types a bare name stands for (beside `OWNED_STD_TYPES`).
const OTHER_STD_TYPES: &[&str] = &[
    "Cell",
    "RefCell",
    "Mutex",
    "RwLock",
    "Cow",
    "Path",
    "OsStr",
    "Duration",
    "Instant",
    "SystemTime",
];

/// Whether a closure's or `async` block's body ends in `Some(..)` or `None` (through
/// blocks, `if` and `match`): it returns an `Option`, so its `?` are of `Option`s.
fn yields_option(body: &Expr) -> bool {
    match body {
        Expr::Block(items) => items.last().is_some_and(yields_option),
        Expr::If { then, else_, .. } => {
            yields_option(then) || else_.as_deref().is_some_and(yields_option)
        }
        Expr::Match { arms, .. } => arms.iter().any(|arm| yields_option(&arm.body)),
        Expr::Call { callee, .. } => {
            matches!(&**callee, Expr::Path(path, _) if path.segments.last().is_some_and(|s| &**s == "Some"))
        }
        Expr::Path(path, _) => path.segments.last().is_some_and(|s| &**s == "None"),
        _ => false,
    }
}

/// The local a parameter's pattern binds it to: a name, or the value a web framework's
/// extractor holds (`State(state)`).
fn param_local(pat: &Pat) -> Option<Local> {
    match pat {
        Pat::Bind(local, None) => Some(*local),
        Pat::Tuple(Some(path), items) => match (path.segments.last(), items.as_slice()) {
            (Some(name), [Pat::Bind(local, None)]) if models::is_extractor(name) => Some(*local),
            _ => None,
        },
        _ => None,
    }
}

/// An `Rc`/`Arc`, a reference to one, or one given in an extractor (`State<Arc<..>>`):
/// clones of it, the caller's included, are one cell.
pub(super) fn holds_shared(ty: &ir::Type) -> bool {
    is_shared_type(ty) || is_shared_type(extracted(ty))
}

/// An `Rc`/`Arc` (see `holds_shared`), or a std collection of them, maybe behind references
/// (`Vec<Rc<..>>`, `&[Arc<..>]`, `HashMap<u64, Db>` of `type Db = Arc<..>`): its clones hold
/// the same cells.
fn holds_cells(program: &Program, module: ModId, ty: &ir::Type) -> bool {
    let ty = program.expand_alias(module, ty);
    holds_shared(ty)
        || match ty {
            ir::Type::Path(path) => {
                (path.segments.last()).is_some_and(|s| crate::program::is_collection(s))
                    && (path.generics.iter()).any(|ty| holds_cells(program, module, ty))
            }
            ir::Type::Ref { inner, .. } | ir::Type::Slice(inner) => {
                holds_cells(program, module, inner)
            }
            _ => false,
        }
}

/// A `fn` pointer, or an `Option`, `Box`, reference or std collection of them: no closure
/// that captures can be there.
fn only_fn_pointers(ty: &ir::Type) -> bool {
    match ty {
        ir::Type::Fn => true,
        ir::Type::Ref { inner, .. } | ir::Type::Slice(inner) => only_fn_pointers(inner),
        ir::Type::Path(path) => {
            (path.segments.last()).is_some_and(|s| {
                matches!(&**s, "Option" | "Box") || crate::program::is_collection(s)
            }) && !path.generics.is_empty()
                && path.generics.iter().all(only_fn_pointers)
        }
        _ => false,
    }
}

/// `Box<..>`.
fn is_box(ty: &ir::Type) -> bool {
    matches!(ty, ir::Type::Path(path) if path.segments.last().is_some_and(|s| &**s == "Box"))
}

/// The type an extractor holds (`Arc<..>` of `State<Arc<..>>`), or the type itself.
fn extracted(ty: &ir::Type) -> &ir::Type {
    match ty {
        ir::Type::Path(path) => match (path.segments.last(), path.generics.as_slice()) {
            (Some(name), [inner]) if models::is_extractor(name) => inner,
            _ => ty,
        },
        _ => ty,
    }
}

/// A parameter type that lends its argument's place: `&mut T`, or a value holding such
/// borrows (`Option<&mut T>`, `Vec<&mut T>`, `[&mut T; 2]`, `HashMap<K, &mut V>`, `impl
/// Iterator<Item = &mut T>`): a callee's `if let Some(x) = out { x.push(..) }` or `for o
/// in outs { o.push_str(..) }` writes where the caller's `Some(&mut buf)` or `vec![&mut a,
/// &mut b]` points. A callable's `&mut` parameter (`impl FnMut(&mut String)`) is no place
/// it holds.
fn lends(ty: &ir::Type) -> bool {
    match ty {
        ir::Type::Ref { mutable, .. } => *mutable,
        ir::Type::Path(path) => path.generics.iter().any(lends),
        ir::Type::Tuple(items) => items.iter().any(lends),
        ir::Type::Slice(inner) => lends(inner),
        ir::Type::Bounds(bounds) => (bounds.iter())
            .filter(|b| {
                !matches!(
                    b.segments.last().map(|s| &**s),
                    Some("Fn" | "FnMut" | "FnOnce")
                )
            })
            .any(|b| b.generics.iter().any(lends)),
        _ => false,
    }
}

/// A type written through a shared borrow (`&Mutex<..>`, `&RefCell<..>`).
pub(super) fn is_interior_mutable(ty: &ir::Type) -> bool {
    match ty {
        ir::Type::Path(path) => (path.segments.last()).is_some_and(|s| {
            matches!(
                &**s,
                "Mutex"
                    | "RwLock"
                    | "RefCell"
                    | "Cell"
                    | "OnceCell"
                    | "OnceLock"
                    | "DashMap"
                    | "DashSet"
            )
        }),
        _ => false,
    }
}

/// Whether function `f` is declared to return an `Rc`/`Arc`, or a local alias of one.
fn returns_shared_type(program: &Program, f: FnId) -> bool {
    let info = &program.fns[f.index()];
    is_shared_type(program.expand_alias(info.module, &info.ir.ret))
}

/// `Rc<..>`, `Arc<..>`, or a reference to one.
pub(super) fn is_shared_type(ty: &ir::Type) -> bool {
    match ty {
        ir::Type::Path(path) => path
            .segments
            .last()
            .is_some_and(|s| models::is_shared_owner(s)),
        ir::Type::Ref { inner, .. } => is_shared_type(inner),
        _ => false,
    }
}

/// `a::b::Type::method` → (`Type`, `method`).
pub(super) fn tail2(path: &str) -> Option<(&str, &str)> {
    let mut parts = path.rsplit("::");
    let method = parts.next()?;
    let ty = parts.next()?;
    Some((ty, method))
}

impl Candidate {
    /// Protected for a party on both paths, whether by a check around the sink on one and a
    /// consent filter the value passed on the other: the mixed protection counts as a guard.
    fn join(&mut self, other: &Candidate) {
        let protected = (self.guards | self.consented) & (other.guards | other.consented);
        self.consented &= other.consented;
        self.guards = protected & !self.consented;
        self.via_param &= other.via_param;
        if domain::better(&other.trace, &self.trace) {
            self.trace = other.trace.clone();
        }
    }
}

pub fn trace_of(trace: &Trace) -> Vec<(Span, Arc<str>)> {
    domain::steps(trace)
}
