//! Discovery: which crates a checked PATH holds, and the root file of each.
//!
//! Targets come from `Cargo.toml` read as plain TOML: cargo is never run, no dependency is
//! resolved or downloaded, no build script runs. A PATH is a package, a workspace (virtual
//! or not), a directory holding `lib.rs`/`main.rs`, or a single `.rs` file. The path
//! dependencies its manifests name are local files cargo builds with it: they are read too,
//! transitively, wherever they lie.

use crate::diagnostic::{Error, Location};
use crate::ir::Name;
use crate::load::source::{
    error_at_path, error_in, normalize, pos_at_offset, relative, relative_through_parents, Sources,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use toml::Spanned;

/// The most workspace members followed: a glob over a huge tree must not run away.
pub const MAX_MEMBERS: usize = 10_000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TargetKind {
    Lib,
    Bin,
}

/// One crate to analyse: a library or binary target.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CrateRoot {
    /// The name other crates use for it (`-` turned into `_`).
    pub name: Name,
    pub kind: TargetKind,
    /// Absolute and normalized (not canonical: symbolic links are kept).
    pub file: PathBuf,
    /// Dependencies its package renames (`foo = { package = "users" }`): the name its
    /// paths use, and the crate name that stands for.
    pub renames: Vec<(Name, Name)>,
}

impl CrateRoot {
    /// The names its manifest gives sharelock (`sl = { package = "sharelock" }`): its code
    /// writes the attributes under them (`#[sl::sink(..)]`), as rustc resolves them.
    pub fn facade_names(&self) -> Vec<Name> {
        (self.renames.iter())
            .filter(|(_, package)| **package == *crate::annotations::CRATE)
            .map(|(alias, _)| alias.clone())
            .collect()
    }
}

/// What a PATH holds.
#[derive(Debug)]
pub struct Discovery {
    /// The canonical directory that reported paths are relative to.
    pub root: PathBuf,
    /// The canonical directories whose files are read: `root`, and those of the path
    /// dependencies outside it.
    pub dirs: Vec<PathBuf>,
    pub crates: Vec<CrateRoot>,
    pub errors: Vec<Error>,
    /// Where `sharelock.toml` is looked up from (upwards).
    pub policy_start: PathBuf,
}

const PATH_HELP: &str = "give a cargo package or workspace directory, a directory holding \
                         `lib.rs` or `main.rs`, or a single `.rs` file";

/// Finds the crates under `path`. Never fails: problems become errors in the result.
pub fn discover(path: &Path, sources: &Sources) -> Discovery {
    let given = normalize(path);
    let mut found = Discovery {
        root: given.clone(),
        dirs: Vec::new(),
        crates: Vec::new(),
        errors: Vec::new(),
        policy_start: given.clone(),
    };
    let canonical = match fs::canonicalize(&given) {
        Ok(canonical) => canonical,
        Err(err) => {
            let message = format!("cannot check `{}`: {err}", path.display());
            found.errors.push(error_at_path(message, PATH_HELP));
            return found;
        }
    };
    let is_file = canonical.is_file();
    let root = match canonical.parent() {
        Some(parent) if is_file => parent.to_path_buf(),
        _ => canonical.clone(),
    };
    found.root = root.clone();
    found.dirs = vec![root.clone()];
    found.policy_start = root.clone();
    if !is_file
        || canonical
            .file_name()
            .is_some_and(|name| name == "Cargo.toml")
    {
        let mut walk = Walk {
            root: &root,
            sources,
            found: &mut found,
            workspaces: HashMap::new(),
            top_workspace: None,
            lib_names: HashMap::new(),
            seen: HashSet::from([root.clone()]),
            path_dependencies: Vec::new(),
        };
        walk.manifest_dir(&root);
        walk.dependencies();
        walk.name_renamed_libraries();
    } else if canonical.extension().is_some_and(|ext| ext == "rs") {
        let name = crate_name(&file_stem(&canonical));
        found.crates.push(CrateRoot {
            name,
            kind: TargetKind::Lib,
            file: canonical,
            renames: Vec::new(),
        });
    } else {
        let message = format!("`{}` is not a `.rs` file", path.display());
        found.errors.push(error_at_path(message, PATH_HELP));
    }
    if found.crates.is_empty() && found.errors.is_empty() {
        let message = format!("`{}` holds no crate to check", path.display());
        let help = "list the workspace's crates under `[workspace] members`";
        found.errors.push(error_at_path(message, help));
    }
    found
}

