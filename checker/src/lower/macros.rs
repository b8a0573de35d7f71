//! Macro calls: known macros by the last segment of their path, arguments parsed as
//! expressions where they are expressions, and inline format captures (`{name}`) read as
//! the locals they name.

use super::body::BodyLowerer;
use super::{ident_name, MAX_DEPTH};
use crate::ir::{Arm, BinOp, Expr, Implicit, Lit, MacroCall, MacroKind, MethodCall, Name, Pat};
use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream, Parser};
use syn::Token;

/// What a macro's name says about it.
enum Class {
    Kind(MacroKind),
    /// `stringify!`, `line!`, `env!`, ...: a constant that carries nothing.
    Constant,
    /// `matches!(value, pattern)`: a match yielding a boolean.
    Matches,
    /// `tokio::select!`, `futures::select!`, `crossbeam_channel::select!`: one branch runs.
    Select,
}

fn classify(name: &str) -> Class {
    let kind = match name {
        "format" | "format_args" | "concat" | "formatcp" | "concatcp" | "anyhow" | "format_err"
        | "bail" | "ensure" => MacroKind::Format,
        "print" | "println" | "eprint" | "eprintln" | "dbg" | "info" | "warn" | "error"
        | "debug" | "trace" | "event" | "log" => MacroKind::Print,
        "write" | "writeln" => MacroKind::Write,
        "vec" => MacroKind::Vec,
        "assert" | "assert_eq" | "assert_ne" => MacroKind::Assert,
        // Compiled out of release builds: no guard there.
        "debug_assert" | "debug_assert_eq" | "debug_assert_ne" => MacroKind::Other,
        "panic" | "unreachable" | "todo" | "unimplemented" => MacroKind::Panic,
        "stringify" | "line" | "column" | "file" | "module_path" | "env" | "option_env"
        | "include_str" | "include_bytes" | "cfg" => return Class::Constant,
        "matches" => return Class::Matches,
        "select" | "select_biased" => return Class::Select,
        _ => MacroKind::Other,
    };
    Class::Kind(kind)
}

/// A macro's arguments: the expressions, the names given to some (`name = value`), by the
/// index of the expression they name, and those tracing formats (`%value` by `Display`,
/// `?value` by `Debug`), by index.
#[derive(Default)]
struct Arguments {
    exprs: Vec<syn::Expr>,
    named: Vec<(usize, Name)>,
    sigils: Vec<(usize, Implicit)>,
}

