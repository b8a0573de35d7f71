#[sharelock::sink(parent_company)]
pub struct GraphClient;

fn main() {}
