#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", allow(user_export), consent(user_export), colour = "red")]
    pub phone: String,
    #[sharelock(category = "Account", must_reach(nobody))]
    pub email: String,
}

fn main() {}
