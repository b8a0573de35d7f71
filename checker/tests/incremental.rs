//! The editor's incremental mode gives what a fresh check gives: a `Workspace` that keeps
//! its analyses across edits (see `propagate::Memo`) is compared, after every edit, with a
//! new `Workspace` of the same buffers, on the whole JSON report (violations, flows with
//! their paths, labels, errors).
//!
//! The edits are the ones typing makes: a line added at the top of a body (every later
//! position in the file moves), a statement added, a function added (the file's
//! declarations change), and the buffer closed again.
//!
//! Nor does the schedule change results. Where the call graph read from the text has no
//! cycle it is the schedule; where it has one, the call graph the interpreter resolves is
//! (see ARCHITECTURE.md, "The schedule"). Nearly every fixture case takes the first, real
//! crates the second: each case is checked again with two functions that call each other
//! added to its crate roots, and must be judged alike.

use sharelock_checker::render::{render, Format, Settings};
use sharelock_checker::{Options, Workspace};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn json(workspace: &mut Workspace) -> String {
    render(&workspace.check(), Format::Json, &Settings::default()).stdout
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a readable folder")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `text` with `added` right after the opening brace of its first function body, or `None`
/// when it has no function.
fn in_first_body(text: &str, added: &str) -> Option<String> {
    let function = text.find("fn ")?;
    let brace = function + text[function..].find('{')?;
    Some(format!("{}{added}{}", &text[..=brace], &text[brace + 1..]))
}

/// Runs the edits on every source file of `root`, one file after the other, in one
/// `Workspace`, and compares each result with a fresh check.
fn edits_match_fresh_checks(root: &Path) {
    let root = std::fs::canonicalize(root).expect("the tree exists");
    let mut files = Vec::new();
    source_files(&root.join("src"), &mut files);
    let mut workspace = Workspace::new(&root, Options::default());
    json(&mut workspace);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable source file");
        let Some(line) = in_first_body(&text, "\n") else {
            continue;
        };
        let statement = in_first_body(&line, "\n    let _edited = 0;").unwrap_or_default();
        let item = format!("{statement}\npub fn edited_in_the_editor() -> usize {{\n    42\n}}\n");
        for (edit, buffer) in [
            ("line", Some(line)),
            ("statement", Some(statement)),
            ("item", Some(item)),
            ("closed", None),
        ] {
            let buffer: Option<Arc<str>> = buffer.map(Into::into);
            workspace.set_overlay(&file, buffer.clone());
            let mut fresh = Workspace::new(&root, Options::default());
            fresh.set_overlay(&file, buffer);
            let (a, b) = (json(&mut workspace), json(&mut fresh));
            assert_eq!(
                a,
                b,
                "{}: after the `{edit}` edit, the incremental check differs from a fresh one",
                file.display()
            );
        }
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The fixture cases: every engine feature (closures run elsewhere, recursion, `dyn`
/// calls, channels, consent checks).
fn fixture_cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(repository().join("tests/fixtures"))
        .expect("tests/fixtures is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.join("src").is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() > 200, "the fixture cases are found");
    cases
}

#[test]
fn edits_in_the_leaky_messenger_match_fresh_checks() {
    edits_match_fresh_checks(&repository().join("examples/messenger-leaky"));
}

#[test]
fn edits_in_every_fixture_match_fresh_checks() {
    for case in fixture_cases() {
        edits_match_fresh_checks(&case);
    }
}

/// Two functions that call each other, by path: a cycle in any call graph.
const CYCLE: &str = "
#[allow(dead_code)]
fn schedule_probe_ping(n: u32) -> u32 {
    if n == 0 { 0 } else { schedule_probe_pong(n - 1) }
}
#[allow(dead_code)]
fn schedule_probe_pong(n: u32) -> u32 {
    schedule_probe_ping(n)
}
";

/// What the schedule must not change: the report without its summary (which counts the
/// added functions).
fn judged(workspace: &mut Workspace) -> serde_json::Value {
    let report: serde_json::Value =
        serde_json::from_str(&json(workspace)).expect("the report is JSON");
    serde_json::json!({
        "violations": report["violations"],
        "flows": report["flows"],
        "labels": report["labels"],
        "errors": report["errors"],
    })
}

#[test]
fn every_fixture_is_judged_alike_on_the_resolved_schedule() {
    for case in fixture_cases() {
        let root = std::fs::canonicalize(&case).expect("the case exists");
        let mut files = Vec::new();
        source_files(&root, &mut files);
        files.retain(|file| file.ends_with("lib.rs") || file.ends_with("main.rs"));
        let mut workspace = Workspace::new(&root, Options::default());
        let from_text = judged(&mut workspace);
        for file in &files {
            let text = std::fs::read_to_string(file).expect("a readable crate root");
            workspace.set_overlay(file, Some(format!("{text}\n{CYCLE}").into()));
        }
        let resolved = judged(&mut workspace);
        assert_eq!(
            from_text,
            resolved,
            "{}: the resolved schedule judges differently",
            case.display()
        );
    }
}

/// Writes a crate of `files` (the parent company a party, denied by default) under `root`;
/// its canonical path.
fn write_crate(root: &Path, files: &[(&str, &str)]) -> PathBuf {
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "Cargo.toml",
        "[package]\nname = \"edits\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    write(
        "sharelock.toml",
        "[parties.parent_company]\ndescription = \"The parent company\"\ndefault = \"deny\"\n",
    );
    for (path, text) in files {
        write(path, text);
    }
    std::fs::canonicalize(root).unwrap()
}

/// A crate of `lib` (the parent company a party, denied by default) checked in a
/// `Workspace`, then with `from` replaced by `to` in its buffer: the first report, the
/// incremental one after the edit, and a fresh check's of the edited buffer.
fn edited_crate(lib: &str, from: &str, to: &str) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = write_crate(dir.path(), &[("src/lib.rs", lib)]);
    let lib_path = root.join("src/lib.rs");
    let mut workspace = Workspace::new(&root, Options::default());
    let clean = json(&mut workspace);
    let edited: Arc<str> = lib.replace(from, to).into();
    workspace.set_overlay(&lib_path, Some(edited.clone()));
    let mut fresh = Workspace::new(&root, Options::default());
    fresh.set_overlay(&lib_path, Some(edited));
    (clean, json(&mut workspace), json(&mut fresh))
}

/// The sink and the labelled type the edit tests' crates share.
const GRAPH_AND_USER: &str = r#"
pub struct Graph;

impl Graph {
    #[sharelock::sink(parent_company)]
    pub fn post(&self, text: &str) {}
}

#[derive(sharelock::Data)]
pub struct User {
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
}
"#;

/// A body edit that calls a function nobody called before: that function kept no summary
/// of what its parameters reach, so it is analysed again with one, and the new flow through
/// it is found as a fresh check finds it.
#[test]
fn an_edit_that_calls_an_uncalled_function_matches_a_fresh_check() {
    let (clean, incremental, fresh) = edited_crate(
        &format!(
            "{GRAPH_AND_USER}{}",
            r#"
pub fn forward(graph: &Graph, text: &str) {
    graph.post(text);
}

pub fn sync(graph: &Graph, user: &User) {
    let _ = user;
}
"#
        ),
        "let _ = user;",
        "forward(graph, &user.phone);",
    );
    assert!(!clean.contains("SL002"), "{clean}");
    assert!(incremental.contains("SL002"), "{incremental}");
    assert_eq!(incremental, fresh);
}

/// A body edit that makes a function name labelled data it never named: the schedule read
/// from the texts before the edit did not analyse it, so it is read again, and the new
/// flow is found as a fresh check finds it.
#[test]
fn an_edit_that_makes_a_function_hold_labelled_data_matches_a_fresh_check() {
    let (clean, incremental, fresh) = edited_crate(
        &format!(
            "{GRAPH_AND_USER}{}",
            r#"
pub fn nightly(graph: &Graph) {
    graph.post("ping");
}
"#
        ),
        "graph.post(\"ping\");",
        "let user = User { phone: String::new() };\n    graph.post(&user.phone);",
    );
    assert!(!clean.contains("SL002"), "{clean}");
    assert!(fresh.contains("SL002"), "{fresh}");
    assert_eq!(incremental, fresh);
}

/// Recursive functions that read a static are solved again in a later pass, starting from
/// their summaries of the first (see `propagate::memo::Inputs::seeds`). Edits to what is
/// stored there, and to a member of the cycle, give what a fresh check gives.
#[test]
fn edits_around_a_cycle_reading_a_static_match_fresh_checks() {
    let lib = include_str!("../../tests/fixtures/429_recursion_reading_statics/src/lib.rs");
    let edits = [
        // What is stored changes: the later pass reads other content, from the same seeds.
        (
            "OUTBOX.lock().unwrap().push(user.phone.clone());",
            "OUTBOX.lock().unwrap().push(user.id.to_string());",
        ),
        // A member of the cycle changes: its first-pass summary, the seed, changes too.
        (
            "if n == 0 { String::new() } else { pick_a(n - 1) }",
            "if n == 1 { String::new() } else { pick_a(n - 1) }",
        ),
        (
            "if n % 5 == 0 { VAULT.lock().unwrap().clone() }",
            "if n % 5 == 0 { None }",
        ),
    ];
    for (from, to) in edits {
        assert!(lib.contains(from), "{from}");
        let (before, incremental, fresh) = edited_crate(lib, from, to);
        assert!(
            before.contains("SL001") && before.contains("SL002"),
            "{before}"
        );
        assert_eq!(incremental, fresh, "after `{to}`");
    }
}

/// An edit that moves the call through `self` from one default method to another: which
/// impls run which default method as their own changes (`Program::default_method`), and
/// with it what those functions are, though no declaration outside the bodies does.
#[test]
fn an_edit_that_moves_a_call_through_self_between_default_methods_matches_a_fresh_check() {
    let (before, incremental, fresh) = edited_crate(
        &format!(
            "{GRAPH_AND_USER}{}",
            r#"
pub trait Export {
    fn raw(&self, text: &str);
    fn first(&self, user: &User) {
        self.raw(&user.phone);
    }
    fn second(&self, user: &User) {
        let _ = user;
    }
}

pub struct Parent;
impl Export for Parent {
    fn raw(&self, text: &str) {
        Graph.post(text);
    }
    fn second(&self, user: &User) {}
}

pub struct Local;
impl Export for Local {
    fn raw(&self, text: &str) {}
    fn first(&self, user: &User) {}
}

pub fn run(user: &User) {
    Parent.first(user);
    Local.second(user);
}
"#
        ),
        "        self.raw(&user.phone);\n    }\n    fn second(&self, user: &User) {\n        let _ = user;",
        "        let _ = user;\n    }\n    fn second(&self, user: &User) {\n        self.raw(&user.phone);",
    );
    assert!(before.contains("SL002"), "{before}");
    assert!(!fresh.contains("SL002"), "{fresh}");
    assert_eq!(incremental, fresh);
}

/// An edit of a macro in another file than its callers (`#[macro_use] mod macros;`): the
/// callers, whose text did not change, are lowered again with the new rules, and the
/// report is a fresh check's, from a non-sink call to a sink call and back.
#[test]
fn an_edit_of_a_macro_another_file_calls_matches_a_fresh_check() {
    let lib = format!(
        "{GRAPH_AND_USER}{}",
        r#"
#[macro_use]
mod macros;
pub mod sync;

pub fn keep(text: &str) {}

#[sharelock::sink(parent_company)]
pub fn upload(text: &str) {}
"#
    );
    let macros =
        "macro_rules! ship {\n    ($u:expr) => {\n        crate::keep(&$u.phone)\n    };\n}\n";
    let sync = "pub fn sync(user: &crate::User) {\n    ship!(user);\n}\n";
    let dir = tempfile::tempdir().unwrap();
    let root = write_crate(
        dir.path(),
        &[
            ("src/lib.rs", &lib),
            ("src/macros.rs", macros),
            ("src/sync.rs", sync),
        ],
    );
    let macros_path = root.join("src/macros.rs");
    let mut workspace = Workspace::new(&root, Options::default());
    let clean = json(&mut workspace);
    assert!(!clean.contains("SL002"), "{clean}");
    let sink: Arc<str> = macros.replace("crate::keep", "crate::upload").into();
    for (buffer, leaks) in [(Some(sink), true), (None, false)] {
        workspace.set_overlay(&macros_path, buffer.clone());
        let mut fresh = Workspace::new(&root, Options::default());
        fresh.set_overlay(&macros_path, buffer);
        let incremental = json(&mut workspace);
        assert_eq!(incremental.contains("SL002"), leaks, "{incremental}");
        assert_eq!(incremental, json(&mut fresh));
    }
    assert_eq!(json(&mut workspace), clean);
}
