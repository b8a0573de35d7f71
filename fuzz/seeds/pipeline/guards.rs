use sharelock::{consent_check, sink};

#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    #[sharelock(category = "account.opt_out", allow(parent_company), must_reach(user_export))]
    pub opted_out_2016: bool,
}

pub struct Graph;

impl Graph {
    #[sink(parent_company)]
    pub fn post(&self, body: &[u8]) {}
}

#[consent_check(parent_company)]
pub fn shares(user: &User) -> bool {
    !user.opted_out_2016
}

pub fn guarded(graph: &Graph, user: &User) {
    if shares(user) {
        graph.post(user.phone.as_bytes());
    }
}

pub fn early_return(graph: &Graph, user: &User) {
    if !shares(user) {
        return;
    }
    graph.post(user.phone.as_bytes());
}

pub fn unguarded(graph: &Graph, users: &[User]) {
    users.iter().map(|u| u.phone.clone()).for_each(|p| graph.post(p.as_bytes()));
}

#[sharelock::allow_flow(reason = "legal hold")]
pub fn legal(graph: &Graph, user: &User) {
    graph.post(user.phone.as_bytes());
}
