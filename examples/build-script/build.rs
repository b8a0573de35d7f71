//! Checks this crate's sharing labels on every `cargo build` that touched its sources or
//! `sharelock.toml`, and fails the build on a violation.

fn main() {
    sharelock_checker::build::Build::new().deny(true).run();
}
