//! Fail-open consent: when the privacy service cannot answer, sharing must not go ahead.
//! A sink runs "only after the check's positive outcome" when the condition is true only
//! for `Ok(true)`: `unwrap_or(false)`, `unwrap_or_default()`, `is_ok()` on `Result<(), E>`.
//! `unwrap_or(true)` and `unwrap_or_else(|_| true)` are also true when the lookup failed.
#![allow(dead_code, unused)]

pub mod sync;

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.contacts", consent(parent_company))]
    pub contacts: Vec<String>,
}

#[derive(Debug)]
pub struct ServiceDown;

pub struct PrivacyService;

impl PrivacyService {
    #[sharelock::consent_check(parent_company)]
    pub fn shares_with_parent(&self, user_id: u64) -> Result<bool, ServiceDown> {
        Err(ServiceDown)
    }

    #[sharelock::consent_check(parent_company)]
    pub fn require_sharing(&self, user_id: u64) -> Result<(), ServiceDown> {
        Err(ServiceDown)
    }
}
