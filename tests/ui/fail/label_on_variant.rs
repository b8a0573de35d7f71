#[derive(sharelock::Data)]
pub enum Message {
    #[sharelock(category = "message.personal", deny(parent_company))]
    Personal(String),
}

fn main() {}
