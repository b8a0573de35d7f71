//! Stand-in for the phone platform's address book API (external in real life).
//! `address_book::read_all` is declared in `sharelock.toml` as a source of
//! `account.contacts`: whatever it returns is the user's contacts.

use crate::account::Contact;

/// The address book on one phone, as the platform exposes it.
#[derive(Clone, Debug, Default)]
pub struct PhoneBook {
    pub entries: Vec<(String, String)>,
}

impl PhoneBook {
    pub fn with(mut self, name: &str, phone: &str) -> Self {
        self.entries.push((name.to_string(), phone.to_string()));
        self
    }
}

/// Reads every entry the user allowed the app to see.
pub fn read_all(book: &PhoneBook) -> Vec<Contact> {
    book.entries
        .iter()
        .map(|(name, phone)| Contact::new(name, phone))
        .collect()
}