impl BodyLowerer<'_> {
    pub(super) fn macro_(&mut self, mac: &syn::Macro) -> Expr {
        let path = self.cx.path(&mac.path);
        let span = mac
            .path
            .segments
            .last()
            .map_or(self.cx.innermost, |last| self.cx.span(last.ident.span()));
        let name = path
            .segments
            .last()
            .cloned()
            .unwrap_or_else(|| Name::from(""));
        if let Some(expanded) = self.expand_local(mac, true) {
            return expanded;
        }
        let kind = match classify(&name) {
            Class::Constant => return Expr::Lit(Lit::Other),
            Class::Select => match self.select(mac) {
                Some(lowered) => return lowered,
                None => MacroKind::Other,
            },
            Class::Matches => match self.matches(mac) {
                Some(lowered) => return lowered,
                None => MacroKind::Other,
            },
            Class::Kind(kind) => kind,
        };
        if group_depth(&mac.tokens) > MAX_DEPTH {
            // Parsing the arguments would recurse as deep as they nest: report, skip them.
            self.cx.too_deep();
            return Expr::Macro(Box::new(MacroCall {
                kind,
                path,
                args: Vec::new(),
                span,
            }));
        }
        let parsed = if kind == MacroKind::Vec {
            mac.parse_body_with(repeat)
                .or_else(|_| mac.parse_body_with(arguments))
        } else {
            mac.parse_body_with(arguments)
        };
        let mut args = match parsed {
            Ok(arguments) => self.arguments(kind, &arguments, span),
            // Not expressions (a DSL, `json!({..})`, `select!`): the expressions between its
            // separators, and every local named where there are none.
            Err(_) => self.pieces(&mac.tokens, 0),
        };
        // `assert_eq!(a, b)` asserts `a == b`, `assert_ne!(a, b)` asserts `a != b`.
        let op = match &*name {
            "assert_eq" => Some(BinOp::Eq),
            "assert_ne" => Some(BinOp::Ne),
            _ => None,
        };
        if let (Some(op), true) = (op, args.len() >= 2) {
            let right = args.remove(1);
            let left = args.remove(0);
            args.insert(
                0,
                Expr::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                    span,
                },
            );
        }
        self.desugar(&name, kind, path, args, span)
    }

    /// Macros that return or branch, as the code they expand to: `dbg!(x)` prints `x` and is
    /// `x`; anyhow's `bail!(..)` is `return Err(anyhow!(..))` and `ensure!(c, ..)` is
    /// `if !c { bail!(..) }`.
    fn desugar(
        &mut self,
        name: &str,
        kind: MacroKind,
        path: crate::ir::Path,
        mut args: Vec<Expr>,
        span: crate::ir::Span,
    ) -> Expr {
        let call = |kind, path, args| {
            Expr::Macro(Box::new(MacroCall {
                kind,
                path,
                args,
                span,
            }))
        };
        match name {
            "dbg" if !args.is_empty() => {
                let value = match args.len() {
                    1 => args.remove(0),
                    _ => Expr::Tuple(args),
                };
                let local = self.bind(Name::from("dbg!"));
                let read = Expr::Local(local, span);
                let bound = Expr::Let(Box::new(crate::ir::Let {
                    pat: Pat::Bind(local, None),
                    ty: None,
                    init: Some(value),
                    else_: None,
                }));
                Expr::Block(vec![bound, call(kind, path, vec![read.clone()]), read])
            }
            // `tokio::join!(a, b)` awaits each future: a tuple of their outputs, apart.
            "join" | "try_join" if kind == MacroKind::Other && !args.is_empty() => {
                let outputs = args.into_iter().map(|a| Expr::Await(Box::new(a)));
                let joined = Expr::Tuple(outputs.collect());
                match name {
                    "try_join" => Expr::Call {
                        callee: Box::new(Expr::Path(
                            Box::new(crate::ir::Path {
                                segments: vec![Name::from("Ok")],
                                ..crate::ir::Path::default()
                            }),
                            span,
                        )),
                        args: vec![joined],
                        span,
                    },
                    _ => joined,
                }
            }
            "bail" => Expr::Return(Some(Box::new(call(kind, path, args))), span),
            "ensure" if !args.is_empty() => {
                let cond = args.remove(0);
                let refused = Expr::Return(Some(Box::new(call(kind, path, args))), span);
                Expr::If {
                    cond: Box::new(Expr::Not(Box::new(cond))),
                    then: Box::new(refused),
                    else_: None,
                }
            }
            _ => call(kind, path, args),
        }
    }

    /// The arguments lowered, each one the format string formats by `Display` or `Debug`
    /// made `Formatted` at `span` (the macro's name), and the locals it captures inline
    /// (`{name}`) read as such arguments.
    fn arguments(
        &mut self,
        kind: MacroKind,
        arguments: &Arguments,
        span: crate::ir::Span,
    ) -> Vec<Expr> {
        let mut args = self.exprs(&arguments.exprs);
        if matches!(kind, MacroKind::Vec | MacroKind::Other) {
            return args;
        }
        let mut formats = arguments.sigils.clone();
        // The format string is the first string literal no name is given to: `log`'s
        // `target: "sync"` and tracing's `kind = "sync"` may come before it.
        let format = (arguments.exprs.iter().enumerate()).find_map(|(index, expr)| match expr {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) if !arguments.named.iter().any(|(at, _)| *at == index) => Some((index, s)),
            _ => None,
        });
        if let Some((at, format)) = format {
            let text = format.value();
            let mut next = at + 1;
            for placeholder in placeholders(&text) {
                let index = match placeholder.argument {
                    Argument::Next => {
                        next += usize::from(placeholder.star);
                        next += 1;
                        Some(next - 1)
                    }
                    Argument::Index(index) => Some(at + 1 + index),
                    // A named argument gives the capture of its name, wherever it is
                    // (tracing's fields come before the message).
                    Argument::Name(name) => (arguments.named.iter())
                        .find(|(_, named)| **named == *name)
                        .map(|(index, _)| *index),
                };
                let index = match index {
                    Some(index) => index,
                    None => {
                        let Argument::Name(captured) = placeholder.argument else {
                            continue;
                        };
                        let Some(local) = self.lookup(captured) else {
                            continue;
                        };
                        args.push(Expr::Local(local, self.cx.span(format.span())));
                        args.len() - 1
                    }
                };
                if let Some(by) = placeholder.by {
                    formats.push((index, by));
                }
            }
        }
        formats.sort_by_key(|(index, by)| (*index, *by as u8));
        formats.dedup();
        for (index, by) in formats {
            if let Some(arg) = args.get_mut(index) {
                let value = std::mem::replace(arg, Expr::Unknown);
                *arg = self.formatted(value, by, span);
            }
        }
        args
    }

    /// `matches!(value, pattern if guard)` is `match value { pattern if guard => true, _ => false }`.
    fn matches(&mut self, mac: &syn::Macro) -> Option<Expr> {
        if group_depth(&mac.tokens) > MAX_DEPTH {
            return None;
        }
        let (scrutinee, pat, guard) = mac
            .parse_body_with(|input: ParseStream| {
                let scrutinee: syn::Expr = input.parse()?;
                input.parse::<Token![,]>()?;
                let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
                let guard = if input.peek(Token![if]) {
                    input.parse::<Token![if]>()?;
                    Some(input.parse::<syn::Expr>()?)
                } else {
                    None
                };
                if input.peek(Token![,]) {
                    input.parse::<Token![,]>()?;
                }
                Ok((scrutinee, pat, guard))
            })
            .ok()?;
        let scrutinee = self.boxed(&scrutinee);
        let arm = self.scoped(|this| Arm {
            pat: this.pat(&pat),
            guard: guard.as_ref().map(|guard| this.expr(guard)),
            body: Expr::Lit(Lit::Bool(true)),
        });
        let otherwise = Arm {
            pat: Pat::Wild,
            guard: None,
            body: Expr::Lit(Lit::Bool(false)),
        };
        Some(Expr::Match {
            scrutinee,
            arms: vec![arm, otherwise],
        })
    }

    /// A call of a `macro_rules!` macro of this file (`audit!(&u.phone)`, named bare), as the
    /// statements it expands to: in a scope of their own (`scoped`, in an expression), or
    /// binding in the enclosing one (a statement).
    pub(super) fn expand_local(&mut self, mac: &syn::Macro, scoped: bool) -> Option<Expr> {
        let expanded = self.cx.expansion(mac)?;
        let stmts = syn::Block::parse_within.parse2(expanded).ok()?;
        self.cx.expanding += 1;
        let lowered = match scoped {
            true => self.block_of(&stmts),
            false => Expr::Block(self.statements_here(&stmts)),
        };
        self.cx.expanding -= 1;
        Some(lowered)
    }

    /// A `select!` as the code it runs: exactly one branch, not known which, that binds its
    /// pattern to what its future or channel operation yields and then runs its handler
    /// (tokio's `pattern = future, if precondition => handler`, futures' `complete` and
    /// `default`, crossbeam's `recv(rx) -> msg` and `send(tx, v) -> res`): `if ? { if
    /// precondition { if let pattern = future.await { handler } else { ! } } else { ! } }
    /// else if ? { .. } else { fallback }`. A branch whose pattern does not match, or whose
    /// precondition fails, lets another run, and with none left (no fallback) the macro
    /// panics: so the code after it runs after one handler, and only after one.
    fn select(&mut self, mac: &syn::Macro) -> Option<Expr> {
        if group_depth(&mac.tokens) > MAX_DEPTH {
            return None;
        }
        let branches = (mac.parse_body_with(select_branches))
            .or_else(|_| mac.parse_body_with(channel_branches))
            .ok()?;
        let span = self.cx.span(mac.path.segments.last()?.ident.span());
        let other_branch = || {
            Expr::Macro(Box::new(MacroCall {
                kind: MacroKind::Panic,
                path: crate::ir::Path::default(),
                args: Vec::new(),
                span,
            }))
        };
        let mut fallback = None;
        let mut chosen = Vec::new();
        for branch in &branches {
            let Some(operation) = &branch.operation else {
                fallback = Some(self.expr(&branch.handler));
                continue;
            };
            let precondition = branch.precondition.as_ref().map(|p| self.boxed(p));
            let runs = self.scoped(|this| {
                let value = match operation {
                    Operation::Future(future) => Expr::Await(this.boxed(future)),
                    Operation::Channel {
                        method,
                        channel,
                        args,
                    } => Expr::MethodCall(Box::new(MethodCall {
                        receiver: this.expr(channel),
                        method: ident_name(method),
                        turbofish: Vec::new(),
                        args: this.exprs(args),
                        span: this.cx.span(method.span()),
                    })),
                };
                this.binds_ref_mut = false;
                let pat = this.pat(&branch.pat);
                let cond = Expr::LetCond(Box::new((pat, this.lent(value))));
                Expr::If {
                    cond: Box::new(cond),
                    then: Box::new(this.expr(&branch.handler)),
                    else_: Some(Box::new(other_branch())),
                }
            });
            chosen.push(match precondition {
                Some(cond) => Expr::If {
                    cond,
                    then: Box::new(runs),
                    else_: Some(Box::new(other_branch())),
                },
                None => runs,
            });
        }
        let last = match fallback {
            Some(fallback) => fallback,
            None => chosen.pop().unwrap_or_else(other_branch),
        };
        Some(chosen.into_iter().rev().fold(last, |else_, runs| Expr::If {
            cond: Box::new(Expr::Unknown),
            then: Box::new(runs),
            else_: Some(Box::new(else_)),
        }))
    }

    /// Reads of the in-scope locals whose names occur in `tokens` (walked without recursion).
    /// The parts of a macro's tokens between `,`, `;`, `:` and `=>` at the top level: each
    /// one that parses as an expression is lowered as one (`json!({ "id": u.id })` reads
    /// `u.id`, not all of `u`); a group that does not is read part by part; anything else
    /// reads the locals it names.
    fn pieces(&mut self, tokens: &TokenStream, depth: usize) -> Vec<Expr> {
        let mut out = Vec::new();
        let mut piece: Vec<TokenTree> = Vec::new();
        let mut trees = tokens.clone().into_iter().peekable();
        loop {
            let tree = trees.next();
            let boundary = match &tree {
                None => true,
                Some(TokenTree::Punct(p)) => match p.as_char() {
                    ',' | ';' => true,
                    ':' => {
                        let joined = p.spacing() == proc_macro2::Spacing::Joint
                            || matches!(piece.last(), Some(TokenTree::Punct(q)) if q.as_char() == ':' && q.spacing() == proc_macro2::Spacing::Joint);
                        !joined
                    }
                    '=' if p.spacing() == proc_macro2::Spacing::Joint => {
                        if matches!(trees.peek(), Some(TokenTree::Punct(q)) if q.as_char() == '>') {
                            trees.next();
                            true
                        } else {
                            false
                        }
                    }
                    _ => false,
                },
                Some(_) => false,
            };
            if !boundary {
                piece.extend(tree);
                continue;
            }
            if !piece.is_empty() {
                let stream: TokenStream = piece.drain(..).collect();
                match syn::parse2::<syn::Expr>(stream.clone()) {
                    Ok(expr) => out.push(self.expr(&expr)),
                    Err(_) => match stream.clone().into_iter().collect::<Vec<_>>().as_slice() {
                        [TokenTree::Group(group)] if depth < 8 => {
                            out.extend(self.pieces(&group.stream(), depth + 1))
                        }
                        _ => out.extend(self.locals_named_in(&stream)),
                    },
                }
            }
            if tree.is_none() {
                return out;
            }
        }
    }

    fn locals_named_in(&mut self, tokens: &TokenStream) -> Vec<Expr> {
        let mut reads = Vec::new();
        let mut stack = vec![tokens.clone().into_iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(TokenTree::Group(group)) => stack.push(group.stream().into_iter()),
                Some(TokenTree::Ident(ident)) => {
                    if let Some(local) = self.lookup(&ident.unraw().to_string()) {
                        reads.push(Expr::Local(local, self.cx.span(ident.span())));
                    }
                }
                Some(_) => {}
                None => {
                    stack.pop();
                }
            }
        }
        reads
    }
}

