//! Hostile input to the loader: every problem is an error naming its file and position,
//! nothing panics or hangs, and the checked tree is never written to.

mod load_support;

use load_support::{describe, errors, load_path, tree, write};
use sharelock_checker::load::{MAX_FILE_BYTES, MAX_MODULE_DEPTH, MAX_NESTING};
use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn missing_path_and_empty_directory_are_errors() {
    let dir = tree(&[("notes.txt", "hello")]);
    let missing = load_path(&dir.path().join("nowhere"));
    assert!(
        errors(&missing).starts_with("error: cannot check `"),
        "{}",
        errors(&missing)
    );
    let empty = load_path(dir.path());
    assert!(errors(&empty).contains("has no `Cargo.toml`, `lib.rs` or `main.rs`"));
    let not_rust = load_path(&dir.path().join("notes.txt"));
    assert!(errors(&not_rust).contains("is not a `.rs` file"));
}

#[test]
fn empty_crates_are_clean() {
    let dir = tree(&[
        ("Cargo.toml", "[package]\nname = \"empty\"\n"),
        ("src/lib.rs", ""),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(
        describe(&loaded),
        "crate empty Lib root=0\nfile 0 src/lib.rs crate=0 mod=\n"
    );
}

#[test]
fn malformed_manifests_point_at_the_problem() {
    let dir = tree(&[
        ("Cargo.toml", "[package]\nname = \"x\"\nversion = 0.1.0\n"),
        ("src/lib.rs", ""),
    ]);
    let loaded = load_path(dir.path());
    assert!(
        errors(&loaded).starts_with("error Cargo.toml:3:"),
        "{}",
        errors(&loaded)
    );
    assert!(loaded.files.is_empty());

    let dir = tree(&[("Cargo.toml", "[package]\nname = \"x\"\n[[bin]]\npath = 7\n")]);
    assert!(
        errors(&load_path(dir.path())).starts_with("error Cargo.toml:4:8: malformed `Cargo.toml`")
    );

    let dir = tree(&[("Cargo.toml", "[dependencies]\nserde = \"1\"\n")]);
    assert!(errors(&load_path(dir.path())).contains("has neither `[package]` nor `[workspace]`"));

    let dir = tree(&[("Cargo.toml", "[package]\nname = \"x\"\n")]);
    assert!(errors(&load_path(dir.path())).contains("package `x` in `Cargo.toml` has no targets"));

    let dir = tree(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"m\"]\n"),
        ("m/Cargo.toml", "[package\nname = \"m\"\n"),
    ]);
    assert!(errors(&load_path(dir.path())).starts_with("error m/Cargo.toml:1:"));
}

#[test]
fn a_workspace_with_nothing_in_it_is_an_error() {
    let dir = tree(&[("Cargo.toml", "[workspace]\nmembers = []\n")]);
    assert!(errors(&load_path(dir.path())).contains("holds no crate to check"));
    let dir = tree(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
        ("crates/.keep", ""),
    ]);
    assert!(errors(&load_path(dir.path())).contains("holds no crate to check"));
}

#[test]
fn a_crate_whose_root_cannot_be_read_is_left_out_and_the_others_renumbered() {
    let dir = tree(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"a\", \"b\"]\n"),
        ("a/Cargo.toml", "[package]\nname = \"a\"\n"),
        ("b/Cargo.toml", "[package]\nname = \"b\"\n"),
        ("b/src/lib.rs", "mod m;\n"),
        ("b/src/m.rs", ""),
    ]);
    write(dir.path(), "a/src/lib.rs", b"\xff");
    assert_eq!(
        describe(&load_path(dir.path())),
        "\
crate b Lib root=0
file 0 b/src/lib.rs crate=0 mod=
file 1 b/src/m.rs crate=0 mod=m
error a/src/lib.rs:1:1: `a/src/lib.rs` is not valid UTF-8 (first bad byte at offset 0)
"
    );
}

