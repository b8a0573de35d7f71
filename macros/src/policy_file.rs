//! The policy that annotations are checked against: the nearest `sharelock.toml` at or above
//! the package being built (`CARGO_MANIFEST_DIR`). Without one, names are not checked.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use sharelock_checker::policy::{self, Policy, PolicyError};
use std::path::{Path, PathBuf};

pub struct PolicyFile {
    /// Absolute, for `include_bytes!`.
    path: PathBuf,
    state: Result<Policy, String>,
}

impl PolicyFile {
    /// The policy for the package being built, read afresh on every expansion so that an
    /// editor's long-lived macro server never sees a stale file.
    pub fn load() -> Option<PolicyFile> {
        let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
        let path = policy::find(&manifest_dir)?;
        let shown = shown_path(&path, &manifest_dir);
        let state = match std::fs::read_to_string(&path) {
            Ok(text) => policy::parse(&text).map_err(|errors| broken(&shown, &text, &errors)),
            Err(e) => Err(format!("cannot read {shown}: {e}")),
        };
        Some(PolicyFile { path, state })
    }

    /// The parsed policy; a broken file is one error at `span` (the annotation), not a
    /// failure of the macro.
    pub fn policy(&self, span: Span) -> syn::Result<&Policy> {
        self.state
            .as_ref()
            .map_err(|why| syn::Error::new(span, why))
    }

    /// An item that makes the crate depend on the file, so that editing it reruns the macros.
    pub fn dependency(&self) -> TokenStream {
        let path = self.path.display().to_string();
        quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        )
    }
}

/// The file as a path relative to the package (`sharelock.toml`, `../sharelock.toml`).
fn shown_path(path: &Path, manifest_dir: &Path) -> String {
    let up = path
        .parent()
        .and_then(|dir| manifest_dir.ancestors().position(|a| a == dir));
    match up {
        Some(levels) => format!("{}{}", "../".repeat(levels), policy::FILE_NAME),
        None => path.display().to_string(),
    }
}

/// The message for an annotation checked against a file with errors: the first error, where.
fn broken(shown: &str, text: &str, errors: &[PolicyError]) -> String {
    let Some(first) = errors.first() else {
        return format!("{shown} could not be read");
    };
    let place = first.span.as_ref().map_or(String::new(), |span| {
        let before = &text[..span.start.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!(" at line {line}, column {column}")
    });
    let more = match errors.len() {
        1 => String::new(),
        2 => " (and 1 more error)".to_string(),
        n => format!(" (and {} more errors)", n - 1),
    };
    format!(
        "{shown} has errors, so sharelock cannot check the names in this annotation: {}{place}{more}\n\
         help: fix the policy file; `cargo sharelock check` shows every error",
        first.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_is_shown_relative_to_the_package() {
        let root = Path::new("/work/app");
        assert_eq!(
            shown_path(&root.join("sharelock.toml"), root),
            "sharelock.toml"
        );
        assert_eq!(
            shown_path(&root.join("sharelock.toml"), &root.join("crates/a")),
            "../../sharelock.toml"
        );
    }

    #[test]
    fn a_broken_file_names_its_first_error_and_where() {
        let text = "[parties.p]\ndefault = \"maybe\"\n[[sinks]]\npath = \"a:b\"\nparty = \"p\"\n";
        let errors = policy::parse(text).unwrap_err();
        assert_eq!(
            broken("../sharelock.toml", text, &errors),
            "../sharelock.toml has errors, so sharelock cannot check the names in this annotation: \
             `default = \"maybe\"` is not a default at line 2, column 11 (and 1 more error)\n\
             help: fix the policy file; `cargo sharelock check` shows every error"
        );
    }

    #[test]
    fn a_broken_file_is_an_error_at_the_annotation_and_a_valid_one_validates() {
        let file = PolicyFile {
            path: PathBuf::from("/p/sharelock.toml"),
            state: Err("broken".into()),
        };
        let error = file.policy(Span::call_site()).unwrap_err();
        assert_eq!(error.to_string(), "broken");
        let file = PolicyFile {
            path: PathBuf::from("/p/sharelock.toml"),
            state: Ok(policy::parse("").unwrap()),
        };
        assert!(file.policy(Span::call_site()).is_ok());
        assert_eq!(
            file.dependency().to_string(),
            "const _ : & [u8] = :: core :: include_bytes ! (\"/p/sharelock.toml\") ;"
        );
    }
}
