//! The annotation grammar: one parser for `#[sharelock(..)]`, `#[sharelock::sink(..)]` and the
//! other attributes, used by the macros (at compile time, on the tokens they receive) and by
//! the checker (on the attributes it reads from source), so the two can never disagree.
//!
//! Everything here works on `proc_macro2` tokens and spans; the checker converts spans to
//! positions when it lowers a file.
//!
//! OWNER: helper A (issue 2). The public types below are the contract with the checker.

use crate::model::Category;
use proc_macro2::Span;

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
    Sink { parties: Vec<Name>, args: Option<Vec<Name>> },
    /// `#[sharelock::source(category = .., .., args(a, ..))]`; `args: None` labels the return value.
    Source { label: LabelSpec, args: Option<Vec<Name>> },
    /// `#[sharelock::sanitizer(removes = ..)]`; `removes: None` (bare) removes every label.
    Sanitizer { removes: Option<Vec<(Category, Span)>> },
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

/// Names under which `sharelock`'s attribute macros are visible in one module: the full path
/// `sharelock::sink` always works; `use sharelock::sink;`, `use sharelock::{sink as s};` and
/// `use sharelock::*;` add bare names.
#[derive(Clone, Debug, Default)]
pub struct Imports {
    pub names: Vec<(String, RoleKind)>,
    pub glob: bool,
}

impl Imports {
    /// Records what one `use` item imports from `sharelock`.
    pub fn add_use(&mut self, _tree: &syn::UseTree) {
        todo!("helper A")
    }
}

/// Is this attribute `#[sharelock(..)]` (a label on a type, field or variant)?
pub fn is_label_attr(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("sharelock")
}

/// Parses the arguments of `#[sharelock(..)]`: every error in it, combined.
pub fn parse_label(_attr: &syn::Attribute) -> syn::Result<LabelSpec> {
    todo!("helper A")
}

/// Which role attribute this is, if any, given the module's imports.
pub fn role_kind(_attr: &syn::Attribute, _imports: &Imports) -> Option<RoleKind> {
    todo!("helper A")
}

/// Parses a role attribute's arguments (the tokens inside the parentheses, empty when bare).
pub fn parse_role(_kind: RoleKind, _args: proc_macro2::TokenStream) -> syn::Result<FnRole> {
    todo!("helper A")
}

/// Checks a role against the function it is on: `args(..)` name parameters, a consent check
/// returns `bool`, `Result` or `Option`.
pub fn check_signature(_role: &FnRole, _sig: &syn::Signature) -> syn::Result<()> {
    todo!("helper A")
}
