//! The account: what the messenger holds about each user, and the sharing label of every
//! field that is personal data.
//!
//! The labels are the promises. Account data may go to the parent company's infrastructure
//! only for users who consent (`consent(parent_company)`), and it may go into the user's
//! own backup (`allow(backups)`). Every other party gets its `default` from
//! `sharelock.toml`: logs, analytics and push notification gateways see none of it.

use std::fmt;

/// A user's internal number. It identifies an account inside the messenger and is not
/// personal data on its own, so it carries no label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(pub u64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "u{}", self.0)
    }
}

/// The versions of the privacy policy a user can have accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PolicyVersion {
    /// Before the messenger shared anything with its parent company.
    V2014,
    /// Introduced sharing with the parent company, and offered a one-time opt-out.
    V2016,
    /// The current policy; accepting it does not undo a 2016 opt-out.
    V2021,
}

impl fmt::Display for PolicyVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = match self {
            PolicyVersion::V2014 => 2014,
            PolicyVersion::V2016 => 2016,
            PolicyVersion::V2021 => 2021,
        };
        write!(f, "{year} policy")
    }
}

/// An entry of the user's address book, as uploaded from their phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

impl Contact {
    pub fn new(name: &str, phone: &str) -> Self {
        Contact {
            name: name.to_string(),
            phone: phone.to_string(),
        }
    }
}

/// Which platform's push service reaches a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Ios,
    Android,
    Web,
}

/// The address of one device at its platform's push service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushToken {
    pub platform: Platform,
    pub token: String,
}

/// The phone the account is registered on.
#[derive(Clone, Debug, sharelock::Data)]
pub struct Device {
    #[sharelock(category = "account.device", consent(parent_company), allow(backups))]
    pub model: String,
    #[sharelock(category = "account.device", consent(parent_company), allow(backups))]
    pub os_version: String,
    /// The push gateway needs the token to wake the device; a restore from backup
    /// re-registers it.
    #[sharelock(
        category = "account.device.push_token",
        allow(push, backups),
        consent(parent_company)
    )]
    pub push_token: PushToken,
}

/// How the account is used, kept for the parent company's abuse and capacity planning.
#[derive(Clone, Debug, Default, sharelock::Data)]
pub struct Usage {
    /// Seconds since the epoch of the last time the user was online.
    #[sharelock(category = "account.usage", consent(parent_company), allow(backups))]
    pub last_seen: u64,
    #[sharelock(category = "account.usage", consent(parent_company), allow(backups))]
    pub messages_sent: u32,
}

/// The user's sharing choices.
///
/// The 2016 opt-out is permanent: later policies are accepted on top of it, never instead
/// of it. It must be in "download your data" (`must_reach(user_export)`), so that users can
/// see that it is still honoured.
#[derive(Clone, Debug, sharelock::Data)]
pub struct PrivacySettings {
    // The attribute and the field share a line so that a report's line names both.
    #[rustfmt::skip]
    #[sharelock(category = "account.opt_out", allow(parent_company, backups), must_reach(user_export))] pub opted_out_2016: bool,
    pub accepted_policy: PolicyVersion,
}

impl Default for PrivacySettings {
    fn default() -> Self {
        PrivacySettings {
            opted_out_2016: false,
            accepted_policy: PolicyVersion::V2021,
        }
    }
}

/// A messenger account.
#[derive(Clone, Debug, sharelock::Data)]
pub struct User {
    pub id: UserId,
    /// Chosen by the user and shown to the people they write to; not a label.
    pub display_name: String,
    #[sharelock(category = "account.phone", consent(parent_company), allow(backups))]
    pub phone: String,
    #[sharelock(category = "account.contacts", consent(parent_company), allow(backups))]
    pub contacts: Vec<Contact>,
    pub device: Device,
    pub usage: Usage,
    pub privacy: PrivacySettings,
}

impl User {
    /// A new account, under the current policy, with an empty address book.
    pub fn new(id: u64, display_name: &str, phone: &str, device: Device) -> Self {
        User {
            id: UserId(id),
            display_name: display_name.to_string(),
            phone: phone.to_string(),
            contacts: Vec::new(),
            device,
            usage: Usage::default(),
            privacy: PrivacySettings::default(),
        }
    }

    /// An account that was created under an older policy.
    pub fn since(mut self, policy: PolicyVersion) -> Self {
        self.privacy.accepted_policy = policy;
        self
    }

    /// Records that the user sent a message at `at` (seconds since the epoch).
    pub fn record_message_sent(&mut self, at: u64) {
        self.usage.messages_sent += 1;
        self.usage.last_seen = self.usage.last_seen.max(at);
    }

    /// Records that the user was online at `at`.
    pub fn record_seen(&mut self, at: u64) {
        self.usage.last_seen = self.usage.last_seen.max(at);
    }
}

impl Device {
    pub fn new(model: &str, os_version: &str, platform: Platform, token: &str) -> Self {
        Device {
            model: model.to_string(),
            os_version: os_version.to_string(),
            push_token: PushToken {
                platform,
                token: token.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone() -> Device {
        Device::new("Pixel 8", "Android 15", Platform::Android, "fcm-1")
    }

    #[test]
    fn new_accounts_start_under_the_current_policy_without_an_opt_out() {
        let user = User::new(1, "Ana", "+351 910 000 001", phone());
        assert_eq!(user.privacy.accepted_policy, PolicyVersion::V2021);
        assert!(!user.privacy.opted_out_2016);
    }

    #[test]
    fn the_opt_out_is_declared_as_required_in_download_your_data() {
        use sharelock::{Labeled, Permission};
        let opt_out = &PrivacySettings::LABELS[0];
        assert_eq!(opt_out.category, "account.opt_out");
        assert_eq!(
            opt_out.permission("user_export"),
            Some(Permission::MustReach)
        );
    }

    #[test]
    fn last_seen_never_moves_backwards() {
        let mut user = User::new(1, "Ana", "+351 910 000 001", phone());
        user.record_message_sent(200);
        user.record_seen(100);
        assert_eq!(user.usage.last_seen, 200);
        assert_eq!(user.usage.messages_sent, 1);
    }
}
