//! The abstract values of the analysis.
//!
//! A value is a tree: facts at its root (labels it carries as a whole), subtrees per field
//! (field sensitivity), the types it may have (so a field read finds its declared labels and
//! a method call its impl), and the closures and functions it may be. Collections are
//! "smashed": a `Vec<User>` has the tree of one `User`.
//!
//! Facts are concrete labels or symbolic parameters: inside a function, `Param { slot, path }`
//! stands for whatever the caller passes there, so a function is analysed once and its
//! summary is instantiated at each call.

use crate::ir::{Name, Span};
use crate::model::Category;
use crate::program::{LabelId, PartySet, TyKey};
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// How deep field paths and trees go before they are folded into their parent.
pub const MAX_DEPTH: usize = 4;
/// How many fields one node of a tree keeps apart.
const MAX_FIELDS: usize = 32;

/// Whether a field is a tuple's part (`0`, `1`), not a named field.
pub fn is_part(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit())
}

/// Where a fact comes from.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Origin {
    Label(LabelId),
    /// The caller's argument `slot`, projected on `path`. `flat`: its whole content, folded
    /// (what a sink or an unknown call sees); otherwise its tree, kept as is.
    Param {
        slot: u16,
        path: Arc<[Name]>,
        flat: bool,
    },
}

/// The order a derived `Ord` gives (labels first, then by slot, path and flatness), with
/// the names of paths compared by address before their text: every fact set is a map by
/// origin, and its lookups compare paths whose names are mostly the same interned ones.
impl Ord for Origin {
    fn cmp(&self, other: &Origin) -> Ordering {
        match (self, other) {
            (Origin::Label(a), Origin::Label(b)) => a.cmp(b),
            (Origin::Label(_), Origin::Param { .. }) => Ordering::Less,
            (Origin::Param { .. }, Origin::Label(_)) => Ordering::Greater,
            (
                Origin::Param { slot, path, flat },
                Origin::Param {
                    slot: other_slot,
                    path: other_path,
                    flat: other_flat,
                },
            ) => (slot.cmp(other_slot))
                .then_with(|| compare_paths(path, other_path))
                .then_with(|| flat.cmp(other_flat)),
        }
    }
}

impl PartialOrd for Origin {
    fn partial_cmp(&self, other: &Origin) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Two paths in the order of their names' text, a name shared by both (one allocation per
/// file, see `lower`) equal without reading it.
fn compare_paths(a: &[Name], b: &[Name]) -> Ordering {
    if std::ptr::eq(a, b) {
        return Ordering::Equal;
    }
    for (x, y) in a.iter().zip(b) {
        if !Arc::ptr_eq(x, y) {
            match x.cmp(y) {
                Ordering::Equal => {}
                unequal => return unequal,
            }
        }
    }
    a.len().cmp(&b.len())
}

/// Which labels a sanitizer already removed from a symbolic fact; applied when the
/// caller's argument replaces it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Strip {
    Nothing,
    Every,
    Categories(Arc<[Category]>),
}

impl Strip {
    /// Data that is sanitized on one path and raw on another is raw.
    fn meet(&self, other: &Strip) -> Strip {
        match (self, other) {
            (Strip::Nothing, _) | (_, Strip::Nothing) => Strip::Nothing,
            (Strip::Every, x) | (x, Strip::Every) => x.clone(),
            (Strip::Categories(a), Strip::Categories(b)) => {
                let both: Vec<Category> = a.iter().filter(|c| b.contains(c)).cloned().collect();
                if both.is_empty() {
                    Strip::Nothing
                } else {
                    Strip::Categories(both.into())
                }
            }
        }
    }

    /// Applies another sanitizer after this one.
    pub fn then(&self, other: &Strip) -> Strip {
        match (self, other) {
            (Strip::Every, _) | (_, Strip::Every) => Strip::Every,
            (Strip::Nothing, x) | (x, Strip::Nothing) => x.clone(),
            (Strip::Categories(a), Strip::Categories(b)) => {
                let mut all: Vec<Category> = a.to_vec();
                all.extend(b.iter().cloned());
                all.sort();
                all.dedup();
                Strip::Categories(all.into())
            }
        }
    }

    pub fn removes(&self, category: &Category) -> bool {
        match self {
            Strip::Nothing => false,
            Strip::Every => true,
            Strip::Categories(list) => list.iter().any(|c| c.covers(category)),
        }
    }
}

/// The steps of a flow, kept as a persistent rope (oldest first when read): pushing a step
/// and appending a callee's steps both share what exists, so neither copies a trace.
#[derive(Debug, PartialEq, Eq)]
pub struct TraceNode {
    link: Link,
    len: u32,
}

#[derive(Debug, PartialEq, Eq)]
enum Link {
    /// The steps of `prev`, then this one.
    Step {
        span: Span,
        note: Arc<str>,
        prev: Trace,
    },
    /// The steps of `first`, then the first `take` steps of `then`.
    Concat {
        first: Arc<TraceNode>,
        then: Arc<TraceNode>,
        take: u32,
    },
}

