//! What entry points keep in objects: the state one public method leaves in `self` is
//! there when the code outside calls another (`index.add(u)` then `index.sync()`).
//!
//! An entry point (no caller in the checked code) is given its objects by that outside
//! code, which may have passed them to, or got them from, any other entry point first. So
//! what any entry point writes into an object of a local type it is given (`&mut self`, a
//! `&mut Batch` parameter) or returns (`fn new(..) -> Self`) is one store per type, read by
//! every entry point given an object of that type, as a static's content is read wherever
//! the static is. A function with callers is not given that state: its callers pass it what
//! they hold, so an object built and used inside the checked code holds only what the
//! analysis saw written into it. Objects inside objects (`self.cache.last`) are stored
//! under their own type too. A std cell holding no local type (`state: Arc<RwLock<HashMap<u64,
//! String>>>` of two handlers) is such an object as well, stored under the cell's type.

use super::domain::{join_fact, Fact, Origin, Val};
use super::memo::Analysed;
use super::{interp, models};
use crate::ir::{self, Name};
use crate::program::{AdtId, FnId, LabelId, ModId, Program, TyKey};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::Arc;

/// What entry points share state through: objects of a local type, and std cells that hold
/// no local type, by the cell's type under its shared pointers and references
/// (`RwLock<HashMap<u64, String>>` for `Arc<RwLock<..>>` and `&RwLock<..>`): the code outside
/// may hand one cell to several entry points, as it may one object.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum ObjectKey {
    Adt(AdtId),
    Cell(Name),
}

/// The object a value declared as `ty` in `module`, of type keys `tys`, is, if any.
fn object_key(program: &Program, module: ModId, tys: &[TyKey], ty: &ir::Type) -> Option<ObjectKey> {
    if let Some(adt) = object_type(tys) {
        return Some(ObjectKey::Adt(adt));
    }
    if tys.iter().any(|key| matches!(key, TyKey::Adt(_))) {
        return None;
    }
    let mut ty = program.expand_alias(module, ty);
    loop {
        let inner = match ty {
            ir::Type::Ref { inner, .. } => inner,
            ir::Type::Path(path) => match (path.segments.last(), path.generics.as_slice()) {
                (Some(owner), [inner])
                    if models::is_shared_owner(owner)
                        || models::is_extractor(owner)
                        || matches!(&**owner, "Box" | "Option") =>
                {
                    inner
                }
                _ => break,
            },
            _ => break,
        };
        // `&PhoneLog` of `type PhoneLog = Arc<Mutex<Vec<String>>>`.
        ty = program.expand_alias(module, inner);
    }
    if !interp::is_interior_mutable(ty) {
        return None;
    }
    let mut spelled = String::new();
    spell(ty, &mut spelled);
    Some(ObjectKey::Cell(spelled.into()))
}

/// The object parameter `slot` of `f` is given, if any.
pub(super) fn param_key(program: &Program, f: FnId, slot: usize) -> Option<ObjectKey> {
    let info = &program.fns[f.index()];
    let tys = info.signature.params.get(slot)?;
    object_key(program, info.module, tys, &info.ir.params.get(slot)?.ty)
}

/// The object `f` returns, if any.
fn ret_key(program: &Program, f: FnId) -> Option<ObjectKey> {
    let info = &program.fns[f.index()];
    object_key(program, info.module, &info.signature.ret, &info.ir.ret)
}

/// A type as a key: last path segments and generic arguments (`RwLock<HashMap<u64, String>>`).
fn spell(ty: &ir::Type, out: &mut String) {
    let list = |items: &mut dyn Iterator<Item = &ir::Type>, out: &mut String| {
        for (index, item) in items.enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            spell(item, out);
        }
    };
    match ty {
        ir::Type::Path(path) => {
            out.push_str(path.segments.last().map_or("", |s| &**s));
            if !path.generics.is_empty() {
                out.push('<');
                list(&mut path.generics.iter(), out);
                out.push('>');
            }
        }
        ir::Type::Ref { mutable, inner } => {
            out.push_str(if *mutable { "&mut " } else { "&" });
            spell(inner, out);
        }
        ir::Type::Tuple(items) => {
            out.push('(');
            list(&mut items.iter(), out);
            out.push(')');
        }
        ir::Type::Slice(inner) => {
            out.push('[');
            spell(inner, out);
            out.push(']');
        }
        ir::Type::Bounds(bounds) => {
            out.push_str("dyn");
            for bound in bounds {
                out.push(' ');
                out.push_str(bound.segments.last().map_or("", |s| &**s));
            }
        }
        ir::Type::Fn => out.push_str("fn"),
        ir::Type::Infer => out.push('_'),
        ir::Type::Never => out.push('!'),
        ir::Type::Other => out.push('?'),
    }
}

