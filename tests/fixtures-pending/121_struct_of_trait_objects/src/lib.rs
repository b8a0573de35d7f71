//! An app object holding its exporters as trait objects and a configured transport as a
//! generic field-free enum dispatch; calls through the struct's fields.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.email", consent(parent_company))]
    pub email: String,
}

pub trait Exporter {
    fn export(&self, line: &str);
}

pub struct CsvFile;
impl Exporter for CsvFile {
    fn export(&self, line: &str) {}
}

pub struct ParentCrm;
impl Exporter for ParentCrm {
    #[sharelock::sink(parent_company)]
    fn export(&self, line: &str) {}
}

pub enum Transport {
    Local(CsvFile),
    Parent(ParentCrm),
}

impl Transport {
    pub fn send(&self, line: &str) {
        match self {
            Transport::Local(csv) => csv.export(line),
            Transport::Parent(crm) => crm.export(line), // VIOLATION (SL002): newsletter passes the email through Transport::send
        }
    }
}

pub struct App {
    pub exporters: Vec<Box<dyn Exporter>>,
    pub transport: Transport,
}

impl App {
    pub fn export_user(&self, user: &User) {
        for exporter in &self.exporters {
            exporter.export(&user.email); // VIOLATION (SL002): any exporter may be ParentCrm
        }
    }

    pub fn newsletter(&self, user: &User) {
        self.transport.send(&user.email);
    }
}
