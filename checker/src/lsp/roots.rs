//! One checked tree per workspace folder: its incremental `Workspace`, its last report, and
//! the diagnostics it currently shows.

use super::diagnostics::{self, FileDiagnostics};
use crate::diagnostic::{Error, Report};
use crate::policy;
use crate::{Options, Workspace};
use gen_lsp_types::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub struct Root {
    pub path: PathBuf,
    workspace: Workspace,
    /// The policy file in force when the workspace was built, to know when to rebuild it.
    policy: Option<PathBuf>,
    pub report: Report,
    /// Each file's violations from the last check in which it had no error: shown again
    /// while the file does not parse, instead of nothing.
    last_good: HashMap<PathBuf, Vec<Diagnostic>>,
    /// What this root shows now, by file.
    pub shown: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Errors that name no file.
    pub general_errors: Vec<String>,
    pub dirty: bool,
}

impl Root {
    pub fn new(path: &Path) -> Root {
        Root {
            path: path.to_path_buf(),
            workspace: Workspace::new(path, Options::default()),
            policy: policy::find(path),
            report: Report::default(),
            last_good: HashMap::new(),
            shown: BTreeMap::new(),
            general_errors: Vec::new(),
            dirty: true,
        }
    }

    pub fn contains(&self, file: &Path) -> bool {
        file.starts_with(&self.path)
    }

    /// Whether `file` is the policy file this root reads, or one that would replace it.
    pub fn reads_policy(&self, file: &Path) -> bool {
        self.policy.as_deref() == Some(file)
            || (file
                .file_name()
                .is_some_and(|name| name == policy::FILE_NAME)
                && file.parent().is_some_and(|dir| self.path.starts_with(dir)))
    }

    /// Starts over with a fresh workspace (after the policy file changed), keeping the
    /// unsaved buffers.
    pub fn reload<'a>(&mut self, overlays: impl Iterator<Item = (&'a Path, &'a Arc<str>)>) {
        self.workspace = Workspace::new(&self.path, Options::default());
        self.policy = policy::find(&self.path);
        for (file, text) in overlays.filter(|(file, _)| file.starts_with(&self.path)) {
            self.workspace.set_overlay(file, Some(text.clone()));
        }
        self.dirty = true;
    }

    pub fn set_overlay(&mut self, file: &Path, text: Option<Arc<str>>) {
        self.workspace.set_overlay(file, text);
        self.dirty = true;
    }

    /// Checks again and updates what is shown.
    pub fn check(&mut self) {
        let checked = panic::catch_unwind(AssertUnwindSafe(|| self.workspace.check()));
        self.report = checked.unwrap_or_else(|_| Report {
            errors: vec![Error {
                message: "internal error: the check stopped (a bug in sharelock, please report it with the code that caused it)".into(),
                location: None,
                help: None,
            }],
            ..Report::default()
        });
        self.dirty = false;
        let (files, general) = diagnostics::by_file(&self.report, &self.path);
        self.general_errors = general;
        self.shown.clear();
        self.last_good.retain(|file, _| files.contains_key(file));
        for (
            file,
            FileDiagnostics {
                violations,
                mut errors,
            },
        ) in files
        {
            if errors.is_empty() {
                self.last_good.insert(file.clone(), violations.clone());
                self.shown.insert(file, violations);
                continue;
            }
            match self.last_good.get(&file) {
                Some(kept) => {
                    for error in &mut errors {
                        error.message = format!(
                            "{}\n(sharelock keeps showing its findings from the last version of this file without errors)",
                            message_text(error)
                        )
                        .into();
                    }
                    errors.extend(kept.iter().cloned());
                }
                None => errors.extend(violations),
            }
            self.shown.insert(file, errors);
        }
    }
}

fn message_text(diagnostic: &Diagnostic) -> &str {
    match &diagnostic.message {
        gen_lsp_types::Message::String(text) => text,
        gen_lsp_types::Message::MarkupContent(markup) => &markup.value,
    }
}
