//! Push notifications: waking the recipient's phone when a message is waiting.
//!
//! The platforms' push services are a party of their own (`push`). They get the device's
//! push token (`allow(push)`), a fixed title and a count: never who wrote, never what.
//! Channels are chosen at run time, through `dyn PushChannel`.

use crate::account::{Platform, PushToken, User, UserId};
use crate::push_gateway::PushGateway;
use crate::wire::Wire;
use std::collections::HashMap;

/// The title of every notification: the text stays sealed until the app opens it.
pub const TITLE: &str = "New message";

/// One way of waking a device.
pub trait PushChannel {
    /// The platform whose devices this channel reaches.
    fn platform(&self) -> Platform;
    /// Shows `title` on the device behind `token`, with `badge` messages waiting.
    fn deliver(&self, token: &PushToken, title: &str, badge: usize);
    /// Every notification this channel delivered, for the demo and the tests.
    fn sent(&self) -> Vec<String>;
}

/// iOS and Android devices, through their platform's push gateway.
#[derive(Debug)]
pub struct MobilePush {
    pub platform: Platform,
    pub gateway: PushGateway,
}

impl PushChannel for MobilePush {
    fn platform(&self) -> Platform {
        self.platform
    }

    fn deliver(&self, token: &PushToken, title: &str, badge: usize) {
        self.gateway.deliver_push(token, title, badge);
    }

    fn sent(&self) -> Vec<String> {
        self.gateway.delivered()
    }
}

/// Browsers, through Web Push subscriptions; the messenger's own code talks to the
/// browser vendor's endpoint, so this impl is itself the `push` sink.
#[derive(Debug, Default)]
pub struct WebPush {
    sent: Wire,
}

impl PushChannel for WebPush {
    fn platform(&self) -> Platform {
        Platform::Web
    }

    #[sharelock::sink(push)]
    fn deliver(&self, token: &PushToken, title: &str, badge: usize) {
        self.sent
            .record(format!("web {} <- {title:?} (badge {badge})", token.token));
    }

    fn sent(&self) -> Vec<String> {
        self.sent.lines()
    }
}

/// The registered devices, and the channels that reach them.
#[derive(Default)]
pub struct Notifier {
    channels: Vec<Box<dyn PushChannel>>,
    tokens: HashMap<UserId, PushToken>,
}

impl Notifier {
    pub fn with_channel(mut self, channel: Box<dyn PushChannel>) -> Self {
        self.channels.push(channel);
        self
    }

    /// Remembers where to reach the user's phone.
    pub fn register_device(&mut self, user: &User) {
        self.tokens.insert(user.id, user.device.push_token.clone());
    }

    /// Tells `to` that `waiting` messages are waiting, through the channel of their
    /// platform; a user without a registered device is not notified.
    pub fn new_message(&self, to: UserId, waiting: usize) {
        let Some(token) = self.tokens.get(&to) else {
            return;
        };
        if let Some(channel) = self
            .channels
            .iter()
            .find(|c| c.platform() == token.platform)
        {
            channel.deliver(token, TITLE, waiting);
        }
    }

    /// Every notification delivered, channel by channel.
    pub fn sent(&self) -> Vec<String> {
        self.channels.iter().flat_map(|c| c.sent()).collect()
    }
}
