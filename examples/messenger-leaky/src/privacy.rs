//! The consent checks: the one place that decides whether a user's account data may go to
//! the parent company.
//!
//! sharelock requires a check for `parent_company` on every path on which
//! `consent(parent_company)` data reaches one of its sinks. The two functions marked
//! `consent_check` are the only ones it accepts; both read the 2016 opt-out first, so no
//! later policy can turn sharing back on for a user who opted out.

use crate::account::{PolicyVersion, User, UserId};
use std::fmt;

/// Proof that a user's account data may be shared with the parent company.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParentConsent {
    pub user: UserId,
    pub under: PolicyVersion,
}

/// Why a user's account data must not be shared with the parent company.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsentError {
    /// The user took the one-time opt-out in 2016. It is honoured forever.
    OptedOutIn2016,
    /// The user never accepted a policy that allows sharing.
    PolicyPredatesSharing(PolicyVersion),
}

impl fmt::Display for ConsentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConsentError::OptedOutIn2016 => write!(f, "opted out of sharing in 2016"),
            ConsentError::PolicyPredatesSharing(version) => {
                write!(f, "only accepted the {version}, which predates sharing")
            }
        }
    }
}

impl std::error::Error for ConsentError {}

/// Whether `user` permits sharing their account data with the parent company, and under
/// which policy. `Ok` is the positive outcome, so `parent_consent(user)?;` guards the rest
/// of a function.
#[sharelock::consent_check(parent_company)]
pub fn parent_consent(user: &User) -> Result<ParentConsent, ConsentError> {
    if user.privacy.opted_out_2016 {
        return Err(ConsentError::OptedOutIn2016);
    }
    if user.privacy.accepted_policy < PolicyVersion::V2016 {
        return Err(ConsentError::PolicyPredatesSharing(
            user.privacy.accepted_policy,
        ));
    }
    Ok(ParentConsent {
        user: user.id,
        under: user.privacy.accepted_policy,
    })
}

/// The same decision as a `bool`, for `if` and iterator filters.
#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> bool {
    parent_consent(user).is_ok()
}

/// Takes the one-time 2016 opt-out. Only accounts that existed under the 2016 policy were
/// offered it.
pub fn opt_out_2016(user: &mut User) -> Result<(), PolicyVersion> {
    if user.privacy.accepted_policy != PolicyVersion::V2016 {
        return Err(user.privacy.accepted_policy);
    }
    user.privacy.opted_out_2016 = true;
    Ok(())
}

/// Accepts a newer policy. A 2016 opt-out stays as it is: the new policy is accepted on
/// top of it.
pub fn accept_policy(user: &mut User, version: PolicyVersion) {
    if version > user.privacy.accepted_policy {
        user.privacy.accepted_policy = version;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{Device, Platform};

    fn user_since(policy: PolicyVersion) -> User {
        let device = Device::new("iPhone 15", "iOS 18", Platform::Ios, "apns-1");
        User::new(7, "Ben", "+44 7700 900007", device).since(policy)
    }

    #[test]
    fn the_2016_opt_out_survives_accepting_the_2021_policy() {
        let mut user = user_since(PolicyVersion::V2016);
        opt_out_2016(&mut user).unwrap();
        accept_policy(&mut user, PolicyVersion::V2021);
        assert_eq!(user.privacy.accepted_policy, PolicyVersion::V2021);
        assert_eq!(parent_consent(&user), Err(ConsentError::OptedOutIn2016));
        assert!(!shares_with_parent(&user));
    }

    #[test]
    fn users_who_kept_sharing_consent_under_their_policy() {
        let user = user_since(PolicyVersion::V2016);
        let consent = parent_consent(&user).unwrap();
        assert_eq!(consent.under, PolicyVersion::V2016);
        assert!(shares_with_parent(&user));
    }

    #[test]
    fn accounts_that_never_accepted_sharing_do_not_share() {
        let user = user_since(PolicyVersion::V2014);
        assert_eq!(
            parent_consent(&user),
            Err(ConsentError::PolicyPredatesSharing(PolicyVersion::V2014))
        );
    }

    #[test]
    fn the_opt_out_was_offered_only_under_the_2016_policy() {
        let mut user = user_since(PolicyVersion::V2021);
        assert_eq!(opt_out_2016(&mut user), Err(PolicyVersion::V2021));
        assert!(!user.privacy.opted_out_2016);
    }

    #[test]
    fn accepting_an_older_policy_changes_nothing() {
        let mut user = user_since(PolicyVersion::V2021);
        accept_policy(&mut user, PolicyVersion::V2016);
        assert_eq!(user.privacy.accepted_policy, PolicyVersion::V2021);
    }
}