/// The local type whose objects a value of these types is (`&mut Service`, `Arc<Self>`,
/// `Option<Batch>`): where the types mention exactly one.
pub(super) fn object_type(tys: &[TyKey]) -> Option<AdtId> {
    let mut adts = tys.iter().filter_map(|ty| match ty {
        TyKey::Adt(adt) => Some(*adt),
        _ => None,
    });
    let first = adts.next()?;
    adts.next().is_none().then_some(first)
}

/// What entry point `f` leaves in the objects it writes through the parameters it borrows
/// (`writes`, by parameter) and returns (`ret`), by type: the labels and the labelled types
/// they hold beyond what the types declare.
pub(super) fn kept(
    types: &Declarations,
    f: FnId,
    writes: &[(u16, Val)],
    ret: &Val,
) -> Vec<(ObjectKey, Val)> {
    let info = &types.program.fns[f.index()];
    let signature = &info.signature;
    // An object given by value (`mut self`, `u: User`) is the entry point's own: what it
    // writes there goes nowhere unless it is returned, or it went into one of the
    // `Rc`/`Arc` cells the object holds (`state: AppState` of a handler), which its other
    // clones share. A std cell given in a holder (`State<Arc<Mutex<..>>>`) is shared, and so
    // is what actix's `Data` (an `Arc`) holds, or an extractor's `Arc` (`State<Arc<Dir>>`).
    let program = types.program;
    let lent = |slot: usize| {
        (info.ir.params.get(slot)).is_some_and(|p| {
            let ty = program.expand_alias(info.module, &p.ty);
            matches!(ty, ir::Type::Ref { .. })
                || interp::holds_shared(ty)
                || models::is_shared_extractor(ty)
        })
    };
    let written = (writes.iter()).filter_map(|(slot, value)| {
        let slot = usize::from(*slot);
        let tys = signature.params.get(slot)?;
        let key = param_key(program, f, slot);
        if lent(slot) || matches!(key, Some(ObjectKey::Cell(_))) {
            return Some((key?, Cow::Borrowed(value)));
        }
        let cells = types.program.shared_fields(tys);
        let mut shared = value.clone();
        shared
            .fields
            .make_mut()
            .retain(|name, _| cells.contains(name));
        let adt = object_type(tys)?;
        (!shared.fields.is_empty()).then(|| {
            shared.facts.clear();
            (ObjectKey::Adt(adt), Cow::Owned(shared))
        })
    });
    let returned = returned(program, f).into_iter().map(|(key, part)| {
        let value = match part {
            Part::Whole => Cow::Borrowed(ret),
            Part::Ok => Cow::Owned(ret.ok_part()),
            Part::Err => Cow::Owned(ret.err_part()),
        };
        (key, value)
    });
    let mut kept = Vec::new();
    for (key, value) in written.chain(returned) {
        match key {
            ObjectKey::Adt(adt) => types.keep(adt, &value, &mut kept, 0),
            ObjectKey::Cell(_) => {
                if let Some(state) = types.beyond_declared(&Position::default(), &value) {
                    super::join_keyed(&mut kept, key, &state);
                }
            }
        }
    }
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    kept
}

/// Which part of a returned value an object is.
#[derive(Clone, Copy)]
enum Part {
    Whole,
    Ok,
    Err,
}

