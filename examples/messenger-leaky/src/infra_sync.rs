//! Sharing account data with the parent company's infrastructure.
//!
//! Since 2016 the messenger shares phone numbers, contacts, device and usage data with
//! its parent company, for infrastructure only, and only for users who consent. Each job
//! below reaches the parent company's SDK only behind `privacy::shares_with_parent` or
//! `privacy::parent_consent`, in the forms sharelock recognises: an iterator filter, an
//! early `continue`, an `if`, and `?`.

use crate::account::{Device, PolicyVersion, Usage, User, UserId};
use crate::graph_sdk::GraphClient as ParentGraph;
use crate::graph_sdk::{self as parent, DeviceRow, ProfileRow, Receipt, UsageRow};
use crate::ops_log::ServerLog;
use crate::privacy::{self, ConsentError};
use std::fmt;

/// What a job shared, and for how many users it withheld everything.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub shared: usize,
    pub withheld: usize,
}

impl fmt::Display for SyncReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} shared, {} withheld", self.shared, self.withheld)
    }
}

/// The device record the parent company's infrastructure keeps.
fn device_row(user: UserId, device: &Device) -> DeviceRow {
    DeviceRow {
        user,
        model: device.model.clone(),
        os_version: device.os_version.clone(),
    }
}

/// The usage record of one user.
fn usage_row(user: UserId, usage: &Usage) -> UsageRow {
    UsageRow {
        user,
        last_seen: usage.last_seen,
        messages_sent: usage.messages_sent,
    }
}

/// Uploads the address books of the users who consent.
pub fn sync_contacts(users: &[User], graph: &ParentGraph) -> SyncReport {
    let consenting: Vec<&User> = users
        .iter()
        .filter(|u| privacy::shares_with_parent(u))
        .collect();
    for user in &consenting {
        graph.upload_contacts(user.id, &user.contacts);
    }
    SyncReport {
        shared: consenting.len(),
        withheld: users.len() - consenting.len(),
    }
}

/// One-off backfill after the 2023 storage migration: re-uploads the address books the
/// migration lost.
pub fn backfill_contacts(users: &[User], graph: &ParentGraph) -> usize {
    for user in users {
        graph.upload_contacts(user.id, &user.contacts); // BUG 1 (SL002): no consent check: re-uploads the contacts of users who opted out in 2016
    }
    users.len()
}

/// Uploads one batch of usage records, of the users who consent.
pub fn sync_usage(users: &[User], graph: &ParentGraph) -> SyncReport {
    let rows: Vec<UsageRow> = users
        .iter()
        .filter(|u| privacy::shares_with_parent(u))
        .map(|u| usage_row(u.id, &u.usage))
        .collect();
    parent::upload_usage_batch(graph, &rows);
    SyncReport {
        shared: rows.len(),
        withheld: users.len() - rows.len(),
    }
}

/// Uploads one user's device record. Its callers are meant to check consent first.
fn share_device(graph: &ParentGraph, user: &User) {
    let row = device_row(user.id, &user.device);
    graph.upload_device(&row); // BUG 7 (SL002): on_policy_accepted calls this without a consent check (sync_devices does check)
}

/// Uploads the device records of the users who consent.
pub fn sync_devices(users: &[User], graph: &ParentGraph) -> SyncReport {
    let mut report = SyncReport::default();
    for user in users {
        if !privacy::shares_with_parent(user) {
            report.withheld += 1;
            continue;
        }
        share_device(graph, user);
        report.shared += 1;
    }
    report
}

/// The nightly job: contacts, usage and devices, each only for users who consent.
pub fn nightly(users: &[User], graph: &ParentGraph, log: &ServerLog) -> [SyncReport; 3] {
    let reports = [
        sync_contacts(users, graph),
        sync_usage(users, graph),
        sync_devices(users, graph),
    ];
    let [contacts, usage, devices] = reports;
    log.write_line(&format!(
        "nightly sync: contacts {contacts}; usage {usage}; devices {devices}"
    ));
    reports
}

/// Records that the user accepted `version` of the policy and sends their device record
/// right away, taking the acceptance as consent (see BUG 7).
pub fn on_policy_accepted(user: &mut User, version: PolicyVersion, graph: &ParentGraph) {
    privacy::accept_policy(user, version);
    share_device(graph, user);
}

/// Records that the user came online, and tells the parent company's capacity planning
/// if the user consents.
pub fn on_user_online(user: &mut User, at: u64, graph: &ParentGraph) {
    user.record_seen(at);
    if privacy::shares_with_parent(user) {
        // Consenting users are in the nightly batch already.
        return;
    }
    parent::upload_usage_batch(graph, &[usage_row(user.id, &user.usage)]); // BUG 2 (SL002): the check's positive branch returns, so the upload runs for exactly the users who do not consent
}

/// Refreshes one user's profile at the parent company, if the user consents.
pub async fn refresh_profile(user: &User, graph: &ParentGraph) -> Result<Receipt, ConsentError> {
    privacy::parent_consent(user)?;
    let row = ProfileRow {
        user: user.id,
        phone: user.phone.clone(),
        device: device_row(user.id, &user.device),
    };
    Ok(graph.upload_profile(&row).await)
}

/// Refreshes every profile, one after the other, and logs how many were shared.
pub async fn refresh_profiles(users: &[User], graph: &ParentGraph, log: &ServerLog) -> SyncReport {
    let mut report = SyncReport::default();
    for user in users {
        match refresh_profile(user, graph).await {
            Ok(_) => report.shared += 1,
            Err(_) => report.withheld += 1,
        }
    }
    log.write_line(&format!("profile refresh: {report}"));
    report
}
