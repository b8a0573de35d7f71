use super::lower_file;
use crate::ir::{
    BinOp, Body, Expr, FileId, FileIr, Function, Implicit, Item, Let, Lit, Local, LoopKind,
    MacroCall, MacroKind, Pat, Role,
};

fn lower(source: &str) -> FileIr {
    lower_with(source, Box::new(|_| None))
}

/// Lowers `source`, the macros of other files it calls found by `lookup`.
fn lower_with(source: &str, lookup: super::MacroLookup) -> FileIr {
    lower_file(
        &syn::parse_file(source).expect("the test source parses"),
        source,
        FileId(3),
        &[],
        lookup,
    )
}

fn function<'a>(items: &'a [Item], name: &str) -> &'a Function {
    items
        .iter()
        .find_map(|item| match item {
            Item::Fn(f) if &*f.name == name => Some(f),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no function `{name}`"))
}

fn body<'a>(ir: &'a FileIr, name: &str) -> &'a Body {
    function(&ir.root.items, name)
        .body
        .as_ref()
        .expect("a body")
}

/// The statements of a body's block.
fn statements(body: &Body) -> &[Expr] {
    match &body.value {
        Expr::Block(statements) => statements,
        other => panic!("not a block: {other:?}"),
    }
}

/// A `let` statement's parts.
fn let_(expr: &Expr) -> &Let {
    match expr {
        Expr::Let(let_) => let_,
        other => panic!("not a `let`: {other:?}"),
    }
}

/// A `let` statement's initialiser.
fn init(expr: &Expr) -> &Expr {
    let_(expr).init.as_ref().expect("an initialiser")
}

/// A macro call's parts.
fn macro_(expr: &Expr) -> &MacroCall {
    match expr {
        Expr::Macro(call) => call,
        other => panic!("not a macro: {other:?}"),
    }
}

fn names(body: &Body) -> Vec<&str> {
    body.locals.iter().map(|name| &**name).collect()
}

#[test]
fn shadowing_creates_new_locals() {
    let ir = lower("fn f(x: u32) { let x = x + 1; let y = x; }");
    let body = body(&ir, "f");
    assert_eq!(names(body), ["x", "x", "y"]);
    let [first, second, unit] = statements(body) else {
        panic!("{body:?}")
    };
    assert!(matches!(let_(first).pat, Pat::Bind(Local(1), None)));
    let Expr::Binary {
        op: BinOp::Arith(Implicit::Add),
        left,
        ..
    } = init(first)
    else {
        panic!("{first:?}")
    };
    assert!(matches!(**left, Expr::Local(Local(0), _)));
    assert!(matches!(let_(second).pat, Pat::Bind(Local(2), None)));
    assert!(matches!(init(second), Expr::Local(Local(1), _)));
    assert!(matches!(unit, Expr::Lit(Lit::Other)));
    assert!(ir.errors.is_empty());
}

#[test]
fn inline_format_captures_read_locals() {
    let ir = lower(
        r#"fn f(phone: String, name: String) {
            let s = format!("{phone:?} {{name}} {0} {other}", 1, other = name);
            println!("{phone:>8}");
        }"#,
    );
    let body = body(&ir, "f");
    let [format, print, _] = statements(body) else {
        panic!("{body:?}")
    };
    let MacroCall {
        kind: MacroKind::Format,
        args,
        ..
    } = macro_(init(format))
    else {
        panic!("{format:?}")
    };
    // The literal, `1`, `other = name`, then the capture `phone` (`{{name}}` is escaped),
    // each formatted as its placeholder says.
    assert_eq!(args.len(), 4, "{args:?}");
    assert!(matches!(
        formatted(&args[1]),
        Some((Expr::Lit(_), Implicit::Display))
    ));
    assert!(matches!(
        formatted(&args[2]),
        Some((Expr::Local(Local(1), _), Implicit::Display))
    ));
    assert!(matches!(
        formatted(&args[3]),
        Some((Expr::Local(Local(0), _), Implicit::Debug))
    ));
    let MacroCall {
        kind: MacroKind::Print,
        args,
        ..
    } = macro_(print)
    else {
        panic!("{print:?}")
    };
    assert!(
        matches!(args.as_slice(), [Expr::Lit(_), arg] if matches!(formatted(arg), Some((Expr::Local(Local(0), _), Implicit::Display)))),
        "{args:?}"
    );
}

