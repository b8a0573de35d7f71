//! `macro_rules!` macros, expanded where a body or an item list calls them: a
//! `track!(a, &u.phone)` whose rule expands to `$a.track($v)` is that sink call. The file's
//! own macros are expanded, and those of other files of its crate that `load` finds for
//! it (`Lowerer::lookup`, see `load::macros`): a file's IR is a function of its own text
//! and of what was found (`FileIr::macro_lookups`). A macro of another crate keeps the
//! approximation of `macros`.
//!
//! The expansion is `macro_rules!` by example: the first rule whose matcher matches the
//! call's tokens (fragments parsed by `syn`, repetitions greedily) is transcribed. Tokens the
//! transcriber writes take the span of the macro's name at the call, so that what the
//! expansion does is reported where the macro is called; the call's own tokens keep theirs.

use crate::ir::MacroDef;
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;
use std::sync::Arc;
use syn::ext::IdentExt;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream, Parser};

/// How many macro calls may nest in one expansion (a macro calling itself).
const MAX_EXPANSION_DEPTH: usize = 16;
/// How many tokens one expansion may produce before it is given up.
const MAX_TOKENS: usize = 20_000;

impl super::Lowerer {
    /// What a call of a `macro_rules!` macro of the file or given to it expands to
    /// (`beam!(..)`, or `crate::beam!(..)` of a `#[macro_export]` one); `None` for another
    /// macro, a call no rule matches, or one nested too deeply.
    pub(super) fn expansion(&mut self, mac: &syn::Macro) -> Option<TokenStream> {
        let (name, rules) = self.called_rules(mac)?;
        if self.expanding >= MAX_EXPANSION_DEPTH {
            return None;
        }
        let expanded = rules.expand(&mac.tokens, name.span())?;
        (super::macros::group_depth(&expanded) <= super::MAX_DEPTH).then_some(expanded)
    }

    /// The name and rules of the macro a call names: the file's own of that name, else one
    /// of another file of the crate, looked up once per name.
    pub(super) fn called_rules<'m>(
        &mut self,
        mac: &'m syn::Macro,
    ) -> Option<(&'m Ident, Rc<Rules>)> {
        let name = called_name(&mac.path)?;
        let key = super::ident_name(name);
        if let Some(rules) = self.macro_rules.get(&key) {
            return Some((name, rules.clone()));
        }
        if let Some(rules) = self.imported.get(&key) {
            return Some((name, rules.clone()?));
        }
        let found = (self.lookup)(&key);
        let rules = found.as_deref().and_then(parse_def).map(Rc::new);
        self.macro_lookups.insert(key.clone(), found);
        self.imported.insert(key, rules.clone());
        Some((name, rules?))
    }

    /// Lowers, one expansion deeper, the items a call in an item position expands to: items
    /// of a module (`define_sync!(sync_phone, phone);`), or of an `impl` block or a trait
    /// (`sink_method!(post);`). A call of another macro, or one whose expansion is no such
    /// items, lowers nothing.
    pub(super) fn lower_expanded<T: Parse>(
        &mut self,
        mac: &syn::Macro,
        mut lower: impl FnMut(&mut Self, &T),
    ) {
        let Some(expanded) = self.expansion(mac) else {
            return;
        };
        let items = |input: ParseStream| {
            let mut items = Vec::new();
            while !input.is_empty() {
                items.push(input.parse::<T>()?);
            }
            Ok(items)
        };
        let Ok(items) = items.parse2(expanded) else {
            return;
        };
        self.expanding += 1;
        for item in &items {
            lower(self, item);
        }
        self.expanding -= 1;
    }
}

/// The name a call may be a crate's `macro_rules!` macro by: a bare name, or the last of a
/// path from `crate` (`$crate` once expanded), `self` or `super`.
fn called_name(path: &syn::Path) -> Option<&Ident> {
    let segments = &path.segments;
    let first = &segments.first()?.ident;
    let from_crate = first == "crate" || first == "self" || first == "super";
    let last = &segments.last()?.ident;
    (path.leading_colon.is_none() && (segments.len() == 1 || from_crate)).then_some(last)
}

