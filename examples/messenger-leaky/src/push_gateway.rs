//! Stand-in for the phone platforms' push services (external in real life).
//! `PushGateway::deliver_push` is the `push` sink.

use crate::account::PushToken;
use crate::wire::Wire;

/// One platform's push service.
#[derive(Debug, Default)]
pub struct PushGateway {
    wire: Wire,
}

impl PushGateway {
    /// Wakes the device behind `token` with a short visible text.
    pub fn deliver_push(&self, token: &PushToken, title: &str, badge: usize) {
        self.wire.record(format!(
            "{:?} {} <- {title:?} (badge {badge})",
            token.platform, token.token
        ));
    }

    /// Everything the push service was asked to deliver.
    pub fn delivered(&self) -> Vec<String> {
        self.wire.lines()
    }
}
