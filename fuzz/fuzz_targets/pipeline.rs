//! The whole check on arbitrary bytes as `src/lib.rs` of a crate with the messenger's policy.
//! Seeded with real annotated files, so libFuzzer's mutations stay close to real code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One crate per fuzzing process, its `src/lib.rs` rewritten for every input.
fn crate_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("sharelock-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).expect("a writable temp dir");
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"fuzzed\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
        )
        .expect("a writable temp dir");
        std::fs::write(
            dir.join("sharelock.toml"),
            include_str!("../seeds/policy/messenger.toml"),
        )
        .expect("a writable temp dir");
        dir
    })
}

fuzz_target!(|bytes: &[u8]| {
    let dir = crate_dir();
    std::fs::write(dir.join("src/lib.rs"), bytes).expect("a writable temp dir");
    let report = sharelock_checker::check(dir, &sharelock_checker::Options::default());
    // A file that does not parse is an error, never a clean result.
    if std::str::from_utf8(bytes).map_or(true, |text| syn::parse_file(text).is_err()) {
        assert!(
            !report.errors.is_empty(),
            "an unparsable file passed as clean"
        );
    }
});
