//! Values of generic types built inside the generic function (`S::default()`,
//! `S::open()`), a factory returning `Box<dyn Storage>`, and `where` clauses on impl
//! blocks: calls on them may reach every impl.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub trait Storage {
    fn open() -> Self
    where
        Self: Sized;
    fn put(&self, value: &str);
}

#[derive(Default)]
pub struct Memory;
impl Storage for Memory {
    fn open() -> Self {
        Memory
    }
    fn put(&self, value: &str) {}
}

#[derive(Default)]
pub struct ParentCloud;
impl Storage for ParentCloud {
    fn open() -> Self {
        ParentCloud
    }
    #[sharelock::sink(parent_company)]
    fn put(&self, value: &str) {}
}

pub fn with_default<S: Storage + Default>(user: &User) {
    let store = S::default();
    store.put(&user.phone); // VIOLATION (SL002): S may be ParentCloud
}

pub fn with_open<S: Storage>(user: &User) {
    S::open().put(&user.phone); // VIOLATION (SL002): S::open() may be ParentCloud
}

fn factory(remote: bool) -> Box<dyn Storage> {
    if remote { Box::new(ParentCloud) } else { Box::new(Memory) }
}

pub fn with_factory(user: &User) {
    factory(false).put(&user.phone); // VIOLATION (SL002): a Box<dyn Storage> may be ParentCloud
}

pub struct Cache<S> {
    store: S,
}

impl<S> Cache<S>
where
    S: Storage,
{
    pub fn remember(&self, user: &User) {
        self.store.put(&user.phone); // VIOLATION (SL002): S (bound in a where clause) may be ParentCloud
    }
}

pub fn memory_only(user: &User) {
    Memory::open().put(&user.phone); // clean: a concrete Memory
}
