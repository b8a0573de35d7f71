//! The one violation type every output format renders, and the report that carries them.
//!
//! The engine produces `Report`; `render::*` turns it into text. Nothing else decides what a
//! violation is or how it is identified (its fingerprint).

use crate::model::{Category, Party, Pos};
use std::sync::Arc;

/// The central code table: every rule sharelock reports, in one place.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Code {
    /// A label reaches a party it denies (explicitly or by the party's default).
    DeniedFlow,
    /// A `consent(p)` label reaches `p` where no consent check for `p` guards the sink call.
    ConsentWithoutCheck,
    /// A `must_reach(p)` label never reaches a sink of `p`.
    RequiredFlowMissing,
    /// An `allow_flow` that suppresses nothing.
    UnusedAllowFlow,
}

impl Code {
    pub const ALL: [Code; 4] = [
        Code::DeniedFlow,
        Code::ConsentWithoutCheck,
        Code::RequiredFlowMissing,
        Code::UnusedAllowFlow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::DeniedFlow => "SL001",
            Code::ConsentWithoutCheck => "SL002",
            Code::RequiredFlowMissing => "SL003",
            Code::UnusedAllowFlow => "SL004",
        }
    }

    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

/// A position in a checked file; `file` is relative to the checked PATH, with `/` separators.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Location {
    pub file: Arc<str>,
    pub pos: Pos,
}

/// One step of a flow, from source to sink: a read, a call crossed, a return.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Step {
    pub location: Location,
    pub note: String,
}

/// Where a flow ends: the sink call's callee name, and the sink function's path.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Sink {
    pub location: Location,
    /// The resolved path of the sink item, `crate::graph::GraphClient::post`.
    pub function: String,
}

/// Why a violation does not count: an `allow_flow` on the enclosing function.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Suppression {
    pub reason: String,
    pub location: Location,
}

#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Violation {
    pub code: Code,
    pub message: String,
    /// `None` for SL004, which is about an `allow_flow`, not a label.
    pub category: Option<Category>,
    /// `None` for SL004.
    pub party: Option<Party>,
    /// The annotation that states the label (SL001-SL003) or the `allow_flow` (SL004).
    pub source: Location,
    /// The item path of the source (`crate::User::phone`), for fingerprints and reports.
    pub source_item: String,
    pub sink: Option<Sink>,
    pub path: Vec<Step>,
    pub suppressed: Option<Suppression>,
    /// Stable across line shifts and unrelated edits: a hash of code, category, party and the
    /// source and sink item paths.
    pub fingerprint: String,
}

/// Something that stopped part of the check: the result is then not clean (exit 2).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Error {
    pub message: String,
    pub location: Option<Location>,
    pub help: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub functions: usize,
    pub violations: usize,
    pub suppressed: usize,
}

/// How a flow that reaches a sink was judged.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Outcome {
    /// The label allows the party (explicitly or by default).
    Allowed,
    /// A consent label under a consent check: `note` says which guard.
    Guarded { note: String },
    /// A violation (possibly suppressed): see `Report::violations`.
    Violation(Code),
}

/// One label reaching one sink call, whatever the verdict: what `graph` draws and
/// `inventory` lists. Violations are the flows whose outcome is a violation.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Flow {
    pub category: Category,
    pub party: Party,
    pub source: Location,
    pub source_item: String,
    pub sink: Sink,
    pub path: Vec<Step>,
    pub outcome: Outcome,
    pub suppressed: Option<Suppression>,
}

/// A declared label, for the inventory.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct LabelInfo {
    pub category: Category,
    /// `crate::User::phone`, `crate::PersonalMessage`, `crate::read_address_book`.
    pub item: String,
    pub location: Location,
    /// The permission for every declared party, defaults applied.
    pub permissions: Vec<(Party, crate::model::Permission)>,
    /// Each `must_reach` party and whether some flow reaches it.
    pub must_reach: Vec<(Party, bool)>,
}

/// The result of a check: what every output format renders.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Sorted by sink (or source) location, then code, category, party.
    pub violations: Vec<Violation>,
    /// Every label reaching a sink, sorted like violations.
    pub flows: Vec<Flow>,
    pub labels: Vec<LabelInfo>,
    pub errors: Vec<Error>,
    pub summary: Summary,
    /// The text of every file a location names, by relative path, for rendering snippets.
    pub files: Vec<(Arc<str>, Arc<str>)>,
}

impl Report {
    /// 0 clean, 1 unsuppressed violations, 2 errors (a partial result is never clean).
    pub fn exit_code(&self) -> i32 {
        if !self.errors.is_empty() {
            2
        } else if self.violations.iter().any(|v| v.suppressed.is_none()) {
            1
        } else {
            0
        }
    }

    pub fn file_text(&self, file: &str) -> Option<&Arc<str>> {
        self.files
            .iter()
            .find(|(name, _)| &**name == file)
            .map(|(_, text)| text)
    }
}

/// A stable 64-bit FNV-1a hash, so fingerprints do not depend on the std hasher's seed.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