/// One branch of a `select!`; no operation for the fallback (`else`, `default`, `complete`).
struct SelectBranch {
    pat: syn::Pat,
    operation: Option<Operation>,
    precondition: Option<syn::Expr>,
    handler: syn::Expr,
}

enum Operation {
    Future(syn::Expr),
    /// crossbeam's `recv(rx)` and `send(tx, value)`: that method of the channel.
    Channel {
        method: syn::Ident,
        channel: syn::Expr,
        args: Vec<syn::Expr>,
    },
}

/// tokio's and futures' branches: `biased;`, then `pattern = future (, if precondition)? =>
/// handler`, and `else`, `complete` or `default` `=> handler`.
fn select_branches(input: ParseStream) -> syn::Result<Vec<SelectBranch>> {
    if input.peek(syn::Ident) && input.peek2(Token![;]) {
        let biased: syn::Ident = input.parse()?;
        if biased != "biased" {
            return Err(syn::Error::new(biased.span(), "not a select! branch"));
        }
        input.parse::<Token![;]>()?;
    }
    let mut branches = Vec::new();
    while !input.is_empty() {
        let fallback = input.peek(Token![else])
            || (input.peek(syn::Ident) && input.peek2(Token![=>]) && {
                let fork = input.fork();
                let word: syn::Ident = fork.parse()?;
                word == "complete" || word == "default"
            });
        let (pat, operation, precondition) = if fallback {
            input.call(syn::Ident::parse_any)?;
            (wild(), None, None)
        } else {
            let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
            input.parse::<Token![=]>()?;
            let future: syn::Expr = input.parse()?;
            let precondition = if input.peek(Token![,]) && input.peek2(Token![if]) {
                input.parse::<Token![,]>()?;
                input.parse::<Token![if]>()?;
                Some(input.parse()?)
            } else {
                None
            };
            (pat, Some(Operation::Future(future)), precondition)
        };
        let handler = branch_handler(input)?;
        branches.push(SelectBranch {
            pat,
            operation,
            precondition,
            handler,
        });
    }
    Ok(branches)
}

