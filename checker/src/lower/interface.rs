//! A file's interface: its text without the function bodies. Two versions of a file with
//! the same interface declare the same items (types, labels, roles, signatures, imports):
//! an edit inside bodies changes what those functions do and nothing else, so the analyses
//! of every other function stay valid (see `propagate::Memo`).

use crate::ir::{Item, Module, Name};
use std::hash::{Hash, Hasher};
use syn::visit::Visit;

/// A hash of `text` with the body of every function blanked, except bodies that declare
/// items (hoisted into the module, so part of the interface), of whether each default
/// method of a trait (in `root`, the file lowered) dispatches on `Self`: that makes it a
/// method of each impl too (see `Program::default_method`), and of the names the crate
/// gives sharelock (`facade`), which decide what attributes are roles.
pub fn interface(syntax: &syn::File, text: &str, root: &Module, facade: &[Name]) -> u64 {
    let mut bodies = Bodies(Vec::new());
    bodies.visit_file(syntax);
    bodies.0.sort_by_key(|range| range.start);
    let mut hasher = std::hash::DefaultHasher::new();
    let mut at = 0;
    for range in bodies.0 {
        if range.start < at || range.end > text.len() {
            continue;
        }
        text.get(at..range.start).hash(&mut hasher);
        at = range.end;
    }
    text.get(at..).hash(&mut hasher);
    dispatches(root, &mut hasher);
    facade.hash(&mut hasher);
    hasher.finish()
}

fn dispatches(module: &Module, hasher: &mut impl Hasher) {
    for item in &module.items {
        match item {
            Item::Trait(t) => (t.methods.iter()).for_each(|m| m.dispatches_on_self().hash(hasher)),
            Item::Mod {
                body: Some(body), ..
            } => dispatches(body, hasher),
            _ => {}
        }
    }
}

/// The byte ranges of function bodies that declare no item.
struct Bodies(Vec<std::ops::Range<usize>>);

impl Bodies {
    fn body(&mut self, block: &syn::Block) {
        let mut items = Items(false);
        items.visit_block(block);
        if !items.0 {
            self.0.push(block.brace_token.span.join().byte_range());
        }
    }
}

impl<'ast> Visit<'ast> for Bodies {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.body(&f.block);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.body(&f.block);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.body(block);
        }
    }
}

/// Whether a block declares an item anywhere inside it.
struct Items(bool);

impl<'ast> Visit<'ast> for Items {
    fn visit_item(&mut self, _: &'ast syn::Item) {
        self.0 = true;
    }
}
