//! Foreign functions: a sink declared on a function of an `extern "C"` block (the parent's
//! native SDK) is a sink for its callers, though it has no body.
#![allow(dead_code, unused)]

#[derive(Debug, Clone, sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

extern "C" {
    #[sharelock::sink(parent_company)]
    fn parent_sdk_upload(data: *const u8, len: usize);

    fn local_crash_log(data: *const u8, len: usize);
}

pub fn upload_phone(user: &User) {
    let bytes = user.phone.as_bytes();
    unsafe { parent_sdk_upload(bytes.as_ptr(), bytes.len()) }; // VIOLATION (SL002): a foreign sink
    unsafe { local_crash_log(bytes.as_ptr(), bytes.len()) }; // clean: not a sink
}
