//! Which functions can hold labelled data: only they are analysed.
//!
//! Labelled data comes into being only where a function names what carries it: a type that
//! declares labels or holds a labelled value in a field (or an alias or renamed import of
//! one), a labelled field read from a value of unknown type, a source. Such a function is a
//! *seed*. From there data moves between functions only through calls: up to the callers
//! (returned, written through a parameter) and down to the callees (passed). So the
//! functions that can hold it are the seeds, their callers (transitively), and the callees
//! of those (transitively): the *relevant* functions. More ways in: a closure stored or
//! passed on runs wherever a callable of unknown origin is called, so when anything is
//! relevant, so is every function that writes a closure (for what its parameters reach,
//! see `propagate::Escaped`); likewise every function that names a static, and every one
//! given an object of a local type with fields (what other entry points kept there, see
//! `propagate::objects`).
//!
//! Any other function's analysis finds no flow, and nothing a judgement reads depends on
//! it: flows are found only in seeds and their callers, and every caller of those is
//! relevant, so the consent guards and re-derived parameter labels judged there (see
//! `judge::consent`) come from the same calls as in an analysis of everything. A crate that
//! names no labelled type is not analysed at all.
//!
//! The calls are those of the text (`CallGraph::from_text`: every method of a called name,
//! every function or global named), which include every call the analysis resolves; a call
//! it resolves outside them all the same makes its callee relevant (`Schedule::new`).

use super::{CallGraph, Text};
use crate::ir::{Expr, Function, Item, LoopKind, Module, Name, Pat, Path, Type};
use crate::program::{AdtId, FnId, Owner, Program, TraitId, TyKey};
use petgraph::graph::NodeIndex;
use petgraph::Direction;
use rustc_hash::FxHashSet as HashSet;

/// The seeds, their callers in `text`, and, if there are any, the functions that write a
/// closure or name a static, with the callers of those that name a static (what it returns
/// of the static is what any function stored there); `Schedule::new` adds what they call.
pub(super) fn relevant(text: &CallGraph, texts: &[Option<Text>]) -> Vec<bool> {
    let mut seeds: Vec<bool> = texts
        .iter()
        .map(|t| t.as_ref().is_some_and(|t| t.seed))
        .collect();
    if seeds.contains(&true) {
        for (seed, text) in seeds.iter_mut().zip(texts) {
            *seed |= text.as_ref().is_some_and(|t| t.statics);
        }
    }
    let mut relevant = callers_of(text, seeds);
    if relevant.contains(&true) {
        for (relevant, text) in relevant.iter_mut().zip(texts) {
            *relevant |= text.as_ref().is_some_and(|t| t.shares);
        }
    }
    relevant
}

/// What a function must name to come to hold labelled data by itself.
pub(super) struct Names {
    names: NameSet,
    /// Per impl, whether its type names one of `names` (its methods' `Self`).
    impls: Vec<bool>,
    /// The traits of those impls: their default methods run with that `Self`.
    traits: HashSet<TraitId>,
}

impl Names {
    pub(super) fn new(program: &Program, labelled: &HashSet<TyKey>) -> Names {
        let names = label_names(program, labelled);
        let impls: Vec<bool> = (program.impls.iter())
            .map(|imp| mentions(&names, |m| m.ty(&imp.ir.self_ty)))
            .collect();
        let traits = (program.impls.iter().zip(&impls))
            .filter(|(_, named)| **named)
            .filter_map(|(imp, _)| imp.trait_)
            .collect();
        Names {
            names,
            impls,
            traits,
        }
    }

    /// What reads a function's text for these names (with the walk that reads its calls,
    /// see `syntactic_calls`).
    pub(super) fn reader(&self) -> Mentions<'_> {
        Mentions::new(&self.names)
    }

    /// Whether a function whose text `read` read is a seed (see the module's doc).
    pub(super) fn seed(&self, program: &Program, f: FnId, read: &Mentions) -> bool {
        let info = &program.fns[f.index()];
        read.found
            || !info.roles.sources.is_empty()
            || match info.owner {
                Owner::Impl(imp) => self.impls[imp.index()],
                Owner::Trait(t) => self.traits.contains(&t),
                Owner::Free => false,
            }
    }
}

/// Each function of `from` and every function that calls it, transitively.
fn callers_of(graph: &CallGraph, from: Vec<bool>) -> Vec<bool> {
    reach(graph, from, Direction::Incoming)
}

