//! Clients of the parties data can reach: the parent company's graph API, the business
//! host, the relay infrastructure and the user's own data export.

pub struct GraphClient {
    pub endpoint: String,
}

impl GraphClient {
    pub fn new(endpoint: &str) -> GraphClient {
        GraphClient { endpoint: endpoint.to_string() }
    }

    #[sharelock::sink(parent_company)]
    pub fn post(&self, body: &[u8]) -> usize {
        body.len() + self.endpoint.len()
    }

    #[sharelock::sink(parent_company)]
    pub fn post_batch(&self, items: &[String]) -> usize {
        items.iter().map(|item| self.post(item.as_bytes())).sum()
    }
}

pub struct BusinessHost {
    pub region: String,
}

impl BusinessHost {
    #[sharelock::sink(business_host)]
    pub fn store(&self, chat_id: u64, payload: &[u8]) -> bool {
        !self.region.is_empty() && chat_id > 0 && !payload.is_empty()
    }
}

pub struct RelayClient {
    pub hops: u8,
}

impl RelayClient {
    #[sharelock::sink(infra)]
    pub fn relay(&self, payload: &[u8]) -> usize {
        payload.len() * usize::from(self.hops)
    }
}

#[derive(Default)]
pub struct ExportArchive {
    pub entries: Vec<String>,
}

impl ExportArchive {
    #[sharelock::sink(user_export)]
    pub fn add(&mut self, name: &str, value: String) {
        self.entries.push(format!("{name}={value}"));
    }
}
