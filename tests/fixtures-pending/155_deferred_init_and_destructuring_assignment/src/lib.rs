//! Deferred initialisation joined over branches, destructuring assignment (a swap), and
//! `std::mem::take`/`replace` returning the old content.
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

pub fn deferred(user: &User, graph: &GraphClient, verbose: bool) {
    let line;
    if verbose {
        line = user.phone.clone();
    } else {
        line = user.id.to_string();
    }
    graph.post(&line); // VIOLATION (SL002): one branch initialised it with the phone
}

pub fn swap_by_assignment(user: &User, graph: &GraphClient) {
    let mut a = user.phone.clone();
    let mut b = user.id.to_string();
    (a, b) = (b, a);
    graph.post(&a); // clean: a now holds the id
    graph.post(&b); // VIOLATION (SL002): b now holds the phone
}

pub fn take_and_replace(user: &User, graph: &GraphClient) {
    let mut buffer = user.phone.clone();
    let taken = std::mem::take(&mut buffer);
    graph.post(&taken); // VIOLATION (SL002): take returns the phone
    let mut slot = user.phone.clone();
    let old = std::mem::replace(&mut slot, String::new());
    graph.post(&old); // VIOLATION (SL002): replace returns the phone
}
