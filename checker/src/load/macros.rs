//! Macros across files: a file that calls a `macro_rules!` macro another file of its crate
//! defines (`#[macro_use] mod macros;`, a `#[macro_export]` one) is lowered again, once the
//! whole tree is loaded, with that macro's rules beside its own (see `lower::macro_rules`).
//! A file that calls none is parsed once.
//!
//! Which definition a call names is decided by module, not by order: a macro is visible in
//! the files of its `Pending::macro_scope` (where it or a module after it in the file is
//! declared is not looked at), and everywhere in its crate when exported. Of two visible
//! definitions of one name, the first file in load order (`FileId`) gives it.

use super::{parse_and_lower, FileModule, Loader};
use crate::ir::{FileId, FileIr, MacroDef, Name};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

impl Loader {
    /// Lowers again each file whose macros from other files differ from those it was
    /// lowered with (none for a file parsed now; its own for a cached one).
    pub(super) fn import_macros(&mut self, pool: &rayon::ThreadPool) {
        let wanted = imports(&self.loaded.irs, &self.loaded.places, &self.macro_scopes);
        let mut jobs: Vec<(usize, Vec<Arc<MacroDef>>)> = (wanted.into_iter().enumerate())
            .filter(|(file, imports)| *imports != self.imports[*file])
            .collect();
        // Largest first, as in `parse_level`.
        jobs.sort_by_key(|(file, _)| std::cmp::Reverse(self.loaded.files[*file].text.len()));
        let this = &*self;
        let lowered: Vec<_> = pool.install(|| {
            (jobs.into_par_iter().with_max_len(1))
                .map(|(file, imports)| {
                    let source = &this.loaded.files[file];
                    let facade = &this.facades[this.loaded.places[file].krate];
                    let id = FileId(file as u32);
                    let outcome = parse_and_lower(&source.text, id, &source.rel, facade, &imports);
                    (file, imports, outcome)
                })
                .collect()
        });
        for (file, imports, outcome) in lowered {
            // What the file imports is read from the calls of its own text, whatever the
            // imported rules expand to (so that a cached file imports what a fresh one does).
            let macro_calls = self.loaded.irs[file].macro_calls.clone();
            let outcome = outcome.map(|ir| Arc::new(FileIr { macro_calls, ..ir }));
            let ir = match &outcome {
                Ok(ir) => ir.clone(),
                Err(err) => {
                    self.loaded.errors.push(err.clone());
                    Arc::new(FileIr {
                        file: FileId(file as u32),
                        ..FileIr::default()
                    })
                }
            };
            self.loaded.irs[file] = ir;
            let key = (self.loaded.files[file].path.clone(), FileId(file as u32));
            if let Some(parsed) = self.fresh.get_mut(&key) {
                parsed.outcome = outcome;
                parsed.imports = imports.clone();
            }
            self.imports[file] = imports;
        }
    }
}

/// By crate and name, the macros defined there, with their files, in file order.
type Defined<'a> = FxHashMap<(usize, &'a str), Vec<(usize, &'a Arc<MacroDef>)>>;

/// For each file, the macros of other files of its crate that it calls, directly or
/// through the macros it gets, sorted by name.
fn imports(
    irs: &[Arc<FileIr>],
    places: &[FileModule],
    scopes: &[Vec<Name>],
) -> Vec<Vec<Arc<MacroDef>>> {
    let mut defined: Defined = Default::default();
    for (file, ir) in irs.iter().enumerate() {
        for def in &ir.macros {
            let key = (places[file].krate, &*def.name);
            defined.entry(key).or_default().push((file, def));
        }
    }
    (irs.iter().enumerate())
        .map(|(caller, ir)| {
            if defined.is_empty() || ir.macro_calls.is_empty() {
                return Vec::new();
            }
            let place = &places[caller];
            let mut names: Vec<&Name> = ir.macro_calls.iter().collect();
            let mut seen: FxHashSet<&str> = names.iter().map(|name| &***name).collect();
            let mut found: Vec<Arc<MacroDef>> = Vec::new();
            while let Some(name) = names.pop() {
                let Some(defs) = defined.get(&(place.krate, &**name)) else {
                    continue;
                };
                let visible = defs.iter().find(|(file, def)| {
                    *file != caller && (def.exported || place.module.starts_with(&scopes[*file]))
                });
                if let Some((_, def)) = visible {
                    names.extend(def.calls.iter().filter(|call| seen.insert(call)));
                    found.push(Arc::clone(def));
                }
            }
            found.sort_unstable_by(|a, b| a.name.cmp(&b.name));
            found
        })
        .collect()
}
