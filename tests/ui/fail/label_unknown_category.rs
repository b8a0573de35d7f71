#[derive(sharelock::Data)]
pub enum Message {
    Personal(#[sharelock(category = "mesage.personal", deny(parent_company))] String),
}

fn main() {}
