#[derive(sharelock::Data)]
#[sharelock(category = "account.phone", category = "account.email")]
pub struct Phone(String);

fn main() {}
