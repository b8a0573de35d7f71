//! End to end: the real `cargo-sharelock lsp` over stdio, on a small annotated crate in a
//! temporary folder. Each step's `publishDiagnostics` (paths redacted) is an insta snapshot.

mod lsp_client;

use lsp_client::{redact, uri, Client};
use serde_json::{json, Value};
use std::fs;
use std::path::Path;
use std::process::Command;

const CARGO_TOML: &str = r#"[package]
name = "messenger"
version = "0.1.0"
edition = "2021"
"#;

const POLICY: &str = r#"[parties.parent_company]
description = "The parent company"
default = "deny"

[parties.user_export]
description = "Download your data"
default = "allow"
"#;

const LIB: &str = r#"pub mod graph;
pub mod sync;

#[derive(sharelock::Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    #[sharelock(category = "account.opt_out", allow(parent_company))]
    pub opted_out_2016: bool,
}

#[sharelock::consent_check(parent_company)]
pub fn shares_with_parent(user: &User) -> bool {
    !user.opted_out_2016
}
"#;

const GRAPH: &str = r#"pub struct GraphClient;

impl GraphClient {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, body: &str) {
        let _ = body;
    }
}
"#;

/// Clean: the phone reaches the parent company only under the consent check.
const SYNC_CLEAN: &str = r#"use crate::graph::GraphClient;
use crate::{shares_with_parent, User};

pub fn sync_phone(client: &GraphClient, user: &User) {
    if shares_with_parent(user) {
        client.post(&user.phone);
    }
}
"#;

/// `SYNC_CLEAN` plus a function that posts the phone without asking: SL002.
const SYNC_FLAGGED: &str = r#"use crate::graph::GraphClient;
use crate::{shares_with_parent, User};

pub fn sync_phone(client: &GraphClient, user: &User) {
    if shares_with_parent(user) {
        client.post(&user.phone);
    }
}

pub fn sync_all(client: &GraphClient, user: &User) {
    client.post(&user.phone);
}
"#;

/// The flagged version, fixed with the guard.
const SYNC_FIXED: &str = r#"use crate::graph::GraphClient;
use crate::{shares_with_parent, User};

pub fn sync_phone(client: &GraphClient, user: &User) {
    if shares_with_parent(user) {
        client.post(&user.phone);
    }
}

pub fn sync_all(client: &GraphClient, user: &User) {
    if shares_with_parent(user) {
        client.post(&user.phone);
    }
}
"#;

/// The flagged version in the middle of an edit: it does not parse.
const SYNC_BROKEN: &str = r#"use crate::graph::GraphClient;
use crate::{shares_with_parent, User};

pub fn sync_phone(client: &GraphClient, user: &User) {
    if shares_with_parent(user) {
        client.post(&user.phone);
    }
}

pub fn sync_all(client: &GraphClient, user: &User) {
    client.post(&user.phone);
}

pub fn half_written(client: &GraphClient {
"#;

/// A crate in `dir` with `sync.rs` as given.
fn messenger(dir: &Path, sync: &str) {
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(dir.join("Cargo.toml"), CARGO_TOML).unwrap();
    fs::write(dir.join("sharelock.toml"), POLICY).unwrap();
    fs::write(dir.join("src/lib.rs"), LIB).unwrap();
    fs::write(dir.join("src/graph.rs"), GRAPH).unwrap();
    fs::write(dir.join("src/sync.rs"), sync).unwrap();
}

fn start(folders: &[&Path]) -> Client {
    start_with(folders, json!({}))
}

fn start_with(folders: &[&Path], capabilities: Value) -> Client {
    let mut client = Client::start(Command::new(env!("CARGO_BIN_EXE_cargo-sharelock")).arg("lsp"));
    client.initialize(folders, capabilities, Value::Null);
    client
}

/// Waits until the server has handled everything sent so far (it checks before answering
/// any request), then returns the diagnostics it published meanwhile.
fn settled(client: &mut Client, dir: &Path) -> Value {
    let nowhere = json!({"textDocument": {"uri": uri(&dir.join("nowhere.rs"))}, "position": {"line": 0, "character": 0}});
    client.request("textDocument/hover", nowhere);
    redact(&Value::Array(client.take_diagnostics()), dir)
}

fn open(client: &mut Client, path: &Path, text: &str) {
    let document = json!({"uri": uri(path), "languageId": "rust", "version": 1, "text": text});
    client.notify("textDocument/didOpen", json!({"textDocument": document}));
}

fn change(client: &mut Client, path: &Path, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
    );
}

/// The 0-based line and UTF-16 column of the `nth` occurrence of `needle`.
fn position(text: &str, needle: &str, nth: usize) -> Value {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .expect("the needle occurs")
        .0;
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |newline| newline + 1);
    json!({"line": line, "character": column})
}

