//! More guard forms: the else of a negated check, `assert!(check && other)`, a
//! `filter_map` whose closure uses `?` on an `Option` check, `matches!`-free matching on
//! a bound result, and a shadowed check variable.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    pub opted_out_2016: bool,
    pub verified: bool,
}

pub struct Grant;

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> bool {
    !user.opted_out_2016
}

#[sharelock::consent_check(parent_company)]
pub fn parent_grant(user: &User) -> Option<Grant> {
    (!user.opted_out_2016).then_some(Grant)
}

pub fn else_of_negated(user: &User, graph: &GraphClient) {
    if !shares_with_parent(user) {
        eprintln!("skipping {}", user.id);
    } else {
        graph.post(&user.phone); // clean: the else of a negated check is the positive outcome
    }
}

pub fn assert_conjunction(user: &User, graph: &GraphClient) {
    assert!(shares_with_parent(user) && user.verified);
    graph.post(&user.phone); // clean: the assertion holds only with consent
}

pub fn filter_map_question_mark(users: &[User], graph: &GraphClient) {
    let phones: Vec<String> = users
        .iter()
        .filter_map(|u| {
            parent_grant(u)?;
            Some(u.phone.clone())
        })
        .collect();
    for phone in &phones {
        graph.post(phone); // clean: ? on the Option check inside filter_map
    }
}

pub fn bound_match(user: &User, graph: &GraphClient) {
    let grant = parent_grant(user);
    match grant {
        Some(_) => graph.post(&user.phone), // clean: the bound Option check's Some arm
        None => {}
    }
}

pub fn shadowed_check(user: &User, graph: &GraphClient, force: bool) {
    let allowed = shares_with_parent(user);
    let allowed = force;
    if allowed {
        graph.post(&user.phone); // VIOLATION (SL002): the binding tested is not the check's
    }
}
