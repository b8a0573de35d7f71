//! Items: modules, `use` trees, types with their labels, traits, impls, functions with their
//! roles, and globals.

use super::body::{lower_fn, lower_value};
use super::{ident_name, macro_rules, Lowerer};
use crate::annotations::{self, FnRole, Imports, LabelSpec};
use crate::ir::{
    Adt, Field, Function, Impl, Item, Label, Module, Name, Role, RoleAttr, Span, Trait, UseEntry,
    UseTree,
};
use proc_macro2::Span as SynSpan;
use std::rc::Rc;

/// The parts of a function item that lowering reads, whatever kind of item it is.
struct FnSyntax<'a> {
    attrs: &'a [syn::Attribute],
    sig: &'a syn::Signature,
    body: Option<&'a syn::Block>,
    /// The item's first token after its attributes, and its last token.
    first: SynSpan,
    last: SynSpan,
}

/// The parts of a `const` or `static` that lowering reads.
struct GlobalSyntax<'a> {
    attrs: &'a [syn::Attribute],
    ident: &'a syn::Ident,
    ty: &'a syn::Type,
    value: &'a syn::Expr,
    first: SynSpan,
    last: SynSpan,
}

impl Lowerer {
    /// Lowers a module's items; its `use` items decide which role attribute names apply.
    pub(super) fn module(&mut self, items: &[syn::Item]) -> Module {
        let mut imports = Imports {
            aliases: self.facade.clone(),
            ..Imports::default()
        };
        for item in items {
            match item {
                syn::Item::Use(item) => imports.add_use(&item.tree),
                syn::Item::ExternCrate(item) => imports.add_extern_crate(item),
                _ => {}
            }
        }
        let outer_imports = std::mem::replace(&mut self.imports, imports);
        let outer_hoisted = std::mem::take(&mut self.hoisted);
        let mut module = Module::default();
        for item in items {
            self.item(item, &mut module.items);
        }
        module.items.append(&mut self.hoisted);
        // The IR lives as long as the workspace: no room kept for items never added.
        module.items.shrink_to_fit();
        self.hoisted = outer_hoisted;
        self.imports = outer_imports;
        module
    }

    /// Lowers an item found inside a function body as an item of the enclosing module.
    /// A `use` item of a block: its named imports apply to the block's paths (see
    /// `block_uses`); its globs, whose names are not known here, go to the module.
    pub(super) fn block_use(&mut self, item: &syn::ItemUse) {
        let mut entries = Vec::new();
        let global = item.leading_colon.is_some();
        self.use_tree(&item.tree, global, &mut Vec::new(), &mut entries);
        let (named, globs): (Vec<UseEntry>, Vec<UseEntry>) =
            entries.into_iter().partition(|entry| entry.alias.is_some());
        self.block_uses.extend(named);
        if !globs.is_empty() {
            self.hoisted.push(Item::Use(UseTree {
                entries: globs,
                public: false,
            }));
        }
    }

    pub(super) fn hoist(&mut self, item: &syn::Item) {
        let mut items = Vec::new();
        self.item(item, &mut items);
        // A static declared in a body is that body's (`static INSTANCE: OnceLock<..>` in
        // each accessor): it is named after its function, and the body's paths reach it by
        // its own name as through a `use`.
        if let syn::Item::Static(s) = item {
            let name = ident_name(&s.ident);
            let base = match self.enclosing.last() {
                Some(function) => format!("{function}::{name}"),
                None => name.to_string(),
            };
            let mut unique = Name::from(base.as_str());
            let mut n = 1;
            while !self.body_statics.insert(unique.clone()) {
                n += 1;
                unique = Name::from(format!("{base}#{n}"));
            }
            for item in &mut items {
                if let Item::Global(global) = item {
                    global.name = unique.clone();
                }
            }
            self.block_uses.push(UseEntry {
                path: crate::ir::Path {
                    global: false,
                    segments: vec![unique],
                    generics: Vec::new(),
                    qself: None,
                },
                alias: Some(name),
                extern_crate: false,
                macro_use: false,
                test_only: false,
            });
        }
        self.hoisted.append(&mut items);
    }

