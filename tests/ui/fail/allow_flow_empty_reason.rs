#[sharelock::allow_flow(reason = "  ")]
pub fn legal_export(body: &[u8]) -> usize {
    body.len()
}

fn main() {}