#[test]
fn every_file_with_a_syntax_error_is_reported() {
    let dir = tree(&[
        ("lib.rs", "mod good;\nmod bad;\nmod worse;\n"),
        ("good.rs", "fn fine() {}\n"),
        ("bad.rs", "fn broken() {\n    let x = ;\n}\n"),
        ("worse.rs", "struct S {\n  a: u8,\n\n"),
    ]);
    let loaded = load_path(dir.path());
    let errors = errors(&loaded);
    assert!(
        errors.contains("error bad.rs:2:13: syntax error in `bad.rs`: "),
        "{errors}"
    );
    assert!(
        errors.contains("error worse.rs:1:10: syntax error in `worse.rs`: "),
        "{errors}"
    );
    assert_eq!(errors.lines().count(), 2, "{errors}");
    // The files are kept (for rendering the error), with an empty IR.
    assert_eq!(loaded.files.len(), 4);
    assert!(loaded.irs[2].root.items.is_empty());
}

#[test]
fn non_utf8_and_binary_garbage_are_errors_with_the_offset() {
    let dir = tree(&[("lib.rs", "mod latin1;\nmod garbage;\n")]);
    write(dir.path(), "latin1.rs", b"// caf\xe9\nfn f() {}\n");
    write(
        dir.path(),
        "garbage.rs",
        &[0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0xff, 0xfe, 0x00],
    );
    let errors = errors(&load_path(dir.path()));
    assert!(
        errors.contains(
            "error latin1.rs:1:7: `latin1.rs` is not valid UTF-8 (first bad byte at offset 6)"
        ),
        "{errors}"
    );
    assert!(
        errors.contains("`garbage.rs` is not valid UTF-8 (first bad byte at offset 7)"),
        "{errors}"
    );
}

#[test]
fn a_directory_where_a_file_is_expected() {
    let dir = tree(&[
        ("lib.rs", "#[path = \"folder\"]\nmod m;\nmod odd;\n"),
        ("folder/x.rs", ""),
        ("odd.rs/x.rs", ""),
    ]);
    let errors = errors(&load_path(dir.path()));
    assert_eq!(
        errors,
        "\
error lib.rs:2:5: `folder` is a directory where a source file is expected
error lib.rs:3:5: `odd.rs` is a directory where a source file is expected
"
    );
    let package = tree(&[
        ("Cargo.toml", "[package]\nname = \"p\"\n"),
        ("src/lib.rs/x.rs", ""),
    ]);
    let errors = load_support::errors(&load_path(package.path()));
    assert_eq!(
        errors,
        "error src/lib.rs:1:1: `src/lib.rs` is a directory where a source file is expected\n"
    );
}

