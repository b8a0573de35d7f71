//! Writing into `Option`s (`insert`, `replace`, `get_or_insert_with`, assignment through
//! `as_mut`) and through a `RefCell` borrow.
#![allow(dead_code, unused)]

use std::cell::RefCell;

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post<T: std::fmt::Debug>(&self, value: &T) {}
}

pub fn option_writes(user: &User, graph: &GraphClient) {
    let mut a: Option<String> = None;
    a.insert(user.phone.clone());
    graph.post(&a); // VIOLATION (SL002): Option::insert
    let mut b: Option<String> = Some(String::new());
    b.replace(user.phone.clone());
    graph.post(&b); // VIOLATION (SL002): Option::replace
    let mut c: Option<String> = None;
    c.get_or_insert_with(|| user.phone.clone());
    graph.post(&c); // VIOLATION (SL002): get_or_insert_with
}

pub fn refcell_push(user: &User, graph: &GraphClient) {
    let log = RefCell::new(Vec::new());
    log.borrow_mut().push(user.phone.clone());
    graph.post(&log); // VIOLATION (SL002): pushed through borrow_mut
}