pub type Trace = Option<Arc<TraceNode>>;

pub fn trace_len(trace: &Trace) -> u32 {
    trace.as_ref().map_or(0, |t| t.len)
}

/// Steps a trace keeps: enough to explain a flow, bounded so recursion cannot grow it.
pub const MAX_TRACE: u32 = 32;

pub fn push(trace: &Trace, span: Span, note: impl Into<Arc<str>>) -> Trace {
    if trace_len(trace) >= MAX_TRACE {
        return trace.clone();
    }
    Some(Arc::new(TraceNode {
        link: Link::Step {
            span,
            note: note.into(),
            prev: trace.clone(),
        },
        len: trace_len(trace) + 1,
    }))
}

/// `first` followed by every step of `then`, up to `MAX_TRACE` steps.
pub fn concat(first: &Trace, then: &Trace) -> Trace {
    let (Some(head), Some(tail)) = (first, then) else {
        return first.clone().or_else(|| then.clone());
    };
    let take = tail.len.min(MAX_TRACE.saturating_sub(head.len));
    if take == 0 {
        return first.clone();
    }
    Some(Arc::new(TraceNode {
        link: Link::Concat {
            first: head.clone(),
            then: tail.clone(),
            take,
        },
        len: head.len + take,
    }))
}

pub fn steps(trace: &Trace) -> Vec<(Span, Arc<str>)> {
    let mut out = Vec::new();
    if let Some(node) = trace {
        collect(node, node.len, &mut out);
    }
    out
}

/// Appends the oldest `limit` steps of `node` to `out`.
fn collect(node: &TraceNode, limit: u32, out: &mut Vec<(Span, Arc<str>)>) {
    match &node.link {
        Link::Step { span, note, prev } => {
            let before = trace_len(prev);
            if let Some(prev) = prev {
                collect(prev, limit.min(before), out);
            }
            if limit > before {
                out.push((*span, note.clone()));
            }
        }
        Link::Concat { first, then, take } => {
            collect(first, limit.min(first.len), out);
            if limit > first.len {
                collect(then, (limit - first.len).min(*take), out);
            }
        }
    }
}

/// The facts of two equal maps (same origins) have the same traces.
fn same_traces(a: &Facts, b: &Facts) -> bool {
    (a.values().zip(b.values())).all(|(x, y)| x.trace == y.trace)
}

/// Of two traces, the shorter, then the earlier: deterministic whatever the merge order.
pub fn better(a: &Trace, b: &Trace) -> bool {
    let (la, lb) = (trace_len(a), trace_len(b));
    if la != lb {
        return la < lb;
    }
    if let (Some(p), Some(q)) = (a, b) {
        if Arc::ptr_eq(p, q) {
            return false;
        }
    }
    // Same length: the first differing step, newest first, decides. Where both have come
    // to the same older steps (one trace extended two ways), the rest is equal.
    let (mut newer_a, mut newer_b) = (NewestFirst::new(a), NewestFirst::new(b));
    while !newer_a.same_rest(&newer_b) {
        match (newer_a.next(), newer_b.next()) {
            (Some(x), Some(y)) if x != y => return x < y,
            (Some(_), Some(_)) => {}
            _ => return false,
        }
    }
    false
}

/// The spans of a trace's steps, newest first, without flattening it.
struct NewestFirst<'t> {
    /// Nodes still to read, each with how many of its oldest steps count.
    stack: Vec<(&'t TraceNode, u32)>,
    current: Option<(&'t TraceNode, u32)>,
}

impl<'t> NewestFirst<'t> {
    fn new(trace: &'t Trace) -> NewestFirst<'t> {
        NewestFirst {
            stack: Vec::new(),
            current: trace.as_deref().map(|node| (node, node.len)),
        }
    }

    /// Whether the steps left to read are those of `other`, by the nodes they are read
    /// from.
    fn same_rest(&self, other: &NewestFirst) -> bool {
        let same =
            |a: &(&TraceNode, u32), b: &(&TraceNode, u32)| std::ptr::eq(a.0, b.0) && a.1 == b.1;
        let current = match (&self.current, &other.current) {
            (Some(a), Some(b)) => same(a, b),
            (None, None) => true,
            _ => false,
        };
        current
            && self.stack.len() == other.stack.len()
            && (self.stack.iter().zip(&other.stack)).all(|(a, b)| same(a, b))
    }
}

impl Iterator for NewestFirst<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            let (node, take) = match self.current.take() {
                Some(entry) => entry,
                None => self.stack.pop()?,
            };
            if take == 0 {
                continue;
            }
            match &node.link {
                Link::Step { span, prev, .. } => {
                    let before = trace_len(prev);
                    self.current = prev.as_deref().map(|p| (p, before.min(take)));
                    if take > before {
                        return Some(*span);
                    }
                }
                Link::Concat {
                    first,
                    then,
                    take: kept,
                } => {
                    if take > first.len {
                        self.stack.push((first, first.len));
                        self.current = Some((then, (take - first.len).min(*kept)));
                    } else {
                        self.current = Some((first, take));
                    }
                }
            }
        }
    }
}

