//! The consent mark follows filtered users into a struct field and back out, through a
//! helper returning the filtered vector, and through an `Option`.
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

pub struct Batch<'a> {
    pub users: Vec<&'a User>,
    pub label: String,
}

fn consenting(users: &[User]) -> Vec<&User> {
    users.iter().filter(|u| shares_with_parent(u)).collect()
}

pub fn through_field(users: &[User], graph: &GraphClient) {
    let batch = Batch { users: consenting(users), label: String::from("nightly") };
    for user in &batch.users {
        graph.post(&user.phone); // clean: the field holds consenting users only
    }
}

pub fn through_option(users: &[User], graph: &GraphClient) {
    let first = consenting(users).into_iter().next();
    if let Some(user) = first {
        graph.post(&user.phone); // clean: the first consenting user
    }
}

pub fn unfiltered_field(users: &[User], graph: &GraphClient) {
    let batch = Batch { users: users.iter().collect(), label: String::from("all") };
    for user in &batch.users {
        graph.post(&user.phone); // VIOLATION (SL002): every user
    }
}
