//! The annotation grammar: one parser for `#[sharelock(..)]`, `#[sharelock::sink(..)]` and the
//! other attributes, used by the macros (at compile time, on the tokens they receive) and by
//! the checker (on the attributes it reads from source), so the two can never disagree.
//!
//! Everything here works on `proc_macro2` tokens and spans; the checker converts spans to
//! positions when it lowers a file. Every function is total: malformed input is an error
//! value, never a panic, and all the errors of one annotation are reported together.

use crate::model::Category;
use crate::policy::{closest, Policy};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token};

/// A name as written in an annotation (a party or a parameter), with its span for errors.
#[derive(Clone, Debug)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// One label: a category and what it permits, from `#[sharelock(category = .., ..)]` on a
/// type or field, or from `#[sharelock::source(category = .., ..)]`.
#[derive(Clone, Debug)]
pub struct LabelSpec {
    pub category: Category,
    pub category_span: Span,
    pub allow: Vec<Name>,
    pub deny: Vec<Name>,
    pub consent: Vec<Name>,
    pub must_reach: Vec<Name>,
}

/// The role an attribute gives a function or method.
#[derive(Clone, Debug)]
pub enum FnRole {
    /// `#[sharelock::sink(p, .., args(a, ..))]`; `args: None` means every non-self argument.
    Sink {
        parties: Vec<Name>,
        args: Option<Vec<Name>>,
    },
    /// `#[sharelock::source(category = .., .., args(a, ..))]`; `args: None` labels the return value.
    Source {
        label: LabelSpec,
        args: Option<Vec<Name>>,
    },
    /// `#[sharelock::sanitizer(removes = ..)]`; `removes: None` (bare) removes every label.
    Sanitizer {
        removes: Option<Vec<(Category, Span)>>,
    },
    /// `#[sharelock::consent_check(p, ..)]`.
    ConsentCheck { parties: Vec<Name> },
    /// `#[sharelock::allow_flow(reason = "..")]`.
    AllowFlow { reason: String },
}

/// The attribute macros, by the name they are exported under from `sharelock`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RoleKind {
    Sink,
    Source,
    Sanitizer,
    ConsentCheck,
    AllowFlow,
}

impl RoleKind {
    /// Every role, for lookups by name.
    pub const ALL: [RoleKind; 5] = [
        RoleKind::Sink,
        RoleKind::Source,
        RoleKind::Sanitizer,
        RoleKind::ConsentCheck,
        RoleKind::AllowFlow,
    ];

    /// The name the macro is exported under: `sink`, `consent_check`, ...
    pub fn name(self) -> &'static str {
        match self {
            RoleKind::Sink => "sink",
            RoleKind::Source => "source",
            RoleKind::Sanitizer => "sanitizer",
            RoleKind::ConsentCheck => "consent_check",
            RoleKind::AllowFlow => "allow_flow",
        }
    }

    pub fn from_name(name: &str) -> Option<RoleKind> {
        RoleKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Names under which `sharelock`'s attribute macros are visible in one module: the full path
/// `sharelock::sink` always works; `use sharelock::sink;`, `use sharelock::{sink as s};` and
/// `use sharelock::*;` add bare names.
#[derive(Clone, Debug, Default)]
pub struct Imports {
    pub names: Vec<(String, RoleKind)>,
    pub glob: bool,
    /// Other names of the crate itself: those its dependent's manifest gives it (`sl = {
    /// package = "sharelock" }`) and those it is imported under (`use sharelock as sl;`).
    pub aliases: Vec<String>,
}

/// The crate whose macros the annotations are.
pub const CRATE: &str = "sharelock";

impl Imports {
    /// Records what one `use` item imports from `sharelock`.
    pub fn add_use(&mut self, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) if self.is_crate(&path.ident.to_string()) => {
                self.add_from_crate(&path.tree)
            }
            syn::UseTree::Rename(rename) if self.is_crate(&rename.ident.to_string()) => {
                self.aliases.push(rename.rename.to_string())
            }
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| self.add_use(t)),
            _ => {}
        }
    }

    /// Records `extern crate sharelock as sl;`.
    pub fn add_extern_crate(&mut self, item: &syn::ItemExternCrate) {
        if let (true, Some((_, rename))) = (self.is_crate(&item.ident.to_string()), &item.rename) {
            self.aliases.push(rename.to_string());
        }
    }

    fn is_crate(&self, name: &str) -> bool {
        name == CRATE || self.aliases.iter().any(|a| a == name)
    }

    /// Records the part of a `use` tree after `sharelock::`.
    fn add_from_crate(&mut self, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Name(name) => self.add_name(&name.ident, &name.ident),
            syn::UseTree::Rename(rename) => self.add_name(&rename.ident, &rename.rename),
            syn::UseTree::Glob(_) => self.glob = true,
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| self.add_from_crate(t)),
            syn::UseTree::Path(_) => {}
        }
    }

    fn add_name(&mut self, exported: &Ident, local: &Ident) {
        if let Some(kind) = RoleKind::from_name(&exported.to_string()) {
            if local != "_" {
                self.names.push((local.to_string(), kind));
            }
        }
    }

    /// The role a bare attribute name stands for in this module.
    fn kind_of(&self, name: &str) -> Option<RoleKind> {
        let imported = self.names.iter().find(|(n, _)| n == name).map(|(_, k)| *k);
        imported.or_else(|| RoleKind::from_name(name).filter(|_| self.glob))
    }
}

/// Is this attribute `#[sharelock(..)]` (a label on a type, field or variant)?
pub fn is_label_attr(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("sharelock")
}

/// Parses the arguments of `#[sharelock(..)]`: every error in it, combined.
pub fn parse_label(attr: &syn::Attribute) -> syn::Result<LabelSpec> {
    let (label, _, errors) = read_label(attr);
    errors.finish(label)
}

