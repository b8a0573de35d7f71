use sharelock::*;

pub trait Settings {
    #[consent_check(parent_company, busines_host)]
    fn shares(&self) -> bool;
}

fn main() {}