/// The `macro_rules!` macros of a file that other files of its crate may call: those of
/// its module (and of the inline `#[macro_use]` modules in it), and `#[macro_export]` ones
/// or ones re-exported by a `use` beside them (`pub(crate) use ship;`) in any inline
/// module. One defined in a function body stays the file's own.
pub(super) fn definitions(syntax: &syn::File) -> Vec<Arc<MacroDef>> {
    let mut out = Vec::new();
    module_definitions(&syntax.items, true, &mut out);
    out
}

/// `scoped`: whether the items' module shares the file's textual scope.
fn module_definitions(items: &[syn::Item], scoped: bool, out: &mut Vec<Arc<MacroDef>>) {
    for item in items {
        match item {
            syn::Item::Macro(syn::ItemMacro {
                ident: Some(name),
                mac,
                attrs,
                ..
            }) if mac.path.is_ident("macro_rules") => {
                let exported = attrs.iter().any(|a| a.path().is_ident("macro_export"))
                    || reexported(items, name);
                if scoped || exported {
                    out.push(Arc::new(MacroDef {
                        name: super::ident_name(name),
                        rules: mac.tokens.to_string().into(),
                        exported,
                    }));
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    let macro_use = m.attrs.iter().any(|a| a.path().is_ident("macro_use"));
                    module_definitions(inner, scoped && macro_use, out);
                }
            }
            _ => {}
        }
    }
}

/// Whether `items` re-export the macro `name` (`pub(crate) use name;`, `use self::name;`).
fn reexported(items: &[syn::Item], name: &Ident) -> bool {
    items.iter().any(|item| {
        let syn::Item::Use(u) = item else {
            return false;
        };
        match &u.tree {
            syn::UseTree::Name(used) => used.ident == *name,
            syn::UseTree::Path(path) if path.ident == "self" => {
                matches!(&*path.tree, syn::UseTree::Name(used) if used.ident == *name)
            }
            _ => false,
        }
    })
}

/// The rules of a macro of another file, parsed again from its text.
pub(super) fn parse_def(def: &MacroDef) -> Option<Rules> {
    parse_rules(&def.rules.parse().ok()?)
}

/// One macro's rules, in order.
pub(super) struct Rules(Vec<Rule>);

struct Rule {
    matcher: Vec<Matcher>,
    transcriber: Vec<Piece>,
    /// The names the transcriber binds itself (see `own_bindings`).
    own: Vec<String>,
}

/// One token of a transcriber, a group with its contents taken apart: the rule is read once
/// and expanded at every call, and taking a `proc_macro2` group's tokens copies them.
struct Piece {
    tree: TokenTree,
    /// A group's contents.
    inner: Vec<Piece>,
}

fn pieces(tokens: TokenStream) -> Vec<Piece> {
    (tokens.into_iter())
        .map(|tree| Piece {
            inner: match &tree {
                TokenTree::Group(group) => pieces(group.stream()),
                _ => Vec::new(),
            },
            tree,
        })
        .collect()
}

enum Matcher {
    /// A token that must be there as written.
    Token(TokenTree),
    Group(Delimiter, Vec<Matcher>),
    Fragment(String, Fragment),
    Repeat {
        inner: Vec<Matcher>,
        separator: Option<TokenTree>,
        /// `*`, `+` or `?`.
        op: char,
    },
}

#[derive(Clone, Copy)]
enum Fragment {
    Expr,
    Ty,
    Pat,
    PatParam,
    Path,
    Ident,
    Lifetime,
    Literal,
    Block,
    Stmt,
    Item,
    Vis,
    Meta,
    Tt,
}

/// What one fragment matched, or the iterations of a repetition.
enum Binding {
    One(TokenStream),
    Many(Vec<Binding>),
}