/// crossbeam's branches: `recv(rx) -> pattern => handler`, `send(tx, value) -> pattern =>
/// handler`, `default => handler`, `default(timeout) => handler`.
fn channel_branches(input: ParseStream) -> syn::Result<Vec<SelectBranch>> {
    let mut branches = Vec::new();
    while !input.is_empty() {
        let method: syn::Ident = input.parse()?;
        let operands = if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            let operands = content.parse_terminated(syn::Expr::parse, Token![,])?;
            operands.into_iter().collect()
        } else {
            Vec::new()
        };
        let (pat, operation) = if method == "default" {
            (wild(), None)
        } else if method == "recv" || method == "send" {
            input.parse::<Token![->]>()?;
            let pat = syn::Pat::parse_multi_with_leading_vert(input)?;
            let mut operands = operands.into_iter();
            let channel = (operands.next()).ok_or_else(|| {
                syn::Error::new(method.span(), "a channel operation names its channel")
            })?;
            let operation = Operation::Channel {
                method,
                channel,
                args: operands.collect(),
            };
            (pat, Some(operation))
        } else {
            return Err(syn::Error::new(method.span(), "not a select! branch"));
        };
        let handler = branch_handler(input)?;
        branches.push(SelectBranch {
            pat,
            operation,
            precondition: None,
            handler,
        });
    }
    Ok(branches)
}