/// [`parse_label`], then [`LabelSpec::validate_names`] when there is a policy, reporting the
/// errors of both together (names are checked even when the annotation has other errors).
pub fn parse_label_checked(
    attr: &syn::Attribute,
    policy: Option<&Policy>,
) -> syn::Result<LabelSpec> {
    let (label, mentions, mut errors) = read_label(attr);
    if let Some(policy) = policy {
        mentions.check_names(policy, &mut errors);
    }
    errors.finish(label)
}

fn read_label(attr: &syn::Attribute) -> (Option<LabelSpec>, Mentions, Errors) {
    let list = match &attr.meta {
        syn::Meta::List(list) if matches!(list.delimiter, syn::MacroDelimiter::Paren(_)) => list,
        _ => {
            let mut errors = Errors::default();
            errors.push(syn::Error::new_spanned(
                attr,
                "expected `#[sharelock(category = \"..\", ..)]`",
            ));
            return (None, Mentions::default(), errors);
        }
    };
    let args = Args::parse(list.tokens.clone());
    let mut errors = args.errors;
    let mut label = LabelParts::new(args.broken);
    for arg in &args.args {
        if !label.take(arg, &mut errors) {
            errors.push(unknown_key(&arg.key, LabelParts::KEYS));
        }
    }
    let (label, mentions) = label.finish(&mut errors, || attr.to_token_stream());
    (label, mentions, errors)
}

/// Which role attribute this is, if any, given the module's imports.
pub fn role_kind(attr: &syn::Attribute, imports: &Imports) -> Option<RoleKind> {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    match segments.as_slice() {
        [krate, name] if imports.is_crate(krate) => RoleKind::from_name(name),
        [name] if attr.path().leading_colon.is_none() => imports.kind_of(name),
        _ => None,
    }
}

/// An attribute under `sharelock::` that names none of its macros (`#[sharelock::sinc]`):
/// the compiler rejects it, and the checker must not pass over it as if it were not there.
pub fn unknown_role(attr: &syn::Attribute, imports: &Imports) -> Option<syn::Error> {
    let path = attr.path();
    let [krate, name] = [path.segments.first()?, path.segments.last()?];
    if path.segments.len() != 2 || !imports.is_crate(&krate.ident.to_string()) {
        return None;
    }
    let written = name.ident.to_string();
    if RoleKind::from_name(&written).is_some() {
        return None;
    }
    let names: Vec<&str> = RoleKind::ALL.iter().map(|k| k.name()).collect();
    let listed = (names.iter().map(|k| format!("`{k}`")))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match closest(&written, names.iter().copied()) {
        Some(close) => format!(
            "`{krate}::{written}` is no sharelock attribute: did you mean `{krate}::{close}`? the attributes are {listed}",
            krate = krate.ident
        ),
        None => format!(
            "`{krate}::{written}` is no sharelock attribute: the attributes are {listed}",
            krate = krate.ident
        ),
    };
    Some(syn::Error::new_spanned(path, message))
}

/// Parses a role attribute's arguments (the tokens inside the parentheses, empty when bare).
pub fn parse_role(kind: RoleKind, args: TokenStream) -> syn::Result<FnRole> {
    let (role, _, errors) = read_role(kind, args);
    errors.finish(role)
}

/// [`parse_role`], [`check_signature`] and, when there is a policy, [`FnRole::validate_names`],
/// reporting the errors of all three together (each check runs on what could be read, even
/// when the annotation has other errors).
pub fn parse_role_checked(
    kind: RoleKind,
    args: TokenStream,
    sig: &syn::Signature,
    policy: Option<&Policy>,
) -> syn::Result<FnRole> {
    let (role, mentions, mut errors) = read_role(kind, args);
    mentions.check_params(sig, &mut errors);
    if kind == RoleKind::ConsentCheck {
        check_consent_output(sig, &mut errors);
    }
    if let Some(policy) = policy {
        mentions.check_names(policy, &mut errors);
    }
    errors.finish(role)
}

fn read_role(kind: RoleKind, args: TokenStream) -> (Option<FnRole>, Mentions, Errors) {
    let whole = args.clone();
    let parsed = Args::parse(args);
    let mut errors = parsed.errors;
    let mut mentions = Mentions::default();
    let role = match kind {
        RoleKind::Sink | RoleKind::ConsentCheck => {
            party_role(kind, &parsed.args, &whole, &mut errors, &mut mentions)
        }
        RoleKind::Source => {
            let mut label = LabelParts::new(parsed.broken);
            let mut args = None;
            for arg in &parsed.args {
                if arg.key == "args" {
                    args = take_args(arg, args, &mut errors);
                } else if !label.take(arg, &mut errors) {
                    errors.push(unknown_key(&arg.key, &SOURCE_KEYS));
                }
            }
            let (label, label_mentions) = label.finish(&mut errors, || whole.clone());
            mentions = label_mentions;
            mentions.params.extend(args.iter().flatten().cloned());
            label.map(|label| FnRole::Source { label, args })
        }
        RoleKind::Sanitizer => {
            let mut removes = None;
            let mut seen = Vec::new();
            for arg in &parsed.args {
                if arg.key != "removes" {
                    errors.push(unknown_key(&arg.key, &["removes"]));
                } else if first_time(&arg.key, &mut seen, &mut errors) {
                    removes = categories(arg, &mut errors);
                }
            }
            mentions.removals.extend(removes.iter().flatten().cloned());
            Some(FnRole::Sanitizer { removes })
        }
        RoleKind::AllowFlow => {
            let mut reason = None;
            let mut seen = Vec::new();
            for arg in &parsed.args {
                if arg.key != "reason" {
                    errors.push(unknown_key(&arg.key, &["reason"]));
                } else if first_time(&arg.key, &mut seen, &mut errors) {
                    reason = Some(non_empty_reason(arg, &mut errors));
                }
            }
            match reason {
                Some(reason) => reason.map(|reason| FnRole::AllowFlow { reason }),
                None if parsed.broken => None,
                None => {
                    errors.push(spanned_or_call_site(
                        &whole,
                        "`allow_flow` needs a reason: `#[sharelock::allow_flow(reason = \"..\")]`",
                    ));
                    None
                }
            }
        }
    };
    (role, mentions, errors)
}