type Bindings = HashMap<String, Binding>;

/// The rules of a `macro_rules!` definition's body, or `None` where it is not one.
pub(super) fn parse_rules(body: &TokenStream) -> Option<Rules> {
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    let mut rules = Vec::new();
    let mut at = 0;
    while at < trees.len() {
        let (TokenTree::Group(matcher), Some(TokenTree::Punct(eq)), Some(TokenTree::Punct(gt))) =
            (&trees[at], trees.get(at + 1), trees.get(at + 2))
        else {
            return None;
        };
        let Some(TokenTree::Group(transcriber)) = trees.get(at + 3) else {
            return None;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        rules.push(Rule {
            matcher: matchers(&matcher.stream())?,
            own: own_bindings(&transcriber.stream()),
            transcriber: pieces(transcriber.stream()),
        });
        at += 4;
        if matches!(trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            at += 1;
        }
    }
    Some(Rules(rules))
}

fn matchers(tokens: &TokenStream) -> Option<Vec<Matcher>> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < trees.len() {
        match (&trees[at], trees.get(at + 1)) {
            (TokenTree::Punct(dollar), Some(TokenTree::Ident(name))) if dollar.as_char() == '$' => {
                let (Some(TokenTree::Punct(colon)), Some(TokenTree::Ident(kind))) =
                    (trees.get(at + 2), trees.get(at + 3))
                else {
                    return None;
                };
                if colon.as_char() != ':' {
                    return None;
                }
                out.push(Matcher::Fragment(name.unraw().to_string(), fragment(kind)?));
                at += 4;
            }
            (TokenTree::Punct(dollar), Some(TokenTree::Group(group)))
                if dollar.as_char() == '$' && group.delimiter() == Delimiter::Parenthesis =>
            {
                let inner = matchers(&group.stream())?;
                let (separator, op, used) = repetition(trees.get(at + 2), trees.get(at + 3))?;
                out.push(Matcher::Repeat {
                    inner,
                    separator,
                    op,
                });
                at += 2 + used;
            }
            (TokenTree::Group(group), _) => {
                out.push(Matcher::Group(
                    group.delimiter(),
                    matchers(&group.stream())?,
                ));
                at += 1;
            }
            (tree, _) => {
                out.push(Matcher::Token(tree.clone()));
                at += 1;
            }
        }
    }
    Some(out)
}

/// The separator and operator after a repetition's group (the two tokens after it), and
/// how many tokens they take.
fn repetition(
    first: Option<&TokenTree>,
    second: Option<&TokenTree>,
) -> Option<(Option<TokenTree>, char, usize)> {
    let op = |tree: Option<&TokenTree>| match tree {
        Some(TokenTree::Punct(p)) if matches!(p.as_char(), '*' | '+' | '?') => Some(p.as_char()),
        _ => None,
    };
    match op(first) {
        Some(op) => Some((None, op, 1)),
        None => Some((Some(first?.clone()), op(second)?, 2)),
    }
}

fn fragment(kind: &Ident) -> Option<Fragment> {
    Some(match kind.to_string().as_str() {
        "expr" | "expr_2021" => Fragment::Expr,
        "ty" => Fragment::Ty,
        "pat" => Fragment::Pat,
        "pat_param" => Fragment::PatParam,
        "path" => Fragment::Path,
        "ident" => Fragment::Ident,
        "lifetime" => Fragment::Lifetime,
        "literal" => Fragment::Literal,
        "block" => Fragment::Block,
        "stmt" => Fragment::Stmt,
        "item" => Fragment::Item,
        "vis" => Fragment::Vis,
        "meta" => Fragment::Meta,
        "tt" => Fragment::Tt,
        _ => return None,
    })
}

