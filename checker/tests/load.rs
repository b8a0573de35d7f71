//! Discovery and loading: which crates and module files a checked PATH holds.

mod load_support;

use load_support::{describe, errors, load_path, tree};
use sharelock_checker::load::{load, LoadCache};
use sharelock_checker::{check, Options};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

#[test]
fn package_with_library_and_binaries() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"my-app\"\nversion = \"0.1.0\"\n",
        ),
        ("src/lib.rs", "pub mod net;\nmod store;\n"),
        ("src/net.rs", "pub fn send() {}\n"),
        ("src/store/mod.rs", "mod disk;\n"),
        ("src/store/disk.rs", ""),
        ("src/main.rs", "fn main() { my_app::net::send() }\n"),
        ("src/bin/tool.rs", "fn main() {}\n"),
        ("src/bin/multi/main.rs", "mod helper;\nfn main() {}\n"),
        ("src/bin/multi/helper.rs", ""),
        ("tests/ignored.rs", "this is not rust"),
    ]);
    assert_eq!(
        describe(&load_path(dir.path())),
        "\
crate my_app Lib root=0
crate my_app Bin root=1
crate multi Bin root=2
crate tool Bin root=3
file 0 src/lib.rs crate=0 mod=
file 1 src/main.rs crate=1 mod=
file 2 src/bin/multi/main.rs crate=2 mod=
file 3 src/bin/tool.rs crate=3 mod=
file 4 src/net.rs crate=0 mod=net
file 5 src/store/mod.rs crate=0 mod=store
file 6 src/bin/multi/helper.rs crate=2 mod=helper
file 7 src/store/disk.rs crate=0 mod=store::disk
"
    );
}

#[test]
fn explicit_target_paths_and_names() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"pkg\"\nautobins = false\n\n[lib]\nname = \"core-lib\"\npath = \"code/core.rs\"\n\n\
             [[bin]]\nname = \"serve-it\"\npath = \"code/serve.rs\"\n",
        ),
        ("code/core.rs", "mod util;\n"),
        ("code/util.rs", ""),
        ("code/serve.rs", "fn main() {}\n"),
        ("src/main.rs", "fn main() {}\n"),
    ]);
    assert_eq!(
        describe(&load_path(dir.path())),
        "\
crate core_lib Lib root=0
crate serve_it Bin root=1
file 0 code/core.rs crate=0 mod=
file 1 code/serve.rs crate=1 mod=
file 2 code/util.rs crate=0 mod=util
"
    );
}

#[test]
fn workspace_members_globs_and_exclude() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"app\", \"crates/*\"]\nexclude = [\"crates/old\"]\n",
        ),
        ("app/Cargo.toml", "[package]\nname = \"app\"\n"),
        ("app/src/main.rs", "fn main() { db::get(); }\n"),
        ("crates/db/Cargo.toml", "[package]\nname = \"db\"\n"),
        ("crates/db/src/lib.rs", "pub fn get() {}\n"),
        (
            "crates/api-types/Cargo.toml",
            "[package]\nname = \"api-types\"\n",
        ),
        ("crates/api-types/src/lib.rs", ""),
        ("crates/old/Cargo.toml", "[package]\nname = \"old\"\n"),
        ("crates/old/src/lib.rs", "syntax error here"),
        ("crates/README.md", "not a crate"),
    ]);
    assert_eq!(
        describe(&load_path(dir.path())),
        "\
crate app Bin root=0
crate api_types Lib root=1
crate db Lib root=2
file 0 app/src/main.rs crate=0 mod=
file 1 crates/api-types/src/lib.rs crate=1 mod=
file 2 crates/db/src/lib.rs crate=2 mod=
"
    );
}

#[test]
fn root_package_that_is_also_a_workspace() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"top\"\n\n[workspace]\nmembers = [\".\", \"inner\"]\n",
        ),
        ("src/lib.rs", ""),
        ("inner/Cargo.toml", "[package]\nname = \"inner\"\n"),
        ("inner/src/lib.rs", ""),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(
        describe(&loaded),
        "\
crate top Lib root=0
crate inner Lib root=1
file 0 src/lib.rs crate=0 mod=
file 1 inner/src/lib.rs crate=1 mod=
"
    );
    assert_eq!(loaded.policy_start, loaded.root);
}

#[test]
fn workspace_with_a_missing_member_reports_it_at_its_line() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\n  \"present\",\n  \"absent\",\n]\n",
        ),
        ("present/Cargo.toml", "[package]\nname = \"present\"\n"),
        ("present/src/lib.rs", ""),
    ]);
    let loaded = load_path(dir.path());
    let described = describe(&loaded);
    assert!(
        described.starts_with("crate present Lib root=0\n"),
        "{described}"
    );
    assert!(
        described.contains("error Cargo.toml:4:3: workspace member `absent` is missing"),
        "{described}"
    );
}