#[test]
fn unsaved_edits_introduce_and_fix_a_violation() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    messenger(dir, SYNC_CLEAN);
    let sync = dir.join("src/sync.rs");
    let mut client = start(&[dir]);
    insta::assert_json_snapshot!("clean_on_start", settled(&mut client, dir));

    open(&mut client, &sync, SYNC_CLEAN);
    change(&mut client, &sync, 2, SYNC_FLAGGED);
    insta::assert_json_snapshot!("edit_introduces_violation", settled(&mut client, dir));

    change(&mut client, &sync, 3, SYNC_FIXED);
    insta::assert_json_snapshot!("edit_fixes_violation", settled(&mut client, dir));

    // Closing the buffer goes back to the file on disk, which is clean.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&sync)}}),
    );
    assert_eq!(settled(&mut client, dir), json!([]));
    assert!(client.shutdown().success());
}

#[test]
fn a_file_that_does_not_parse_keeps_its_last_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    messenger(dir, SYNC_FLAGGED);
    let sync = dir.join("src/sync.rs");
    let mut client = start(&[dir]);
    open(&mut client, &sync, SYNC_FLAGGED);
    insta::assert_json_snapshot!("flagged_on_open", settled(&mut client, dir));

    change(&mut client, &sync, 2, SYNC_BROKEN);
    insta::assert_json_snapshot!("syntax_error_keeps_findings", settled(&mut client, dir));

    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri(&sync)}, "text": SYNC_FIXED}),
    );
    insta::assert_json_snapshot!("saved_fix", settled(&mut client, dir));
    assert!(client.shutdown().success());
}

#[test]
fn hover_and_quick_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    messenger(dir, SYNC_FLAGGED);
    let sync = dir.join("src/sync.rs");
    let lib = dir.join("src/lib.rs");
    let mut client = start(&[dir]);
    open(&mut client, &sync, SYNC_FLAGGED);
    settled(&mut client, dir);

    let hover = |client: &mut Client, path: &Path, at: Value| {
        let params = json!({"textDocument": {"uri": uri(path)}, "position": at});
        redact(&client.request("textDocument/hover", params), dir)
    };
    // The unguarded call in `sync_all`, then the guarded one in `sync_phone`.
    insta::assert_json_snapshot!(
        "hover_flagged_sink_call",
        hover(&mut client, &sync, position(SYNC_FLAGGED, "post", 1))
    );
    insta::assert_json_snapshot!(
        "hover_guarded_sink_call",
        hover(&mut client, &sync, position(SYNC_FLAGGED, "post", 0))
    );
    insta::assert_json_snapshot!(
        "hover_labelled_field",
        hover(&mut client, &lib, position(LIB, "phone", 0))
    );
    // `user.phone` read in `sync_all`: a step on the way to the sink.
    insta::assert_json_snapshot!(
        "hover_path_step",
        hover(&mut client, &sync, position(SYNC_FLAGGED, "phone", 2))
    );
    let graph = dir.join("src/graph.rs");
    insta::assert_json_snapshot!(
        "hover_sink_function",
        hover(&mut client, &graph, position(GRAPH, "post", 0))
    );

    let call = position(SYNC_FLAGGED, "post", 1);
    let params = json!({
        "textDocument": {"uri": uri(&sync)},
        "range": {"start": call, "end": call},
        "context": {"diagnostics": []},
    });
    insta::assert_json_snapshot!(
        "quick_fixes",
        redact(&client.request("textDocument/codeAction", params), dir)
    );
    assert!(client.shutdown().success());
}

