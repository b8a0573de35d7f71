//! Macros across files: a call of a `macro_rules!` macro that another file of the crate
//! defines (`#[macro_use] mod macros;`, a `#[macro_export]` one) is expanded by it.
//!
//! A file is lowered with the macros of the files loaded before it (`MacroTable`): those
//! of enclosing modules, and of the files its level declares `#[macro_use]`, which are
//! lowered first. Once the whole tree is loaded, a file whose lowering found for some name
//! another macro than the whole crate gives (`FileIr::macro_lookups`) is lowered again;
//! so a file that calls no macro defined later is parsed once, and its IR is what the
//! crate's macros make it, whatever the order it was loaded in (or cached).
//!
//! Which definition a call names is decided by module, not by order: a macro is visible in
//! the files under its file's `Pending::macro_scope` (where in its file it or a `mod` is
//! declared is not looked at), and everywhere in its crate when exported. Of two visible
//! definitions of one name, the first file in load order (`FileId`) gives it, and of two
//! in that file the later.

use super::{FileModule, Loader};
use crate::ir::{FileId, FileIr, MacroDef, Name};
use crate::lower::MacroLookup;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// The crate-visible macros of the files loaded so far, by name.
#[derive(Clone, Default)]
pub(super) struct MacroTable(FxHashMap<Name, Vec<Defined>>);

/// One macro, where it is defined.
#[derive(Clone)]
struct Defined {
    file: FileId,
    krate: usize,
    /// `Pending::macro_scope` of its file.
    scope: Arc<[Name]>,
    def: Arc<MacroDef>,
}

impl MacroTable {
    /// Adds the macros of file `file`, of crate `krate` and macro scope `scope`.
    pub(super) fn add(&mut self, file: FileId, krate: usize, scope: &[Name], ir: &FileIr) {
        if ir.macros.is_empty() {
            return;
        }
        let scope: Arc<[Name]> = scope.into();
        for def in &ir.macros {
            let defined = self.0.entry(def.name.clone()).or_default();
            // Before the file's earlier ones: of two in one file (`#[cfg]` alternatives),
            // the later shadows the earlier, as in rustc's textual scope and as the file's
            // own calls expand.
            let at = defined.partition_point(|other| other.file < file);
            let entry = Defined {
                file,
                krate,
                scope: scope.clone(),
                def: def.clone(),
            };
            defined.insert(at, entry);
        }
    }

    /// The macro a call of `name` in file `caller` at `place` names, if another file
    /// defines one it sees.
    fn find(&self, caller: FileId, place: &FileModule, name: &str) -> Option<&Arc<MacroDef>> {
        let defined = self.0.get(name)?.iter().find(|defined| {
            defined.file != caller
                && defined.krate == place.krate
                && (defined.def.exported || place.module.starts_with(&defined.scope))
        });
        defined.map(|defined| &defined.def)
    }

    /// Looks up, for file `caller` at `place`, the macros of this table.
    pub(super) fn lookup(self: &Arc<Self>, caller: FileId, place: &FileModule) -> MacroLookup {
        if self.0.is_empty() {
            return Box::new(|_| None);
        }
        let (table, place) = (self.clone(), place.clone());
        Box::new(move |name| table.find(caller, &place, name).cloned())
    }
}

impl Loader {
    /// Lowers again each file whose lowering found for a name another macro than the
    /// whole crate's table gives.
    pub(super) fn import_macros(&mut self, pool: &rayon::ThreadPool) {
        let table = &self.macro_table;
        let stale: Vec<usize> = (self.loaded.irs.iter().enumerate())
            .filter(|(file, ir)| {
                let place = &self.loaded.places[*file];
                (ir.macro_lookups.iter()).any(|(name, found)| {
                    table.find(FileId(*file as u32), place, name) != found.as_ref()
                })
            })
            .map(|(file, _)| file)
            .collect();
        if stale.is_empty() {
            return;
        }
        let this = &*self;
        let lowered = super::largest_first(
            pool,
            stale,
            |file| this.loaded.files[file].text.len(),
            |file| {
                let source = &this.loaded.files[file];
                let facade = &this.facades[this.loaded.places[file].krate];
                let id = FileId(file as u32);
                this.lower_with_macros(&source.text, id, &source.rel, facade)
            },
        );
        for (file, outcome) in lowered {
            let id = FileId(file as u32);
            let key = (self.loaded.files[file].path.clone(), id);
            if let Some(parsed) = self.fresh.get_mut(&key) {
                parsed.outcome = outcome.clone();
            }
            self.loaded.irs[file] = self.kept_ir(id, outcome);
        }
    }
}
