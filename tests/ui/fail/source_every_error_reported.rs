pub struct Registry;

impl Registry {
    #[sharelock::source(category = "account.phone", allow(user_export), allow(parent_company), args(phon))]
    pub async fn on_register(&self, phone: String) -> usize {
        phone.len()
    }
}

fn main() {}