    fn item(&mut self, item: &syn::Item, out: &mut Vec<Item>) {
        let (other_attrs, what) = match item {
            syn::Item::Struct(i) => (&i.attrs, None),
            syn::Item::Enum(i) => (&i.attrs, None),
            syn::Item::Union(i) => (&i.attrs, None),
            syn::Item::Impl(i) => (&i.attrs, Some("an `impl` block")),
            syn::Item::Trait(i) => (&i.attrs, Some("a trait")),
            syn::Item::Mod(i) => (&i.attrs, Some("a module")),
            syn::Item::Const(i) => (&i.attrs, Some("a `const`")),
            syn::Item::Static(i) => (&i.attrs, Some("a `static`")),
            syn::Item::Type(i) => (&i.attrs, Some("a type alias: label the type it names")),
            _ => (&Vec::new(), None),
        };
        self.misplaced_roles(other_attrs);
        if let Some(what) = what {
            self.misplaced_labels(other_attrs, what);
        }
        match item {
            syn::Item::Fn(f) => {
                let function = self.function(FnSyntax {
                    attrs: &f.attrs,
                    sig: &f.sig,
                    body: Some(&f.block),
                    first: visibility_start(&f.vis).unwrap_or_else(|| signature_start(&f.sig)),
                    last: f.block.brace_token.span.close(),
                });
                out.push(Item::Fn(function));
            }
            // Functions of `extern` blocks have no body here but may carry roles (FFI sinks).
            syn::Item::ForeignMod(block) => {
                for foreign in &block.items {
                    if let syn::ForeignItem::Fn(f) = foreign {
                        let function = self.function(FnSyntax {
                            attrs: &f.attrs,
                            sig: &f.sig,
                            body: None,
                            first: visibility_start(&f.vis)
                                .unwrap_or_else(|| signature_start(&f.sig)),
                            last: f.semi_token.span,
                        });
                        out.push(Item::Fn(function));
                    }
                }
            }
            syn::Item::Const(c) => out.push(Item::Global(self.global(GlobalSyntax {
                attrs: &c.attrs,
                ident: &c.ident,
                ty: &c.ty,
                value: &c.expr,
                first: visibility_start(&c.vis).unwrap_or(c.const_token.span),
                last: c.semi_token.spans[0],
            }))),
            syn::Item::Static(s) => out.push(Item::Global(self.global(GlobalSyntax {
                attrs: &s.attrs,
                ident: &s.ident,
                ty: &s.ty,
                value: &s.expr,
                first: visibility_start(&s.vis).unwrap_or(s.static_token.span),
                last: s.semi_token.spans[0],
            }))),
            syn::Item::Macro(syn::ItemMacro {
                ident: Some(name),
                mac,
                ..
            }) if mac.path.is_ident("macro_rules") => {
                if let Some(rules) = macro_rules::parse_rules(&mac.tokens) {
                    self.macro_rules.insert(ident_name(name), Rc::new(rules));
                }
            }
            syn::Item::Macro(syn::ItemMacro {
                ident: None, mac, ..
            }) if self.called_rules(mac).is_some() => {
                self.lower_expanded(mac, |this, item| this.item(item, out));
            }
            syn::Item::Macro(m) if is_static_macro(&m.mac) => {
                // What does not parse is no static this macro knows: rustc will say so.
                if let Ok(statics) = m.mac.parse_body_with(macro_statics) {
                    for s in &statics {
                        out.push(Item::Global(self.global(GlobalSyntax {
                            attrs: &s.attrs,
                            ident: &s.ident,
                            ty: &s.ty,
                            value: &s.expr,
                            first: visibility_start(&s.vis).unwrap_or(s.static_token.span),
                            last: s.last,
                        })));
                    }
                }
            }
            syn::Item::Struct(s) => {
                let mut fields = Vec::new();
                self.fields(&s.fields, &s.ident, None, &[], &mut fields);
                out.push(Item::Adt(self.adt(
                    &s.attrs,
                    &s.ident,
                    &s.generics,
                    fields,
                    Vec::new(),
                )));
            }
            syn::Item::Union(u) => {
                let mut fields = Vec::new();
                self.fields(u.fields.named.iter(), &u.ident, None, &[], &mut fields);
                out.push(Item::Adt(self.adt(
                    &u.attrs,
                    &u.ident,
                    &u.generics,
                    fields,
                    Vec::new(),
                )));
            }
            syn::Item::Enum(e) => {
                let mut fields = Vec::new();
                let mut variants = Vec::with_capacity(e.variants.len());
                for variant in &e.variants {
                    let name = ident_name(&variant.ident);
                    let labels = self.labels(&variant.attrs);
                    self.fields(
                        &variant.fields,
                        &variant.ident,
                        Some(&name),
                        &labels,
                        &mut fields,
                    );
                    variants.push(name);
                }
                out.push(Item::Adt(self.adt(
                    &e.attrs,
                    &e.ident,
                    &e.generics,
                    fields,
                    variants,
                )));
            }
            syn::Item::Type(t) => out.push(Item::TypeAlias {
                name: ident_name(&t.ident),
                ty: self.ty(&t.ty),
            }),
            syn::Item::Trait(t) => out.push(Item::Trait(self.trait_(t))),
            syn::Item::Impl(i) => out.push(Item::Impl(self.impl_(i))),
            syn::Item::Mod(m) => {
                let body = m.content.as_ref().map(|(_, items)| {
                    if self.enter() {
                        let module = self.module(items);
                        self.leave();
                        module
                    } else {
                        Module::default()
                    }
                });
                out.push(Item::Mod {
                    name: ident_name(&m.ident),
                    path_attr: m.attrs.iter().find_map(path_attribute),
                    cfg_paths: m.attrs.iter().flat_map(cfg_attr_paths).collect(),
                    conditional: m.attrs.iter().any(|a| a.path().is_ident("cfg")),
                    macro_use: m.attrs.iter().any(|a| a.path().is_ident("macro_use")),
                    body,
                    span: self.span(m.ident.span()),
                });
            }
            syn::Item::Use(u) => {
                let mut entries = Vec::new();
                let global = u.leading_colon.is_some();
                self.use_tree(&u.tree, global, &mut Vec::new(), &mut entries);
                let test_only = is_cfg_test(&u.attrs);
                for entry in &mut entries {
                    entry.test_only = test_only;
                }
                entries.shrink_to_fit();
                out.push(Item::Use(UseTree {
                    entries,
                    public: is_visible(&u.vis),
                }));
            }
            syn::Item::ExternCrate(c) => {
                let alias = ident_name(c.rename.as_ref().map_or(&c.ident, |(_, rename)| rename));
                let path = if c.ident == "self" {
                    crate::ir::Path {
                        global: false,
                        segments: vec!["crate".into()],
                        generics: Vec::new(),
                        qself: None,
                    }
                } else {
                    crate::ir::Path {
                        global: true,
                        segments: vec![ident_name(&c.ident)],
                        generics: Vec::new(),
                        qself: None,
                    }
                };
                out.push(Item::Use(UseTree {
                    entries: vec![UseEntry {
                        path,
                        alias: Some(alias),
                        extern_crate: true,
                        macro_use: c.attrs.iter().any(|a| a.path().is_ident("macro_use")),
                        test_only: false,
                    }],
                    public: is_visible(&c.vis),
                }));
            }
            _ => {}
        }
    }

