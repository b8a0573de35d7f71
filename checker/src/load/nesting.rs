//! A cheap upper bound on how deep `syn` will recurse on a file, measured on its tokens
//! before parsing, so that hostile nesting is refused with an error instead of
//! overflowing the stack (a stack overflow aborts the whole process).
//!
//! `syn` recurses once per nested group (`(`, `[`, `{`), generic `<`, prefix operator
//! (`&`, `*`, `!`, `-`, `..`, `@`), closure `|..|`, assignment `=`, return type `->`,
//! keyword such as `return` or `impl`, and `else if`. The bound adds these up along the
//! path from the file's top to each token, forgetting what a `;`, `,`, `=>` or closing `}`
//! ends. It over-counts (a binary `<` counts like a generic one), never under-counts.
//!
//! Left-nested chains (`a + b + c ..`, `x.f().g() ..`) parse in a loop but build a tree
//! as deep as the chain, which is dropped (and lowered) recursively: their length is
//! bounded separately, and far higher.

use proc_macro2::{Delimiter, LineColumn, Spacing, Span, TokenStream, TokenTree};

/// Nesting levels accepted. Each level costs `syn` at most about 50 KiB of stack in a
/// debug build (about 13 KiB optimized), so 1,000 levels fit the parser threads' stack
/// (`load::STACK_BYTES`) with room to spare; real code stays well under 100.
pub const MAX_NESTING: usize = 1_000;

/// Operators in one chain accepted (a 500,000-term sum is refused, a 200,000-term one is not).
pub const MAX_CHAIN: usize = 500_000;

/// Why a file is refused, and where.
#[derive(Debug, PartialEq, Eq)]
pub enum TooDeep {
    Nesting(LineColumn),
    Chain(LineColumn),
}

/// What is open at one level of token groups, and counts toward the bound.
struct Level {
    tokens: proc_macro2::token_stream::IntoIter,
    delimiter: Option<Delimiter>,
    /// The brackets of an attribute (`#[..]`): no operand ends there.
    attribute: bool,
    prefix: usize,
    pipes: usize,
    angles: usize,
    else_ifs: usize,
    chain: usize,
}

impl Level {
    fn new(stream: TokenStream, delimiter: Option<Delimiter>, attribute: bool) -> Level {
        Level {
            tokens: stream.into_iter(),
            delimiter,
            attribute,
            prefix: 0,
            pipes: 0,
            angles: 0,
            else_ifs: 0,
            chain: 0,
        }
    }

    /// This level's share of the nesting bound.
    fn depth(&self) -> usize {
        usize::from(self.delimiter.is_some())
            + self.prefix
            + self.pipes
            + self.angles
            + self.else_ifs
    }
}

/// Keywords after which `syn` parses a nested expression or type.
const NESTING_KEYWORDS: &[&str] = &[
    "return", "break", "yield", "box", "become", "dyn", "impl", "move", "async", "static",
];

/// Keywords after which an operator is a prefix one (they are not operands).
const NOT_OPERANDS: &[&str] = &[
    "as", "const", "continue", "else", "enum", "extern", "fn", "for", "if", "in", "let", "loop",
    "match", "mod", "mut", "pub", "ref", "struct", "trait", "type", "unsafe", "use", "where",
    "while", "try",
];

/// Multi-character operators, longest first: a run of joint punctuation splits into these.
const OPERATORS: &[&str] = &[
    "..=", "...", "<<=", ">>=", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "..", "::", "<<",
    ">>", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=",
];

/// Checks the bound over a whole file's tokens. A token's place in the file is looked up
/// (in `proc_macro2`'s thread-local table) only for an error.
pub fn check(tokens: &TokenStream) -> Result<(), TooDeep> {
    Scan::default().run(tokens.clone())
}

#[derive(Default)]
struct Scan {
    levels: Vec<Level>,
    depth: usize,
    operand: bool,
    after_else: bool,
    /// A `#` was the last token: a `!` after it opens an inner attribute (`#![..]`, `//!`).
    after_hash: bool,
    punct: String,
    punct_at: Option<Span>,
}

