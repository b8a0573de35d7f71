//! The extension points features implement.

use crate::model::User;

pub trait Exporter {
    fn name(&self) -> &str;
    fn export(&self, user: &User) -> usize;
}

pub trait Normalizer {
    fn normalize(&self, text: &str) -> String;
}

/// The first link of every feature's normalisation chain.
pub fn trim_text(text: &str) -> String {
    text.trim().to_string()
}