/// The value a formatted argument formats, and by which trait.
fn formatted(expr: &Expr) -> Option<(&Expr, Implicit)> {
    match expr {
        Expr::Formatted(formatted) => Some((&formatted.value, formatted.by)),
        _ => None,
    }
}

#[test]
fn closures_share_the_enclosing_locals_and_count_as_functions() {
    let ir = lower("fn f(a: u32) { let c = |b: u32| a + b; c(1) }");
    let body = body(&ir, "f");
    assert_eq!(names(body), ["a", "b", "c"]);
    let [closure, call] = statements(body) else {
        panic!("{body:?}")
    };
    let Expr::Closure {
        params,
        body: closure_body,
        ..
    } = init(closure)
    else {
        panic!("{closure:?}")
    };
    assert!(matches!(params.as_slice(), [Pat::Bind(Local(1), None)]));
    assert!(matches!(&**closure_body, Expr::Binary { left, right, .. }
        if matches!(**left, Expr::Local(Local(0), _)) && matches!(**right, Expr::Local(Local(1), _))));
    assert!(
        matches!(call, Expr::Call { callee, .. } if matches!(**callee, Expr::Local(Local(2), _)))
    );
    assert_eq!(ir.functions, 2);
}

#[test]
fn let_else_binds_after_its_else_block() {
    let ir = lower("fn f(o: Option<u32>) { let Some(x) = o else { return; }; x }");
    let body = body(&ir, "f");
    let [statement, value] = statements(body) else {
        panic!("{body:?}")
    };
    let Let {
        pat,
        init: Some(init),
        else_: Some(else_),
        ..
    } = let_(statement)
    else {
        panic!("{statement:?}")
    };
    let Pat::Tuple(Some(path), elems) = pat else {
        panic!("{pat:?}")
    };
    assert_eq!(&*path.segments[0], "Some");
    assert!(matches!(elems.as_slice(), [Pat::Bind(Local(1), None)]));
    assert!(matches!(init, Expr::Local(Local(0), _)));
    let Expr::Block(else_statements) = else_ else {
        panic!("{else_:?}")
    };
    assert!(matches!(
        else_statements.as_slice(),
        [Expr::Return(None, _), Expr::Lit(Lit::Other)]
    ));
    assert!(matches!(value, Expr::Local(Local(1), _)));
}

#[test]
fn call_spans_point_at_the_callee_name_with_one_based_columns() {
    let source = "fn f(v: Vec<u8>) {\n    v.push(1);\n    crate::net::send(v);\n}\n";
    let ir = lower(source);
    let body = body(&ir, "f");
    let [Expr::MethodCall(method), Expr::Call { span: call, .. }, _] = statements(body) else {
        panic!("{body:?}")
    };
    let span = &method.span;
    assert_eq!(&*method.method, "push");
    // Spans are relative to their function (anchor 2, the first item after the file's
    // start); `absolute` places them.
    assert_eq!((span.file, span.anchor), (FileId(3), 2));
    let (span, call) = (ir.absolute(*span), ir.absolute(*call));
    assert_eq!((span.line, span.column), (2, 7));
    assert_eq!(&source[span.start as usize..span.end as usize], "push");
    assert_eq!((call.line, call.column), (3, 17));
    assert_eq!(&source[call.start as usize..call.end as usize], "send");
    let f = function(&ir.root.items, "f");
    let (name, extent) = (ir.absolute(f.span), ir.absolute(f.extent));
    assert_eq!((name.line, name.column), (1, 4));
    assert_eq!((extent.start, extent.end as usize), (0, source.len() - 1));
}

