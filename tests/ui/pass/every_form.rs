//! Every annotation form compiles without a warning and keeps the item unchanged.
#![deny(warnings)]

mod full_paths {
    #[derive(Debug, Clone, sharelock::Data)]
    pub struct User {
        pub id: u64,
        #[sharelock(category = "account.phone", consent(parent_company))]
        pub phone: String,
        #[sharelock(category = "account.contacts", consent(parent_company), allow(business_host))]
        pub contacts: Vec<String>,
        #[sharelock(category = "account.opt_out", allow(parent_company), must_reach(user_export))]
        pub opted_out_2016: bool,
    }

    #[derive(sharelock::Data)]
    #[sharelock(category = "message.personal", deny(parent_company, business_host))]
    pub struct PersonalMessage {
        pub body: String,
    }

    #[derive(sharelock::Data)]
    pub struct Pseudonym(#[sharelock(category = "account", deny(parent_company))] pub u64, pub u8);

    #[derive(sharelock::Data)]
    pub enum Chat<T> {
        Personal(#[sharelock(category = "message.personal", deny(business_host))] T),
        Business {
            #[sharelock(category = "message.business", allow(business_host))]
            body: T,
        },
    }

    pub struct GraphClient;

    impl GraphClient {
        #[sharelock::sink(parent_company)]
        pub fn post(&self, body: &[u8]) -> usize {
            body.len()
        }

        #[sharelock::sink(parent_company, business_host, args(self))]
        pub fn upload(&self, _batch: u8) {}

        #[::sharelock::source(category = "account.contacts", consent(parent_company))]
        pub async fn read_address_book(&self) -> Vec<String> {
            vec!["a".to_string()]
        }
    }

    #[sharelock::source(category = "account.phone", consent(parent_company), args(phone))]
    pub fn on_register(phone: String) -> usize {
        #![allow(unused_variables)]
        phone.len()
    }

    #[sharelock::sanitizer(removes = "message")]
    pub fn seal(msg: &PersonalMessage) -> Vec<u8> {
        msg.body.bytes().rev().collect()
    }

    #[sharelock::sanitizer(removes = ["account.phone", "account.contacts"])]
    pub fn pseudonymize(user: &User) -> u64 {
        user.id
    }

    #[sharelock::sanitizer]
    pub fn count(users: &[User]) -> usize {
        users.len()
    }

    #[sharelock::consent_check(parent_company)]
    pub fn shares_with_parent(user: &User) -> bool {
        !user.opted_out_2016
    }

    #[sharelock::allow_flow(reason = "DPA-2021-04: legal hold export, reviewed")]
    pub fn legal_export(client: &GraphClient, user: &User) -> usize {
        client.post(user.phone.as_bytes())
    }
}

mod imported {
    use sharelock::{consent_check, sink, source as labelled};

    pub trait Exporter {
        #[sink(user_export)]
        fn export(&self, data: &str) -> usize;

        #[consent_check(parent_company)]
        fn permits(&self) -> Result<(), String>;

        #[labelled(category = "account", allow(user_export))]
        fn snapshot(&self) -> String {
            String::from("snapshot")
        }
    }

    pub struct Download;

    impl Exporter for Download {
        #[sink(user_export)]
        fn export(&self, data: &str) -> usize {
            data.len()
        }

        #[consent_check(parent_company)]
        fn permits(&self) -> Result<(), String> {
            Ok(())
        }
    }
}

mod glob {
    use sharelock::*;

    #[consent_check(parent_company, business_host)]
    pub async fn asks(flag: u8) -> Option<u8> {
        Some(flag)
    }

    #[allow_flow(reason = "aggregates only")]
    pub fn report(value: u8) -> u8 {
        value
    }
}

fn main() {
    use full_paths::*;
    use imported::Exporter;
    use sharelock::{Labeled, Permission, Site};

    let user = User {
        id: 7,
        phone: "+1".into(),
        contacts: vec![],
        opted_out_2016: false,
    };
    let client = GraphClient;
    client.upload(1);
    drop(client.read_address_book());
    let message = PersonalMessage { body: "hi".into() };
    let chats = [Chat::Personal(1u8), Chat::Business { body: 2u8 }];
    let total = on_register(user.phone.clone())
        + seal(&message).len()
        + count(std::slice::from_ref(&user))
        + legal_export(&client, &user)
        + usize::from(shares_with_parent(&user))
        + usize::from(glob::report(Pseudonym(1, 2).1))
        + imported::Download.export(&imported::Download.snapshot())
        + usize::from(imported::Download.permits().is_ok())
        + chats.len();
    drop(glob::asks(1));
    assert_eq!(pseudonymize(&user), 7);
    assert!(total > 0);

    assert_eq!(User::LABELS.len(), 3);
    assert_eq!(User::LABELS[0].site, Site::Field("phone"));
    assert_eq!(User::LABELS[1].permission("business_host"), Some(Permission::Allow));
    assert_eq!(User::LABELS[1].permission("user_export"), None);
    assert_eq!(User::LABELS[2].permission("user_export"), Some(Permission::MustReach));
    assert_eq!(PersonalMessage::LABELS[0].site, Site::Type);
    assert_eq!(PersonalMessage::LABELS[0].parties.len(), 2);
    assert_eq!(Pseudonym::LABELS[0].site, Site::Field("0"));
    assert_eq!(
        <Chat<u8> as Labeled>::LABELS[1].site,
        Site::VariantField { variant: "Business", field: "body" }
    );
    assert_eq!(<Chat<u8> as Labeled>::LABELS[0].category, "message.personal");
}
