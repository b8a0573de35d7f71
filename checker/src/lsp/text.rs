//! Positions: the report counts bytes, the protocol counts UTF-16 code units per line (its
//! default encoding, the only one every client supports).

use crate::diagnostic::{Location, Report};
use gen_lsp_types::{Position, Range, Uri};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Line starts of one text, for converting between byte offsets and protocol positions.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let character = self.text[self.line_starts[line]..offset]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        Position {
            line: to_u32(line),
            character: to_u32(character),
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end.max(start)),
        }
    }

    /// The byte offset of `position`, clamped to its line (clients may point past the end).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&line_start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line_end = self
            .line_starts
            .get(position.line as usize + 1)
            .map_or(self.text.len(), |next| next - 1);
        let mut units = 0;
        for (at, c) in self.text[line_start..line_end].char_indices() {
            if units >= position.character as usize {
                return line_start + at;
            }
            units += c.len_utf16();
        }
        line_end
    }

    /// The whitespace that starts the line holding `offset`.
    pub fn indentation(&self, offset: usize) -> &'a str {
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let rest = &self.text[self.line_starts[line]..];
        &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
    }

    /// The start of the line holding `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        self.line_starts[self.line_starts.partition_point(|&start| start <= offset) - 1]
    }

    fn floor_char_boundary(&self, mut offset: usize) -> usize {
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// Converts a report's locations to ranges, indexing each file's lines once.
pub struct Ranges<'r> {
    report: &'r Report,
    indexes: HashMap<&'r str, LineIndex<'r>>,
}

impl<'r> Ranges<'r> {
    pub fn new(report: &'r Report) -> Self {
        Ranges {
            report,
            indexes: HashMap::new(),
        }
    }

    /// From the location's byte offsets in the text the report was computed on; from its line
    /// and character column when the report lacks the text.
    pub fn range(&mut self, location: &Location) -> Range {
        let pos = location.pos;
        let file = self
            .report
            .files
            .iter()
            .find(|(name, _)| *name == location.file);
        let index = file.map(|(name, text)| {
            self.indexes
                .entry(name)
                .or_insert_with(|| LineIndex::new(text))
        });
        match index {
            Some(index) if pos.end as usize <= index.text.len() => {
                index.range(pos.start as usize, pos.end as usize)
            }
            _ => {
                let start = Position {
                    line: pos.line.saturating_sub(1),
                    character: pos.column.saturating_sub(1),
                };
                let length = pos.end.saturating_sub(pos.start);
                Range {
                    start,
                    end: Position {
                        character: start.character + length,
                        ..start
                    },
                }
            }
        }
    }
}

pub fn file_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path).ok()
}

pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().ok().map(|path| normalize(&path))
}

/// Removes `.` and `..` lexically: report paths such as `../sharelock.toml` joined onto a
/// root must name the same file as the URI the editor sends.
pub fn normalize(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !clean.pop() {
                    clean.push(component);
                }
            }
            other => clean.push(other),
        }
    }
    clean
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "fn a() {}\nlet é = \"😀\"; x\n";
        let index = LineIndex::new(text);
        let x = text.find(" x").unwrap() + 1;
        let position = index.position(x);
        assert_eq!(
            position,
            Position {
                line: 1,
                character: 14
            }
        );
        assert_eq!(index.offset(position), x);
        assert_eq!(
            index.offset(Position {
                line: 0,
                character: 99
            }),
            9
        );
        assert_eq!(
            index.offset(Position {
                line: 9,
                character: 0
            }),
            text.len()
        );
        assert_eq!(index.indentation(x), "");
    }

    #[test]
    fn paths_are_normalized() {
        assert_eq!(normalize(Path::new("/a/b/./../c")), PathBuf::from("/a/c"));
    }
}
