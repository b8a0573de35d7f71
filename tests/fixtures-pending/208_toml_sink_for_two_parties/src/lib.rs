//! One external function named as a sink of two parties in sharelock.toml (in a party's
//! `sinks` list and in a `[[sinks]]` entry) reaches both: one violation per party.
#![allow(dead_code, unused)]

use cloud_sdk::Bucket;

#[derive(Debug, Clone, sharelock::Data)]
pub struct BusinessChat {
    pub id: u64,
    #[sharelock(category = "message.business", allow(business_host), deny(parent_company))]
    pub transcript: String,
    #[sharelock(category = "message.business.attachments", deny(parent_company, business_host))]
    pub attachments: Vec<String>,
}

pub fn store(chat: &BusinessChat, bucket: &Bucket) {
    bucket.put(&chat.transcript); // VIOLATION (SL001): parent_company is denied; business_host is allowed
    bucket.put(&chat.attachments.join(",")); // VIOLATION (SL001): parent_company // VIOLATION (SL001): business_host
    bucket.put(&chat.id.to_string()); // clean: the id
}
