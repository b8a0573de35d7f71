//! Properties of the whole analysis on generated, well-formed annotated programs: structs with
//! labelled fields, functions passing them through helper chains to sinks, with and without
//! consent guards. The analysis always finishes with a report and no error, and a function
//! that has nothing to do with the rest never changes which violations are found.

use proptest::prelude::*;
use sharelock_checker::diagnostic::{Code, Report};
use sharelock_checker::{check, Options};
use std::fmt::Write as _;

const POLICY: &str = r#"
[parties.parent_company]
default = "deny"

[parties.user_export]
default = "allow"
"#;

/// What a generated field's annotation says.
#[derive(Clone, Debug)]
enum Label {
    None,
    Consent,
    Deny,
    Allow,
    MustReachExport,
}

/// How a sink call is guarded by the consent check.
#[derive(Clone, Debug)]
enum Guard {
    None,
    If,
    EarlyReturn,
    Ignored,
}

/// One statement of a generated function; the function threads one value `v` through them.
#[derive(Clone, Debug)]
enum Stmt {
    ReadField(usize),
    Helper(usize),
    Format,
    Clear,
    Post(Guard),
    Export,
}

#[derive(Clone, Debug)]
struct Function {
    subject: usize,
    body: Vec<Stmt>,
}

/// A function that neither calls nor is called by any other item.
#[derive(Clone, Debug)]
enum Unrelated {
    Arithmetic(u32),
    Strings,
    LiteralToSink,
}

#[derive(Clone, Debug)]
struct Program {
    /// The labels of each struct's fields.
    structs: Vec<Vec<Label>>,
    /// Helper `i` calls helper `i - 1`; the last one may be a sanitizer.
    helpers: usize,
    sanitizing_helper: bool,
    functions: Vec<Function>,
}

fn label() -> impl Strategy<Value = Label> {
    prop_oneof![
        Just(Label::None),
        Just(Label::Consent),
        Just(Label::Deny),
        Just(Label::Allow),
        Just(Label::MustReachExport),
    ]
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let guard = prop_oneof![
        Just(Guard::None),
        Just(Guard::If),
        Just(Guard::EarlyReturn),
        Just(Guard::Ignored)
    ];
    prop_oneof![
        3 => (0..4usize).prop_map(Stmt::ReadField),
        2 => (0..4usize).prop_map(Stmt::Helper),
        1 => Just(Stmt::Format),
        1 => Just(Stmt::Clear),
        3 => guard.prop_map(Stmt::Post),
        1 => Just(Stmt::Export),
    ]
}

fn program() -> impl Strategy<Value = Program> {
    (
        prop::collection::vec(prop::collection::vec(label(), 1..4), 1..4),
        1..4usize,
        any::<bool>(),
        prop::collection::vec(
            (0..4usize, prop::collection::vec(stmt(), 1..8))
                .prop_map(|(subject, body)| Function { subject, body }),
            1..6,
        ),
    )
        .prop_map(|(structs, helpers, sanitizing_helper, functions)| Program {
            structs,
            helpers,
            sanitizing_helper,
            functions,
        })
}

fn unrelated() -> impl Strategy<Value = Unrelated> {
    prop_oneof![
        any::<u32>().prop_map(Unrelated::Arithmetic),
        Just(Unrelated::Strings),
        Just(Unrelated::LiteralToSink)
    ]
}

impl Label {
    fn attribute(&self, category: &str) -> Option<String> {
        let permission = match self {
            Label::None => return None,
            Label::Consent => "consent(parent_company)",
            Label::Deny => "deny(parent_company)",
            Label::Allow => "allow(parent_company)",
            Label::MustReachExport => "allow(parent_company), must_reach(user_export)",
        };
        Some(format!(
            "    #[sharelock(category = \"{category}\", {permission})]\n"
        ))
    }
}

