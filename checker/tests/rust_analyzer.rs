//! End to end with the real rust-analyzer: `cargo sharelock check --message-format=json` as
//! its `check.overrideCommand` puts sharelock's violations into rust-analyzer's own
//! `publishDiagnostics` on save, with source `sharelock` and code `SL00x`.
//!
//! Needs `rustup component add rust-analyzer`; without it the test says so and passes.

mod lsp_client;

use lsp_client::{redact, uri, Client};
use lsp_server::Notification;
use serde_json::{json, Value};
use std::fs;
use std::process::Command;

const CARGO_TOML: &str = r#"[package]
name = "messenger"
version = "0.1.0"
edition = "2021"

[dependencies]
"#;

const POLICY: &str = r#"[parties.parent_company]
description = "The parent company"
default = "deny"
"#;

const LIB: &str = r#"pub mod sync;

pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}

pub struct GraphClient;

impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, body: &str) {
        let _ = body;
    }
}
"#;

const SYNC: &str = r#"use crate::{GraphClient, User};

pub fn sync_all(client: &GraphClient, user: &User) {
    client.post(&user.phone);
}
"#;

/// `SYNC` with a second unguarded call, saved while rust-analyzer runs.
const SYNC_EDITED: &str = r#"use crate::{GraphClient, User};

pub fn sync_all(client: &GraphClient, user: &User) {
    client.post(&user.phone);
}

pub fn sync_again(client: &GraphClient, user: &User) {
    client.post(&user.phone);
}
"#;

fn rust_analyzer_available() -> bool {
    Command::new("rust-analyzer")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

#[test]
fn violations_appear_in_rust_analyzer_on_save() {
    if !rust_analyzer_available() {
        eprintln!("skipped: rust-analyzer is not installed (rustup component add rust-analyzer)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // rust-analyzer reports paths as the project's canonical location.
    let dir = dir.path().canonicalize().unwrap();
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(dir.join("Cargo.toml"), CARGO_TOML).unwrap();
    fs::write(dir.join("sharelock.toml"), POLICY).unwrap();
    fs::write(dir.join("src/lib.rs"), LIB).unwrap();
    fs::write(dir.join("src/sync.rs"), SYNC).unwrap();

    let sharelock = env!("CARGO_BIN_EXE_cargo-sharelock");
    let options = json!({
        "check": {"overrideCommand": [sharelock, "check", "--message-format=json", dir]},
        "checkOnSave": true,
        "cachePriming": {"enable": false},
    });
    let capabilities = json!({
        "textDocument": {"publishDiagnostics": {"relatedInformation": true}},
    });
    let mut client = Client::start(Command::new("rust-analyzer").current_dir(&dir));
    client.initialize(&[&dir], capabilities, options);

    let sync = dir.join("src/sync.rs");
    let sync_uri = uri(&sync);
    let document = json!({"uri": sync_uri, "languageId": "rust", "version": 1, "text": SYNC});
    client.notify("textDocument/didOpen", json!({"textDocument": document}));
    // rust-analyzer runs the check once after loading: the first violation shows.
    let errors_in_sync = |count: usize| {
        let sync_uri = sync_uri.clone();
        move |notification: &Notification| {
            notification.method == "textDocument/publishDiagnostics"
                && notification.params["uri"] == sync_uri.as_str()
                && ours(&notification.params)
                    .filter(|d| d["severity"] == 1)
                    .count()
                    == count
        }
    };
    client.wait_for(errors_in_sync(1));

    // Saving an edit that adds a second unguarded call runs it again.
    fs::write(&sync, SYNC_EDITED).unwrap();
    let changed = json!({"uri": sync_uri, "version": 2});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": changed, "contentChanges": [{"text": SYNC_EDITED}]}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": sync_uri}}),
    );
    let published = client.wait_for(errors_in_sync(2));

    // rust-analyzer splits the scoped code `sharelock::SL002` into source and code. What it
    // adds around our text (the help appended to the message, a hint per related location,
    // the rendered report as data) varies with its version, so the snapshot keeps the errors'
    // code, place, first message line and related locations.
    let diagnostics: Vec<Value> = ours(&published.params)
        .filter(|diagnostic| diagnostic["severity"] == 1)
        .map(|diagnostic| {
            assert_eq!(diagnostic["source"], "sharelock");
            assert_eq!(diagnostic["code"], "SL002");
            let related: Vec<Value> = diagnostic["relatedInformation"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|related| related["location"].clone())
                .collect();
            json!({
                "source": diagnostic["source"],
                "code": diagnostic["code"],
                "range": diagnostic["range"],
                "message": diagnostic["message"].as_str().and_then(|m| m.lines().next()),
                "related": related,
            })
        })
        .collect();
    insta::assert_json_snapshot!(
        "rust_analyzer_diagnostics",
        redact(&Value::Array(diagnostics), &dir)
    );
    assert!(client.shutdown().success());
}

/// The diagnostics that came from sharelock.
fn ours(params: &Value) -> impl Iterator<Item = &Value> {
    params["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|diagnostic| {
            diagnostic["code"]
                .as_str()
                .is_some_and(|code| code.contains("SL00"))
        })
}
