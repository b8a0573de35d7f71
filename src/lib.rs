//! sharelock: data-sharing permissions for Rust types and functions, checked statically by
//! `cargo sharelock check`.
//!
//! Label the data, mark the functions where data leaves for a party, and the checker proves
//! that labelled data reaches only the parties its labels allow. The annotations cost nothing
//! at run time: the attribute macros expand to the item unchanged, and [`Data`] adds only a
//! constant table of labels ([`Labeled::LABELS`]) for introspection.
//!
//! ```
//! use sharelock::{Labeled, Permission, Site};
//!
//! #[derive(sharelock::Data)]
//! pub struct User {
//!     pub id: u64,
//!     #[sharelock(category = "account.phone", consent(parent_company))]
//!     pub phone: String,
//!     #[sharelock(category = "account.opt_out", allow(parent_company), must_reach(user_export))]
//!     pub opted_out_2016: bool,
//! }
//!
//! /// Sends its argument to the parent company: a sink for that party.
//! #[sharelock::sink(parent_company)]
//! pub fn post_to_graph(body: &[u8]) -> usize {
//!     body.len()
//! }
//!
//! /// True when this user permits sharing with the parent company.
//! #[sharelock::consent_check(parent_company)]
//! pub fn shares_with_parent(user: &User) -> bool {
//!     !user.opted_out_2016
//! }
//!
//! let phone = &User::LABELS[0];
//! assert_eq!(phone.category, "account.phone");
//! assert_eq!(phone.site, Site::Field("phone"));
//! assert_eq!(phone.permission("parent_company"), Some(Permission::Consent));
//! assert_eq!(User::LABELS[1].permission("user_export"), Some(Permission::MustReach));
//! ```
//!
//! Party names and categories are checked at compile time against the nearest
//! `sharelock.toml` above the package (see `docs/annotations.md` and `docs/policy.md`).

pub use sharelock_macros::{allow_flow, consent_check, sanitizer, sink, source, Data};

/// A type whose values carry sharing labels, implemented by `#[derive(sharelock::Data)]`.
pub trait Labeled {
    /// Every label declared on the type and on its fields, in declaration order.
    const LABELS: &'static [Label];
}

/// One `#[sharelock(..)]` annotation: a category and the permissions it states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    /// The dotted category, like `account.phone`.
    pub category: &'static str,
    /// Each party the annotation names, with what it says about that party. Parties it does
    /// not name get their `default` from `sharelock.toml`, which is not known at run time.
    pub parties: &'static [(&'static str, Permission)],
    /// Where the annotation is written.
    pub site: Site,
}

impl Label {
    /// What this label says about `party`, if it names it.
    pub fn permission(&self, party: &str) -> Option<Permission> {
        self.parties
            .iter()
            .find(|(name, _)| *name == party)
            .map(|(_, permission)| *permission)
    }
}

/// What a label states about one party: the list the annotation names it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// `allow(p)`: may reach `p`.
    Allow,
    /// `deny(p)`: must never reach `p`, except through a sanitizer that removes the category.
    Deny,
    /// `consent(p)`: may reach `p` only on paths guarded by a consent check for `p`.
    Consent,
    /// `must_reach(p)`: some path must carry the value to a sink of `p`.
    MustReach,
}

/// Where a label is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Site {
    /// On the type: every value of the type.
    Type,
    /// On a field of a struct (a tuple struct's fields are named `0`, `1`, ...).
    Field(&'static str),
    /// On a field of an enum variant.
    VariantField {
        variant: &'static str,
        field: &'static str,
    },
}
