//! Collect: the lowered files of every crate merged into one program, with global ids for
//! modules, functions, types, traits and labels, and the roles that annotations and
//! `sharelock.toml` give to functions.
//!
//! Invariant: a `Program` borrows the lowered files and never changes them; everything
//! later stages need to look up (a module's names, a type's methods, a function's roles) is
//! an index built here once.

use crate::diagnostic::Error;
use crate::ir::{self, FileId, Implicit, Name, Span};
use crate::load::Loaded;
use crate::model::{Category, Party, Permission};
use crate::policy::{self, Policy};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

macro_rules! id {
    ($name:ident) => {
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}
id!(ModId);
id!(FnId);
id!(AdtId);
id!(TraitId);
id!(ImplId);
id!(LabelId);

/// Parties as a bit set over the policy's declared parties (at most 64).
pub type PartySet = u64;

/// The most parties a policy may declare (`PartySet` is a 64-bit set).
pub const MAX_PARTIES: usize = 64;

/// A function, `const` or `static`: of the value namespace, never the start of a longer path.
fn is_value(def: &Def) -> bool {
    matches!(def, Def::Fn(_) | Def::Global(_))
}

/// The most impls a trait may have for its default methods to run as each impl's own
/// (`Program::index_trait_impls`), as calls of that many impls run each one's summary
/// rather than their join: each is another analysis of the method, and traits of many
/// impls have many default methods calling one another (rayon's `ParallelIterator`).
const FEW_IMPLS: usize = 4;

/// What a name in a module refers to.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Def {
    Mod(ModId),
    Fn(FnId),
    Adt(AdtId),
    Variant(AdtId),
    Trait(TraitId),
    /// A `const` or `static`: its initialiser is a function body.
    Global(FnId),
    /// A `type` alias, by index in `Program::aliases`.
    Alias(u32),
}

/// A type as far as method resolution and labels need it.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum TyKey {
    Adt(AdtId),
    /// `dyn Trait`, `impl Trait`, or a generic bounded by the trait.
    Trait(TraitId),
    /// A type of another crate, by its resolved path (`graph_sdk::GraphClient`, `String`).
    External(Name),
}

pub struct Module<'a> {
    pub krate: usize,
    pub parent: Option<ModId>,
    /// `crate_name::a::b`.
    pub path: String,
    pub file: FileId,
    pub items: HashMap<Name, Vec<Def>>,
    pub uses: Vec<&'a ir::UseEntry>,
    /// Named imports, resolved.
    pub imports: HashMap<Name, Vec<Def>>,
    /// Named imports of items of other crates: alias → full path.
    pub external_imports: HashMap<Name, String>,
    /// Modules and enums whose names a glob import brings.
    pub globs: Vec<Def>,
    /// Paths of other crates' modules imported with a glob.
    pub external_globs: Vec<String>,
}

#[derive(Clone, Copy, Debug)]
pub enum Owner {
    Free,
    Impl(ImplId),
    Trait(TraitId),
}

/// The roles of a function, from its attributes, its trait declaration and the policy file.
#[derive(Clone, Debug, Default)]
pub struct Roles {
    /// Parties this function sinks to, with the parameters that reach them (`None`: every
    /// non-self argument). One entry per sink declaration.
    pub sinks: Vec<(PartySet, Option<Vec<Name>>)>,
    /// Labels on the return value (`args: None`) or on named parameters.
    pub sources: Vec<(LabelId, Option<Vec<Name>>)>,
    /// `Some(None)`: removes every label; `Some(Some(cats))`: removes those subtrees.
    pub sanitizer: Option<Option<Vec<Category>>>,
    pub consent_check: PartySet,
    pub allow_flow: Option<(String, Span)>,
}

/// The roles of an entry matched to an item of its crate at another path
/// (`graph_sdk::v2::upload_batch` for `graph_sdk::upload_batch`), which may be a re-export
/// or another item: its sinks and sources, whose guess can only add a report, not its
/// sanitizer or consent check, whose guess could hide a leak.
fn guessed(roles: &Roles) -> Roles {
    Roles {
        sinks: roles.sinks.clone(),
        sources: roles.sources.clone(),
        ..Roles::default()
    }
}

impl Roles {
    /// These roles of another crate's trait method, for a local impl of it: `args` name the
    /// trait's parameters, which the impl may name otherwise (`text` for `body`) and which
    /// are not seen here, so a name that is none of the impl's selects each of them.
    fn with_args_of(&self, function: &ir::Function) -> Roles {
        let params: Vec<&Name> = (function.params.iter().skip(usize::from(function.has_self)))
            .filter_map(|p| p.name.as_ref())
            .collect();
        let fit = |args: &Option<Vec<Name>>| {
            args.as_ref().map(|names| {
                let mut fitted: Vec<Name> = Vec::new();
                for name in names {
                    match &**name == "self" || params.contains(&name) {
                        true => fitted.push(name.clone()),
                        false => fitted.extend(params.iter().map(|p| (*p).clone())),
                    }
                }
                fitted.sort();
                fitted.dedup();
                fitted
            })
        };
        Roles {
            sinks: (self.sinks.iter())
                .map(|(set, args)| (*set, fit(args)))
                .collect(),
            sources: (self.sources.iter())
                .map(|(label, args)| (*label, fit(args)))
                .collect(),
            ..self.clone()
        }
    }

    fn merge(&mut self, other: &Roles) {
        self.sinks.extend(other.sinks.iter().cloned());
        self.sources.extend(other.sources.iter().cloned());
        if other.sanitizer.is_some() {
            self.sanitizer = match (self.sanitizer.take(), other.sanitizer.clone()) {
                (Some(Some(mut a)), Some(Some(b))) => {
                    a.extend(b);
                    Some(Some(a))
                }
                (Some(None), _) | (_, Some(None)) => Some(None),
                (None, b) => b,
                (a, None) => a,
            };
        }
        self.consent_check |= other.consent_check;
        if self.allow_flow.is_none() {
            self.allow_flow = other.allow_flow.clone();
        }
    }

    pub fn is_sink(&self) -> bool {
        !self.sinks.is_empty()
    }

    pub fn is_empty(&self) -> bool {
        self.sinks.is_empty()
            && self.sources.is_empty()
            && self.sanitizer.is_none()
            && self.consent_check == 0
            && self.allow_flow.is_none()
    }
}

pub struct FnInfo<'a> {
    pub ir: &'a ir::Function,
    pub module: ModId,
    pub owner: Owner,
    /// `crate_name::module::Type::method`.
    pub path: String,
    pub file: FileId,
    pub roles: Roles,
    pub signature: Arc<Signature>,
}

/// The types a function's declared signature mentions; shared with `Declarations`, which
/// keeps them for the next build of the same declarations.
#[derive(Default)]
pub struct Signature {
    /// Per parameter (self included).
    pub params: Vec<Vec<TyKey>>,
    pub ret: Vec<TyKey>,
    /// The parameters (by slot) declared a tuple, or a reference, wrapper or collection of
    /// them (`p: &(u64, User)`), with their parts' types, which they hold apart: `p.0` is a
    /// `u64` (see `Program::tuple_parts`).
    pub param_parts: Vec<(usize, TupleParts)>,
    /// The result's parts' types, where it is declared so (`-> (u64, Phone)`).
    pub ret_parts: Option<TupleParts>,
}

pub struct AdtInfo<'a> {
    pub ir: &'a ir::Adt,
    pub module: ModId,
    pub path: String,
    /// Labels of the type itself (from `#[sharelock]` and `[[labels]]`).
    pub labels: Vec<LabelId>,
    /// Per field name: the labels declared on it and its declared type.
    pub fields: HashMap<Name, FieldInfo<'a>>,
}

/// What resolving the declarations found, for the next build of the same declarations:
/// each module's imports, the traits in scope in each, what each impl block's header names
/// (by `ImplId`), the types each type's fields mention (by `AdtId`), and each function's
/// parameter and result types (by `FnId`).
#[derive(Clone, Default)]
pub struct Declarations {
    imports: Vec<ModuleImports>,
    traits_in_scope: Vec<Vec<TraitId>>,
    impls: Vec<ImplHeader>,
    fields: Vec<Vec<FieldKeys>>,
    signatures: Vec<Arc<Signature>>,
}

/// An impl block's header, resolved: its self type, and the trait it implements (local, or
/// another crate's by path).
#[derive(Clone)]
struct ImplHeader {
    self_ty: Option<TyKey>,
    trait_: Option<TraitId>,
    external_trait: Option<String>,
    /// Of `From<T>` (false) and `TryFrom<T>` (true): whether fallible, and `T`'s keys.
    converts: Option<(bool, Vec<TyKey>)>,
}

/// One module's resolved imports (see `Module`).
#[derive(Clone)]
struct ModuleImports {
    imports: HashMap<Name, Vec<Def>>,
    external_imports: HashMap<Name, String>,
    globs: Vec<Def>,
    external_globs: Vec<String>,
}

pub struct FieldInfo<'a> {
    pub labels: Vec<LabelId>,
    pub tys: Vec<&'a ir::Type>,
    /// The types the declared types mention, resolved once.
    pub keys: Vec<TyKey>,
    /// Its declared type mentions a type parameter of the type (`inner: T`): what is read
    /// from it is of the types the value's own type arguments mention.
    pub generic: bool,
    /// Of a field declared a tuple, or a reference, wrapper or collection of them, that
    /// mentions no type parameter (`pair: (u64, Identity)`): its parts' types, which it
    /// holds apart, as a parameter of that type does (see `Program::tuple_parts`).
    pub parts: TupleParts,
}

/// Each part of a tuple type: its field path (`0`, `1.0`) and its types.
pub type TupleParts = Vec<(Vec<Name>, Vec<TyKey>)>;

/// A field's declared types resolved (see `FieldInfo`): its name, the types they mention,
/// whether they mention a type parameter, its tuple parts' types.
type FieldKeys = (Name, Vec<TyKey>, bool, TupleParts);

pub struct TraitInfo<'a> {
    pub ir: &'a ir::Trait,
    pub module: ModId,
    pub path: String,
    pub methods: HashMap<Name, FnId>,
    /// The local traits it requires (`trait Dump: Export`), transitively, itself first.
    pub with_supers: Vec<TraitId>,
}

pub struct ImplInfo<'a> {
    pub ir: &'a ir::Impl,
    pub module: ModId,
    pub self_ty: Option<TyKey>,
    pub trait_: Option<TraitId>,
    /// The path of a trait of another crate it implements (`telemetry::Exporter`).
    pub external_trait: Option<String>,
    /// See `ImplHeader::converts`.
    pub converts: Option<(bool, Vec<TyKey>)>,
}

/// A local `From` or `TryFrom` impl: `x.into()` and `From::from(x)` run its function for an
/// `x` of one of the types it converts from. Those are not known (empty) when the impl
/// converts from a generic parameter.
pub struct Conversion {
    pub from: Vec<TyKey>,
    /// The impl's own type: what it converts into.
    pub into: Option<TyKey>,
    pub function: FnId,
}

/// Where a label comes from, for reports and the inventory.
#[derive(Clone, Debug)]
pub struct LabelData {
    pub category: Category,
    /// Per declared party, in policy order.
    pub permissions: Vec<Permission>,
    /// The parties whose permission is their default (the label names none for them).
    pub by_default: PartySet,
    pub must_reach: PartySet,
    /// `crate::User::phone`, `crate::read_address_book`, `identity::Identity`.
    pub item: String,
    /// The attribute or the policy entry that states the label.
    pub origin: LabelOrigin,
}

#[derive(Clone, Debug)]
pub enum LabelOrigin {
    Source(Span),
    /// An entry of the policy file: its byte span there.
    Policy(std::ops::Range<usize>),
}

/// A role given in `sharelock.toml` to an item by path.
#[derive(Clone, Debug)]
pub struct PolicyRoles {
    by_path: HashMap<String, Roles>,
    /// Entries by their last two segments (`Type::method`), for calls that do not resolve fully.
    by_tail2: HashMap<(Name, Name), Vec<String>>,
    /// Entries by their last segment, for method calls on a receiver of unknown type.
    by_last: HashMap<Name, Vec<String>>,
    /// The types entries name methods of (`crossbeam_channel::Sender` of
    /// `crossbeam_channel::Sender::send`), by last segment: such a type is itself, not a
    /// wrapper seen through for its last segment's sake.
    types: HashMap<Name, Vec<String>>,
}

