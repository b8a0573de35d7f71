#[sharelock::sink(parent_company)]
pub(crate) fn push(text: &str) {}
