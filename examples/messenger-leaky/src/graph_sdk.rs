//! Stand-in for the parent company's infrastructure SDK (an external crate in real life).
//!
//! Its upload functions are `parent_company` sinks, declared by path in `sharelock.toml`
//! because an external crate cannot be annotated.

use crate::account::{Contact, UserId};
use crate::wire::Wire;

/// A device record as the infrastructure service stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceRow {
    pub user: UserId,
    pub model: String,
    pub os_version: String,
}

/// A profile record: the phone number the account is registered with, and its device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileRow {
    pub user: UserId,
    pub phone: String,
    pub device: DeviceRow,
}

/// A usage record, uploaded in nightly batches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageRow {
    pub user: UserId,
    pub last_seen: u64,
    pub messages_sent: u32,
}

/// The service's acknowledgement of an upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receipt(pub u64);

/// A connection to the parent company's infrastructure.
#[derive(Debug, Default)]
pub struct GraphClient {
    wire: Wire,
}

impl GraphClient {
    pub fn upload_contacts(&self, user: UserId, contacts: &[Contact]) {
        let phones: Vec<&str> = contacts.iter().map(|c| c.phone.as_str()).collect();
        self.wire
            .record(format!("contacts of {user}: {}", phones.join(", ")));
    }

    pub fn upload_device(&self, row: &DeviceRow) {
        self.wire.record(format!(
            "device of {}: {} / {}",
            row.user, row.model, row.os_version
        ));
    }

    /// Asynchronous, as the real SDK's profile endpoint is.
    pub async fn upload_profile(&self, row: &ProfileRow) -> Receipt {
        self.wire.record(format!(
            "profile of {}: {} on {}",
            row.user, row.phone, row.device.model
        ));
        Receipt(row.user.0)
    }

    /// Everything the parent company received.
    pub fn received(&self) -> Vec<String> {
        self.wire.lines()
    }
}

/// Uploads a nightly batch of usage records.
pub fn upload_usage_batch(client: &GraphClient, rows: &[UsageRow]) {
    for row in rows {
        client.wire.record(format!(
            "usage of {}: last seen {}, {} messages",
            row.user, row.last_seen, row.messages_sent
        ));
    }
}