/// The objects `f` returns: the value, or each side of a `Result<UserView, AppError>` (the
/// error an object of its own type, handed by a web framework to its `IntoResponse` impl).
fn returned(program: &Program, f: FnId) -> Vec<(ObjectKey, Part)> {
    let info = &program.fns[f.index()];
    let sides = result_sides(program.expand_alias(info.module, &info.ir.ret));
    if sides.is_empty() {
        return ret_key(program, f).map_or(Vec::new(), |key| vec![(key, Part::Whole)]);
    }
    let mut out = Vec::new();
    for (ty, part) in sides {
        let named = named_types(ty);
        let tys: Vec<TyKey> = (info.signature.ret.iter())
            .filter(|key| match key {
                TyKey::Adt(adt) => named.contains(&program.adts[adt.index()].ir.name),
                _ => false,
            })
            .cloned()
            .collect();
        if let Some(key) = object_key(program, info.module, &tys, ty) {
            out.push((key, part));
        }
    }
    out
}

/// The sides of a returned `Result<T, E>`.
fn result_sides(ty: &ir::Type) -> Vec<(&ir::Type, Part)> {
    match ty {
        ir::Type::Path(path) => match (path.segments.last(), path.generics.as_slice()) {
            (Some(name), [ok, err]) if &**name == "Result" => {
                vec![(ok, Part::Ok), (err, Part::Err)]
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// The last segments of the paths a type names (`Json`, `UserView` in `Json<UserView>`).
fn named_types(ty: &ir::Type) -> Vec<Name> {
    let mut out = Vec::new();
    let mut stack = vec![ty];
    while let Some(ty) = stack.pop() {
        match ty {
            ir::Type::Path(path) => {
                out.extend(path.segments.last().cloned());
                stack.extend(&path.generics);
            }
            ir::Type::Ref { inner, .. } | ir::Type::Slice(inner) => stack.push(inner),
            ir::Type::Tuple(items) => stack.extend(items),
            _ => {}
        }
    }
    out
}

/// Objects nested deeper than this are not stored under their own type.
const MAX_NESTING: usize = 4;

/// What the declarations say a value holds, which a read finds without a store.
pub(super) struct Declarations<'d, 'a> {
    pub program: &'d Program<'a>,
    /// The types that declare labels.
    pub labelled: &'d HashSet<TyKey>,
    /// Per type, the labels a value of it carries when used whole.
    pub deep_labels: &'d [Vec<LabelId>],
}

/// A place in an object: the types and labels declared for it.
#[derive(Default)]
struct Position {
    tys: Vec<TyKey>,
    labels: Vec<LabelId>,
}

impl Declarations<'_, '_> {
    fn keep(&self, adt: AdtId, value: &Val, kept: &mut Vec<(ObjectKey, Val)>, depth: usize) {
        let root = Position {
            tys: vec![TyKey::Adt(adt)],
            labels: self.deep_labels[adt.index()].clone(),
        };
        let Some(state) = self.beyond_declared(&root, value) else {
            return;
        };
        if depth < MAX_NESTING {
            let fields = &self.program.adts[adt.index()].fields;
            for (name, sub) in value.fields.iter() {
                let inner = fields.get(name).and_then(|field| object_type(&field.keys));
                if let Some(inner) = inner {
                    self.keep(inner, sub, kept, depth + 1);
                }
            }
        }
        super::join_keyed(kept, ObjectKey::Adt(adt), &state);
    }

    /// The part of `value`, at a place declared as `declared`, that a read of the place
    /// would not find from the declarations alone: labels not declared there, its own or
    /// those of labelled types not declared there; `None` when there is none. Its labels are the reading entry
    /// point's own flows (not re-derived by callers, see `Fact::via_param`).
    fn beyond_declared(&self, declared: &Position, value: &Val) -> Option<Val> {
        let undeclared = |ty: &TyKey| self.labelled.contains(ty) && !declared.tys.contains(ty);
        let mut state = Val {
            facts: (value.facts.iter())
                .filter(|(origin, _)| {
                    matches!(origin, Origin::Label(l) if !declared.labels.contains(l))
                })
                .map(|(origin, fact)| {
                    let fact = Fact {
                        via_param: false,
                        ..fact.clone()
                    };
                    (origin.clone(), fact)
                })
                .collect(),
            ..Val::default()
        };
        // The labels of the labelled types it holds that are not declared there, as labels:
        // a type in the store would change how the reader's calls resolve.
        let held = (value.tys.iter().map(|ty| (ty, value.ty_consent)))
            .chain(value.carried.iter().map(|(ty, marks)| (ty, *marks)))
            .filter(|(ty, _)| undeclared(ty));
        for (ty, consented) in held {
            let labels = match ty {
                TyKey::Adt(adt) => &self.deep_labels[adt.index()][..],
                TyKey::External(path) => (self.program.external_labels.get(&**path))
                    .map_or(&[][..], |labels| &labels[..]),
                TyKey::Trait(_) => &[],
            };
            for label in labels.iter().filter(|l| !declared.labels.contains(l)) {
                let fact = Fact {
                    consented,
                    ..Fact::new(None)
                };
                join_fact(&mut state.facts, Origin::Label(*label), fact);
            }
        }
        for (name, sub) in value.fields.iter() {
            let field = self.field(value.tys.iter().chain(&declared.tys), name);
            if let Some(sub) = self.beyond_declared(&field, sub) {
                state.fields.insert(name.clone(), sub);
            }
        }
        (!state.facts.is_empty() || !state.fields.is_empty()).then_some(state)
    }

    /// What is declared for the field `name` of values of `tys`: its types, and the labels
    /// of the containing type, of the field and of the field's types.
    fn field<'t>(&self, tys: impl Iterator<Item = &'t TyKey>, name: &Name) -> Position {
        let mut out = Position::default();
        for ty in tys {
            let TyKey::Adt(adt) = ty else { continue };
            let info = &self.program.adts[adt.index()];
            let Some(field) = info.fields.get(name) else {
                continue;
            };
            out.labels.extend(info.labels.iter().chain(&field.labels));
            for key in &field.keys {
                match key {
                    TyKey::Adt(inner) => out.labels.extend(&self.deep_labels[inner.index()]),
                    TyKey::External(path) => out.labels.extend(
                        self.program
                            .external_labels
                            .get(&**path)
                            .into_iter()
                            .flatten(),
                    ),
                    TyKey::Trait(_) => {}
                }
                out.tys.push(key.clone());
            }
        }
        out
    }
}

/// Per function, whether it is given (`&mut self`, `&Batch`, a std cell) or returns an
/// object: only those keep or read what objects hold.
pub(super) fn objectful(program: &Program) -> Vec<bool> {
    (0..program.fns.len())
        .into_par_iter()
        .map(|index| {
            let f = FnId(index as u32);
            let params = program.fns[index].signature.params.len();
            !returned(program, f).is_empty()
                || (0..params).any(|slot| param_key(program, f, slot).is_some())
        })
        .collect()
}

/// What the entry points keep in the objects of one type: each reader sees what the others
/// kept, computed once per writer (a reader that kept nothing sees it all), so that n
/// writers and readers of one type cost n joins, not n².
#[derive(Clone, PartialEq, Debug)]
pub struct Kept {
    pub key: ObjectKey,
    all: Val,
    /// The writers, sorted, and for each what all the others kept.
    writers: Vec<FnId>,
    others: Vec<Option<Val>>,
}

impl Kept {
    /// What the analyses in `written` (writer, analysis) kept, by type. A type whose
    /// writers' analyses are the ones it was last joined from (by address: an analysis is
    /// never changed) is taken from `cache` of round `round`, not joined again: after an
    /// edit, only the types the edited functions keep are.
    pub(super) fn by_type(
        written: Vec<(FnId, &Arc<Analysed>)>,
        cache: &mut KeptCache,
        round: usize,
    ) -> Vec<Kept> {
        let mut written: Vec<(&ObjectKey, FnId, &Arc<Analysed>, &Val)> = (written.into_iter())
            .flat_map(|(f, a)| (a.output.kept.iter()).map(move |(key, v)| (key, f, a, v)))
            .collect();
        written.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut out: Vec<Kept> = Vec::new();
        for group in written.chunk_by(|a, b| a.0 == b.0) {
            let key = group[0].0.clone();
            let from: Vec<Arc<Analysed>> = group.iter().map(|(_, _, a, _)| Arc::clone(a)).collect();
            let known = cache.0.get(&(round, key.clone())).filter(|(last, _)| {
                last.len() == from.len() && last.iter().zip(&from).all(|(a, b)| Arc::ptr_eq(a, b))
            });
            let kept = match known {
                Some((_, kept)) => kept.clone(),
                None => {
                    let writers = group.iter().map(|(_, f, ..)| *f).collect();
                    let values = group.iter().map(|(.., v)| *v).collect();
                    let kept = Kept::joined(key.clone(), writers, values);
                    cache.0.insert((round, key), (from, kept.clone()));
                    kept
                }
            };
            out.push(kept);
        }
        // A type no longer written this round keeps no analyses alive.
        cache
            .0
            .retain(|(r, key), _| *r != round || out.binary_search_by(|k| k.key.cmp(key)).is_ok());
        out
    }

    /// What `values` (one per writer, sorted) kept in objects of `key`.
    fn joined(key: ObjectKey, writers: Vec<FnId>, values: Vec<&Val>) -> Kept {
        // What the writers before and after each kept, joined once from each end.
        let last = values.len() - 1;
        let before = running_joins(values[..last].iter().copied());
        let mut after = running_joins(values[1..].iter().rev().copied());
        after.reverse();
        let mut all = before[last].clone().unwrap_or_default();
        all.join(values[last]);
        let others: Vec<Option<Val>> = (before.into_iter().zip(after))
            .map(|(a, b)| match (a, b) {
                (Some(mut a), Some(b)) => {
                    a.join(&b);
                    Some(a)
                }
                (a, b) => a.or(b),
            })
            .collect();
        Kept {
            key,
            all,
            writers,
            others,
        }
    }

    /// What the entry points other than `reader` kept.
    pub(super) fn seen_by(&self, reader: FnId) -> Option<&Val> {
        match self.writers.binary_search(&reader) {
            Ok(at) => self.others[at].as_ref(),
            Err(_) => Some(&self.all),
        }
    }

    /// Equal, traces included.
    pub(super) fn identical(&self, other: &Kept) -> bool {
        self == other
            && self.all.identical(&other.all)
            && (self.others.iter().zip(&other.others)).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => a.identical(b),
                _ => true,
            })
    }
}

/// The last check's `Kept` of each type, per round of passes, with the analyses it was
/// joined from (see `Kept::by_type`); kept in the `Memo`.
#[derive(Default)]
pub struct KeptCache(HashMap<(usize, ObjectKey), JoinedFrom>);

/// A type's `Kept`, and the writers' analyses it was joined from.
type JoinedFrom = (Vec<Arc<Analysed>>, Kept);

/// Nothing, then each of `values` joined with all before it.
fn running_joins<'v>(values: impl Iterator<Item = &'v Val>) -> Vec<Option<Val>> {
    let mut joins: Vec<Option<Val>> = vec![None];
    for value in values {
        let mut joined = joins.last().cloned().flatten().unwrap_or_default();
        joined.join(value);
        joins.push(Some(joined));
    }
    joins
}