/// A member checked on its own reads its path dependencies, transitively and each once: one
/// beside it (`../model`), one inherited from the workspace root above the checked directory
/// (`workspace = true`). A procedural macro and a build script's dependency hold no code the
/// program runs and are not read; their files here do not even parse.
#[test]
fn a_member_checked_alone_reads_its_path_dependencies() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[workspace]\nmembers = [\"*\"]\n\n[workspace.dependencies]\nnet = { path = \"net\" }\n",
        ),
        (
            "app/Cargo.toml",
            "[package]\nname = \"app\"\n\n[dependencies]\nmodel = { path = \"../model\" }\n\
             net = { workspace = true }\nderive = { path = \"../derive\" }\n\n\
             [build-dependencies]\ngen = { path = \"../gen\" }\n",
        ),
        ("app/src/lib.rs", ""),
        (
            "model/Cargo.toml",
            "[package]\nname = \"model\"\n\n[dependencies]\nnet.workspace = true\n\n\
             [dev-dependencies]\napp = { path = \"../app\" }\n",
        ),
        ("model/src/lib.rs", "mod user;\n"),
        ("model/src/user.rs", ""),
        ("net/Cargo.toml", "[package]\nname = \"net\"\n"),
        ("net/src/lib.rs", ""),
        (
            "derive/Cargo.toml",
            "[package]\nname = \"derive\"\n\n[lib]\nproc-macro = true\n",
        ),
        ("derive/src/lib.rs", "not rust"),
        ("gen/Cargo.toml", "[package]\nname = \"gen\"\n"),
        ("gen/src/lib.rs", "not rust"),
    ]);
    assert_eq!(
        describe(&load_path(&dir.path().join("app"))),
        "\
crate app Lib root=0
crate net Lib root=1
crate model Lib root=2
file 0 src/lib.rs crate=0 mod=
file 1 ../net/src/lib.rs crate=1 mod=
file 2 ../model/src/lib.rs crate=2 mod=
file 3 ../model/src/user.rs crate=2 mod=user
"
    );
}

/// The leak a member's code makes with its dependency's labelled type and sink is found
/// when the member is checked on its own, as from the workspace root.
#[test]
fn a_member_checked_alone_finds_flows_through_its_path_dependencies() {
    let dir = tree(&[
        ("Cargo.toml", "[workspace]\nmembers = [\"app\", \"model\"]\n"),
        (
            "sharelock.toml",
            "[parties.parent_company]\ndescription = \"p\"\ndefault = \"deny\"\n",
        ),
        (
            "app/Cargo.toml",
            "[package]\nname = \"app\"\n\n[dependencies]\nmodel = { path = \"../model\" }\n",
        ),
        (
            "app/src/lib.rs",
            "pub fn sync(u: &model::User) {\n    model::post(&u.phone);\n}\n",
        ),
        ("model/Cargo.toml", "[package]\nname = \"model\"\n"),
        (
            "model/src/lib.rs",
            "#[derive(sharelock::Data)]\npub struct User {\n    \
             #[sharelock(category = \"account.phone\", consent(parent_company))]\n    \
             pub phone: String,\n}\n\n#[sharelock::sink(parent_company)]\npub fn post(body: &str) {}\n",
        ),
    ]);
    let report = check(&dir.path().join("app"), &Options::default());
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let found: Vec<String> = (report.violations.iter())
        .map(|v| {
            let sink = &v.sink.as_ref().expect("a flow").location;
            format!(
                "{} {}:{} from {}:{}",
                v.code.as_str(),
                sink.file,
                sink.pos.line,
                v.source.file,
                v.source.pos.line
            )
        })
        .collect();
    assert_eq!(found, ["SL002 src/lib.rs:2 from ../model/src/lib.rs:3"]);
}

/// A path dependency that is not there is an error at the manifest line naming it, as is an
/// inherited dependency no workspace declares: what it would bring is not analysed.
#[test]
fn missing_path_dependencies_are_errors_at_their_lines() {
    let dir = tree(&[
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\n\n[dependencies]\nmodel = { path = \"crates/model\" }\n\
             net = { workspace = true }\nempty = { path = \"crates/empty\" }\n",
        ),
        ("src/lib.rs", ""),
        ("crates/empty/README.md", "no manifest"),
    ]);
    let described = describe(&load_path(dir.path()));
    for expected in [
        "error Cargo.toml:5:9: path dependency `model` (`crates/model`) is missing: ",
        "error Cargo.toml:6:7: dependency `net` says `workspace = true`, but no workspace above \
         `Cargo.toml` declares it under `[workspace.dependencies]`\n",
        "error Cargo.toml:7:9: path dependency `empty` (`crates/empty`) has no `Cargo.toml`\n",
    ] {
        assert!(described.contains(expected), "{described}");
    }
}

