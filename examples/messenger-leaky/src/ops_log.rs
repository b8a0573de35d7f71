//! The server log. On-call engineers read it and it is kept for 90 days, so it is a party
//! of its own (`logs`, default deny): a log line may say what happened and how often,
//! never whose data it was about.

use crate::wire::Wire;

/// The messenger's server log.
#[derive(Debug, Default)]
pub struct ServerLog {
    wire: Wire,
}

impl ServerLog {
    /// Appends one line.
    #[sharelock::sink(logs)]
    pub fn write_line(&self, line: &str) {
        self.wire.record(line.to_string());
    }

    /// Every line written so far.
    pub fn lines(&self) -> Vec<String> {
        self.wire.lines()
    }
}
