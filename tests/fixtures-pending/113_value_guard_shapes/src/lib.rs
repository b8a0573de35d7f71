//! Value guards in more shapes: `&&` and `||` in the predicate, a filter after `map` on
//! a tuple holding the user, `enumerate`/`zip` after the filter, collecting into a map,
//! `retain` then `drain`.
#![allow(dead_code, unused)]

use std::collections::HashMap;

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

pub fn conjunction(users: &[User], graph: &GraphClient) {
    users.iter().filter(|u| shares_with_parent(u) && u.verified).for_each(|u| graph.post(&u.phone)); // clean: check && other
    users.iter().filter(|u| shares_with_parent(u) || u.verified).for_each(|u| graph.post(&u.phone)); // VIOLATION (SL002): || lets opted-out verified users through
}

pub fn tuple_elements(users: &[User], graph: &GraphClient) {
    users
        .iter()
        .map(|u| (u, u.phone.clone()))
        .filter(|(u, _)| shares_with_parent(u))
        .for_each(|(_, phone)| graph.post(&phone)); // clean: the tuple element passed the consent filter
}

pub fn enumerate_after_filter(users: &[User], graph: &GraphClient) {
    for (index, user) in users.iter().filter(|u| shares_with_parent(u)).enumerate() {
        graph.post(&format!("{index}:{}", user.phone)); // clean: enumerate keeps the mark
    }
}

pub fn collected_into_map(users: &[User], graph: &GraphClient) {
    let by_id: HashMap<u64, &User> = users.iter().filter(|u| shares_with_parent(u)).map(|u| (u.id, u)).collect();
    for user in by_id.values() {
        graph.post(&user.phone); // clean: a map built from consented users
    }
}

pub fn retain_then_drain(mut users: Vec<User>, graph: &GraphClient) {
    users.retain(|u| shares_with_parent(u));
    for user in users.drain(..) {
        graph.post(&user.phone); // clean: drained after retain
    }
}
