//! Function bodies: statements and expressions, with locals resolved lexically.
//!
//! Every `let`, parameter and pattern binding gets a fresh `Local`; a name refers to the
//! innermost binding in scope, so shadowing creates a new local. Closures and async blocks
//! share their function's locals.

use super::{ident_name, Lowerer};
use crate::ir::{
    self, Arm, BinOp, Body, Expr, Implicit, Lit, Local, LoopKind, Name, Param, Pat, Type,
};
use rustc_hash::FxHashMap as HashMap;

/// A function's parameters and body, lowered together since they share the locals.
pub(super) struct LoweredFn {
    pub has_self: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
}

/// Lowers a signature's parameters and, when there is one, the body.
pub(super) fn lower_fn(
    cx: &mut Lowerer,
    sig: &syn::Signature,
    block: Option<&syn::Block>,
) -> LoweredFn {
    let mut lowerer = BodyLowerer::new(cx);
    let mut has_self = false;
    // One parameter per input, and no room to spare: the IR lives as long as the workspace.
    let mut params = Vec::with_capacity(sig.inputs.len());
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(receiver) => {
                has_self = true;
                let name: Name = "self".into();
                let ty = lowerer.receiver_type(receiver);
                let local = lowerer.bind(name.clone());
                params.push(Param {
                    pat: Pat::Bind(local, None),
                    ty,
                    name: Some(name),
                });
            }
            syn::FnArg::Typed(typed) => {
                lowerer.cx.misplaced_roles(&typed.attrs);
                lowerer.cx.misplaced_labels(&typed.attrs, "a parameter");
                let ty = lowerer.cx.ty(&typed.ty);
                let name = crate::annotations::param_name(&typed.pat).map(ident_name);
                let pat = lowerer.pat(&typed.pat);
                params.push(Param { pat, ty, name });
            }
        }
    }
    let body = block.map(|block| {
        let value = lowerer.block(block);
        lowerer.locals.shrink_to_fit();
        Body::new(
            std::mem::take(&mut lowerer.locals),
            params.iter().map(|param| param.pat.clone()).collect(),
            value,
        )
    });
    LoweredFn {
        has_self,
        params,
        body,
    }
}

/// Lowers the initialiser of a `const` or `static` as a body without parameters.
pub(super) fn lower_value(cx: &mut Lowerer, value: &syn::Expr) -> Body {
    let mut lowerer = BodyLowerer::new(cx);
    let value = lowerer.expr(value);
    Body::new(lowerer.locals, Vec::new(), value)
}

/// The lowering state of one function body.
pub(super) struct BodyLowerer<'a> {
    pub(super) cx: &'a mut Lowerer,
    locals: Vec<Name>,
    /// For each name bound in scope, its bindings, innermost last.
    bindings: HashMap<Name, Vec<Local>>,
    /// The names bound in scope, in binding order: what leaving a scope unbinds.
    scope: Vec<Name>,
    /// Bindings that later alternatives of an or-pattern share with its first.
    pub(super) shared: Vec<Vec<(Name, Local)>>,
    /// Whether a pattern lowered since it was last taken binds by `ref mut`: its scrutinee
    /// is then lent, as if written `&mut scrutinee` (see `lent`).
    pub(super) binds_ref_mut: bool,
    /// The local given to the `fmt` of each value formatted (see `ir::Formatted`), made
    /// where the body first formats one.
    formatter: Option<Local>,
}

impl<'a> BodyLowerer<'a> {
    fn new(cx: &'a mut Lowerer) -> Self {
        BodyLowerer {
            cx,
            locals: Vec::new(),
            bindings: HashMap::default(),
            scope: Vec::new(),
            shared: Vec::new(),
            binds_ref_mut: false,
            formatter: None,
        }
    }