/// Checks a role against the function it is on: `args(..)` name parameters, a consent check
/// returns `bool`, `Result` or `Option`.
pub fn check_signature(role: &FnRole, sig: &syn::Signature) -> syn::Result<()> {
    let mut errors = Errors::default();
    Mentions::of_role(role).check_params(sig, &mut errors);
    if let FnRole::ConsentCheck { .. } = role {
        check_consent_output(sig, &mut errors);
    }
    errors.finish(Some(()))
}

impl LabelSpec {
    /// Checks the label's parties and category against the policy file.
    pub fn validate_names(&self, policy: &Policy) -> syn::Result<()> {
        let mut errors = Errors::default();
        Mentions::of_label(self).check_names(policy, &mut errors);
        errors.finish(Some(()))
    }
}

impl FnRole {
    /// Checks the role's parties and categories against the policy file.
    pub fn validate_names(&self, policy: &Policy) -> syn::Result<()> {
        let mut errors = Errors::default();
        Mentions::of_role(self).check_names(policy, &mut errors);
        errors.finish(Some(()))
    }
}

/// Every party, category and parameter an annotation names, read even from an annotation with
/// errors, so that the signature and policy checks can run on it.
#[derive(Default)]
struct Mentions {
    parties: Vec<Name>,
    categories: Vec<(Category, Span)>,
    /// Categories a sanitizer removes, which may also be ancestors of known ones.
    removals: Vec<(Category, Span)>,
    params: Vec<Name>,
}

impl Mentions {
    fn of_label(label: &LabelSpec) -> Mentions {
        let lists = [&label.allow, &label.deny, &label.consent, &label.must_reach];
        Mentions {
            parties: lists.into_iter().flatten().cloned().collect(),
            categories: vec![(label.category.clone(), label.category_span)],
            ..Mentions::default()
        }
    }

    fn of_role(role: &FnRole) -> Mentions {
        match role {
            FnRole::Sink { parties, args } => Mentions {
                parties: parties.clone(),
                params: args.iter().flatten().cloned().collect(),
                ..Mentions::default()
            },
            FnRole::Source { label, args } => Mentions {
                params: args.iter().flatten().cloned().collect(),
                ..Mentions::of_label(label)
            },
            FnRole::Sanitizer { removes } => Mentions {
                removals: removes.iter().flatten().cloned().collect(),
                ..Mentions::default()
            },
            FnRole::ConsentCheck { parties } => Mentions {
                parties: parties.clone(),
                ..Mentions::default()
            },
            FnRole::AllowFlow { .. } => Mentions::default(),
        }
    }

    /// `args(..)` must name parameters of the function.
    fn check_params(&self, sig: &syn::Signature, errors: &mut Errors) {
        let params = parameter_names(sig);
        for arg in self.params.iter().filter(|a| !params.contains(&a.text)) {
            errors.push(syn::Error::new(
                arg.span,
                not_a_parameter(&arg.text, &sig.ident, &params),
            ));
        }
    }

    /// Parties and categories must be declared by the policy.
    fn check_names(&self, policy: &Policy, errors: &mut Errors) {
        let categories = self
            .categories
            .iter()
            .map(|(c, span)| (policy.undeclared_category(c), span));
        let removals = self
            .removals
            .iter()
            .map(|(c, span)| (policy.undeclared_removal(c), span));
        let parties = self
            .parties
            .iter()
            .map(|n| (policy.undeclared_party(&n.text), &n.span));
        for (why, span) in categories.chain(removals).chain(parties) {
            if let Some(why) = why {
                errors.push(syn::Error::new(
                    *span,
                    format!("{}\nhelp: {}", why.message, why.help),
                ));
            }
        }
    }
}

/// Errors gathered while reading one annotation, reported together.
#[derive(Default)]
struct Errors(Option<syn::Error>);

impl Errors {
    fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// The value when no error was pushed. `value` is `None` only after an error was pushed.
    fn finish<T>(self, value: Option<T>) -> syn::Result<T> {
        match (self.0, value) {
            (None, Some(value)) => Ok(value),
            (Some(error), _) => Err(error),
            (None, None) => Err(syn::Error::new(
                Span::call_site(),
                "malformed sharelock annotation",
            )),
        }
    }
}

/// One comma-separated argument: `key`, `key = "text"`, `key = ["a", ..]` or `key(a, ..)`.
struct Arg {
    key: Ident,
    value: Value,
    /// The argument's tokens, to point an error at all of it.
    tokens: TokenStream,
}

enum Value {
    Bare,
    Text(LitStr),
    Texts(Vec<LitStr>),
    Names(Vec<Name>),
}

/// An attribute's arguments, parsed one comma-separated piece at a time so that an error in
/// one piece does not hide the errors of the others.
struct Args {
    args: Vec<Arg>,
    errors: Errors,
    /// Some piece could not be read: a key that looks missing may be in it.
    broken: bool,
}

