//! Patterns: every binding becomes a fresh local in the current scope.

use super::body::{lit, BodyLowerer};
use super::ident_name;
use crate::ir::{Lit, Pat, Path};

impl BodyLowerer<'_> {
    pub(super) fn pat(&mut self, pat: &syn::Pat) -> Pat {
        if !self.cx.enter() {
            return Pat::Wild;
        }
        let lowered = self.pat_kind(pat);
        self.cx.leave();
        lowered
    }

    fn pats<'p>(&mut self, pats: impl IntoIterator<Item = &'p syn::Pat>) -> Vec<Pat> {
        pats.into_iter().map(|pat| self.pat(pat)).collect()
    }

    fn pat_kind(&mut self, pat: &syn::Pat) -> Pat {
        match pat {
            syn::Pat::Ident(p) => {
                let name = ident_name(&p.ident);
                // `None`, `MAX`: a unit variant or constant, not a new binding.
                if p.subpat.is_none() && name.starts_with(char::is_uppercase) {
                    return Pat::Path(Box::new(Path {
                        segments: vec![name],
                        ..Path::default()
                    }));
                }
                self.binds_ref_mut |= p.by_ref.is_some() && p.mutability.is_some();
                let local = self.bind(name);
                Pat::Bind(
                    local,
                    p.subpat.as_ref().map(|(_, sub)| Box::new(self.pat(sub))),
                )
            }
            syn::Pat::Or(p) => self.or(p),
            syn::Pat::Tuple(p) => Pat::Tuple(None, self.pats(&p.elems)),
            syn::Pat::TupleStruct(p) => {
                let path = self.cx.qualified_path(p.qself.as_ref(), &p.path);
                Pat::Tuple(Some(Box::new(path)), self.pats(&p.elems))
            }
            syn::Pat::Struct(p) => {
                let path = self.cx.qualified_path(p.qself.as_ref(), &p.path);
                let fields = p
                    .fields
                    .iter()
                    .map(|field| (self.member(&field.member).0, self.pat(&field.pat)))
                    .collect();
                Pat::Struct(Some(Box::new(path)), fields)
            }
            syn::Pat::Slice(p) => Pat::Slice(self.pats(&p.elems)),
            syn::Pat::Lit(p) => Pat::Lit(lit(&p.lit)),
            syn::Pat::Range(_) | syn::Pat::Const(_) => Pat::Lit(Lit::Other),
            syn::Pat::Path(p) => {
                Pat::Path(Box::new(self.cx.qualified_path(p.qself.as_ref(), &p.path)))
            }
            syn::Pat::Reference(p) => self.pat(&p.pat),
            syn::Pat::Paren(p) => self.pat(&p.pat),
            syn::Pat::Type(p) => self.pat(&p.pat),
            // A guard below a match arm's top level (unstable syntax): the pattern only.
            syn::Pat::Guard(p) => self.pat(&p.pat),
            _ => Pat::Wild,
        }
    }

    /// Every alternative binds the same names: later ones reuse the first one's locals.
    fn or(&mut self, p: &syn::PatOr) -> Pat {
        let mut cases = p.cases.iter();
        let Some(first) = cases.next() else {
            return Pat::Wild;
        };
        let mark = self.scope_len();
        let mut alternatives = vec![self.pat(first)];
        let bound = self.bound_since(mark);
        self.shared.push(bound);
        alternatives.extend(cases.map(|case| self.pat(case)));
        self.shared.pop();
        Pat::Or(alternatives)
    }
}
