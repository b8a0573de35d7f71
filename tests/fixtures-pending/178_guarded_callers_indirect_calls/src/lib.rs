//! Guarded callers count every way a helper is called: one guarded direct call does not
//! make it guarded when it is also called through a function pointer or handed to a
//! higher-order helper without a check.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    pub opted_out_2016: bool,
    pub verified: bool,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> bool {
    !user.opted_out_2016
}

fn push_phone(user: &User, graph: &GraphClient) {
    graph.post(&user.phone); // VIOLATION (SL002): also called through a function pointer without a check
}

fn push_contact_card(user: &User, graph: &GraphClient) {
    graph.post(&format!("{}:{}", user.id, user.phone)); // VIOLATION (SL002): also handed to run_for_all, which checks nothing
}

fn run_for_all(users: &[User], graph: &GraphClient, job: fn(&User, &GraphClient)) {
    for user in users {
        job(user, graph);
    }
}

pub fn guarded(user: &User, graph: &GraphClient) {
    if shares_with_parent(user) {
        push_phone(user, graph);
        push_contact_card(user, graph);
    }
}

pub fn via_pointer(user: &User, graph: &GraphClient) {
    let job: fn(&User, &GraphClient) = push_phone;
    job(user, graph);
}

pub fn via_higher_order(users: &[User], graph: &GraphClient) {
    run_for_all(users, graph, push_contact_card);
}
