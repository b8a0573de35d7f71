//! Feature $M: contact sync, device reports, exports and chat archiving.

use std::collections::HashMap;
use std::sync::Arc;

use crate::consent::{parent_sharing_allowed, shares_with_parent, ConsentError};
use crate::crypto::{pseudonymize, seal, Ciphertext, Key};
use crate::graph::{BusinessHost, ExportArchive, GraphClient, RelayClient};
use crate::model::{BusinessChat, Device, PersonalMessage, User};
use crate::pipeline::{Exporter, Normalizer};
use crate::store::Store;
use $PREV as previous_normalize;
