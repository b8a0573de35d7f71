//! The opt-out of 2016, honoured forever.

use crate::model::User;

#[derive(Debug)]
pub struct ConsentError {
    pub user: u64,
}

#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> bool {
    !user.opted_out_2016
}

#[sharelock::consent_check(parent_company)]
pub fn parent_sharing_allowed(user: &User) -> Result<(), ConsentError> {
    if user.opted_out_2016 {
        Err(ConsentError { user: user.id })
    } else {
        Ok(())
    }
}