#[test]
fn policy_errors_and_workspace_folders() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let (first, second) = (dir.join("first"), dir.join("second"));
    messenger(&first, SYNC_CLEAN);
    messenger(&second, SYNC_FLAGGED);
    let mut client = start(&[&first]);
    insta::assert_json_snapshot!("one_folder", settled(&mut client, dir));

    let added =
        json!({"event": {"added": [{"uri": uri(&second), "name": "second"}], "removed": []}});
    client.notify("workspace/didChangeWorkspaceFolders", added);
    insta::assert_json_snapshot!("second_folder_added", settled(&mut client, dir));

    let policy = first.join("sharelock.toml");
    fs::write(
        &policy,
        POLICY.replace("default = \"deny\"", "default = \"sometimes\""),
    )
    .unwrap();
    let changed = json!({"changes": [{"uri": uri(&policy), "type": 2}]});
    client.notify("workspace/didChangeWatchedFiles", changed.clone());
    insta::assert_json_snapshot!("policy_error", settled(&mut client, dir));

    fs::write(&policy, POLICY).unwrap();
    client.notify("workspace/didChangeWatchedFiles", changed);
    insta::assert_json_snapshot!("policy_fixed", settled(&mut client, dir));

    // Typed, not saved: the broken default shows at once; closing the buffer goes back to
    // the file on disk.
    let typed = POLICY.replace("default = \"allow\"", "default = \"never\"");
    open(&mut client, &policy, &typed);
    insta::assert_json_snapshot!("policy_typed_error", settled(&mut client, dir));
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(&policy)}}),
    );
    insta::assert_json_snapshot!("policy_closed", settled(&mut client, dir));

    let removed =
        json!({"event": {"added": [], "removed": [{"uri": uri(&second), "name": "second"}]}});
    client.notify("workspace/didChangeWorkspaceFolders", removed);
    insta::assert_json_snapshot!("second_folder_removed", settled(&mut client, dir));
    assert!(client.shutdown().success());
}

#[test]
fn a_file_outside_every_folder_is_checked_with_its_package() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    messenger(dir, SYNC_CLEAN);
    let sync = dir.join("src/sync.rs");
    let mut client = start(&[]);
    open(&mut client, &sync, SYNC_FLAGGED);
    let published = settled(&mut client, dir);
    let codes: Vec<&Value> = published[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(
        (&published[0]["uri"], codes),
        (&json!("file://$DIR/src/sync.rs"), vec![&json!("SL002")])
    );
    assert!(client.shutdown().success());
}

#[test]
fn progress_is_shown_while_checking() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    messenger(dir, SYNC_CLEAN);
    let mut client = start_with(&[dir], json!({"window": {"workDoneProgress": true}}));
    settled(&mut client, dir);
    let progress: Vec<Value> = client
        .notifications
        .iter()
        .filter(|notification| notification.method == "$/progress")
        .map(|notification| notification.params.clone())
        .collect();
    insta::assert_json_snapshot!("progress", progress);
    assert!(client.shutdown().success());
}

#[test]
fn an_unused_allow_flow_is_a_warning_with_a_fix() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let sync = SYNC_CLEAN.replace(
        "pub fn sync_phone",
        "#[sharelock::allow_flow(reason = \"reviewed\")]\npub fn sync_phone",
    );
    messenger(dir, &sync);
    let path = dir.join("src/sync.rs");
    let mut client = start(&[dir]);
    insta::assert_json_snapshot!("unused_allow_flow", settled(&mut client, dir));
    let attribute = position(&sync, "#[sharelock::allow_flow", 0);
    let params = json!({
        "textDocument": {"uri": uri(&path)},
        "range": {"start": attribute, "end": attribute},
        "context": {"diagnostics": []},
    });
    insta::assert_json_snapshot!(
        "unused_allow_flow_fix",
        redact(&client.request("textDocument/codeAction", params), dir)
    );
    assert!(client.shutdown().success());
}
