//! The corpora a run measures: generated messenger crates, and the sources of the project's
//! own dependencies as the cargo registry holds them, checked as plain crates.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Dependencies of sharelock measured as real, unannotated code.
const REAL_CRATES: [&str; 10] = [
    "syn",
    "clap_builder",
    "indexmap",
    "serde_json",
    "toml_parser",
    "winnow",
    "petgraph",
    "miette",
    "rayon",
    "rayon-core",
];

pub struct Corpus {
    pub name: String,
    /// The package directory: what `check` receives.
    pub root: PathBuf,
    /// The policy for crates that have none of their own.
    pub policy: Option<PathBuf>,
    pub synthetic: bool,
    /// Every `.rs` file under `src/`, sorted: what the bare parse reads.
    pub files: Vec<PathBuf>,
    pub lines: usize,
    pub bytes: u64,
}

impl Corpus {
    pub fn scan(
        name: String,
        root: PathBuf,
        policy: Option<PathBuf>,
        synthetic: bool,
    ) -> io::Result<Corpus> {
        let files = source_files(&root)?;
        let mut lines = 0;
        let mut bytes = 0;
        for file in &files {
            let text = fs::read(file)?;
            bytes += text.len() as u64;
            lines += text.iter().filter(|&&b| b == b'\n').count();
        }
        Ok(Corpus {
            name,
            root,
            policy,
            synthetic,
            files,
            lines,
            bytes,
        })
    }
}

/// The `.rs` files of a package's `src/` tree, sorted.
pub fn source_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![root.join("src")];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The newest version of each of `REAL_CRATES` in the local cargo registry.
pub fn registry_crates() -> io::Result<Vec<(String, PathBuf)>> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .ok_or_else(|| io::Error::other("neither CARGO_HOME nor HOME is set"))?;
    let mut packages = Vec::new();
    for index in fs::read_dir(home.join("registry/src"))? {
        for package in fs::read_dir(index?.path())? {
            packages.push(package?.path());
        }
    }
    let mut found = Vec::new();
    for name in REAL_CRATES {
        let newest = packages
            .iter()
            .filter_map(|path| {
                let dir = path.file_name()?.to_str()?;
                let version = dir.strip_prefix(name)?.strip_prefix('-')?;
                version
                    .starts_with(|c: char| c.is_ascii_digit())
                    .then(|| (version_key(version), path))
            })
            .max();
        if let Some((_, path)) = newest {
            let dir = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            found.push((dir, path.clone()));
        }
    }
    Ok(found)
}

/// `1.0.10+spec-1.1.0` → `[1, 0, 10, 1, 1, 0]`: numeric order, not string order.
fn version_key(version: &str) -> Vec<u64> {
    version
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect()
}