/// `=> handler`, and the comma after it, which a block's handler may leave out (as in a
/// `match` arm).
fn branch_handler(input: ParseStream) -> syn::Result<syn::Expr> {
    input.parse::<Token![=>]>()?;
    let handler = syn::Expr::parse_with_earlier_boundary_rule(input)?;
    let block_like = matches!(
        handler,
        syn::Expr::Block(_)
            | syn::Expr::If(_)
            | syn::Expr::Match(_)
            | syn::Expr::Loop(_)
            | syn::Expr::While(_)
            | syn::Expr::ForLoop(_)
            | syn::Expr::Unsafe(_)
            | syn::Expr::Async(_)
    );
    if input.peek(Token![,]) {
        input.parse::<Token![,]>()?;
    } else if !input.is_empty() && !block_like {
        return Err(input.error("expected `,` after a select! branch"));
    }
    Ok(handler)
}

fn wild() -> syn::Pat {
    syn::Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    })
}

/// `vec![elem; n]`: the element (the length is no content).
fn repeat(input: ParseStream) -> syn::Result<Arguments> {
    let elem: syn::Expr = input.parse()?;
    input.parse::<Token![;]>()?;
    input.parse::<syn::Expr>()?;
    Ok(Arguments {
        exprs: vec![elem],
        ..Arguments::default()
    })
}