impl Rules {
    /// The tokens a call with `input` expands to, written tokens spanned at `call`; `None`
    /// where no rule matches or the expansion is too large.
    pub(super) fn expand(&self, input: &TokenStream, call: Span) -> Option<TokenStream> {
        self.0.iter().find_map(|rule| {
            let mut bindings = Bindings::default();
            let matched = (|stream: ParseStream| {
                match_all(stream, &rule.matcher, &mut bindings)?;
                match stream.is_empty() {
                    true => Ok(()),
                    false => Err(stream.error("unmatched tokens")),
                }
            })
            .parse2(input.clone());
            matched.ok()?;
            let mut out = Vec::new();
            let written = Written {
                call,
                own: &rule.own,
            };
            let mut budget = MAX_TOKENS;
            transcribe(
                &rule.transcriber,
                &bindings,
                &written,
                &mut out,
                &mut budget,
            )?;
            Some(out.into_iter().collect())
        })
    }
}

fn match_all(input: ParseStream, matchers: &[Matcher], out: &mut Bindings) -> syn::Result<()> {
    for matcher in matchers {
        match matcher {
            Matcher::Token(expected) => {
                let found: TokenTree = input.parse()?;
                if !same_token(&found, expected) {
                    return Err(syn::Error::new(found.span(), "unexpected token"));
                }
            }
            Matcher::Group(delimiter, inner) => {
                let found: TokenTree = input.parse()?;
                let TokenTree::Group(group) = found else {
                    return Err(syn::Error::new(found.span(), "expected a group"));
                };
                if group.delimiter() != *delimiter {
                    return Err(syn::Error::new(group.span(), "another delimiter"));
                }
                (|stream: ParseStream| {
                    match_all(stream, inner, out)?;
                    match stream.is_empty() {
                        true => Ok(()),
                        false => Err(stream.error("unmatched tokens")),
                    }
                })
                .parse2(group.stream())?;
            }
            Matcher::Fragment(name, kind) => {
                let tokens = parse_fragment(input, *kind)?;
                out.insert(name.clone(), Binding::One(tokens));
            }
            Matcher::Repeat {
                inner,
                separator,
                op,
            } => {
                let mut iterations: Vec<Bindings> = Vec::new();
                while !input.is_empty() {
                    let fork = input.fork();
                    let mut bound = Bindings::default();
                    if match_all(&fork, inner, &mut bound).is_err()
                        || fork.cursor() == input.cursor()
                    {
                        break;
                    }
                    input.advance_to(&fork);
                    iterations.push(bound);
                    if *op == '?' {
                        break;
                    }
                    if let Some(separator) = separator {
                        let fork = input.fork();
                        match fork.parse::<TokenTree>() {
                            Ok(found) if same_token(&found, separator) => input.advance_to(&fork),
                            _ => break,
                        }
                    }
                }
                if *op == '+' && iterations.is_empty() {
                    return Err(input.error("expected one repetition at least"));
                }
                let mut names = Vec::new();
                fragment_names(inner, &mut names);
                for name in names {
                    let each = (iterations.iter_mut())
                        .map(|bound| bound.remove(&name).unwrap_or(Binding::Many(Vec::new())))
                        .collect();
                    out.insert(name, Binding::Many(each));
                }
            }
        }
    }
    Ok(())
}

fn fragment_names(matchers: &[Matcher], out: &mut Vec<String>) {
    for matcher in matchers {
        match matcher {
            Matcher::Fragment(name, _) => out.push(name.clone()),
            Matcher::Group(_, inner) | Matcher::Repeat { inner, .. } => fragment_names(inner, out),
            Matcher::Token(_) => {}
        }
    }
}

fn same_token(found: &TokenTree, expected: &TokenTree) -> bool {
    match (found, expected) {
        (TokenTree::Ident(a), TokenTree::Ident(b)) => a == b,
        (TokenTree::Punct(a), TokenTree::Punct(b)) => a.as_char() == b.as_char(),
        (TokenTree::Literal(a), TokenTree::Literal(b)) => a.to_string() == b.to_string(),
        _ => false,
    }
}

