//! Lowering: one parsed file to its `ir::FileIr`.
//!
//! Items keep their shape (modules, types with their labels, functions with their roles);
//! function bodies become the small `ir::Expr` tree with locals resolved lexically. Names of
//! items stay unresolved: `resolve` works on the whole program later.
//!
//! Hostile input: every recursion here (expressions, patterns, types, modules) goes through
//! one depth counter, so a deeply nested file yields an error, never a stack overflow.

mod body;
mod interface;
mod items;
mod macro_rules;
mod macros;
mod pat;
mod types;

#[cfg(test)]
mod tests;

use crate::annotations::Imports;
use crate::ir::{FileId, FileIr, Item, Lines, LowerError, MacroDef, Name, Span};
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use std::sync::Arc;

/// How deeply expressions, patterns and types may nest before lowering gives up on them.
const MAX_DEPTH: usize = 1_000;

/// The macro of another file of the crate that a call names, by name (see `load::macros`).
pub type MacroLookup = Box<dyn Fn(&str) -> Option<Arc<MacroDef>>>;

/// Lowers one parsed file (`text` is what was parsed) of a crate whose manifest also names
/// sharelock `facade` (`sl = { package = "sharelock" }`); a call of a macro the file does
/// not define is expanded by the macro `lookup` finds. Never panics; what cannot be
/// lowered becomes a `LowerError`.
pub fn lower_file(
    syntax: &syn::File,
    text: &str,
    file: FileId,
    facade: &[Name],
    lookup: MacroLookup,
) -> FileIr {
    let mut cx = Lowerer::new(file, Lines::new(text), facade, lookup);
    let root = cx.module(&syntax.items);
    let mut macro_lookups: Vec<_> = cx.macro_lookups.into_iter().collect();
    macro_lookups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let macros = macro_rules::definitions(syntax);
    forget_names();
    FileIr {
        file,
        interface: interface::interface(syntax, text, &root, facade),
        root,
        errors: cx.errors,
        functions: cx.functions,
        anchors: cx.anchors,
        lines: cx.lines,
        macros,
        macro_lookups,
    }
}

/// File-wide lowering state, shared by the item lowering and every body lowered in the file.
struct Lowerer {
    file: FileId,
    errors: Vec<LowerError>,
    functions: usize,
    /// The role attribute names visible in the module being lowered.
    imports: Imports,
    /// The names the crate's manifest gives sharelock: its attributes' paths in every module.
    facade: Vec<String>,
    /// Items found inside function bodies, which belong to the enclosing module.
    hoisted: Vec<Item>,
    /// The named `use` items of the blocks being lowered, innermost last: a path starting
    /// with one of their names is that import's path (`use graph::send;` in a body makes
    /// `send(..)` there `graph::send(..)`, whatever the module imports).
    block_uses: Vec<crate::ir::UseEntry>,
    /// The functions whose bodies are being lowered, innermost last.
    enclosing: Vec<Name>,
    /// The names given to statics declared in bodies (see `Lowerer::hoist`).
    body_statics: std::collections::HashSet<Name>,
    depth: usize,
    depth_reported: bool,
    /// The innermost item being lowered: where a too-deep error points.
    innermost: Span,
    /// The anchors of the functions and globals lowered so far (see `ir::Span`), and the
    /// one spans are relative to now.
    anchors: Vec<u32>,
    anchor: u32,
    lines: Lines,
    /// The file's `macro_rules!` macros met so far, by name (see `macro_rules`).
    macro_rules: FxHashMap<Name, Rc<macro_rules::Rules>>,
    /// Finds the macros of other files of the crate (see `lower_file`).
    lookup: MacroLookup,
    /// What `lookup` found for each name looked up (`FileIr::macro_lookups`), and the
    /// rules of each macro found.
    macro_lookups: FxHashMap<Name, Option<Arc<MacroDef>>>,
    imported: FxHashMap<Name, Option<Rc<macro_rules::Rules>>>,
    /// How many local macro calls are being expanded, one inside another.
    expanding: usize,
}

