//! Pattern forms bind labels: `@` bindings, `ref`/`ref mut`, or-patterns, slice patterns
//! with a rest, reference patterns, match guards.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct Contact {
    pub nickname: String,
    #[sharelock(category = "account.contacts", consent(parent_company))]
    pub phone: String,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

pub fn at_and_ref(contact: Option<Contact>, graph: &GraphClient) {
    match contact {
        Some(ref c @ Contact { .. }) if c.nickname.is_empty() => graph.post(&c.phone), // VIOLATION (SL002): an @ binding under a ref, with a match guard
        Some(Contact { ref nickname, .. }) => graph.post(nickname), // clean: a ref binding of the nickname
        None => {}
    }
}

pub fn or_patterns(pair: (Option<String>, Option<String>), contact: &Contact, graph: &GraphClient) {
    let pair = (Some(contact.phone.clone()), Some(contact.nickname.clone()));
    if let (Some(value), None) | (None, Some(value)) = pair.clone() {
        graph.post(&value); // VIOLATION (SL002): either alternative may bind the phone
    }
}

pub fn slice_patterns(contacts: &[Contact], graph: &GraphClient) {
    if let [first, .., last] = contacts {
        graph.post(&first.nickname); // clean: a nickname
        graph.post(&last.phone); // VIOLATION (SL002): the last contact's phone
    }
    let phones: Vec<String> = contacts.iter().map(|c| c.phone.clone()).collect();
    if let [head, rest @ ..] = phones.as_slice() {
        graph.post(&rest.join(",")); // VIOLATION (SL002): the rest of the phones
    }
}

pub fn reference_patterns(pairs: &[(String, String)], contact: &Contact, graph: &GraphClient) {
    let owned = vec![(contact.nickname.clone(), contact.phone.clone())];
    for &(ref nickname, ref phone) in &owned {
        graph.post(phone); // VIOLATION (SL002): the phone element
        graph.post(nickname); // clean: the nickname element
    }
}
