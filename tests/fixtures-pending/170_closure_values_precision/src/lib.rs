//! Closure values kept apart: a logging registry is called with the phone, a metrics hook
//! that posts to the parent is only ever called with counts. The parent hook's sink call
//! receives no labelled data.
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

pub struct LocalLog {
    writers: Vec<Box<dyn Fn(&str)>>,
}

impl LocalLog {
    pub fn write(&self, line: &str) {
        for writer in &self.writers {
            writer(line);
        }
    }
}

pub struct MetricsHook {
    on_count: Box<dyn Fn(usize)>,
}

impl MetricsHook {
    pub fn count(&self, n: usize) {
        (self.on_count)(n);
    }
}

pub fn wire(graph: GraphClient) -> (LocalLog, MetricsHook) {
    let log = LocalLog { writers: vec![Box::new(|line| eprintln!("{line}"))] };
    let hook = MetricsHook { on_count: Box::new(move |n| graph.post(&n.to_string())) }; // clean: only counts reach this closure
    (log, hook)
}

pub fn on_login(user: &User, log: &LocalLog, hook: &MetricsHook) {
    log.write(&user.phone);
    hook.count(user.phone.len());
}
