//! Less common mutators write into their receiver: `insert_str`, `clone_from`,
//! `extend_from_slice`, `resize`, `fill`, `splice`, `push_front`, `entry().or_insert`,
//! `+=` on a field.
#![allow(dead_code, unused)]

use std::collections::{BTreeMap, VecDeque};

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post<T: std::fmt::Debug>(&self, value: &T) {}
}

pub struct Note {
    pub text: String,
}

pub fn string_mutators(user: &User, graph: &GraphClient) {
    let mut a = String::from("tel:");
    a.insert_str(4, &user.phone);
    graph.post(&a); // VIOLATION (SL002): insert_str
    let mut b = String::new();
    b.clone_from(&user.phone);
    graph.post(&b); // VIOLATION (SL002): clone_from
    let mut note = Note { text: String::new() };
    note.text += &user.phone;
    graph.post(&note.text); // VIOLATION (SL002): += on a field
}

pub fn vec_mutators(user: &User, graph: &GraphClient) {
    let mut a: Vec<String> = Vec::new();
    a.extend_from_slice(&[user.phone.clone()]);
    graph.post(&a); // VIOLATION (SL002): extend_from_slice
    let mut b: Vec<String> = Vec::new();
    b.resize(3, user.phone.clone());
    graph.post(&b); // VIOLATION (SL002): resize with the phone
    let mut c = vec![String::new(); 2];
    c.fill(user.phone.clone());
    graph.post(&c); // VIOLATION (SL002): fill
    let mut d = vec![String::new(); 2];
    d.splice(0..1, [user.phone.clone()]);
    graph.post(&d); // VIOLATION (SL002): splice
}

pub fn other_collections(user: &User, graph: &GraphClient) {
    let mut queue = VecDeque::new();
    queue.push_front(user.phone.clone());
    graph.post(&queue); // VIOLATION (SL002): push_front
    let mut index: BTreeMap<u64, String> = BTreeMap::new();
    index.entry(user.id).or_insert(user.phone.clone());
    graph.post(&index); // VIOLATION (SL002): entry().or_insert
    let mut ids: Vec<u64> = Vec::new();
    ids.resize(3, user.id);
    graph.post(&ids); // clean: resized with the id
}
