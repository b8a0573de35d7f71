//! The library's entry points: a one-shot `check`, and the incremental `Workspace` the
//! editor keeps (unsaved buffers as overlays; only changed files are re-parsed).
//!
//! OWNER: lead. (in progress: returns an error until the engine lands)

use crate::diagnostic::{Error, Report};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--policy FILE`; otherwise `sharelock.toml` is looked up from the checked path upwards.
    pub policy: Option<PathBuf>,
}

/// A checked tree kept between checks: the editor's view.
pub struct Workspace {
    root: PathBuf,
    options: Options,
    overlays: HashMap<PathBuf, Arc<str>>,
}

impl Workspace {
    pub fn new(root: &Path, options: Options) -> Workspace {
        Workspace { root: root.to_path_buf(), options, overlays: HashMap::new() }
    }

    /// Uses `text` instead of the file on disk (an unsaved buffer); `None` goes back to disk.
    pub fn set_overlay(&mut self, file: &Path, text: Option<Arc<str>>) {
        match text {
            Some(text) => self.overlays.insert(file.to_path_buf(), text),
            None => self.overlays.remove(file),
        };
    }

    /// Checks the tree, reusing what did not change since the last check.
    pub fn check(&mut self) -> Report {
        let _ = (&self.root, &self.options);
        Report {
            errors: vec![Error { message: "the analysis is not built yet".into(), location: None, help: None }],
            ..Report::default()
        }
    }
}

/// Checks `path` (a package, a workspace, a folder with `lib.rs`/`main.rs`, or one file).
pub fn check(path: &Path, options: &Options) -> Report {
    Workspace::new(path, options.clone()).check()
}
