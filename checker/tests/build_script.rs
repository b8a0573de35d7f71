//! The build.rs integration end to end: `examples/build-script`, copied to a temporary
//! directory, fails `cargo build` once a violation is seeded and builds again once it is
//! fixed; the check reruns when `sharelock.toml` changes, and not when nothing did.

use std::path::{Path, PathBuf};
use std::process::Command;

const CLEAN: &str = "let entries = vec![subscribers.len().to_string()];";
const LEAKY: &str =
    "let entries: Vec<String> = subscribers.iter().map(|s| s.email.clone()).collect();";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the checker is a workspace member")
        .to_path_buf()
}

/// The example outside the workspace, its path dependencies pointing back into it.
fn copy_example(to: &Path) {
    let example = workspace().join("examples/build-script");
    std::fs::create_dir_all(to.join("src")).unwrap();
    for file in ["build.rs", "sharelock.toml", "src/lib.rs"] {
        std::fs::copy(example.join(file), to.join(file)).unwrap();
    }
    let root = workspace().display().to_string();
    let manifest = std::fs::read_to_string(example.join("Cargo.toml"))
        .unwrap()
        .replace("path = \"../..\"", &format!("path = {root:?}"))
        .replace(
            "path = \"../../checker\"",
            &format!("path = \"{root}/checker\""),
        );
    std::fs::write(to.join("Cargo.toml"), format!("{manifest}\n[workspace]\n")).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), to.join("Cargo.lock")).unwrap();
}

/// `cargo build --offline` in `dir`, with the workspace's target directory so that the
/// checker is not compiled again: whether it succeeded, and what cargo printed.
fn cargo_build(dir: &Path) -> (bool, String) {
    cargo(dir, &["build", "--offline"])
}

/// Whether `cargo build -v` ran the build script (cargo prints the command it runs).
fn build_script_ran(dir: &Path) -> bool {
    let (_, printed) = cargo(dir, &["build", "--offline", "-v"]);
    printed.contains("build-script-build`")
}

fn cargo(dir: &Path, args: &[&str]) -> (bool, String) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"));
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), printed)
}

#[test]
fn a_seeded_violation_fails_the_build_until_it_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    copy_example(dir.path());
    let lib = dir.path().join("src/lib.rs");
    let clean = std::fs::read_to_string(&lib).unwrap();
    assert!(clean.contains(CLEAN), "the example changed: update CLEAN");
    let line = clean.lines().position(|line| line.contains(CLEAN)).unwrap() + 2;

    std::fs::write(&lib, clean.replace(CLEAN, LEAKY)).unwrap();
    let (built, printed) = cargo_build(dir.path());
    assert!(!built, "the build passed with a violation:\n{printed}");
    assert!(
        printed.contains("sharelock SL001: contact.email")
            && printed.contains(&format!("at src/lib.rs:{line}:")),
        "the violation is not in cargo's output:\n{printed}"
    );
    assert!(
        printed.contains("error: build-script@0.1.0: sharelock: this crate shares data"),
        "{printed}"
    );

    std::fs::write(&lib, &clean).unwrap();
    let (built, printed) = cargo_build(dir.path());
    assert!(built, "the fixed crate does not build:\n{printed}");
    assert!(!printed.contains("sharelock SL"), "{printed}");

    assert!(
        !build_script_ran(dir.path()),
        "nothing changed, yet the check ran again"
    );
    let policy = dir.path().join("sharelock.toml");
    let text = std::fs::read_to_string(&policy).unwrap();
    std::fs::write(
        &policy,
        format!("{text}\n[categories]\nknown = [\"account\"]\n"),
    )
    .unwrap();
    let (built, printed) = cargo_build(dir.path());
    assert!(
        !built && printed.contains("sharelock error:"),
        "a policy that rejects the crate's category did not fail the build:\n{printed}"
    );
}