impl Args {
    fn parse(tokens: TokenStream) -> Args {
        let mut args = Vec::new();
        let mut errors = Errors::default();
        let mut pieces = Vec::new();
        let mut piece = Vec::new();
        for token in tokens {
            match &token {
                TokenTree::Punct(p) if p.as_char() == ',' => {
                    if piece.is_empty() {
                        errors.push(syn::Error::new(p.span(), "expected an argument before `,`"));
                    }
                    pieces.push(std::mem::take(&mut piece));
                }
                _ => piece.push(token),
            }
        }
        pieces.push(piece);
        for piece in pieces.into_iter().filter(|p| !p.is_empty()) {
            let piece: TokenStream = piece.into_iter().collect();
            let parsed =
                (|input: ParseStream| Arg::parse(input, piece.clone())).parse2(piece.clone());
            match parsed {
                Ok(arg) => args.push(arg),
                Err(e) => errors.push(e),
            }
        }
        let broken = errors.0.is_some();
        Args {
            args,
            errors,
            broken,
        }
    }
}

impl Arg {
    fn parse(input: ParseStream, tokens: TokenStream) -> syn::Result<Arg> {
        let key = Ident::parse_any(input)?;
        let value = if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            if input.peek(syn::token::Bracket) {
                let content;
                syn::bracketed!(content in input);
                let texts = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
                Value::Texts(texts.into_iter().collect())
            } else {
                Value::Text(input.parse()?)
            }
        } else if input.peek(syn::token::Paren) {
            let content;
            syn::parenthesized!(content in input);
            let names =
                Punctuated::<Ident, Token![,]>::parse_terminated_with(&content, Ident::parse_any)?;
            Value::Names(
                names
                    .into_iter()
                    .map(|n| Name {
                        text: n.unraw().to_string(),
                        span: n.span(),
                    })
                    .collect(),
            )
        } else {
            Value::Bare
        };
        if !input.is_empty() {
            return Err(input.error("expected `,` between arguments"));
        }
        Ok(Arg { key, value, tokens })
    }
}

/// The keys of a `source` attribute.
const SOURCE_KEYS: [&str; 6] = ["category", "allow", "deny", "consent", "must_reach", "args"];

/// A label being read from `category = ..` and the permission lists.
#[derive(Default)]
struct LabelParts {
    category: Option<(Category, Span)>,
    /// Set when `category` was given but malformed, or an argument could not be read: no
    /// "missing category" error then.
    category_given: bool,
    lists: [Vec<Name>; 4],
    /// Indices into `lists` in the order the annotation writes them.
    order: Vec<usize>,
    seen: Vec<String>,
}

impl LabelParts {
    const KEYS: &'static [&'static str] = &["category", "allow", "deny", "consent", "must_reach"];
    const LISTS: [&'static str; 4] = ["allow", "deny", "consent", "must_reach"];

    fn new(broken: bool) -> LabelParts {
        LabelParts {
            category_given: broken,
            ..LabelParts::default()
        }
    }

    /// Takes `arg` if it is a label key; false if the key is not one.
    fn take(&mut self, arg: &Arg, errors: &mut Errors) -> bool {
        let key = arg.key.to_string();
        if key == "category" {
            self.category_given = true;
            if first_time(&arg.key, &mut self.seen, errors) {
                self.category = category(arg, errors);
            }
        } else if let Some(index) = Self::LISTS.iter().position(|l| *l == key) {
            if first_time(&arg.key, &mut self.seen, errors) {
                self.lists[index] = parties(arg, errors);
                self.order.push(index);
            }
        } else {
            return false;
        }
        true
    }

    /// The label, once every argument was taken, and what it mentions; `whole` spans the
    /// annotation for a missing key.
    fn finish(
        self,
        errors: &mut Errors,
        whole: impl FnOnce() -> TokenStream,
    ) -> (Option<LabelSpec>, Mentions) {
        let mut placed: Vec<(&str, &str)> = Vec::new();
        for &index in &self.order {
            let key = Self::LISTS[index];
            for name in &self.lists[index] {
                match placed.iter().find(|(n, _)| *n == name.text) {
                    Some((_, earlier)) if *earlier == key => errors.push(syn::Error::new(
                        name.span,
                        format!("party `{}` is listed twice in `{key}(..)`", name.text),
                    )),
                    Some((_, earlier)) => errors.push(syn::Error::new(
                        name.span,
                        format!(
                            "party `{}` is already in `{earlier}(..)`: a label gives each party one permission",
                            name.text
                        ),
                    )),
                    None => placed.push((&name.text, key)),
                }
            }
        }
        if self.category.is_none() && !self.category_given {
            errors.push(spanned_or_call_site(
                &whole(),
                "missing `category = \"..\"`: every label names its category",
            ));
        }
        let mentions = Mentions {
            parties: self
                .order
                .iter()
                .flat_map(|&i| &self.lists[i])
                .cloned()
                .collect(),
            categories: self.category.iter().cloned().collect(),
            ..Mentions::default()
        };
        let label = self.category.map(|(category, category_span)| {
            let [allow, deny, consent, must_reach] = self.lists;
            LabelSpec {
                category,
                category_span,
                allow,
                deny,
                consent,
                must_reach,
            }
        });
        (label, mentions)
    }
}

