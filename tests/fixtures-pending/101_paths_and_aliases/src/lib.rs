//! Path forms: `extern crate .. as`, a leading `::`, a renamed external crate, `use
//! .. ::{self, ..}` groups, `pub(crate) use`, `use super::*` in a nested module,
//! `Self::` calls and `<T as Trait>::` / `Trait::method(&recv, ..)` qualified calls.
#![allow(dead_code, unused)]

extern crate graph_sdk as gs;

pub mod net;

use graph_sdk as g;

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub fn external_aliases(user: &User, client: &g::GraphClient) {
    gs::upload(&user.phone); // VIOLATION (SL002): extern crate alias of graph_sdk::upload
    ::graph_sdk::upload(&user.phone); // VIOLATION (SL002): a leading ::
    g::GraphClient::post(client, &user.phone); // VIOLATION (SL002): a renamed crate, Type::method(&recv, x)
    g::upload(&user.id.to_string()); // clean: the id
}

pub mod jobs {
    use super::*;

    pub fn nested_glob_of_parent(user: &User) {
        crate::net::relay(&user.phone);
    }
}
