//! The servers' side of chats: relaying sealed personal messages, and storing business
//! chats where each business chose.

use crate::account::UserId;
use crate::business::{self, Business, BusinessMessage, HostingError};
use crate::directory::Directory;
use crate::e2e::Envelope;
use crate::hosting_sdk::HostingClient as ParentHosting;
use crate::notify::Notifier;
use crate::ops_log::ServerLog;
use std::collections::HashMap;

/// The message relay. It holds envelopes until the recipient's phone fetches them; it
/// cannot read them.
#[derive(Debug, Default)]
pub struct Relay {
    mailboxes: HashMap<UserId, Vec<Envelope>>,
}

impl Relay {
    /// Queues a sealed message for its recipient, counts it in the sender's usage and
    /// wakes the recipient's phone.
    pub fn accept(
        &mut self,
        envelope: Envelope,
        at: u64,
        directory: &mut Directory,
        notifier: &Notifier,
        log: &ServerLog,
    ) {
        if let Some(sender) = directory.get_mut(envelope.from) {
            sender.record_message_sent(at);
        }
        let recipient = envelope.to;
        let mailbox = self.mailboxes.entry(recipient).or_default();
        mailbox.push(envelope);
        let waiting = mailbox.len();
        notifier.new_message(recipient, waiting);
        log.write_line(&format!("relay: envelope queued, {waiting} waiting"));
    }

    /// Hands the recipient's phone everything waiting for it.
    pub fn fetch(&mut self, user: UserId) -> Vec<Envelope> {
        self.mailboxes.remove(&user).unwrap_or_default()
    }

    /// How many envelopes are waiting, across all recipients.
    pub fn waiting(&self) -> usize {
        self.mailboxes.values().map(Vec::len).sum()
    }
}

/// Business chats handed over to the businesses that host them themselves.
#[derive(Debug, Default)]
pub struct HandOver {
    pub delivered: Vec<(String, BusinessMessage)>,
}

impl HandOver {
    fn forward(&mut self, endpoint: &str, thread: &[BusinessMessage]) {
        for msg in thread {
            self.delivered.push((endpoint.to_string(), msg.clone()));
        }
    }
}

/// Where a business chat was stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    ParentHosting { region: String, messages: usize },
    HandedOver { endpoint: String, messages: usize },
}

/// Stores a day of a business's chats where the business chose: the parent company's
/// hosting only when `hosting_chosen` says so, the business's own servers otherwise.
pub fn file_business_thread(
    business: &Business,
    thread: &[BusinessMessage],
    hosting: &ParentHosting,
    hand_over: &mut HandOver,
    log: &ServerLog,
) -> Stored {
    match business::hosting_chosen(business) {
        Ok(grant) => {
            for msg in thread {
                hosting.store_business_chat(&grant.region, msg);
            }
            log.write_line(&format!(
                "business {}: {} messages stored on parent hosting",
                business.id,
                thread.len()
            ));
            Stored::ParentHosting {
                region: grant.region,
                messages: thread.len(),
            }
        }
        Err(HostingError::SelfHosted { endpoint, .. }) => {
            hand_over.forward(&endpoint, thread);
            log.write_line(&format!(
                "business {}: {} messages handed over",
                business.id,
                thread.len()
            ));
            Stored::HandedOver {
                endpoint,
                messages: thread.len(),
            }
        }
    }
}

/// The region archives go to when a business named none.
pub const DEFAULT_REGION: &str = "us-east";

/// Moves a business's archive onto the parent company's hosting, in the region the
/// business chose, or the default region.
pub fn migrate_archive(
    business: &Business,
    archive: &[BusinessMessage],
    hosting: &ParentHosting,
) -> usize {
    let region = business::hosting_chosen(business)
        .map(|grant| grant.region)
        .unwrap_or_else(|_| DEFAULT_REGION.to_string());
    for msg in archive {
        hosting.store_business_chat(&region, msg); // BUG 5 (SL002): the choice only picks the region: self-hosted businesses' chats land on the parent hosting too
    }
    archive.len()
}

/// The region of the vault that keeps chats under a legal hold.
pub const LEGAL_HOLD_REGION: &str = "legal-hold";

/// Copies a business's chats into the legal hold vault on the parent company's hosting,
/// whatever hosting the business chose: a court order overrides that choice, so this is
/// a deliberate exception to `consent(business_host)`, reviewed and recorded here.
#[rustfmt::skip]
#[sharelock::allow_flow(reason = "LEGAL-2025-031: court-ordered preservation of a business's chats, reviewed by privacy counsel")] pub fn preserve_for_legal_hold(thread: &[BusinessMessage], hosting: &ParentHosting) -> usize {
    for msg in thread {
        hosting.store_business_chat(LEGAL_HOLD_REGION, msg);
    }
    thread.len()
}