/// `sink(p, .., args(..))` and `consent_check(p, ..)`: bare party names.
fn party_role(
    kind: RoleKind,
    args: &[Arg],
    whole: &TokenStream,
    errors: &mut Errors,
    mentions: &mut Mentions,
) -> Option<FnRole> {
    let mut parties: Vec<Name> = Vec::new();
    let mut params = None;
    for arg in args {
        match (&arg.value, arg.key == "args", kind) {
            (Value::Bare, false, _) => {
                let name = Name {
                    text: arg.key.unraw().to_string(),
                    span: arg.key.span(),
                };
                if parties.iter().any(|p| p.text == name.text) {
                    errors.push(syn::Error::new(
                        name.span,
                        format!("party `{}` is listed twice", name.text),
                    ));
                } else {
                    parties.push(name);
                }
            }
            (_, true, RoleKind::Sink) => params = take_args(arg, params, errors),
            _ => {
                let expected = match kind {
                    RoleKind::Sink => {
                        "`sink` takes party names, then optionally `args(parameter, ..)`"
                    }
                    _ => "`consent_check` takes party names",
                };
                errors.push(syn::Error::new_spanned(
                    &arg.tokens,
                    format!("unexpected `{}`: {expected}", arg.tokens),
                ));
            }
        }
    }
    mentions.parties.extend(parties.iter().cloned());
    mentions.params.extend(params.iter().flatten().cloned());
    if parties.is_empty() {
        errors.push(spanned_or_call_site(
            whole,
            format!(
                "`{}` names no party: write `#[sharelock::{}(party)]`",
                kind.name(),
                kind.name()
            ),
        ));
        return None;
    }
    Some(match kind {
        RoleKind::Sink => FnRole::Sink {
            parties,
            args: params,
        },
        _ => FnRole::ConsentCheck { parties },
    })
}

/// `args(a, ..)`: the named parameters; reports a duplicate `args` or an empty list.
fn take_args(arg: &Arg, earlier: Option<Vec<Name>>, errors: &mut Errors) -> Option<Vec<Name>> {
    if earlier.is_some() {
        errors.push(duplicate_key(&arg.key));
        return earlier;
    }
    match &arg.value {
        Value::Names(names) if names.is_empty() => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                "`args()` names no parameter: name parameters, or omit `args`",
            ));
            None
        }
        Value::Names(names) => Some(names.clone()),
        _ => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                "expected `args(parameter, ..)`",
            ));
            None
        }
    }
}

/// A permission list: `allow(p, ..)`, at least one party.
fn parties(arg: &Arg, errors: &mut Errors) -> Vec<Name> {
    match &arg.value {
        Value::Names(names) if names.is_empty() => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                format!(
                    "`{}()` names no party: write `{}(party, ..)` or remove it",
                    arg.key, arg.key
                ),
            ));
            Vec::new()
        }
        Value::Names(names) => names.clone(),
        _ => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                format!("expected a list of parties: `{}(party, ..)`", arg.key),
            ));
            Vec::new()
        }
    }
}

/// `category = "a.b"`.
fn category(arg: &Arg, errors: &mut Errors) -> Option<(Category, Span)> {
    match &arg.value {
        Value::Text(text) => parse_category(text, errors),
        _ => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                "expected `category = \"..\"`, a dotted lowercase path like \"account.phone\"",
            ));
            None
        }
    }
}

/// `removes = "a"` or `removes = ["a", ..]`: `None` after reporting an error.
fn categories(arg: &Arg, errors: &mut Errors) -> Option<Vec<(Category, Span)>> {
    let texts = match &arg.value {
        Value::Text(text) => std::slice::from_ref(text),
        Value::Texts(texts) if !texts.is_empty() => texts.as_slice(),
        _ => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                "expected `removes = \"category\"` or `removes = [\"a\", \"b\"]`; a bare `sanitizer` removes every label",
            ));
            return None;
        }
    };
    let parsed: Vec<_> = texts.iter().map(|t| parse_category(t, errors)).collect();
    parsed.into_iter().collect()
}

fn parse_category(text: &LitStr, errors: &mut Errors) -> Option<(Category, Span)> {
    match Category::parse(&text.value()) {
        Ok(category) => Some((category, text.span())),
        Err(why) => {
            errors.push(syn::Error::new(
                text.span(),
                format!("malformed category: {why}"),
            ));
            None
        }
    }
}

/// `reason = ".."` with some text in it: `None` after reporting an error.
fn non_empty_reason(arg: &Arg, errors: &mut Errors) -> Option<String> {
    match &arg.value {
        Value::Text(text) if !text.value().trim().is_empty() => Some(text.value()),
        Value::Text(text) => {
            errors.push(syn::Error::new(
                text.span(),
                "the reason is empty: say why this flow is allowed (a ticket, a review, an agreement)",
            ));
            None
        }
        _ => {
            errors.push(syn::Error::new_spanned(
                &arg.tokens,
                "expected `reason = \"..\"`",
            ));
            None
        }
    }
}

/// True the first time `key` is seen in an annotation; reports a duplicate otherwise.
fn first_time(key: &Ident, seen: &mut Vec<String>, errors: &mut Errors) -> bool {
    let text = key.to_string();
    if seen.contains(&text) {
        errors.push(duplicate_key(key));
        return false;
    }
    seen.push(text);
    true
}

fn duplicate_key(key: &Ident) -> syn::Error {
    syn::Error::new(
        key.span(),
        format!("duplicate key `{key}`: give each key once"),
    )
}

fn unknown_key(key: &Ident, expected: &[&str]) -> syn::Error {
    let name = key.to_string();
    let listed = expected
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let message = match closest(&name, expected.iter().copied()) {
        Some(close) => {
            format!("unknown key `{name}`: did you mean `{close}`? expected one of {listed}")
        }
        None => format!("unknown key `{name}`: expected one of {listed}"),
    };
    syn::Error::new(key.span(), message)
}

/// An error over `tokens`, or at the macro call site when there are none (a bare attribute).
fn spanned_or_call_site(tokens: &TokenStream, message: impl std::fmt::Display) -> syn::Error {
    if tokens.is_empty() {
        syn::Error::new(Span::call_site(), message)
    } else {
        syn::Error::new_spanned(tokens, message)
    }
}

/// The parameter names a role's `args(..)` may use: `self` and plain identifier patterns.
fn parameter_names(sig: &syn::Signature) -> Vec<String> {
    sig.inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Receiver(_) => Some("self".to_string()),
            syn::FnArg::Typed(typed) => param_name(&typed.pat).map(|i| i.unraw().to_string()),
        })
        .collect()
}

