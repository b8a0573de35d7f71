//! The intermediate form every later stage reads: a file's items with their function bodies
//! lowered to a small expression tree. It holds no syntax tree, no `proc_macro2` span and no
//! resolved name: it depends on its own file's text, and on the text of the macros of other
//! files of its crate that it calls (see `load::macros`), so the editor re-lowers one file
//! when it changes (and a macro's callers when the macro does). Names are resolved later,
//! against the whole program (`resolve`).

use crate::annotations::RoleKind;
use crate::model::{Category, Pos};
use std::sync::Arc;

/// A name (identifier, field, segment); cheap to clone.
pub type Name = Arc<str>;

/// Index of a file in the program's file table.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct FileId(pub u32);

/// A source position: the file, the function or global it is in (`anchor`, see
/// `FileIr::anchors`), and its bytes, from that item's start. Relative, so that an edit
/// moves no span of another item: the analysis of an unchanged function is the same wherever
/// the function now starts (see `propagate::Memo`). No line or column: bodies hold a span
/// in most nodes, and `FileIr::absolute`, the only place that turns a span into a place in
/// the file, computes them from the file's lines. The spans of one item order as their places.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Span {
    pub file: FileId,
    /// 1 + the item's index in `FileIr::anchors`; 0 for `Span::default()`, the place of
    /// what has none in the source (shown at line 0).
    pub anchor: u32,
    pub start: u32,
    pub end: u32,
}

/// A path as written (`crate::a::B`, `Self::new`, `Vec::<T>::new`), unresolved.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default)]
pub struct Path {
    pub global: bool,
    pub segments: Vec<Name>,
    /// Generic arguments written on the segments, flattened (`Vec::<User>::new`).
    pub generics: Vec<Type>,
    /// The type of a qualified path `<User as Default>::default`, whose segments name the
    /// trait's item: the impl of that type is the one meant.
    pub qself: Option<Box<Type>>,
}

/// A type as written, kept only as far as the analysis uses it: named paths and their
/// generic arguments, references, tuples, slices, trait objects, `impl Trait`.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Type {
    Path(Path),
    Ref {
        mutable: bool,
        inner: Box<Type>,
    },
    Tuple(Vec<Type>),
    Slice(Box<Type>),
    /// `dyn A + B` and `impl A + B`: the trait bounds.
    Bounds(Vec<Path>),
    Fn,
    Infer,
    /// `!`: a function returning it never returns.
    Never,
    Other,
}

/// One `#[sharelock(..)]` or role attribute found on an item, already parsed by the shared
/// grammar and converted to positions.
#[derive(Clone, Debug)]
pub struct Label {
    pub category: Category,
    pub allow: Vec<Name>,
    pub deny: Vec<Name>,
    pub consent: Vec<Name>,
    pub must_reach: Vec<Name>,
    /// The attribute (`#[sharelock(..)]`), the label's source location.
    pub attr: Span,
}

