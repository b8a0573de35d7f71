//! Writing through an index, a dereference or a field of an element writes into the
//! collection.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<String>,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post_rows(&self, rows: &[String]) {}
    #[sharelock::sink(parent_company)]
    pub fn post_table(&self, rows: &[Row]) {}
}

pub fn index_assign(user: &User, graph: &GraphClient) {
    let mut cells = vec![String::new(); 3];
    graph.post_rows(&cells); // clean: still empty strings
    cells[1] = user.phone.clone();
    graph.post_rows(&cells); // VIOLATION (SL002): an element was assigned the phone
}

pub fn deref_assign(user: &User, graph: &GraphClient) {
    let mut cells = vec![String::new(); 2];
    if let Some(first) = cells.first_mut() {
        *first = user.phone.clone();
    }
    graph.post_rows(&cells); // VIOLATION (SL002): written through first_mut
}

pub fn element_field_assign(user: &User, graph: &GraphClient) {
    let mut table = vec![Row::default()];
    table[0].cells.push(user.phone.clone());
    graph.post_table(&table); // VIOLATION (SL002): pushed into a field of an element
}

pub fn iter_mut_assign(users: &[User], graph: &GraphClient) {
    let mut cells = vec![String::new(); users.len()];
    for (cell, user) in cells.iter_mut().zip(users) {
        *cell = user.phone.clone();
    }
    graph.post_rows(&cells); // VIOLATION (SL002): written through iter_mut
}
