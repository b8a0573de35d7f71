//! Deep relative paths: `super::super::`, `self::` inside nested modules, `pub(in ..)`
//! and `pub(crate)` visibility, a `#[path]` module declared from a non-mod-rs file.
#![allow(dead_code, unused)]

pub mod app;

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}
