//! A type label on an enum labels every value of the enum and every value bound from its
//! variants' fields; an unlabelled enum holding a labelled struct carries its labels.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
#[sharelock(category = "message.personal", deny(parent_company))]
pub enum ChatEvent {
    Text { chat_id: u64, body: String },
    Reaction(u64, char),
    Typing,
}

#[derive(Debug, Clone, sharelock::Data)]
pub struct Contact {
    pub nickname: String,
    #[sharelock(category = "account.contacts", consent(parent_company))]
    pub phone: String,
}

#[derive(Debug, Clone)]
pub enum SyncItem {
    Contact(Contact),
    Heartbeat(u64),
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

pub fn mirror_event(event: &ChatEvent, graph: &GraphClient) {
    graph.post(&format!("{event:?}")); // VIOLATION (SL001): the whole labelled enum
    if let ChatEvent::Text { body, .. } = event {
        graph.post(body); // VIOLATION (SL001): a variant field of the labelled enum
    }
}

pub fn mirror_item(item: &SyncItem, graph: &GraphClient) {
    match item {
        SyncItem::Contact(contact) => graph.post(&contact.phone), // VIOLATION (SL002): the contained contact's phone
        SyncItem::Heartbeat(n) => graph.post(&n.to_string()), // clean: an unlabelled payload
    }
}

pub fn heartbeat(graph: &GraphClient) {
    let item = SyncItem::Heartbeat(7);
    graph.post(&format!("{item:?}")); // clean: built from an unlabelled value
}
