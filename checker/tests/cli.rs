//! The `cargo-sharelock` binary: argument handling, exit codes and the streams it writes.
//! None of these depend on what the analysis finds.

use std::path::Path;
use std::process::{Command, Output};

fn sharelock(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-sharelock"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn runs_as_a_cargo_subcommand() {
    let direct = sharelock(&["--version"]);
    let through_cargo = sharelock(&["sharelock", "--version"]);
    assert!(direct.status.success());
    assert_eq!(
        stdout(&direct),
        format!("cargo-sharelock {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(stdout(&through_cargo), stdout(&direct));
}

#[test]
fn explain_prints_the_code_page() {
    let output = sharelock(&["explain", "sl002"]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), include_str!("../../docs/codes/SL002.md"));
    assert_eq!(sharelock(&["explain", "SL999"]).status.code(), Some(2));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check", "--format", "yaml"][..],
        &["check", "--format", "human", "--message-format=json"],
        &["check", "--with-cargo-check", "--format", "json"],
        &["frobnicate"],
    ] {
        let output = sharelock(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!output.stderr.is_empty(), "{args:?}");
    }
}

/// A path that does not exist is an error, and `--format json` still prints one document.
#[test]
fn json_errors_are_one_document() {
    let output = sharelock(&["check", "/nonexistent/sharelock", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["version"], 1);
    assert!(!document["errors"].as_array().unwrap().is_empty());
}

/// A command line clap rejects, under a machine format, is reported in that format.
#[test]
fn json_usage_errors_are_one_document() {
    for args in [
        &["check", "--format", "json", "--bogus"][..],
        &["check", "--format=json", "one", "two"],
        &["check", "--message-format=json", "--bogus"],
    ] {
        let output = sharelock(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let document: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not one JSON value: {e}"));
        if args.contains(&"--message-format=json") {
            assert_eq!(document["level"], "error", "{args:?}");
        } else {
            assert_eq!(document["version"], 1, "{args:?}");
            let message = document["errors"][0]["message"].as_str().unwrap();
            assert!(message.contains("unexpected argument"), "{message}");
        }
    }
}

#[test]
fn an_unreadable_baseline_is_an_error() {
    let output = sharelock(&[
        "check",
        "/nonexistent/sharelock",
        "--format",
        "json",
        "--baseline",
        "/nonexistent/baseline.json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let messages: Vec<&str> = document["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["message"].as_str().unwrap())
        .collect();
    assert!(
        messages
            .iter()
            .any(|message| message.starts_with("cannot read the baseline")),
        "{messages:?}"
    );
}

fn write_crate(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"tiny\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/lib.rs"), "pub fn unused() { let x = 1; }\n").unwrap();
}

/// rust-analyzer reads every line as a cargo message or a rustc diagnostic.
#[test]
fn with_cargo_check_passes_the_compiler_messages_through() {
    let dir = tempfile::tempdir().unwrap();
    write_crate(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_cargo-sharelock"))
        .args(["sharelock", "check", "--with-cargo-check"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", dir.path().join("target"))
        .output()
        .unwrap();
    let text = stdout(&output);
    let mut compiler_warnings = 0;
    for line in text.lines() {
        let message: serde_json::Value = serde_json::from_str(line).unwrap();
        if message.get("reason").is_some() {
            let message: cargo_metadata::Message = serde_json::from_str(line).unwrap();
            if let cargo_metadata::Message::CompilerMessage(message) = message {
                assert!(message.message.message.contains("unused variable"));
                compiler_warnings += 1;
            }
        } else {
            let _: cargo_metadata::diagnostic::Diagnostic = serde_json::from_str(line).unwrap();
        }
    }
    assert_eq!(compiler_warnings, 1, "{text}");
    assert!(text.contains("\"reason\":\"build-finished\""));
}
