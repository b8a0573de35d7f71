//! Chat backups to the cloud storage a user linked (`backups`).
//!
//! The account data a user would need to restore is `allow(backups)`. Personal messages
//! are not: the history goes into the backup only sealed with the user's backup key.

use crate::account::{User, UserId};
use crate::backup_store::BackupBucket;
use crate::e2e::{self, Ciphertext, PersonalMessage, SessionKey};

/// The name of one object of a user's backup.
fn object_key(user: UserId, part: &str) -> String {
    format!("backup/{user}/{part}")
}

/// Ciphertext as text, the form the storage API takes.
fn hex(sealed: &Ciphertext) -> String {
    sealed.0.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Backs up the chat history alone, sealed with the user's backup key. The exemption
/// dates from before sealed backups shipped.
#[rustfmt::skip]
#[sharelock::allow_flow(reason = "BAK-112: history uploaded unsealed until sealed backups ship")] pub fn back_up_chats(user: UserId, history: &[PersonalMessage], key: SessionKey, bucket: &BackupBucket) { // BUG 8 (SL004): the history is sealed now; this exemption suppresses nothing and would hide the next leak here
    let sealed = e2e::seal_history(history, key);
    bucket.put_object(&object_key(user, "chats"), &hex(&sealed));
}

/// Backs up a user's account and chat history. Returns how many objects were written.
pub fn back_up(
    user: &User,
    history: &[PersonalMessage],
    key: SessionKey,
    bucket: &BackupBucket,
) -> usize {
    let profile = format!(
        "{}; {}; {}",
        user.display_name, user.phone, user.device.model
    );
    bucket.put_object(&object_key(user.id, "profile"), &profile);
    let contacts: Vec<String> = user
        .contacts
        .iter()
        .map(|c| format!("{} <{}>", c.name, c.phone))
        .collect();
    bucket.put_object(&object_key(user.id, "contacts"), &contacts.join("; "));
    back_up_chats(user.id, history, key, bucket);
    3
}
