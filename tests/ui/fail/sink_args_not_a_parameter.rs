pub struct GraphClient;

impl GraphClient {
    #[sharelock::sink(parent_company, args(self, bdy))]
    pub fn post(&self, body: &[u8]) -> usize {
        body.len()
    }
}

fn main() {}
