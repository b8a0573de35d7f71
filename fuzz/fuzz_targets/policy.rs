//! `sharelock.toml` parsing and validation on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(errors) = sharelock_checker::policy::parse(text) {
        for error in errors {
            if let Some(span) = error.span {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "span {span:?} outside the file"
                );
            }
        }
    }
});
