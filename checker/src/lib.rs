//! sharelock-checker: proves, from source text alone, that labelled user data reaches only
//! the parties its labels allow.
//!
//! The pipeline runs one way: discover → load (parse + lower, per file, in parallel) →
//! resolve → propagate (summaries over the call graph) → judge → render. See
//! `ARCHITECTURE.md` at the repository root.
//!
//! Without the default `analysis` feature only the annotation grammar and the policy file
//! parser are built: the macros use them so that compile-time validation and the checker
//! read annotations through the same code.

pub mod annotations;
pub mod model;
pub mod policy;

#[cfg(feature = "analysis")]
pub mod baseline;
#[cfg(feature = "analysis")]
pub mod build;
#[cfg(feature = "analysis")]
pub mod codes;
#[cfg(feature = "analysis")]
pub mod diagnostic;
#[cfg(feature = "analysis")]
pub mod discover;
#[cfg(feature = "analysis")]
pub mod ir;
#[cfg(feature = "analysis")]
pub mod judge;
#[cfg(feature = "analysis")]
pub mod load;
#[cfg(feature = "analysis")]
pub mod lower;
#[cfg(feature = "analysis")]
pub mod lsp;
#[cfg(feature = "analysis")]
pub mod program;
#[cfg(feature = "analysis")]
pub mod propagate;
#[cfg(feature = "analysis")]
pub mod render;
#[cfg(feature = "analysis")]
mod timing;
#[cfg(feature = "analysis")]
pub mod views;
#[cfg(feature = "analysis")]
pub mod workspace;

#[cfg(feature = "analysis")]
pub use workspace::{check, Options, Workspace};