#[derive(Clone, Debug)]
pub enum Role {
    Sink {
        parties: Vec<Name>,
        args: Option<Vec<Name>>,
    },
    Source {
        label: Label,
        args: Option<Vec<Name>>,
    },
    Sanitizer {
        removes: Option<Vec<Category>>,
    },
    ConsentCheck {
        parties: Vec<Name>,
    },
    AllowFlow {
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub struct RoleAttr {
    pub kind: RoleKind,
    pub role: Role,
    pub attr: Span,
}

/// A bad annotation, or code too deep to analyse, found while lowering; the rest of the
/// file still lowers, but the check is then not clean.
#[derive(Clone, Debug)]
pub struct LowerError {
    pub message: String,
    pub span: Span,
}

/// What one file holds, lowered. Its module is the file's module; inline `mod` blocks nest.
#[derive(Clone, Debug, Default)]
pub struct FileIr {
    pub file: FileId,
    pub root: Module,
    pub errors: Vec<LowerError>,
    /// Number of functions, closures included, for the summary.
    pub functions: usize,
    /// A hash of the file without its function bodies (see `lower::interface`).
    pub interface: u64,
    /// The byte where each function and global starts, the file's start first; the spans
    /// inside it are relative to it.
    pub anchors: Vec<u32>,
    /// The text's lines, for the line and column of a span.
    pub lines: Lines,
    /// The `macro_rules!` macros other files of the crate may call (see `MacroDef`).
    pub macros: Vec<Arc<MacroDef>>,
    /// The macros called that the file does not define, by name (bare, or by a path from
    /// `crate`, `self` or `super`), with the macro of another file of the crate its
    /// lowering found for each, sorted by name: the IR stands while they are what the
    /// crate's macros give (see `load::macros`).
    pub macro_lookups: Vec<(Name, Option<Arc<MacroDef>>)>,
}

/// A `macro_rules!` macro defined at a file's module level, which other files of its
/// crate may call: by its textual scope (the files of its module, and of the modules
/// `#[macro_use]` declarations extend it to), or anywhere when it is `#[macro_export]` or
/// re-exported by a `use` beside it.
#[derive(Debug, PartialEq, Eq)]
pub struct MacroDef {
    pub name: Name,
    /// Its rules' tokens as text: token trees are not `Send`, so the lowering of a file
    /// that calls it parses them again.
    pub rules: Box<str>,
    /// Callable from the whole crate.
    pub exported: bool,
}

impl FileIr {
    /// Where a span of this file is in the file.
    pub fn absolute(&self, span: Span) -> Pos {
        let anchor = span.anchor.checked_sub(1);
        let Some(&anchor) = anchor.and_then(|index| self.anchors.get(index as usize)) else {
            return Pos::default();
        };
        let start = span.start.wrapping_add(anchor);
        let (line, column) = self.lines.line_column(start);
        Pos {
            line,
            column,
            start,
            end: span.end.wrapping_add(anchor),
        }
    }
}

/// A file's lines, to turn a line and a column (in characters, as `proc_macro2` counts them)
/// into a byte offset and back. `proc_macro2::Span::byte_range` does the first through a
/// per-thread map it grows on every call, which cost a tenth of lowering.
#[derive(Clone, Debug, Default)]
pub struct Lines {
    /// The byte offset of each line's start, then one past the text's end.
    starts: Vec<u32>,
    /// For lines that are not ASCII, the byte offset in the line of each character and of
    /// the line's end.
    wide: rustc_hash::FxHashMap<usize, Vec<u32>>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        let mut wide = rustc_hash::FxHashMap::default();
        for (index, line) in text.split('\n').enumerate() {
            if !line.is_ascii() {
                let offsets = line.char_indices().map(|(at, _)| narrow(at));
                wide.insert(index, offsets.chain([narrow(line.len())]).collect());
            }
            let next = starts[index] as usize + line.len() + 1;
            starts.push(narrow(next));
        }
        Lines { starts, wide }
    }

    /// The byte offset of a line (1-based) and column (in characters, 0-based).
    pub fn byte(&self, line: usize, column: usize) -> u32 {
        let Some(index) = line.checked_sub(1) else {
            return 0;
        };
        let Some(start) = self.starts.get(index) else {
            return self.starts.last().copied().unwrap_or(0);
        };
        let within = match self.wide.get(&index) {
            Some(offsets) => offsets.get(column).or(offsets.last()).copied().unwrap_or(0),
            None => narrow(column),
        };
        start.saturating_add(within)
    }

    /// The line (1-based) and column (in characters, 1-based) of a byte offset: the inverse
    /// of `byte` for every place a token starts.
    pub fn line_column(&self, byte: u32) -> (u32, u32) {
        let lines = &self.starts[..self.starts.len().saturating_sub(1)];
        let line = lines.partition_point(|&start| start <= byte);
        let Some(index) = line.checked_sub(1) else {
            return (0, byte.saturating_add(1));
        };
        let within = byte - lines[index];
        let column = match self.wide.get(&index) {
            Some(offsets) => narrow(offsets.partition_point(|&offset| offset < within)),
            None => within,
        };
        (narrow(line), column.saturating_add(1))
    }
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[derive(Clone, Debug, Default)]
pub struct Module {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub enum Item {
    /// `mod name;` (`body: None`, loaded from another file) or `mod name { .. }`.
    /// `cfg_paths`: the files of `#[cfg_attr(.., path = "..")]`, each loaded (every cfg is
    /// analysed).
    Mod {
        name: Name,
        path_attr: Option<String>,
        cfg_paths: Vec<String>,
        /// Under a `#[cfg(..)]`: its file may be missing, as for a configuration cargo does
        /// not build here (rustc looks for it only where the `cfg` holds).
        conditional: bool,
        /// `#[macro_use]`: its `macro_rules!` macros are the enclosing module's too.
        macro_use: bool,
        body: Option<Module>,
        span: Span,
    },
    Use(UseTree),
    Adt(Adt),
    Trait(Trait),
    Impl(Impl),
    Fn(Function),
    /// `const`/`static`: a global value (its initialiser is lowered as a function body).
    Global(Function),
    /// `type Name = Ty;`: resolved to the aliased type wherever the name is used.
    TypeAlias {
        name: Name,
        ty: Type,
    },
}

/// `use` trees flattened: one entry per imported name.
#[derive(Clone, Debug)]
pub struct UseTree {
    pub entries: Vec<UseEntry>,
    pub public: bool,
}

#[derive(Clone, Debug)]
pub struct UseEntry {
    pub path: Path,
    /// `None` for a glob (`use a::*`); the local name otherwise (rename or last segment;
    /// `self` in a group imports the parent's last segment).
    pub alias: Option<Name>,
    /// `extern crate x as y;`: at a crate's root it names the crate in every module.
    pub extern_crate: bool,
    /// `#[macro_use] extern crate log;`: the crate's macros are named bare in the crate.
    pub macro_use: bool,
    /// Under `#[cfg(test)]`: beside an import of the same name, it is the test build's.
    pub test_only: bool,
}

#[derive(Clone, Debug)]
pub struct Adt {
    pub name: Name,
    pub labels: Vec<Label>,
    /// Fields of a struct, and of every variant of an enum (named `field`, or the index).
    pub fields: Vec<Field>,
    pub variants: Vec<Name>,
    /// Its type parameters: a field of type `T` holds what the value's `T` is.
    pub generics: Generics,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: Name,
    /// The enum variant this field belongs to, if any.
    pub variant: Option<Name>,
    pub ty: Type,
    pub labels: Vec<Label>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Trait {
    pub name: Name,
    /// `trait Dump: Export`: its methods call `Export`'s on `self`.
    pub supertraits: Vec<Path>,
    pub methods: Vec<Function>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Impl {
    pub self_ty: Type,
    pub trait_: Option<Path>,
    pub generics: Generics,
    pub methods: Vec<Function>,
}

/// Generic parameters with their trait bounds (`T: Store`, `where T: Store`).
#[derive(Clone, Debug, Default)]
pub struct Generics {
    pub params: Vec<(Name, Vec<Path>)>,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub pat: Pat,
    pub ty: Type,
    /// The name the pattern binds, where it binds one (`phone`, `Json(req)`; for `args(..)`).
    pub name: Option<Name>,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: Name,
    pub roles: Vec<RoleAttr>,
    pub generics: Generics,
    /// `self` is parameter 0 when present.
    pub has_self: bool,
    pub params: Vec<Param>,
    pub ret: Type,
    pub is_async: bool,
    /// A `const` or `static`, free or an associated `const`: its body is its initialiser, and
    /// a path naming it reads its value.
    pub is_global: bool,
    /// Under `#[cfg(test)]`: beside a function of the same name, it is the test build's
    /// stand-in (a stub of a consent check), not what production calls.
    pub test_only: bool,
    /// `None` for a trait method declaration without a default body.
    pub body: Option<Body>,
    /// A hash of `body`, computed when first asked for (see `Function::body_hash`).
    pub hashed: std::sync::OnceLock<u64>,
    /// The name's span.
    pub span: Span,
    /// The whole item, for "sink call lexically inside this function" (allow_flow).
    pub extent: Span,
}

impl Function {
    /// A hash of the body: an unchanged body (its spans are relative, see `Span`) needs no
    /// new analysis (see `propagate::Memo`). Only a `Workspace` asks, to compare bodies
    /// with the next check's; a one-shot check never hashes one.
    pub fn body_hash(&self) -> u64 {
        *self.hashed.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::hash::DefaultHasher::new();
            self.body.hash(&mut hasher);
            hasher.finish()
        })
    }

    /// Whether the body calls a method on `self` or names an item of `Self`: what it runs
    /// depends on the type it runs for (a trait's default method, see
    /// `Program::default_method`).
    pub fn dispatches_on_self(&self) -> bool {
        let Some(body) = self.body.as_ref() else {
            return false;
        };
        let this = match body.params.first() {
            Some(Pat::Bind(local, _)) if self.has_self => Some(*local),
            _ => None,
        };
        let mut found = false;
        body.value.walk(&mut |expr| match expr {
            Expr::MethodCall(call) => {
                found |=
                    matches!(call.receiver.unlent(), Expr::Local(local, _) if Some(*local) == this);
            }
            Expr::Path(path, _) => found |= path.segments.first().is_some_and(|s| &**s == "Self"),
            _ => {}
        });
        found
    }
}

/// A local variable of a body; closures share their enclosing function's locals.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Local(pub u32);

#[derive(Clone, Hash, Debug)]
pub struct Body {
    /// Names of the locals, for notes ("passed to `forward`", "read from `phone`").
    pub locals: Vec<Name>,
    /// Parameters bind these patterns, in order (self first).
    pub params: Vec<Pat>,
    pub value: Expr,
    /// The parameters the body only calls (`f(..)`, bit per parameter), outside closures, or
    /// never uses: a closure passed there runs where they are called (see
    /// `propagate::ParamCall`).
    pub called: u64,
    /// The locals a `let` binds to a call's result that the body only calls, outside
    /// closures, or never uses (`let h = make(); h(u)`): a closure the call returns runs
    /// where they are called (see `propagate::CallSite::result_guards`).
    pub called_results: Vec<Local>,
    /// The spans of the closures stored into a local that holds a new value (a literal,
    /// `Vec::new()`) and that the body only calls through (see `holders`): they run where
    /// they are called, not where they are stored.
    pub held_closures: Vec<Span>,
    /// The parameters whose parts the body only calls (`(self.on_send)(u)`, `if let Some(f)
    /// = &self.cb { f(u) }`), outside closures, bit per parameter: a closure held in what
    /// they are given stays with the caller, which runs it at those calls (see
    /// `propagate::ParamCall`).
    pub through: u64,
}

impl Body {
    pub fn new(locals: Vec<Name>, params: Vec<Pat>, value: Expr) -> Body {
        // Per local: its uses as a callee, its uses, a use in a closure.
        let mut uses: Vec<(u32, u32, bool)> = vec![(0, 0, false); locals.len()];
        let mut called_results = Vec::new();
        // Whether it makes closures, and calls a value (not an item by path).
        let (mut closures, mut calls_values) = (false, false);
        value.walk(&mut |expr| match expr {
            Expr::Local(local, _) => {
                if let Some(uses) = uses.get_mut(local.0 as usize) {
                    uses.1 += 1;
                }
            }
            Expr::Call { callee, .. } => {
                calls_values |= !matches!(&**callee, Expr::Path(..));
                if let Expr::Local(local, _) = callee.unlent() {
                    if let Some(uses) = uses.get_mut(local.0 as usize) {
                        uses.0 += 1;
                    }
                }
            }
            Expr::Closure { body: inner, .. } | Expr::Async(inner) => {
                closures |= matches!(expr, Expr::Closure { .. });
                inner.walk(&mut |e| {
                    if let Expr::Local(local, _) = e {
                        if let Some(uses) = uses.get_mut(local.0 as usize) {
                            uses.2 = true;
                        }
                    }
                })
            }
            Expr::Let(let_) => {
                if let (Pat::Bind(local, None), Some(init)) = (&let_.pat, &let_.init) {
                    if init.call_span().is_some() {
                        called_results.push(*local);
                    }
                }
            }
            _ => {}
        });
        // Only called outside closures, or never used.
        let only_called = |local: &Local| {
            (uses.get(local.0 as usize))
                .is_some_and(|&(called, used, in_closure)| called == used && !in_closure)
        };
        let called = (params.iter().enumerate().take(64))
            .filter(|(_, pat)| matches!(pat, Pat::Bind(local, None) if only_called(local)))
            .fold(0, |mask, (slot, _)| mask | 1 << slot);
        called_results.retain(only_called);
        let held_closures = match closures {
            true => held_closures(&value, &params, locals.len()),
            false => Vec::new(),
        };
        // Without a call of a value, no part of a parameter is called: none counts.
        let through = match calls_values && !params.is_empty() {
            true => {
                let holder = holders(&value, &params, locals.len(), true);
                (params.iter().enumerate().take(64))
                    .filter(|(_, pat)| matches!(pat, Pat::Bind(local, None) if holder[local.0 as usize]))
                    .fold(0, |mask, (slot, _)| mask | 1 << slot)
            }
            false => 0,
        };
        Body {
            locals,
            params,
            value,
            called,
            called_results,
            held_closures,
            through,
        }
    }
}

/// What happens to an expression's value where it stands, for `holders`.
#[derive(Clone, Copy)]
enum Use<'e> {
    /// Dropped (a statement), or read for a boolean or a number (a condition, an operand,
    /// a formatting argument): a closure in it goes nowhere.
    Dropped,
    /// Called (`(h.on_send)(u)`, `hooks[0](u)`).
    Called,
    /// Written into (`h.on_send = ..`).
    Written,
    /// Bound by this pattern (`let`, `if let`, `for`).
    Bound(&'e Pat),
    /// Matched by these arms.
    Arms(&'e [Arm]),
    /// Anything else: passed, stored, returned, captured.
    Leaves,
}

/// The locals whose every use keeps what they hold in this body: calls through them or
/// their parts (`(h.on_send)(u)`), writes into them, their methods' receivers where the
/// result is dropped or bound to such locals (`hooks.push(..)`, `h.fire(u)`, `for f in
/// &hooks`, `if let Some(f) = map.get(k)`), outside closures. The largest such set: a
/// local bound from another is one only where that one is. `strict`: the parameters too,
/// and no receivers (a method may keep what it is given); otherwise parameters leave to
/// the caller.
fn holders(value: &Expr, params: &[Pat], locals: usize, strict: bool) -> Vec<bool> {
    let mut holder = vec![true; locals];
    if !strict {
        let mut bound = Vec::new();
        for param in params {
            pattern_locals(param, &mut bound);
        }
        for local in bound {
            holder[local.0 as usize] = false;
        }
    }
    loop {
        let before = holder.clone();
        visit_uses(value, Use::Leaves, strict, &mut holder);
        if holder == before {
            return holder;
        }
    }
}

/// Marks in `holder` the locals `expr` uses as `holders` does not allow, where its value
/// is used as `used`.
fn visit_uses(expr: &Expr, used: Use, strict: bool, holder: &mut Vec<bool>) {
    let mut each = |e: &Expr, used: Use| visit_uses(e, used, strict, holder);
    match expr {
        Expr::Local(local, _) => {
            let kept = match used {
                Use::Dropped | Use::Called | Use::Written => true,
                Use::Bound(pat) => binds_holders(pat, holder),
                Use::Arms(arms) => arms.iter().all(|arm| binds_holders(&arm.pat, holder)),
                Use::Leaves => false,
            };
            if !kept {
                holder[local.0 as usize] = false;
            }
        }
        Expr::Lit(_) | Expr::Path(..) | Expr::Continue { .. } | Expr::Unknown => {}
        Expr::Field { base, .. } | Expr::Transparent(base) | Expr::Lend(base) => each(base, used),
        Expr::Try(inner, _) => each(inner, used),
        Expr::Index { base, index } => {
            each(base, used);
            each(index, Use::Dropped);
        }
        Expr::Call { callee, args, .. } => {
            each(callee, Use::Called);
            args.iter().for_each(|a| each(a, Use::Leaves));
        }
        // A method may move what its receiver holds into what it is lent
        // (`hooks.swap_with_slice(&mut kept)`).
        Expr::MethodCall(call) => {
            let lends = (call.args.iter()).any(|a| matches!(a, Expr::Lend(_)));
            each(
                &call.receiver,
                if lends || strict { Use::Leaves } else { used },
            );
            call.args.iter().for_each(|a| each(a, Use::Leaves));
        }
        Expr::Macro(call) => {
            let used = match call.kind {
                MacroKind::Format | MacroKind::Print | MacroKind::Assert => Use::Dropped,
                _ => Use::Leaves,
            };
            call.args.iter().for_each(|a| each(a, used));
        }
        Expr::Not(inner) | Expr::Neg(inner, _) => each(inner, Use::Dropped),
        Expr::Formatted(formatted) => each(&formatted.value, Use::Dropped),
        Expr::Binary { left, right, .. } => {
            each(left, Use::Dropped);
            each(right, Use::Dropped);
        }
        Expr::Assign { place, value } | Expr::CompoundAssign { place, value, .. } => {
            each(place, Use::Written);
            each(value, Use::Leaves);
        }
        Expr::Let(let_) => {
            if let Some(init) = &let_.init {
                each(init, Use::Bound(&let_.pat));
            }
            if let Some(else_) = &let_.else_ {
                each(else_, Use::Dropped);
            }
        }
        Expr::LetCond(cond) => each(&cond.1, Use::Bound(&cond.0)),
        Expr::Block(items) => {
            if let Some((last, rest)) = items.split_last() {
                rest.iter().for_each(|e| each(e, Use::Dropped));
                each(last, used);
            }
        }
        Expr::If { cond, then, else_ } => {
            each(cond, Use::Dropped);
            each(then, used);
            if let Some(else_) = else_ {
                each(else_, used);
            }
        }
        Expr::Match { scrutinee, arms } => {
            each(scrutinee, Use::Arms(arms));
            for arm in arms {
                if let Some(guard) = &arm.guard {
                    each(guard, Use::Dropped);
                }
                each(&arm.body, used);
            }
        }
        Expr::Loop { kind, body, .. } => {
            match kind {
                LoopKind::Loop => {}
                LoopKind::While(cond) => each(cond, Use::Dropped),
                LoopKind::For(for_) => each(&for_.1, Use::Bound(&for_.0)),
            }
            each(body, Use::Dropped);
        }
        Expr::Struct(lit) => {
            lit.fields.iter().for_each(|(_, e)| each(e, Use::Leaves));
            if let Some(base) = &lit.base {
                each(base, Use::Leaves);
            }
        }
        Expr::Tuple(items) | Expr::Array(items) => items.iter().for_each(|e| each(e, Use::Leaves)),
        Expr::Break { value, .. } | Expr::Return(value, _) => {
            if let Some(value) = value {
                each(value, Use::Leaves);
            }
        }
        Expr::Await(inner) => each(inner, Use::Leaves),
        // What a closure or an async block uses may run anywhere.
        Expr::Closure { .. } | Expr::Async(_) => expr.walk(&mut |e| {
            if let Expr::Local(local, _) = e {
                holder[local.0 as usize] = false;
            }
        }),
    }
}

/// Every local `pat` binds is a holder.
fn binds_holders(pat: &Pat, holder: &[bool]) -> bool {
    let mut bound = Vec::new();
    pattern_locals(pat, &mut bound);
    bound.iter().all(|local| holder[local.0 as usize])
}

/// See `Body::held_closures`: the closures stored into a holder that holds a new value.
fn held_closures(value: &Expr, params: &[Pat], locals: usize) -> Vec<Span> {
    let holder = holders(value, params, locals, false);
    // Holders bound to a new value: what is stored there stays in this body.
    let mut owners = vec![false; locals];
    value.walk(&mut |e| {
        if let Expr::Let(let_) = e {
            if let (Pat::Bind(local, None), Some(init)) = (&let_.pat, &let_.init) {
                owners[local.0 as usize] = holder[local.0 as usize] && is_new(init);
            }
        }
    });
    // A borrow or a returned value assigned into one later may be where other code calls
    // what is stored there.
    value.walk(&mut |e| {
        if let Expr::Assign { place, value } = e {
            if let Some(local) = place_root(place).filter(|_| !owned_part(value)) {
                owners[local.0 as usize] = false;
            }
        }
    });
    let owned = |place: &Expr| matches!(place_root(place), Some(local) if owners[local.0 as usize]);
    let mut held = Vec::new();
    value.walk(&mut |e| match e {
        Expr::Let(let_) => {
            if let (Pat::Bind(local, None), Some(init)) = (&let_.pat, &let_.init) {
                if owners[local.0 as usize] {
                    stored_closures(init, &mut held);
                }
            }
        }
        Expr::Assign { place, value } if owned(place) => stored_closures(value, &mut held),
        Expr::MethodCall(call) if owned(&call.receiver) && stores(&call.method) => {
            call.args.iter().for_each(|a| stored_closures(a, &mut held))
        }
        _ => {}
    });
    held.sort();
    held.dedup();
    held
}

/// A method that keeps its arguments in its receiver, by the names of std's collections and
/// cells (`push`, `insert`, `set`). Any other method may call a closure it is given
/// (`insert_sorted_by(k, v, |a, b| ..)`, `retain(..)`) or pass it on: that closure runs
/// where it is handed over, as one handed to a function does.
fn stores(method: &str) -> bool {
    matches!(
        method,
        "push" | "push_back" | "push_front" | "insert" | "extend" | "set" | "replace"
    )
}

/// A value made here, which borrows nothing: a struct, tuple, array or `vec!` of parts that
/// borrow nothing (`owned_part`), or what a constructor makes of literals (`Vec::new()`,
/// `HashMap::with_capacity(4)`). A closure stored there stays in it; one stored into a
/// value that holds a borrow (`Hooks { list: &mut self.list }`) or that a function returned
/// (`Registry::global()`) may be where other code calls it.
fn is_new(init: &Expr) -> bool {
    match init {
        Expr::Struct(literal) => {
            literal.base.is_none() && literal.fields.iter().all(|(_, part)| owned_part(part))
        }
        Expr::Tuple(items) | Expr::Array(items) => items.iter().all(owned_part),
        Expr::Macro(call) => call.kind == MacroKind::Vec && call.args.iter().all(owned_part),
        Expr::Call { callee, args, .. } => {
            constructs(callee) && args.iter().all(|a| matches!(a, Expr::Lit(_)))
        }
        _ => false,
    }
}

/// A part of a new value that borrows nothing: a literal, an item (`None`), a closure, a
/// new value, or a constructor's of such parts (`Box::new(|u| ..)`, `Some(..)`,
/// `String::new()`).
fn owned_part(part: &Expr) -> bool {
    match part {
        Expr::Lit(_) | Expr::Path(..) | Expr::Closure { .. } => true,
        Expr::Call { callee, args, .. } => constructs(callee) && args.iter().all(owned_part),
        _ => is_new(part),
    }
}

/// A constructor, by its name: a type's or a variant's (`Some`, `Wrapper`), or an
/// associated function named as std's constructors are (`Box::new`, `Vec::with_capacity`,
/// `T::default`, `String::from`).
fn constructs(callee: &Expr) -> bool {
    let Expr::Path(path, _) = callee else {
        return false;
    };
    path.segments.last().is_some_and(|last| {
        last.starts_with(char::is_uppercase)
            || (path.segments.len() >= 2
                && matches!(&**last, "new" | "with_capacity" | "default" | "from"))
    })
}

/// The local a place is a part of (`h.on_send`, `hooks[0]`, `&mut map`).
fn place_root(place: &Expr) -> Option<Local> {
    match place {
        Expr::Local(local, _) => Some(*local),
        Expr::Field { base, .. } | Expr::Index { base, .. } => place_root(base),
        Expr::Transparent(inner) | Expr::Lend(inner) => place_root(inner),
        _ => None,
    }
}

/// The closures a value stored holds as it is written: itself, its parts (`Hooks { on:
/// .. }`, `vec![..]`, a tuple) and what it wraps (`Box::new(..)`, `Some(..)`).
fn stored_closures(value: &Expr, out: &mut Vec<Span>) {
    match value {
        Expr::Closure { span, .. } => out.push(*span),
        Expr::Struct(lit) => lit.fields.iter().for_each(|(_, e)| stored_closures(e, out)),
        Expr::Tuple(items) | Expr::Array(items) => {
            items.iter().for_each(|e| stored_closures(e, out))
        }
        Expr::Macro(call) if call.kind == MacroKind::Vec => {
            call.args.iter().for_each(|e| stored_closures(e, out))
        }
        Expr::Call { callee, args, .. } if matches!(&**callee, Expr::Path(..)) => {
            args.iter().for_each(|e| stored_closures(e, out))
        }
        Expr::Transparent(inner) | Expr::Lend(inner) => stored_closures(inner, out),
        _ => {}
    }
}

/// The locals a pattern binds.
pub fn pattern_locals(pat: &Pat, out: &mut Vec<Local>) {
    match pat {
        Pat::Bind(local, sub) => {
            out.push(*local);
            if let Some(sub) = sub {
                pattern_locals(sub, out);
            }
        }
        Pat::Tuple(_, items) | Pat::Slice(items) | Pat::Or(items) => {
            items.iter().for_each(|p| pattern_locals(p, out))
        }
        Pat::Struct(_, fields) => fields.iter().for_each(|(_, p)| pattern_locals(p, out)),
        Pat::Lit(_) | Pat::Path(_) | Pat::Wild => {}
    }
}

#[derive(Clone, Hash, Debug)]
pub enum Pat {
    Bind(Local, Option<Box<Pat>>),
    /// A tuple, tuple struct or tuple variant: `(a, b)`, `Some(x)`, `Msg::Text(t)`.
    Tuple(Option<Box<Path>>, Vec<Pat>),
    Struct(Option<Box<Path>>, Vec<(Name, Pat)>),
    /// Slice patterns smash to the element.
    Slice(Vec<Pat>),
    Or(Vec<Pat>),
    /// A literal pattern (`true`, `false`, `3`), for consent matches.
    Lit(Lit),
    /// A unit variant or constant path (`None`, `Status::Ok`).
    Path(Box<Path>),
    Wild,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Lit {
    Bool(bool),
    Other,
}

#[derive(Clone, Hash, Debug)]
pub struct Arm {
    pub pat: Pat,
    pub guard: Option<Expr>,
    pub body: Expr,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum BinOp {
    And,
    Or,
    /// `&` and `|`: on booleans they decide like `&&` and `||`, but both sides run, so the
    /// left side guards nothing on the right. On integers the operands' labels are carried
    /// either way.
    BitAnd,
    BitOr,
    /// `<`, `>=`, ...: a boolean, not the operands' content.
    Compare,
    /// `==`: a boolean; against a literal (`check(u) == true`, `== Ok(true)`) a consent
    /// check's outcome.
    Eq,
    /// `!=`: the negation of `Eq`.
    Ne,
    /// Arithmetic, string `+`, `^`, shifts: carries both operands (and what the left
    /// operand's local impl of the operator returns).
    Arith(Implicit),
}

impl BinOp {
    /// The std trait whose method the operator calls on a left operand of a local type.
    pub fn implicit(self) -> Option<Implicit> {
        match self {
            BinOp::BitAnd => Some(Implicit::BitAnd),
            BinOp::BitOr => Some(Implicit::BitOr),
            BinOp::Arith(implicit) => Some(implicit),
            _ => None,
        }
    }
}

/// A std trait whose method the code calls without naming it: an operator's (`a + b` calls
/// `Add::add`, `a += b` `AddAssign::add_assign`, `t[i]` `Index::index`), a `for` loop's
/// (`IntoIterator::into_iter`), formatting's (`{}` calls `Display::fmt`, `{:?}`
/// `Debug::fmt`). Where the value is of a local type implementing it, that impl runs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Implicit {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    AddAssign,
    SubAssign,
    MulAssign,
    DivAssign,
    RemAssign,
    BitAndAssign,
    BitOrAssign,
    BitXorAssign,
    ShlAssign,
    ShrAssign,
    Neg,
    Not,
    Index,
    IntoIterator,
    Display,
    Debug,
}

impl Implicit {
    /// Each trait, with its name and the method the code calls.
    const ALL: [(Implicit, &'static str, &'static str); 26] = [
        (Implicit::Add, "Add", "add"),
        (Implicit::Sub, "Sub", "sub"),
        (Implicit::Mul, "Mul", "mul"),
        (Implicit::Div, "Div", "div"),
        (Implicit::Rem, "Rem", "rem"),
        (Implicit::BitAnd, "BitAnd", "bitand"),
        (Implicit::BitOr, "BitOr", "bitor"),
        (Implicit::BitXor, "BitXor", "bitxor"),
        (Implicit::Shl, "Shl", "shl"),
        (Implicit::Shr, "Shr", "shr"),
        (Implicit::AddAssign, "AddAssign", "add_assign"),
        (Implicit::SubAssign, "SubAssign", "sub_assign"),
        (Implicit::MulAssign, "MulAssign", "mul_assign"),
        (Implicit::DivAssign, "DivAssign", "div_assign"),
        (Implicit::RemAssign, "RemAssign", "rem_assign"),
        (Implicit::BitAndAssign, "BitAndAssign", "bitand_assign"),
        (Implicit::BitOrAssign, "BitOrAssign", "bitor_assign"),
        (Implicit::BitXorAssign, "BitXorAssign", "bitxor_assign"),
        (Implicit::ShlAssign, "ShlAssign", "shl_assign"),
        (Implicit::ShrAssign, "ShrAssign", "shr_assign"),
        (Implicit::Neg, "Neg", "neg"),
        (Implicit::Not, "Not", "not"),
        (Implicit::Index, "Index", "index"),
        (Implicit::IntoIterator, "IntoIterator", "into_iter"),
        (Implicit::Display, "Display", "fmt"),
        (Implicit::Debug, "Debug", "fmt"),
    ];

    /// The trait named `name` (its last segment) whose called method is `method`.
    pub fn of(name: &str, method: &str) -> Option<Implicit> {
        (Implicit::ALL.iter())
            .find(|(_, n, m)| *n == name && *m == method)
            .map(|(implicit, _, _)| *implicit)
    }
}

/// Formatting-family and other known macros, with their arguments lowered.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum MacroKind {
    /// `format!`, `format_args!`, `concat!`, ...: a value carrying every argument.
    Format,
    /// `println!`, `eprintln!`, `print!`, `log::info!`, `tracing::info!`, ...: sinks only if
    /// the policy says so; otherwise evaluate the arguments.
    Print,
    /// `write!(dst, ..)`, `writeln!`: writes the arguments into the first.
    Write,
    /// `vec![..]`: a collection of the elements.
    Vec,
    /// `assert!(cond)`: what follows runs only when `cond` held.
    Assert,
    /// `panic!`, `unreachable!`, `todo!`, `unimplemented!`: diverges.
    Panic,
    /// Anything else whose arguments parse as expressions: carries them (conservative).
    Other,
}

/// An expression. Variants that are large or rare hold their parts behind one box, so that
/// every node is small: bodies are most of the IR's memory (see docs/performance.md).
#[derive(Clone, Hash, Debug)]
pub enum Expr {
    /// A literal, a constant of no interest, `()`: carries nothing.
    Lit(Lit),
    Local(Local, Span),
    /// A path to an item (function, constant, unit struct, unit variant, static).
    Path(Box<Path>, Span),
    Field {
        base: Box<Expr>,
        name: Name,
        span: Span,
    },
    Index {
        base: Box<Expr>,
        index: Box<Expr>,
    },
    /// `f(args)`: `callee` is usually `Path`; `span` is the callee's last segment.
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
        span: Span,
    },
    MethodCall(Box<MethodCall>),
    Struct(Box<StructLit>),
    Tuple(Vec<Expr>),
    Array(Vec<Expr>),
    /// `&x`, `*x`, `(x)`, `x as T`, unary `-`: the same value.
    Transparent(Box<Expr>),
    /// `&mut x`: the same value, lent for writing (a call of unknown code may write there).
    Lend(Box<Expr>),
    Not(Box<Expr>),
    Binary {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
        /// The operator: where a local impl of it is called.
        span: Span,
    },
    /// `-x`: the same value, or what its local `Neg` impl returns with it.
    Neg(Box<Expr>, Span),
    /// A value formatted (`{}`, `{:?}` of a formatting macro, `x.to_string()`'s receiver):
    /// the value, with what its local `Display` or `Debug` impl writes.
    Formatted(Box<Formatted>),
    /// `place = value` (strong update of a local; weak elsewhere).
    Assign {
        place: Box<Expr>,
        value: Box<Expr>,
    },
    /// `place += value`: merges (and runs the place's local impl of `op`, `AddAssign`).
    CompoundAssign {
        place: Box<Expr>,
        value: Box<Expr>,
        op: Implicit,
        span: Span,
    },
    Let(Box<Let>),
    /// `let PAT = EXPR` as a condition (`if let`, `while let`, let chains).
    LetCond(Box<(Pat, Expr)>),
    /// Statements in order; the value is the last one's (`{ a; }` lowers with a trailing
    /// `Lit(Other)`).
    Block(Vec<Expr>),
    If {
        cond: Box<Expr>,
        then: Box<Expr>,
        else_: Option<Box<Expr>>,
    },
    Match {
        scrutinee: Box<Expr>,
        arms: Vec<Arm>,
    },
    /// `loop`, `while cond`, `for pat in iter`.
    Loop {
        label: Option<Name>,
        kind: LoopKind,
        body: Box<Expr>,
    },
    Break {
        label: Option<Name>,
        value: Option<Box<Expr>>,
    },
    Continue {
        label: Option<Name>,
    },
    Return(Option<Box<Expr>>, Span),
    /// `expr?`.
    Try(Box<Expr>, Span),
    Await(Box<Expr>),
    /// A closure: its parameters and body share the enclosing body's locals.
    Closure {
        params: Vec<Pat>,
        /// The parameters' written types (`|a: &Account|`), by position, where any is
        /// written (boxed: most closures write none, and every `Expr` is as large as this).
        types: Option<Box<Vec<Option<Type>>>>,
        body: Box<Expr>,
        span: Span,
    },
    /// `async { .. }`: evaluated where it is written.
    Async(Box<Expr>),
    Macro(Box<MacroCall>),
    /// Something the analysis need not look into (inline asm, a type ascription...).
    Unknown,
}

// Bodies are most of the IR: a larger node is a larger check (as rustc asserts its own).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Expr>() == 56 && std::mem::size_of::<Pat>() == 40);

#[derive(Clone, Hash, Debug)]
pub enum LoopKind {
    Loop,
    While(Box<Expr>),
    For(Box<(Pat, Expr)>),
}

/// A value formatted by `by` (`Display` or `Debug`) at `span`. The impl's `fmt` is given
/// `formatter`, a local of the body no name reaches: what it writes there is what the
/// formatting adds to the value.
#[derive(Clone, Hash, Debug)]
pub struct Formatted {
    pub value: Expr,
    pub by: Implicit,
    pub formatter: Expr,
    pub span: Span,
}

/// `receiver.method::<turbofish>(args)`.
#[derive(Clone, Hash, Debug)]
pub struct MethodCall {
    pub receiver: Expr,
    pub method: Name,
    pub turbofish: Vec<Type>,
    pub args: Vec<Expr>,
    pub span: Span,
}

/// `Path { fields, ..base }`.
#[derive(Clone, Hash, Debug)]
pub struct StructLit {
    pub path: Path,
    pub fields: Vec<(Name, Expr)>,
    pub base: Option<Expr>,
    pub span: Span,
}

/// `let pat: ty = init else { else_ };`
#[derive(Clone, Hash, Debug)]
pub struct Let {
    pub pat: Pat,
    pub ty: Option<Type>,
    pub init: Option<Expr>,
    pub else_: Option<Expr>,
}

/// A macro call; `path` as written (`println`, `log::info`), so that the policy file can
/// name logging macros as sinks. `span` is the macro name's last segment.
#[derive(Clone, Hash, Debug)]
pub struct MacroCall {
    pub kind: MacroKind,
    pub path: Path,
    pub args: Vec<Expr>,
    pub span: Span,
}

impl Expr {
    /// The expression under parentheses and borrows (`&mut rx`, `(f)`): what is called,
    /// awaited or used as a receiver there.
    pub fn unlent(&self) -> &Expr {
        match self {
            Expr::Transparent(inner) | Expr::Lend(inner) => inner.unlent(),
            _ => self,
        }
    }

    /// The call this expression is, through parentheses: its callee's span (see `span`).
    pub fn call_span(&self) -> Option<Span> {
        match self {
            Expr::Call { span, .. } => Some(*span),
            Expr::MethodCall(call) => Some(call.span),
            Expr::Transparent(inner) => inner.call_span(),
            _ => None,
        }
    }

    /// Where a report can point at the expression: a name, a field, a call's method or last
    /// segment; `Span::default()` where it has none of them.
    pub fn span(&self) -> Span {
        match self {
            Expr::Local(_, span) | Expr::Path(_, span) | Expr::Field { span, .. } => *span,
            Expr::Call { span, .. } | Expr::Try(_, span) => *span,
            Expr::MethodCall(call) => call.span,
            Expr::Transparent(inner) | Expr::Lend(inner) | Expr::Neg(inner, _) => inner.span(),
            Expr::Formatted(formatted) => formatted.value.span(),
            _ => Span::default(),
        }
    }

    /// Calls `f` on this expression and every expression inside it, closures included.
    pub fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        let mut each = |e: &Expr| e.walk(f);
        match self {
            Expr::Lit(_)
            | Expr::Local(..)
            | Expr::Path(..)
            | Expr::Continue { .. }
            | Expr::Unknown => {}
            Expr::Field { base, .. } => each(base),
            Expr::Index { base, index } => {
                each(base);
                each(index);
            }
            Expr::Call { callee, args, .. } => {
                each(callee);
                args.iter().for_each(each);
            }
            Expr::MethodCall(call) => {
                each(&call.receiver);
                call.args.iter().for_each(each);
            }
            Expr::Struct(lit) => {
                lit.fields.iter().for_each(|(_, e)| each(e));
                if let Some(base) = &lit.base {
                    each(base);
                }
            }
            Expr::Tuple(items) | Expr::Array(items) | Expr::Block(items) => {
                items.iter().for_each(each)
            }
            Expr::Macro(call) => call.args.iter().for_each(each),
            Expr::Transparent(inner)
            | Expr::Lend(inner)
            | Expr::Not(inner)
            | Expr::Try(inner, _)
            | Expr::Await(inner)
            | Expr::Async(inner) => each(inner),
            Expr::Binary { left, right, .. } => {
                each(left);
                each(right);
            }
            Expr::Neg(inner, _) => each(inner),
            Expr::Formatted(formatted) => each(&formatted.value),
            Expr::Assign { place, value } | Expr::CompoundAssign { place, value, .. } => {
                each(place);
                each(value);
            }
            Expr::Let(let_) => {
                if let Some(init) = &let_.init {
                    each(init);
                }
                if let Some(else_) = &let_.else_ {
                    each(else_);
                }
            }
            Expr::LetCond(cond) => each(&cond.1),
            Expr::If { cond, then, else_ } => {
                each(cond);
                each(then);
                if let Some(else_) = else_ {
                    each(else_);
                }
            }
            Expr::Match { scrutinee, arms } => {
                each(scrutinee);
                for arm in arms {
                    if let Some(guard) = &arm.guard {
                        each(guard);
                    }
                    each(&arm.body);
                }
            }
            Expr::Loop { kind, body, .. } => {
                match kind {
                    LoopKind::Loop => {}
                    LoopKind::While(cond) => each(cond),
                    LoopKind::For(for_) => each(&for_.1),
                }
                each(body);
            }
            Expr::Break { value, .. } | Expr::Return(value, _) => {
                if let Some(value) = value {
                    each(value);
                }
            }
            Expr::Closure { body, .. } => each(body),
        }
    }
}
