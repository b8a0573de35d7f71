#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", consnt(parent_company))]
    pub phone: String,
}

fn main() {}
