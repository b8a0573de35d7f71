//! Writes through `&mut` references held in locals, passed on, and returned from
//! helpers reach the referent.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

#[derive(Debug, Default)]
pub struct Outbox {
    pub subject: String,
    pub body: String,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

fn body_of(outbox: &mut Outbox) -> &mut String {
    &mut outbox.body
}

fn fill(target: &mut String, user: &User) {
    target.push_str(&user.phone);
}

pub fn local_reference(user: &User, graph: &GraphClient) {
    let mut body = String::new();
    let r = &mut body;
    r.push_str(&user.phone);
    graph.post(&body); // VIOLATION (SL002): written through a local &mut
}

pub fn reference_passed_on(user: &User, graph: &GraphClient) {
    let mut outbox = Outbox::default();
    fill(&mut outbox.body, user);
    graph.post(&outbox.subject); // clean: only the body was written
    graph.post(&outbox.body); // VIOLATION (SL002): a helper wrote into the body field
}

pub fn reference_returned(user: &User, graph: &GraphClient) {
    let mut outbox = Outbox::default();
    let body = body_of(&mut outbox);
    body.push_str(&user.phone);
    graph.post(&outbox.body); // VIOLATION (SL002): written through a &mut a helper returned
}