#[test]
fn byte_offsets_count_characters_wider_than_a_byte() {
    // Columns are in characters; offsets in bytes: each line's wide characters shift them.
    let source = "// café ☕\r\nfn naïve(v: Vec<u8>) {\r\n    let s = \"é🙂\"; v.push(1);\r\n    ünï(v);\r\n}\r\n";
    let ir = lower(source);
    let body = body(&ir, "naïve");
    let [_, Expr::MethodCall(method), Expr::Call { span: call, .. }, _] = statements(body) else {
        panic!("{body:?}")
    };
    let (span, call) = (ir.absolute(method.span), ir.absolute(*call));
    assert_eq!((span.line, span.column), (3, 21));
    assert_eq!(&source[span.start as usize..span.end as usize], "push");
    assert_eq!(&source[call.start as usize..call.end as usize], "ünï");
    let f = function(&ir.root.items, "naïve");
    let name = ir.absolute(f.span);
    assert_eq!(&source[name.start as usize..name.end as usize], "naïve");
}

#[test]
fn labels_on_types_fields_and_variants() {
    let source = r#"
#[derive(sharelock::Data)]
#[sharelock(category = "message.personal", deny(parent_company))]
pub struct Message { pub body: String }

pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company), allow(infra))]
    pub phone: String,
}

pub enum Event {
    #[sharelock(category = "account.contacts", consent(parent_company))]
    Contacts(Vec<String>, u32),
    Ping,
}
"#;
    let ir = lower(source);
    assert!(ir.errors.is_empty(), "{:?}", ir.errors);
    let adts: Vec<_> = ir
        .root
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Adt(adt) => Some(adt),
            _ => None,
        })
        .collect();
    let [message, user, event] = adts.as_slice() else {
        panic!("{adts:?}")
    };
    assert_eq!(message.labels.len(), 1);
    assert_eq!(message.labels[0].category.as_str(), "message.personal");
    assert_eq!(
        message.labels[0]
            .deny
            .iter()
            .map(|p| &**p)
            .collect::<Vec<_>>(),
        ["parent_company"]
    );
    let attr = ir.absolute(message.labels[0].attr);
    assert_eq!((attr.line, attr.column), (3, 1));
    assert!(source[attr.start as usize..attr.end as usize].starts_with("#[sharelock("));
    assert!(source[attr.start as usize..attr.end as usize].ends_with(")]"));

    assert!(user.labels.is_empty());
    let phone = &user.fields[1];
    assert_eq!(&*phone.name, "phone");
    assert_eq!(
        phone.labels[0]
            .consent
            .iter()
            .map(|p| &**p)
            .collect::<Vec<_>>(),
        ["parent_company"]
    );
    assert_eq!(
        phone.labels[0]
            .allow
            .iter()
            .map(|p| &**p)
            .collect::<Vec<_>>(),
        ["infra"]
    );
    assert!(user.fields[0].labels.is_empty());

    assert_eq!(
        event.variants.iter().map(|v| &**v).collect::<Vec<_>>(),
        ["Contacts", "Ping"]
    );
    let fields: Vec<_> = event
        .fields
        .iter()
        .map(|f| (&*f.name, f.variant.as_deref(), f.labels.len()))
        .collect();
    assert_eq!(
        fields,
        [("0", Some("Contacts"), 1), ("1", Some("Contacts"), 1)]
    );
}

#[test]
fn bad_annotations_are_errors_and_left_out() {
    let ir = lower(
        r#"
struct User {
    #[sharelock(category = "Account", consent())]
    phone: String,
}
#[sharelock::sink(parent_company, args(nope))]
fn post(body: &[u8]) {}
"#,
    );
    assert!(ir.errors.len() >= 2, "{:?}", ir.errors);
    let Item::Adt(user) = &ir.root.items[0] else {
        panic!()
    };
    assert!(user.fields[0].labels.is_empty());
    assert!(function(&ir.root.items, "post").roles.is_empty());
}

