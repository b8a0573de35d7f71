//! The app on a user's phone: the only place where personal messages exist in clear.
//!
//! It seals what it sends and opens what it receives; the servers only ever see
//! envelopes. What it tells analytics about a message is its kind and size class.

use crate::account::UserId;
use crate::analytics_sdk::{AnalyticsClient, Event};
use crate::e2e::{self, Envelope, OpenError, PersonalMessage, SessionKey};

/// How long a message is, in classes coarse enough to say nothing about its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeClass {
    Short,
    Medium,
    Long,
}

impl SizeClass {
    /// The class of a text of `bytes` bytes.
    pub fn of(bytes: usize) -> Self {
        match bytes {
            0..=40 => SizeClass::Short,
            41..=400 => SizeClass::Medium,
            _ => SizeClass::Long,
        }
    }
}

impl std::fmt::Display for SizeClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = match self {
            SizeClass::Short => "short",
            SizeClass::Medium => "medium",
            SizeClass::Long => "long",
        };
        f.write_str(name)
    }
}

/// The messenger app of one user.
#[derive(Debug)]
pub struct ChatClient {
    pub user: UserId,
    /// Every personal message sent or received, in clear, on this phone only.
    history: Vec<PersonalMessage>,
}

impl ChatClient {
    pub fn new(user: UserId) -> Self {
        ChatClient {
            user,
            history: Vec::new(),
        }
    }

    /// Writes a message to `to`: sealed for the conversation, ready for the relay.
    pub fn compose(
        &mut self,
        to: UserId,
        text: &str,
        at: u64,
        analytics: &AnalyticsClient,
    ) -> Envelope {
        let msg = PersonalMessage::new(self.user, to, text, at);
        let envelope = e2e::seal(&msg, SessionKey::between(self.user, to));
        let event = Event::new("message_sent")
            .with("kind", "personal")
            .with("size", SizeClass::of(msg.body.len()))
            .with("preview", msg.body.chars().take(24).collect::<String>());
        analytics.track_event(&event); // BUG 6 (SL001): the event carries the start of the message text
        self.history.push(msg);
        envelope
    }

    /// Opens the envelopes fetched from the relay; returns how many could not be opened.
    pub fn receive(&mut self, envelopes: Vec<Envelope>) -> usize {
        let mut unreadable = 0;
        for envelope in envelopes {
            match open_from(&envelope, self.user) {
                Ok(msg) => self.history.push(msg),
                Err(OpenError::WrongKey) => unreadable += 1,
            }
        }
        unreadable
    }

    /// The conversation with `other`, oldest first.
    pub fn conversation(&self, other: UserId) -> Vec<&PersonalMessage> {
        self.history
            .iter()
            .filter(|m| m.from == other || m.to == other)
            .collect()
    }

    pub fn history(&self) -> &[PersonalMessage] {
        &self.history
    }
}

/// Opens an envelope addressed to `me` with the key of its conversation.
fn open_from(envelope: &Envelope, me: UserId) -> Result<PersonalMessage, OpenError> {
    e2e::open(envelope, SessionKey::between(envelope.from, me))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_classes_have_wide_bounds() {
        assert_eq!(SizeClass::of(0), SizeClass::Short);
        assert_eq!(SizeClass::of(41), SizeClass::Medium);
        assert_eq!(SizeClass::of(5000), SizeClass::Long);
    }

    #[test]
    fn what_one_client_composes_the_other_reads() {
        let analytics = AnalyticsClient::default();
        let mut ana = ChatClient::new(UserId(1));
        let mut ben = ChatClient::new(UserId(2));
        let envelope = ana.compose(UserId(2), "lunch?", 100, &analytics);
        assert_eq!(ben.receive(vec![envelope]), 0);
        assert_eq!(ben.conversation(UserId(1))[0].body, "lunch?");
        assert_eq!(
            analytics.events(),
            vec!["message_sent kind=personal size=short preview=lunch?"]
        );
    }
}
