//! Scoping: closure parameters and loop variables shadow outer labelled bindings. A sink
//! declared on a trait method with `args(body)` names the declaration's parameter; impls
//! that rename it still sink that position.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

pub trait Messenger {
    #[sharelock::sink(parent_company, args(body))]
    fn send(&self, recipient: &str, body: &str);
}

pub struct ParentMessenger;
impl Messenger for ParentMessenger {
    fn send(&self, to: &str, text: &str) {}
}

pub fn shadowing(user: &User, ids: &[String], graph: &GraphClient) {
    let phone = user.phone.clone();
    ids.iter().for_each(|phone| graph.post(phone)); // clean: the closure parameter shadows the phone
    for phone in ids {
        graph.post(phone); // clean: the loop variable shadows the phone
    }
    graph.post(&phone); // VIOLATION (SL002): the outer binding again
}

pub fn renamed_parameters(user: &User, messenger: &ParentMessenger) {
    messenger.send(&user.phone, "hello"); // clean: the recipient position is not named in args
    messenger.send("support", &user.phone); // VIOLATION (SL002): the body position, renamed `text` in the impl
}
