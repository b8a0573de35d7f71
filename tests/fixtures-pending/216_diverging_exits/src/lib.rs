//! Other diverging exits after a negated check also guard what follows:
//! `std::process::exit`, `todo!()`, `unimplemented!()`, a local `-> !` function.
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

fn abort_sync(reason: &str) -> ! {
    panic!("sync aborted: {reason}")
}

pub fn process_exit(user: &User, graph: &GraphClient) {
    if !shares_with_parent(user) {
        std::process::exit(0);
    }
    graph.post(&user.phone); // clean: exit never returns
}

pub fn local_never(user: &User, graph: &GraphClient) {
    if !shares_with_parent(user) {
        abort_sync("opted out");
    }
    graph.post(&user.phone); // clean: abort_sync returns `!`
}

pub fn todo_exit(user: &User, graph: &GraphClient) {
    if !shares_with_parent(user) {
        todo!("queue for later");
    }
    graph.post(&user.phone); // clean: todo! diverges
}

pub fn non_diverging_helper(user: &User, graph: &GraphClient) {
    if !shares_with_parent(user) {
        eprintln!("opted out");
        log_skip(user.id);
    }
    graph.post(&user.phone); // VIOLATION (SL002): log_skip returns, the code falls through
}

fn log_skip(id: u64) {}
