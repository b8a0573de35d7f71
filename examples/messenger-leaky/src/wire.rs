//! An in-process stand-in for the network: each fake external service records what it
//! received, so that the demo can print it and the tests can assert on it.

use std::cell::RefCell;

/// What one external service received, one line per request, in order.
#[derive(Debug, Default)]
pub struct Wire {
    lines: RefCell<Vec<String>>,
}

impl Wire {
    pub fn record(&self, line: String) {
        self.lines.borrow_mut().push(line);
    }

    /// Everything received so far.
    pub fn lines(&self) -> Vec<String> {
        self.lines.borrow().clone()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.borrow().is_empty()
    }
}