    /// `value` formatted by `by` (`Display`, `Debug`) at `span`.
    pub(super) fn formatted(&mut self, value: Expr, by: Implicit, span: ir::Span) -> Expr {
        let formatter = *self.formatter.get_or_insert_with(|| {
            let local = Local(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
            // A name no code can write: nothing looks it up.
            self.locals.push(Name::from("{formatter}"));
            local
        });
        Expr::Formatted(Box::new(ir::Formatted {
            value,
            by,
            formatter: Expr::Local(formatter, span),
            span,
        }))
    }

    /// A new binding of `name` (or the one an earlier or-pattern alternative made).
    pub(super) fn bind(&mut self, name: Name) -> Local {
        let shared = self
            .shared
            .iter()
            .rev()
            .flatten()
            .find(|(bound, _)| *bound == name);
        if let Some((_, local)) = shared {
            return *local;
        }
        let local = Local(u32::try_from(self.locals.len()).unwrap_or(u32::MAX));
        self.locals.push(name.clone());
        self.bindings.entry(name.clone()).or_default().push(local);
        self.scope.push(name);
        local
    }

    pub(super) fn lookup(&self, name: &str) -> Option<Local> {
        self.bindings
            .get(name)
            .and_then(|locals| locals.last().copied())
    }

    /// Runs `f` in a nested scope: bindings made inside are dropped afterwards.
    pub(super) fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let mark = self.scope.len();
        let out = f(self);
        for name in self.scope.drain(mark..) {
            if let Some(locals) = self.bindings.get_mut(&name) {
                locals.pop();
            }
        }
        out
    }

    /// The bindings made since `mark` (a scope length).
    pub(super) fn bound_since(&self, mark: usize) -> Vec<(Name, Local)> {
        let names = self.scope.get(mark..).unwrap_or_default();
        names
            .iter()
            .filter_map(|name| Some((name.clone(), self.lookup(name)?)))
            .collect()
    }

    pub(super) fn scope_len(&self) -> usize {
        self.scope.len()
    }

    fn receiver_type(&mut self, receiver: &syn::Receiver) -> Type {
        let self_ty = || {
            Type::Path(ir::Path {
                segments: vec!["Self".into()],
                ..Default::default()
            })
        };
        match &receiver.kind {
            syn::ReceiverKind::Reference(_, _, mutability) => Type::Ref {
                mutable: mutability.is_some(),
                inner: Box::new(self_ty()),
            },
            syn::ReceiverKind::Typed(_, ty) => self.cx.ty(ty),
            _ => self_ty(),
        }
    }

    pub(super) fn expr(&mut self, expr: &syn::Expr) -> Expr {
        if !self.cx.enter() {
            return Expr::Unknown;
        }
        // rustc runs no attribute macro and knows no derive helper on an expression or a
        // statement: a role or a label there is an error, not an annotation.
        let attrs = expr_attrs(expr);
        if !attrs.is_empty() {
            self.cx.misplaced_roles(attrs);
            let what = match expr {
                syn::Expr::Closure(_) => "a closure",
                _ => "an expression",
            };
            self.cx.misplaced_labels(attrs, what);
        }
        let lowered = self.expr_kind(expr);
        self.cx.leave();
        lowered
    }

    pub(super) fn boxed(&mut self, expr: &syn::Expr) -> Box<Expr> {
        Box::new(self.expr(expr))
    }

