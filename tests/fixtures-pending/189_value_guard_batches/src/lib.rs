//! The consent mark through batching: `chunks` of a filtered vector, sorting it, a helper
//! filling a `&mut Vec` with filtered users, cloning the vector.
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

fn collect_consenting<'a>(users: &'a [User], out: &mut Vec<&'a User>) {
    out.extend(users.iter().filter(|u| shares_with_parent(u)));
}

pub fn chunked(users: &[User], graph: &GraphClient) {
    let mut consenting: Vec<&User> = users.iter().filter(|u| shares_with_parent(u)).collect();
    consenting.sort_by_key(|u| u.id);
    for chunk in consenting.chunks(100) {
        for user in chunk {
            graph.post(&user.phone); // clean: chunks of a sorted consented vector
        }
    }
    let copy = consenting.clone();
    copy.iter().for_each(|u| graph.post(&u.phone)); // clean: a clone of it
}

pub fn filled_by_helper(users: &[User], graph: &GraphClient) {
    let mut consenting = Vec::new();
    collect_consenting(users, &mut consenting);
    for user in &consenting {
        graph.post(&user.phone); // clean: the helper wrote only consenting users
    }
}
