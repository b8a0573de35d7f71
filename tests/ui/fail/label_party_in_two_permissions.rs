#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", consent(parent_company), deny(business_host, parent_company))]
    pub phone: String,
}

fn main() {}