    pub(super) fn exprs<'e>(
        &mut self,
        exprs: impl IntoIterator<Item = &'e syn::Expr>,
    ) -> Vec<Expr> {
        exprs.into_iter().map(|expr| self.expr(expr)).collect()
    }

    fn expr_kind(&mut self, expr: &syn::Expr) -> Expr {
        match expr {
            syn::Expr::Array(a) => Expr::Array(self.exprs(&a.elems)),
            syn::Expr::Assign(a) => Expr::Assign {
                place: self.boxed(&a.left),
                value: self.boxed(&a.right),
            },
            syn::Expr::Async(a) => Expr::Async(Box::new(self.block(&a.block))),
            syn::Expr::Await(a) => Expr::Await(self.boxed(&a.base)),
            syn::Expr::Binary(b) => self.binary(b),
            syn::Expr::Block(b) => self.labeled_block(b.label.as_ref(), &b.block),
            syn::Expr::Break(b) => Expr::Break {
                label: b.label.as_ref().map(label_name),
                value: b.expr.as_deref().map(|value| self.boxed(value)),
            },
            syn::Expr::Call(c) => self.call(c),
            syn::Expr::Closure(c) => self.closure(c),
            syn::Expr::Const(c) => self.block(&c.block),
            syn::Expr::Continue(c) => Expr::Continue {
                label: c.label.as_ref().map(label_name),
            },
            syn::Expr::Field(f) => {
                let (name, span) = self.member(&f.member);
                Expr::Field {
                    base: self.boxed(&f.base),
                    name,
                    span,
                }
            }
            syn::Expr::ForLoop(f) => self.for_loop(f),
            syn::Expr::If(i) => self.if_(i),
            syn::Expr::Index(i) => Expr::Index {
                base: self.boxed(&i.expr),
                index: self.boxed(&i.index),
            },
            syn::Expr::Let(l) => {
                let value = self.expr(&l.expr);
                self.binds_ref_mut = false;
                let pat = self.pat(&l.pat);
                Expr::LetCond(Box::new((pat, self.lent(value))))
            }
            syn::Expr::Lit(l) => Expr::Lit(lit(&l.lit)),
            syn::Expr::Loop(l) => Expr::Loop {
                label: l.label.as_ref().map(|label| label_name(&label.name)),
                kind: LoopKind::Loop,
                body: Box::new(self.block(&l.body)),
            },
            syn::Expr::Macro(m) => self.macro_(&m.mac),
            syn::Expr::Match(m) => self.match_(m),
            syn::Expr::MethodCall(m) => self.method_call(m),
            syn::Expr::Path(p) => self.path_expr(p),
            syn::Expr::Range(r) => {
                Expr::Tuple(self.exprs(r.start.iter().chain(&r.end).map(|e| &**e)))
            }
            syn::Expr::Repeat(r) => Expr::Array(vec![self.expr(&r.expr)]),
            syn::Expr::Return(r) => Expr::Return(
                r.expr.as_deref().map(|value| self.boxed(value)),
                self.cx.span(r.return_token.span),
            ),
            syn::Expr::Struct(s) => self.struct_(s),
            syn::Expr::Try(t) => {
                Expr::Try(self.boxed(&t.expr), self.cx.span(t.question_token.spans[0]))
            }
            syn::Expr::TryBlock(t) => self.block(&t.block),
            syn::Expr::Tuple(t) if t.elems.is_empty() => Expr::Lit(Lit::Other),
            syn::Expr::Tuple(t) => Expr::Tuple(self.exprs(&t.elems)),
            syn::Expr::Unary(u) => match u.op {
                syn::UnOp::Not(_) => Expr::Not(self.boxed(&u.expr)),
                syn::UnOp::Neg(minus) => Expr::Neg(self.boxed(&u.expr), self.cx.span(minus.span)),
                _ => Expr::Transparent(self.boxed(&u.expr)),
            },
            syn::Expr::Unsafe(u) => self.block(&u.block),
            syn::Expr::While(w) => self.while_(w),
            syn::Expr::Paren(p) => Expr::Transparent(self.boxed(&p.expr)),
            syn::Expr::Group(g) => Expr::Transparent(self.boxed(&g.expr)),
            syn::Expr::Reference(r) if r.mutability.is_some() => Expr::Lend(self.boxed(&r.expr)),
            syn::Expr::Reference(r) => Expr::Transparent(self.boxed(&r.expr)),
            syn::Expr::RawAddr(r) => Expr::Transparent(self.boxed(&r.expr)),
            syn::Expr::Cast(c) => self.cast(c),
            _ => Expr::Unknown,
        }
    }

    /// `x as T`: the same value. Cast to a trait object (`&u as &dyn Entity`, `Box::new(h)
    /// as Box<dyn Handler>`) it is bound as a `let` of that declared type binds it: only the
    /// trait's methods are called on it, not an inherent method of the same name.
    fn cast(&mut self, cast: &syn::ExprCast) -> Expr {
        let value = self.expr(&cast.expr);
        let ty = self.cx.ty(&cast.ty);
        if !names_trait_object(&ty) {
            return Expr::Transparent(Box::new(value));
        }
        let local = self.bind(Name::from("as dyn"));
        let read = Expr::Local(local, value.span());
        let bound = Expr::Let(Box::new(ir::Let {
            pat: Pat::Bind(local, None),
            ty: Some(ty),
            init: Some(value),
            else_: None,
        }));
        Expr::Block(vec![bound, read])
    }

    pub(super) fn block(&mut self, block: &syn::Block) -> Expr {
        self.block_of(&block.stmts)
    }

    /// Statements as a block of their own.
    pub(super) fn block_of(&mut self, stmts: &[syn::Stmt]) -> Expr {
        Expr::Block(self.statements(stmts))
    }

    /// A block's statements in a scope of their own; items in it go to the module, its named
    /// `use` items apply to its paths only.
    fn statements(&mut self, stmts: &[syn::Stmt]) -> Vec<Expr> {
        self.scoped(|this| this.statements_here(stmts))
    }

    /// Statements whose bindings stay in the enclosing scope (see `statements`).
    pub(super) fn statements_here(&mut self, stmts: &[syn::Stmt]) -> Vec<Expr> {
        let outer_uses = self.cx.block_uses.len();
        self.hoist_items(stmts);
        let statements = {
            let mut out = Vec::with_capacity(stmts.len() + 1);
            let mut has_value = false;
            // How many statements at the end are `#[cfg]` alternatives giving a value.
            let mut valued_alternatives = 0;
            // Names bound by `#[cfg]` lets of this block: a later alternative binds the same
            // local, so what follows reads either.
            let mut alternatives: Vec<(Name, Local)> = Vec::new();
            for stmt in stmts {
                has_value = false;
                let conditional = stmt_attrs(stmt).iter().any(|a| a.path().is_ident("cfg"));
                let lowered = match stmt {
                    // A `#[cfg]` let that may not be compiled binds the local its name
                    // already has, so the value before it (or an alternative's) stays.
                    syn::Stmt::Local(local) if conditional => {
                        let name = let_name(&local.pat);
                        let earlier = name.as_ref().and_then(|n| self.lookup(n));
                        let mut shared = alternatives.clone();
                        if let (Some(name), Some(local)) = (&name, earlier) {
                            shared.push((name.clone(), local));
                        }
                        self.shared.push(shared);
                        let lowered = self.let_(local);
                        self.shared.pop();
                        if let Some(name) = name {
                            if let Some(bound) = self.lookup(&name) {
                                alternatives.push((name, bound));
                            }
                        }
                        lowered
                    }
                    syn::Stmt::Local(local) => self.let_(local),
                    syn::Stmt::Item(_) => continue,
                    syn::Stmt::Expr(expr, semi) => {
                        has_value = semi.is_none();
                        self.expr(expr)
                    }
                    syn::Stmt::Macro(m) => {
                        self.cx.misplaced_roles(&m.attrs);
                        self.cx.misplaced_labels(&m.attrs, "a statement");
                        has_value = m.semi_token.is_none();
                        // A local macro's statements bind in this block: `let $name = ..`
                        // of a name the call gives is the caller's.
                        match self.expand_local(&m.mac, false) {
                            Some(expanded) => expanded,
                            None => self.macro_(&m.mac),
                        }
                    }
                };
                // A statement under `#[cfg(..)]` may or may not be compiled: it runs or not,
                // as under a condition the checker does not decide (`#[cfg(feature =
                // "dry_run")] return;`, alternative `let`s of one name).
                valued_alternatives = match conditional && has_value {
                    true => valued_alternatives + 1,
                    false => 0,
                };
                out.push(match conditional {
                    true => Expr::If {
                        cond: Box::new(Expr::Unknown),
                        then: Box::new(lowered),
                        else_: None,
                    },
                    false => lowered,
                });
            }
            // `#[cfg(a)] { x } #[cfg(not(a))] { y }` at the end: the block's value is one of
            // them, as `if .. { x } else if .. { y }`.
            if has_value && valued_alternatives > 1 {
                let chain = out.split_off(out.len() - valued_alternatives);
                let value =
                    chain
                        .into_iter()
                        .rev()
                        .reduce(|else_, alternative| match alternative {
                            Expr::If { cond, then, .. } => Expr::If {
                                cond,
                                then,
                                else_: Some(Box::new(else_)),
                            },
                            other => other,
                        });
                out.extend(value);
            }
            if !has_value {
                out.push(Expr::Lit(Lit::Other));
            }
            out
        };
        self.cx.block_uses.truncate(outer_uses);
        statements
    }

    /// Lowers the items of a block (with the block's own `use` items in effect for their
    /// role attributes) as items of the enclosing module.
    fn hoist_items(&mut self, stmts: &[syn::Stmt]) {
        let items = || {
            stmts.iter().filter_map(|stmt| match stmt {
                syn::Stmt::Item(item) => Some(item),
                _ => None,
            })
        };
        if items().next().is_none() {
            return;
        }
        let mut imports = self.cx.imports.clone();
        for item in items() {
            if let syn::Item::Use(u) = item {
                imports.add_use(&u.tree);
                self.cx.block_use(u);
            }
        }
        let outer = std::mem::replace(&mut self.cx.imports, imports);
        for item in items().filter(|item| !matches!(item, syn::Item::Use(_))) {
            self.cx.hoist(item);
        }
        self.cx.imports = outer;
    }

    fn let_(&mut self, local: &syn::Local) -> Expr {
        self.cx.misplaced_roles(&local.attrs);
        self.cx.misplaced_labels(&local.attrs, "a `let`");
        let (pat, ty) = match &local.pat {
            syn::Pat::Type(typed) => (&*typed.pat, Some(self.cx.ty(&typed.ty))),
            pat => (pat, None),
        };
        let init = local.init.as_ref().map(|init| self.expr(&init.expr));
        let else_ = local
            .init
            .as_ref()
            .and_then(|init| init.diverge.as_ref())
            .map(|(_, diverge)| self.expr(diverge));
        self.binds_ref_mut = false;
        let pat = self.pat(pat);
        Expr::Let(Box::new(ir::Let {
            pat,
            ty,
            init: init.map(|init| self.lent(init)),
            else_,
        }))
    }

    /// A scrutinee the patterns just lowered bind from by `ref mut` (`let User { ref mut
    /// name, .. } = user`): lent to them, as `&mut user` would be, so that writes through the
    /// bindings reach it.
    pub(super) fn lent(&mut self, scrutinee: Expr) -> Expr {
        match std::mem::take(&mut self.binds_ref_mut) {
            true => Expr::Transparent(Box::new(scrutinee)),
            false => scrutinee,
        }
    }

    /// `'a: { .. }` is a loop that runs once: its value leaves through `break 'a`.
    fn labeled_block(&mut self, label: Option<&syn::Label>, block: &syn::Block) -> Expr {
        let Some(label) = label else {
            return self.block(block);
        };
        let label = label_name(&label.name);
        let mut stmts = self.statements(&block.stmts);
        let value = stmts.pop().map(Box::new);
        stmts.push(Expr::Break {
            label: Some(label.clone()),
            value,
        });
        Expr::Loop {
            label: Some(label),
            kind: LoopKind::Loop,
            body: Box::new(Expr::Block(stmts)),
        }
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> Expr {
        use syn::BinOp as Op;
        let left = self.boxed(&b.left);
        let right = self.boxed(&b.right);
        let span = self.cx.span(syn::spanned::Spanned::span(&b.op));
        let compound = match b.op {
            Op::AddAssign(_) => Some(Implicit::AddAssign),
            Op::SubAssign(_) => Some(Implicit::SubAssign),
            Op::MulAssign(_) => Some(Implicit::MulAssign),
            Op::DivAssign(_) => Some(Implicit::DivAssign),
            Op::RemAssign(_) => Some(Implicit::RemAssign),
            Op::BitXorAssign(_) => Some(Implicit::BitXorAssign),
            Op::BitAndAssign(_) => Some(Implicit::BitAndAssign),
            Op::BitOrAssign(_) => Some(Implicit::BitOrAssign),
            Op::ShlAssign(_) => Some(Implicit::ShlAssign),
            Op::ShrAssign(_) => Some(Implicit::ShrAssign),
            _ => None,
        };
        if let Some(op) = compound {
            return Expr::CompoundAssign {
                place: left,
                value: right,
                op,
                span,
            };
        }
        let op = match b.op {
            Op::And(_) => BinOp::And,
            Op::Or(_) => BinOp::Or,
            Op::BitAnd(_) => BinOp::BitAnd,
            Op::BitOr(_) => BinOp::BitOr,
            Op::Eq(_) => BinOp::Eq,
            Op::Ne(_) => BinOp::Ne,
            Op::Lt(_) | Op::Le(_) | Op::Gt(_) | Op::Ge(_) => BinOp::Compare,
            Op::Add(_) => BinOp::Arith(Implicit::Add),
            Op::Sub(_) => BinOp::Arith(Implicit::Sub),
            Op::Mul(_) => BinOp::Arith(Implicit::Mul),
            Op::Div(_) => BinOp::Arith(Implicit::Div),
            Op::Rem(_) => BinOp::Arith(Implicit::Rem),
            Op::BitXor(_) => BinOp::Arith(Implicit::BitXor),
            Op::Shl(_) => BinOp::Arith(Implicit::Shl),
            Op::Shr(_) => BinOp::Arith(Implicit::Shr),
            // `syn::BinOp` is non-exhaustive: an operator added later carries both sides.
            _ => BinOp::Compare,
        };
        Expr::Binary {
            op,
            left,
            right,
            span,
        }
    }

    fn call(&mut self, c: &syn::ExprCall) -> Expr {
        // A macro's `$f(..)` holds the callee in an invisible group.
        let mut callee = &*c.func;
        while let syn::Expr::Group(group) = callee {
            callee = &group.expr;
        }
        let name = match callee {
            syn::Expr::Path(p) => p.path.segments.last().map(|segment| segment.ident.span()),
            _ => None,
        };
        let span = self
            .cx
            .span(name.unwrap_or_else(|| c.paren_token.span.open()));
        Expr::Call {
            callee: self.boxed(&c.func),
            args: self.exprs(&c.args),
            span,
        }
    }

    fn method_call(&mut self, m: &syn::ExprMethodCall) -> Expr {
        let receiver = self.expr(&m.receiver);
        // `shares(u).not()` is `!shares(u)` (`std::ops::Not`), a condition's negation.
        if m.method == "not" && m.args.is_empty() && m.turbofish.is_none() {
            return Expr::Not(Box::new(receiver));
        }
        let turbofish = match &m.turbofish {
            Some(args) => self.cx.type_arguments(args),
            None => Vec::new(),
        };
        let span = self.cx.span(m.method.span());
        // `x.to_string()` formats `x` by its `Display` impl (std's `ToString`).
        let receiver = match m.method == "to_string" && m.args.is_empty() {
            true => self.formatted(receiver, Implicit::Display, span),
            false => receiver,
        };
        Expr::MethodCall(Box::new(ir::MethodCall {
            receiver,
            method: ident_name(&m.method),
            turbofish,
            args: self.exprs(&m.args),
            span,
        }))
    }

    fn closure(&mut self, c: &syn::ExprClosure) -> Expr {
        self.cx.functions += 1;
        let span = self.cx.span(c.inputs_begin.spans[0]);
        self.scoped(|this| {
            let params = c.inputs.iter().map(|param| this.pat(param)).collect();
            let types: Vec<Option<ir::Type>> = (c.inputs.iter())
                .map(|param| match param {
                    syn::Pat::Type(typed) => Some(this.cx.ty(&typed.ty)),
                    _ => None,
                })
                .collect();
            let types = types.iter().any(Option::is_some).then(|| Box::new(types));
            let body = this.expr(&c.body);
            let body = if c.asyncness.is_some() {
                Expr::Async(Box::new(body))
            } else {
                body
            };
            Expr::Closure {
                params,
                types,
                body: Box::new(body),
                span,
            }
        })
    }

    /// `if` conditions bind (`if let`) for the `then` branch only.
    fn if_(&mut self, i: &syn::ExprIf) -> Expr {
        let (cond, then) =
            self.scoped(|this| (this.boxed(&i.cond), Box::new(this.block(&i.then_branch))));
        let else_ = i.else_branch.as_ref().map(|(_, else_)| self.boxed(else_));
        Expr::If { cond, then, else_ }
    }

    fn match_(&mut self, m: &syn::ExprMatch) -> Expr {
        let scrutinee = self.expr(&m.expr);
        let mut lent = false;
        let arms = (m.arms.iter())
            .map(|arm| {
                let (arm, lends) = self.arm(arm);
                lent |= lends;
                arm
            })
            .collect();
        self.binds_ref_mut = lent;
        let scrutinee = Box::new(self.lent(scrutinee));
        Expr::Match { scrutinee, arms }
    }

    /// An arm, and whether its pattern binds by `ref mut` (see `lent`).
    fn arm(&mut self, arm: &syn::Arm) -> (Arm, bool) {
        self.scoped(|this| {
            let pat = match &arm.pat {
                syn::Pat::Guard(guarded) => &*guarded.pat,
                pat => pat,
            };
            this.binds_ref_mut = false;
            let pat = this.pat(pat);
            let lends = std::mem::take(&mut this.binds_ref_mut);
            let guard = match &arm.pat {
                syn::Pat::Guard(guarded) => Some(this.expr(&guarded.guard)),
                _ => None,
            };
            let arm = Arm {
                pat,
                guard,
                body: this.expr(&arm.body),
            };
            (arm, lends)
        })
    }

    fn for_loop(&mut self, f: &syn::ExprForLoop) -> Expr {
        let iter = self.expr(&f.expr);
        let label = f.label.as_ref().map(|label| label_name(&label.name));
        self.scoped(|this| {
            let pat = this.pat(&f.pat);
            let body = Box::new(this.block(&f.body));
            Expr::Loop {
                label,
                kind: LoopKind::For(Box::new((pat, iter))),
                body,
            }
        })
    }

    fn while_(&mut self, w: &syn::ExprWhile) -> Expr {
        let label = w.label.as_ref().map(|label| label_name(&label.name));
        self.scoped(|this| {
            let cond = this.boxed(&w.cond);
            let body = Box::new(this.block(&w.body));
            Expr::Loop {
                label,
                kind: LoopKind::While(cond),
                body,
            }
        })
    }

    /// A local when a single plain name is bound in scope, an item path otherwise.
    fn path_expr(&mut self, p: &syn::ExprPath) -> Expr {
        let span = p
            .path
            .segments
            .last()
            .map_or(self.cx.innermost, |last| self.cx.span(last.ident.span()));
        if p.qself.is_none() && p.path.leading_colon.is_none() && p.path.segments.len() == 1 {
            if let Some(segment) = p.path.segments.first().filter(|s| s.arguments.is_none()) {
                if let Some(local) = self.lookup(&ident_name(&segment.ident)) {
                    return Expr::Local(local, span);
                }
            }
        }
        Expr::Path(
            Box::new(self.cx.qualified_path(p.qself.as_ref(), &p.path)),
            span,
        )
    }

    fn struct_(&mut self, s: &syn::ExprStruct) -> Expr {
        let span = s
            .path
            .segments
            .last()
            .map_or(self.cx.innermost, |last| self.cx.span(last.ident.span()));
        let path = self.cx.qualified_path(s.qself.as_ref(), &s.path);
        let fields = s
            .fields
            .iter()
            .map(|field| (self.member(&field.member).0, self.expr(&field.expr)))
            .collect();
        let base = s.rest.as_deref().map(|base| self.expr(base));
        Expr::Struct(Box::new(ir::StructLit {
            path,
            fields,
            base,
            span,
        }))
    }

    pub(super) fn member(&self, member: &syn::Member) -> (Name, ir::Span) {
        match member {
            syn::Member::Named(ident) => (ident_name(ident), self.cx.span(ident.span())),
            syn::Member::Unnamed(index) => {
                (index.index.to_string().into(), self.cx.span(index.span))
            }
        }
    }
}

