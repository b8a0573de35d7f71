use sharelock::sanitizer;

#[sanitizer(removes = ["message", "acount.phone"])]
pub fn seal(body: &[u8]) -> Vec<u8> {
    body.to_vec()
}

fn main() {}