/// Whether `f` is given an object of a local type with fields, or a std cell: it may read
/// what entry points keep in such objects, or keep something there, so it is relevant
/// whenever anything is (see `relevance`), whether or not it names anything labelled
/// (`Analytics::flush` reading what `track` kept).
pub(super) fn holds_state(program: &Program, f: FnId) -> bool {
    let params = program.fns[f.index()].signature.params.len();
    (0..params).any(|slot| match param_key(program, f, slot) {
        Some(ObjectKey::Adt(adt)) => !program.adts[adt.index()].fields.is_empty(),
        Some(ObjectKey::Cell(_)) => true,
        None => false,
    })
}

/// Whether some entry point (`entries`, per function) is given an object of a type in
/// `objects`: it reads what the others kept there, so the pass that applies them runs.
pub(super) fn read_by_entry_points(program: &Program, entries: &[bool], objects: &[Kept]) -> bool {
    let kept = |key: &ObjectKey| objects.binary_search_by(|k| k.key.cmp(key)).is_ok();
    (program.fns.iter().zip(entries).enumerate()).any(|(index, (info, entry))| {
        let f = FnId(index as u32);
        *entry
            && (0..info.signature.params.len())
                .any(|slot| param_key(program, f, slot).is_some_and(|key| kept(&key)))
    })
}