impl Program {
    /// The program's items, each a separate string so that an item can be put between them.
    fn items(&self) -> Vec<String> {
        let mut items = vec![
            "pub struct Graph;\n\nimpl Graph {\n    #[sharelock::sink(parent_company)]\n    pub fn post(&self, body: &str) {\n        let _ = body;\n    }\n}\n".to_string(),
            "pub struct Export;\n\nimpl Export {\n    #[sharelock::sink(user_export)]\n    pub fn add(&self, value: &str) {\n        let _ = value;\n    }\n}\n".to_string(),
            "#[sharelock::consent_check(parent_company)]\npub fn shares(id: u64) -> bool {\n    id % 2 == 0\n}\n".to_string(),
        ];
        for (s, fields) in self.structs.iter().enumerate() {
            let mut item =
                format!("#[derive(sharelock::Data)]\npub struct Subject{s} {{\n    pub id: u64,\n");
            for (f, label) in fields.iter().enumerate() {
                item.push_str(
                    &label
                        .attribute(&format!("account.s{s}f{f}"))
                        .unwrap_or_default(),
                );
                let _ = writeln!(item, "    pub f{f}: String,");
            }
            item.push_str("}\n");
            items.push(item);
        }
        for h in 0..self.helpers {
            let last = h + 1 == self.helpers;
            let attribute = if last && self.sanitizing_helper {
                "#[sharelock::sanitizer(removes = \"account\")]\n"
            } else {
                ""
            };
            let body = if h == 0 {
                "x.trim().to_string()".to_string()
            } else {
                format!("helper{}(x).to_lowercase()", h - 1)
            };
            items.push(format!(
                "{attribute}pub fn helper{h}(x: &str) -> String {{\n    {body}\n}}\n"
            ));
        }
        for (i, function) in self.functions.iter().enumerate() {
            items.push(self.function(i, function));
        }
        items
    }

    fn function(&self, index: usize, function: &Function) -> String {
        let subject = function.subject % self.structs.len();
        let fields = self.structs[subject].len();
        let mut body = String::from("    let mut v = String::new();\n");
        for stmt in &function.body {
            let line = match stmt {
                Stmt::ReadField(f) => format!("v = s.f{}.clone();", f % fields),
                Stmt::Helper(h) => format!("v = helper{}(&v);", h % self.helpers),
                Stmt::Format => "v = format!(\"{}:{}\", s.id, v);".to_string(),
                Stmt::Clear => "v = String::new();".to_string(),
                Stmt::Post(Guard::None) => "g.post(&v);".to_string(),
                Stmt::Post(Guard::If) => {
                    "if shares(s.id) {\n        g.post(&v);\n    }".to_string()
                }
                Stmt::Post(Guard::EarlyReturn) => {
                    "if !shares(s.id) {\n        return;\n    }\n    g.post(&v);".to_string()
                }
                Stmt::Post(Guard::Ignored) => "let _ = shares(s.id);\n    g.post(&v);".to_string(),
                Stmt::Export => "e.add(&v);".to_string(),
            };
            let _ = writeln!(body, "    {line}");
        }
        format!("pub fn flow{index}(g: &Graph, e: &Export, s: &Subject{subject}) {{\n{body}    let _ = &v;\n}}\n")
    }
}

impl Unrelated {
    fn item(&self) -> String {
        match self {
            Unrelated::Arithmetic(k) => {
                format!("pub fn unrelated(a: u64, b: u64) -> u64 {{\n    a.wrapping_mul(b).wrapping_add({k})\n}}\n")
            }
            Unrelated::Strings => "pub fn unrelated(words: &[String]) -> String {\n    words.iter().map(|w| w.to_uppercase()).collect::<Vec<_>>().join(\" \")\n}\n".to_string(),
            Unrelated::LiteralToSink => "pub fn unrelated(g: &Graph) {\n    let greeting = String::from(\"hello\");\n    g.post(&greeting);\n}\n".to_string(),
        }
    }
}

fn check_source(items: &[String]) -> Report {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir(dir.path().join("src")).expect("a temp dir");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[package]\nname = \"generated\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    )
    .expect("a temp dir");
    std::fs::write(dir.path().join("sharelock.toml"), POLICY).expect("a temp dir");
    std::fs::write(dir.path().join("src/lib.rs"), items.join("\n")).expect("a temp dir");
    check(dir.path(), &Options::default())
}

/// What identifies a violation, without positions (an inserted item shifts lines).
fn violations(report: &Report) -> Vec<(Code, String, Option<String>, bool)> {
    let mut all: Vec<_> = report
        .violations
        .iter()
        .map(|v| {
            (
                v.code,
                v.fingerprint.clone(),
                v.sink.as_ref().map(|s| s.function.clone()),
                v.suppressed.is_some(),
            )
        })
        .collect();
    all.sort();
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_analysis_always_finishes_with_a_report(program in program()) {
        let report = check_source(&program.items());
        prop_assert!(report.errors.is_empty(), "errors on a well-formed program: {:?}", report.errors);
    }

    #[test]
    fn an_unrelated_function_changes_nothing(program in program(), extra in unrelated(), at in any::<prop::sample::Index>()) {
        let items = program.items();
        let before = check_source(&items);
        let mut with_extra = items.clone();
        with_extra.insert(at.index(items.len() + 1), extra.item());
        let after = check_source(&with_extra);
        prop_assert!(before.errors.is_empty() && after.errors.is_empty(), "errors: {:?} {:?}", before.errors, after.errors);
        prop_assert_eq!(violations(&before), violations(&after));
    }
}
