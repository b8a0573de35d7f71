//! Stand-in for the cloud storage a user links for chat backups (external in real life).
//! `BackupBucket::put_object` is the `backups` sink.

use crate::wire::Wire;

/// The user's backup bucket at their cloud storage provider.
#[derive(Debug, Default)]
pub struct BackupBucket {
    wire: Wire,
}

impl BackupBucket {
    /// Writes one object.
    pub fn put_object(&self, key: &str, contents: &str) {
        self.wire.record(format!("{key}: {contents}"));
    }

    /// Every object written, in order.
    pub fn objects(&self) -> Vec<String> {
        self.wire.lines()
    }
}
