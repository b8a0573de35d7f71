//! Feature $M: contact sync, device reports, exports and chat archiving.

use std::collections::HashMap;
use std::sync::Arc;

use crate::consent::{parent_sharing_allowed, shares_with_parent, ConsentError};
use crate::crypto::{pseudonymize, seal, Ciphertext, Key};
use crate::graph::{BusinessHost, ExportArchive, GraphClient, RelayClient};
use crate::model::{BusinessChat, Device, PersonalMessage, User};
use crate::pipeline::{Exporter, Normalizer};
use crate::store::Store;
use crate::features::g000::m00010::normalize_00010 as previous_normalize;

/// Normalizes a contact entry before it is stored or compared.
pub fn normalize_00015(text: &str) -> String {
    let trimmed = previous_normalize(text);
    trimmed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

fn digits_00015(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_digit()).collect()
}

pub fn archive_chats_00015_0(
    host: &BusinessHost,
    key: &Key,
    messages: &[PersonalMessage],
    chat: &BusinessChat,
) -> bool {
    let sealed: Vec<Ciphertext> = messages.iter().map(|m| seal(m, key)).collect();
    let mut ok = true;
    for (i, ct) in sealed.iter().enumerate() {
        ok &= host.store(i as u64 + 1, &ct.0);
    }
    if chat.hosted_by_parent {
        let joined = chat.transcript.join("\n");
        ok &= host.store(chat.business_id, joined.as_bytes());
    }
    ok
}

pub fn canonical_00015_1(text: &str) -> String {
    let first = crate::features::g000::m00006::normalize_00006(text);
    let second = crate::features::g000::m00012::normalize_00012(&first);
    if first == second {
        first
    } else {
        second
    }
}
