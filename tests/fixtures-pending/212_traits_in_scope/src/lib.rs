//! Two traits give one type a `send` method; only `parent::Upload::send` is a sink. A call
//! resolves to the trait that is in scope where it is written.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct Client;

pub mod parent {
    pub trait Upload {
        fn send(&self, text: &str);
    }
    impl Upload for super::Client {
        #[sharelock::sink(parent_company)]
        fn send(&self, text: &str) {}
    }
}

pub mod local {
    pub trait Notify {
        fn send(&self, text: &str);
    }
    impl Notify for super::Client {
        fn send(&self, text: &str) {}
    }
}

pub mod uses_upload {
    use super::parent::Upload;
    pub fn go(user: &super::User, client: &super::Client) {
        client.send(&user.phone); // VIOLATION (SL002): Upload is the trait in scope
    }
}

pub mod uses_notify {
    use super::local::Notify;
    pub fn go(user: &super::User, client: &super::Client) {
        client.send(&user.phone); // clean: Notify is the trait in scope
    }
}