#[test]
fn annotations_on_statements_and_expressions_are_errors() {
    let ir = lower(
        r#"
use sharelock::sink;
fn stmt(u: &User, g: &Graph) {
    #[sharelock::allow_flow(reason = "on a statement")]
    g.post(&u.phone);
    #[sharelock(category = "account.phone", deny(parent_company))]
    u.phone.clone();
    let masked = #[sharelock::sanitizer] mask(&u.phone);
    #[sink(parent_company)]
    println!("{}", masked);
    let hook = #[sharelock::sink(parent_company)] |s: &str| g.post(s);
    #[cfg(feature = "audit")]
    g.audit(&u.id);
}
"#,
    );
    let messages: Vec<&str> = ir.errors.iter().map(|e| &*e.message).collect();
    assert_eq!(
        messages,
        [
            "`#[sharelock::allow_flow]` goes on a function or a method",
            "`#[sharelock(..)]` labels a type, a field or a variant, not an expression",
            "`#[sharelock::sanitizer]` goes on a function or a method",
            "`#[sharelock::sink]` goes on a function or a method",
            "`#[sharelock::sink]` goes on a function or a method",
        ]
    );
    let lines: Vec<u32> = (ir.errors.iter())
        .map(|e| ir.absolute(e.span).line)
        .collect();
    assert_eq!(lines, [4, 6, 8, 9, 11]);
}

#[test]
fn roles_by_full_path_and_by_import() {
    let ir = lower(
        r#"
use sharelock::{sink, consent_check as check};
#[sink(parent_company, args(body))]
fn post(client: &Client, body: &[u8]) {}
#[check(parent_company)]
fn shares(user: &User) -> bool { !user.opted_out }
#[sharelock::sanitizer(removes = "account")]
fn hash(user: &User) -> u64 { 0 }
#[other::sink(parent_company)]
fn unrelated() {}
"#,
    );
    assert!(ir.errors.is_empty(), "{:?}", ir.errors);
    let post = function(&ir.root.items, "post");
    let [role] = post.roles.as_slice() else {
        panic!("{:?}", post.roles)
    };
    let Role::Sink {
        parties,
        args: Some(args),
    } = &role.role
    else {
        panic!("{role:?}")
    };
    assert_eq!((&*parties[0], &*args[0]), ("parent_company", "body"));
    let attr = ir.absolute(role.attr);
    assert_eq!((attr.line, attr.column), (3, 1));
    assert!(matches!(
        function(&ir.root.items, "shares").roles[0].role,
        Role::ConsentCheck { .. }
    ));
    let Role::Sanitizer {
        removes: Some(removes),
    } = &function(&ir.root.items, "hash").roles[0].role
    else {
        panic!()
    };
    assert_eq!(removes[0].as_str(), "account");
    assert!(function(&ir.root.items, "unrelated").roles.is_empty());
}

#[test]
fn uppercase_ident_patterns_are_paths() {
    let ir = lower("fn f(o: Option<u32>) -> u32 { match o { None => 0, Some(MAX) => 1, y => y } }");
    let body = body(&ir, "f");
    let [Expr::Match { arms, .. }] = statements(body) else {
        panic!("{body:?}")
    };
    assert!(matches!(&arms[0].pat, Pat::Path(p) if &*p.segments[0] == "None"));
    let Pat::Tuple(Some(_), elems) = &arms[1].pat else {
        panic!("{:?}", arms[1].pat)
    };
    assert!(matches!(&elems[0], Pat::Path(p) if &*p.segments[0] == "MAX"));
    assert!(matches!(arms[2].pat, Pat::Bind(Local(1), None)));
    assert!(matches!(arms[2].body, Expr::Local(Local(1), _)));
}

