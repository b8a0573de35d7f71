//! Values whose type comes through an associated type (`Self::Item`) of a known impl, or a
//! generic return type fixed by a turbofish: reading their labelled fields is labelled.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub trait Repository {
    type Item;
    fn first(&self) -> Self::Item;
}

pub struct UserRepo;
impl Repository for UserRepo {
    type Item = User;
    fn first(&self) -> User {
        User::default()
    }
}

pub fn load<T: Default>() -> T {
    T::default()
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

pub fn associated(repo: &UserRepo, graph: &GraphClient) {
    let user = repo.first();
    graph.post(&user.phone); // VIOLATION (SL002): Self::Item is User for UserRepo
    graph.post(&user.id.to_string()); // clean: the id
}

pub fn turbofish(graph: &GraphClient) {
    let user = load::<User>();
    graph.post(&user.phone); // VIOLATION (SL002): load::<User>() returns a User
    let typed: User = load();
    graph.post(&typed.phone); // VIOLATION (SL002): the let's type
}
