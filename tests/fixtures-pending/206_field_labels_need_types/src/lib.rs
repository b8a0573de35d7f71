//! Field labels apply once the value's type is known, however it is known: an external
//! generic call with a turbofish, a qualified `<User as Default>::default()`, a generic
//! wrapper's field, a tuple of a vector's elements.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct Envelope<T> {
    pub sent_at: u64,
    pub inner: T,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

pub fn deserialized(raw: &str, graph: &GraphClient) {
    let user = serde_json::from_str::<User>(raw).unwrap();
    graph.post(&user.phone); // VIOLATION (SL002): the turbofish says User
    let typed: User = serde_json::from_str(raw).unwrap();
    graph.post(&typed.phone); // VIOLATION (SL002): the let says User
}

pub fn qualified_default(graph: &GraphClient) {
    let user = <User as Default>::default();
    graph.post(&user.phone); // VIOLATION (SL002): a value of User
}

pub fn generic_wrapper(envelope: &Envelope<User>, graph: &GraphClient) {
    graph.post(&envelope.sent_at.to_string()); // clean: the envelope's own field
    graph.post(&envelope.inner.phone); // VIOLATION (SL002): T is User here
}

pub fn pairs(users: Vec<User>, graph: &GraphClient) {
    let pair = (users[0].clone(), users[1].clone());
    graph.post(&pair.1.phone); // VIOLATION (SL002): the tuple's second element is a User
}