#[test]
fn or_patterns_share_their_bindings_and_guards_are_kept() {
    let ir =
        lower("fn f(r: Result<u32, u32>) { match r { Ok(x) | Err(x) if x > 1 => x, _ => 0 }; }");
    let body = body(&ir, "f");
    assert_eq!(names(body), ["r", "x"]);
    let [Expr::Match { arms, .. }, _] = statements(body) else {
        panic!("{body:?}")
    };
    assert!(matches!(
        &arms[0].guard,
        Some(Expr::Binary {
            op: BinOp::Compare,
            ..
        })
    ));
    assert!(matches!(arms[0].body, Expr::Local(Local(1), _)));
}

#[test]
fn if_let_bindings_reach_the_then_branch_only() {
    let ir = lower("fn f(o: Option<u32>, x: u32) { if let Some(x) = o { x } else { x }; }");
    let body = body(&ir, "f");
    let [Expr::If {
        cond,
        then,
        else_: Some(else_),
    }, _] = statements(body)
    else {
        panic!("{body:?}")
    };
    assert!(matches!(&**cond, Expr::LetCond(cond) if matches!(cond.0, Pat::Tuple(..))));
    assert!(matches!(&**then, Expr::Block(s) if matches!(s[0], Expr::Local(Local(2), _))));
    assert!(matches!(&**else_, Expr::Block(s) if matches!(s[0], Expr::Local(Local(1), _))));
}

#[test]
fn labeled_blocks_are_loops_left_by_break() {
    let ir = lower("fn f() -> u32 { 'a: { if true { break 'a 1; } 2 } }");
    let body = body(&ir, "f");
    let [Expr::Loop {
        label: Some(label),
        kind: LoopKind::Loop,
        body: inner,
    }] = statements(body)
    else {
        panic!("{body:?}")
    };
    assert_eq!(&**label, "a");
    let Expr::Block(statements) = &**inner else {
        panic!()
    };
    assert!(matches!(
        statements.last(),
        Some(Expr::Break {
            label: Some(_),
            value: Some(_)
        })
    ));
}

#[test]
fn macros_with_logging_syntax_dsls_and_matches() {
    let ir = lower(
        r#"fn f(user: User, phone: String) {
            log::info!(target: "sync", "sent {}", phone);
            tracing::info!(user = %user.id, ?phone, "synced");
            let v = serde_json::json!({ "phone": phone, "id": user.id });
            let ok = matches!(check(&user), Ok(_) | Err(Error::Late));
            let copies = vec![phone; 3];
        }"#,
    );
    let body = body(&ir, "f");
    let [log, tracing, json, matches, copies, _] = statements(body) else {
        panic!("{body:?}")
    };
    let MacroCall {
        kind: MacroKind::Print,
        path,
        args,
        ..
    } = macro_(log)
    else {
        panic!("{log:?}")
    };
    assert_eq!(
        path.segments.iter().map(|s| &**s).collect::<Vec<_>>(),
        ["log", "info"]
    );
    assert!(
        matches!(
            args.as_slice(),
            [Expr::Lit(_), Expr::Lit(_), arg]
                if matches!(formatted(arg), Some((Expr::Local(Local(1), _), Implicit::Display)))
        ),
        "{args:?}"
    );
    let MacroCall {
        kind: MacroKind::Print,
        args,
        ..
    } = macro_(tracing)
    else {
        panic!("{tracing:?}")
    };
    assert!(
        matches!(
            args.as_slice(),
            [field, phone, Expr::Lit(_)]
                if matches!(formatted(field), Some((Expr::Field { .. }, Implicit::Display)))
                    && matches!(formatted(phone), Some((Expr::Local(Local(1), _), Implicit::Debug)))
        ),
        "{args:?}"
    );
    let MacroCall {
        kind: MacroKind::Other,
        args,
        ..
    } = macro_(init(json))
    else {
        panic!("{json:?}")
    };
    // The expressions between the DSL's separators: the field read, not all of `user`.
    assert!(
        matches!(
            args.as_slice(),
            [
                Expr::Lit(_),
                Expr::Local(Local(1), _),
                Expr::Lit(_),
                Expr::Field { .. }
            ]
        ),
        "{args:?}"
    );
    let Expr::Match { arms, .. } = init(matches) else {
        panic!("{matches:?}")
    };
    assert!(matches!(arms[0].pat, Pat::Or(_)) && matches!(arms[1].pat, Pat::Wild));
    let MacroCall {
        kind: MacroKind::Vec,
        args,
        ..
    } = macro_(init(copies))
    else {
        panic!("{copies:?}")
    };
    assert!(
        matches!(args.as_slice(), [Expr::Local(Local(1), _)]),
        "{args:?}"
    );
}

