//! End-to-end encryption and pseudonyms: what leaves these functions no longer carries
//! the content it was computed from.

use crate::model::{PersonalMessage, User};

pub struct Key(pub [u8; 32]);

pub struct Ciphertext(pub Vec<u8>);

#[sharelock::sanitizer(removes = "message")]
pub fn seal(msg: &PersonalMessage, key: &Key) -> Ciphertext {
    let bytes = msg.body.bytes().zip(key.0.iter().cycle()).map(|(b, k)| b ^ k).collect();
    Ciphertext(bytes)
}

#[sharelock::sanitizer(removes = ["account.phone", "account.contacts"])]
pub fn pseudonymize(user: &User) -> u64 {
    user.phone.bytes().fold(user.id, |acc, b| acc.rotate_left(5) ^ u64::from(b))
}