/// Facts compare without their traces: a fixpoint is reached when what flows stops
/// changing, whichever path explains it.
#[derive(Clone, Debug)]
pub struct Fact {
    /// Parties for which this value passed a consent filter (a value guard).
    pub consented: PartySet,
    pub strip: Strip,
    pub trace: Trace,
    /// A label the function derived from a parameter's declared type: its callers derive it
    /// too, with what they know of the argument (value guards), so only an entry point
    /// reports it.
    pub via_param: bool,
}

impl PartialEq for Fact {
    fn eq(&self, other: &Fact) -> bool {
        self.consented == other.consented
            && self.strip == other.strip
            && self.via_param == other.via_param
    }
}

impl Fact {
    pub fn new(trace: Trace) -> Fact {
        Fact {
            consented: 0,
            strip: Strip::Nothing,
            trace,
            via_param: false,
        }
    }

    pub fn join(&mut self, other: &Fact) -> bool {
        let consented = self.consented & other.consented;
        let strip = self.strip.meet(&other.strip);
        let via_param = self.via_param && other.via_param;
        let changed =
            consented != self.consented || strip != self.strip || via_param != self.via_param;
        self.via_param = via_param;
        self.consented = consented;
        self.strip = strip;
        if better(&other.trace, &self.trace) {
            self.trace = other.trace.clone();
        }
        changed
    }
}

pub type Facts = BTreeMap<Origin, Fact>;

/// Joins one fact into a set.
pub fn join_fact(into: &mut Facts, origin: Origin, fact: Fact) {
    if join_one(into, Cow::Owned(origin), Cow::Owned(fact)) && into.len() > MAX_PARAM_FACTS {
        widen(into);
    }
}

/// How many symbolic facts one set keeps before it widens them to whole parameters.
const MAX_PARAM_FACTS: usize = 24;

pub fn join_facts(into: &mut Facts, from: &Facts) -> bool {
    let mut changed = false;
    for (origin, fact) in from {
        changed |= join_one(into, Cow::Borrowed(origin), Cow::Borrowed(fact));
    }
    if changed && into.len() > MAX_PARAM_FACTS {
        widen(into);
    }
    changed
}

/// The fact that stands for all of parameter `slot`'s content, folded: it subsumes every
/// other fact of that parameter, so a set holding it keeps no other (sets stay canonical,
/// and a summary that widened once cannot shrink back and oscillate).
fn whole(slot: u16) -> Origin {
    thread_local! {
        static EMPTY: Arc<[Name]> = Arc::from(Vec::new());
    }
    Origin::Param {
        slot,
        path: EMPTY.with(Arc::clone),
        flat: true,
    }
}

fn is_whole(origin: &Origin) -> bool {
    matches!(origin, Origin::Param { path, flat: true, .. } if path.is_empty())
}

/// Joins one fact into a set, into the whole parameter's fact where that subsumes it. A
/// fact given owned is moved in, not copied. A set holding a fact of a part of a parameter
/// holds no whole one of it (see `whole`), so the whole is looked for only where the part
/// is not there.
fn join_one(into: &mut Facts, origin: Cow<Origin>, fact: Cow<Fact>) -> bool {
    if let Some(existing) = into.get_mut(&origin) {
        return existing.join(&fact);
    }
    if let Origin::Param { slot, .. } = &*origin {
        if let Some(existing) = into.get_mut(&whole(*slot)) {
            return existing.join(&fact);
        }
    }
    let mut fact = fact.into_owned();
    if let (true, Origin::Param { slot, .. }) = (is_whole(&origin), &*origin) {
        let parts: Vec<Origin> = into
            .keys()
            .filter(|o| matches!(o, Origin::Param { slot: s, .. } if s == slot))
            .cloned()
            .collect();
        for part in parts {
            if let Some(old) = into.remove(&part) {
                fact.join(&old);
            }
        }
    }
    into.insert(origin.into_owned(), fact);
    true
}

/// Many field paths of the same parameters (generic code walking large types) become the
/// whole parameters, folded: less precise, but a bounded summary that converges fast.
fn widen(facts: &mut Facts) {
    let params = facts
        .keys()
        .filter(|o| matches!(o, Origin::Param { .. }))
        .count();
    if params <= MAX_PARAM_FACTS {
        return;
    }
    let symbolic: Vec<(Origin, Fact)> = facts
        .iter()
        .filter(|(o, _)| matches!(o, Origin::Param { .. }))
        .map(|(o, f)| (o.clone(), f.clone()))
        .collect();
    for (origin, fact) in symbolic {
        let Origin::Param { slot, .. } = origin else {
            continue;
        };
        facts.remove(&origin);
        join_one(facts, Cow::Owned(whole(slot)), Cow::Owned(fact));
    }
}