impl Lowerer {
    fn new(file: FileId, lines: Lines, facade: &[Name], lookup: MacroLookup) -> Lowerer {
        Lowerer {
            file,
            lines,
            errors: Vec::new(),
            functions: 0,
            imports: Imports::default(),
            facade: facade.iter().map(|name| name.to_string()).collect(),
            hoisted: Vec::new(),
            block_uses: Vec::new(),
            enclosing: Vec::new(),
            body_statics: Default::default(),
            depth: 0,
            depth_reported: false,
            innermost: Span::default(),
            anchors: vec![0],
            anchor: 1,
            macro_rules: Default::default(),
            lookup,
            macro_lookups: Default::default(),
            imported: Default::default(),
            expanding: 0,
        }
    }

    /// Makes the item starting at `start` the anchor of the spans lowered in `lower`.
    fn anchored<T>(&mut self, start: proc_macro2::Span, lower: impl FnOnce(&mut Self) -> T) -> T {
        let at = self.byte(start.start());
        self.anchors.push(at);
        let outer = std::mem::replace(
            &mut self.anchor,
            u32::try_from(self.anchors.len()).unwrap_or(u32::MAX),
        );
        let lowered = lower(self);
        self.anchor = outer;
        lowered
    }

    /// Converts a `proc_macro2` span to a span of the IR.
    fn span(&self, span: proc_macro2::Span) -> Span {
        self.span_between(span, span)
    }

    /// A span from the start of `first` to the end of `last`.
    fn span_between(&self, first: proc_macro2::Span, last: proc_macro2::Span) -> Span {
        let anchor = self.anchors[self.anchor as usize - 1];
        Span {
            file: self.file,
            anchor: self.anchor,
            start: self.byte(first.start()).wrapping_sub(anchor),
            end: self.byte(last.end()).wrapping_sub(anchor),
        }
    }

    /// Records every error that a `syn::Error` combines.
    fn syn_errors(&mut self, error: syn::Error) {
        for one in error {
            let span = self.span_between(one.span(), one.span());
            self.errors.push(LowerError {
                message: one.to_string(),
                span,
            });
        }
    }

    /// Enters one level of nesting; false past `MAX_DEPTH`.
    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep();
            return false;
        }
        self.depth += 1;
        true
    }

    /// Records, once per file, that something nests too deeply to be lowered.
    fn too_deep(&mut self) {
        if !self.depth_reported {
            self.depth_reported = true;
            self.errors.push(LowerError {
                message: format!(
                    "expression nested more than {MAX_DEPTH} levels deep; sharelock cannot \
                     analyse it (split the expression)"
                ),
                span: self.innermost,
            });
        }
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The byte offset of a `proc_macro2` position (line 1-based, column in characters).
    fn byte(&self, at: proc_macro2::LineColumn) -> u32 {
        self.lines.byte(at.line, at.column)
    }
}

thread_local! {
    /// The names met in the file being lowered on this thread, and a buffer to spell one
    /// into. Identifiers repeat (`self`, `user`, `clone`): each name is allocated once per
    /// file and shared, which keeps the IR small and lowering light on the allocator.
    static NAMES: RefCell<(String, FxHashSet<Name>)> = RefCell::default();
}

/// An identifier's name without a raw prefix (`r#type` is `type`), shared with the same
/// name's other uses in the file.
fn ident_name(ident: &syn::Ident) -> Name {
    NAMES.with_borrow_mut(|(buffer, names)| {
        buffer.clear();
        // Writing into a `String` cannot fail.
        let _ = write!(buffer, "{ident}");
        let name = buffer.strip_prefix("r#").unwrap_or(buffer);
        match names.get(name) {
            Some(known) => known.clone(),
            None => {
                let name = Name::from(name);
                names.insert(name.clone());
                name
            }
        }
    })
}

/// Forgets the names of the file lowered on this thread, so that no name outlives its IR.
fn forget_names() {
    NAMES.with_borrow_mut(|(_, names)| names.clear());
}
