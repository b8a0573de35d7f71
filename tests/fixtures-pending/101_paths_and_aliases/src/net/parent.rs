use super::Channel;

pub struct Uplink;

impl Uplink {
    pub fn forward(text: &str) {
        Self::send(text); // VIOLATION (SL002): Self:: call; jobs::nested_glob_of_parent relays the phone
    }

    #[sharelock::sink(parent_company)]
    fn send(text: &str) {}
}

impl Channel for Uplink {
    #[sharelock::sink(parent_company)]
    fn push(&self, text: &str) {}
}
