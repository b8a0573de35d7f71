//! The annotation grammar on arbitrary token streams: every role attribute's arguments, and
//! `#[sharelock(..)]` labels, each with and without a policy to check names against.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proc_macro2::TokenStream;
use sharelock_checker::annotations::{self, RoleKind};
use sharelock_checker::policy::{self, Policy};
use std::str::FromStr;
use std::sync::OnceLock;
use syn::parse::Parser;

fn messenger_policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        policy::parse(include_str!("../seeds/policy/messenger.toml"))
            .expect("the seed policy is valid")
    })
}

fn signature() -> syn::Signature {
    syn::parse_str("fn post(&self, body: &[u8], user: &User) -> bool").expect("a valid signature")
}

fuzz_target!(|text: &str| {
    let Ok(tokens) = TokenStream::from_str(text) else {
        return;
    };
    let sig = signature();
    for kind in RoleKind::ALL {
        let _ = annotations::parse_role(kind, tokens.clone());
        let _ =
            annotations::parse_role_checked(kind, tokens.clone(), &sig, Some(messenger_policy()));
    }
    let attrs = syn::Attribute::parse_outer
        .parse2(quote::quote!(#[sharelock(#tokens)]))
        .expect("any tokens fit in parentheses");
    for attr in &attrs {
        let _ = annotations::parse_label(attr);
        let _ = annotations::parse_label_checked(attr, Some(messenger_policy()));
    }
});
