use crate::Envelope;

pub struct SealedEnvelope {
    pub recipient_device: u64,
    pub ciphertext: Vec<u8>,
}

#[sharelock::sanitizer(removes = "message")]
pub fn seal(envelope: &Envelope) -> SealedEnvelope {
    SealedEnvelope {
        recipient_device: envelope.recipient_device,
        ciphertext: envelope.body.bytes().map(|b| b.rotate_left(3)).collect(),
    }
}
