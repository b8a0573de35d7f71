mod metrics;
mod seal;
mod transport;

use crate::Envelope;
use metrics::{Metrics, Timing};
use seal::{seal, SealedEnvelope};
use transport::{ParentRelay, Transport};

pub async fn deliver_all<T: Transport>(envelopes: Vec<Envelope>, transport: &T, metrics: &Metrics, now_ms: u64) {
    let sealed: Vec<SealedEnvelope> = envelopes.iter().map(seal).collect();
    for item in &sealed {
        transport.push(item.recipient_device, &item.ciphertext).await;
    }
    let timings: Vec<Timing> = envelopes
        .iter()
        .map(|e| Timing { message_id: e.message_id, latency_ms: now_ms.saturating_sub(e.sent_at_ms) })
        .filter(|t| t.latency_ms > 0)
        .collect();
    metrics.record_batch(&timings);
    let per_chat = envelopes.iter().fold(std::collections::BTreeMap::new(), |mut acc, e| {
        *acc.entry(e.chat_id).or_insert(0u32) += 1;
        acc
    });
    metrics.record_counts(&per_chat);
    metrics.record_total(envelopes.len());
}

pub async fn deliver_via_parent(envelopes: Vec<Envelope>, relay: &ParentRelay, metrics: &Metrics) {
    deliver_all(envelopes, relay, metrics, 0).await;
}