/// One fragment's tokens; an expression in an invisible group, so that it keeps its
/// precedence where it is put (`$a * 2` of `x + 1`).
fn parse_fragment(input: ParseStream, kind: Fragment) -> syn::Result<TokenStream> {
    Ok(match kind {
        Fragment::Expr => {
            let expr: syn::Expr = input.parse()?;
            let group = Group::new(Delimiter::None, expr.into_token_stream());
            TokenTree::Group(group).into()
        }
        Fragment::Ty => input.parse::<syn::Type>()?.into_token_stream(),
        Fragment::Pat => syn::Pat::parse_multi_with_leading_vert(input)?.into_token_stream(),
        Fragment::PatParam => syn::Pat::parse_single(input)?.into_token_stream(),
        Fragment::Path => input.parse::<syn::Path>()?.into_token_stream(),
        Fragment::Ident => input.call(Ident::parse_any)?.into_token_stream(),
        Fragment::Lifetime => input.parse::<syn::Lifetime>()?.into_token_stream(),
        Fragment::Literal => {
            let mut tokens = TokenStream::new();
            if input.peek(syn::Token![-]) {
                input.parse::<syn::Token![-]>()?.to_tokens(&mut tokens);
            }
            input.parse::<syn::Lit>()?.to_tokens(&mut tokens);
            tokens
        }
        Fragment::Block => input.parse::<syn::Block>()?.into_token_stream(),
        Fragment::Stmt => input.parse::<syn::Stmt>()?.into_token_stream(),
        Fragment::Item => input.parse::<syn::Item>()?.into_token_stream(),
        Fragment::Vis => input.parse::<syn::Visibility>()?.into_token_stream(),
        Fragment::Meta => input.parse::<syn::Meta>()?.into_token_stream(),
        Fragment::Tt => input.parse::<TokenTree>()?.into(),
    })
}

/// What the transcriber writes besides fragments: tokens placed at the call, and the
/// names it binds itself (`let tmp`), which are its own: hygiene keeps them apart from the
/// caller's names, so they are renamed.
struct Written<'r> {
    call: Span,
    own: &'r [String],
}

/// The names a transcriber binds itself: `let tmp =`, `let mut tmp: T =`, `for tmp in`
/// (a name, not a pattern such as `let Some(x)`).
fn own_bindings(tokens: &TokenStream) -> Vec<String> {
    let mut own = Vec::new();
    let mut stack = vec![tokens.clone().into_iter().collect::<Vec<TokenTree>>()];
    while let Some(trees) = stack.pop() {
        for (at, tree) in trees.iter().enumerate() {
            if let TokenTree::Group(group) = tree {
                stack.push(group.stream().into_iter().collect());
            }
            let TokenTree::Ident(keyword) = tree else {
                continue;
            };
            if keyword != "let" && keyword != "for" {
                continue;
            }
            let mut next = at + 1;
            if matches!(trees.get(next), Some(TokenTree::Ident(m)) if m == "mut") {
                next += 1;
            }
            let (Some(TokenTree::Ident(name)), after) = (trees.get(next), trees.get(next + 1))
            else {
                continue;
            };
            let ends = match after {
                Some(TokenTree::Punct(p)) => matches!(p.as_char(), '=' | ':' | ';'),
                Some(TokenTree::Ident(word)) => word == "in",
                _ => false,
            };
            if ends {
                own.push(name.unraw().to_string());
            }
        }
    }
    own
}

