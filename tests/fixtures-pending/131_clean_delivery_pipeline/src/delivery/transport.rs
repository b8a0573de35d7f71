pub trait Transport {
    async fn push(&self, device: u64, ciphertext: &[u8]);
}

pub struct ParentRelay;

impl Transport for ParentRelay {
    #[sharelock::sink(parent_company)]
    async fn push(&self, device: u64, ciphertext: &[u8]) {}
}

pub struct LanDirect;

impl Transport for LanDirect {
    async fn push(&self, device: u64, ciphertext: &[u8]) {}
}
