//! An inherent method wins over a trait method of the same name: `client.send(..)` calls
//! the inherent (non-sink) `send` even with the sink trait in scope; `Upload::send(&client,
//! ..)` names the trait's.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub trait Upload {
    fn send(&self, text: &str);
}

pub struct Client;

impl Client {
    pub fn send(&self, text: &str) {}
}

impl Upload for Client {
    #[sharelock::sink(parent_company)]
    fn send(&self, text: &str) {}
}

pub fn go(user: &User, client: &Client) {
    client.send(&user.phone); // clean: the inherent method takes precedence
    Upload::send(client, &user.phone); // VIOLATION (SL002): the trait's method, named explicitly
}
