//! Reading checked files: unsaved editor buffers first, then the disk, always within the
//! limits, and only ever for reading. Also turns byte offsets and line/columns into
//! positions, so that every error names its file, line and column.

use crate::diagnostic::{Error, Location};
use crate::model::Pos;
use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The largest source file read (64 MiB). A 50 MB file of real code still loads; past the
/// limit the file is reported, not analysed.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Where file text comes from: the editor's unsaved buffers, else the disk.
pub struct Sources {
    overlays: HashMap<PathBuf, Arc<str>>,
}

impl Sources {
    /// Overlay keys may be relative (to the current directory) or absolute, and may go
    /// through symbolic links: each is stored under its normalized and its canonical form.
    pub fn new(overlays: &HashMap<PathBuf, Arc<str>>) -> Sources {
        let mut map = HashMap::new();
        for (path, text) in overlays {
            let normal = normalize(path);
            if let Ok(canonical) = fs::canonicalize(&normal) {
                map.insert(canonical, text.clone());
            }
            map.insert(normal, text.clone());
        }
        Sources { overlays: map }
    }

    fn overlay(&self, path: &Path) -> Option<&Arc<str>> {
        self.overlays.get(path)
    }

    /// Whether `path` names a file to read (an open buffer counts).
    pub fn is_file(&self, path: &Path) -> bool {
        self.overlay(path).is_some() || path.is_file()
    }

    /// Whether anything is at `path`, even a directory or a broken or looping symbolic
    /// link: reading it then says what is wrong, rather than "not found".
    pub fn exists(&self, path: &Path) -> bool {
        self.overlay(path).is_some() || fs::symlink_metadata(path).is_ok()
    }

    /// The size of `path` (absolute), after checking it is a regular file within the limit;
    /// `rel` names it in errors.
    pub fn size(&self, path: &Path, rel: &str) -> Result<u64, Error> {
        if let Some(text) = self.overlay(path) {
            return Ok(text.len() as u64);
        }
        let meta = fs::metadata(path).map_err(|err| unreadable(rel, err))?;
        if meta.is_dir() {
            return Err(error_in(
                rel,
                None,
                format!("`{rel}` is a directory where a source file is expected"),
                "point the declaration at a `.rs` file",
            ));
        }
        if !meta.is_file() {
            return Err(error_in(
                rel,
                None,
                format!("`{rel}` is not a regular file (a pipe, socket or device)"),
                "replace it with the source file, or remove the reference to it",
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_large(rel, meta.len()));
        }
        Ok(meta.len())
    }

    /// The text of `path` (absolute); `rel` names it in errors.
    pub fn read(&self, path: &Path, rel: &str) -> Result<Arc<str>, Error> {
        if let Some(text) = self.overlay(path) {
            return Ok(text.clone());
        }
        let size = self.size(path, rel)?;
        // Room for the whole file and the byte that shows it grew past the limit, so that
        // reading it is one copy (a file that grew since is still read whole).
        let mut bytes = Vec::with_capacity(size.min(MAX_FILE_BYTES) as usize + 1);
        fs::File::open(path)
            .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|err| unreadable(rel, err))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(rel, bytes.len() as u64));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(text.into()),
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&err.as_bytes()[..offset]).unwrap_or_default();
                Err(error_in(
                    rel,
                    Some(pos_at_offset(valid, offset)),
                    format!("`{rel}` is not valid UTF-8 (first bad byte at offset {offset})"),
                    "Rust source files must be UTF-8: re-encode the file, or remove it if it is \
                     not source code",
                ))
            }
        }
    }
}

fn unreadable(rel: &str, err: std::io::Error) -> Error {
    error_in(
        rel,
        None,
        format!("cannot read `{rel}`: {err}"),
        "make the file readable by the user running sharelock, or remove the reference to it",
    )
}

fn too_large(rel: &str, len: u64) -> Error {
    error_in(
        rel,
        None,
        format!(
            "`{rel}` is {len} bytes, over sharelock's limit of {} MiB per source file",
            MAX_FILE_BYTES >> 20
        ),
        "split the file into modules; sharelock does not analyse files this large",
    )
}

/// An error located in `file` (relative to the checked PATH).
pub fn error_in(file: &str, pos: Option<Pos>, message: String, help: &str) -> Error {
    Error {
        message,
        location: Some(Location {
            file: file.into(),
            pos: pos.unwrap_or(Pos {
                line: 1,
                column: 1,
                start: 0,
                end: 0,
            }),
        }),
        help: Some(help.into()),
    }
}

/// An error with no file to point at (a missing PATH).
pub fn error_at_path(message: String, help: &str) -> Error {
    Error {
        message,
        location: None,
        help: Some(help.into()),
    }
}

/// An absolute path with `.` and `..` resolved lexically (symbolic links untouched).
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `root` with `/` separators, or `None` when it lies outside.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rest = path.strip_prefix(root).ok()?;
    let parts: Vec<_> = rest
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    Some(parts.join("/"))
}

/// `path` relative to `root` with `/` separators, through `..` where it lies outside `root`
/// (a path dependency's file: `../model/src/lib.rs`). Both are absolute and normalized.
pub fn relative_through_parents(root: &Path, path: &Path) -> String {
    let shared = (root.components().zip(path.components()))
        .take_while(|(a, b)| a == b)
        .count();
    let up = root.components().skip(shared).map(|_| "..".into());
    let down = (path.components().skip(shared)).map(|c| c.as_os_str().to_string_lossy());
    up.chain(down).collect::<Vec<_>>().join("/")
}

/// The position of byte `offset` in `text` (clamped to the text, and to a char boundary).
pub fn pos_at_offset(text: &str, offset: usize) -> Pos {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    Pos {
        line: line as u32,
        column: column as u32,
        start: offset as u32,
        end: offset as u32,
    }
}

/// The position of a 1-based `line` and 0-based character `column` (as `proc_macro2`
/// reports them) in `text`.
pub fn pos_at_line_column(text: &str, line: usize, column: usize) -> Pos {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[line_start..];
    let offset = line_start
        + rest
            .char_indices()
            .nth(column)
            .map_or(rest.len(), |(i, _)| i);
    pos_at_offset(text, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nçd\n";
        assert_eq!(
            pos_at_offset(text, 5),
            Pos {
                line: 2,
                column: 2,
                start: 5,
                end: 5
            }
        );
        assert_eq!(
            pos_at_line_column(text, 2, 1),
            Pos {
                line: 2,
                column: 2,
                start: 5,
                end: 5
            }
        );
        assert_eq!(pos_at_line_column(text, 9, 0).line, 3);
    }

    #[test]
    fn normalize_resolves_dots_lexically() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d.rs")),
            PathBuf::from("/a/c/d.rs")
        );
        assert_eq!(
            relative(Path::new("/a"), Path::new("/a/b/c.rs")).as_deref(),
            Some("b/c.rs")
        );
        assert_eq!(relative(Path::new("/a"), Path::new("/b/c.rs")), None);
        assert_eq!(
            relative_through_parents(Path::new("/w/app"), Path::new("/w/model/src/lib.rs")),
            "../model/src/lib.rs"
        );
        assert_eq!(
            relative_through_parents(Path::new("/w"), Path::new("/w/app/src/lib.rs")),
            "app/src/lib.rs"
        );
    }
}
