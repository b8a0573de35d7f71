//! sharelock: data-sharing permissions for Rust types and functions.
pub use sharelock_macros::*;
