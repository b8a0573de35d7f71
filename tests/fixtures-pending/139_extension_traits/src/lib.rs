//! Extension traits on std types: a sink implemented for `Vec<String>` and for `str`,
//! called with method syntax on labelled values; the same trait on a local type that is
//! no sink.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.contacts", consent(parent_company))]
    pub contacts: Vec<String>,
}

pub trait UploadExt {
    fn upload_to_parent(&self);
}

impl UploadExt for Vec<String> {
    #[sharelock::sink(parent_company, args(self))]
    fn upload_to_parent(&self) {}
}

impl UploadExt for str {
    #[sharelock::sink(parent_company, args(self))]
    fn upload_to_parent(&self) {}
}

pub struct Nothing;
impl UploadExt for Nothing {
    fn upload_to_parent(&self) {}
}

pub fn sync(user: &User, nothing: &Nothing) {
    user.contacts.upload_to_parent(); // VIOLATION (SL002): the Vec<String> impl receives the contacts
    user.contacts.join(",").as_str().upload_to_parent(); // VIOLATION (SL002): the str impl
    user.id.to_string().upload_to_parent(); // clean: the id
    nothing.upload_to_parent(); // clean: Nothing's impl is no sink, and it holds nothing
}