#[test]
fn single_file_and_its_modules() {
    let dir = tree(&[
        ("tool.rs", "mod helpers;\nfn main() {}\n"),
        ("helpers.rs", ""),
    ]);
    let loaded = load_path(&dir.path().join("tool.rs"));
    assert_eq!(
        describe(&loaded),
        "\
crate tool Lib root=0
file 0 tool.rs crate=0 mod=
file 1 helpers.rs crate=0 mod=helpers
"
    );
}

#[test]
fn a_manifest_given_as_path_checks_its_package() {
    let dir = tree(&[
        ("Cargo.toml", "[package]\nname = \"m\"\n"),
        ("src/lib.rs", ""),
    ]);
    let loaded = load_path(&dir.path().join("Cargo.toml"));
    assert_eq!(
        describe(&loaded),
        "crate m Lib root=0\nfile 0 src/lib.rs crate=0 mod=\n"
    );
}

#[test]
fn directory_holding_lib_and_main() {
    let dir = tree(&[
        ("lib.rs", "mod a;\n"),
        ("a.rs", ""),
        ("main.rs", "fn main() {}\n"),
    ]);
    let loaded = load_path(dir.path());
    let name = loaded.crates[0].name.clone();
    assert_eq!(loaded.crates.len(), 2);
    assert_eq!(loaded.crates[1].name, name);
    assert_eq!(
        describe(&loaded).lines().skip(2).collect::<Vec<_>>(),
        [
            "file 0 lib.rs crate=0 mod=",
            "file 1 main.rs crate=1 mod=",
            "file 2 a.rs crate=0 mod=a"
        ]
    );
}

#[test]
fn module_files_follow_rustc_rules() {
    let dir = tree(&[
        (
            "lib.rs",
            "mod flat;\nmod nested;\nmod inline { mod leaf; pub mod deeper { mod bottom; } }\n",
        ),
        // A non-mod.rs file's children live in a directory named after it.
        ("flat.rs", "mod child;\nmod inner { mod grandchild; }\n"),
        ("flat/child.rs", ""),
        ("flat/inner/grandchild.rs", ""),
        // A mod.rs file's children live next to it.
        ("nested/mod.rs", "mod sibling;\n"),
        ("nested/sibling.rs", ""),
        ("inline/leaf.rs", ""),
        ("inline/deeper/bottom.rs", ""),
    ]);
    assert_eq!(
        describe(&load_path(dir.path())),
        "\
crate CRATE Lib root=0
file 0 lib.rs crate=0 mod=
file 1 flat.rs crate=0 mod=flat
file 2 nested/mod.rs crate=0 mod=nested
file 3 inline/leaf.rs crate=0 mod=inline::leaf
file 4 inline/deeper/bottom.rs crate=0 mod=inline::deeper::bottom
file 5 flat/child.rs crate=0 mod=flat::child
file 6 flat/inner/grandchild.rs crate=0 mod=flat::inner::grandchild
file 7 nested/sibling.rs crate=0 mod=nested::sibling
"
        .replace("CRATE", &load_path(dir.path()).crates[0].name)
    );
}

#[test]
fn path_attributes() {
    let dir = tree(&[
        ("Cargo.toml", "[package]\nname = \"p\"\n"),
        (
            "src/lib.rs",
            "#[path = \"platform/unix.rs\"]\nmod sys;\n#[cfg(any())]\n#[path = \"platform/other.rs\"]\nmod sys;\n\
             #[path = \"gen\"]\nmod generated { mod tables; }\nmod plain;\n",
        ),
        // A #[path] file owns its directory, like mod.rs.
        ("src/platform/unix.rs", "mod fd;\n"),
        ("src/platform/fd.rs", ""),
        ("src/platform/other.rs", ""),
        ("src/gen/tables.rs", ""),
        // In a non-mod.rs file, #[path] is relative to the file's own directory.
        ("src/plain.rs", "#[path = \"shared.rs\"]\nmod shared;\nmod inl { #[path = \"x.rs\"] mod x; }\n"),
        ("src/shared.rs", ""),
        ("src/plain/inl/x.rs", ""),
    ]);
    assert_eq!(
        describe(&load_path(dir.path())),
        "\
crate p Lib root=0
file 0 src/lib.rs crate=0 mod=
file 1 src/platform/unix.rs crate=0 mod=sys
file 2 src/platform/other.rs crate=0 mod=sys
file 3 src/gen/tables.rs crate=0 mod=generated::tables
file 4 src/plain.rs crate=0 mod=plain
file 5 src/platform/fd.rs crate=0 mod=sys::fd
file 6 src/shared.rs crate=0 mod=plain::shared
file 7 src/plain/inl/x.rs crate=0 mod=plain::inl::x
"
    );
}

