//! A clean message delivery pipeline: personal message bodies stay between devices (the
//! relay sees sealed bytes and routing ids), delivery receipts and timings go to the
//! parent's infrastructure metrics. Generic transports, async, iterator chains,
//! closures. The checker must report nothing.
#![allow(dead_code, unused)]

pub mod delivery;

#[derive(Debug, Clone, sharelock::Data)]
pub struct Envelope {
    pub message_id: u64,
    pub chat_id: u64,
    pub recipient_device: u64,
    #[sharelock(category = "message.personal", deny(parent_company))]
    pub body: String,
    pub sent_at_ms: u64,
}