    fn adt(
        &mut self,
        attrs: &[syn::Attribute],
        ident: &syn::Ident,
        generics: &syn::Generics,
        mut fields: Vec<Field>,
        variants: Vec<Name>,
    ) -> Adt {
        fields.shrink_to_fit();
        Adt {
            name: ident_name(ident),
            labels: self.labels(attrs),
            fields,
            variants,
            generics: self.generics(generics),
            span: self.span(ident.span()),
        }
    }

    /// Lowers fields (tuple fields are named by index); `inherited` are a variant's labels.
    fn fields<'a>(
        &mut self,
        fields: impl IntoIterator<Item = &'a syn::Field>,
        owner: &syn::Ident,
        variant: Option<&Name>,
        inherited: &[Label],
        out: &mut Vec<Field>,
    ) {
        for (index, field) in fields.into_iter().enumerate() {
            let (name, span) = match &field.ident {
                Some(ident) => (ident_name(ident), self.span(ident.span())),
                None => {
                    let head = type_head(&field.ty).unwrap_or_else(|| owner.span());
                    (Name::from(index.to_string()), self.span(head))
                }
            };
            let mut labels = inherited.to_vec();
            labels.extend(self.labels(&field.attrs));
            let ty = self.ty(&field.ty);
            out.push(Field {
                name,
                variant: variant.cloned(),
                ty,
                labels,
                span,
            });
        }
    }

    fn trait_(&mut self, t: &syn::ItemTrait) -> Trait {
        let mut methods = Vec::new();
        for item in &t.items {
            self.trait_item(item, &mut methods);
        }
        methods.shrink_to_fit();
        let supertraits = (t.supertraits.iter())
            .filter_map(|bound| match bound {
                syn::TypeParamBound::Trait(bound) => Some(self.path(&bound.path)),
                _ => None,
            })
            .collect();
        Trait {
            name: ident_name(&t.ident),
            supertraits,
            methods,
            span: self.span(t.ident.span()),
        }
    }

    /// One item of a trait: a method (its default body, if any), a constant's default, or
    /// what a call of one of the file's macros expands to.
    fn trait_item(&mut self, item: &syn::TraitItem, methods: &mut Vec<Function>) {
        match item {
            syn::TraitItem::Fn(f) => methods.push(self.function(FnSyntax {
                attrs: &f.attrs,
                sig: &f.sig,
                body: f.default.as_ref(),
                first: signature_start(&f.sig),
                last: match (&f.default, &f.semi_token) {
                    (Some(block), _) => block.brace_token.span.close(),
                    (None, Some(semi)) => semi.spans[0],
                    (None, None) => f.sig.ident.span(),
                },
            })),
            syn::TraitItem::Const(c) => {
                if let Some((_, value)) = &c.default {
                    methods.push(self.global(GlobalSyntax {
                        attrs: &c.attrs,
                        ident: &c.ident,
                        ty: &c.ty,
                        value,
                        first: c.const_token.span,
                        last: c.semi_token.spans[0],
                    }));
                }
            }
            syn::TraitItem::Macro(m) => {
                self.lower_expanded(&m.mac, |this, item| this.trait_item(item, methods));
            }
            _ => {}
        }
    }

    fn impl_(&mut self, i: &syn::ItemImpl) -> Impl {
        let self_ty = self.ty(&i.self_ty);
        let trait_ = i.trait_.as_ref().map(|(path, _)| self.path(path));
        let generics = self.generics(&i.generics);
        // The methods of a `#[cfg(test)]` impl block are the test build's.
        let test_block = is_cfg_test(&i.attrs);
        let mut methods = Vec::new();
        for item in &i.items {
            self.impl_item(item, test_block, &mut methods);
        }
        // As a module's items: no room kept for methods never added (a `Function` is large).
        methods.shrink_to_fit();
        Impl {
            self_ty,
            trait_,
            generics,
            methods,
        }
    }

    /// One item of an `impl` block, as `trait_item`.
    fn impl_item(&mut self, item: &syn::ImplItem, test_block: bool, methods: &mut Vec<Function>) {
        match item {
            syn::ImplItem::Fn(f) => {
                let mut method = self.function(FnSyntax {
                    attrs: &f.attrs,
                    sig: &f.sig,
                    body: Some(&f.block),
                    first: visibility_start(&f.vis).unwrap_or_else(|| signature_start(&f.sig)),
                    last: f.block.brace_token.span.close(),
                });
                method.test_only |= test_block;
                methods.push(method);
            }
            syn::ImplItem::Const(c) => methods.push(self.global(GlobalSyntax {
                attrs: &c.attrs,
                ident: &c.ident,
                ty: &c.ty,
                value: &c.expr,
                first: visibility_start(&c.vis).unwrap_or(c.const_token.span),
                last: c.semi_token.spans[0],
            })),
            syn::ImplItem::Macro(m) => self.lower_expanded(&m.mac, |this, item| {
                this.impl_item(item, test_block, methods);
            }),
            _ => {}
        }
    }

    fn function(&mut self, f: FnSyntax<'_>) -> Function {
        self.anchored(item_start(f.attrs, f.first), |this| this.function_at(f))
    }

    fn function_at(&mut self, f: FnSyntax<'_>) -> Function {
        let span = self.span(f.sig.ident.span());
        let outer_anchor = std::mem::replace(&mut self.innermost, span);
        let roles = self.roles(f.attrs, f.sig);
        let generics = self.generics(&f.sig.generics);
        let ret = self.return_type(&f.sig.output);
        self.enclosing.push(ident_name(&f.sig.ident));
        let lowered = lower_fn(self, f.sig, f.body);
        self.enclosing.pop();
        if lowered.body.is_some() {
            self.functions += 1;
        }
        self.innermost = outer_anchor;
        Function {
            name: ident_name(&f.sig.ident),
            roles,
            generics,
            has_self: lowered.has_self,
            params: lowered.params,
            ret,
            is_async: f.sig.asyncness.is_some(),
            is_global: false,
            test_only: is_cfg_test(f.attrs),
            hashed: Default::default(),
            body: lowered.body,
            span,
            extent: self.span_between(item_start(f.attrs, f.first), f.last),
        }
    }

    /// A `const` or `static`: a function without parameters whose body is the initialiser.
    fn global(&mut self, g: GlobalSyntax<'_>) -> Function {
        self.anchored(item_start(g.attrs, g.first), |this| this.global_at(g))
    }

    fn global_at(&mut self, g: GlobalSyntax<'_>) -> Function {
        let span = self.span(g.ident.span());
        let outer_anchor = std::mem::replace(&mut self.innermost, span);
        let ret = self.ty(g.ty);
        let body = lower_value(self, g.value);
        self.innermost = outer_anchor;
        Function {
            name: ident_name(g.ident),
            roles: Vec::new(),
            generics: Default::default(),
            has_self: false,
            params: Vec::new(),
            ret,
            is_async: false,
            is_global: true,
            test_only: is_cfg_test(g.attrs),
            hashed: Default::default(),
            body: Some(body),
            span,
            extent: self.span_between(item_start(g.attrs, g.first), g.last),
        }
    }

    /// The role attributes on a function, parsed and checked against its signature; a bad
    /// one becomes an error and is left out.
    fn roles(&mut self, attrs: &[syn::Attribute], sig: &syn::Signature) -> Vec<RoleAttr> {
        let mut roles = Vec::new();
        for attr in attrs {
            if let Some(error) = annotations::unknown_role(attr, &self.imports) {
                self.syn_errors(error);
            }
            // rustc rejects the derive's helper attribute here; a label meant for what the
            // function returns is a source.
            if annotations::is_label_attr(attr) {
                self.syn_errors(syn::Error::new_spanned(
                    attr,
                    "`#[sharelock(..)]` labels a type, a field or a variant, not a function: to \
                     label what it returns, write `#[sharelock::source(category = \"..\", ..)]`",
                ));
            }
            let Some(kind) = annotations::role_kind(attr, &self.imports) else {
                continue;
            };
            let tokens = match &attr.meta {
                syn::Meta::Path(_) => proc_macro2::TokenStream::new(),
                syn::Meta::List(list) => list.tokens.clone(),
                syn::Meta::NameValue(nv) => {
                    self.syn_errors(syn::Error::new(
                        nv.eq_token.spans[0],
                        "a sharelock role attribute takes its arguments in parentheses",
                    ));
                    continue;
                }
            };
            let empty = tokens.is_empty();
            let parsed = annotations::parse_role(kind, tokens)
                .and_then(|role| annotations::check_signature(&role, sig).map(|()| role));
            match parsed {
                Ok(role) => {
                    let attr = self.attr_span(attr);
                    let role = self.role(role, attr);
                    roles.push(RoleAttr { kind, role, attr });
                }
                // Of an attribute with no arguments (`#[sharelock::sink]`), what is missing
                // is reported on the attribute: the macros' call site is no place in a file.
                Err(error) if empty => {
                    let message = error.to_string();
                    self.syn_errors(syn::Error::new_spanned(attr, message));
                }
                Err(error) => self.syn_errors(error),
            }
        }
        roles
    }

    /// Role attributes on an item that is no function: errors, as the attribute macros
    /// make them (`#[sharelock::allow_flow]` on an `impl` block suppresses nothing).
    pub(super) fn misplaced_roles(&mut self, attrs: &[syn::Attribute]) {
        for attr in attrs {
            if let Some(error) = annotations::unknown_role(attr, &self.imports) {
                self.syn_errors(error);
            }
            if let Some(kind) = annotations::role_kind(attr, &self.imports) {
                self.syn_errors(syn::Error::new_spanned(
                    attr,
                    format!(
                        "`#[sharelock::{}]` goes on a function or a method",
                        kind.name()
                    ),
                ));
            }
        }
    }

    /// `#[sharelock(..)]` where no label can go (a `static`, a parameter, a `let`): an
    /// error, as rustc rejects the derive's helper attribute there.
    pub(super) fn misplaced_labels(&mut self, attrs: &[syn::Attribute], what: &str) {
        for attr in attrs.iter().filter(|attr| annotations::is_label_attr(attr)) {
            self.syn_errors(syn::Error::new_spanned(
                attr,
                format!("`#[sharelock(..)]` labels a type, a field or a variant, not {what}"),
            ));
        }
    }

    fn role(&self, role: FnRole, attr: Span) -> Role {
        match role {
            FnRole::Sink { parties, args } => Role::Sink {
                parties: names(parties),
                args: args.map(names),
            },
            FnRole::Source { label, args } => Role::Source {
                label: label_of(label, attr),
                args: args.map(names),
            },
            FnRole::Sanitizer { removes } => Role::Sanitizer {
                removes: removes.map(|removes| removes.into_iter().map(|(c, _)| c).collect()),
            },
            FnRole::ConsentCheck { parties } => Role::ConsentCheck {
                parties: names(parties),
            },
            FnRole::AllowFlow { reason } => Role::AllowFlow { reason },
        }
    }

    /// The `#[sharelock(..)]` labels among `attrs`; a bad one becomes an error.
    fn labels(&mut self, attrs: &[syn::Attribute]) -> Vec<Label> {
        let mut labels = Vec::new();
        for attr in attrs.iter().filter(|attr| annotations::is_label_attr(attr)) {
            match annotations::parse_label(attr) {
                Ok(spec) => labels.push(label_of(spec, self.attr_span(attr))),
                Err(error) => self.syn_errors(error),
            }
        }
        labels
    }

    /// From `#` to `]`.
    fn attr_span(&self, attr: &syn::Attribute) -> Span {
        self.span_between(attr.pound_token.spans[0], attr.bracket_token.span.close())
    }

    /// Flattens a `use` tree into one entry per imported name.
    fn use_tree(
        &mut self,
        tree: &syn::UseTree,
        global: bool,
        prefix: &mut Vec<Name>,
        out: &mut Vec<crate::ir::UseEntry>,
    ) {
        if !self.enter() {
            return;
        }
        let entry = |segments: Vec<Name>, alias: Option<Name>| UseEntry {
            path: crate::ir::Path {
                global,
                segments,
                generics: Vec::new(),
                qself: None,
            },
            alias,
            extern_crate: false,
            macro_use: false,
            test_only: false,
        };
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(ident_name(&p.ident));
                self.use_tree(&p.tree, global, prefix, out);
                prefix.pop();
            }
            syn::UseTree::Name(n) if n.ident == "self" => {
                if let Some(last) = prefix.last().cloned() {
                    out.push(entry(prefix.clone(), Some(last)));
                }
            }
            syn::UseTree::Name(n) => {
                let name = ident_name(&n.ident);
                out.push(entry(with(prefix, &name), Some(name)));
            }
            syn::UseTree::Rename(r) => {
                let segments = if r.ident == "self" {
                    prefix.clone()
                } else {
                    with(prefix, &ident_name(&r.ident))
                };
                out.push(entry(segments, Some(ident_name(&r.rename))));
            }
            syn::UseTree::Glob(_) => out.push(entry(prefix.clone(), None)),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(tree, global, prefix, out);
                }
            }
        }
        self.leave();
    }
}