pub(super) fn lit(lit: &syn::Lit) -> Lit {
    match lit {
        syn::Lit::Bool(b) => Lit::Bool(b.value),
        _ => Lit::Other,
    }
}

fn label_name(lifetime: &syn::Lifetime) -> Name {
    ident_name(&lifetime.ident)
}

/// The name a `let` binds, where it binds one name (`let s`, `let s: String`).
fn let_name(pat: &syn::Pat) -> Option<Name> {
    match pat {
        syn::Pat::Ident(ident) => Some(ident_name(&ident.ident)),
        syn::Pat::Type(typed) => let_name(&typed.pat),
        _ => None,
    }
}

/// The attributes written on a statement.
fn stmt_attrs(stmt: &syn::Stmt) -> &[syn::Attribute] {
    match stmt {
        syn::Stmt::Local(local) => &local.attrs,
        syn::Stmt::Macro(m) => &m.attrs,
        syn::Stmt::Item(_) => &[],
        syn::Stmt::Expr(expr, _) => expr_attrs(expr),
    }
}

/// The attributes written on an expression (an expression statement's are its own).
fn expr_attrs(expr: &syn::Expr) -> &[syn::Attribute] {
    match expr {
        syn::Expr::Array(e) => &e.attrs,
        syn::Expr::Assign(e) => &e.attrs,
        syn::Expr::Async(e) => &e.attrs,
        syn::Expr::Await(e) => &e.attrs,
        syn::Expr::Binary(e) => &e.attrs,
        syn::Expr::Block(e) => &e.attrs,
        syn::Expr::Break(e) => &e.attrs,
        syn::Expr::Call(e) => &e.attrs,
        syn::Expr::Cast(e) => &e.attrs,
        syn::Expr::Closure(e) => &e.attrs,
        syn::Expr::Const(e) => &e.attrs,
        syn::Expr::Continue(e) => &e.attrs,
        syn::Expr::Field(e) => &e.attrs,
        syn::Expr::ForLoop(e) => &e.attrs,
        syn::Expr::Group(e) => &e.attrs,
        syn::Expr::If(e) => &e.attrs,
        syn::Expr::Index(e) => &e.attrs,
        syn::Expr::Infer(e) => &e.attrs,
        syn::Expr::Let(e) => &e.attrs,
        syn::Expr::Lit(e) => &e.attrs,
        syn::Expr::Loop(e) => &e.attrs,
        syn::Expr::Macro(e) => &e.attrs,
        syn::Expr::Match(e) => &e.attrs,
        syn::Expr::MethodCall(e) => &e.attrs,
        syn::Expr::Paren(e) => &e.attrs,
        syn::Expr::Path(e) => &e.attrs,
        syn::Expr::Range(e) => &e.attrs,
        syn::Expr::RawAddr(e) => &e.attrs,
        syn::Expr::Reference(e) => &e.attrs,
        syn::Expr::Repeat(e) => &e.attrs,
        syn::Expr::Return(e) => &e.attrs,
        syn::Expr::Struct(e) => &e.attrs,
        syn::Expr::Try(e) => &e.attrs,
        syn::Expr::TryBlock(e) => &e.attrs,
        syn::Expr::Tuple(e) => &e.attrs,
        syn::Expr::Unary(e) => &e.attrs,
        syn::Expr::Unsafe(e) => &e.attrs,
        syn::Expr::While(e) => &e.attrs,
        syn::Expr::Yield(e) => &e.attrs,
        _ => &[],
    }
}

/// Whether a type is, or holds, a trait object (`&dyn A`, `Box<dyn A>`, `Arc<dyn A>`).
fn names_trait_object(ty: &Type) -> bool {
    match ty {
        Type::Bounds(_) => true,
        Type::Ref { inner, .. } => names_trait_object(inner),
        Type::Path(path) => path.generics.iter().any(names_trait_object),
        _ => false,
    }
}