/// Writes the transcriber with `bindings` substituted; `None` where it names a fragment it
/// cannot substitute there or exceeds `budget` tokens.
fn transcribe(
    pieces: &[Piece],
    bindings: &Bindings,
    written: &Written,
    out: &mut Vec<TokenTree>,
    budget: &mut usize,
) -> Option<()> {
    let call = written.call;
    let mut at = 0;
    while at < pieces.len() {
        *budget = budget.checked_sub(1)?;
        match (&pieces[at].tree, pieces.get(at + 1).map(|next| &next.tree)) {
            (TokenTree::Punct(dollar), Some(TokenTree::Ident(name))) if dollar.as_char() == '$' => {
                let name = name.unraw().to_string();
                match bindings.get(&name) {
                    Some(Binding::One(tokens)) => {
                        let before = out.len();
                        out.extend(tokens.clone());
                        *budget = budget.checked_sub(out.len() - before)?;
                    }
                    Some(Binding::Many(_)) => return None,
                    None if name == "crate" => out.push(Ident::new("crate", call).into()),
                    // No fragment of this rule: written as it stands, as rustc does, so that
                    // a `macro_rules!` the expansion defines keeps its own `$x`.
                    None => out.extend([
                        respan(&pieces[at].tree, call),
                        respan(&pieces[at + 1].tree, call),
                    ]),
                }
                at += 2;
            }
            (TokenTree::Punct(dollar), Some(TokenTree::Group(group)))
                if dollar.as_char() == '$' && group.delimiter() == Delimiter::Parenthesis =>
            {
                let tree = |at: usize| pieces.get(at).map(|piece| &piece.tree);
                let (separator, _, used) = repetition(tree(at + 2), tree(at + 3))?;
                let repeated = &pieces[at + 1].inner;
                let times = iterations(repeated, bindings)?;
                for index in 0..times {
                    let each: Bindings = (bindings.iter())
                        .filter_map(|(name, binding)| {
                            let binding = match binding {
                                Binding::Many(each) => each.get(index)?,
                                one => one,
                            };
                            Some((name.clone(), shallow(binding)))
                        })
                        .collect();
                    transcribe(repeated, &each, written, out, budget)?;
                    if let (Some(separator), true) = (&separator, index + 1 < times) {
                        out.push(respan(separator, call));
                    }
                }
                at += 2 + used;
            }
            (TokenTree::Group(group), _) => {
                let mut inner = Vec::new();
                transcribe(&pieces[at].inner, bindings, written, &mut inner, budget)?;
                let mut rebuilt = Group::new(group.delimiter(), inner.into_iter().collect());
                rebuilt.set_span(call);
                out.push(rebuilt.into());
                at += 1;
            }
            (TokenTree::Ident(ident), _)
                if !written.own.is_empty() && written.own.contains(&ident.unraw().to_string()) =>
            {
                out.push(Ident::new(&format!("__sharelock_macro_{}", ident.unraw()), call).into());
                at += 1;
            }
            (tree, _) => {
                out.push(respan(tree, call));
                at += 1;
            }
        }
    }
    Some(())
}

/// How many times a transcriber's repetition runs: the length of the repeated fragments it
/// names, which must agree.
fn iterations(pieces: &[Piece], bindings: &Bindings) -> Option<usize> {
    let mut times = None;
    let mut stack = vec![pieces.iter()];
    let mut after_dollar = false;
    while let Some(top) = stack.last_mut() {
        let Some(piece) = top.next() else {
            stack.pop();
            continue;
        };
        match &piece.tree {
            TokenTree::Ident(name) if after_dollar => {
                if let Some(Binding::Many(each)) = bindings.get(&name.unraw().to_string()) {
                    if times.is_some_and(|times| times != each.len()) {
                        return None;
                    }
                    times = Some(each.len());
                }
            }
            TokenTree::Group(_) => stack.push(piece.inner.iter()),
            _ => {}
        }
        after_dollar = matches!(&piece.tree, TokenTree::Punct(p) if p.as_char() == '$');
    }
    times
}

/// A binding for one iteration: its tokens, or (nested repetitions) its iterations.
fn shallow(binding: &Binding) -> Binding {
    match binding {
        Binding::One(tokens) => Binding::One(tokens.clone()),
        Binding::Many(each) => Binding::Many(each.iter().map(shallow).collect()),
    }
}

fn respan(tree: &TokenTree, call: Span) -> TokenTree {
    let mut tree = tree.clone();
    tree.set_span(call);
    tree
}
