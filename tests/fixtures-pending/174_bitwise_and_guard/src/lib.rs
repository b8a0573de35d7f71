//! A bitwise `&` of the check and another flag is true only when the check is: like `&&`,
//! it guards its block.
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

pub fn bitwise_and(user: &User, graph: &GraphClient) {
    if shares_with_parent(user) & user.verified {
        graph.post(&user.phone); // clean: & is true only when the check is
    }
    if user.verified & shares_with_parent(user) {
        graph.post(&user.phone); // clean: either order
    }
}
