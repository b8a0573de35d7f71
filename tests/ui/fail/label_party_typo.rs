#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", consent(parnet_company))]
    pub phone: String,
}

fn main() {}