pub struct Program<'a> {
    pub loaded: &'a Loaded,
    pub policy: &'a Policy,
    pub parties: Vec<Party>,
    pub modules: Vec<Module<'a>>,
    pub fns: Vec<FnInfo<'a>>,
    pub adts: Vec<AdtInfo<'a>>,
    pub traits: Vec<TraitInfo<'a>>,
    pub impls: Vec<ImplInfo<'a>>,
    /// `type` aliases: the module they are written in and the aliased type.
    pub aliases: Vec<(ModId, &'a ir::Type)>,
    pub labels: Vec<LabelData>,
    /// Each crate's name and root module.
    pub crates: Vec<(Name, ModId)>,
    /// Every method (impl or trait declaration) by name: for receivers of unknown type.
    pub methods_by_name: HashMap<Name, Vec<FnId>>,
    /// The methods with a `self` of each name, sorted: what a call on a receiver of unknown
    /// type may run. Built once, as such calls are many in a large crate and so are the
    /// methods of a common name.
    pub receiver_methods: HashMap<Name, Vec<FnId>>,
    /// Functions one name may mean, by each of them: `#[cfg]` alternatives (two `fn
    /// report` of one module, or two `use` of one name), one of which rustc compiles. The
    /// analysis follows all of them, but not a `#[cfg(test)]` stand-in beside production
    /// ones.
    pub alternatives: HashMap<FnId, Vec<FnId>>,
    /// Methods of a type (inherent and trait impls), by name.
    pub methods_of: HashMap<(TyKey, Name), Vec<FnId>>,
    /// Methods of every impl of a trait, by name.
    pub trait_impl_methods: HashMap<(TraitId, Name), Vec<FnId>>,
    /// Impl blocks by the trait they implement.
    pub impls_of_trait: HashMap<TraitId, Vec<ImplId>>,
    /// The local `From` (index 0) and `TryFrom` (index 1, fallible) impls.
    pub conversions: [Vec<Conversion>; 2],
    /// The `next` of each local type's `Iterator` impl: what a `for` loop over the type
    /// binds, and what the iterator methods it does not define see.
    pub iterator_next: HashMap<TyKey, Vec<FnId>>,
    /// The `next_back` of each local type's `DoubleEndedIterator` impl: what `rev()` and the
    /// methods that search from the back (`rfind`) see.
    pub iterator_next_back: HashMap<TyKey, Vec<FnId>>,
    /// The `deref` of each local type's `Deref` impl: fields it lacks are read through it.
    pub deref: HashMap<TyKey, Vec<FnId>>,
    /// The methods operators, loops and formatting call on each local type, by the std
    /// trait its impl implements (`a + b` its `Add` impl's `add`, `{}` its `Display` impl's
    /// `fmt`; see `ir::Implicit`).
    pub implicit: HashMap<(TyKey, Implicit), Vec<FnId>>,
    /// The `drop` of each local type's `Drop` impl: run where a value of it goes away.
    pub drops: HashMap<TyKey, Vec<FnId>>,
    /// The std pointers some impl is for whatever they point to (`Arc` of `impl<T: Store>
    /// Store for Arc<T>`), by last segment (see `pointer_key`).
    pub pointers: Vec<Name>,
    /// Per type, the fields through which it holds an `Rc`/`Arc` (see `shared_fields`),
    /// worked out once, when first asked.
    cell_fields: std::sync::OnceLock<Vec<Vec<Name>>>,
    /// The traits of other crates each local type implements (`std::io::Write`): their
    /// provided methods, which the impl does not write, are called on it too.
    pub external_traits_of: HashMap<TyKey, Vec<String>>,
    /// Per module, the local traits in scope there (defined, imported, or brought by a glob):
    /// a method call takes a trait's method only where the trait is in scope.
    pub traits_in_scope: Vec<Vec<TraitId>>,
    pub policy_roles: PolicyRoles,
    /// Types with a labelled field of each name, for reads from values of unknown type.
    pub labelled_fields: HashMap<Name, Vec<AdtId>>,
    /// External type paths from `[[labels]]`, with their labels.
    pub external_labels: HashMap<String, Vec<LabelId>>,
    pub errors: Vec<Error>,
    /// Errors of the policy file found here, at their span in it (`args` naming no
    /// parameter of a local function).
    pub policy_errors: Vec<policy::PolicyError>,
}