#[test]
fn items_modules_uses_and_nested_items() {
    let ir = lower(
        r#"
use crate::a::{b, c as d, e::*, self};
pub(crate) use ::ext::f;
#[path = "other.rs"]
mod other;
mod inline {
    pub fn g() { fn nested() {} struct Local; }
}
impl<T: Store> Repo<T> where T: Clone {
    const LIMIT: usize = 3;
    pub fn get(&mut self, id: u64) -> Option<&T> { self.items.get(id) }
}
trait Store { fn load(&self) -> u32; fn twice(&self) -> u32 { self.load() * 2 } }
static COUNT: u32 = 1 + 1;
"#,
    );
    let Item::Use(tree) = &ir.root.items[0] else {
        panic!()
    };
    let entries: Vec<_> = tree
        .entries
        .iter()
        .map(|e| {
            (
                e.path.segments.join("::"),
                e.alias.as_deref().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("crate::a::b".to_string(), Some("b".to_string())),
            ("crate::a::c".to_string(), Some("d".to_string())),
            ("crate::a::e".to_string(), None),
            ("crate::a".to_string(), Some("a".to_string())),
        ]
    );
    assert!(!tree.public);
    let Item::Use(reexport) = &ir.root.items[1] else {
        panic!()
    };
    assert!(reexport.public && reexport.entries[0].path.global);
    let Item::Mod {
        name,
        path_attr,
        body: None,
        ..
    } = &ir.root.items[2]
    else {
        panic!()
    };
    assert_eq!((&**name, path_attr.as_deref()), ("other", Some("other.rs")));
    let Item::Mod {
        body: Some(inline), ..
    } = &ir.root.items[3]
    else {
        panic!()
    };
    function(&inline.items, "g");
    function(&inline.items, "nested");
    assert!(inline
        .items
        .iter()
        .any(|item| matches!(item, Item::Adt(adt) if &*adt.name == "Local")));
    let Item::Impl(repo) = &ir.root.items[4] else {
        panic!()
    };
    assert_eq!(repo.generics.params.len(), 1);
    assert_eq!(repo.generics.params[0].1.len(), 2, "{:?}", repo.generics);
    let get = repo
        .methods
        .iter()
        .find(|m| &*m.name == "get")
        .expect("get");
    assert!(get.has_self);
    assert_eq!(get.params.len(), 2);
    assert_eq!(get.body.as_ref().map(names), Some(vec!["self", "id"]));
    let Item::Trait(store) = &ir.root.items[5] else {
        panic!()
    };
    assert!(store.methods[0].body.is_none() && store.methods[1].body.is_some());
    let Item::Global(count) = &ir.root.items[6] else {
        panic!()
    };
    assert!(matches!(
        count.body.as_ref().map(|b| &b.value),
        Some(Expr::Binary { .. })
    ));
    // g, nested, get, twice: declarations and globals are not counted.
    assert_eq!(ir.functions, 4);
}

/// Lowering recursion is bounded: a deeper file gives one error, never a stack overflow.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let run = || {
        let depth = 2_000;
        let nested = format!(
            "fn f() {{ let x = {}1{}; }}",
            "(".repeat(depth),
            ")".repeat(depth)
        );
        let chain = format!("fn g() {{ let y = 1{}; }}", " + 1".repeat(200_000));
        [nested, chain].map(|source| {
            let syntax = syn::parse_file(&source).expect("parses on a big stack");
            let ir = lower_file(&syntax, &source, FileId(0), &[], Box::new(|_| None));
            (
                ir.errors.len(),
                ir.errors.first().map(|e| e.message.clone()),
            )
        })
    };
    let results = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(run)
        .expect("thread")
        .join()
        .expect("no panic");
    for (errors, message) in results {
        assert_eq!(errors, 1);
        let refused = format!("nested more than {} levels", super::MAX_DEPTH);
        assert!(message.is_some_and(|m| m.contains(&refused)));
    }
}