/// Comma-separated expressions, each possibly prefixed as logging macros allow:
/// `name = value`, `a.b = value`, `target: value`, and tracing's `%value` / `?value`; a
/// `;` separates too (`log`'s key-values before the message: `info!(id = u.id; "x")`).
fn arguments(input: ParseStream) -> syn::Result<Arguments> {
    let mut arguments = Arguments::default();
    while !input.is_empty() {
        if let Some(name) = argument_name(input)? {
            arguments.named.push((arguments.exprs.len(), name));
        }
        let at = arguments.exprs.len();
        if input.peek(Token![%]) {
            input.parse::<Token![%]>()?;
            arguments.sigils.push((at, Implicit::Display));
        } else if input.peek(Token![?]) {
            input.parse::<Token![?]>()?;
            arguments.sigils.push((at, Implicit::Debug));
        }
        arguments.exprs.push(input.parse()?);
        if input.is_empty() {
            break;
        }
        if input.peek(Token![;]) {
            input.parse::<Token![;]>()?;
        } else {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(arguments)
}

/// Consumes `name =`, `a.b =` or `name:` when the input starts with one; returns the name.
fn argument_name(input: ParseStream) -> syn::Result<Option<Name>> {
    let fork = input.fork();
    let Ok(first) = fork.call(syn::Ident::parse_any) else {
        return Ok(None);
    };
    while fork.peek(Token![.]) && fork.peek2(syn::Ident) {
        fork.parse::<Token![.]>()?;
        fork.call(syn::Ident::parse_any)?;
    }
    if fork.peek(Token![=]) && !fork.peek(Token![==]) && !fork.peek(Token![=>]) {
        fork.parse::<Token![=]>()?;
    } else if fork.peek(Token![:]) && !fork.peek(Token![::]) {
        fork.parse::<Token![:]>()?;
    } else {
        return Ok(None);
    }
    input.advance_to(&fork);
    Ok(Some(ident_name(&first)))
}

/// The argument a format string's placeholder formats.
enum Argument<'f> {
    /// `{}`: the positional argument after the last one taken.
    Next,
    /// `{0}`.
    Index(usize),
    /// `{name}`: a named argument, or the local captured inline.
    Name(&'f str),
}

struct Placeholder<'f> {
    argument: Argument<'f>,
    /// The trait it formats by, where it is `Display` (`{}`, `{:>8}`) or `Debug` (`{:?}`,
    /// `{:#x?}`); `None` for another (`{:x}`, `{:e}`).
    by: Option<Implicit>,
    /// `{:.*}`: the precision is taken from the positional argument before the value.
    star: bool,
}

/// The placeholders of a format string, in order (`{{` escapes).
fn placeholders(format: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(escaped) = rest.strip_prefix('{') {
            rest = escaped;
            continue;
        }
        let end = rest.find('}').unwrap_or(rest.len());
        let (argument, spec) = match rest[..end].split_once(':') {
            Some((argument, spec)) => (argument.trim(), spec),
            None => (rest[..end].trim(), ""),
        };
        rest = &rest[end..];
        let argument = if argument.is_empty() {
            Argument::Next
        } else if let Ok(index) = argument.parse() {
            Argument::Index(index)
        } else if argument.starts_with(|c: char| c.is_alphabetic() || c == '_')
            && argument.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            Argument::Name(argument)
        } else {
            continue;
        };
        // The type ends the spec: `?` is `Debug`, a letter another trait (`x`, `e`, `p`).
        let by = if spec.ends_with('?') {
            Some(Implicit::Debug)
        } else if spec.ends_with(|c: char| c.is_alphabetic()) {
            None
        } else {
            Some(Implicit::Display)
        };
        found.push(Placeholder {
            argument,
            by,
            star: spec.contains(".*"),
        });
    }
    found
}

/// How deeply the groups of a token stream nest (walked without recursion).
pub(super) fn group_depth(tokens: &TokenStream) -> usize {
    let mut deepest = 0;
    let mut stack = vec![tokens.clone().into_iter()];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            Some(TokenTree::Group(group)) => {
                stack.push(group.stream().into_iter());
                deepest = deepest.max(stack.len() - 1);
            }
            Some(_) => {}
            None => {
                stack.pop();
            }
        }
    }
    deepest
}
