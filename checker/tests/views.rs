//! `graph` and `inventory` on the leaky messenger, pinned by snapshots; the DOT rendered by
//! Graphviz and the HTML opened by headless Chromium, when they are installed; text that
//! users write (an `allow_flow` reason) escaped in every format; and the build.rs helper's
//! instructions.

use sharelock_checker::build::Build;
use sharelock_checker::diagnostic::{
    Code, Flow, LabelInfo, Location, Outcome, Report, Sink, Step, Suppression,
};
use sharelock_checker::model::{Category, Party, Permission, Pos};
use sharelock_checker::views::{dot, inventory, mermaid};
use sharelock_checker::{check, Options};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

const LEAKY: &str = "../examples/messenger-leaky";

fn leaky() -> Report {
    let report = check(Path::new(LEAKY), &Options::default());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

#[test]
fn graph_dot() {
    insta::assert_snapshot!(dot::render(&leaky()));
}

#[test]
fn graph_mermaid() {
    insta::assert_snapshot!(mermaid::render(&leaky()));
}

#[test]
fn inventory_md() {
    insta::assert_snapshot!(inventory::md::render(&leaky()));
}

#[test]
fn inventory_json() {
    insta::assert_snapshot!(inventory::json::render(&leaky()));
}

/// Whether `program` runs here; the tests that need it say so and pass without it.
fn installed(program: &str, install: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: `{program}` is not installed ({install})");
    }
    found
}

#[test]
fn graphviz_renders_the_dot() {
    if !installed("dot", "apt-get install -y graphviz") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.dot");
    std::fs::write(&file, dot::render(&leaky())).unwrap();
    let output = Command::new("dot")
        .arg("-Tsvg")
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.is_empty(), "Graphviz warns: {stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
}

#[test]
fn the_html_loads_nothing() {
    let html = inventory::html::render(&leaky());
    for external in [
        "<script", "<link", "src=", "url(", "@import", "http:", "https:",
    ] {
        assert!(!html.contains(external), "the page holds `{external}`");
    }
    let links: Vec<&str> = html.split("href=\"").skip(1).collect();
    assert!(!links.is_empty(), "the overview links its categories");
    assert!(
        links.iter().all(|link| link.starts_with('#')),
        "a link leaves the page"
    );
}

#[test]
fn chromium_shows_the_html() {
    if !installed("chromium", "apt-get install -y chromium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("inventory.html");
    let screenshot = dir.path().join("inventory.png");
    std::fs::write(&page, inventory::html::render(&leaky())).unwrap();
    let output = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,900",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", screenshot.display()))
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let png = std::fs::read(&screenshot).expect("chromium wrote no screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    if let Some(keep) = std::env::var_os("SHARELOCK_KEEP_SCREENSHOT") {
        std::fs::write(keep, &png).unwrap();
    }
}

fn location(file: &str, line: u32) -> Location {
    Location {
        file: Arc::from(file),
        pos: Pos {
            line,
            column: 5,
            start: 0,
            end: 0,
        },
    }
}

const REASON: &str = "<b>\"legal\" & 'hold' | #1 `x` \\n</b>\nreviewed";

/// One suppressed flow whose `allow_flow` reason and guard-free path hold every character
/// the formats give meaning to.
fn hostile() -> Report {
    let category = Category::parse("message.personal").unwrap();
    let party = Party::new("parent_company");
    Report {
        flows: vec![Flow {
            category: category.clone(),
            party: party.clone(),
            source: location("src/lib.rs", 3),
            source_item: "crate::Message".into(),
            sink: Sink {
                location: location("src/lib.rs", 9),
                function: "crate::upload".into(),
            },
            path: vec![Step {
                location: location("src/lib.rs", 8),
                note: "passed to `<upload>`".into(),
            }],
            outcome: Outcome::Violation(Code::DeniedFlow),
            suppressed: Some(Suppression {
                reason: REASON.into(),
                location: location("src/lib.rs", 7),
            }),
        }],
        labels: vec![LabelInfo {
            category,
            item: "crate::Message".into(),
            location: location("src/lib.rs", 3),
            permissions: vec![(party, Permission::Deny)],
            must_reach: Vec::new(),
        }],
        ..Report::default()
    }
}

#[test]
fn user_text_is_escaped() {
    let report = hostile();
    let html = inventory::html::render(&report);
    assert!(
        html.contains("&lt;b&gt;&quot;legal&quot; &amp; &#39;hold&#39;"),
        "{html}"
    );
    assert!(!html.contains("<b>") && !html.contains("<upload>"));
    let md = inventory::md::render(&report);
    assert!(
        md.contains("\\| #1") && !md.contains("</b>\nreviewed"),
        "{md}"
    );
    let dot = dot::render(&report);
    assert!(
        dot.contains(r#"\"legal\""#) && dot.contains(r"\\n</b>\nreviewed"),
        "{dot}"
    );
    let mermaid = mermaid::render(&report);
    assert!(
        mermaid.contains("#lt;b#gt;#quot;legal#quot;") && mermaid.contains("#35;1 #96;x#96;"),
        "{mermaid}"
    );
    let json: serde_json::Value = serde_json::from_str(&inventory::json::render(&report)).unwrap();
    assert_eq!(json["categories"][0]["flows"][0]["suppressed"], REASON);
}

#[test]
fn build_script_instructions_for_a_clean_crate() {
    let outcome = Build::new()
        .deny(true)
        .check(Path::new("../examples/build-script"));
    assert!(!outcome.fails);
    insta::assert_snapshot!(outcome.instructions.join("\n"));
}

#[test]
fn build_script_instructions_for_a_leaky_crate() {
    let report = leaky();
    let warned = Build::new().check(Path::new(LEAKY));
    assert!(!warned.fails, "without deny, violations only warn");
    let denied = Build::new().deny(true).check(Path::new(LEAKY));
    assert!(denied.fails);
    let warnings = |lines: &[String]| {
        lines
            .iter()
            .filter(|line| line.starts_with("cargo::warning=sharelock SL"))
            .count()
    };
    assert_eq!(warnings(&denied.instructions), report.summary.violations);
    assert_eq!(warnings(&warned.instructions), report.summary.violations);
    insta::assert_snapshot!(denied.instructions.join("\n"));
}

fn sharelock(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-sharelock"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_commands_print_each_format() {
    for (args, start) in [
        (&["graph", LEAKY][..], "digraph sharelock {"),
        (&["graph", LEAKY, "--format", "mermaid"], "flowchart LR"),
        (&["inventory", LEAKY], "# Records of processing"),
        (&["inventory", LEAKY, "--format", "json"], "{"),
        (&["inventory", LEAKY, "--format", "html"], "<!DOCTYPE html>"),
    ] {
        let output = sharelock(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).starts_with(start),
            "{args:?}"
        );
    }
}

/// A check that stopped on an error gives no view: the error, as `check` prints it, and 2.
#[test]
fn errors_exit_2_without_a_view() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lib.rs"), "pub fn broken( {}\n").unwrap();
    let path = dir.path().to_str().unwrap();
    for args in [
        &["graph", path][..],
        &["inventory", path, "--format", "html"],
    ] {
        let output = sharelock(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("lib.rs"), "{args:?}: {stderr}");
    }
    assert_eq!(
        sharelock(&["graph", LEAKY, "--format", "svg"])
            .status
            .code(),
        Some(2)
    );
}
