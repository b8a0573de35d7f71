//! Inbound handlers: `#[source(.., args(..))]` on a trait declaration's async method labels
//! that parameter in every impl; an impl forwarding it to the parent is flagged.
#![allow(dead_code, unused)]

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub async fn post(&self, text: &str) {}
}

pub trait InboundHandler {
    #[sharelock::source(category = "message.business", deny(parent_company), args(body))]
    async fn handle(&self, sender: u64, body: String, graph: &GraphClient);
}

pub struct Mirror;
impl InboundHandler for Mirror {
    async fn handle(&self, sender: u64, body: String, graph: &GraphClient) {
        graph.post(&sender.to_string()).await; // clean: the sender id is not named in args
        graph.post(&body).await; // VIOLATION (SL001): the labelled body parameter
    }
}

pub struct Counter;
impl InboundHandler for Counter {
    async fn handle(&self, sender: u64, text: String, graph: &GraphClient) {
        graph.post(&text.len().to_string()).await; // clean: only its length
        graph.post(&text).await; // VIOLATION (SL001): the same position, renamed in this impl
    }
}