/// Each function of `from` and every function it calls, transitively.
pub(super) fn callees_of(graph: &CallGraph, from: Vec<bool>) -> Vec<bool> {
    reach(graph, from, Direction::Outgoing)
}

/// Marks, per function, what the graph's edges in `direction` reach from `from`; the nodes
/// of callee lists are passed through.
fn reach(graph: &CallGraph, mut from: Vec<bool>, direction: Direction) -> Vec<bool> {
    let mut seen = vec![false; graph.graph.node_count()];
    let mut stack: Vec<NodeIndex> = (from.iter().enumerate())
        .filter(|(_, on)| **on)
        .map(|(index, _)| NodeIndex::new(index))
        .collect();
    while let Some(node) = stack.pop() {
        if std::mem::replace(&mut seen[node.index()], true) {
            continue;
        }
        if let Some(mark) = from.get_mut(node.index()) {
            *mark = true;
        }
        let next = graph.graph.neighbors_directed(node, direction);
        stack.extend(next.filter(|n| !seen[n.index()]));
    }
    from
}

/// The names a function must write to come to hold labelled data by itself: the types that
/// carry labels and their variants, labelled fields, sources of the policy, and every alias
/// or renamed import of one of these.
fn label_names(program: &Program, labelled: &HashSet<TyKey>) -> NameSet {
    let mut names = NameSet::default();
    for (adt, carries) in program.adts.iter().zip(carriers(program, labelled)) {
        if carries {
            names.insert(adt.ir.name.clone());
            adt.ir.variants.iter().for_each(|v| names.insert(v.clone()));
        }
    }
    for key in labelled {
        if let TyKey::External(path) = key {
            names.insert(last_segment(path).into());
        }
    }
    (program.labelled_fields.keys()).for_each(|f| names.insert(f.clone()));
    for source in &program.policy.sources {
        if let Some(last) = source.path.0.last() {
            names.insert(last.as_str().into());
        }
    }
    if names.is_empty() {
        return names;
    }
    loop {
        let before = names.len();
        for ir in &program.loaded.irs {
            add_aliases(&ir.root, &mut names);
        }
        if names.len() == before {
            return names;
        }
    }
}

/// Per type of the program, whether its values carry labels: it is labelled, or a field's
/// type (transitively) is, a type of another crate included.
fn carriers(program: &Program, labelled: &HashSet<TyKey>) -> Vec<bool> {
    let mut carries: Vec<bool> = (0..program.adts.len())
        .map(|index| labelled.contains(&TyKey::Adt(AdtId(index as u32))))
        .collect();
    loop {
        let mut changed = false;
        for (index, adt) in program.adts.iter().enumerate() {
            let carried = |key: &TyKey| match key {
                TyKey::Adt(inner) => carries[inner.index()],
                other => labelled.contains(other),
            };
            if !carries[index] && adt.fields.values().any(|f| f.keys.iter().any(carried)) {
                carries[index] = true;
                changed = true;
            }
        }
        if !changed {
            return carries;
        }
    }
}

fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// Adds the names of `type` aliases of, and imports renaming, a name of `names`.
fn add_aliases(module: &Module, names: &mut NameSet) {
    for item in &module.items {
        match item {
            Item::TypeAlias { name, ty }
                if !names.contains(name) && mentions(names, |m| m.ty(ty)) =>
            {
                names.insert(name.clone());
            }
            Item::Use(tree) => {
                for entry in &tree.entries {
                    let Some(alias) = &entry.alias else { continue };
                    let renames = entry
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| names.contains(s));
                    if renames && !names.contains(alias) {
                        names.insert(alias.clone());
                    }
                }
            }
            Item::Mod {
                body: Some(body), ..
            } => add_aliases(body, names),
            _ => {}
        }
    }
}

/// The names looked for in every function's text. Nearly every name met is not one of
/// them, which the first byte and the length tell without hashing it.
#[derive(Default)]
struct NameSet {
    names: HashSet<Name>,
    /// Per first byte, a bit per length (63 for longer) of the names that begin with it.
    shapes: Vec<u64>,
}

impl NameSet {
    fn insert(&mut self, name: Name) {
        if let Some(&first) = name.as_bytes().first() {
            self.shapes.resize(256, 0);
            self.shapes[usize::from(first)] |= 1 << name.len().min(63);
            self.names.insert(name);
        }
    }

