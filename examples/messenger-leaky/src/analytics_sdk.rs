//! Stand-in for a product analytics SDK (external in real life).
//! `AnalyticsClient::track_event` is the `analytics` sink.

use crate::wire::Wire;

/// An analytics event: a name and a few properties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub name: &'static str,
    pub properties: Vec<(&'static str, String)>,
}

impl Event {
    pub fn new(name: &'static str) -> Self {
        Event {
            name,
            properties: Vec::new(),
        }
    }

    pub fn with(mut self, key: &'static str, value: impl ToString) -> Self {
        self.properties.push((key, value.to_string()));
        self
    }
}

/// A connection to the analytics service.
#[derive(Debug, Default)]
pub struct AnalyticsClient {
    wire: Wire,
}

impl AnalyticsClient {
    pub fn track_event(&self, event: &Event) {
        let props: Vec<String> = event
            .properties
            .iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        self.wire
            .record(format!("{} {}", event.name, props.join(" ")));
    }

    /// Every event the analytics service received.
    pub fn events(&self) -> Vec<String> {
        self.wire.lines()
    }
}
