//! Building source trees in temporary directories, and describing what `load` made of them.

use sharelock_checker::load::{load, LoadCache, Loaded};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

/// A temporary directory holding `files` (relative path, text).
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (path, text) in files {
        write(dir.path(), path, text.as_bytes());
    }
    dir
}

pub fn write(root: &Path, path: &str, bytes: &[u8]) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create the directory");
    std::fs::write(path, bytes).expect("write the file");
}

/// Loads `path` with no overlay and an empty cache.
pub fn load_path(path: &Path) -> Loaded {
    load(path, &HashMap::new(), &mut LoadCache::default())
}

/// One line per crate, file and error, in the loader's order.
pub fn describe(loaded: &Loaded) -> String {
    let mut out = String::new();
    for krate in &loaded.crates {
        let _ = writeln!(
            out,
            "crate {} {:?} root={}",
            krate.name, krate.kind, krate.root.0
        );
    }
    for (id, (file, place)) in loaded.files.iter().zip(&loaded.places).enumerate() {
        let module = place.module.join("::");
        let _ = writeln!(
            out,
            "file {id} {} crate={} mod={module}",
            file.rel, place.krate
        );
    }
    out.push_str(&errors(loaded));
    out
}

/// One line per error: `file:line:column: message`, with the lowering errors last.
pub fn errors(loaded: &Loaded) -> String {
    let mut out = String::new();
    for error in &loaded.errors {
        match &error.location {
            Some(at) => {
                let _ = writeln!(
                    out,
                    "error {}:{}:{}: {}",
                    at.file, at.pos.line, at.pos.column, error.message
                );
            }
            None => {
                let _ = writeln!(out, "error: {}", error.message);
            }
        }
        assert!(
            error.help.is_some(),
            "every error says how to fix it: {error:?}"
        );
    }
    for ir in &loaded.irs {
        for error in &ir.errors {
            let _ = writeln!(
                out,
                "lowering error in file {}: {}",
                ir.file.0, error.message
            );
        }
    }
    out
}
