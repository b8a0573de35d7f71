#[sharelock::sink(args(body))]
pub fn post(body: &[u8]) -> usize {
    body.len()
}

fn main() {}
