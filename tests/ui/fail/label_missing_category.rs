#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(allow(user_export))]
    pub phone: String,
}

fn main() {}