/// The parts of `Cargo.toml` that name targets; everything else is ignored.
#[derive(Deserialize, Default)]
struct Manifest {
    package: Option<Package>,
    lib: Option<LibTarget>,
    bin: Option<Vec<BinTarget>>,
    workspace: Option<WorkspaceSection>,
    /// Its own dependency tables, as fields: flattened, they would lose their spans.
    dependencies: Option<Dependencies>,
    #[serde(rename = "dev-dependencies")]
    dev_dependencies: Option<Dependencies>,
    #[serde(rename = "build-dependencies")]
    build_dependencies: Option<Dependencies>,
    /// `[target.'cfg(..)'.dependencies]`: dependencies under some configuration.
    target: Option<BTreeMap<String, DependencyTables>>,
}

/// A dependency table; each entry spanned, for errors at its line.
type Dependencies = BTreeMap<String, Spanned<toml::Value>>;

#[derive(Deserialize, Default)]
struct DependencyTables {
    dependencies: Option<Dependencies>,
    #[serde(rename = "dev-dependencies")]
    dev_dependencies: Option<Dependencies>,
    #[serde(rename = "build-dependencies")]
    build_dependencies: Option<Dependencies>,
}

/// Whether a dependency entry is the workspace's (`workspace = true`).
fn is_inherited(spec: &toml::Value) -> bool {
    spec.get("workspace").and_then(toml::Value::as_bool) == Some(true)
}

impl Manifest {
    /// Every dependency table, under any configuration, and whether only the build script
    /// uses it (`[build-dependencies]`).
    fn dependency_tables(&self) -> impl Iterator<Item = (&Dependencies, bool)> {
        let targets = self.target.iter().flat_map(|t| t.values());
        let tables = targets.flat_map(|t| {
            [
                (&t.dependencies, false),
                (&t.dev_dependencies, false),
                (&t.build_dependencies, true),
            ]
        });
        [
            (&self.dependencies, false),
            (&self.dev_dependencies, false),
            (&self.build_dependencies, true),
        ]
        .into_iter()
        .chain(tables)
        .filter_map(|(table, build)| Some((table.as_ref()?, build)))
    }

    /// Whether a dependency inherits the workspace's (`workspace = true`).
    fn inherits(&self) -> bool {
        (self
            .dependency_tables()
            .flat_map(|(table, _)| table.values()))
        .any(|spec| is_inherited(spec.get_ref()))
    }

    /// A procedural macro: its code runs in the compiler, never in the program.
    fn is_proc_macro(&self) -> bool {
        self.lib.as_ref().and_then(|lib| lib.proc_macro) == Some(true)
    }

    /// Dependencies renamed with `package = ".."` (in the workspace's table for one that says
    /// `workspace = true`), under any configuration: the name paths use, the package's name.
    fn renames(&self, workspace: &Dependencies) -> Vec<(Name, Name)> {
        let mut renames: Vec<(Name, Name)> = (self.dependency_tables())
            .flat_map(|(table, _)| table.iter())
            .filter_map(|(alias, spec)| {
                let spec = match is_inherited(spec.get_ref()) {
                    true => workspace.get(alias)?,
                    false => spec,
                };
                let package = spec.get_ref().get("package")?.as_str()?;
                Some((crate_name(alias), crate_name(package)))
            })
            .collect();
        renames.sort();
        renames.dedup();
        renames
    }
}

#[derive(Deserialize)]
struct Package {
    name: Option<Spanned<String>>,
    autobins: Option<bool>,
}

#[derive(Deserialize)]
struct LibTarget {
    name: Option<String>,
    path: Option<Spanned<String>>,
    #[serde(rename = "proc-macro", alias = "proc_macro")]
    proc_macro: Option<bool>,
}

