use crate::{PrivacyService, User};

pub struct Graph;
impl Graph {
    #[sharelock::sink(parent_company)]
    pub fn upload(&self, user_id: u64, contacts: &[String]) {}
}

pub fn fail_closed(user: &User, privacy: &PrivacyService, graph: &Graph) {
    if privacy.shares_with_parent(user.id).unwrap_or(false) {
        graph.upload(user.id, &user.contacts); // clean: true only for Ok(true)
    }
    if privacy.require_sharing(user.id).is_ok() {
        graph.upload(user.id, &user.contacts); // clean: is_ok is the positive outcome of Result<(), E>
    }
    if privacy.shares_with_parent(user.id).unwrap_or_default() {
        graph.upload(user.id, &user.contacts); // clean: the default is false
    }
}

pub fn fail_open(user: &User, privacy: &PrivacyService, graph: &Graph) {
    if privacy.shares_with_parent(user.id).unwrap_or(true) {
        graph.upload(user.id, &user.contacts); // VIOLATION (SL002): shares when the service is down
    }
    if privacy.shares_with_parent(user.id).unwrap_or_else(|_| true) {
        graph.upload(user.id, &user.contacts); // VIOLATION (SL002): shares when the service is down
    }
}

pub fn filtered(users: &[User], privacy: &PrivacyService, graph: &Graph) {
    for user in users.iter().filter(|u| privacy.shares_with_parent(u.id).unwrap_or(false)) {
        graph.upload(user.id, &user.contacts); // clean: a fail-closed filter
    }
    for user in users.iter().filter(|u| privacy.shares_with_parent(u.id).unwrap_or(true)) {
        graph.upload(user.id, &user.contacts); // VIOLATION (SL002): a fail-open filter keeps users whose lookup failed
    }
}