/// A static declared by `thread_local!` or `lazy_static!`.
struct MacroStatic {
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    static_token: syn::Token![static],
    ident: syn::Ident,
    ty: syn::Type,
    expr: syn::Expr,
    last: SynSpan,
}

/// Macros whose body declares statics: `thread_local! { static LOG: RefCell<Vec<String>> =
/// .. }` (read through `LOG.with(|log| ..)`) and `lazy_static! { static ref CACHE: .. }`.
fn is_static_macro(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "thread_local" || s.ident == "lazy_static")
}

/// `[attrs] [vis] static [ref] NAME: Type = init;`, repeated, the last `;` optional.
fn macro_statics(input: syn::parse::ParseStream) -> syn::Result<Vec<MacroStatic>> {
    let mut statics = Vec::new();
    while !input.is_empty() {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        let vis = input.parse()?;
        let static_token = input.parse()?;
        input.parse::<Option<syn::Token![ref]>>()?;
        let ident = input.parse()?;
        input.parse::<syn::Token![:]>()?;
        let ty = input.parse()?;
        input.parse::<syn::Token![=]>()?;
        let expr: syn::Expr = input.parse()?;
        let semi = input.parse::<Option<syn::Token![;]>>()?;
        let last = match semi {
            Some(semi) => semi.span,
            None => input.span(),
        };
        statics.push(MacroStatic {
            attrs,
            vis,
            static_token,
            ident,
            ty,
            expr,
            last,
        });
    }
    Ok(statics)
}

