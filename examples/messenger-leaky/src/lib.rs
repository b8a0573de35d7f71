//! The messenger example with eight realistic sharing bugs, each marked `// BUG n` on the
//! line `cargo sharelock check` reports and described in `BUGS.md`. Everything else is the
//! messenger of `examples/messenger`, whose annotations state these promises:
//!
//! - account data (phone number, contacts, device and usage data) goes to the parent
//!   company's infrastructure only for users who consent, and a 2016 opt-out is honoured
//!   forever, even after the user accepts a later policy ([`privacy`], [`infra_sync`]);
//! - business chats are stored on the parent company's hosting only when the business
//!   chose it ([`business`], [`chats`]);
//! - personal chats are end-to-end encrypted: neither the messenger nor its parent company
//!   can read them ([`e2e`], [`client`]);
//! - "download your data" includes the user's opt-out status ([`export`]);
//! - analytics, backups, server logs and push notifications get only what their party
//!   may have ([`metrics`], [`backup`], [`ops_log`], [`notify`]).
//!
//! The parties and their defaults are in `sharelock.toml` next to `Cargo.toml`. The
//! external services are in-process stand-ins (the `*_sdk`, `push_gateway`,
//! `backup_store` and `address_book` modules), declared as sinks and sources there.

pub mod account;
pub mod backup;
pub mod business;
pub mod chats;
pub mod client;
pub mod directory;
pub mod e2e;
pub mod export;
pub mod infra_sync;
pub mod metrics;
pub mod notify;
pub mod ops_log;
pub mod privacy;
pub mod runtime;
pub mod wire;

// Stand-ins for external crates: the parent company's SDKs, the push services, the
// analytics SDK, the user's cloud storage and the phone's address book.
pub mod address_book;
pub mod analytics_sdk;
pub mod backup_store;
pub mod graph_sdk;
pub mod hosting_sdk;
pub mod push_gateway;
