//! Data reaching a sink call inside a closure through a helper that calls the closure
//! with it, and through a closure returned by a factory function.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct GraphClient;
impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

fn apply<F: Fn(&str)>(value: &str, f: F) {
    f(value)
}

fn each_line(lines: &[String], mut f: impl FnMut(&String)) {
    for line in lines {
        f(line);
    }
}

fn make_sender(graph: &GraphClient) -> impl Fn(&str) + '_ {
    move |text| graph.post(text) // VIOLATION (SL002): the returned closure is called with the phone below
}

pub fn callback(user: &User, graph: &GraphClient) {
    apply(&user.phone, |text| graph.post(text)); // VIOLATION (SL002): apply calls the closure with the phone
    apply(&user.id.to_string(), |text| eprintln!("{text}")); // clean: no sink in this closure
}

pub fn callback_per_line(user: &User, graph: &GraphClient) {
    let lines = vec![user.phone.clone()];
    each_line(&lines, |line| graph.post(line)); // VIOLATION (SL002): each line is a phone
}

pub fn factory(user: &User, graph: &GraphClient) {
    let send = make_sender(graph);
    send(&user.phone);
}
