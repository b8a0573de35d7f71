#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.Phone-Number", deny(parent_company))]
    pub phone: String,
}

fn main() {}