/// The name a parameter's pattern binds, where it binds one: `phone`, `mut phone`,
/// `Json(req)`, `&user`, `(id,)`; `args(..)` names the parameter by it.
pub fn param_name(pat: &syn::Pat) -> Option<&Ident> {
    let mut names = Vec::new();
    collect_bindings(pat, &mut names);
    match names.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

fn collect_bindings<'p>(pat: &'p syn::Pat, out: &mut Vec<&'p Ident>) {
    match pat {
        syn::Pat::Ident(p) => {
            out.push(&p.ident);
            if let Some((_, sub)) = &p.subpat {
                collect_bindings(sub, out);
            }
        }
        syn::Pat::Reference(p) => collect_bindings(&p.pat, out),
        syn::Pat::Paren(p) => collect_bindings(&p.pat, out),
        syn::Pat::Type(p) => collect_bindings(&p.pat, out),
        syn::Pat::TupleStruct(p) => p.elems.iter().for_each(|e| collect_bindings(e, out)),
        syn::Pat::Tuple(p) => p.elems.iter().for_each(|e| collect_bindings(e, out)),
        syn::Pat::Struct(p) => p.fields.iter().for_each(|f| collect_bindings(&f.pat, out)),
        syn::Pat::Slice(p) => p.elems.iter().for_each(|e| collect_bindings(e, out)),
        syn::Pat::Or(p) => {
            if let Some(first) = p.cases.first() {
                collect_bindings(first, out);
            }
        }
        _ => {}
    }
}

fn not_a_parameter(name: &str, function: &Ident, params: &[String]) -> String {
    if params.is_empty() {
        return format!(
            "`{name}` is not a parameter of `{function}`, which has no named parameter"
        );
    }
    let listed = params
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(name, params.iter().map(String::as_str)) {
        Some(close) => format!(
            "`{name}` is not a parameter of `{function}`: did you mean `{close}`? its parameters are {listed}"
        ),
        None => format!("`{name}` is not a parameter of `{function}`; its parameters are {listed}"),
    }
}

/// A consent check's result must say yes or no: `bool`, `Result<..>` or `Option<..>`.
fn check_consent_output(sig: &syn::Signature, errors: &mut Errors) {
    let message = "a consent check must return `bool`, `Result<..>` or `Option<..>` (its positive outcome: `true`, `Ok`, `Some`)";
    match &sig.output {
        syn::ReturnType::Default => errors.push(syn::Error::new(sig.ident.span(), message)),
        syn::ReturnType::Type(_, ty) if !yes_or_no(ty) => {
            errors.push(syn::Error::new_spanned(ty, message))
        }
        syn::ReturnType::Type(..) => {}
    }
}