impl Scan {
    fn run(mut self, tokens: TokenStream) -> Result<(), TooDeep> {
        self.levels.push(Level::new(tokens, None, false));
        while let Some(level) = self.levels.last_mut() {
            let Some(token) = level.tokens.next() else {
                self.flush()?;
                self.close();
                continue;
            };
            if let TokenTree::Punct(punct) = &token {
                if self.punct.is_empty() {
                    self.punct_at = Some(punct.span());
                }
                self.punct.push(punct.as_char());
                if punct.spacing() == Spacing::Alone {
                    self.flush()?;
                }
                continue;
            }
            self.flush()?;
            let after_else = std::mem::take(&mut self.after_else);
            let attribute = std::mem::take(&mut self.after_hash);
            match token {
                TokenTree::Group(group) => {
                    let at = group.span_open();
                    let delimiter = group.delimiter();
                    if self.operand && delimiter != Delimiter::Brace {
                        self.chain(at)?;
                    }
                    let level = Level::new(group.stream(), Some(delimiter), attribute);
                    self.levels.push(level);
                    self.grow(1, at)?;
                    self.operand = false;
                }
                TokenTree::Ident(ident) => {
                    let at = ident.span();
                    let word = ident.to_string();
                    let word = word.as_str();
                    if word == "else" {
                        self.after_else = true;
                    } else if word == "if" && after_else {
                        self.top().else_ifs += 1;
                        self.grow(1, at)?;
                    } else if word == "as" {
                        self.chain(at)?;
                    } else if NESTING_KEYWORDS.contains(&word) {
                        self.top().prefix += 1;
                        self.grow(1, at)?;
                    }
                    self.operand = !NOT_OPERANDS.contains(&word)
                        && !NESTING_KEYWORDS.contains(&word)
                        && word != "else"
                        && word != "if";
                }
                TokenTree::Literal(_) => self.operand = true,
                TokenTree::Punct(_) => unreachable!("punctuation is gathered above"),
            }
        }
        Ok(())
    }

    fn top(&mut self) -> &mut Level {
        self.levels
            .last_mut()
            .expect("a level is open while scanning")
    }

    fn grow(&mut self, by: usize, at: Span) -> Result<(), TooDeep> {
        self.depth += by;
        if self.depth > MAX_NESTING {
            return Err(TooDeep::Nesting(at.start()));
        }
        Ok(())
    }

    fn chain(&mut self, at: Span) -> Result<(), TooDeep> {
        let level = self.top();
        level.chain += 1;
        if level.chain > MAX_CHAIN {
            return Err(TooDeep::Chain(at.start()));
        }
        Ok(())
    }

    /// Forgets, at the current level, what `separator` ends.
    fn reset(&mut self, angles_too: bool, pipes_too: bool) {
        let level = self
            .levels
            .last_mut()
            .expect("a level is open while scanning");
        let before = level.depth();
        level.prefix = 0;
        level.else_ifs = 0;
        level.chain = 0;
        if angles_too {
            level.angles = 0;
        }
        if pipes_too {
            level.pipes = 0;
        }
        let after = level.depth();
        self.depth -= before - after;
    }

    /// Leaves the current group; a closed `{ .. }` also ends what was open before it.
    fn close(&mut self) {
        let level = self.levels.pop().expect("a level is open while scanning");
        self.depth -= level.depth();
        if self.levels.is_empty() {
            return;
        }
        if level.delimiter == Some(Delimiter::Brace) {
            let top = self.top();
            let before = top.depth();
            top.prefix = 0;
            top.pipes = 0;
            top.chain = 0;
            let after = top.depth();
            self.depth -= before - after;
            self.operand = false;
        } else {
            self.operand = !level.attribute;
        }
    }

    /// Classifies the gathered run of joint punctuation, operator by operator.
    fn flush(&mut self) -> Result<(), TooDeep> {
        if self.punct.is_empty() {
            return Ok(());
        }
        let run = std::mem::take(&mut self.punct);
        let at = self.punct_at.take().unwrap_or_else(Span::call_site);
        let mut rest = run.as_str();
        while !rest.is_empty() {
            let op = OPERATORS
                .iter()
                .find(|op| rest.starts_with(**op))
                .copied()
                .unwrap_or_else(|| {
                    let len = rest.chars().next().map_or(1, char::len_utf8);
                    &rest[..len]
                });
            rest = &rest[op.len()..];
            let inner_attribute = op == "!" && self.after_hash;
            self.after_hash = op == "#" || inner_attribute;
            if !inner_attribute {
                self.operator(op, at)?;
            }
            self.after_else = false;
        }
        Ok(())
    }