impl<'a> Program<'a> {
    /// `known`: what an earlier build of the same declarations resolved (every file's
    /// interface and the policy unchanged, see `Workspace`), not resolved again.
    pub fn build(
        loaded: &'a Loaded,
        policy: &'a Policy,
        known: Option<&Declarations>,
    ) -> Program<'a> {
        let mut program = Program {
            loaded,
            policy,
            parties: policy.parties.iter().map(|p| p.name.clone()).collect(),
            modules: Vec::new(),
            fns: Vec::new(),
            adts: Vec::new(),
            traits: Vec::new(),
            impls: Vec::new(),
            aliases: Vec::new(),
            labels: Vec::new(),
            crates: Vec::new(),
            methods_by_name: HashMap::default(),
            receiver_methods: HashMap::default(),
            alternatives: HashMap::default(),
            methods_of: HashMap::default(),
            trait_impl_methods: HashMap::default(),
            impls_of_trait: HashMap::default(),
            conversions: [Vec::new(), Vec::new()],
            iterator_next: HashMap::default(),
            iterator_next_back: HashMap::default(),
            implicit: HashMap::default(),
            deref: HashMap::default(),
            external_traits_of: HashMap::default(),
            drops: HashMap::default(),
            pointers: Vec::new(),
            cell_fields: std::sync::OnceLock::new(),
            traits_in_scope: Vec::new(),
            policy_roles: PolicyRoles {
                by_path: HashMap::default(),
                by_tail2: HashMap::default(),
                types: HashMap::default(),
                by_last: HashMap::default(),
            },
            labelled_fields: HashMap::default(),
            external_labels: HashMap::default(),
            errors: Vec::new(),
            policy_errors: Vec::new(),
        };
        if program.parties.len() > MAX_PARTIES {
            program.errors.push(Error {
                message: format!(
                    "the policy declares {} parties; sharelock supports at most {MAX_PARTIES}",
                    program.parties.len()
                ),
                location: None,
                help: Some("merge parties that share a meaning".into()),
            });
            program.parties.truncate(MAX_PARTIES);
        }
        program.collect_policy();
        // Crate roots first, so that a crate's modules hang below its root module.
        for (index, krate) in loaded.crates.iter().enumerate() {
            let root = program.new_module(index, None, krate.name.to_string(), krate.root);
            program.crates.push((krate.name.clone(), root));
        }
        let mut pending_impls = Vec::new();
        let mut places = ModulePlaces::new(loaded);
        for (index, (_, root)) in program.crates.iter().enumerate() {
            places.made.insert((index, Vec::new()), *root);
        }
        // Files in id order: a file's parent module file always has a smaller id.
        for (file_index, ir) in loaded.irs.iter().enumerate() {
            let place = &loaded.places[file_index];
            let key = (place.krate, place.module.clone());
            let Some(&module) = places.made.get(&key) else {
                continue;
            };
            program.collect_module(
                module,
                &ir.root,
                FileId(file_index as u32),
                &place.module,
                &mut places,
                &mut pending_impls,
            );
        }
        match known.filter(|known| known.imports.len() == program.modules.len()) {
            Some(known) => {
                for (module, known) in program.modules.iter_mut().zip(&known.imports) {
                    module.imports = known.imports.clone();
                    module.external_imports = known.external_imports.clone();
                    module.globs = known.globs.clone();
                    module.external_globs = known.external_globs.clone();
                }
                program.traits_in_scope = known.traits_in_scope.clone();
            }
            None => {
                program.resolve_imports();
                program.traits_in_scope = (0..program.modules.len())
                    .map(|index| program.scope_traits(ModId(index as u32)))
                    .collect();
            }
        }
        let headers = known
            .map(|known| &known.impls[..])
            .filter(|headers| headers.len() == pending_impls.len());
        for (index, (module, imp)) in pending_impls.into_iter().enumerate() {
            let header = match headers {
                Some(headers) => headers[index].clone(),
                None => program.impl_header(module, imp),
            };
            program.collect_impl(module, imp, header);
        }
        // Known once every header is read, none with them: `impl Store for Arc<LocalStore>`
        // stays an impl for `LocalStore`.
        let mut pointers: Vec<Name> = (program.impls.iter())
            .filter_map(|imp| match &imp.self_ty {
                Some(TyKey::External(p)) if is_pointer(p) => Some(p.clone()),
                _ => None,
            })
            .collect();
        pointers.sort();
        pointers.dedup();
        program.pointers = pointers;
        program.index_trait_impls();
        program.index_alternatives();
        program.index_receiver_methods();
        program.resolve_supertraits();
        let reexports = program.reexports();
        program.label_local_types(&reexports);
        program.apply_roles(&reexports);
        program.check_policy_args(&reexports);
        program.resolve_signatures(known);
        // Grown one by one and kept for the whole check: no room kept for items never added.
        program.modules.shrink_to_fit();
        program.fns.shrink_to_fit();
        program.adts.shrink_to_fit();
        program.impls.shrink_to_fit();
        program
    }

    /// What was resolved, for the next build of the same declarations.
    pub fn declarations(&self) -> Declarations {
        let imports = (self.modules.iter())
            .map(|module| ModuleImports {
                imports: module.imports.clone(),
                external_imports: module.external_imports.clone(),
                globs: module.globs.clone(),
                external_globs: module.external_globs.clone(),
            })
            .collect();
        Declarations {
            imports,
            traits_in_scope: self.traits_in_scope.clone(),
            impls: (self.impls.iter())
                .map(|imp| ImplHeader {
                    self_ty: imp.self_ty.clone(),
                    trait_: imp.trait_,
                    external_trait: imp.external_trait.clone(),
                    converts: imp.converts.clone(),
                })
                .collect(),
            fields: (self.adts.iter())
                .map(|adt| {
                    (adt.fields.iter())
                        .map(|(name, field)| {
                            let keys = field.keys.clone();
                            (name.clone(), keys, field.generic, field.parts.clone())
                        })
                        .collect()
                })
                .collect(),
            signatures: (self.fns.iter()).map(|f| f.signature.clone()).collect(),
        }
    }

    /// `[[labels]]` entries may name types of the checked crate (`model::Location`).
    fn label_local_types(&mut self, reexports: &HashMap<Def, Vec<String>>) {
        for index in 0..self.adts.len() {
            let def = Def::Adt(AdtId(index as u32));
            let mut found: Vec<LabelId> = Vec::new();
            policy_spellings(&self.adts[index].path, reexports.get(&def), |path| {
                found.extend(self.external_labels.get(path).into_iter().flatten());
            });
            found.sort();
            found.dedup();
            self.adts[index].labels.extend(found);
        }
    }

    /// The paths by which other modules re-export a local function or type under their own
    /// name (`pub mod api { pub use crate::net::beam as relay; }` makes `crate::api::relay`):
    /// the policy file may name an item by any of them.
    fn reexports(&self) -> HashMap<Def, Vec<String>> {
        let mut paths: HashMap<Def, Vec<String>> = HashMap::default();
        // Only names a policy path mentions can matter (most crates' policies name few).
        let named: std::collections::HashSet<&str> = (self.policy_roles.by_path.keys())
            .chain(self.external_labels.keys())
            .flat_map(|path| path.split("::"))
            .collect();
        if named.is_empty() {
            return paths;
        }
        for (index, module) in self.modules.iter().enumerate() {
            let mut add = |name: &Name, defs: &Vec<Def>| {
                if !named.contains(&**name) {
                    return;
                }
                for def in defs
                    .iter()
                    .filter(|d| matches!(d, Def::Fn(_) | Def::Adt(_)))
                {
                    paths
                        .entry(*def)
                        .or_default()
                        .push(item_path(&module.path, name));
                }
            };
            for (alias, defs) in &module.imports {
                add(alias, defs);
            }
            // What a glob brings (`pub mod api { pub use crate::net::*; }`), unless shadowed.
            for reached in self.glob_reach(ModId(index as u32)).into_iter().skip(1) {
                let reached = &self.modules[reached.index()];
                for (name, defs) in reached.items.iter().chain(&reached.imports) {
                    if !module.items.contains_key(name) && !module.imports.contains_key(name) {
                        add(name, defs);
                    }
                }
            }
        }
        for list in paths.values_mut() {
            list.sort();
            list.dedup();
        }
        paths
    }

    /// Resolves the declared types of fields, parameters and results once, for every use.
    fn resolve_signatures(&mut self, known: Option<&Declarations>) {
        let known_fields = known
            .map(|known| &known.fields)
            .filter(|fields| fields.len() == self.adts.len());
        for index in 0..self.adts.len() {
            let keys = match known_fields {
                Some(fields) => fields[index].clone(),
                None => self.field_keys(AdtId(index as u32)),
            };
            for (name, keys, generic, parts) in keys {
                if let Some(field) = self.adts[index].fields.get_mut(&name) {
                    field.keys = keys;
                    field.generic = generic;
                    field.parts = parts;
                }
            }
        }
        for (index, adt) in self.adts.iter().enumerate() {
            for (name, field) in &adt.fields {
                if !field.labels.is_empty() || !adt.labels.is_empty() {
                    self.labelled_fields
                        .entry(name.clone())
                        .or_default()
                        .push(AdtId(index as u32));
                }
            }
        }
        if let Some(known) = known.filter(|known| known.signatures.len() == self.fns.len()) {
            for (info, signature) in self.fns.iter_mut().zip(&known.signatures) {
                info.signature = signature.clone();
            }
            return;
        }
        // Independent per function, and the bulk of resolving: in parallel.
        let this = &*self;
        let signatures: Vec<Arc<Signature>> = (0..self.fns.len())
            .into_par_iter()
            .map(|index| {
                let (module, self_ty, generics) = this.fn_scope_parts(FnId(index as u32));
                let scope = Scope {
                    module,
                    self_ty: self_ty.as_ref(),
                    generics: &generics,
                };
                let function = this.fns[index].ir;
                let mut params: Vec<Vec<TyKey>> = function
                    .params
                    .iter()
                    .map(|p| this.type_keys(&scope, &p.ty))
                    .collect();
                // `self` of `impl Batch<User>` is a `Batch` of `User`s: what its generic
                // fields hold is of the arguments the impl's type is written with.
                if let (Owner::Impl(imp), true) = (this.fns[index].owner, function.has_self) {
                    let imp = &this.impls[imp.index()];
                    // Read where the impl is written (a default method run as its own is not).
                    let scope = Scope {
                        module: imp.module,
                        generics: &[&imp.ir.generics],
                        ..scope
                    };
                    let written = this.type_keys(&scope, &imp.ir.self_ty);
                    if let Some(keys) = params.first_mut() {
                        keys.extend(written);
                        keys.sort();
                        keys.dedup();
                    }
                }
                let ret = this.type_keys(&scope, &function.ret);
                let param_parts = (function.params.iter().enumerate())
                    .filter_map(|(slot, p)| Some((slot, this.tuple_parts(&scope, &p.ty)?)))
                    .collect();
                let ret_parts = this.tuple_parts(&scope, &function.ret);
                Arc::new(Signature {
                    params,
                    ret,
                    param_parts,
                    ret_parts,
                })
            })
            .collect();
        for (info, signature) in self.fns.iter_mut().zip(signatures) {
            info.signature = signature;
        }
    }

    fn new_module(
        &mut self,
        krate: usize,
        parent: Option<ModId>,
        path: String,
        file: FileId,
    ) -> ModId {
        let id = ModId(self.modules.len() as u32);
        self.modules.push(Module {
            krate,
            parent,
            path,
            file,
            items: HashMap::default(),
            uses: Vec::new(),
            imports: HashMap::default(),
            external_imports: HashMap::default(),
            globs: Vec::new(),
            external_globs: Vec::new(),
        });
        id
    }

    fn define(&mut self, module: ModId, name: &Name, def: Def) {
        self.modules[module.index()]
            .items
            .entry(name.clone())
            .or_default()
            .push(def);
    }

    fn collect_module(
        &mut self,
        module: ModId,
        body: &'a ir::Module,
        file: FileId,
        module_path: &[Name],
        places: &mut ModulePlaces<'a>,
        pending_impls: &mut Vec<(ModId, &'a ir::Impl)>,
    ) {
        let krate = self.modules[module.index()].krate;
        for item in &body.items {
            match item {
                ir::Item::Mod {
                    name, body: inner, ..
                } => {
                    let mut child_path = module_path.to_vec();
                    child_path.push(name.clone());
                    let key = (krate, child_path.clone());
                    let child = match places.made.get(&key) {
                        Some(&existing) => existing,
                        None => {
                            let path = item_path(&self.modules[module.index()].path, name);
                            let child_file = match inner {
                                Some(_) => file,
                                None => (places.files.get(&(krate, &child_path[..])).copied())
                                    .unwrap_or(file),
                            };
                            let child = self.new_module(krate, Some(module), path, child_file);
                            places.made.insert(key, child);
                            child
                        }
                    };
                    self.define(module, name, Def::Mod(child));
                    if let Some(inner) = inner {
                        self.collect_module(child, inner, file, &child_path, places, pending_impls);
                    }
                }
                ir::Item::Use(tree) => {
                    for entry in &tree.entries {
                        self.modules[module.index()].uses.push(entry);
                    }
                }
                ir::Item::Adt(adt) => {
                    let id = AdtId(self.adts.len() as u32);
                    let path = item_path(&self.modules[module.index()].path, &adt.name);
                    let labels = adt
                        .labels
                        .iter()
                        .map(|l| self.add_label(l, path.clone(), file))
                        .collect();
                    let mut fields: HashMap<Name, FieldInfo<'a>> = HashMap::default();
                    for field in &adt.fields {
                        let field_labels: Vec<LabelId> = (field.labels.iter())
                            .map(|l| self.add_label(l, item_path(&path, &field.name), file))
                            .collect();
                        // An enum's fields are known by name (any variant) and by
                        // `Variant.name` (a pattern or constructor that names the variant).
                        let mut names = vec![field.name.clone()];
                        if let Some(variant) = &field.variant {
                            names.push(Name::from(format!("{variant}.{}", field.name)));
                        }
                        for name in names {
                            let entry = fields.entry(name).or_insert_with(|| FieldInfo {
                                labels: Vec::new(),
                                tys: Vec::new(),
                                keys: Vec::new(),
                                generic: false,
                                parts: Vec::new(),
                            });
                            entry.labels.extend(field_labels.iter().copied());
                            entry.tys.push(&field.ty);
                        }
                    }
                    self.adts.push(AdtInfo {
                        ir: adt,
                        module,
                        path,
                        labels,
                        fields,
                    });
                    self.define(module, &adt.name, Def::Adt(id));
                }
                ir::Item::Trait(tr) => {
                    let id = TraitId(self.traits.len() as u32);
                    let path = item_path(&self.modules[module.index()].path, &tr.name);
                    self.traits.push(TraitInfo {
                        ir: tr,
                        module,
                        path: path.clone(),
                        methods: HashMap::default(),
                        with_supers: Vec::new(),
                    });
                    for method in &tr.methods {
                        let fn_id = self.add_fn(
                            method,
                            module,
                            Owner::Trait(id),
                            item_path(&path, &method.name),
                            file,
                        );
                        self.traits[id.index()]
                            .methods
                            .insert(method.name.clone(), fn_id);
                        self.methods_by_name
                            .entry(method.name.clone())
                            .or_default()
                            .push(fn_id);
                    }
                    self.define(module, &tr.name, Def::Trait(id));
                }
                ir::Item::Impl(imp) => pending_impls.push((module, imp)),
                ir::Item::Fn(function) => {
                    let path = item_path(&self.modules[module.index()].path, &function.name);
                    let id = self.add_fn(function, module, Owner::Free, path, file);
                    self.define(module, &function.name, Def::Fn(id));
                }
                ir::Item::TypeAlias { name, ty } => {
                    let id = self.aliases.len() as u32;
                    self.aliases.push((module, ty));
                    self.define(module, name, Def::Alias(id));
                }
                ir::Item::Global(function) => {
                    let path = item_path(&self.modules[module.index()].path, &function.name);
                    let id = self.add_fn(function, module, Owner::Free, path, file);
                    self.define(module, &function.name, Def::Global(id));
                }
            }
        }
    }

    /// The types each field of a type mentions, whether it mentions a type parameter, and
    /// its tuple parts' types (see `FieldInfo::parts`).
    fn field_keys(&self, adt: AdtId) -> Vec<FieldKeys> {
        let self_ty = TyKey::Adt(adt);
        let info = &self.adts[adt.index()];
        let generics = &info.ir.generics;
        let scope = Scope {
            module: info.module,
            self_ty: Some(&self_ty),
            generics: &[generics],
        };
        (info.fields.iter())
            .map(|(name, field)| {
                let mut keys: Vec<TyKey> = (field.tys.iter())
                    .flat_map(|ty| self.type_keys(&scope, ty))
                    .collect();
                keys.sort();
                keys.dedup();
                let generic = field.tys.iter().any(|ty| mentions_param(ty, generics, 0));
                let parts = match field.tys.as_slice() {
                    [ty] if !generic => self.tuple_parts(&scope, ty).unwrap_or_default(),
                    _ => Vec::new(),
                };
                (name.clone(), keys, generic, parts)
            })
            .collect()
    }

    fn add_fn(
        &mut self,
        function: &'a ir::Function,
        module: ModId,
        owner: Owner,
        path: String,
        file: FileId,
    ) -> FnId {
        let id = FnId(self.fns.len() as u32);
        self.fns.push(FnInfo {
            ir: function,
            module,
            owner,
            path,
            file,
            roles: Roles::default(),
            signature: Arc::default(),
        });
        id
    }

    /// The type a written type names (an impl block's, an alias's): its path's own type
    /// (`Batch` of `Batch<User>`, not `User`), or, where that is a wrapper seen through
    /// (`impl Show for Vec<User>`), the type it holds.
    fn named_type_key(&self, scope: &Scope, ty: &ir::Type) -> Option<TyKey> {
        if let ir::Type::Path(path) = ty {
            let head = ir::Type::Path(ir::Path {
                generics: Vec::new(),
                ..path.clone()
            });
            if let Some(key) = self.type_keys(scope, &head).into_iter().next() {
                return Some(key);
            }
        }
        self.type_keys(scope, ty).into_iter().next()
    }

    fn impl_header(&self, module: ModId, imp: &ir::Impl) -> ImplHeader {
        let scope = Scope {
            module,
            self_ty: None,
            generics: &[],
        };
        // `impl<T: Store> Store for Arc<T>` names no type but the pointer: it is the impl's.
        let pointer = match &imp.self_ty {
            ir::Type::Path(path) => (path.segments.last()).filter(|s| is_pointer(s)),
            _ => None,
        };
        let self_ty = (self.named_type_key(&scope, &imp.self_ty))
            .or_else(|| pointer.map(|p| TyKey::External(p.clone())));
        let resolved_trait = imp
            .trait_
            .as_ref()
            .map(|path| self.resolve_type_path(module, path));
        let trait_ = match &resolved_trait {
            Some(Resolved::Def(Def::Trait(t))) => Some(*t),
            _ => None,
        };
        let external_trait = match resolved_trait {
            Some(Resolved::External(paths)) => paths.into_iter().next(),
            _ => None,
        };
        let fallible = match external_trait.as_deref().map(|t| t.rsplit("::").next()) {
            Some(Some("From")) => Some(false),
            Some(Some("TryFrom")) => Some(true),
            _ => None,
        };
        // `impl From<&Self> for Id` converts from the impl's own type.
        let scope = Scope {
            self_ty: self_ty.as_ref(),
            ..scope
        };
        let converts = fallible.zip(imp.trait_.as_ref()).map(|(fallible, path)| {
            let from = match path.generics.first() {
                Some(ir::Type::Path(p))
                    if p.segments.len() == 1
                        && imp.generics.params.iter().any(|(g, _)| *g == p.segments[0]) =>
                {
                    Vec::new()
                }
                Some(ty) => self.type_keys(&scope, ty),
                None => Vec::new(),
            };
            (fallible, from)
        });
        ImplHeader {
            self_ty,
            trait_,
            external_trait,
            converts,
        }
    }

    fn collect_impl(&mut self, module: ModId, imp: &'a ir::Impl, header: ImplHeader) {
        let id = ImplId(self.impls.len() as u32);
        let ImplHeader {
            self_ty,
            trait_,
            external_trait,
            converts,
        } = header;
        let self_path = match &self_ty {
            Some(TyKey::Adt(adt)) => self.adts[adt.index()].path.clone(),
            Some(TyKey::External(name)) => name.to_string(),
            Some(TyKey::Trait(t)) => self.traits[t.index()].path.clone(),
            None => item_path(&self.modules[module.index()].path, "<impl>"),
        };
        let file = imp.methods.first().map_or(FileId(0), |m| m.span.file);
        // The std traits whose method the analysis runs where the code does not call it.
        let implicit = match external_trait
            .as_deref()
            .and_then(|t| t.rsplit("::").next())
        {
            Some("Iterator") => Some("next"),
            Some("DoubleEndedIterator") => Some("next_back"),
            Some("Deref") => Some("deref"),
            Some("Drop") => Some("drop"),
            _ => None,
        };
        // The trait's last segment: what operators and formatting call (see `implicit`).
        let trait_name = (external_trait.as_deref())
            .and_then(|t| t.rsplit("::").next())
            .map(str::to_owned);
        if let (Some(ty), Some(t)) = (&self_ty, &external_trait) {
            (self.external_traits_of.entry(ty.clone()).or_default()).push(t.clone());
        }
        self.impls.push(ImplInfo {
            ir: imp,
            module,
            self_ty: self_ty.clone(),
            trait_,
            external_trait,
            converts: converts.clone(),
        });
        for method in &imp.methods {
            let fn_id = self.add_fn(
                method,
                module,
                Owner::Impl(id),
                item_path(&self_path, &method.name),
                file,
            );
            self.methods_by_name
                .entry(method.name.clone())
                .or_default()
                .push(fn_id);
            if let Some(key) = &self_ty {
                self.methods_of
                    .entry((key.clone(), method.name.clone()))
                    .or_default()
                    .push(fn_id);
            }
            let called = (trait_name.as_deref()).and_then(|t| Implicit::of(t, &method.name));
            if let (Some(called), Some(key)) = (called, &self_ty) {
                (self.implicit.entry((key.clone(), called)).or_default()).push(fn_id);
            }
            if let (Some(item), Some(key)) = (implicit, &self_ty) {
                if *method.name == *item {
                    let by_type = match item {
                        "next" => &mut self.iterator_next,
                        "next_back" => &mut self.iterator_next_back,
                        "drop" => &mut self.drops,
                        _ => &mut self.deref,
                    };
                    by_type.entry(key.clone()).or_default().push(fn_id);
                }
            }
            if let Some((fallible, from)) = &converts {
                if *method.name == *if *fallible { "try_from" } else { "from" } {
                    self.conversions[usize::from(*fallible)].push(Conversion {
                        from: from.clone(),
                        into: self_ty.clone(),
                        function: fn_id,
                    });
                }
            }
            if let Some(t) = trait_ {
                self.trait_impl_methods
                    .entry((t, method.name.clone()))
                    .or_default()
                    .push(fn_id);
            }
        }
        if let Some(t) = trait_ {
            self.impls_of_trait.entry(t).or_default().push(id);
        }
    }

    /// Fills `alternatives` (see there). A type of one name declared twice under `#[cfg]`
    /// is taken to carry what either declares: the first declaration, which names resolve
    /// to, gains the labels of the others.
    fn index_alternatives(&mut self) {
        let mut alternatives: HashMap<FnId, Vec<FnId>> = HashMap::default();
        let mut types: Vec<Vec<AdtId>> = Vec::new();
        for module in &self.modules {
            for defs in module.items.values() {
                let adts: Vec<AdtId> = (defs.iter())
                    .filter_map(|d| match d {
                        Def::Adt(a) => Some(*a),
                        _ => None,
                    })
                    .collect();
                if adts.len() > 1 {
                    types.push(adts);
                }
            }
            for defs in module.items.values().chain(module.imports.values()) {
                let fns: Vec<FnId> = (defs.iter())
                    .filter_map(|d| match d {
                        Def::Fn(f) => Some(*f),
                        _ => None,
                    })
                    .collect();
                // A `#[cfg(test)]` stand-in beside the production function is not an
                // alternative production builds may call.
                let production: Vec<FnId> = (fns.iter().copied())
                    .filter(|f| !self.fns[f.index()].ir.test_only)
                    .collect();
                // Whichever of them a name resolves to, the group is what it may call.
                let group = match production.is_empty() {
                    true => fns.clone(),
                    false => production,
                };
                if fns.len() > 1 {
                    for f in &fns {
                        let members = alternatives.entry(*f).or_default();
                        members.extend(group.iter().copied());
                        members.sort();
                        members.dedup();
                    }
                }
            }
        }
        self.alternatives = alternatives;
        // Likewise a `#[cfg(test)]` method beside a production method of the type's name.
        for methods in self.methods_of.values_mut() {
            let stub = |f: &FnId| self.fns[f.index()].ir.test_only;
            if methods.iter().any(stub) && !methods.iter().all(stub) {
                methods.retain(|f| !stub(f));
            }
        }
        for adts in types {
            let (first, others) = (adts[0].index(), &adts[1..]);
            for other in others {
                let labels = self.adts[other.index()].labels.clone();
                let fields: Vec<(Name, Vec<LabelId>, Vec<&'a ir::Type>)> =
                    (self.adts[other.index()].fields.iter())
                        .map(|(name, f)| (name.clone(), f.labels.clone(), f.tys.clone()))
                        .collect();
                let target = &mut self.adts[first];
                target.labels.extend(labels);
                for (name, labels, tys) in fields {
                    let field = target.fields.entry(name).or_insert_with(|| FieldInfo {
                        labels: Vec::new(),
                        tys: Vec::new(),
                        keys: Vec::new(),
                        generic: false,
                        parts: Vec::new(),
                    });
                    field.labels.extend(labels);
                    field.tys.extend(tys);
                }
            }
        }
    }

    /// The functions a resolved function may be (see `alternatives`): itself and its
    /// `#[cfg]` alternatives, or for a `#[cfg(test)]` stand-in the production functions.
    pub fn fn_alternatives(&self, f: FnId) -> Vec<FnId> {
        self.alternatives
            .get(&f)
            .map_or_else(|| vec![f], Vec::clone)
    }

    /// Fills `receiver_methods` (see there). A default method run as an impl's is not
    /// there: its declaration, which runs for any impl, is.
    fn index_receiver_methods(&mut self) {
        let this = &*self;
        let receiver_methods = (self.methods_by_name.iter())
            .map(|(name, methods)| {
                let mut with_self: Vec<FnId> = (methods.iter().copied())
                    .filter(|f| {
                        this.fns[f.index()].ir.has_self && this.default_method(*f).is_none()
                    })
                    .collect();
                with_self.sort();
                with_self.dedup();
                (name.clone(), with_self)
            })
            .filter(|(_, methods)| !methods.is_empty())
            .collect();
        self.receiver_methods = receiver_methods;
    }

    /// A type that implements a trait without overriding a default method still has it.
    /// Of a trait of few impls (`FEW_IMPLS`), one whose body dispatches on `Self`
    /// (`self.raw(..)`) is the impl's own method as well (see `default_method`): on a value
    /// of the type it runs with `Self` that type, so it calls the type's `raw`, not every
    /// impl's; through `dyn` or a generic the declaration runs, for any impl.
    fn index_trait_impls(&mut self) {
        for imp in 0..self.impls.len() {
            let (Some(t), Some(self_ty)) =
                (self.impls[imp].trait_, self.impls[imp].self_ty.clone())
            else {
                continue;
            };
            let mut defaults: Vec<(Name, FnId)> = self.traits[t.index()]
                .methods
                .iter()
                .filter(|(name, _)| !self.impls[imp].ir.methods.iter().any(|m| &m.name == *name))
                .map(|(name, id)| (name.clone(), *id))
                .collect();
            // By name: the ids of the copies do not depend on the map's order.
            defaults.sort();
            for (name, decl) in defaults {
                let info = &self.fns[decl.index()];
                let own = self.impls_of_trait.get(&t).map_or(0, Vec::len) <= FEW_IMPLS
                    && !matches!(self_ty, TyKey::Trait(_))
                    && info.ir.dispatches_on_self();
                let method = match own {
                    true => {
                        let (ir, module, path, file) =
                            (info.ir, info.module, info.path.clone(), info.file);
                        let copy =
                            self.add_fn(ir, module, Owner::Impl(ImplId(imp as u32)), path, file);
                        (self.methods_by_name.entry(name.clone()).or_default()).push(copy);
                        copy
                    }
                    false => decl,
                };
                self.methods_of
                    .entry((self_ty.clone(), name))
                    .or_default()
                    .push(method);
            }
        }
    }

    /// For a trait's default method run as an impl's own (see `index_trait_impls`): the
    /// declaration, whose body it runs.
    pub fn default_method(&self, id: FnId) -> Option<FnId> {
        let declaration = self.declaration_of(id)?;
        std::ptr::eq(self.fns[declaration.index()].ir, self.fns[id.index()].ir)
            .then_some(declaration)
    }

    /// The function whose text `id` runs: itself, or the declaration of a default method run
    /// as an impl's.
    pub fn written(&self, id: FnId) -> FnId {
        self.default_method(id).unwrap_or(id)
    }

    fn party_set(&mut self, names: &[Name], span: Span) -> PartySet {
        let mut set = 0;
        for name in names {
            match self.parties.iter().position(|p| p.as_str() == &**name) {
                Some(index) => set |= 1 << index,
                None => self.errors.push(Error {
                    message: format!(
                        "unknown party `{name}`: sharelock.toml declares {}",
                        self.party_list()
                    ),
                    location: Some(self.location(span)),
                    help: Some(format!(
                        "declare it under `[parties.{name}]` in sharelock.toml, or fix the name"
                    )),
                }),
            }
        }
        set
    }

    fn party_list(&self) -> String {
        if self.parties.is_empty() {
            return "no parties".into();
        }
        self.parties
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn location(&self, span: Span) -> crate::diagnostic::Location {
        crate::diagnostic::Location {
            file: self.loaded.files[span.file.0 as usize].rel.clone(),
            pos: self.loaded.irs[span.file.0 as usize].absolute(span),
        }
    }

    fn check_category(&mut self, category: &Category, span: Span) {
        if let Some(known) = &self.policy.known_categories {
            if !known.iter().any(|k| k.covers(category)) {
                self.errors.push(Error {
                    message: format!(
                        "category `{category}` is not under any of `[categories] known`"
                    ),
                    location: Some(self.location(span)),
                    help: Some(
                        "add it (or a parent) to `known` in sharelock.toml, or fix the name".into(),
                    ),
                });
            }
        }
    }

    fn add_label(&mut self, label: &ir::Label, item: String, _file: FileId) -> LabelId {
        self.check_category(&label.category, label.attr);
        let lists = [
            (&label.allow, Permission::Allow),
            (&label.deny, Permission::Deny),
            (&label.consent, Permission::Consent),
        ];
        let mut permissions: Vec<Option<Permission>> = vec![None; self.parties.len()];
        for (names, permission) in lists {
            let set = self.party_set(names, label.attr);
            for (index, slot) in permissions.iter_mut().enumerate() {
                if set & (1 << index) != 0 {
                    *slot = Some(permission);
                }
            }
        }
        let must_reach = self.party_set(&label.must_reach, label.attr);
        self.push_label(
            label.category.clone(),
            permissions,
            must_reach,
            item,
            LabelOrigin::Source(label.attr),
        )
    }

    fn push_label(
        &mut self,
        category: Category,
        explicit: Vec<Option<Permission>>,
        must_reach: PartySet,
        item: String,
        origin: LabelOrigin,
    ) -> LabelId {
        let by_default = (explicit.iter().enumerate())
            .filter(|(index, explicit)| explicit.is_none() && must_reach & (1 << index) == 0)
            .fold(0, |set, (index, _)| set | 1 << index);
        // A party the value must reach may receive it: a label names each party once, so
        // `must_reach(p)` is its permission for `p`, whatever `p`'s default.
        let permissions = (explicit.into_iter().zip(&self.policy.parties).enumerate())
            .map(|(index, (explicit, party))| {
                let required = must_reach & (1 << index) != 0;
                explicit.unwrap_or(match required {
                    true => Permission::Allow,
                    false => party.default.permission(),
                })
            })
            .collect();
        let id = LabelId(self.labels.len() as u32);
        self.labels.push(LabelData {
            category,
            permissions,
            by_default,
            must_reach,
            item,
            origin,
        });
        id
    }

    fn policy_label(
        &mut self,
        decl: &policy::LabelDecl,
        item: String,
        span: std::ops::Range<usize>,
    ) -> LabelId {
        let explicit = self
            .policy
            .parties
            .iter()
            .map(|party| {
                let name = &party.name;
                if decl.allow.contains(name) {
                    Some(Permission::Allow)
                } else if decl.deny.contains(name) {
                    Some(Permission::Deny)
                } else if decl.consent.contains(name) {
                    Some(Permission::Consent)
                } else {
                    None
                }
            })
            .collect();
        let must_reach = self.policy_parties(&decl.must_reach);
        self.push_label(
            decl.category.clone(),
            explicit,
            must_reach,
            item,
            LabelOrigin::Policy(span),
        )
    }

    fn policy_parties(&self, parties: &[Party]) -> PartySet {
        parties
            .iter()
            .filter_map(|party| self.parties.iter().position(|p| p == party))
            .fold(0, |set, index| set | 1 << index)
    }

    /// Turns the policy file's entries into roles keyed by path.
    fn collect_policy(&mut self) {
        let policy = self.policy;
        let mut roles: Vec<(String, Roles)> = Vec::new();
        for entry in &policy.sinks {
            let set = self.policy_parties(std::slice::from_ref(&entry.role.party));
            let args = entry
                .role
                .args
                .as_ref()
                .map(|a| a.iter().map(|s| Name::from(s.as_str())).collect());
            roles.push((
                entry.path.0.join("::"),
                Roles {
                    sinks: vec![(set, args)],
                    ..Roles::default()
                },
            ));
        }
        for entry in &policy.sources {
            let path = entry.path.0.join("::");
            let label = self.policy_label(&entry.role.label, path.clone(), entry.span.clone());
            let args = entry
                .role
                .args
                .as_ref()
                .map(|a| a.iter().map(|s| Name::from(s.as_str())).collect());
            roles.push((
                path,
                Roles {
                    sources: vec![(label, args)],
                    ..Roles::default()
                },
            ));
        }
        for entry in &policy.sanitizers {
            roles.push((
                entry.path.0.join("::"),
                Roles {
                    sanitizer: Some(entry.role.removes.clone()),
                    ..Roles::default()
                },
            ));
        }
        for entry in &policy.consent_checks {
            let set = self.policy_parties(std::slice::from_ref(&entry.role));
            roles.push((
                entry.path.0.join("::"),
                Roles {
                    consent_check: set,
                    ..Roles::default()
                },
            ));
        }
        for entry in &policy.labels {
            let path = entry.path.0.join("::");
            let label = self.policy_label(&entry.role, path.clone(), entry.span.clone());
            self.external_labels.entry(path).or_default().push(label);
        }
        for (path, role) in roles {
            let segments: Vec<&str> = path.split("::").collect();
            if let Some(last) = segments.last() {
                self.policy_roles
                    .by_last
                    .entry(Name::from(*last))
                    .or_default()
                    .push(path.clone());
            }
            if segments.len() >= 3 {
                let ty = segments[..segments.len() - 1].join("::");
                (self.policy_roles.types)
                    .entry(Name::from(segments[segments.len() - 2]))
                    .or_default()
                    .push(ty);
            }
            if segments.len() >= 2 {
                let tail = (
                    Name::from(segments[segments.len() - 2]),
                    Name::from(segments[segments.len() - 1]),
                );
                self.policy_roles
                    .by_tail2
                    .entry(tail)
                    .or_default()
                    .push(path.clone());
            }
            self.policy_roles
                .by_path
                .entry(path)
                .or_default()
                .merge(&role);
        }
        for paths in (self.policy_roles.by_last.values_mut())
            .chain(self.policy_roles.by_tail2.values_mut())
            .chain(self.policy_roles.types.values_mut())
        {
            paths.sort();
            paths.dedup();
        }
    }

    /// The roles the policy file gives to the item at `path` (`a::b::c`), exactly.
    pub fn policy_role(&self, path: &str) -> Option<&Roles> {
        self.policy_roles.by_path.get(path)
    }

    /// Entries matching on their trailing `Type::method` segments, for a call whose type
    /// path (`written`: `Settings`, or `marketing::Settings` as resolved) may be a re-export
    /// or a glob import of the entry's item. A type path that names its crate names another
    /// crate's item where that crate is not the entry's (`marketing::Settings` is no
    /// `privacy::Settings`); one of the entry's crate at another path
    /// (`privacy::legacy::Settings`) may be a re-export, so it is a guess (see `guessed`).
    pub fn policy_roles_by_tail(&self, written: &str, method: &str) -> Vec<(&str, Roles)> {
        let ty = written.rsplit("::").next().unwrap_or(written);
        let krate = written.split_once("::").map(|(krate, _)| krate);
        self.policy_roles
            .by_tail2
            .get(&(Name::from(ty), Name::from(method)))
            .into_iter()
            .flatten()
            .filter(|path| krate.is_none_or(|k| path.split("::").next() == Some(k)))
            .filter_map(|path| {
                let roles = self.policy_roles.by_path.get(path)?;
                let roles = match krate {
                    Some(_) => guessed(roles),
                    None => roles.clone(),
                };
                Some((path.as_str(), roles))
            })
            .collect()
    }

    /// Whether the policy file names the external type at `path` (a method's type, a
    /// `[[labels]]` type): by its path, or by its last segment where `path` is bare.
    fn policy_names_type(&self, path: &str) -> bool {
        let last = path.rsplit("::").next().unwrap_or(path);
        self.external_labels.contains_key(path)
            || (self.policy_roles.types.get(last))
                .is_some_and(|types| !path.contains("::") || types.iter().any(|t| t == path))
    }

    /// Entries of another crate's function (not a method) by its crate and name: a crate
    /// re-exports its functions at other paths (`graph_sdk::batch::upload_batch` is the
    /// entry `graph_sdk::upload_batch`).
    pub fn policy_roles_reexported(&self, path: &str) -> Vec<(&str, Roles)> {
        let in_module = |p: &str| {
            (p.rsplit("::").nth(1))
                .is_some_and(|owner| owner.starts_with(|c: char| c.is_ascii_lowercase()))
        };
        let (Some((krate, _)), Some(name)) = (path.split_once("::"), path.rsplit("::").next())
        else {
            return Vec::new();
        };
        if !in_module(path) {
            return Vec::new();
        }
        (self.policy_roles_by_last(name).into_iter())
            .filter(|(entry, _)| entry.split("::").next() == Some(krate) && in_module(entry))
            .map(|(entry, roles)| (entry, guessed(roles)))
            .collect()
    }

    /// Entries whose last segment is `name`: for method calls on a receiver of unknown type.
    pub fn policy_roles_by_last(&self, name: &str) -> Vec<(&str, &Roles)> {
        self.policy_roles
            .by_last
            .get(name)
            .into_iter()
            .flatten()
            .filter(|path| path.contains("::"))
            .filter_map(|path| {
                self.policy_roles
                    .by_path
                    .get(path)
                    .map(|r| (path.as_str(), r))
            })
            .collect()
    }

    /// Each trait with the local traits it requires, transitively.
    fn resolve_supertraits(&mut self) {
        let direct: Vec<Vec<TraitId>> = (self.traits.iter())
            .map(|t| {
                (t.ir.supertraits.iter())
                    .filter_map(|path| match self.resolve_type_path(t.module, path) {
                        Resolved::Def(Def::Trait(s)) => Some(s),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        for (index, info) in self.traits.iter_mut().enumerate() {
            let mut all = vec![TraitId(index as u32)];
            let mut next = 0;
            while let Some(t) = all.get(next).copied() {
                for s in &direct[t.index()] {
                    if !all.contains(s) {
                        all.push(*s);
                    }
                }
                next += 1;
            }
            info.with_supers = all;
        }
    }

    /// Attributes, trait declarations and policy entries, merged into each function's roles.
    fn apply_roles(&mut self, reexports: &HashMap<Def, Vec<String>>) {
        for index in 0..self.fns.len() {
            let f = FnId(index as u32);
            if self.default_method(f).is_none() {
                self.fns[index].roles = self.roles_of_attrs(f);
            }
        }
        for index in 0..self.fns.len() {
            // A default method run as an impl's has its declaration's roles (made before it).
            if let Some(declaration) = self.default_method(FnId(index as u32)) {
                self.fns[index].roles = self.fns[declaration.index()].roles.clone();
                continue;
            }
            let mut extra = Roles::default();
            if let Owner::Impl(imp) = self.fns[index].owner {
                if let Some(t) = self.impls[imp.index()].trait_ {
                    if let Some(decl) = self.traits[t.index()].methods.get(&self.fns[index].ir.name)
                    {
                        extra.merge(&self.fns[decl.index()].roles.clone());
                    }
                }
            }
            // A policy entry for another crate's trait method covers the local impls of it.
            if let Owner::Impl(imp) = self.fns[index].owner {
                if let Some(trait_path) = &self.impls[imp.index()].external_trait {
                    let path = format!("{trait_path}::{}", self.fns[index].ir.name);
                    if let Some(role) = self.policy_roles.by_path.get(&path) {
                        extra.merge(&role.with_args_of(self.fns[index].ir));
                    }
                }
            }
            self.for_policy_paths(FnId(index as u32), reexports, |path| {
                if let Some(role) = self.policy_roles.by_path.get(path) {
                    extra.merge(role);
                }
            });
            self.fns[index].roles.merge(&extra);
        }
    }

    /// A policy entry's `args` for a local function name its parameters, as an attribute's
    /// must: a name that is none of them would select nothing and hide the sink.
    fn check_policy_args(&mut self, reexports: &HashMap<Def, Vec<String>>) {
        let entries: Vec<_> = (self.policy.sinks.iter())
            .map(|e| (e.path.0.join("::"), &e.role.args, &e.span))
            .chain(
                (self.policy.sources.iter()).map(|e| (e.path.0.join("::"), &e.role.args, &e.span)),
            )
            .filter(|(_, args, _)| args.is_some())
            .collect();
        if entries.is_empty() {
            return;
        }
        let wanted: HashSet<&str> = entries.iter().map(|(path, _, _)| path.as_str()).collect();
        // The last function spelt so wins, as in a map collected in `FnId` order.
        let mut local: HashMap<&str, FnId> = HashMap::default();
        for index in 0..self.fns.len() {
            let f = FnId(index as u32);
            self.for_policy_paths(f, reexports, |path| {
                if let Some(path) = wanted.get(path) {
                    local.insert(path, f);
                }
            });
        }
        let mut errors = Vec::new();
        for (path, args, span) in &entries {
            let (Some(args), Some(f)) = (args, local.get(path.as_str())) else {
                continue;
            };
            let params: Vec<&str> = (self.fns[f.index()].ir.params.iter())
                .filter_map(|p| p.name.as_deref())
                .collect();
            for name in args.iter().filter(|a| !params.contains(&a.as_str())) {
                let listed = (params.iter().map(|p| format!("`{p}`")))
                    .collect::<Vec<_>>()
                    .join(", ");
                let close = policy::closest(name, params.iter().copied());
                let hint = close.map_or(String::new(), |c| format!(" did you mean `{c}`?"));
                errors.push(policy::PolicyError {
                    message: format!(
                        "`{name}` is not a parameter of `{path}`:{hint} its parameters are {listed}"
                    ),
                    span: Some((*span).clone()),
                    help: Some("name the parameters as the function declares them".into()),
                });
            }
        }
        self.policy_errors.extend(errors);
    }

    /// Calls `each` with the paths under which the policy file may name a local function:
    /// with its crate name, and relative to the crate root (`graph_sdk::upload_batch` for a
    /// top-level module).
    fn for_policy_paths(
        &self,
        id: FnId,
        reexports: &HashMap<Def, Vec<String>>,
        mut each: impl FnMut(&str),
    ) {
        let info = &self.fns[id.index()];
        policy_spellings(&info.path, reexports.get(&Def::Fn(id)), &mut each);
        // A method of a type re-exported elsewhere (`net::Conn::pull` of `net::types::Conn`).
        if let Owner::Impl(imp) = info.owner {
            if let Some(TyKey::Adt(adt)) = &self.impls[imp.index()].self_ty {
                for path in reexports.get(&Def::Adt(*adt)).into_iter().flatten() {
                    let method = item_path(path, &info.ir.name);
                    policy_spellings(&method, None, &mut each);
                }
            }
        }
    }

    /// A consent check answering with a local type (`enum Decision { Granted, Refused }`)
    /// has no outcome the analysis can read as positive, so it would guard nothing: an
    /// error, as the attribute macro gives for `String` or `u32` (it cannot see that a
    /// path names a local type rather than an alias of `bool`).
    fn check_answer_type(&mut self, id: FnId, attr: Span) {
        let info = &self.fns[id.index()];
        let ir::Type::Path(ret) = &info.ir.ret else {
            return;
        };
        if let Resolved::Def(Def::Adt(adt)) = self.resolve_type_path(info.module, ret) {
            let name = self.adts[adt.index()].ir.name.clone();
            self.errors.push(Error {
                message: format!(
                    "a consent check must return `bool`, `Result<..>` or `Option<..>` (its positive outcome: `true`, `Ok`, `Some`), not the local type `{name}`"
                ),
                location: Some(self.location(attr)),
                help: Some(format!(
                    "return `bool`: mark a function such as `fn allows(u: &User) -> bool {{ matches!(decide(u), {name}::..) }}` as the check instead"
                )),
            });
        }
    }

    fn roles_of_attrs(&mut self, id: FnId) -> Roles {
        let function = self.fns[id.index()].ir;
        let path = self.fns[id.index()].path.clone();
        let file = self.fns[id.index()].file;
        let mut roles = Roles::default();
        for attr in &function.roles {
            match &attr.role {
                ir::Role::Sink { parties, args } => {
                    let set = self.party_set(parties, attr.attr);
                    roles.sinks.push((set, args.clone()));
                }
                ir::Role::Source { label, args } => {
                    let label = self.add_label(label, path.clone(), file);
                    roles.sources.push((label, args.clone()));
                }
                ir::Role::Sanitizer { removes } => {
                    if let Some(removes) = removes {
                        for category in removes {
                            self.check_category(category, attr.attr);
                        }
                    }
                    roles.merge(&Roles {
                        sanitizer: Some(removes.clone()),
                        ..Roles::default()
                    });
                }
                ir::Role::ConsentCheck { parties } => {
                    roles.consent_check |= self.party_set(parties, attr.attr);
                    self.check_answer_type(id, attr.attr);
                }
                ir::Role::AllowFlow { reason } => {
                    roles.allow_flow = Some((reason.clone(), attr.attr))
                }
            }
        }
        roles
    }
}

/// Where a name is looked up: a module, the `Self` type, the generic parameters in scope.
#[derive(Clone, Copy)]
pub struct Scope<'s> {
    pub module: ModId,
    pub self_ty: Option<&'s TyKey>,
    pub generics: &'s [&'s ir::Generics],
}

/// What a path resolves to.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Def(Def),
    /// An associated item of a local type or trait: `Type::method`.
    Assoc(TyKey, Name),
    /// An item of another crate, by every path it may have (`a::b::c`).
    External(Vec<String>),
    Unknown,
}

impl<'a> Program<'a> {
    /// Resolves a path written in `module`.
    pub fn resolve_path(&self, module: ModId, path: &ir::Path) -> Resolved {
        self.resolve_in(module, path, false)
    }

    /// Resolves a path written where a type or trait is (a parameter's or field's type,
    /// `impl Parse for Lit`, `<Lit as Parse>::parse`, a bound): in the type namespace, as
    /// rustc does, so a function of the same name (syn's `fn Lit(marker) -> Lit` beside its
    /// `enum Lit`, for `input.peek(Lit)`) is not the type.
    pub fn resolve_type_path(&self, module: ModId, path: &ir::Path) -> Resolved {
        self.resolve_in(module, path, true)
    }

    /// `types`: the path names a type or trait (see `resolve_type_path`).
    fn resolve_in(&self, module: ModId, path: &ir::Path, types: bool) -> Resolved {
        let mut resolved = self.resolve_segments(module, &path.segments, path.global, types);
        // An alias of a local type is that type (`type P = Pair; P(a, b)`, `let P(x, y)`),
        // followed a few aliases deep (a cycle of aliases is no type).
        for _ in 0..4 {
            let Resolved::Def(Def::Alias(alias)) = resolved else {
                break;
            };
            let (module, ir::Type::Path(aliased)) = self.aliases[alias as usize] else {
                break;
            };
            resolved = match self.resolve_segments(module, &aliased.segments, aliased.global, true)
            {
                found @ Resolved::Def(Def::Adt(_) | Def::Alias(_)) => found,
                _ => Resolved::Def(Def::Alias(alias)),
            };
            if matches!(resolved, Resolved::Def(Def::Alias(same)) if same == alias) {
                break;
            }
        }
        resolved
    }

    fn resolve_segments(
        &self,
        module: ModId,
        segments: &[Name],
        global: bool,
        types: bool,
    ) -> Resolved {
        let Some((first, rest)) = segments.split_first() else {
            return Resolved::Unknown;
        };
        let leading = !rest.is_empty() || types;
        let mut current = match self.resolve_first(module, first, global, leading) {
            First::Defs(defs) => defs,
            First::External(prefix) => {
                let mut full = vec![prefix];
                full.extend(rest.iter().map(|s| s.to_string()));
                return Resolved::External(vec![full.join("::")]);
            }
            // Another crate's item, or one a glob of another crate's module brings: a path
            // of several segments most likely starts with its crate, a bare name with a glob.
            // A first segment a glob here shows to be a crate (`privacy` of `use privacy::*`)
            // starts the path itself: guessing it inside the globs' crates too would make a
            // consent check or sanitizer also a guessed item, which checks nothing.
            First::Unknown => {
                let written = segments.iter().map(|s| &**s).collect::<Vec<_>>().join("::");
                let mut globs = self.external_globs(module);
                if !rest.is_empty() && (globs.iter()).any(|g| g.split("::").next() == Some(first)) {
                    globs.clear();
                }
                let mut paths: Vec<String> = (globs.into_iter())
                    .map(|g| format!("{g}::{written}"))
                    .collect();
                match rest.is_empty() {
                    true => paths.push(written),
                    false => paths.insert(0, written),
                }
                return Resolved::External(paths);
            }
        };
        for (index, segment) in rest.iter().enumerate() {
            let mut next = Vec::new();
            for def in &current {
                match def {
                    Def::Mod(m) if &**segment == "super" => {
                        next.push(Def::Mod(self.modules[m.index()].parent.unwrap_or(*m)))
                    }
                    Def::Mod(m) if &**segment == "self" => next.push(Def::Mod(*m)),
                    Def::Mod(m) => match self.in_module(*m, segment, &rest[index + 1..]) {
                        Ok(found) => next.extend(found),
                        Err(external) => return Resolved::External(external),
                    },
                    Def::Adt(adt) | Def::Variant(adt) => {
                        if self.adts[adt.index()].ir.variants.contains(segment)
                            && index + 1 == rest.len()
                        {
                            return Resolved::Def(Def::Variant(*adt));
                        }
                        return Resolved::Assoc(TyKey::Adt(*adt), segment.clone());
                    }
                    Def::Trait(t) => return Resolved::Assoc(TyKey::Trait(*t), segment.clone()),
                    Def::Alias(alias) => {
                        let (module, ty) = self.aliases[*alias as usize];
                        let scope = Scope {
                            module,
                            self_ty: None,
                            generics: &[],
                        };
                        match self.named_type_key(&scope, ty) {
                            // `type S = Sv; S::Phone { .. }` names a variant of `Sv`.
                            Some(TyKey::Adt(adt))
                                if index + 1 == rest.len()
                                    && self.adts[adt.index()].ir.variants.contains(segment) =>
                            {
                                return Resolved::Def(Def::Variant(adt));
                            }
                            Some(key) => return Resolved::Assoc(key, segment.clone()),
                            None => {}
                        }
                    }
                    _ => {}
                }
            }
            if next.is_empty() {
                return Resolved::Unknown;
            }
            current = next;
        }
        if types {
            current.retain(|d| !is_value(d));
        }
        pick(&current)
    }

    /// The first segment of a path; `leading` when more follow, so that it names a module, a
    /// type or a crate: a function or constant of the name (`fn graph_sdk` beside a call
    /// of `graph_sdk::upload_batch`) starts no path, as in rustc's namespaces.
    fn resolve_first(&self, module: ModId, name: &Name, global: bool, leading: bool) -> First {
        if global {
            return match self.crate_named(module, name) {
                Some(root) => First::Defs(vec![Def::Mod(root)]),
                None => First::External(name.to_string()),
            };
        }
        match &**name {
            "crate" => return First::Defs(vec![Def::Mod(self.crate_root(module))]),
            "self" => return First::Defs(vec![Def::Mod(module)]),
            "super" => {
                return First::Defs(vec![Def::Mod(
                    self.modules[module.index()].parent.unwrap_or(module),
                )])
            }
            _ => {}
        }
        // An item or named import here, then a named import of another crate's item here,
        // shadow what globs bring (`use helpers::*; use graph_sdk::upload;`).
        let data = &self.modules[module.index()];
        if !self.names_own(module, name, leading) {
            if let Some(path) = data.external_imports.get(name) {
                return First::External(path.clone());
            }
        }
        let mut defs = self.lookup(module, name);
        if leading {
            defs.retain(|d| !is_value(d));
        }
        if !defs.is_empty() {
            return First::Defs(defs);
        }
        if let Some(path) = self.external_import(module, name) {
            return First::External(path.clone());
        }
        // `extern crate graph_sdk as gs;` at the root names the crate in every module.
        let root = self.crate_root(module);
        let in_prelude = |e: &&ir::UseEntry| e.extern_crate && e.alias.as_ref() == Some(name);
        if root != module && self.modules[root.index()].uses.iter().any(in_prelude) {
            return self.resolve_first(root, name, false, leading);
        }
        if let Some(root) = self.crate_named(module, name) {
            return First::Defs(vec![Def::Mod(root)]);
        }
        // A dependency the manifest renames (`analytics = { package = "analytics_sdk" }`).
        let renames = &self.loaded.crates[self.modules[module.index()].krate].renames;
        match renames.iter().find(|(alias, _)| alias == name) {
            Some((_, package)) => First::External(package.to_string()),
            None => First::Unknown,
        }
    }

    /// The crate `name` stands for in `module`'s crate, whose manifest may rename it.
    fn crate_named(&self, module: ModId, name: &str) -> Option<ModId> {
        let renames = &self.loaded.crates[self.modules[module.index()].krate].renames;
        let name = (renames.iter())
            .find(|(alias, _)| &**alias == name)
            .map_or(name, |(_, target)| &**target);
        self.crates
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, m)| *m)
    }

    /// `log::error` for a bare `error!` where a crate root has `#[macro_use] extern crate
    /// log;` (every crate checked together is searched: such imports are few).
    pub fn macro_use_paths(&self, name: &str) -> Vec<String> {
        (self.crates.iter())
            .flat_map(|(_, root)| &self.modules[root.index()].uses)
            .filter(|entry| entry.macro_use)
            .filter_map(|entry| entry.path.segments.first())
            .map(|krate| format!("{krate}::{name}"))
            .collect()
    }

    pub fn crate_root(&self, module: ModId) -> ModId {
        self.crates[self.modules[module.index()].krate].1
    }

    /// What `name` means in `module`: its items, its imports, and what its globs bring.
    fn lookup(&self, module: ModId, name: &Name) -> Vec<Def> {
        let mut found = Vec::new();
        let mut seen = Vec::new();
        self.lookup_into(module, name, &mut found, &mut seen, true);
        found.sort();
        found.dedup();
        found
    }

    fn lookup_into(
        &self,
        module: ModId,
        name: &Name,
        found: &mut Vec<Def>,
        seen: &mut Vec<ModId>,
        direct: bool,
    ) {
        if seen.contains(&module) || seen.len() > 64 {
            return;
        }
        seen.push(module);
        let data = &self.modules[module.index()];
        // Items and imports may share a name in different namespaces (`mod seal;` beside
        // `use seal::seal;`): both count.
        found.extend(data.items.get(name).into_iter().flatten());
        found.extend(data.imports.get(name).into_iter().flatten());
        if !found.is_empty() && direct {
            return;
        }
        for glob in &data.globs {
            match glob {
                Def::Mod(m) => self.lookup_into(*m, name, found, seen, false),
                Def::Adt(adt) if self.adts[adt.index()].ir.variants.contains(name) => {
                    found.push(Def::Variant(*adt))
                }
                _ => {}
            }
        }
    }

    /// Resolves every `use` of every module, to a fixpoint: an import may go through
    /// another import or a glob. Done once, so that a lookup never recurses into imports.
    fn resolve_imports(&mut self) {
        for _round in 0..64 {
            let mut changed = false;
            for index in 0..self.modules.len() {
                let module = ModId(index as u32);
                let uses = self.modules[index].uses.clone();
                // A `#[cfg(test)]` import beside one of the same name is the test build's.
                let production = |alias: &Option<Name>| {
                    (uses.iter()).any(|other| !other.test_only && other.alias == *alias)
                };
                for entry in uses
                    .iter()
                    .filter(|e| !e.test_only || !production(&e.alias))
                {
                    let segments = &entry.path.segments;
                    let segments = if segments.last().is_some_and(|s| &**s == "self") {
                        &segments[..segments.len() - 1]
                    } else {
                        &segments[..]
                    };
                    let resolved = self.resolve_all(module, segments, entry.path.global);
                    let data = &mut self.modules[index];
                    match (&entry.alias, resolved) {
                        (Some(alias), Imported::Defs(defs)) => {
                            let slot = data.imports.entry(alias.clone()).or_default();
                            for def in defs {
                                if !slot.contains(&def) {
                                    slot.push(def);
                                    changed = true;
                                }
                            }
                        }
                        (Some(alias), Imported::External(path)) => {
                            if !data.imports.contains_key(alias)
                                && data.external_imports.get(alias) != Some(&path)
                            {
                                data.external_imports.insert(alias.clone(), path);
                                changed = true;
                            }
                        }
                        (None, Imported::Defs(defs)) => {
                            for def in defs {
                                if !data.globs.contains(&def) {
                                    data.globs.push(def);
                                    changed = true;
                                }
                            }
                        }
                        (None, Imported::External(path)) => {
                            if !data.external_globs.contains(&path) {
                                data.external_globs.push(path);
                                changed = true;
                            }
                        }
                        (_, Imported::Nothing) => {}
                    }
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// What `segment` names in module `m`: its items, or (`Err`) the paths of another crate's
    /// item it stands for, with the segments `after` it: imported there (`mod net { pub use
    /// graph_sdk::upload; }`, `self::upload`), or brought by a glob of another crate, of `m`
    /// or of a module whose names `m` glob-imports.
    fn in_module(&self, m: ModId, segment: &Name, after: &[Name]) -> Result<Vec<Def>, Vec<String>> {
        let data = &self.modules[m.index()];
        let found = match (
            self.names_own(m, segment, !after.is_empty()),
            data.external_imports.get(segment),
        ) {
            (false, Some(_)) => Vec::new(),
            _ => self.lookup(m, segment),
        };
        if !found.is_empty() {
            return Ok(found);
        }
        let prefixes = match self.external_import(m, segment) {
            Some(prefix) => vec![prefix.clone()],
            None => (self.external_globs(m).into_iter())
                .map(|glob| format!("{glob}::{segment}"))
                .collect(),
        };
        match prefixes.is_empty() {
            true => Ok(found),
            false => Err(prefixes
                .into_iter()
                .map(|prefix| {
                    let mut full = vec![prefix];
                    full.extend(after.iter().map(|s| s.to_string()));
                    full.join("::")
                })
                .collect()),
        }
    }

    /// Whether `module` names `name` by an item or named import of its own, which shadows
    /// what its globs bring. A `#[cfg(test)]` function beside a named import of another
    /// crate's item of the name (`#[cfg(not(test))] pub use graph_sdk::upload as ship;`) is
    /// the test build's, not production's.
    /// With `leading`, only names that may start a longer path count (see `resolve_first`).
    fn names_own(&self, module: ModId, name: &Name, leading: bool) -> bool {
        let data = &self.modules[module.index()];
        let counts = |d: &Def| !(leading && is_value(d));
        let production = |d: &Def| !matches!(d, Def::Fn(f) if self.fns[f.index()].ir.test_only);
        (data.imports.get(name)).is_some_and(|defs| !leading || defs.iter().any(counts))
            || (data.items.get(name))
                .is_some_and(|defs| defs.iter().any(|d| production(d) && counts(d)))
    }

    /// `module` and the local modules whose names it sees through globs, transitively
    /// (`pub mod prelude { pub use crate::sdk::*; }`).
    pub fn glob_reach(&self, module: ModId) -> Vec<ModId> {
        let mut reach = vec![module];
        let mut index = 0;
        while index < reach.len() && reach.len() <= 64 {
            for glob in &self.modules[reach[index].index()].globs {
                if let Def::Mod(m) = glob {
                    if !reach.contains(m) {
                        reach.push(*m);
                    }
                }
            }
            index += 1;
        }
        reach
    }

    /// The other crate's path `name` is imported as in `module`, directly or through a
    /// local glob (`pub use graph_sdk::upload;` in a module `use crate::sdk::*` brings).
    fn external_import(&self, module: ModId, name: &Name) -> Option<&String> {
        (self.glob_reach(module).into_iter())
            .find_map(|m| self.modules[m.index()].external_imports.get(name))
    }

    /// The other crates' modules whose names `module` glob-imports, directly or through a
    /// local glob (`pub mod sdk { pub use graph_sdk::*; }` then `use crate::sdk::*`).
    pub fn external_globs(&self, module: ModId) -> Vec<&String> {
        let mut globs: Vec<&String> = Vec::new();
        for m in self.glob_reach(module) {
            for glob in &self.modules[m.index()].external_globs {
                if !globs.contains(&glob) {
                    globs.push(glob);
                }
            }
        }
        globs
    }

    /// Every definition a `use` path names (a name may be both a module and a function),
    /// or the external path it names.
    fn resolve_all(&self, module: ModId, segments: &[Name], global: bool) -> Imported {
        let Some((first, rest)) = segments.split_first() else {
            return Imported::Nothing;
        };
        let mut current = match self.resolve_first(module, first, global, !rest.is_empty()) {
            First::Defs(defs) => defs,
            First::External(prefix) => {
                let mut full = vec![prefix];
                full.extend(rest.iter().map(|s| s.to_string()));
                return Imported::External(full.join("::"));
            }
            First::Unknown => {
                return Imported::External(
                    segments.iter().map(|s| &**s).collect::<Vec<_>>().join("::"),
                )
            }
        };
        for (index, segment) in rest.iter().enumerate() {
            let mut next = Vec::new();
            for def in &current {
                match def {
                    Def::Mod(m) if &**segment == "super" => {
                        next.push(Def::Mod(self.modules[m.index()].parent.unwrap_or(*m)))
                    }
                    Def::Mod(m) if &**segment == "self" => next.push(Def::Mod(*m)),
                    Def::Mod(m) => match self.in_module(*m, segment, &rest[index + 1..]) {
                        Ok(found) => next.extend(found),
                        Err(mut external) => return Imported::External(external.swap_remove(0)),
                    },
                    Def::Adt(adt) if self.adts[adt.index()].ir.variants.contains(segment) => {
                        next.push(Def::Variant(*adt))
                    }
                    _ => {}
                }
            }
            if next.is_empty() {
                return Imported::Nothing;
            }
            current = next;
        }
        Imported::Defs(current)
    }

    /// The local types, traits and external types a written type mentions, wrappers and
    /// generic arguments included: a `Vec<User>` holds `User` values.
    pub fn type_keys(&self, scope: &Scope, ty: &ir::Type) -> Vec<TyKey> {
        let mut out = Vec::new();
        self.collect_type_keys(scope, ty, &mut out, &mut Vec::new(), 0);
        out.sort();
        out.dedup();
        // Kept in each signature and field for the whole check: no room to spare.
        out.shrink_to_fit();
        out
    }

    /// `expanded`: the generic parameters whose bounds were read already; each is read once
    /// (`P: Parser<I, O, E>` with `I: Stream<..>` would otherwise branch at every level).
    fn collect_type_keys(
        &self,
        scope: &Scope,
        ty: &ir::Type,
        out: &mut Vec<TyKey>,
        expanded: &mut Vec<Name>,
        depth: usize,
    ) {
        if depth > 16 {
            return;
        }
        match ty {
            ir::Type::Path(path) => {
                let before = out.len();
                for generic in &path.generics {
                    self.collect_type_keys(scope, generic, out, expanded, depth + 1);
                }
                if path.segments.len() == 1 {
                    let name = &path.segments[0];
                    if &**name == "Self" {
                        out.extend(scope.self_ty.cloned());
                        return;
                    }
                    for generics in scope.generics {
                        if let Some((_, bounds)) =
                            generics.params.iter().find(|(param, _)| param == name)
                        {
                            if !expanded.contains(name) {
                                expanded.push(name.clone());
                                self.collect_bound_keys(scope, bounds, out, expanded, depth);
                            }
                            return;
                        }
                    }
                }
                match self.resolve_type_path(scope.module, path) {
                    Resolved::Def(Def::Adt(adt)) => out.push(TyKey::Adt(adt)),
                    Resolved::Def(Def::Alias(alias)) => {
                        let (module, ty) = self.aliases[alias as usize];
                        let scope = Scope {
                            module,
                            self_ty: scope.self_ty,
                            generics: &[],
                        };
                        self.collect_type_keys(&scope, ty, out, expanded, depth + 1);
                    }
                    Resolved::Def(Def::Trait(t)) => out.push(TyKey::Trait(t)),
                    Resolved::External(paths) => {
                        if let Some(first) = paths.into_iter().next() {
                            // A bare name found nowhere is a generic parameter of the item
                            // around (its bounds unknown here), unless std names it.
                            let unknown_generic = !first.contains("::") && !is_std_name(&first);
                            // A channel's end is one (see `propagate::interp::channels`),
                            // as well as of the type it carries.
                            let wrapper = is_wrapper(&first)
                                && !self.policy_names_type(&first)
                                && !is_channel_end(&first);
                            out.extend(self.pointer_key(&first, &out[before..]));
                            if !wrapper && !unknown_generic {
                                out.push(TyKey::External(Name::from(first)));
                            }
                        }
                    }
                    _ => {}
                }
            }
            ir::Type::Ref { inner, .. } | ir::Type::Slice(inner) => {
                self.collect_type_keys(scope, inner, out, expanded, depth + 1)
            }
            ir::Type::Tuple(items) => {
                for item in items {
                    self.collect_type_keys(scope, item, out, expanded, depth + 1);
                }
            }
            ir::Type::Bounds(bounds) => {
                self.collect_bound_keys(scope, bounds, out, expanded, depth)
            }
            ir::Type::Fn | ir::Type::Infer | ir::Type::Never | ir::Type::Other => {}
        }
    }

    /// The keys of a value known by its trait bounds, `impl Repo<User>` as `R: Repo<User>`:
    /// the local traits, and the bounds' type arguments, which it holds, yields or derefs
    /// to (`AsRef<User>`, `IntoIterator<Item = User>`, a repository's `Vec<T>` of `T = User`).
    fn collect_bound_keys(
        &self,
        scope: &Scope,
        bounds: &[ir::Path],
        out: &mut Vec<TyKey>,
        expanded: &mut Vec<Name>,
        depth: usize,
    ) {
        for bound in bounds {
            if let Resolved::Def(Def::Trait(t)) = self.resolve_type_path(scope.module, bound) {
                out.push(TyKey::Trait(t));
            }
            // A callable's parameter and result types are not its own.
            let callable =
                (bound.segments.last()).is_some_and(|s| matches!(&**s, "Fn" | "FnMut" | "FnOnce"));
            if callable {
                continue;
            }
            for generic in &bound.generics {
                self.collect_type_keys(scope, generic, out, expanded, depth + 1);
            }
        }
    }

    /// The type of a pointer some impl is for (`Arc` of `impl<T: Store> Store for Arc<T>`),
    /// `path` its path, where it points to a value of local type (`pointee`'s keys): the
    /// value is of both types, and a method call takes the pointer's impl before the
    /// pointee's.
    pub fn pointer_key(&self, path: &str, pointee: &[TyKey]) -> Option<TyKey> {
        let last = path.rsplit("::").next().unwrap_or(path);
        let pointer = self.pointers.iter().find(|p| ***p == *last)?;
        let local = pointee.iter().any(|t| !matches!(t, TyKey::External(_)));
        local.then(|| TyKey::External(pointer.clone()))
    }

    /// Whether a value of `ty` runs local trait `t`'s methods when they are called by name:
    /// an impl for that very type implements it (a blanket impl is not known to cover it),
    /// and no inherent method of the type has the name of one of the trait's, which would
    /// be called instead (through `impl Entity` only the trait's `describe` is there).
    pub fn implements_by_name(&self, ty: &TyKey, t: TraitId) -> bool {
        let implemented = (self.impls_of_trait.get(&t)).is_some_and(|imps| {
            imps.iter()
                .any(|imp| self.impls[imp.index()].self_ty.as_ref() == Some(ty))
        });
        let inherent = |f: &FnId| {
            matches!(self.fns[f.index()].owner, Owner::Impl(imp)
                if self.impls[imp.index()].trait_.is_none())
        };
        let shadowed = || {
            (self.traits[t.index()].with_supers.iter())
                .flat_map(|t| self.traits[t.index()].methods.keys())
                .any(|name| {
                    (self.methods_of.get(&(ty.clone(), name.clone())))
                        .is_some_and(|fs| fs.iter().any(inherent))
                })
        };
        implemented && !shadowed()
    }

    /// The fields through which a value of one of `tys` holds an `Rc`/`Arc` (a few local
    /// types deep): its clones share those cells, and only those.
    pub fn shared_fields(&self, tys: &[TyKey]) -> Vec<Name> {
        let by_type = self.cell_fields.get_or_init(|| self.all_cell_fields());
        let mut fields: Vec<Name> = (tys.iter())
            .filter_map(|ty| match ty {
                TyKey::Adt(adt) => by_type.get(adt.index()),
                _ => None,
            })
            .flatten()
            .cloned()
            .collect();
        fields.sort();
        fields.dedup();
        fields
    }

    /// Per type, its fields whose declared type names an `Rc`/`Arc`, or another local type
    /// that holds one, three types deep at most (a type's own fields are not followed back
    /// into it).
    fn all_cell_fields(&self) -> Vec<Vec<Name>> {
        fn mentions_shared(ty: &ir::Type) -> bool {
            match ty {
                ir::Type::Path(path) => {
                    path.segments
                        .last()
                        .is_some_and(|s| matches!(&**s, "Rc" | "Arc"))
                        || path.generics.iter().any(mentions_shared)
                }
                ir::Type::Ref { .. } => false,
                ir::Type::Tuple(items) => items.iter().any(mentions_shared),
                ir::Type::Slice(inner) => mentions_shared(inner),
                _ => false,
            }
        }
        // Per type, its fields in order, and whether each names a cell itself.
        let direct: Vec<Vec<(&Name, &FieldInfo, bool)>> = (self.adts.iter())
            .map(|info| {
                (info.fields.iter())
                    .map(|(name, field)| {
                        // `db: Db` of `type Db = Arc<Mutex<..>>` is a cell too.
                        let shared = (field.tys.iter())
                            .any(|ty| mentions_shared(self.expand_alias(info.module, ty)));
                        (name, field, shared)
                    })
                    .collect()
            })
            .collect();
        let holds_cell = |adt: usize, field: &FieldInfo, shared: bool, holds: &[bool]| {
            shared
                || (field.keys.iter())
                    .any(|k| matches!(k, TyKey::Adt(a) if a.index() != adt && holds[a.index()]))
        };
        // Whether each type holds a cell within one more level of nesting, from the
        // innermost level out.
        let mut holds = vec![false; self.adts.len()];
        for _ in 0..3 {
            holds = (direct.iter().enumerate())
                .map(|(adt, fields)| {
                    (fields.iter())
                        .any(|(_, field, shared)| holds_cell(adt, field, *shared, &holds))
                })
                .collect();
        }
        (direct.iter().enumerate())
            .map(|(adt, fields)| {
                (fields.iter())
                    .filter(|(_, field, shared)| holds_cell(adt, field, *shared, &holds))
                    .map(|(name, ..)| (*name).clone())
                    .collect()
            })
            .collect()
    }

    /// The scope a function's body and signature are read in.
    pub fn fn_scope_parts(&self, id: FnId) -> (ModId, Option<TyKey>, Vec<&'a ir::Generics>) {
        let info = &self.fns[id.index()];
        let mut generics = vec![&info.ir.generics];
        let self_ty = match info.owner {
            Owner::Impl(imp) => {
                // A default method run as the impl's is written in the trait, where the
                // impl's generics are not in scope.
                if self.default_method(id).is_none() {
                    generics.push(&self.impls[imp.index()].ir.generics);
                }
                self.impls[imp.index()].self_ty.clone()
            }
            Owner::Trait(t) => Some(TyKey::Trait(t)),
            Owner::Free => None,
        };
        (info.module, self_ty, generics)
    }

    /// The local traits a module's code can call methods of: its own, its imports, and
    /// those its glob imports bring (transitively).
    fn scope_traits(&self, module: ModId) -> Vec<TraitId> {
        let mut traits = Vec::new();
        let mut seen = Vec::new();
        let mut stack = vec![module];
        while let Some(m) = stack.pop() {
            if seen.contains(&m) {
                continue;
            }
            seen.push(m);
            let data = &self.modules[m.index()];
            for def in data.items.values().chain(data.imports.values()).flatten() {
                if let Def::Trait(t) = def {
                    traits.push(*t);
                }
            }
            stack.extend(data.globs.iter().filter_map(|glob| match glob {
                Def::Mod(inner) => Some(*inner),
                _ => None,
            }));
        }
        traits.sort();
        traits.dedup();
        traits
    }

    /// The local trait a method belongs to (its impl's trait, or its declaring trait).
    pub fn trait_of(&self, id: FnId) -> Option<TraitId> {
        match self.fns[id.index()].owner {
            Owner::Impl(imp) => self.impls[imp.index()].trait_,
            Owner::Trait(t) => Some(t),
            Owner::Free => None,
        }
    }

    /// Of one type's trait methods of a name, those whose trait is in scope in `module`, as
    /// Rust's method lookup takes them; all of them where no local trait of theirs is in
    /// scope (the call is then written where this index cannot see why it compiles).
    pub fn in_scope(&self, module: ModId, methods: &[FnId]) -> Vec<FnId> {
        let scope = &self.traits_in_scope[module.index()];
        let visible: Vec<FnId> = methods
            .iter()
            .copied()
            .filter(|f| self.trait_of(*f).is_none_or(|t| scope.contains(&t)))
            .collect();
        if visible.iter().any(|f| self.trait_of(*f).is_some()) {
            visible
        } else {
            methods.to_vec()
        }
    }

    /// How a method takes `self` (`&Self`, `&mut Self`, `Self`, `Box<Self>`), if it does.
    pub fn receiver(&self, id: FnId) -> Option<&ir::Type> {
        let function = self.fns[id.index()].ir;
        (function.has_self)
            .then(|| function.params.first().map(|p| &p.ty))
            .flatten()
    }

    /// A method of an impl block of no trait.
    pub fn is_inherent(&self, id: FnId) -> bool {
        match self.fns[id.index()].owner {
            Owner::Impl(imp) => self.impls[imp.index()].ir.trait_.is_none(),
            _ => false,
        }
    }

    /// Whether local type `ty` implements another crate's trait written `trait_path` (as
    /// resolved at the call: `push_sdk::Notifier`, or a trailing part of it).
    pub fn implements_external(&self, ty: &TyKey, trait_path: &str) -> bool {
        (self.external_traits_of.get(ty).into_iter().flatten())
            .any(|t| names_external_trait(t, trait_path))
    }

    /// `ty`'s methods `name` of its impls of another crate's trait written `trait_path`:
    /// what a path through the trait runs (`Notifier::notify(d, ..)`), even beside an
    /// inherent method of the name, which only a method call or the type's path takes.
    pub fn external_impl_methods(&self, ty: &TyKey, trait_path: &str, name: &Name) -> Vec<FnId> {
        let of_trait = |f: &&FnId| {
            matches!(self.fns[f.index()].owner, Owner::Impl(imp)
                if (self.impls[imp.index()].external_trait.as_deref())
                    .is_some_and(|t| names_external_trait(t, trait_path)))
        };
        (self
            .methods_of
            .get(&(ty.clone(), name.clone()))
            .into_iter()
            .flatten())
        .filter(of_trait)
        .copied()
        .collect()
    }

    /// Each part of a tuple type, or of a reference to one or of a std wrapper or collection
    /// of them (`&[(u64, User)]`, `Option<(u64, Phone)>`, `Vec<Pair>` of `type Pair = (u64,
    /// User)`), nested tuples part by part (`(u64, (String, User))`): its field path and its
    /// types. Elements are smashed into their collection, so each part is a field of the
    /// whole. `None` for a type that is no tuple.
    pub fn tuple_parts<'t>(&'t self, scope: &Scope<'t>, ty: &'t ir::Type) -> Option<TupleParts> {
        let (scope, items, map) = self.tuple_items(*scope, ty, 0)?;
        let mut parts = Vec::new();
        let mut stack: Vec<(Vec<Name>, Scope, &ir::Type)> = (items.iter().enumerate())
            .map(|(index, item)| (vec![Name::from(index.to_string())], scope, item))
            .collect();
        while let Some((path, scope, ty)) = stack.pop() {
            match self.tuple_items(scope, ty, 0).filter(|_| path.len() < 4) {
                Some((scope, inner, _)) => {
                    stack.extend(inner.iter().enumerate().map(|(index, item)| {
                        let mut at = path.clone();
                        at.push(Name::from(index.to_string()));
                        (at, scope, item)
                    }))
                }
                None => parts.push((path, self.type_keys(&scope, ty))),
            }
        }
        // A map keeps its own type beside its parts' (which `type_keys` sees through): its
        // `insert` takes a key and a value, its `get` gives the value.
        if let Some(map) = map {
            parts.push((Vec::new(), vec![TyKey::External(map.clone())]));
        }
        Some(parts)
    }

    /// The items of the tuple `ty` is or holds (see `tuple_parts`), with the scope they are
    /// written in: a type alias's (without parameters) is its module's. A map's pairs are
    /// such items, and the map's name is given with them.
    fn tuple_items<'t>(
        &'t self,
        scope: Scope<'t>,
        ty: &'t ir::Type,
        depth: usize,
    ) -> Option<(Scope<'t>, &'t [ir::Type], Option<&'t Name>)> {
        match ty {
            ir::Type::Tuple(items) if !items.is_empty() => Some((scope, items, None)),
            ir::Type::Ref { inner, .. } | ir::Type::Slice(inner) => {
                self.tuple_items(scope, inner, depth)
            }
            ir::Type::Path(path) => {
                match (path.segments.last().map(|s| &**s), &path.generics[..]) {
                    (
                        Some(
                            "Vec" | "VecDeque" | "Option" | "Box" | "Arc" | "Rc" | "HashSet"
                            | "BTreeSet" | "BinaryHeap" | "LinkedList",
                        ),
                        [item],
                    ) => self.tuple_items(scope, item, depth),
                    // Another crate's map holds `(key, value)` pairs, read as such (`for (id, u)
                    // in m`, `m.keys()`): an id is not the user it is the key of.
                    (Some(last), [_, _, ..])
                        if is_map(last)
                            && !matches!(
                                self.resolve_type_path(scope.module, path),
                                Resolved::Def(_)
                            ) =>
                    {
                        Some((scope, &path.generics[..2], path.segments.last()))
                    }
                    (_, []) if depth < 4 => match self.resolve_type_path(scope.module, path) {
                        Resolved::Def(Def::Alias(alias)) => {
                            let (module, aliased) = self.aliases[alias as usize];
                            let scope = Scope {
                                module,
                                generics: &[],
                                ..scope
                            };
                            self.tuple_items(scope, aliased, depth + 1)
                        }
                        _ => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The type a written type names through local type aliases (`Log` of `type Log =
    /// Arc<Mutex<..>>`), a few levels deep; any other type as written.
    pub fn expand_alias<'t>(&'t self, module: ModId, ty: &'t ir::Type) -> &'t ir::Type {
        let (mut module, mut ty) = (module, ty);
        for _ in 0..4 {
            let ir::Type::Path(path) = ty else { break };
            let Resolved::Def(Def::Alias(alias)) = self.resolve_type_path(module, path) else {
                break;
            };
            (module, ty) = self.aliases[alias as usize];
        }
        ty
    }

    /// Whether method `f` may be called on a value of another crate's type: a trait's
    /// method (an extension trait), but not one only local types have (an inherent method,
    /// or a trait's whose every impl is for a local type: `impl Publisher for Graph` is no
    /// method of a `redis::Connection`).
    pub fn may_extend_external(&self, f: FnId) -> bool {
        let foreign =
            |imp: &ImplId| !matches!(self.impls[imp.index()].self_ty, Some(TyKey::Adt(_)));
        match self.fns[f.index()].owner {
            Owner::Impl(imp) => self.impls[imp.index()].ir.trait_.is_some() && foreign(&imp),
            Owner::Trait(t) => {
                (self.impls_of_trait.get(&t)).is_some_and(|imps| imps.iter().any(foreign))
            }
            Owner::Free => false,
        }
    }

    /// The trait method declaration an impl method implements, if the trait is local.
    pub fn declaration_of(&self, id: FnId) -> Option<FnId> {
        let Owner::Impl(imp) = self.fns[id.index()].owner else {
            return None;
        };
        let t = self.impls[imp.index()].trait_?;
        self.traits[t.index()]
            .methods
            .get(&self.fns[id.index()].ir.name)
            .copied()
    }

    pub fn file(&self, id: FileId) -> &crate::load::SourceFile {
        &self.loaded.files[id.0 as usize]
    }
}

enum First {
    Defs(Vec<Def>),
    External(String),
    Unknown,
}

enum Imported {
    Defs(Vec<Def>),
    External(String),
    Nothing,
}

/// Prefers a value (function, global, variant) over a module or type of the same name.
fn pick(defs: &[Def]) -> Resolved {
    defs.iter()
        .find(|d| matches!(d, Def::Fn(_) | Def::Global(_) | Def::Variant(_)))
        .or_else(|| defs.first())
        .map_or(Resolved::Unknown, |d| Resolved::Def(*d))
}

/// The modules of the crates while they are collected: the module made for each path so
/// far, and the file that holds each module path (the first, in id order), found by key
/// rather than by a scan of every file for every `mod` item.
struct ModulePlaces<'a> {
    made: HashMap<(usize, Vec<Name>), ModId>,
    files: HashMap<(usize, &'a [Name]), FileId>,
}

impl<'a> ModulePlaces<'a> {
    fn new(loaded: &'a Loaded) -> ModulePlaces<'a> {
        let mut files = HashMap::default();
        for (index, place) in loaded.places.iter().enumerate() {
            (files.entry((place.krate, &place.module[..]))).or_insert(FileId(index as u32));
        }
        ModulePlaces {
            made: HashMap::default(),
            files,
        }
    }
}

/// Calls `each` with the paths a policy entry may name a local item by: its path from the
/// crate's name, the same without it, and so for each path that re-exports it.
fn policy_spellings(path: &str, reexports: Option<&Vec<String>>, mut each: impl FnMut(&str)) {
    for path in std::iter::once(path).chain(reexports.into_iter().flatten().map(|p| &**p)) {
        each(path);
        // The first `:` of a path starts its first `::` (found by byte, as this runs for
        // every function of every check).
        if let Some(rest) = path.find(':').and_then(|at| path[at..].strip_prefix("::")) {
            each(rest);
        }
    }
}

/// Whether a written type mentions one of the type parameters `generics` declares.
fn mentions_param(ty: &ir::Type, generics: &ir::Generics, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    let path_mentions = |path: &ir::Path| {
        let named = path.segments.len() == 1
            && generics
                .params
                .iter()
                .any(|(param, _)| *param == path.segments[0]);
        named
            || path
                .generics
                .iter()
                .any(|g| mentions_param(g, generics, depth + 1))
    };
    match ty {
        ir::Type::Path(path) => path_mentions(path),
        ir::Type::Ref { inner, .. } | ir::Type::Slice(inner) => {
            mentions_param(inner, generics, depth + 1)
        }
        ir::Type::Tuple(items) => items.iter().any(|t| mentions_param(t, generics, depth + 1)),
        ir::Type::Bounds(bounds) => bounds.iter().any(path_mentions),
        ir::Type::Fn | ir::Type::Infer | ir::Type::Never | ir::Type::Other => false,
    }
}

/// Whether an impl's resolved trait path `implemented` is the trait a call wrote as
/// `written` (resolved as far as it could be: `Notifier` through a glob is `push_sdk::Notifier`).
fn names_external_trait(implemented: &str, written: &str) -> bool {
    (implemented.strip_suffix(written)).is_some_and(|head| head.is_empty() || head.ends_with("::"))
}

/// Types the std prelude and common std imports name without a path.
fn is_std_name(name: &str) -> bool {
    matches!(
        name,
        "String"
            | "str"
            | "bool"
            | "char"
            | "u8"
            | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
            | "Path"
            | "PathBuf"
            | "OsString"
            | "OsStr"
            | "Duration"
            | "Instant"
            | "SystemTime"
            | "File"
            | "TcpStream"
            | "Error"
    )
}

/// Std wrappers and containers are seen through: their contents matter, not their type.
/// `module::item`: built for every item of every check, so without the formatting machinery.
fn item_path(module: &str, name: &str) -> String {
    let mut path = String::with_capacity(module.len() + 2 + name.len());
    path.push_str(module);
    path.push_str("::");
    path.push_str(name);
    path
}

/// A std type (or indexmap's) that holds values without dereferencing to them: what it
/// holds is its content, of a type its own name does not tell.
pub fn is_collection(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path);
    matches!(
        last,
        "Option"
            | "Result"
            | "IndexMap"
            | "IndexSet"
            | "Vec"
            | "VecDeque"
            | "HashMap"
            | "BTreeMap"
            | "HashSet"
            | "BTreeSet"
            | "LinkedList"
            | "BinaryHeap"
    )
}

/// A std map (or indexmap's): it holds `(key, value)` pairs, kept apart as a tuple's parts.
pub fn is_map(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path);
    matches!(last, "HashMap" | "BTreeMap" | "IndexMap")
}

/// A type seen through to what it holds: a collection, a smart pointer or cell, a channel
/// end, a future or iterator.
/// The types of a channel's two ends (std's, tokio's, crossbeam's, ...), by their last
/// segment: of the sending end, then of the receiving end.
pub const CHANNEL_ENDS: [&[&str]; 2] = [
    &[
        "Sender",
        "SyncSender",
        "UnboundedSender",
        "WeakSender",
        "WeakUnboundedSender",
    ],
    &["Receiver", "UnboundedReceiver"],
];

/// Whether `path` names a channel's end (see `CHANNEL_ENDS`).
pub fn is_channel_end(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path);
    CHANNEL_ENDS.iter().any(|ends| ends.contains(&last))
}

/// A std smart pointer: a method call tries an impl for it before its pointee's.
fn is_pointer(name: &str) -> bool {
    matches!(name, "Box" | "Rc" | "Arc")
}

fn is_wrapper(path: &str) -> bool {
    let last = path.rsplit("::").next().unwrap_or(path);
    is_collection(last)
        || matches!(
            last,
            "Box"
                | "Rc"
                | "Arc"
                | "Mutex"
                | "RwLock"
                | "RefCell"
                | "Cell"
                | "Cow"
                | "Pin"
                | "Weak"
                | "MutexGuard"
                | "Ref"
                | "RefMut"
                | "JoinHandle"
                | "Future"
                | "Iterator"
                | "IntoIterator"
                | "OnceCell"
                | "OnceLock"
                | "LazyLock"
                | "Lazy"
                | "Reverse"
                | "Wrapping"
                | "ManuallyDrop"
        )
}
