//! `allow_flow` covers sink calls written in its closures even when a local helper runs
//! them; the helper's own sink call is not covered.
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

fn with_retry<F: Fn()>(attempts: u32, action: F) {
    for _ in 0..attempts {
        action();
    }
}

fn post_and_retry<F: Fn() -> String>(graph: &GraphClient, make: F) {
    graph.post(&make()); // VIOLATION (SL002): the helper's own sink call gets the closure's phone
}

#[sharelock::allow_flow(reason = "SUP-12: support callback, reviewed")]
pub fn support_callback(user: &User, graph: &GraphClient) {
    with_retry(3, || graph.post(&user.phone)); // suppressed: written in a closure of the allow_flow function
    post_and_retry(graph, || user.phone.clone());
}
