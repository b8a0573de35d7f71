#[sharelock::sanitizer(removes = [], strip = "all")]
pub fn seal(body: &[u8]) -> Vec<u8> {
    body.to_vec()
}

fn main() {}