/// Whether `ty` may be a yes-or-no answer: `bool`, `Result`, `Option`, or a path that may
/// be an alias of one (`ApiResult<()>`, `type Allowed = bool`), since a macro cannot see
/// what an alias stands for. Types that are certainly data are not.
fn yes_or_no(ty: &syn::Type) -> bool {
    const DATA: &[&str] = &[
        "String", "str", "char", "Vec", "HashMap", "BTreeMap", "HashSet", "BTreeSet", "u8", "u16",
        "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64",
    ];
    match ty {
        syn::Type::Paren(inner) => yes_or_no(&inner.elem),
        syn::Type::Group(inner) => yes_or_no(&inner.elem),
        syn::Type::Path(path) => {
            (path.path.segments.last()).is_some_and(|s| !DATA.iter().any(|d| s.ident == d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::parse_quote;

    /// Every message of an error, in order.
    fn messages(error: syn::Error) -> Vec<String> {
        error.into_iter().map(|e| e.to_string()).collect()
    }

    fn role_errors(kind: RoleKind, args: TokenStream) -> Vec<String> {
        messages(parse_role(kind, args).expect_err("the annotation should be rejected"))
    }

    fn policy() -> Policy {
        crate::policy::parse(
            "[parties.parent_company]\n[parties.business_host]\n[parties.user_export]\n\
             [categories]\nknown = [\"account\", \"message.personal\"]\n",
        )
        .unwrap()
    }

    #[test]
    fn a_full_label() {
        let attr: syn::Attribute = parse_quote!(#[sharelock(
            category = "account.contacts", consent(parent_company), allow(infra, user_export),
            must_reach(business_host),
        )]);
        let label = parse_label(&attr).unwrap();
        assert_eq!(label.category.as_str(), "account.contacts");
        let names = |list: &[Name]| list.iter().map(|n| n.text.clone()).collect::<Vec<_>>();
        assert_eq!(names(&label.consent), ["parent_company"]);
        assert_eq!(names(&label.allow), ["infra", "user_export"]);
        assert_eq!(names(&label.must_reach), ["business_host"]);
        assert!(label.deny.is_empty());
    }

    #[test]
    fn every_error_of_one_label_is_reported() {
        let attr: syn::Attribute = parse_quote!(#[sharelock(
            category = "Account", catgory = "x", allow(), deny(a), consent(a), deny(b)
        )]);
        assert_eq!(
            messages(parse_label(&attr).unwrap_err()),
            [
                "malformed category: segment `Account` of `Account` must start with a lowercase letter",
                "unknown key `catgory`: did you mean `category`? expected one of `category`, `allow`, `deny`, `consent`, `must_reach`",
                "`allow()` names no party: write `allow(party, ..)` or remove it",
                "duplicate key `deny`: give each key once",
                "party `a` is already in `deny(..)`: a label gives each party one permission",
            ]
        );
    }

    #[test]
    fn a_label_needs_a_category_and_a_list() {
        let attr: syn::Attribute = parse_quote!(#[sharelock(allow(a))]);
        assert_eq!(
            messages(parse_label(&attr).unwrap_err()),
            ["missing `category = \"..\"`: every label names its category"]
        );
        let attr: syn::Attribute = parse_quote!(#[sharelock]);
        assert!(parse_label(&attr).is_err());
        let attr: syn::Attribute =
            parse_quote!(#[sharelock(category = "a", allow = "b", allow(c, c))]);
        assert_eq!(
            messages(parse_label(&attr).unwrap_err()),
            [
                "expected a list of parties: `allow(party, ..)`",
                "duplicate key `allow`: give each key once"
            ]
        );
    }

    #[test]
    fn malformed_tokens_do_not_hide_other_errors() {
        let attr: syn::Attribute = parse_quote!(#[sharelock(category = 3, ,consent(a b), bogus)]);
        assert_eq!(
            messages(parse_label(&attr).unwrap_err()),
            [
                "expected an argument before `,`",
                "expected string literal",
                "expected `,`",
                "unknown key `bogus`: expected one of `category`, `allow`, `deny`, `consent`, `must_reach`",
            ]
        );
    }

    #[test]
    fn sinks() {
        let FnRole::Sink { parties, args } = parse_role(
            RoleKind::Sink,
            quote!(parent_company, business_host, args(self, body)),
        )
        .unwrap() else {
            panic!("not a sink")
        };
        assert_eq!(parties.len(), 2);
        assert_eq!(
            args.unwrap()
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>(),
            ["self", "body"]
        );
        assert_eq!(
            role_errors(RoleKind::Sink, quote!()),
            ["`sink` names no party: write `#[sharelock::sink(party)]`"]
        );
        assert_eq!(
            role_errors(RoleKind::Sink, quote!(a, a, args(), reason = "x")),
            [
                "party `a` is listed twice",
                "`args()` names no parameter: name parameters, or omit `args`",
                "unexpected `reason = \"x\"`: `sink` takes party names, then optionally `args(parameter, ..)`",
            ]
        );
    }

    #[test]
    fn sources() {
        let role = parse_role(
            RoleKind::Source,
            quote!(category = "account.phone", consent(p), args(phone)),
        );
        assert!(matches!(role, Ok(FnRole::Source { args: Some(_), .. })));
        assert_eq!(
            role_errors(RoleKind::Source, quote!(category = "a", removes = "b")),
            ["unknown key `removes`: expected one of `category`, `allow`, `deny`, `consent`, `must_reach`, `args`"]
        );
    }

    #[test]
    fn sanitizers() {
        assert!(matches!(
            parse_role(RoleKind::Sanitizer, quote!()),
            Ok(FnRole::Sanitizer { removes: None })
        ));
        let FnRole::Sanitizer {
            removes: Some(removes),
        } = parse_role(
            RoleKind::Sanitizer,
            quote!(removes = ["account.phone", "message"]),
        )
        .unwrap()
        else {
            panic!("not a sanitizer")
        };
        assert_eq!(removes.len(), 2);
        assert_eq!(
            role_errors(RoleKind::Sanitizer, quote!(removes = [], removes = "a")),
            [
                "expected `removes = \"category\"` or `removes = [\"a\", \"b\"]`; a bare `sanitizer` removes every label",
                "duplicate key `removes`: give each key once",
            ]
        );
    }

    #[test]
    fn consent_checks_and_allow_flows() {
        assert!(matches!(
            parse_role(RoleKind::ConsentCheck, quote!(parent_company)),
            Ok(FnRole::ConsentCheck { .. })
        ));
        assert_eq!(
            role_errors(RoleKind::ConsentCheck, quote!(args(x))),
            [
                "unexpected `args (x)`: `consent_check` takes party names",
                "`consent_check` names no party: write `#[sharelock::consent_check(party)]`",
            ]
        );
        let role = parse_role(RoleKind::AllowFlow, quote!(reason = "DPA-2021-04"));
        assert!(matches!(role, Ok(FnRole::AllowFlow { reason }) if reason == "DPA-2021-04"));
        assert_eq!(
            role_errors(RoleKind::AllowFlow, quote!()),
            ["`allow_flow` needs a reason: `#[sharelock::allow_flow(reason = \"..\")]`"]
        );
        assert_eq!(
            role_errors(RoleKind::AllowFlow, quote!(reason = "  ", reasn = "x")),
            [
                "the reason is empty: say why this flow is allowed (a ticket, a review, an agreement)",
                "unknown key `reasn`: did you mean `reason`? expected one of `reason`",
            ]
        );
    }

    #[test]
    fn signatures() {
        let sig: syn::Signature = parse_quote!(fn upload(&self, client: &Client, (a, b): (u8, u8)));
        let sink = parse_role(RoleKind::Sink, quote!(p, args(self, client, clent, a))).unwrap();
        assert_eq!(
            messages(check_signature(&sink, &sig).unwrap_err()),
            [
                "`clent` is not a parameter of `upload`: did you mean `client`? its parameters are `self`, `client`",
                "`a` is not a parameter of `upload`; its parameters are `self`, `client`",
            ]
        );
        let check = parse_role(RoleKind::ConsentCheck, quote!(p)).unwrap();
        for ok in [
            quote!(fn f(u: &User) -> bool),
            quote!(async fn f(u: &User) -> Result<(), E>),
            quote!(fn f(u: &User) -> std::option::Option<Token>),
        ] {
            let sig: syn::Signature = syn::parse2(ok).unwrap();
            assert!(check_signature(&check, &sig).is_ok());
        }
        for bad in [
            quote!(fn f(u: &User)),
            quote!(fn f(u: &User) -> u8),
            quote!(fn f() -> &bool),
        ] {
            let sig: syn::Signature = syn::parse2(bad).unwrap();
            assert!(check_signature(&check, &sig).is_err());
        }
    }

    #[test]
    fn imports_make_bare_names_roles() {
        let attr = |tokens: TokenStream| -> syn::Attribute { parse_quote!(#[#tokens]) };
        let none = Imports::default();
        assert_eq!(
            role_kind(&attr(quote!(sharelock::sink(p))), &none),
            Some(RoleKind::Sink)
        );
        assert_eq!(
            role_kind(&attr(quote!(::sharelock::allow_flow)), &none),
            Some(RoleKind::AllowFlow)
        );
        assert_eq!(role_kind(&attr(quote!(sink(p))), &none), None);
        assert_eq!(role_kind(&attr(quote!(other::sink(p))), &none), None);

        let mut imports = Imports::default();
        for tree in [
            quote!(sharelock::sink),
            quote!(sharelock::{source as labelled, sanitizer, Data}),
            quote!({ std::fmt, sharelock::consent_check as _ }),
        ] {
            let item: syn::ItemUse = parse_quote!(use #tree;);
            imports.add_use(&item.tree);
        }
        assert_eq!(
            role_kind(&attr(quote!(sink(p))), &imports),
            Some(RoleKind::Sink)
        );
        assert_eq!(
            role_kind(&attr(quote!(labelled)), &imports),
            Some(RoleKind::Source)
        );
        assert_eq!(role_kind(&attr(quote!(source)), &imports), None);
        assert_eq!(
            role_kind(&attr(quote!(sanitizer)), &imports),
            Some(RoleKind::Sanitizer)
        );
        assert_eq!(role_kind(&attr(quote!(consent_check)), &imports), None);

        let mut glob = Imports::default();
        glob.add_use(&parse_quote!(sharelock::*));
        assert!(glob.glob);
        assert_eq!(
            role_kind(&attr(quote!(consent_check(p))), &glob),
            Some(RoleKind::ConsentCheck)
        );
        assert_eq!(role_kind(&attr(quote!(derive(Debug))), &glob), None);
    }

    #[test]
    fn names_are_checked_against_the_policy() {
        let attr: syn::Attribute = parse_quote!(#[sharelock(category = "acount.phone", consent(parnet_company), deny(nobody))]);
        let label = parse_label(&attr).unwrap();
        assert_eq!(
            messages(label.validate_names(&policy()).unwrap_err()),
            [
                "category `acount.phone` is not among the known categories\nhelp: did you mean `account.phone`? `[categories] known` lists `account`, `message.personal`; add `acount.phone` or an ancestor there",
                "unknown party `nobody`\nhelp: the declared parties are `parent_company`, `business_host`, `user_export`",
                "unknown party `parnet_company`\nhelp: did you mean `parent_company`? the declared parties are `parent_company`, `business_host`, `user_export`",
            ]
        );
        let sanitizer = parse_role(
            RoleKind::Sanitizer,
            quote!(removes = ["message", "account.phone", "mesage"]),
        )
        .unwrap();
        assert_eq!(
            sanitizer
                .validate_names(&policy())
                .unwrap_err()
                .into_iter()
                .count(),
            1
        );
        let sink = parse_role(RoleKind::Sink, quote!(parent_company, user_export)).unwrap();
        assert!(sink.validate_names(&policy()).is_ok());
        let check = parse_role(RoleKind::ConsentCheck, quote!(business_hots)).unwrap();
        assert!(check.validate_names(&policy()).is_err());
    }

    #[test]
    fn checked_parsing_reports_grammar_signature_and_names_together() {
        let sig: syn::Signature = parse_quote!(async fn on_register(&self, phone: String) -> usize);
        let args = quote!(
            category = "account.phone",
            allow(user_export),
            allow(parnet_company),
            args(phon)
        );
        assert_eq!(
            messages(parse_role_checked(RoleKind::Source, args, &sig, Some(&policy())).unwrap_err()),
            [
                "duplicate key `allow`: give each key once",
                "`phon` is not a parameter of `on_register`: did you mean `phone`? its parameters are `self`, `phone`",
            ]
        );
        let sig: syn::Signature = parse_quote!(fn shares(&self) -> u8);
        let args = quote!(parent_company, busines_host, parent_company);
        assert_eq!(
            messages(
                parse_role_checked(RoleKind::ConsentCheck, args, &sig, Some(&policy()))
                    .unwrap_err()
            )
            .len(),
            3
        );
        let attr: syn::Attribute =
            parse_quote!(#[sharelock(category = "Account", must_reach(nobody))]);
        assert_eq!(
            messages(parse_label_checked(&attr, Some(&policy())).unwrap_err()),
            [
                "malformed category: segment `Account` of `Account` must start with a lowercase letter",
                "unknown party `nobody`\nhelp: the declared parties are `parent_company`, `business_host`, `user_export`",
            ]
        );
        assert!(parse_label_checked(&attr, None).is_err());
        let attr: syn::Attribute =
            parse_quote!(#[sharelock(category = "account", must_reach(nobody))]);
        assert!(parse_label_checked(&attr, None).is_ok());
    }

    #[test]
    fn odd_tokens_are_errors_never_panics() {
        let inputs = [
            quote!(= = ,),
            quote!(category =),
            quote!(allow(1)),
            quote!(::a::b),
            quote!("text"),
            quote!([x]),
            quote!(a = b),
            quote!(removes = ["a", 1]),
            quote!(args(self) args(x)),
            quote!(,,),
            quote!(category = "a" allow(b)),
        ];
        for kind in RoleKind::ALL {
            for input in &inputs {
                let _ = parse_role(kind, input.clone());
            }
        }
        for input in &inputs {
            let attr: syn::Attribute = parse_quote!(#[sharelock(#input)]);
            assert!(parse_label(&attr).is_err(), "{input}");
        }
    }
}