/// The path `prefix::last`, allocated at its size (a copy then a push would double it).
fn with(prefix: &[Name], last: &Name) -> Vec<Name> {
    prefix.iter().chain([last]).cloned().collect()
}

fn names(names: Vec<annotations::Name>) -> Vec<Name> {
    names
        .into_iter()
        .map(|name| Name::from(name.text))
        .collect()
}

fn label_of(spec: LabelSpec, attr: Span) -> Label {
    Label {
        category: spec.category,
        allow: names(spec.allow),
        deny: names(spec.deny),
        consent: names(spec.consent),
        must_reach: names(spec.must_reach),
        attr,
    }
}

/// `#[path = "file.rs"]` on a `mod`.
fn path_attribute(attr: &syn::Attribute) -> Option<String> {
    path_value(&attr.meta)
}

/// `#[cfg(test)]` among `attrs`.
fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// `#[cfg_attr(predicate, path = "file.rs")]` on a `mod`: its file under that cfg.
fn cfg_attr_paths(attr: &syn::Attribute) -> Vec<String> {
    if !attr.path().is_ident("cfg_attr") {
        return Vec::new();
    }
    let metas = attr.parse_args_with(
        syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
    );
    metas
        .map(|metas| metas.iter().skip(1).filter_map(path_value).collect())
        .unwrap_or_default()
}

