#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", allow(), consent(parent_company))]
    pub phone: String,
}

fn main() {}
