//! Business accounts and their chats with customers.
//!
//! A business decides where its chats are stored: on its own servers, or on the parent
//! company's hosting. Business messages are `consent(business_host)`: they may reach the
//! hosting only on paths where `hosting_chosen` said the business chose it. They never go
//! to the parent company's other services (`deny(parent_company)`).

use crate::account::UserId;
use std::fmt;

/// A business's number in the messenger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BusinessId(pub u64);

impl fmt::Display for BusinessId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b{}", self.0)
    }
}

/// Where a business keeps its chats.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hosting {
    /// The business's own servers (or its provider's); the messenger hands the chats over.
    SelfHosted { endpoint: String },
    /// The parent company's hosting, in the region the business picked.
    ParentCloud { region: String },
}

/// A business account. Its settings are the business's own decisions, not personal data.
#[derive(Clone, Debug)]
pub struct Business {
    pub id: BusinessId,
    pub name: String,
    pub hosting: Hosting,
}

impl Business {
    pub fn self_hosted(id: u64, name: &str, endpoint: &str) -> Self {
        Business {
            id: BusinessId(id),
            name: name.to_string(),
            hosting: Hosting::SelfHosted {
                endpoint: endpoint.to_string(),
            },
        }
    }

    pub fn on_parent_cloud(id: u64, name: &str, region: &str) -> Self {
        Business {
            id: BusinessId(id),
            name: name.to_string(),
            hosting: Hosting::ParentCloud {
                region: region.to_string(),
            },
        }
    }
}

/// One message of a chat between a customer and a business.
#[derive(Clone, Debug, PartialEq, Eq, sharelock::Data)]
#[sharelock(
    category = "message.business",
    consent(business_host),
    deny(parent_company)
)]
pub struct BusinessMessage {
    pub business: BusinessId,
    pub customer: UserId,
    pub from_customer: bool,
    pub body: String,
    pub sent_at: u64,
}

impl BusinessMessage {
    pub fn from_customer(business: BusinessId, customer: UserId, body: &str, at: u64) -> Self {
        BusinessMessage {
            business,
            customer,
            from_customer: true,
            body: body.to_string(),
            sent_at: at,
        }
    }

    pub fn to_customer(business: BusinessId, customer: UserId, body: &str, at: u64) -> Self {
        BusinessMessage {
            from_customer: false,
            ..BusinessMessage::from_customer(business, customer, body, at)
        }
    }
}

/// Proof that a business chose the parent company's hosting, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostingGrant {
    pub business: BusinessId,
    pub region: String,
}

/// Why a business's chats must not be stored on the parent company's hosting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostingError {
    /// The business hosts its chats itself, at this endpoint.
    SelfHosted {
        business: BusinessId,
        endpoint: String,
    },
}

impl fmt::Display for HostingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostingError::SelfHosted { business, endpoint } => {
                write!(f, "{business} hosts its chats itself at {endpoint}")
            }
        }
    }
}

impl std::error::Error for HostingError {}

/// Whether the business chose the parent company's hosting for its chats: the consent
/// check for `business_host`.
#[sharelock::consent_check(business_host)]
pub fn hosting_chosen(business: &Business) -> Result<HostingGrant, HostingError> {
    match &business.hosting {
        Hosting::ParentCloud { region } => Ok(HostingGrant {
            business: business.id,
            region: region.clone(),
        }),
        Hosting::SelfHosted { endpoint } => Err(HostingError::SelfHosted {
            business: business.id,
            endpoint: endpoint.clone(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_business_on_the_parent_cloud_grants_hosting() {
        let bakery = Business::on_parent_cloud(1, "Bakery", "eu-west");
        let clinic = Business::self_hosted(2, "Clinic", "https://chat.clinic.example");
        assert_eq!(hosting_chosen(&bakery).unwrap().region, "eu-west");
        assert!(matches!(
            hosting_chosen(&clinic),
            Err(HostingError::SelfHosted { .. })
        ));
    }

    #[test]
    fn replies_are_marked_as_coming_from_the_business() {
        let reply = BusinessMessage::to_customer(BusinessId(1), UserId(2), "Ready at 5", 10);
        assert!(!reply.from_customer);
        assert_eq!(reply.body, "Ready at 5");
    }
}
