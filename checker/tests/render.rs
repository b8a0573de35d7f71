//! Every output format, rendered from hand-built reports and pinned by snapshots; the
//! machine formats are also checked against what their consumers accept.

mod common;

use sharelock_checker::render::{render, Format, Settings};
use std::path::PathBuf;

fn settings() -> Settings {
    Settings {
        root: Some(PathBuf::from("/work/crate")),
        ..Settings::default()
    }
}

fn stdout(format: Format) -> String {
    render(&common::report(), format, &settings()).stdout
}

#[test]
fn json() {
    insta::assert_snapshot!(stdout(Format::Json));
}

#[test]
fn json_with_errors() {
    let output = render(&common::report_with_errors(), Format::Json, &settings());
    assert_eq!(output.stderr, "");
    insta::assert_snapshot!(output.stdout);
}

#[test]
fn human() {
    let output = render(&common::report(), Format::Human, &settings());
    assert_eq!(output.stderr, "");
    insta::assert_snapshot!(output.stdout);
}

#[test]
fn human_errors_go_to_stderr() {
    let output = render(&common::report_with_errors(), Format::Human, &settings());
    insta::assert_snapshot!("human_with_errors_stdout", output.stdout);
    insta::assert_snapshot!("human_with_errors_stderr", output.stderr);
}

#[test]
fn human_in_colour_only_when_asked() {
    let plain = render(&common::report(), Format::Human, &settings()).stdout;
    let colour = Settings {
        color: true,
        ..settings()
    };
    let coloured = render(&common::report(), Format::Human, &colour).stdout;
    assert!(!plain.contains('\u{1b}'));
    assert!(coloured.contains('\u{1b}'));
}

#[test]
fn github() {
    insta::assert_snapshot!(stdout(Format::Github));
}

#[test]
fn github_with_errors() {
    insta::assert_snapshot!(
        render(&common::report_with_errors(), Format::Github, &settings()).stdout
    );
}

#[test]
fn sarif() {
    insta::assert_snapshot!(stdout(Format::Sarif));
}

#[test]
fn rustc_json() {
    insta::assert_snapshot!(stdout(Format::RustcJson));
}

#[test]
fn rustc_json_with_errors() {
    insta::assert_snapshot!(
        render(
            &common::report_with_errors(),
            Format::RustcJson,
            &settings()
        )
        .stdout
    );
}

/// The SARIF 2.1.0 schema as published by OASIS, from the sarif-sdk (see tests/data/README.md).
fn sarif_schema() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0.json")).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(text: &str) {
    let log: serde_json::Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = sarif_schema()
        .iter_errors(&log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn sarif_follows_the_schema() {
    assert_valid_sarif(&stdout(Format::Sarif));
    assert_valid_sarif(&render(&common::report_with_errors(), Format::Sarif, &settings()).stdout);
    let relative = Settings {
        root: None,
        ..settings()
    };
    assert_valid_sarif(&render(&common::report(), Format::Sarif, &relative).stdout);
}

#[test]
fn the_schema_check_can_fail() {
    let mut log: serde_json::Value = serde_json::from_str(&stdout(Format::Sarif)).unwrap();
    log["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_schema().is_valid(&log));
}

/// rust-analyzer reads each line with `cargo_metadata`'s types; so do we.
#[test]
fn rustc_json_lines_read_as_rustc_diagnostics() {
    use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel};
    let text = render(
        &common::report_with_errors(),
        Format::RustcJson,
        &settings(),
    )
    .stdout;
    let diagnostics: Vec<Diagnostic> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(diagnostics.len(), 3);
    let violation = &diagnostics[0];
    assert_eq!(violation.code.as_ref().unwrap().code, "sharelock::SL002");
    assert_eq!(violation.level, DiagnosticLevel::Error);
    let primary: Vec<_> = violation.spans.iter().filter(|s| s.is_primary).collect();
    assert_eq!(primary.len(), 1);
    assert_eq!(primary[0].file_name, "/work/crate/src/sync.rs");
    assert_eq!((primary[0].line_start, primary[0].column_start), (7, 12));
    assert_eq!(
        primary[0].text[0].text,
        "    client.post(payload.as_bytes());"
    );
    assert!(violation
        .spans
        .iter()
        .filter(|s| !s.is_primary)
        .all(|s| s.label.is_some()));
    assert_eq!(violation.children[0].level, DiagnosticLevel::Help);
    // Errors without a location still arrive, so the editor never sees a silent failure.
    assert!(diagnostics[2].spans.is_empty());
}

/// Suppressed violations are listed only where they can be marked as such.
#[test]
fn suppressed_violations_are_marked_or_left_out() {
    let json: serde_json::Value = serde_json::from_str(&stdout(Format::Json)).unwrap();
    let suppressed: Vec<_> = json["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["suppressed"] == true)
        .collect();
    assert_eq!(suppressed.len(), 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(Format::Sarif)).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(
        results
            .iter()
            .filter(|r| r.get("suppressions").is_some())
            .count(),
        1
    );
    for format in [Format::Human, Format::Github, Format::RustcJson] {
        assert!(!stdout(format).contains("upload_batch"), "{format:?}");
    }
}

/// A location in a file whose text the report lacks is still shown, without a snippet.
#[test]
fn locations_without_file_text() {
    let mut report = common::report_with_errors();
    report.files.retain(|(file, _)| &**file == "src/sync.rs");
    let output = render(&report, Format::Human, &settings());
    insta::assert_snapshot!(output.stdout);
    insta::assert_snapshot!("locations_without_file_text_stderr", output.stderr);
    report.files.clear();
    insta::assert_snapshot!(
        "locations_without_any_file_text",
        render(&report, Format::Human, &settings()).stdout
    );
    let text = render(&report, Format::RustcJson, &settings()).stdout;
    let first: cargo_metadata::diagnostic::Diagnostic =
        serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let source = &first.spans[0];
    assert!(source.file_name.ends_with("src/lib.rs") && source.text.is_empty());
}

/// miette pads a label out to its column and fails past 65,535: a flow on a very long line
/// (minified or generated code) is listed with its positions instead of drawn.
#[test]
fn labels_far_right_are_listed_not_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "Cargo.toml",
        "[package]\nname = \"wide\"\nedition = \"2021\"\n",
    );
    write(
        "sharelock.toml",
        "[parties.parent_company]\ndescription = \"p\"\ndefault = \"deny\"\n\n[[sinks]]\npath = \"graph_sdk::upload\"\nparty = \"parent_company\"\n",
    );
    let padding = " ".repeat(70_000);
    write(
        "src/lib.rs",
        &format!(
            "#[derive(sharelock::Data)]\npub struct User {{\n    #[sharelock(category = \"account.phone\", deny(parent_company))]\n    pub phone: String,\n}}\npub fn send(u: &User) {{\n{padding}graph_sdk::upload(&u.phone);\n}}\n"
        ),
    );
    let report = sharelock_checker::check(dir.path(), &sharelock_checker::Options::default());
    assert_eq!(report.violations.len(), 1, "{:?}", report.errors);
    let human = render(&report, Format::Human, &settings()).stdout;
    assert!(human.contains("src/lib.rs:7:70012: "), "{human}");
    let rustc = render(&report, Format::RustcJson, &settings()).stdout;
    assert!(rustc.contains("\"column_start\":70012"), "{rustc}");
}
