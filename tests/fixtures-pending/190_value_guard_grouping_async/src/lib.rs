//! The consent mark through grouping into a map with `entry().or_default().push`, an
//! `Arc` of the vector, and an awaited async helper returning the filtered users.
#![allow(dead_code, unused)]

use std::collections::HashMap;
use std::sync::Arc;

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

async fn load_consenting(users: Vec<User>) -> Vec<User> {
    users.into_iter().filter(|u| shares_with_parent(u)).collect()
}

pub fn grouped(users: &[User], graph: &GraphClient) {
    let mut by_parity: HashMap<bool, Vec<&User>> = HashMap::new();
    for user in users.iter().filter(|u| shares_with_parent(u)) {
        by_parity.entry(user.id % 2 == 0).or_default().push(user);
    }
    for group in by_parity.values() {
        for user in group {
            graph.post(&user.phone); // clean: only consenting users were grouped
        }
    }
}

pub fn shared(users: &[User], graph: &GraphClient) {
    let consenting: Arc<Vec<&User>> = Arc::new(users.iter().filter(|u| shares_with_parent(u)).collect());
    for user in consenting.iter() {
        graph.post(&user.phone); // clean: an Arc of the consented vector
    }
}

pub async fn awaited(users: Vec<User>, graph: &GraphClient) {
    for user in load_consenting(users).await {
        graph.post(&user.phone); // clean: the async helper filtered them
    }
}

pub fn pushed_in_filtered_loop(users: &[User], graph: &GraphClient) {
    let mut batch = Vec::new();
    for user in users.iter().filter(|u| shares_with_parent(u)) {
        batch.push(user);
    }
    for user in &batch {
        graph.post(&user.phone); // clean: only consenting users were pushed
    }
}