    fn contains(&self, name: &str) -> bool {
        let shape = |first: &u8| self.shapes.get(usize::from(*first)).copied().unwrap_or(0);
        let possible = name.as_bytes().first().map(shape).unwrap_or(0);
        possible >> name.len().min(63) & 1 == 1 && self.names.contains(name)
    }

    fn len(&self) -> usize {
        self.names.len()
    }

    fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Whether what `visit` shows a `Mentions` names one of `names`.
fn mentions(names: &NameSet, visit: impl FnOnce(&mut Mentions)) -> bool {
    let mut mentions = Mentions::new(names);
    visit(&mut mentions);
    mentions.found
}

/// Looks for a name of `names` among the names an item writes: path segments, types,
/// fields, methods, patterns; and for closures.
pub(super) struct Mentions<'n> {
    names: &'n NameSet,
    found: bool,
    /// A closure was written.
    pub closures: bool,
}

impl<'n> Mentions<'n> {
    fn new(names: &'n NameSet) -> Mentions<'n> {
        Mentions {
            names,
            found: false,
            closures: false,
        }
    }

    fn name(&mut self, name: &Name) {
        self.found |= self.names.contains(name);
    }

    fn path(&mut self, path: &Path) {
        path.segments.iter().for_each(|s| self.name(s));
        path.generics.iter().for_each(|t| self.ty(t));
        if let Some(qself) = &path.qself {
            self.ty(qself);
        }
    }

    fn ty(&mut self, ty: &Type) {
        match ty {
            Type::Path(path) => self.path(path),
            Type::Ref { inner, .. } | Type::Slice(inner) => self.ty(inner),
            Type::Tuple(items) => items.iter().for_each(|t| self.ty(t)),
            Type::Bounds(bounds) => bounds.iter().for_each(|p| self.path(p)),
            Type::Fn | Type::Infer | Type::Never | Type::Other => {}
        }
    }

    fn pat(&mut self, pat: &Pat) {
        match pat {
            Pat::Bind(_, sub) => {
                if let Some(sub) = sub {
                    self.pat(sub);
                }
            }
            Pat::Tuple(path, items) => {
                if let Some(path) = path {
                    self.path(path);
                }
                items.iter().for_each(|p| self.pat(p));
            }
            Pat::Struct(path, fields) => {
                if let Some(path) = path {
                    self.path(path);
                }
                for (name, pat) in fields {
                    self.name(name);
                    self.pat(pat);
                }
            }
            Pat::Slice(items) | Pat::Or(items) => items.iter().for_each(|p| self.pat(p)),
            Pat::Path(path) => self.path(path),
            Pat::Lit(_) | Pat::Wild => {}
        }
    }

    /// Everything of a function but its body's expressions (see `expr`).
    pub(super) fn signature(&mut self, function: &Function) {
        for param in &function.params {
            self.ty(&param.ty);
            self.pat(&param.pat);
        }
        self.ty(&function.ret);
        for (_, bounds) in &function.generics.params {
            bounds.iter().for_each(|p| self.path(p));
        }
        if let Some(body) = &function.body {
            body.params.iter().for_each(|p| self.pat(p));
        }
    }

    /// The names of one node (`Expr::walk` visits the nodes inside it).
    pub(super) fn expr(&mut self, expr: &Expr) {
        match expr {
            Expr::Path(path, _) => self.path(path),
            Expr::Field { name, .. } => self.name(name),
            Expr::MethodCall(call) => {
                self.name(&call.method);
                call.turbofish.iter().for_each(|t| self.ty(t));
            }
            Expr::Struct(lit) => {
                self.path(&lit.path);
                lit.fields.iter().for_each(|(name, _)| self.name(name));
            }
            Expr::Let(let_) => {
                self.pat(&let_.pat);
                if let Some(ty) = &let_.ty {
                    self.ty(ty);
                }
            }
            Expr::LetCond(cond) => self.pat(&cond.0),
            Expr::Match { arms, .. } => arms.iter().for_each(|arm| self.pat(&arm.pat)),
            Expr::Loop {
                kind: LoopKind::For(for_),
                ..
            } => self.pat(&for_.0),
            Expr::Closure { params, types, .. } => {
                self.closures = true;
                params.iter().for_each(|p| self.pat(p));
                // `|e: phonelib::ParseError| ..` names that type.
                (types.iter().flat_map(|types| types.iter().flatten())).for_each(|t| self.ty(t));
            }
            Expr::Macro(call) => self.path(&call.path),
            _ => {}
        }
    }
}
