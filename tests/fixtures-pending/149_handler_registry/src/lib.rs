//! An event-handler registry: boxed closures pushed into a `Vec<Box<dyn Fn(&str)>>` and
//! called later with each event; one handler forwards to the parent company.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

#[derive(Clone, Copy)]
pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

pub struct Registry {
    handlers: Vec<Box<dyn Fn(&str)>>,
}

impl Registry {
    pub fn on_event(&mut self, handler: Box<dyn Fn(&str)>) {
        self.handlers.push(handler);
    }

    pub fn emit(&self, event: &str) {
        for handler in &self.handlers {
            handler(event);
        }
    }
}

pub fn wire(graph: GraphClient) -> Registry {
    let mut registry = Registry { handlers: Vec::new() };
    registry.on_event(Box::new(|event| eprintln!("{event}")));
    registry.on_event(Box::new(move |event| graph.post(event))); // VIOLATION (SL002): emitted events include the phone (phone_changed)
    registry
}

pub fn phone_changed(user: &User, registry: &Registry) {
    registry.emit(&user.phone);
}