thread_local! {
    static LABELLED: std::cell::RefCell<Option<Arc<HashSet<TyKey>>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` knowing which types declare labels (their own, their fields', transitively):
/// only those need to be carried when a subtree is folded. Outside it every type is carried.
pub fn with_labelled_types<R>(types: &Arc<HashSet<TyKey>>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Arc<HashSet<TyKey>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            LABELLED.with(|l| *l.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(LABELLED.with(|l| l.replace(Some(types.clone()))));
    f()
}

fn declares_labels(ty: &TyKey) -> bool {
    LABELLED.with(|l| l.borrow().as_ref().is_none_or(|set| set.contains(ty)))
}

/// What a consent check's result says when it is positive.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    /// `true`.
    Bool,
    /// `Ok(_)` / `Some(_)`; `Ok(true)` / `Some(true)` when `inner_bool`.
    Wrapped { inner_bool: bool },
    /// A check of another crate whose type is not known: any positive use counts.
    Any,
}

/// The consent parties a value establishes when it is positive and when it is negative (a
/// check's result, its negation, `a && b`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cond {
    pub shape: Shape,
    pub when_true: PartySet,
    pub when_false: PartySet,
}

impl Cond {
    /// The answer of a value that is one of two: positive only where one of them was, so
    /// it establishes what both do (likewise negative). A side that is never positive or
    /// never negative (`PartySet::MAX`, a literal) leaves the other's; what no side yields
    /// says nothing.
    fn join(a: Option<Cond>, b: Option<Cond>) -> Option<Cond> {
        let (a, b) = (a?, b?);
        let shape = match (a.shape, b.shape) {
            (x, y) if x == y => x,
            (Shape::Any, Shape::Bool) | (Shape::Bool, Shape::Any) => Shape::Any,
            _ => return None,
        };
        let when_true = said(a.when_true & b.when_true);
        let when_false = said(a.when_false & b.when_false);
        (when_true | when_false != 0).then_some(Cond {
            shape,
            when_true,
            when_false,
        })
    }
}

/// The parties an answer establishes, of what no path yields (`PartySet::MAX`): none.
pub fn said(parties: PartySet) -> PartySet {
    if parties == PartySet::MAX {
        0
    } else {
        parties
    }
}

/// A value's fields, shared until written: a projection, a copy or a join into an empty
/// value (each at almost every step of the analysis) copies a pointer, not the subtree.
#[derive(Clone, Default)]
pub struct Fields(Option<Arc<BTreeMap<Name, Val>>>);

static NO_FIELDS: BTreeMap<Name, Val> = BTreeMap::new();

impl std::ops::Deref for Fields {
    type Target = BTreeMap<Name, Val>;

    fn deref(&self) -> &BTreeMap<Name, Val> {
        self.0.as_deref().unwrap_or(&NO_FIELDS)
    }
}

impl PartialEq for Fields {
    fn eq(&self, other: &Fields) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) => true,
            _ => **self == **other,
        }
    }
}

impl std::fmt::Debug for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Fields {
    /// The fields to write, copied first (one level) if they are shared.
    pub fn make_mut(&mut self) -> &mut BTreeMap<Name, Val> {
        Arc::make_mut(self.0.get_or_insert_with(Default::default))
    }

    /// Each field to write (copied first if shared); none for a value without fields.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Val> {
        (self.0.as_mut().map(Arc::make_mut).into_iter()).flat_map(BTreeMap::values_mut)
    }

    pub fn insert(&mut self, name: Name, value: Val) -> Option<Val> {
        self.make_mut().insert(name, value)
    }

    /// The fields, leaving none.
    pub fn take(&mut self) -> BTreeMap<Name, Val> {
        match self.0.take() {
            Some(shared) => Arc::try_unwrap(shared).unwrap_or_else(|shared| (*shared).clone()),
            None => BTreeMap::new(),
        }
    }
}

#[derive(Clone, Default, PartialEq, Debug)]
pub struct Val {
    pub facts: Facts,
    pub fields: Fields,
    pub tys: Vec<TyKey>,
    /// Closures of the function being analysed, by index.
    pub closures: Vec<u32>,
    /// Function items used as values (`map(Self::convert)`).
    pub fns: Vec<crate::program::FnId>,
    /// Items of other crates that calls follow (policy roles, std methods, conversions) used
    /// as values (`for_each(graph_sdk::upload)`, `map(Vec::as_slice)`, `map(Into::into)`),
    /// by every path they may have; boxed, as most values have none.
    pub externals: Option<Arc<Vec<String>>>,
    pub cond: Option<Cond>,
    /// The literal `None` or a new empty collection: it holds nothing (a `filter_map`
    /// returning it passes nothing on). Wrapping it (`Some(..)`, `Rc::new(..)`) forgets it.
    pub is_none: bool,
    /// The literal `true` or `false`: `check(..).unwrap_or(false)` still guards, `unwrap_or(true)` fails open.
    pub bool_lit: Option<bool>,
    /// Consent marks (value guards) for the labels its types declare, which are produced
    /// only when a field is read or the value is used whole.
    pub ty_consent: PartySet,
    /// Its types come from a parameter's declaration (see `Fact::via_param`).
    pub ty_param: bool,
    /// The enum variant it is known to be, so only that variant's fields count.
    pub variant: Option<Name>,
    /// Types of subtrees folded into this node (past the size bounds): the labels they
    /// declare are carried as a whole, with the consent marks they had.
    pub carried: Vec<(TyKey, PartySet)>,
    /// A struct literal or constructor: each field's subtree is that field's whole content,
    /// so what is read from it has the subtree's consent marks, not the container's. A join
    /// keeps it only where both sides have it.
    pub exact: bool,
    /// A sanitizer's result, its removed labels gone from its types' too (see
    /// `Interp::sanitize_types`): a declared type it is passed or read as does not label it
    /// again. A join keeps it only where both sides have it.
    pub sanitized: bool,
    /// A `Result` made by `Ok(..)`/`Err(..)`: the node holds only what `Ok` holds and the
    /// error is the field `ERR`, so `Ok(x)` patterns, `?` and `unwrap` do not read the error
    /// nor `Err(e)` patterns the value. A join keeps it only where both sides have it;
    /// folding fields into the node, or a std method that wraps the value in another
    /// `Result`/`Option` (`lock`, `recv`, `next`), ends it.
    pub split: bool,
}

/// The field of a `split` value that holds what `Err` holds.
pub const ERR: &str = "Err.0";

impl Val {
    /// Equal, paths included: `==` ignores traces, so that a fixpoint is not delayed by a
    /// different path to the same facts, but a remembered analysis must be the same.
    pub fn identical(&self, other: &Val) -> bool {
        self == other
            && same_traces(&self.facts, &other.facts)
            && (self.fields.values().zip(other.fields.values())).all(|(a, b)| a.identical(b))
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
            && self.fields.is_empty()
            && self.tys.is_empty()
            && !self.is_callable()
    }

    /// Whether it may be a closure or function, to be called where it is passed.
    pub fn is_callable(&self) -> bool {
        !self.closures.is_empty() || !self.fns.is_empty() || self.externals.is_some()
    }

    /// Only the closures, functions and items of other crates it may be, to call.
    pub fn callables(&self) -> Val {
        Val {
            closures: self.closures.clone(),
            fns: self.fns.clone(),
            externals: self.externals.clone(),
            ..Val::default()
        }
    }

    /// Its callables and those its tuple parts hold (a map's values): what a call of
    /// something read from it may run, once it is stored or handed out.
    pub fn stored_callables(&self) -> Val {
        let mut out = self.callables();
        for (_, part) in self.fields.iter().filter(|(name, _)| is_part(name)) {
            out.join(&part.stored_callables());
        }
        out
    }

    /// The closures it or any part of it may be.
    pub fn closures_under(&self) -> Vec<u32> {
        let mut closures = self.closures.clone();
        for c in self.fields.values().flat_map(Val::closures_under) {
            if !closures.contains(&c) {
                closures.push(c);
            }
        }
        closures
    }

    /// A boolean that says which consent checks passed when it is true and when false.
    pub fn condition(when_true: PartySet, when_false: PartySet) -> Val {
        Val {
            cond: Some(Cond {
                shape: Shape::Bool,
                when_true,
                when_false,
            }),
            ..Val::default()
        }
    }

    /// How many nodes the tree has.
    pub fn nodes(&self) -> usize {
        1 + self.fields.values().map(Val::nodes).sum::<usize>()
    }

    /// What `Ok` holds (`Ok(x)` patterns, `?`, `unwrap`): of a `split` value, the node
    /// without the error; of any other, the whole value.
    pub fn ok_part(&self) -> Val {
        let mut value = self.clone();
        if value.split {
            value.fields.make_mut().remove(ERR);
            value.split = false;
        }
        value
    }

    /// What `Err` holds (`Err(e)` patterns, `unwrap_err`): of a `split` value, its error;
    /// of any other, the whole value.
    pub fn err_part(&self) -> Val {
        match self.split {
            true => self.fields.get(ERR).cloned().unwrap_or_else(|| Val {
                exact: true,
                ..Val::default()
            }),
            false => self.clone(),
        }
    }

    /// `Err(error)`.
    pub fn err(error: Val) -> Val {
        let mut value = Val {
            exact: true,
            split: true,
            ..Val::default()
        };
        value.fields.insert(Name::from(ERR), error);
        value
    }

    /// This value as what `Ok` holds in a `split` value: an error part it has (a `Result`
    /// inside `Ok`) is content like any other, folded into the node.
    pub fn into_ok(mut self) -> Val {
        if let Some(error) = self.fields.get(ERR).cloned() {
            self.fields.make_mut().remove(ERR);
            join_facts(&mut self.facts, &error.fold());
            self.carry(&error);
        }
        self.split = true;
        self
    }

    /// What is left of this value once emptied in place (`v.clear()`, `opt.take()`,
    /// `mem::take(&mut v)`): nothing, as in a new collection of its types (`let v:
    /// Vec<User> = Vec::new()`), so what is put in it next keeps its fields apart, and no
    /// field is read from it by name from every type.
    pub fn emptied(&self) -> Val {
        Val {
            tys: self.tys.clone(),
            ty_param: self.ty_param,
            ty_consent: PartySet::MAX,
            is_none: true,
            ..Val::default()
        }
    }

    pub fn with_tys(tys: Vec<TyKey>) -> Val {
        Val {
            tys,
            ..Val::default()
        }
    }

    /// Least upper bound, in place; returns whether `self` changed.
    pub fn join(&mut self, other: &Val) -> bool {
        self.join_depth(other, 0, (0, 0))
    }

    /// The join of what two paths leave in one place, where the checks `only` passed on
    /// one path and not the other (this one's, the other's): a boolean answers, on each
    /// path, with the checks that passed there (`let mut ok = false; if shares(u) { ok =
    /// true }`).
    pub fn join_paths(&mut self, other: &Val, only: (PartySet, PartySet)) -> bool {
        self.join_depth(other, 0, only)
    }

    /// What it answers as a boolean on a path where the checks `guards` passed: its
    /// condition, or a literal's (`false` is never positive, `true` never negative), and
    /// those checks.
    pub fn answer_on(&self, guards: PartySet) -> Option<Cond> {
        let literal = |b: bool| Cond {
            shape: Shape::Bool,
            when_true: if b { 0 } else { PartySet::MAX },
            when_false: if b { PartySet::MAX } else { 0 },
        };
        let c = self.cond.or(self.bool_lit.map(literal))?;
        Some(Cond {
            when_true: c.when_true | guards,
            when_false: c.when_false | guards,
            ..c
        })
    }

    fn join_depth(&mut self, other: &Val, depth: usize, only: (PartySet, PartySet)) -> bool {
        let typed = (!self.tys.is_empty(), !other.tys.is_empty());
        let nones = (self.is_none, other.is_none);
        let same_tys = self.tys == other.tys;
        // Types that declare no labels give no meaning to marks; where neither side has one,
        // marks join as for typed values. Which side has one tells only between two typed
        // sides of different types, or beside a value known to hold nothing; elsewhere
        // `typed` gives the same marks without looking the types up.
        let labelled = if (typed == (true, true) && !same_tys) || self.is_none || other.is_none {
            (
                typed.0 && self.has_labelled_type(),
                typed.1 && other.has_labelled_type(),
            )
        } else {
            typed
        };
        // A value known to hold nothing (`is_none`: its types' marks are vacuous) joined with
        // content of no labelled type (an unknown call's result, or nothing known): that
        // content takes its types with only the marks it carries.
        let held =
            |vacuous: bool, held: &Val| (vacuous && !held.is_none).then(|| held.common_consent());
        let held_here = held(other.is_none && labelled == (false, true), self);
        let held_there = held(self.is_none && labelled == (true, false), other);
        // An empty value may be an unknown call's result, of unknown content: joined, only
        // two literals stay exact.
        let exact = self.exact && other.exact;
        // Sanitized content joined with raw content (or with a typed value whose fields hold
        // what its types declare) is raw in every part.
        let lazy = |v: &Val| v.fields.is_empty() && !v.tys.is_empty();
        let mixed = self.sanitized != other.sanitized
            || ((self.sanitized || other.sanitized) && (lazy(self) || lazy(other)));
        let sanitized = self.sanitized && other.sanitized && !mixed;
        let split = self.split && other.split;
        let mut changed = exact != self.exact || sanitized != self.sanitized || split != self.split;
        self.exact = exact;
        self.sanitized = sanitized;
        self.split = split;
        changed |= join_facts(&mut self.facts, &other.facts);
        if depth < MAX_DEPTH && self.fields.is_empty() && other.fields.len() <= MAX_FIELDS {
            // Into a value without fields, fields that need no folding are shared as they
            // are (what the loop would copy one by one).
            changed |= !other.fields.is_empty();
            self.fields = other.fields.clone();
        } else {
            for (name, sub) in other.fields.iter() {
                // Past the depth or breadth bound, fields fold into the node: a value read from
                // any of them then carries them all.
                if depth >= MAX_DEPTH
                    || (self.fields.len() >= MAX_FIELDS && !self.fields.contains_key(name))
                {
                    // An error folded into the node is no longer apart from it.
                    changed |= std::mem::replace(&mut self.split, false);
                    let flat = sub.fold();
                    changed |= join_facts(&mut self.facts, &flat);
                    changed |= self.carry(sub);
                    continue;
                }
                match self.fields.make_mut().get_mut(name) {
                    Some(existing) => changed |= existing.join_depth(sub, depth + 1, only),
                    None => {
                        self.fields.insert(name.clone(), sub.clone());
                        changed = true;
                    }
                }
            }
        }
        if mixed {
            self.unsanitize();
        }
        // Sorted types (as a join leaves them) are searched rather than scanned; the same
        // types (a many-impls value joined with itself) add nothing.
        if !same_tys {
            let mut sorted = self.tys.is_sorted();
            for ty in &other.tys {
                if sorted {
                    if let Err(at) = self.tys.binary_search(ty) {
                        self.tys.insert(at, ty.clone());
                        changed = true;
                    }
                } else if !self.tys.contains(ty) {
                    self.tys.push(ty.clone());
                    self.tys.sort();
                    sorted = true;
                    changed = true;
                }
            }
        }
        for c in &other.closures {
            if !self.closures.contains(c) {
                self.closures.push(*c);
                changed = true;
            }
        }
        for f in &other.fns {
            if !self.fns.contains(f) {
                self.fns.push(*f);
                changed = true;
            }
        }
        if let Some(theirs) = &other.externals {
            let ours = self.externals.get_or_insert_with(Default::default);
            for path in theirs.iter() {
                if !ours.contains(path) {
                    Arc::make_mut(ours).push(path.clone());
                    changed = true;
                }
            }
        }
        for (ty, consent) in &other.carried {
            changed |= self.carry_one(ty, *consent);
        }
        let cond = Cond::join(self.answer_on(only.0), other.answer_on(only.1));
        changed |= cond != self.cond;
        self.cond = cond;
        self.is_none &= other.is_none;
        if self.bool_lit != other.bool_lit {
            self.bool_lit = None;
        }
        // Consent marks of declared labels: a value of unknown type, or of types that declare
        // none, constrains nothing.
        // Types that declare no labels give no meaning to marks; where neither side has one,
        // marks join as for typed values.
        let basis = if labelled == (false, false) {
            typed
        } else {
            labelled
        };
        let ty_consent = match (basis, held_here, held_there) {
            (_, Some(marks), _) => other.ty_consent & marks,
            (_, _, Some(marks)) => self.ty_consent & marks,
            // A side known to hold nothing constrains no marks (a new channel and what is
            // sent into it).
            _ if nones == (true, false) => other.ty_consent,
            _ if nones == (false, true) => self.ty_consent,
            ((false, _), ..) => other.ty_consent,
            ((true, false), ..) => self.ty_consent,
            ((true, true), ..) => self.ty_consent & other.ty_consent,
        };
        changed |= ty_consent != self.ty_consent;
        self.ty_consent = ty_consent;
        let ty_param = match typed {
            (false, _) => other.ty_param,
            (true, false) => self.ty_param,
            (true, true) => self.ty_param && other.ty_param,
        };
        changed |= ty_param != self.ty_param;
        self.ty_param = ty_param;
        let variant = match typed {
            (false, _) => other.variant.clone(),
            (true, false) => self.variant.clone(),
            (true, true) if self.variant == other.variant => self.variant.clone(),
            (true, true) => None,
        };
        changed |= variant != self.variant;
        self.variant = variant;
        changed
    }

    /// Keeps the types of a subtree folded into this node, so their declared labels stay.
    fn carry(&mut self, sub: &Val) -> bool {
        let mut changed = false;
        for ty in &sub.tys {
            changed |= self.carry_one(ty, sub.ty_consent);
        }
        for (ty, consent) in &sub.carried {
            changed |= self.carry_one(ty, *consent);
        }
        for inner in sub.fields.values() {
            changed |= self.carry(inner);
        }
        changed
    }

    fn carry_one(&mut self, ty: &TyKey, consent: PartySet) -> bool {
        if !declares_labels(ty) {
            return false;
        }
        match self.carried.binary_search_by(|(t, _)| t.cmp(ty)) {
            Ok(index) => {
                let marks = &mut self.carried[index].1;
                let meet = *marks & consent;
                std::mem::replace(marks, meet) != meet
            }
            Err(index) => {
                self.carried.insert(index, (ty.clone(), consent));
                true
            }
        }
    }

    /// Folds the deepest fields into their parents until the tree has at most `limit`
    /// nodes: what a summary keeps of a value, so values cannot grow with every call level.
    pub fn shrink(&mut self, limit: usize) {
        if self.nodes() <= limit {
            return;
        }
        self.prune();
        for depth in (0..MAX_DEPTH).rev() {
            if self.nodes() <= limit {
                return;
            }
            self.fold_below(depth);
        }
    }

    /// Drops fields that hold nothing (no facts, types or marks): reading them gives what
    /// reading an absent field gives.
    fn prune(&mut self) {
        if self.fields.is_empty() {
            return;
        }
        self.fields.make_mut().retain(|_, sub| {
            sub.prune();
            *sub != Val::default()
        });
    }

    fn fold_below(&mut self, depth: usize) {
        if depth > 0 {
            for sub in self.fields.values_mut() {
                sub.fold_below(depth - 1);
            }
            return;
        }
        let fields = self.fields.take();
        self.split = false;
        for sub in fields.values() {
            let flat = sub.fold();
            join_facts(&mut self.facts, &flat);
            self.carry(sub);
        }
    }

    /// Every fact of the tree, folded into one set (symbolic facts become flat); declared
    /// labels of its types are added by the interpreter, which knows the program.
    pub fn fold(&self) -> Facts {
        let mut out = Facts::new();
        self.fold_into(&mut out);
        out
    }

    fn fold_into(&self, out: &mut Facts) {
        for (origin, fact) in &self.facts {
            let origin = match origin {
                Origin::Param { slot, path, .. } => Origin::Param {
                    slot: *slot,
                    path: path.clone(),
                    flat: true,
                },
                other => other.clone(),
            };
            join_fact(out, origin, fact.clone());
        }
        for sub in self.fields.values() {
            sub.fold_into(out);
        }
    }

    /// The consent marks every part of the value carries (none when it carries nothing, all
    /// when it is known to hold nothing): what a type written for it later (`let m:
    /// HashMap<_, &User> = ..`) inherits.
    pub fn common_consent(&self) -> PartySet {
        let mut common: Option<PartySet> = None;
        self.collect_consent(&mut common);
        common.unwrap_or(if self.is_none { PartySet::MAX } else { 0 })
    }

    /// Whether one of its types declares labels (only those give its consent marks meaning).
    pub fn has_labelled_type(&self) -> bool {
        !self.tys.is_empty()
            && LABELLED.with(|l| {
                l.borrow()
                    .as_ref()
                    .is_none_or(|set| !set.is_empty() && self.tys.iter().any(|ty| set.contains(ty)))
            })
    }

    fn collect_consent(&self, common: &mut Option<PartySet>) {
        let mut meet = |marks: PartySet| *common = Some(common.map_or(marks, |c| c & marks));
        for fact in self.facts.values() {
            meet(fact.consented);
        }
        if self.has_labelled_type() {
            meet(self.ty_consent);
        }
        for (_, marks) in &self.carried {
            meet(*marks);
        }
        for sub in self.fields.values() {
            sub.collect_consent(common);
        }
    }

    /// Marks the value (and every label it may yield later) as consented for `parties`.
    pub fn consent(&mut self, parties: PartySet) {
        // No party marks nothing: shared fields stay shared rather than copied to be left as
        // they are (most instantiated facts carry no marks).
        if parties == 0 {
            return;
        }
        self.ty_consent |= parties;
        for (_, marks) in &mut self.carried {
            *marks |= parties;
        }
        for fact in self.facts.values_mut() {
            fact.consented |= parties;
        }
        for sub in self.fields.values_mut() {
            sub.consent(parties);
        }
    }

    /// No part of it is a sanitizer's result any more.
    fn unsanitize(&mut self) {
        self.sanitized = false;
        for sub in self.fields.values_mut() {
            sub.unsanitize();
        }
    }

    /// Applies `f` to every fact in the tree.
    pub fn map_facts(&mut self, f: &mut impl FnMut(&mut Fact)) {
        for fact in self.facts.values_mut() {
            f(fact);
        }
        for sub in self.fields.values_mut() {
            sub.map_facts(f);
        }
    }

    /// Whether a fact anywhere in the tree stands for the caller's argument `slot`.
    pub fn mentions_param(&self, slot: u16) -> bool {
        self.facts
            .keys()
            .any(|o| matches!(o, Origin::Param { slot: s, .. } if *s == slot))
            || self.fields.values().any(|sub| sub.mentions_param(slot))
    }

    /// Removes labels a sanitizer takes out, and records it on symbolic facts.
    pub fn retain_facts(&mut self, keep: &mut impl FnMut(&Origin, &mut Fact) -> bool) {
        self.facts.retain(|origin, fact| keep(origin, fact));
        for sub in self.fields.values_mut() {
            sub.retain_facts(keep);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(label: u32) -> Val {
        let mut value = Val::default();
        value
            .facts
            .insert(Origin::Label(LabelId(label)), Fact::new(None));
        value
    }

    #[test]
    fn fields_are_shared_until_written() {
        let mut user = Val::default();
        user.fields.insert("phone".into(), labelled(0));
        let mut copy = user.clone();
        copy.consent(0b1);
        copy.fields.insert("email".into(), labelled(1));
        // The original keeps its one field, unmarked.
        assert_eq!(user.fields.len(), 1);
        assert_eq!(
            user.fields["phone"].facts[&Origin::Label(LabelId(0))].consented,
            0
        );
        assert_eq!(copy.fields.len(), 2);
        assert_eq!(
            copy.fields["phone"].facts[&Origin::Label(LabelId(0))].consented,
            0b1
        );
        // No fields and fields emptied are the same value.
        let mut emptied = Val::default();
        emptied.fields.make_mut();
        assert_eq!(emptied, Val::default());
    }

    #[test]
    fn a_join_into_an_empty_value_shares_and_then_copies() {
        let mut source = Val::default();
        source.fields.insert("phone".into(), labelled(0));
        let mut joined = Val::default();
        assert!(joined.join(&source));
        assert_eq!(joined, source);
        joined.fields.insert("email".into(), labelled(1));
        assert_eq!(source.fields.len(), 1);
        // Joining again adds nothing.
        let mut again = source.clone();
        assert!(!again.join(&source));
    }
}
