//! Personal chats and their end-to-end encryption.
//!
//! A personal message is `message.personal`, denied to the parent company, to business
//! hosting and (by their defaults) to every other party. It leaves the sender's device only
//! sealed: `seal` is a sanitizer that removes `message.*`, so an `Envelope` may go anywhere
//! the messenger's servers send things. Only the recipient, who holds the key, can `open` it.
//!
//! The cipher is a toy keystream standing in for the real protocol; what this example is
//! about is where plaintext can flow, not how it is encrypted.

use crate::account::UserId;

/// A message between two people. Neither the messenger nor its parent company can read it.
#[derive(Clone, Debug, PartialEq, Eq, sharelock::Data)]
#[sharelock(category = "message.personal", deny(parent_company, business_host))]
pub struct PersonalMessage {
    pub from: UserId,
    pub to: UserId,
    pub body: String,
    pub sent_at: u64,
}

impl PersonalMessage {
    pub fn new(from: UserId, to: UserId, body: &str, sent_at: u64) -> Self {
        PersonalMessage {
            from,
            to,
            body: body.to_string(),
            sent_at,
        }
    }
}

/// A key shared by the two devices of a conversation (or by a user's devices, for backups).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionKey(pub u64);

impl SessionKey {
    /// The key both ends of a conversation derive; the servers never learn it.
    pub fn between(a: UserId, b: UserId) -> Self {
        let (low, high) = if a <= b { (a.0, b.0) } else { (b.0, a.0) };
        SessionKey(low.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ high.rotate_left(29) ^ 0x5EA1)
    }
}

/// Encrypted bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ciphertext(pub Vec<u8>);

impl Ciphertext {
    /// A short printable fingerprint, for showing what a party received.
    pub fn fingerprint(&self) -> String {
        let sum = self
            .0
            .iter()
            .fold(0u32, |acc, byte| acc.rotate_left(5) ^ u32::from(*byte));
        format!("sealed[{} bytes, #{sum:08x}]", self.0.len())
    }
}

/// What the servers relay and store: who to deliver to, in clear; the message, sealed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub from: UserId,
    pub to: UserId,
    pub sealed: Ciphertext,
}

/// Why an envelope could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The key is not the conversation's key, or the bytes were damaged.
    WrongKey,
}

/// XORs `bytes` with a keystream derived from `key`: its own inverse.
fn keystream(bytes: &[u8], key: SessionKey) -> Vec<u8> {
    let mut state = key.0 | 1;
    bytes
        .iter()
        .map(|byte| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            byte ^ (state as u8)
        })
        .collect()
}

/// The bytes a message is sealed as: a check word, the send time, then the text.
fn encode(msg: &PersonalMessage) -> Vec<u8> {
    let mut plain = b"PM1:".to_vec();
    plain.extend_from_slice(&msg.sent_at.to_be_bytes());
    plain.extend_from_slice(msg.body.as_bytes());
    plain
}

/// Seals a personal message on the sender's device.
#[sharelock::sanitizer(removes = "message")]
pub fn seal(msg: &PersonalMessage, key: SessionKey) -> Envelope {
    Envelope {
        from: msg.from,
        to: msg.to,
        sealed: Ciphertext(keystream(&encode(msg), key)),
    }
}

/// Seals a whole conversation history, for the user's backup, under the user's backup key.
#[sharelock::sanitizer(removes = "message")]
pub fn seal_history(history: &[PersonalMessage], key: SessionKey) -> Ciphertext {
    let mut plain = Vec::new();
    for msg in history {
        let encoded = encode(msg);
        plain.extend_from_slice(&(encoded.len() as u32).to_be_bytes());
        plain.extend_from_slice(&encoded);
    }
    Ciphertext(keystream(&plain, key))
}

/// Opens an envelope on the recipient's device.
pub fn open(envelope: &Envelope, key: SessionKey) -> Result<PersonalMessage, OpenError> {
    let plain = keystream(&envelope.sealed.0, key);
    let rest = plain.strip_prefix(b"PM1:").ok_or(OpenError::WrongKey)?;
    if rest.len() < 8 {
        return Err(OpenError::WrongKey);
    }
    let (time, text) = rest.split_at(8);
    let mut sent_at = [0u8; 8];
    sent_at.copy_from_slice(time);
    let body = String::from_utf8(text.to_vec()).map_err(|_| OpenError::WrongKey)?;
    Ok(PersonalMessage {
        from: envelope.from,
        to: envelope.to,
        body,
        sent_at: u64::from_be_bytes(sent_at),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hello() -> PersonalMessage {
        PersonalMessage::new(UserId(1), UserId(2), "see you at eight", 1_700_000_000)
    }

    #[test]
    fn the_recipient_opens_what_the_sender_sealed() {
        let key = SessionKey::between(UserId(1), UserId(2));
        let envelope = seal(&hello(), key);
        assert_eq!(open(&envelope, key), Ok(hello()));
    }

    #[test]
    fn both_ends_derive_the_same_key() {
        assert_eq!(
            SessionKey::between(UserId(1), UserId(2)),
            SessionKey::between(UserId(2), UserId(1))
        );
    }

    #[test]
    fn the_text_is_not_in_the_envelope() {
        let envelope = seal(&hello(), SessionKey::between(UserId(1), UserId(2)));
        let needle = b"see you";
        assert!(!envelope.sealed.0.windows(needle.len()).any(|w| w == needle));
    }

    #[test]
    fn another_key_cannot_open_it() {
        let envelope = seal(&hello(), SessionKey::between(UserId(1), UserId(2)));
        let eavesdropper = SessionKey::between(UserId(1), UserId(3));
        assert_eq!(open(&envelope, eavesdropper), Err(OpenError::WrongKey));
    }

    #[test]
    fn a_sealed_history_hides_every_message() {
        let history = vec![
            hello(),
            PersonalMessage::new(UserId(2), UserId(1), "ok!", 5),
        ];
        let sealed = seal_history(&history, SessionKey(42));
        assert!(!sealed.0.windows(3).any(|w| w == b"ok!"));
        assert!(sealed.fingerprint().starts_with("sealed["));
    }
}