#[test]
fn local_macros_expand_where_called() {
    let source = "macro_rules! send {\n    ($c:expr, $($v:expr),+) => { $( $c.post($v); )+ };\n}\nfn f(c: C, a: A, b: B) {\n    send!(c, a, b);\n}\n";
    let ir = lower(source);
    let [Expr::Block(expanded), ..] = statements(body(&ir, "f")) else {
        panic!("the call is a block");
    };
    let posts: Vec<_> = (expanded.iter())
        .filter_map(|e| match e {
            Expr::MethodCall(call) => Some(call),
            _ => None,
        })
        .collect();
    assert_eq!(posts.len(), 2, "one call per repetition: {expanded:?}");
    // What the transcriber wrote is placed at the macro's name at the call (line 5).
    let at = ir.absolute(posts[0].span);
    assert_eq!((at.line, at.column), (5, 5));
}

#[test]
fn local_macros_without_a_matching_rule_stay_calls() {
    let source = "macro_rules! send {\n    ($c:ident) => { $c.post() };\n}\nfn f(c: C) {\n    send!(1 + 2);\n}\n";
    let ir = lower(source);
    let [Expr::Macro(call), ..] = statements(body(&ir, "f")) else {
        panic!("an unexpanded macro call");
    };
    assert_eq!(call.kind, MacroKind::Other);
}

#[test]
fn macros_other_files_may_call_are_recorded() {
    let source = "macro_rules! send {\n    ($c:expr) => { $c.post(); log!(); };\n}\nmod inner {\n    macro_rules! hidden { () => {} }\n    #[macro_export]\n    macro_rules! far { () => { $crate::send!(x) } }\n}\n#[macro_use]\nmod shared {\n    macro_rules! near { () => {} }\n}\nfn f() {\n    macro_rules! own { () => {} }\n}\n";
    let ir = lower(source);
    let defs: Vec<_> = (ir.macros.iter())
        .map(|def| (&*def.name, def.exported))
        .collect();
    assert_eq!(defs, [("send", false), ("far", true), ("near", false)]);
}

#[test]
fn macros_of_other_files_expand_where_given() {
    let source = "fn f(c: C) {\n    crate::send!(c);\n    other!(1);\n}\n";
    let plain = lower(source);
    let looked_up = |ir: &FileIr| -> Vec<(String, bool)> {
        (ir.macro_lookups.iter())
            .map(|(name, found)| (name.to_string(), found.is_some()))
            .collect()
    };
    let none = [("other".to_string(), false), ("send".to_string(), false)];
    assert_eq!(looked_up(&plain), none);
    assert!(matches!(
        statements(body(&plain, "f")),
        [Expr::Macro(_), ..]
    ));
    let send = std::sync::Arc::new(crate::ir::MacroDef {
        name: "send".into(),
        rules: "($c:expr) => { $c.post() };".into(),
        exported: true,
    });
    let expanded = lower_with(
        source,
        Box::new(move |name| (name == "send").then(|| send.clone())),
    );
    let [Expr::Block(block), ..] = statements(body(&expanded, "f")) else {
        panic!("the call is expanded");
    };
    assert!(
        matches!(block.as_slice(), [Expr::MethodCall(_)]),
        "{block:?}"
    );
    assert_eq!(looked_up(&expanded)[1], ("send".to_string(), true));
}
