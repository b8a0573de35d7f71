use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub message_id: u64,
    pub latency_ms: u64,
}

pub struct Metrics;

impl Metrics {
    #[sharelock::sink(parent_company)]
    pub fn record_batch(&self, timings: &[Timing]) {}

    #[sharelock::sink(parent_company)]
    pub fn record_counts(&self, per_chat: &BTreeMap<u64, u32>) {}

    #[sharelock::sink(parent_company)]
    pub fn record_total(&self, total: usize) {}
}