#[derive(Deserialize)]
struct BinTarget {
    name: Option<String>,
    path: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
struct WorkspaceSection {
    #[serde(default)]
    members: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    /// `[workspace.dependencies]`, which members inherit with `workspace = true`.
    dependencies: Option<Dependencies>,
}

/// The Cargo.toml being read, for error locations.
struct ManifestFile {
    rel: String,
    text: std::sync::Arc<str>,
}

impl ManifestFile {
    fn location<T>(&self, at: &Spanned<T>) -> Location {
        Location {
            file: self.rel.as_str().into(),
            pos: pos_at_offset(&self.text, at.span().start),
        }
    }

    fn error_at<T>(&self, at: &Spanned<T>, message: String, help: &str) -> Error {
        Error {
            message,
            location: Some(self.location(at)),
            help: Some(help.into()),
        }
    }
}

/// A workspace's root manifest: its members inherit its `[workspace.dependencies]`.
struct WorkspaceRoot {
    dir: PathBuf,
    file: ManifestFile,
    section: WorkspaceSection,
}

impl WorkspaceRoot {
    /// Whether it leaves out the package in `dir`: under an `exclude` entry and under no
    /// `members` entry (cargo's rule).
    fn excludes(&self, dir: &Path) -> bool {
        let under = |entry: &str| dir.starts_with(normalize(&self.dir.join(entry)));
        self.section.exclude.iter().any(|e| under(e))
            && !self.section.members.iter().any(|m| under(m.get_ref()))
    }
}

/// How a manifest is reached, which decides what of it is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reached {
    /// The checked PATH's: its package, and its workspace's members.
    Top,
    /// A workspace member, named in `members` or a path dependency inside the workspace:
    /// its package.
    Member,
    /// A path dependency outside the checked workspace: its package, unless it is a
    /// procedural macro.
    Dependency,
}

/// A path dependency named by a package read, not visited yet.
struct PathDependency {
    /// Normalized, not canonical.
    dir: PathBuf,
    /// Its name and path as written (`model`, `../model`), and where the path is: the
    /// package's manifest, or for `workspace = true` its workspace's.
    name: String,
    written: String,
    at: Location,
    /// Named only in `[build-dependencies]`: the build script's, which is not checked.
    build: bool,
}

struct Walk<'a> {
    root: &'a Path,
    sources: &'a Sources,
    found: &'a mut Discovery,
    /// The workspace root, if any, that each directory looked at holds (see `workspace_of`).
    workspaces: HashMap<PathBuf, Option<Rc<WorkspaceRoot>>>,
    /// The checked PATH's workspace, when it is one.
    top_workspace: Option<Rc<WorkspaceRoot>>,
    /// Each package's library name where `[lib] name` gives one other than the package's.
    lib_names: HashMap<Name, Name>,
    /// The canonical directories of the packages read: each is read once, and a cycle ends.
    seen: HashSet<PathBuf>,
    /// The path dependencies of the packages read, not visited yet.
    path_dependencies: Vec<PathDependency>,
}

