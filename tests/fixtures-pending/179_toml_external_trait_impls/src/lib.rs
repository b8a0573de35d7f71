//! A sharelock.toml sink on an external trait's method (`telemetry::Exporter::export`)
//! covers the local impls of that trait, as an attribute on a trait method declaration
//! would; calls through the trait (generic, dyn) and on the local type reach it.
#![allow(dead_code, unused)]

use telemetry::Exporter;

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct ParentExporter;

impl Exporter for ParentExporter {
    fn export(&self, record: &str) {}
}

pub fn direct(user: &User, exporter: &ParentExporter) {
    exporter.export(&user.phone); // VIOLATION (SL002): the local impl of the toml-declared trait method
    exporter.export(&user.id.to_string()); // clean: the id
}

pub fn generic<E: Exporter>(user: &User, exporter: &E) {
    exporter.export(&user.phone); // VIOLATION (SL002): through the external trait bound
}

pub fn dynamic(user: &User, exporter: &dyn Exporter) {
    exporter.export(&user.phone); // VIOLATION (SL002): through a dyn of the external trait
}
