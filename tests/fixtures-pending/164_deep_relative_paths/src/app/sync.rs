pub mod job {
    pub(in crate::app) fn run(user: &crate::User) {
        super::super::transport::push(&user.phone); // VIOLATION (SL002): super::super:: reaches the #[path] module
        self::helper(user);
    }

    fn helper(user: &crate::User) {
        crate::app::transport::push(&user.id.to_string()); // clean: the id
    }
}

pub fn start(user: &crate::User) {
    self::job::run(user);
}
