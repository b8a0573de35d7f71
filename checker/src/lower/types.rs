//! Types, paths and generics as written, kept to what the analysis reads.

use super::{ident_name, Lowerer};
use crate::ir::{Generics, Name, Path, Type};

impl Lowerer {
    pub(super) fn ty(&mut self, ty: &syn::Type) -> Type {
        if !self.enter() {
            return Type::Other;
        }
        let lowered = match ty {
            syn::Type::Path(p) => Type::Path(self.qualified_path(p.qself.as_ref(), &p.path)),
            syn::Type::Reference(r) => Type::Ref {
                mutable: r.mutability.is_some(),
                inner: Box::new(self.ty(&r.elem)),
            },
            // A raw pointer points at its data as a reference does (`(*p).phone`).
            syn::Type::Ptr(p) => Type::Ref {
                mutable: matches!(p.mutability, syn::PointerMutability::Mut(_)),
                inner: Box::new(self.ty(&p.elem)),
            },
            syn::Type::Tuple(t) => Type::Tuple(t.elems.iter().map(|e| self.ty(e)).collect()),
            syn::Type::Slice(s) => Type::Slice(Box::new(self.ty(&s.elem))),
            syn::Type::Array(a) => Type::Slice(Box::new(self.ty(&a.elem))),
            syn::Type::TraitObject(t) => Type::Bounds(self.bounds(&t.bounds)),
            syn::Type::ImplTrait(t) => Type::Bounds(self.bounds(&t.bounds)),
            syn::Type::Paren(p) => self.ty(&p.elem),
            syn::Type::Group(g) => self.ty(&g.elem),
            syn::Type::FnPtr(_) => Type::Fn,
            syn::Type::Infer(_) => Type::Infer,
            syn::Type::Never(_) => Type::Never,
            _ => Type::Other,
        };
        self.leave();
        lowered
    }

    pub(super) fn return_type(&mut self, ret: &syn::ReturnType) -> Type {
        match ret {
            syn::ReturnType::Default => Type::Tuple(Vec::new()),
            syn::ReturnType::Type(_, ty) => self.ty(ty),
        }
    }

    /// The trait paths of a bound list (`A + B + 'a` gives `A`, `B`).
    pub(super) fn bounds<'a>(
        &mut self,
        bounds: impl IntoIterator<Item = &'a syn::TypeParamBound>,
    ) -> Vec<Path> {
        bounds
            .into_iter()
            .filter_map(|bound| match bound {
                syn::TypeParamBound::Trait(t) => Some(self.path(&t.path)),
                _ => None,
            })
            .collect()
    }

    /// A path with its generic arguments flattened, and its first segment replaced by the
    /// path of a block's `use` that names it.
    pub(super) fn path(&mut self, path: &syn::Path) -> Path {
        let mut lowered = Path {
            global: path.leading_colon.is_some(),
            segments: path.segments.iter().map(|s| ident_name(&s.ident)).collect(),
            generics: Vec::new(),
            qself: None,
        };
        let imported = match lowered.global {
            true => None,
            false => (self.block_uses.iter().rev())
                .find(|entry| entry.alias.as_ref() == lowered.segments.first()),
        };
        if let Some(entry) = imported {
            let mut segments = entry.path.segments.clone();
            segments.extend(lowered.segments.drain(1..));
            lowered.segments = segments;
            lowered.global = entry.path.global;
        }
        for segment in &path.segments {
            self.generic_arguments(&segment.arguments, &mut lowered.generics);
        }
        lowered
    }

    /// `<T as Trait>::f` is `Trait::f` (syn already puts `Trait` in the path) with `T` kept
    /// as its `qself`; `<T>::f` is `T::f`.
    pub(super) fn qualified_path(&mut self, qself: Option<&syn::QSelf>, path: &syn::Path) -> Path {
        let mut lowered = self.path(path);
        if let Some(qself) = qself {
            let ty = self.ty(&qself.ty);
            match ty {
                Type::Path(mut head) if qself.position == 0 => {
                    head.segments.append(&mut lowered.segments);
                    head.generics.append(&mut lowered.generics);
                    lowered = head;
                }
                _ if qself.position > 0 => lowered.qself = Some(Box::new(ty)),
                _ => {}
            }
        }
        lowered
    }

    fn generic_arguments(&mut self, arguments: &syn::PathArguments, out: &mut Vec<Type>) {
        match arguments {
            syn::PathArguments::None => {}
            syn::PathArguments::AngleBracketed(args) => out.extend(self.type_arguments(args)),
            syn::PathArguments::Parenthesized(args) => {
                for input in &args.inputs {
                    let ty = self.ty(&input.ty);
                    out.push(ty);
                }
                if let syn::ReturnType::Type(_, ty) = &args.output {
                    let ty = self.ty(ty);
                    out.push(ty);
                }
            }
        }
    }

    /// The types among `<..>` arguments, associated types (`Item = T`) included.
    pub(super) fn type_arguments(
        &mut self,
        args: &syn::AngleBracketedGenericArguments,
    ) -> Vec<Type> {
        args.args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(self.ty(ty)),
                syn::GenericArgument::AssocType(assoc) => Some(self.ty(&assoc.ty)),
                _ => None,
            })
            .collect()
    }

    /// Type parameters with their bounds, including `where T: ..` clauses on them.
    pub(super) fn generics(&mut self, generics: &syn::Generics) -> Generics {
        let mut params: Vec<(Name, Vec<Path>)> = Vec::new();
        for param in &generics.params {
            if let syn::GenericParam::Type(t) = param {
                let bounds = self.bounds(&t.bounds);
                params.push((ident_name(&t.ident), bounds));
            }
        }
        for predicate in generics.where_clause.iter().flat_map(|w| &w.predicates) {
            let syn::WherePredicate::Type(predicate) = predicate else {
                continue;
            };
            let syn::Type::Path(bounded) = &predicate.bounded_ty else {
                continue;
            };
            let (None, Some(ident)) = (&bounded.qself, bounded.path.get_ident()) else {
                continue;
            };
            let name = ident_name(ident);
            let bounds = self.bounds(&predicate.bounds);
            if let Some((_, existing)) = params.iter_mut().find(|(param, _)| *param == name) {
                existing.extend(bounds);
            }
        }
        Generics { params }
    }
}