/// The file of a `path = "file.rs"` attribute.
fn path_value(meta: &syn::Meta) -> Option<String> {
    let syn::Meta::NameValue(nv) = meta else {
        return None;
    };
    if !nv.path.is_ident("path") {
        return None;
    }
    match &nv.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

/// Any `pub`, `pub(crate)`, `pub(super)`: a re-export that other modules may use.
fn is_visible(vis: &syn::Visibility) -> bool {
    !matches!(vis, syn::Visibility::Inherited)
}

fn visibility_start(vis: &syn::Visibility) -> Option<SynSpan> {
    match vis {
        syn::Visibility::Public(token) => Some(token.span),
        syn::Visibility::Restricted(r) => Some(r.pub_token.span),
        syn::Visibility::Inherited => None,
    }
}

/// The first token of a signature (`const`, `async`, `unsafe`, `extern` or `fn`).
fn signature_start(sig: &syn::Signature) -> SynSpan {
    let safety = match &sig.safety {
        syn::Safety::Safe(token) => Some(token.span),
        syn::Safety::Unsafe(token) => Some(token.span),
        syn::Safety::Default => None,
    };
    sig.constness
        .map(|t| t.span)
        .or(sig.asyncness.map(|t| t.span))
        .or(safety)
        .or(sig.abi.as_ref().map(|abi| abi.extern_token.span))
        .unwrap_or(sig.fn_token.span)
}

/// Where an item starts: its first outer attribute, else its first token.
fn item_start(attrs: &[syn::Attribute], first: SynSpan) -> SynSpan {
    attrs
        .iter()
        .find(|attr| matches!(attr.style, syn::AttrStyle::Outer))
        .map_or(first, |attr| attr.pound_token.spans[0])
}

/// The first token of a type, found without walking (and so without recursing into) it.
fn type_head(ty: &syn::Type) -> Option<SynSpan> {
    match ty {
        syn::Type::Path(p) => match &p.qself {
            Some(qself) => Some(qself.lt_token.spans[0]),
            None => p.path.segments.first().map(|s| s.ident.span()),
        },
        syn::Type::Reference(r) => Some(r.and_token.spans[0]),
        syn::Type::Ptr(p) => Some(p.star_token.spans[0]),
        syn::Type::Tuple(t) => Some(t.paren_token.span.open()),
        syn::Type::Paren(p) => Some(p.paren_token.span.open()),
        syn::Type::Slice(s) => Some(s.bracket_token.span.open()),
        syn::Type::Array(a) => Some(a.bracket_token.span.open()),
        syn::Type::FnPtr(f) => Some(f.fn_token.span),
        syn::Type::Infer(i) => Some(i.underscore_token.spans[0]),
        syn::Type::Never(n) => Some(n.bang_token.spans[0]),
        syn::Type::TraitObject(t) => t.dyn_token.map(|d| d.span),
        syn::Type::ImplTrait(t) => Some(t.impl_token.span),
        syn::Type::Macro(m) => m.mac.path.segments.first().map(|s| s.ident.span()),
        _ => None,
    }
}
