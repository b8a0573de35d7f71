//! The account directory: registration, and the list of accounts the jobs run over.

use crate::account::{Device, User, UserId};
use crate::address_book::{self, PhoneBook};
use crate::ops_log::ServerLog;

/// Every account, in registration order.
#[derive(Debug, Default)]
pub struct Directory {
    users: Vec<User>,
    /// The last number given to a registered account.
    last_id: u64,
}

impl Directory {
    /// Registers a new account. The phone number enters the system here, so the
    /// parameter carries the same label as `User::phone`; the address book is read
    /// through the platform SDK, a source of `account.contacts`.
    #[sharelock::source(
        category = "account.phone",
        consent(parent_company),
        allow(backups),
        args(phone)
    )]
    pub fn register(
        &mut self,
        display_name: &str,
        phone: &str,
        device: Device,
        book: &PhoneBook,
        log: &ServerLog,
    ) -> UserId {
        self.last_id += 1;
        let id = UserId(self.last_id);
        let mut user = User::new(self.last_id, display_name, phone, device);
        user.contacts = address_book::read_all(book);
        self.users.push(user);
        log.write_line(&format!("registered account {id}"));
        id
    }

    /// Adds an account migrated from the previous system, which keeps its number (those
    /// numbers start at 10 000, above any new registration's).
    pub fn import(&mut self, user: User) {
        self.users.push(user);
    }

    pub fn users(&self) -> &[User] {
        &self.users
    }

    pub fn get(&self, id: UserId) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn get_mut(&mut self, id: UserId) -> Option<&mut User> {
        self.users.iter_mut().find(|u| u.id == id)
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::Platform;

    #[test]
    fn registration_reads_the_address_book_and_logs_no_phone_number() {
        let mut directory = Directory::default();
        let log = ServerLog::default();
        let book = PhoneBook::default().with("Mum", "+351 910 000 009");
        let device = Device::new("Pixel 8", "Android 15", Platform::Android, "fcm-1");
        let id = directory.register("Ana", "+351 910 000 001", device, &book, &log);
        let ana = directory.get(id).unwrap();
        assert_eq!(ana.contacts.len(), 1);
        assert_eq!(directory.len(), 1);
        assert!(log.lines().iter().all(|line| !line.contains("910")));
    }
}
