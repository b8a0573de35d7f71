//! `sharelock.toml`: the parties, categories and external items of a policy, parsed into
//! typed structures and validated, every error carrying its byte span in the file.
//!
//! Used by the checker and, through the same code, by the macros (to validate party and
//! category names at compile time).
//!
//! OWNER: helper A (issue 2). The public types below are the contract with the checker.

use crate::model::{Category, Default, Party, Permission};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The file name looked up from the checked path upwards.
pub const FILE_NAME: &str = "sharelock.toml";

/// A path naming an item as code writes it after `use` resolution: `graph_sdk::GraphClient::post`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ItemPath(pub Vec<String>);

/// A label declared in the policy file (`[[sources]]`, `[[labels]]`); the same meaning as a
/// `LabelSpec` from an annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelDecl {
    pub category: Category,
    pub allow: Vec<Party>,
    pub deny: Vec<Party>,
    pub consent: Vec<Party>,
    pub must_reach: Vec<Party>,
}

#[derive(Clone, Debug)]
pub struct PartyDecl {
    pub name: Party,
    pub description: Option<String>,
    pub default: Default,
    /// Byte span of the `[parties.NAME]` header, for diagnostics.
    pub span: Range<usize>,
}

/// One external item with a role, from any of the list forms of the file.
#[derive(Clone, Debug)]
pub struct Entry<T> {
    pub path: ItemPath,
    pub role: T,
    /// Byte span of the entry (its `path` value) in the file.
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct SinkRole {
    pub party: Party,
    /// `None`: every non-self argument.
    pub args: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct SourceRole {
    pub label: LabelDecl,
    /// `None`: the return value.
    pub args: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct SanitizerRole {
    /// `None`: every label.
    pub removes: Option<Vec<Category>>,
}

#[derive(Clone, Debug)]
pub struct Policy {
    /// Declared parties, in file order.
    pub parties: Vec<PartyDecl>,
    /// `[categories] known`, when present.
    pub known_categories: Option<Vec<Category>>,
    /// `[parties.P] sinks = [..]` and `[[sinks]]`, in file order.
    pub sinks: Vec<Entry<SinkRole>>,
    pub sources: Vec<Entry<SourceRole>>,
    /// `[[labels]]`: a label for a type of another crate.
    pub labels: Vec<Entry<LabelDecl>>,
    pub sanitizers: Vec<Entry<SanitizerRole>>,
    pub consent_checks: Vec<Entry<Party>>,
}

/// An error in the policy file, with the byte span it points at.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyError {
    pub message: String,
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

impl Policy {
    pub fn party(&self, name: &str) -> Option<&PartyDecl> {
        self.parties.iter().find(|p| p.name.as_str() == name)
    }

    /// What `label` permits for `party`: its own lists first, then the party's default.
    pub fn permission(&self, label: &LabelDecl, party: &Party) -> Permission {
        if label.allow.contains(party) {
            Permission::Allow
        } else if label.deny.contains(party) {
            Permission::Deny
        } else if label.consent.contains(party) {
            Permission::Consent
        } else {
            self.party(party.as_str()).map_or(Permission::Deny, |p| p.default.permission())
        }
    }
}

/// Finds `sharelock.toml` in `start` (a file's folder or a folder) or the nearest ancestor.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = if start.is_file() { start.parent()? } else { start };
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// Parses and validates a whole `sharelock.toml`; every error found, each with its span.
pub fn parse(_text: &str) -> Result<Policy, Vec<PolicyError>> {
    todo!("helper A")
}