impl Walk<'_> {
    /// A renamed dependency names the package's library, which `[lib] name` may call
    /// otherwise (`m = { package = "named-model" }` is the crate `namedmodel`).
    fn name_renamed_libraries(&mut self) {
        for root in &mut self.found.crates {
            for (_, package) in &mut root.renames {
                if let Some(lib) = self.lib_names.get(package) {
                    *package = lib.clone();
                }
            }
        }
    }

    fn rel(&self, path: &Path) -> String {
        relative_through_parents(self.root, path)
    }

    /// Whether files at `path` are read: inside the checked directory or a path dependency.
    fn readable(&self, path: &Path) -> bool {
        self.found.dirs.iter().any(|dir| path.starts_with(dir))
    }

    /// A directory given as PATH: a manifest, or a bare `lib.rs`/`main.rs`.
    fn manifest_dir(&mut self, dir: &Path) {
        let manifest = dir.join("Cargo.toml");
        if self.sources.is_file(&manifest) {
            self.manifest(dir, Reached::Top);
            return;
        }
        let name = crate_name(&file_stem(dir));
        for (file, kind) in [("lib.rs", TargetKind::Lib), ("main.rs", TargetKind::Bin)] {
            let file = dir.join(file);
            if self.sources.exists(&file) {
                self.found.crates.push(CrateRoot {
                    name: name.clone(),
                    kind,
                    file,
                    renames: Vec::new(),
                });
            }
        }
        if self.found.crates.is_empty() {
            let message = format!(
                "`{}` has no `Cargo.toml`, `lib.rs` or `main.rs`",
                dir.display()
            );
            self.found.errors.push(error_at_path(message, PATH_HELP));
        }
    }

    fn read_manifest(&mut self, dir: &Path) -> Option<(ManifestFile, Manifest)> {
        let path = dir.join("Cargo.toml");
        let rel = self.rel(&path);
        let text = match self.sources.read(&path, &rel) {
            Ok(text) => text,
            Err(err) => {
                self.found.errors.push(err);
                return None;
            }
        };
        let file = ManifestFile { rel, text };
        match toml::from_str::<Manifest>(&file.text) {
            Ok(manifest) => Some((file, manifest)),
            Err(err) => {
                let pos = err.span().map(|span| pos_at_offset(&file.text, span.start));
                let message = format!("malformed `{}`: {}", file.rel, err.message());
                let help = "fix the manifest so that cargo can read it";
                self.found
                    .errors
                    .push(error_in(&file.rel, pos, message, help));
                None
            }
        }
    }

    /// The manifest in `dir`: its package, and (at the top only) its workspace members.
    fn manifest(&mut self, dir: &Path, reached: Reached) {
        let Some((file, mut manifest)) = self.read_manifest(dir) else {
            return;
        };
        let top = reached == Reached::Top;
        if manifest.package.is_none() && (manifest.workspace.is_none() || !top) {
            let (message, help) = match reached {
                Reached::Top => (
                    format!("`{}` has neither `[package]` nor `[workspace]`", file.rel),
                    "add a `[package]` section, or check the crate's directory",
                ),
                Reached::Member => (
                    format!("workspace member `{}` has no `[package]`", file.rel),
                    "give the member a `[package]` section, or remove it from `members`",
                ),
                Reached::Dependency => (
                    format!("path dependency `{}` has no `[package]`", file.rel),
                    "point the dependency's `path` at a package's directory",
                ),
            };
            self.found
                .errors
                .push(error_in(&file.rel, None, message, help));
            return;
        }
        if reached == Reached::Dependency && manifest.is_proc_macro() {
            return;
        }
        if manifest.package.is_some() {
            self.package(dir, &file, &manifest);
        }
        if let (true, Some(section)) = (top, manifest.workspace.take()) {
            let workspace = Rc::new(WorkspaceRoot {
                dir: dir.to_path_buf(),
                file,
                section,
            });
            self.workspaces
                .insert(dir.to_path_buf(), Some(workspace.clone()));
            self.top_workspace = Some(workspace.clone());
            self.members(dir, &workspace.file, &workspace.section);
        }
    }

    fn members(&mut self, dir: &Path, file: &ManifestFile, workspace: &WorkspaceSection) {
        let excluded: Vec<PathBuf> = workspace
            .exclude
            .iter()
            .map(|e| normalize(&dir.join(e)))
            .collect();
        for member in &workspace.members {
            let pattern = normalize(&dir.join(member.get_ref()));
            let is_glob = member.get_ref().contains(['*', '?', '[']);
            let paths = if is_glob {
                match glob::glob(&pattern.to_string_lossy()) {
                    Ok(paths) => paths
                        .filter_map(Result::ok)
                        .filter(|p| p.is_dir() && !excluded.iter().any(|e| p.starts_with(e)))
                        .take(MAX_MEMBERS)
                        .collect(),
                    Err(err) => {
                        let message =
                            format!("bad workspace member pattern `{}`: {err}", member.get_ref());
                        self.found.errors.push(file.error_at(
                            member,
                            message,
                            "fix the glob pattern",
                        ));
                        continue;
                    }
                }
            } else {
                vec![pattern]
            };
            for path in paths {
                if relative(self.root, &path).is_none() {
                    let message = format!(
                        "workspace member `{}` lies outside the checked directory",
                        member.get_ref()
                    );
                    let help = "check the workspace from a directory that contains all its members";
                    self.found.errors.push(file.error_at(member, message, help));
                    continue;
                }
                let canonical = match fs::canonicalize(&path) {
                    Ok(canonical) => canonical,
                    Err(err) => {
                        let message =
                            format!("workspace member `{}` is missing: {err}", self.rel(&path));
                        let help = "create the member, or remove it from `[workspace] members`";
                        self.found.errors.push(file.error_at(member, message, help));
                        continue;
                    }
                };
                if !canonical.starts_with(self.root) {
                    let message = format!(
                        "workspace member `{}` leads outside the checked directory",
                        self.rel(&path)
                    );
                    let help = "check the workspace from a directory that contains all its members";
                    self.found.errors.push(file.error_at(member, message, help));
                    continue;
                }
                if !self.seen.insert(canonical) {
                    continue;
                }
                if !self.sources.is_file(&path.join("Cargo.toml")) {
                    let message =
                        format!("workspace member `{}` has no `Cargo.toml`", self.rel(&path));
                    let help =
                        "create the member's manifest, or remove it from `[workspace] members`";
                    self.found.errors.push(file.error_at(member, message, help));
                    continue;
                }
                if self.seen.len() > MAX_MEMBERS {
                    let message = format!("more than {MAX_MEMBERS} workspace members");
                    let help = "check the members in smaller groups";
                    self.found.errors.push(file.error_at(member, message, help));
                    return;
                }
                self.manifest(&path, Reached::Member);
            }
        }
    }

    /// The path dependencies of the packages read, transitively, each package once: cargo
    /// builds them with the checked code. Inside the checked workspace cargo makes them
    /// members; any other is read where the program can run its code: not one named only
    /// for the build script, and not a procedural macro.
    fn dependencies(&mut self) {
        while let Some(dependency) = self.path_dependencies.pop() {
            let member = self.top_workspace.as_ref().is_some_and(|workspace| {
                dependency.dir.starts_with(self.root) && !workspace.excludes(&dependency.dir)
            });
            if dependency.build && !member {
                continue;
            }
            let fail = |message: String, help: &str| Error {
                message,
                location: Some(dependency.at.clone()),
                help: Some(help.into()),
            };
            let (name, written) = (&dependency.name, &dependency.written);
            let canonical = match fs::canonicalize(&dependency.dir) {
                Ok(canonical) => canonical,
                Err(err) => {
                    let message =
                        format!("path dependency `{name}` (`{written}`) is missing: {err}");
                    let help = "create the dependency, or fix its `path`";
                    self.found.errors.push(fail(message, help));
                    continue;
                }
            };
            if self.seen.contains(&canonical) {
                continue;
            }
            if !self.sources.is_file(&canonical.join("Cargo.toml")) {
                let message = format!("path dependency `{name}` (`{written}`) has no `Cargo.toml`");
                let help = "point the dependency's `path` at a package's directory";
                self.found.errors.push(fail(message, help));
                continue;
            }
            if self.seen.len() >= MAX_MEMBERS {
                let message = format!("more than {MAX_MEMBERS} packages");
                let help = "check the packages in smaller groups";
                self.found.errors.push(fail(message, help));
                return;
            }
            self.seen.insert(canonical.clone());
            if !self.readable(&canonical) {
                self.found.dirs.push(canonical.clone());
            }
            let reached = match member {
                true => Reached::Member,
                false => Reached::Dependency,
            };
            self.manifest(&canonical, reached);
        }
    }

    /// The workspace the package in `dir` belongs to, found as cargo does: the nearest
    /// manifest at or above `dir` with a `[workspace]` that does not exclude it. Looked up
    /// only for a package that inherits dependencies, so only then are manifests above the
    /// checked directory read.
    fn workspace_of(&mut self, dir: &Path) -> Option<Rc<WorkspaceRoot>> {
        for ancestor in dir.ancestors() {
            if !self.workspaces.contains_key(ancestor) {
                let workspace = self
                    .sources
                    .is_file(&ancestor.join("Cargo.toml"))
                    .then(|| self.read_manifest(ancestor))
                    .flatten()
                    .and_then(|(file, manifest)| {
                        Some(Rc::new(WorkspaceRoot {
                            dir: ancestor.to_path_buf(),
                            file,
                            section: manifest.workspace?,
                        }))
                    });
                self.workspaces.insert(ancestor.to_path_buf(), workspace);
            }
            match &self.workspaces[ancestor] {
                Some(workspace) if !workspace.excludes(dir) => return Some(workspace.clone()),
                _ => {}
            }
        }
        None
    }

    /// Queues the path dependencies `manifest` (in `dir`) names; an inherited one is
    /// `workspace`'s entry, its path relative to the workspace's root. An inherited entry the
    /// workspace lacks is an error: cargo refuses the manifest.
    fn queue_path_dependencies(
        &mut self,
        dir: &Path,
        file: &ManifestFile,
        manifest: &Manifest,
        workspace: Option<&WorkspaceRoot>,
    ) {
        for (table, build) in manifest.dependency_tables() {
            for (name, spec) in table {
                let (spec, base, named_in) = match is_inherited(spec.get_ref()) {
                    false => (spec, dir, file),
                    true => match workspace.and_then(|w| {
                        let spec = w.section.dependencies.as_ref()?.get(name)?;
                        Some((spec, w.dir.as_path(), &w.file))
                    }) {
                        Some(inherited) => inherited,
                        None => {
                            let message = format!(
                                "dependency `{name}` says `workspace = true`, but no workspace \
                                 above `{}` declares it under `[workspace.dependencies]`",
                                file.rel
                            );
                            let help = "declare it in the workspace root's \
                                        `[workspace.dependencies]`, or give it here in full";
                            self.found.errors.push(file.error_at(spec, message, help));
                            continue;
                        }
                    },
                };
                let Some(path) = spec.get_ref().get("path").and_then(toml::Value::as_str) else {
                    continue;
                };
                self.path_dependencies.push(PathDependency {
                    dir: normalize(&base.join(path)),
                    name: name.clone(),
                    written: path.to_string(),
                    at: named_in.location(spec),
                    build,
                });
            }
        }
    }

    /// The targets of the package in `dir`: its library and its binaries.
    fn package(&mut self, dir: &Path, file: &ManifestFile, manifest: &Manifest) {
        let Some(package) = &manifest.package else {
            return;
        };
        let Some(package_name) = &package.name else {
            let message = format!("`[package]` in `{}` has no `name`", file.rel);
            self.found
                .errors
                .push(error_in(&file.rel, None, message, "name the package"));
            return;
        };
        let package_name = package_name.get_ref().as_str();
        let (crates_before, errors_before) = (self.found.crates.len(), self.found.errors.len());
        let src = dir.join("src");
        match &manifest.lib {
            Some(LibTarget {
                path: Some(path),
                name,
                ..
            }) => {
                let name = name.as_deref().unwrap_or(package_name);
                if name != package_name {
                    self.lib_names
                        .insert(crate_name(package_name), crate_name(name));
                }
                self.explicit_target(dir, file, path, name, TargetKind::Lib);
            }
            lib => {
                let name = lib
                    .as_ref()
                    .and_then(|l| l.name.as_deref())
                    .unwrap_or(package_name);
                if name != package_name {
                    self.lib_names
                        .insert(crate_name(package_name), crate_name(name));
                }
                let default = src.join("lib.rs");
                if self.sources.exists(&default) {
                    self.push(name, TargetKind::Lib, default);
                } else if lib.is_some() {
                    let message = format!(
                        "`[lib]` in `{}` has no `path` and there is no `src/lib.rs`",
                        file.rel
                    );
                    let help = "set `path` under `[lib]`, or create `src/lib.rs`";
                    self.found
                        .errors
                        .push(error_in(&file.rel, None, message, help));
                }
            }
        }
        let explicit = manifest.bin.as_deref().unwrap_or_default();
        let mut bins: Vec<(String, PathBuf)> = Vec::new();
        if package.autobins.unwrap_or(true) {
            bins = auto_bins(&src, package_name, self.sources);
        }
        for bin in explicit {
            let Some(name) = bin
                .name
                .clone()
                .or_else(|| bin.path.as_ref().map(|p| file_stem(Path::new(p.get_ref()))))
            else {
                let message = format!(
                    "a `[[bin]]` in `{}` has neither `name` nor `path`",
                    file.rel
                );
                self.found
                    .errors
                    .push(error_in(&file.rel, None, message, "name the binary"));
                continue;
            };
            bins.retain(|(auto, _)| *auto != name);
            match &bin.path {
                Some(path) => {
                    let resolved = normalize(&dir.join(path.get_ref()));
                    bins.retain(|(_, auto)| *auto != resolved);
                    self.explicit_target(dir, file, path, &name, TargetKind::Bin);
                }
                None => {
                    let candidates = [
                        src.join("bin").join(format!("{name}.rs")),
                        src.join("bin").join(&name).join("main.rs"),
                        src.join("main.rs"),
                    ];
                    let found = candidates
                        .iter()
                        .take(if name == package_name { 3 } else { 2 })
                        .find(|c| self.sources.is_file(c));
                    match found {
                        Some(path) => self.push(&name, TargetKind::Bin, path.clone()),
                        None => {
                            let message = format!(
                                "binary `{name}` in `{}` has no `path` and no `src/bin/{name}.rs`",
                                file.rel
                            );
                            let help = "set `path` under its `[[bin]]`, or create the file";
                            self.found
                                .errors
                                .push(error_in(&file.rel, None, message, help));
                        }
                    }
                }
            }
        }
        for (name, path) in bins {
            self.push(&name, TargetKind::Bin, path);
        }
        let workspace = match manifest.inherits() {
            true => self.workspace_of(dir),
            false => None,
        };
        let inherited = workspace
            .as_ref()
            .and_then(|w| w.section.dependencies.as_ref());
        let renames = manifest.renames(inherited.unwrap_or(&Dependencies::new()));
        self.queue_path_dependencies(dir, file, manifest, workspace.as_deref());
        for root in &mut self.found.crates[crates_before..] {
            root.renames = renames.clone();
        }
        if self.found.crates.len() == crates_before && self.found.errors.len() == errors_before {
            let message = format!("package `{package_name}` in `{}` has no targets", file.rel);
            let help =
                "create `src/lib.rs` or `src/main.rs`, or name targets under `[lib]`/`[[bin]]`";
            self.found
                .errors
                .push(error_in(&file.rel, None, message, help));
        }
    }

    /// A `[lib] path` or `[[bin]] path`: it must exist inside the checked directory.
    fn explicit_target(
        &mut self,
        dir: &Path,
        file: &ManifestFile,
        path: &Spanned<String>,
        name: &str,
        kind: TargetKind,
    ) {
        let resolved = normalize(&dir.join(path.get_ref()));
        if !self.readable(&resolved) {
            let message = format!(
                "target path `{}` lies outside the checked directory",
                path.get_ref()
            );
            let help = "check from a directory that contains the target";
            self.found.errors.push(file.error_at(path, message, help));
        } else if !self.sources.is_file(&resolved) {
            let message = format!("target path `{}` is not a file", path.get_ref());
            let help = "fix the `path`, or create the file";
            self.found.errors.push(file.error_at(path, message, help));
        } else {
            self.push(name, kind, resolved);
        }
    }

    fn push(&mut self, name: &str, kind: TargetKind, file: PathBuf) {
        let name = crate_name(name);
        let root = CrateRoot {
            name,
            kind,
            file,
            renames: Vec::new(),
        };
        if !self.found.crates.contains(&root) {
            self.found.crates.push(root);
        }
    }
}

/// Cargo's automatic binaries: `src/main.rs`, `src/bin/*.rs`, `src/bin/*/main.rs`, sorted.
fn auto_bins(src: &Path, package_name: &str, sources: &Sources) -> Vec<(String, PathBuf)> {
    let mut bins = Vec::new();
    let main = src.join("main.rs");
    if sources.exists(&main) {
        bins.push((package_name.to_string(), main));
    }
    let mut found = Vec::new();
    if let Ok(entries) = fs::read_dir(src.join("bin")) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "rs") && path.is_file() {
                found.push((file_stem(&path), path));
            } else if path.join("main.rs").is_file() {
                found.push((file_stem(&path), path.join("main.rs")));
            }
        }
    }
    found.sort();
    bins.extend(found);
    bins
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The name a crate is known by in paths: cargo's `-` → `_`, anything else not allowed in
/// an identifier also → `_`.
fn crate_name(name: &str) -> Name {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .into()
}