    fn operator(&mut self, op: &str, at: Span) -> Result<(), TooDeep> {
        let operand = std::mem::replace(&mut self.operand, false);
        match op {
            ";" | "=>" => self.reset(true, true),
            "," => self.reset(false, false),
            "<" | "<<" => {
                if operand {
                    self.chain(at)?;
                }
                let opened = op.len();
                self.top().angles += opened;
                self.grow(opened, at)?;
            }
            ">" | ">>" => {
                let level = self.top();
                let closed = op.len().min(level.angles);
                level.angles -= closed;
                self.depth -= closed;
                if closed == 0 {
                    self.chain(at)?;
                } else {
                    self.operand = true;
                }
            }
            "?" => {
                self.chain(at)?;
                self.operand = true;
            }
            "." | "::" | ":" | "#" | "$" | "'" | "~" => {
                if op == "." {
                    self.chain(at)?;
                }
            }
            "->" | "@" | "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=" | "&=" | "|=" | "<<="
            | ">>=" => {
                self.top().prefix += 1;
                self.grow(1, at)?;
            }
            "&" | "&&" | "*" | "!" | "-" | ".." | "..=" | "..." if !operand => {
                let by = if op == "&&" { 2 } else { 1 };
                self.top().prefix += by;
                self.grow(by, at)?;
            }
            "|" | "||" if !operand => {
                self.top().pipes += 1;
                self.grow(1, at)?;
            }
            _ => self.chain(at)?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Result<(), TooDeep> {
        check(&text.parse().expect("test input lexes"))
    }

    #[test]
    fn ordinary_code_passes() {
        let code = "fn f<T: Iterator<Item = u8>>(x: &mut Vec<Vec<T>>) -> Option<&'static str> {
            let y = if a < b { -1 } else if c { !d } else { *e };
            let z = |p, q| p.map(|v| v + 1).filter(|w| w > &0).collect::<Vec<_>>();
            match y { Some(&ref k) => k, _ => return None }
        }";
        assert_eq!(scan(code), Ok(()));
    }

    #[test]
    fn deep_groups_and_prefix_runs_are_refused() {
        let deep = format!("fn f() {{ {}1{} }}", "(".repeat(2000), ")".repeat(2000));
        assert!(matches!(scan(&deep), Err(TooDeep::Nesting(_))));
        let nots = format!("fn f() {{ {}x }}", "!".repeat(2000));
        assert!(matches!(scan(&nots), Err(TooDeep::Nesting(_))));
        let generics = format!("type T = {}u8{};", "Vec<".repeat(2000), ">".repeat(2000));
        assert!(matches!(scan(&generics), Err(TooDeep::Nesting(_))));
        let closures = format!("fn f() {{ {}x }}", "|a, b| ".repeat(2000));
        assert!(matches!(scan(&closures), Err(TooDeep::Nesting(_))));
        let else_ifs = format!("fn f() {{ if a {{}} {} }}", "else if a {} ".repeat(2000));
        assert!(matches!(scan(&else_ifs), Err(TooDeep::Nesting(_))));
        let const_generics = format!("type T = {}u8{};", "A<{1}, ".repeat(2000), ">".repeat(2000));
        assert!(matches!(scan(&const_generics), Err(TooDeep::Nesting(_))));
    }

    #[test]
    fn separators_forget_what_they_end() {
        let list = format!("const X: [i32; 3000] = [{}];", "-1, ".repeat(3000));
        assert_eq!(scan(&list), Ok(()));
        let statements = format!("fn f() {{ {} }}", "x = -&*y; ".repeat(3000));
        assert_eq!(scan(&statements), Ok(()));
        let items = "pub(crate) fn f() -> impl Fn() { || () }\n".repeat(3000);
        assert_eq!(scan(&items), Ok(()));
    }

    #[test]
    fn inner_attributes_and_doc_comments_do_not_nest() {
        let docs = format!(
            "{}#![allow(dead_code)]\nfn f() {{}}\n",
            "//! documentation\n".repeat(3000)
        );
        assert_eq!(scan(&docs), Ok(()));
        let nots = format!("fn f() {{ {}x }}", "#[a] !".repeat(2000));
        assert!(matches!(scan(&nots), Err(TooDeep::Nesting(_))));
    }

    #[test]
    fn long_chains_are_bounded_separately() {
        let sum = format!("fn f() {{ 1{} }}", " + 1".repeat(200_000));
        assert_eq!(scan(&sum), Ok(()));
        let longer = format!("fn f() {{ 1{} }}", " + 1".repeat(MAX_CHAIN + 1));
        assert!(matches!(scan(&longer), Err(TooDeep::Chain(_))));
    }
}
