//! "Download your data": the copy of everything held about a user that they can ask for.
//!
//! It must include the 2016 opt-out (`must_reach(user_export)` on the field), so that a
//! user can check that the opt-out is still honoured; the 2021 redesign below shows only
//! the accepted policy (BUG 4). Personal chats are not in it: the
//! servers cannot read them; the app exports them from the phone.

use crate::account::{PolicyVersion, User, UserId};
use crate::business::BusinessMessage;
use crate::wire::Wire;

/// Everything the servers hold about one user.
#[derive(Clone, Debug)]
pub struct DataExport {
    pub user: UserId,
    pub display_name: String,
    pub phone: String,
    pub contacts: Vec<String>,
    pub device: String,
    pub last_seen: u64,
    pub messages_sent: u32,
    pub accepted_policy: PolicyVersion,
    pub business_chats: Vec<BusinessMessage>,
}

/// Collects the export of `user`; `business_chats` is every business chat message the
/// servers hold, of which the user's own are kept.
pub fn collect(user: &User, business_chats: &[BusinessMessage]) -> DataExport {
    DataExport {
        user: user.id,
        display_name: user.display_name.clone(),
        phone: user.phone.clone(),
        contacts: user
            .contacts
            .iter()
            .map(|c| format!("{} ({})", c.name, c.phone))
            .collect(),
        device: format!("{}, {}", user.device.model, user.device.os_version),
        last_seen: user.usage.last_seen,
        messages_sent: user.usage.messages_sent,
        accepted_policy: user.privacy.accepted_policy,
        business_chats: business_chats
            .iter()
            .filter(|m| m.customer == user.id)
            .cloned()
            .collect(),
    }
}

impl DataExport {
    /// The export as the text file the user downloads.
    pub fn render(&self) -> String {
        let mut lines = vec![
            format!("Account {} ({})", self.user, self.display_name),
            format!("Phone number: {}", self.phone),
            format!("Contacts: {}", self.contacts.join("; ")),
            format!("Device: {}", self.device),
            format!("Last seen: {}", self.last_seen),
            format!("Messages sent: {}", self.messages_sent),
            format!("Accepted: the {}", self.accepted_policy),
            format!("Business chats: {}", self.business_chats.len()),
        ];
        for msg in &self.business_chats {
            let who = if msg.from_customer { "you" } else { "business" };
            lines.push(format!("  {} {who}: {}", msg.business, msg.body));
        }
        lines
            .push("Personal chats: end-to-end encrypted, exported by the app on your phone".into());
        lines.join("\n")
    }
}

/// The service that hands exports to the users who asked for them.
#[derive(Debug, Default)]
pub struct ExportDesk {
    wire: Wire,
}

impl ExportDesk {
    /// Delivers an export to the user it is about.
    #[sharelock::sink(user_export)]
    pub fn deliver_export(&self, user: UserId, archive: &str) {
        self.wire.record(format!("export for {user}:\n{archive}"));
    }

    /// Every export delivered so far.
    pub fn delivered(&self) -> Vec<String> {
        self.wire.lines()
    }
}

/// Answers a "download your data" request.
pub fn download_your_data(user: &User, business_chats: &[BusinessMessage], desk: &ExportDesk) {
    let export = collect(user, business_chats);
    desk.deliver_export(user.id, &export.render());
}
