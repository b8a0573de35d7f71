//! The user store, asynchronous like the real one.

use crate::model::User;

#[derive(Default)]
pub struct Store {
    pub users: Vec<User>,
}

impl Store {
    pub async fn load(&self, id: u64) -> Option<User> {
        self.users.iter().find(|u| u.id == id).cloned()
    }

    pub async fn load_all(&self) -> Vec<User> {
        self.users.clone()
    }
}
