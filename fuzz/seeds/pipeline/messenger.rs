pub mod model {
//! The messenger's core data: users, their devices and their messages.

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    #[sharelock(category = "account.contacts", consent(parent_company), allow(infra))]
    pub contacts: Vec<String>,
    #[sharelock(category = "account.opt_out", allow(parent_company), must_reach(user_export))]
    pub opted_out_2016: bool,
    pub display_name: String,
}

#[derive(Debug, Clone, Default, sharelock::Data)]
#[sharelock(category = "message.personal", deny(parent_company, business_host))]
pub struct PersonalMessage {
    pub from: u64,
    pub to: u64,
    pub body: String,
}

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct BusinessChat {
    pub business_id: u64,
    #[sharelock(category = "message.business", allow(business_host), deny(parent_company))]
    pub transcript: Vec<String>,
    pub hosted_by_parent: bool,
}

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct Device {
    #[sharelock(category = "device.ip", consent(parent_company), allow(infra))]
    pub ip: String,
    pub model: String,
    pub app_version: String,
}
}

pub mod graph {
//! Clients of the parties data can reach: the parent company's graph API, the business
//! host, the relay infrastructure and the user's own data export.

pub struct GraphClient {
    pub endpoint: String,
}

impl GraphClient {
    pub fn new(endpoint: &str) -> GraphClient {
        GraphClient { endpoint: endpoint.to_string() }
    }

    #[sharelock::sink(parent_company)]
    pub fn post(&self, body: &[u8]) -> usize {
        body.len() + self.endpoint.len()
    }

    #[sharelock::sink(parent_company)]
    pub fn post_batch(&self, items: &[String]) -> usize {
        items.iter().map(|item| self.post(item.as_bytes())).sum()
    }
}

pub struct BusinessHost {
    pub region: String,
}

impl BusinessHost {
    #[sharelock::sink(business_host)]
    pub fn store(&self, chat_id: u64, payload: &[u8]) -> bool {
        !self.region.is_empty() && chat_id > 0 && !payload.is_empty()
    }
}

pub struct RelayClient {
    pub hops: u8,
}

impl RelayClient {
    #[sharelock::sink(infra)]
    pub fn relay(&self, payload: &[u8]) -> usize {
        payload.len() * usize::from(self.hops)
    }
}

#[derive(Default)]
pub struct ExportArchive {
    pub entries: Vec<String>,
}

impl ExportArchive {
    #[sharelock::sink(user_export)]
    pub fn add(&mut self, name: &str, value: String) {
        self.entries.push(format!("{name}={value}"));
    }
}
}

pub mod consent {
//! The opt-out of 2016, honoured forever.

use crate::model::User;

#[derive(Debug)]
pub struct ConsentError {
    pub user: u64,
}

#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> bool {
    !user.opted_out_2016
}

#[sharelock::consent_check(parent_company)]
pub fn parent_sharing_allowed(user: &User) -> Result<(), ConsentError> {
    if user.opted_out_2016 {
        Err(ConsentError { user: user.id })
    } else {
        Ok(())
    }
}
}

pub mod crypto {
//! End-to-end encryption and pseudonyms: what leaves these functions no longer carries
//! the content it was computed from.

use crate::model::{PersonalMessage, User};

pub struct Key(pub [u8; 32]);

pub struct Ciphertext(pub Vec<u8>);

#[sharelock::sanitizer(removes = "message")]
pub fn seal(msg: &PersonalMessage, key: &Key) -> Ciphertext {
    let bytes = msg.body.bytes().zip(key.0.iter().cycle()).map(|(b, k)| b ^ k).collect();
    Ciphertext(bytes)
}

#[sharelock::sanitizer(removes = ["account.phone", "account.contacts"])]
pub fn pseudonymize(user: &User) -> u64 {
    user.phone.bytes().fold(user.id, |acc, b| acc.rotate_left(5) ^ u64::from(b))
}
}

pub mod store {
//! The user store, asynchronous like the real one.

use crate::model::User;

#[derive(Default)]
pub struct Store {
    pub users: Vec<User>,
}

impl Store {
    pub async fn load(&self, id: u64) -> Option<User> {
        self.users.iter().find(|u| u.id == id).cloned()
    }

    pub async fn load_all(&self) -> Vec<User> {
        self.users.clone()
    }
}
}

pub mod pipeline {
//! The extension points features implement.

use crate::model::User;

pub trait Exporter {
    fn name(&self) -> &str;
    fn export(&self, user: &User) -> usize;
}

pub trait Normalizer {
    fn normalize(&self, text: &str) -> String;
}

/// The first link of every feature's normalisation chain.
pub fn trim_text(text: &str) -> String {
    text.trim().to_string()
}
}