#[test]
fn cfg_attr_paths_load_every_variant() {
    let dir = tree(&[
        (
            "lib.rs",
            "#[cfg_attr(unix, path = \"os/unix.rs\")]\n#[cfg_attr(windows, path = \"os/windows.rs\")]\nmod os;\n\
             #[cfg_attr(feature = \"fast\", path = \"fast.rs\")]\nmod engine;\n",
        ),
        ("os/unix.rs", ""),
        ("os/windows.rs", ""),
        ("fast.rs", ""),
        // Without the feature, the default file is the module.
        ("engine.rs", ""),
    ]);
    let loaded = load_path(dir.path());
    assert_eq!(
        describe(&loaded).lines().skip(2).collect::<Vec<_>>(),
        [
            "file 1 os/unix.rs crate=0 mod=os",
            "file 2 os/windows.rs crate=0 mod=os",
            "file 3 fast.rs crate=0 mod=engine",
            "file 4 engine.rs crate=0 mod=engine",
        ]
    );
}

#[test]
fn raw_identifier_modules_live_in_plain_files() {
    let dir = tree(&[("lib.rs", "mod r#async;\n"), ("async.rs", "")]);
    let loaded = load_path(dir.path());
    assert_eq!(errors(&loaded), "");
    assert_eq!(&*loaded.files[1].rel, "async.rs");
}

#[test]
fn missing_and_ambiguous_module_files_name_both_candidates() {
    let dir = tree(&[
        ("lib.rs", "mod gone;\nmod twice;\n"),
        ("twice.rs", ""),
        ("twice/mod.rs", ""),
    ]);
    assert_eq!(
        errors(&load_path(dir.path())),
        "\
error lib.rs:1:5: module file for `gone` not found: neither `gone.rs` nor `gone/mod.rs` exists
error lib.rs:2:5: module `twice` is both `twice.rs` and `twice/mod.rs`
"
    );
}

#[test]
fn loading_is_deterministic() {
    let mut files = vec![(
        "Cargo.toml".to_string(),
        "[package]\nname = \"d\"\n".to_string(),
    )];
    let mut lib = String::new();
    for i in 0..40 {
        lib.push_str(&format!("mod m{i};\n"));
        files.push((
            format!("src/m{i}.rs"),
            format!("mod n{i};\nfn f{i}() {{}}\n"),
        ));
        files.push((format!("src/m{i}/n{i}.rs"), "fn g() {}\n".repeat(i * 50)));
    }
    files.push(("src/lib.rs".into(), lib));
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = tree(&refs);
    let first = describe(&load_path(dir.path()));
    for _ in 0..3 {
        assert_eq!(describe(&load_path(dir.path())), first);
    }
    assert!(first.contains("file 1 src/m0.rs crate=0 mod=m0\n"));
    assert!(first.contains("file 41 src/m0/n0.rs crate=0 mod=m0::n0\n"));
}

#[test]
fn overlays_replace_the_disk_and_the_cache_follows_them() {
    let dir = tree(&[("lib.rs", "fn a() {}\n")]);
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let mut cache = LoadCache::default();
    let mut overlays: HashMap<PathBuf, Arc<str>> = HashMap::new();
    let first = load(dir.path(), &overlays, &mut cache);
    assert_eq!(describe(&first).lines().count(), 2);
    assert_eq!(first.irs[0].functions, 1);

    // An unsaved buffer declares a module that exists only as another unsaved buffer.
    overlays.insert(
        root.join("lib.rs"),
        "mod fresh;\nfn a() {}\nfn b() {}\n".into(),
    );
    overlays.insert(dir.path().join("fresh.rs"), "fn c() {}\n".into());
    let edited = load(dir.path(), &overlays, &mut cache);
    assert_eq!(errors(&edited), "");
    assert_eq!(edited.irs[0].functions, 2);
    assert_eq!(&*edited.files[1].rel, "fresh.rs");
    assert_eq!(edited.irs[1].functions, 1);

    // Reloading from the cache gives the same result as loading afresh.
    let again = load(dir.path(), &overlays, &mut cache);
    let fresh = load(dir.path(), &overlays, &mut LoadCache::default());
    assert_eq!(describe(&again), describe(&fresh));
    assert_eq!(format!("{:?}", again.irs), format!("{:?}", fresh.irs));

    overlays.clear();
    let back = load(dir.path(), &overlays, &mut cache);
    assert_eq!(back.irs[0].functions, 1);
    assert_eq!(back.files.len(), 1);
}
