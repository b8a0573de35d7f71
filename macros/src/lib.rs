//! The procedural macros of sharelock, re-exported by the `sharelock` crate; depend on that.
//!
//! Every macro validates its annotation with the checker's own grammar
//! (`sharelock_checker::annotations`), so the build and `cargo sharelock check` agree on what
//! an annotation means, then expands to the item unchanged. Party and category names are
//! checked against the nearest `sharelock.toml` above the package being built.

mod derive;
mod errors;
mod function;
mod policy_file;

use proc_macro::TokenStream;
use sharelock_checker::annotations::RoleKind;

/// Labels a type and its fields with `#[sharelock(category = "..", allow(..), deny(..),
/// consent(..), must_reach(..))]` and implements `sharelock::Labeled`.
#[proc_macro_derive(Data, attributes(sharelock))]
pub fn derive_data(input: TokenStream) -> TokenStream {
    derive::expand(input.into()).into()
}

/// `#[sharelock::sink(party, .., args(param, ..))]`: the function sends its arguments (by
/// default every non-self one) to each party.
#[proc_macro_attribute]
pub fn sink(args: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(RoleKind::Sink, args.into(), item.into()).into()
}

/// `#[sharelock::source(category = "..", permissions.., args(param, ..))]`: the return value
/// (or the named parameters) carry this label.
#[proc_macro_attribute]
pub fn source(args: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(RoleKind::Source, args.into(), item.into()).into()
}

/// `#[sharelock::sanitizer]` or `#[sharelock::sanitizer(removes = "a" | ["a", "b"])]`: the
/// result no longer carries the labels of those categories (bare: any label).
#[proc_macro_attribute]
pub fn sanitizer(args: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(RoleKind::Sanitizer, args.into(), item.into()).into()
}

/// `#[sharelock::consent_check(party, ..)]`: `true` / `Ok(_)` / `Some(_)` means the user
/// permits sharing with the parties.
#[proc_macro_attribute]
pub fn consent_check(args: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(RoleKind::ConsentCheck, args.into(), item.into()).into()
}

/// `#[sharelock::allow_flow(reason = "..")]`: violations whose sink call is written in this
/// function are suppressed, and reported with the reason.
#[proc_macro_attribute]
pub fn allow_flow(args: TokenStream, item: TokenStream) -> TokenStream {
    function::expand(RoleKind::AllowFlow, args.into(), item.into()).into()
}
