//! The annotations at compile time (trybuild): what every form accepts, and every error with
//! its exact span. `TRYBUILD=overwrite cargo test -p sharelock --test ui` regenerates the
//! `.stderr` files; read each one after doing so.

use std::path::Path;

#[test]
fn ui() {
    install_policy();
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}

/// Puts `tests/ui/sharelock.toml` where the macros look for it when trybuild builds the cases:
/// trybuild builds them as a package in `<target>/tests/trybuild/sharelock/`, and the macros
/// walk up from there. Placing the file in that package directory keeps the cases independent
/// of any `sharelock.toml` above the target directory.
fn install_policy() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is <target>/tmp");
    let package = target.join("tests").join("trybuild").join("sharelock");
    let policy = include_str!("ui/sharelock.toml");
    let installed = package.join("sharelock.toml");
    if std::fs::read_to_string(&installed).ok().as_deref() != Some(policy) {
        std::fs::create_dir_all(&package).expect("create the trybuild package directory");
        std::fs::write(&installed, policy).expect("install the test policy");
    }
}