#[test]
fn module_cycles_and_path_loops_stop_with_an_error() {
    let dir = tree(&[
        ("lib.rs", "mod a;\n#[path = \"lib.rs\"]\nmod again;\n"),
        ("a.rs", "#[path = \"b.rs\"]\nmod b;\n"),
        ("b.rs", "#[path = \"a.rs\"]\nmod back;\n"),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(
        errors(&loaded),
        "\
error lib.rs:3:5: module cycle: `lib.rs` is already loaded as an enclosing module
error b.rs:2:5: module cycle: `a.rs` is already loaded as an enclosing module
"
    );
    assert_eq!(loaded.files.len(), 3);
}

#[test]
fn path_attributes_cannot_leave_the_checked_directory() {
    let outer = tree(&[
        ("secret.rs", "fn leaked() {}\n"),
        ("project/lib.rs", "#[path = \"../secret.rs\"]\nmod s;\n"),
    ]);
    let loaded = load_path(&outer.path().join("project"));
    let errors = errors(&loaded);
    assert!(
        errors.starts_with("error lib.rs:2:5: module file `"),
        "{errors}"
    );
    assert!(
        errors.contains("lies outside the checked directory"),
        "{errors}"
    );
    assert_eq!(loaded.files.len(), 1);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_and_escapes_are_errors() {
    use std::os::unix::fs::symlink;
    let outer = tree(&[
        ("elsewhere.rs", "fn f() {}\n"),
        ("p/lib.rs", "mod looping;\nmod escape;\nmod dir_loop;\n"),
    ]);
    let p = outer.path().join("p");
    symlink(p.join("looping.rs"), p.join("looping.rs")).unwrap();
    symlink(outer.path().join("elsewhere.rs"), p.join("escape.rs")).unwrap();
    std::fs::create_dir(p.join("dir_loop")).unwrap();
    symlink(p.join("dir_loop"), p.join("dir_loop").join("again")).unwrap();
    write(&p, "dir_loop/mod.rs", b"mod again;\n");
    let loaded = load_path(&p);
    let errors = errors(&loaded);
    assert!(
        errors.contains("error lib.rs:1:5: cannot open module file `looping.rs`: Too many levels of symbolic links"),
        "{errors}"
    );
    assert!(
        errors.contains("error lib.rs:2:5: `escape.rs` leads outside the checked directory"),
        "{errors}"
    );
    assert!(
        errors.contains("error dir_loop/mod.rs:1:5: module cycle: `dir_loop/again/mod.rs`"),
        "{errors}"
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_instead_of_blocking_on_it() {
    let dir = tree(&[("lib.rs", "mod pipe;\n")]);
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.rs"))
        .status();
    assert!(made.expect("mkfifo runs").success());
    let errors = errors(&load_path(dir.path()));
    assert_eq!(
        errors,
        "error lib.rs:1:5: `pipe.rs` is not a regular file (a pipe, socket or device)\n"
    );
}

#[test]
fn files_over_the_size_limit_are_refused_without_reading_them() {
    let dir = tree(&[("lib.rs", "mod huge;\n")]);
    let file = std::fs::File::create(dir.path().join("huge.rs")).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    let errors = errors(&load_path(dir.path()));
    assert!(
        errors.contains("`huge.rs` is 67108865 bytes, over sharelock's limit of 64 MiB"),
        "{errors}"
    );
}

#[test]
fn the_total_size_budget_is_enforced_before_reading() {
    let lib: String = (0..9).map(|i| format!("mod big{i};\n")).collect();
    let dir = tree(&[("lib.rs", &lib)]);
    for i in 0..9 {
        // Sparse, and not UTF-8 from its first byte: cheap to create and to refuse once read.
        let path = dir.path().join(format!("big{i}.rs"));
        std::fs::write(&path, [0xff]).unwrap();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(60 << 20)
            .unwrap();
    }
    let loaded = load_path(dir.path());
    let errors = errors(&loaded);
    assert!(
        errors.contains("error big8.rs:1:1: the checked code exceeds sharelock's limits (100000 files, 512 MiB of source): `big8.rs`"),
        "{errors}"
    );
    assert_eq!(errors.matches("is not valid UTF-8").count(), 8, "{errors}");
    assert_eq!(loaded.files.len(), 1);
}

#[test]
fn deep_nesting_is_refused_quickly_and_cleanly() {
    let depth = 100_000;
    let parens = format!(
        "fn f() -> u8 {{ {}1{} }}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let blocks = format!("fn f() {{ {}{} }}\n", "{".repeat(depth), "}".repeat(depth));
    let unary = format!("fn f() -> bool {{ {}true }}\n", "!".repeat(depth));
    let generics = format!(
        "type T = {}u8{};\n",
        "Vec<".repeat(depth),
        ">".repeat(depth)
    );
    let dir = tree(&[
        (
            "lib.rs",
            "mod parens;\nmod blocks;\nmod unary;\nmod generics;\n",
        ),
        ("parens.rs", &parens),
        ("blocks.rs", &blocks),
        ("unary.rs", &unary),
        ("generics.rs", &generics),
    ]);
    let errors = errors(&load_path(dir.path()));
    let refused = format!("is not analysed: code nested more than {MAX_NESTING} levels deep");
    assert_eq!(errors.matches(&refused).count(), 4, "{errors}");
    assert!(errors.contains("error parens.rs:1:"), "{errors}");
}

#[test]
fn nesting_just_under_the_limit_loads() {
    let depth = MAX_NESTING - 10;
    let parens = format!(
        "fn f() -> u8 {{ {}1{} }}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let dir = tree(&[("lib.rs", &parens)]);
    let loaded = load_path(dir.path());
    assert!(loaded.errors.is_empty(), "{}", errors(&loaded));
}

#[test]
fn long_binary_chains_parse_without_overflow() {
    let sum = format!("fn f() -> u64 {{ 1{} }}\n", " + 1".repeat(200_000));
    let calls = format!("fn g(x: X) {{ x{}; }}\n", ".next()".repeat(100_000));
    let dir = tree(&[
        ("lib.rs", "mod sum;\nmod calls;\n"),
        ("sum.rs", &sum),
        ("calls.rs", &calls),
    ]);
    let loaded = load_path(dir.path());
    // The parse succeeds; lowering may refuse the depth, but with an error, never a crash.
    assert!(loaded.errors.is_empty(), "{}", errors(&loaded));
    assert_eq!(loaded.files.len(), 3);
}

#[test]
fn large_legitimate_inputs_load_without_error() {
    let arms: String = (0..30_000)
        .map(|i| format!("        {i} => {i} * 2,\n"))
        .collect();
    let matches =
        format!("pub fn f(x: u32) -> u32 {{\n    match x {{\n{arms}        _ => 0,\n    }}\n}}\n");
    let chain: String = (0..10_000)
        .map(|i| format!("fn f{i}(x: u8) -> u8 {{ f{}(x) }}\n", i + 1))
        .collect();
    let dir = tree(&[
        ("lib.rs", "mod matches;\nmod chain;\n"),
        ("matches.rs", &matches),
        ("chain.rs", &chain),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(errors(&loaded), "");
    assert_eq!(loaded.irs[2].functions, 10_000);
}

#[test]
fn thousands_of_files() {
    let mut files: Vec<(String, String)> =
        vec![("Cargo.toml".into(), "[package]\nname = \"many\"\n".into())];
    let mut lib = String::new();
    for i in 0..50 {
        lib.push_str(&format!("pub mod group{i};\n"));
        let mut group = String::new();
        for j in 0..60 {
            group.push_str(&format!("pub mod item{j};\n"));
            files.push((
                format!("src/group{i}/item{j}.rs"),
                format!("pub fn run() -> u32 {{ {j} }}\n"),
            ));
        }
        files.push((format!("src/group{i}.rs"), group));
    }
    files.push(("src/lib.rs".into(), lib));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = tree(&refs);
    let loaded = load_path(dir.path());
    assert_eq!(errors(&loaded), "");
    assert_eq!(loaded.files.len(), 1 + 50 + 50 * 60);
    assert_eq!(loaded.places[51].module.join("::"), "group0::item0");
}

#[test]
fn module_files_nested_past_the_limit_stop_with_an_error() {
    let mut files = vec![("lib.rs".to_string(), "mod m;\n".to_string())];
    let mut dir = String::new();
    for _ in 0..=MAX_MODULE_DEPTH {
        files.push((format!("{dir}m.rs"), "mod m;\n".into()));
        dir.push_str("m/");
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let tree = tree(&refs);
    let errors = errors(&load_path(tree.path()));
    assert!(
        errors.contains(&format!(
            "module files nest more than {MAX_MODULE_DEPTH} deep"
        )),
        "{errors}"
    );
}

#[test]
fn byte_order_marks_shebangs_and_crlf_load_with_true_positions() {
    let dir = tree(&[
        (
            "main.rs",
            "\u{feff}#!/usr/bin/env run-cargo-script\r\nmod crlf;\r\nfn main() {}\r\n",
        ),
        (
            "crlf.rs",
            "#![allow(unused)]\r\nfn f() {\r\n    let x = ;\r\n}\r\n",
        ),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(loaded.files.len(), 2);
    let errors = errors(&loaded);
    assert!(
        errors.starts_with("error crlf.rs:3:13: syntax error"),
        "{errors}"
    );
    assert_eq!(errors.lines().count(), 1, "{errors}");
}

#[test]
fn macro_heavy_and_unusual_syntax_loads() {
    let dir = tree(&[
        ("lib.rs", "mod macros;\nmod weird;\n"),
        ("macros.rs", MACROS),
        ("weird.rs", WEIRD),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(errors(&loaded), "");
}

const MACROS: &str = r#"
macro_rules! count {
    () => { 0usize };
    ($head:tt $($tail:tt)*) => { 1usize + count!($($tail)*) };
}
macro_rules! make_struct {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        pub struct $name { $(pub $field: $ty),* }
        impl $name { pub fn fields() -> usize { count!($($field)*) } }
    };
}
make_struct!(User { phone: String, age: u8 });
macro_rules! nested { ($($x:expr),*) => { vec![$(vec![$x; 2]),*] }; }
pub fn use_them() -> usize {
    let v = nested![1, 2, 3];
    let s = format!("{} {:?} {x}", count!(a b c), v, x = 5);
    println!("{s}");
    User::fields() + v.len()
}
"#;

const WEIRD: &str = r###"
#![allow(unused)]
pub fn r#match(r#type: u8) -> u8 { r#type }
pub struct Größe { pub länge: u32 }
pub fn 数(x: u32) -> u32 { x }
pub fn let_else(x: Option<u8>) -> u8 {
    let Some(y) = x else { return 0 };
    y
}
pub trait Lending { type Item<'a> where Self: 'a; fn next<'a>(&'a mut self) -> Option<Self::Item<'a>>; }
pub struct Buf<const N: usize> { data: [u8; N] }
impl<const N: usize> Buf<N> { pub const LEN: usize = N; }
pub fn arr<const N: usize>() -> [u8; N] { [0; { N }] }
pub async fn fut() -> impl Fn(impl Into<u8>) -> u8 { |x: u8| x }
pub fn closures() {
    let c = async move |x: u8| x;
    let d = async || 1;
    let _ = (c, d);
}
pub fn impl_arg(f: impl FnOnce() -> Box<dyn Iterator<Item = impl Sized>>) {}
pub trait Ret { fn it(&self) -> impl Iterator<Item = u8> + '_; }
pub fn labels() -> u8 { 'outer: loop { break 'outer 1 } }
pub fn blocks() -> u8 { let x = const { 3 }; unsafe { x } }
pub fn chains(a: Option<u8>, b: Option<u8>) -> bool { if let Some(x) = a && let Some(y) = b { x == y } else { false } }
pub fn ranges(v: &[u8]) -> &[u8] { &v[..=1] }
pub fn raw_strings() -> &'static str { r##"a "# b"## }
pub fn byte_and_c() -> (&'static [u8], &'static core::ffi::CStr) { (br"\x", c"hi") }
pub fn question() -> Result<u8, ()> { Ok(Ok::<u8, ()>(1)??) }
"###;

/// Every file under `root` with its bytes, modification time and permissions.
fn snapshot(root: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime, bool)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path.clone());
            }
            let bytes = if meta.is_file() {
                std::fs::read(&path).unwrap()
            } else {
                Vec::new()
            };
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(
                name,
                (
                    bytes,
                    meta.modified().unwrap(),
                    meta.permissions().readonly(),
                ),
            );
        }
    }
    out
}

#[test]
fn loading_never_writes_into_the_checked_tree() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"t\"\n\n[workspace]\nmembers = [\"sub/*\"]\n",
        ),
        (
            "build.rs",
            "fn main() { std::fs::write(\"PWNED\", \"\").unwrap(); }\n",
        ),
        ("src/lib.rs", "mod a;\nmod broken;\n"),
        ("src/a.rs", "pub fn f() {}\n"),
        ("src/broken.rs", "fn (\n"),
        ("sub/x/Cargo.toml", "[package]\nname = \"x\"\n"),
        ("sub/x/src/main.rs", "fn main() {}\n"),
    ]);
    let before = snapshot(dir.path());
    let loaded = load_path(dir.path());
    assert_eq!(loaded.files.len(), 4);
    assert_eq!(snapshot(dir.path()), before);
}
