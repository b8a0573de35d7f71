//! Stand-in for the parent company's business hosting API (an external crate in real
//! life). `HostingClient::store_business_chat` is the `business_host` sink.

use crate::business::BusinessMessage;
use crate::wire::Wire;

/// A connection to the parent company's hosting for business chats.
#[derive(Debug, Default)]
pub struct HostingClient {
    wire: Wire,
}

impl HostingClient {
    /// Stores one message in the business's space in `region`.
    pub fn store_business_chat(&self, region: &str, msg: &BusinessMessage) {
        let who = if msg.from_customer {
            "customer"
        } else {
            "business"
        };
        self.wire.record(format!(
            "[{region}] {} / {}: {who}: {}",
            msg.business, msg.customer, msg.body
        ));
    }

    /// Everything stored on the hosting.
    pub fn stored(&self) -> Vec<String> {
        self.wire.lines()
    }
}
