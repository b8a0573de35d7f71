pub struct User {
    pub opted_out: bool,
}

#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> u8 {
    u8::from(!user.opted_out)
}

#[sharelock::consent_check(parent_company)]
pub fn record_consent(_user: &User) {}

fn main() {}
