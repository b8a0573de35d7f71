//! The messenger's core data: users, their devices and their messages.

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    #[sharelock(category = "account.contacts", consent(parent_company), allow(infra))]
    pub contacts: Vec<String>,
    #[sharelock(category = "account.opt_out", allow(parent_company), must_reach(user_export))]
    pub opted_out_2016: bool,
    pub display_name: String,
}

#[derive(Debug, Clone, Default, sharelock::Data)]
#[sharelock(category = "message.personal", deny(parent_company, business_host))]
pub struct PersonalMessage {
    pub from: u64,
    pub to: u64,
    pub body: String,
}

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct BusinessChat {
    pub business_id: u64,
    #[sharelock(category = "message.business", allow(business_host), deny(parent_company))]
    pub transcript: Vec<String>,
    pub hosted_by_parent: bool,
}

#[derive(Debug, Clone, Default, sharelock::Data)]
pub struct Device {
    #[sharelock(category = "device.ip", consent(parent_company), allow(infra))]
    pub ip: String,
    pub model: String,
    pub app_version: String,
}
