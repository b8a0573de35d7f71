//! Discovery: which crates a checked PATH holds, and the root file of each.
//!
//! Targets come from `Cargo.toml` read as plain TOML: cargo is never run, no dependency is
//! resolved or downloaded, no build script runs. A PATH is a package, a workspace (virtual
//! or not), a directory holding `lib.rs`/`main.rs`, or a single `.rs` file.

use crate::diagnostic::Error;
use crate::ir::Name;
use crate::load::source::{error_at_path, error_in, normalize, pos_at_offset, relative, Sources};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
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

/// What a PATH holds.
#[derive(Debug)]
pub struct Discovery {
    /// The canonical directory that reported paths are relative to.
    pub root: PathBuf,
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
            workspace_dependencies: BTreeMap::new(),
            lib_names: HashMap::new(),
            path_dependencies: Vec::new(),
        };
        walk.manifest_dir(&root);
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
    #[serde(flatten)]
    dependencies: DependencyTables,
    /// `[target.'cfg(..)'.dependencies]`: dependencies under some configuration.
    target: Option<BTreeMap<String, DependencyTables>>,
}

type Dependencies = BTreeMap<String, toml::Value>;

#[derive(Deserialize, Default)]
struct DependencyTables {
    dependencies: Option<Dependencies>,
    #[serde(rename = "dev-dependencies")]
    dev_dependencies: Option<Dependencies>,
    #[serde(rename = "build-dependencies")]
    build_dependencies: Option<Dependencies>,
}

impl DependencyTables {
    fn tables(&self) -> impl Iterator<Item = &Dependencies> {
        [
            &self.dependencies,
            &self.dev_dependencies,
            &self.build_dependencies,
        ]
        .into_iter()
        .flatten()
    }
}

impl Manifest {
    /// Every dependency table, under any configuration.
    fn dependency_tables(&self) -> impl Iterator<Item = &Dependencies> {
        let targets = self.target.iter().flat_map(|t| t.values());
        (std::iter::once(&self.dependencies).chain(targets)).flat_map(DependencyTables::tables)
    }

    /// The directories of its path dependencies (`dir` is its own; `workspace_dir` the one
    /// `[workspace.dependencies]` paths are relative to, for `workspace = true`).
    fn path_dependencies(
        &self,
        dir: &Path,
        workspace: &Dependencies,
        workspace_dir: &Path,
    ) -> Vec<PathBuf> {
        (self.dependency_tables().flat_map(|table| table.iter()))
            .filter_map(|(name, spec)| {
                let inherited = spec.get("workspace").and_then(toml::Value::as_bool) == Some(true);
                let (spec, base) = match inherited {
                    true => (workspace.get(name)?, workspace_dir),
                    false => (spec, dir),
                };
                Some(normalize(&base.join(spec.get("path")?.as_str()?)))
            })
            .collect()
    }

    /// Dependencies renamed with `package = ".."` (in the workspace's table for one that says
    /// `workspace = true`), under any configuration: the name paths use, the package's name.
    fn renames(&self, workspace: &Dependencies) -> Vec<(Name, Name)> {
        let mut renames: Vec<(Name, Name)> = (self.dependency_tables())
            .flat_map(|table| table.iter())
            .filter_map(|(alias, spec)| {
                let inherited = spec.get("workspace").and_then(toml::Value::as_bool) == Some(true);
                let spec = match inherited {
                    true => workspace.get(alias)?,
                    false => spec,
                };
                let package = spec.get("package")?.as_str()?;
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
    fn error_at<T>(&self, at: &Spanned<T>, message: String, help: &str) -> Error {
        let pos = pos_at_offset(&self.text, at.span().start);
        error_in(&self.rel, Some(pos), message, help)
    }
}

struct Walk<'a> {
    root: &'a Path,
    sources: &'a Sources,
    found: &'a mut Discovery,
    /// The top manifest's `[workspace.dependencies]`.
    workspace_dependencies: Dependencies,
    /// Each package's library name where `[lib] name` gives one other than the package's.
    lib_names: HashMap<Name, Name>,
    /// The path dependencies of the packages read, not visited yet: inside a workspace,
    /// cargo makes them members too.
    path_dependencies: Vec<PathBuf>,
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
        relative(self.root, path).unwrap_or_else(|| path.display().to_string())
    }

    /// A directory given as PATH: a manifest, or a bare `lib.rs`/`main.rs`.
    fn manifest_dir(&mut self, dir: &Path) {
        let manifest = dir.join("Cargo.toml");
        if self.sources.is_file(&manifest) {
            self.manifest(dir, true);
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
    fn manifest(&mut self, dir: &Path, top: bool) {
        let Some((file, manifest)) = self.read_manifest(dir) else {
            return;
        };
        if manifest.package.is_none() && (manifest.workspace.is_none() || !top) {
            let (message, help) = if top {
                (
                    format!("`{}` has neither `[package]` nor `[workspace]`", file.rel),
                    "add a `[package]` section, or check the crate's directory",
                )
            } else {
                (
                    format!("workspace member `{}` has no `[package]`", file.rel),
                    "give the member a `[package]` section, or remove it from `members`",
                )
            };
            self.found
                .errors
                .push(error_in(&file.rel, None, message, help));
            return;
        }
        if let (true, Some(dependencies)) = (
            top,
            manifest
                .workspace
                .as_ref()
                .and_then(|w| w.dependencies.as_ref()),
        ) {
            self.workspace_dependencies = dependencies.clone();
        }
        if manifest.package.is_some() {
            self.package(dir, &file, &manifest);
        }
        if let (true, Some(workspace)) = (top, &manifest.workspace) {
            self.members(dir, &file, workspace);
        }
    }

    fn members(&mut self, dir: &Path, file: &ManifestFile, workspace: &WorkspaceSection) {
        let excluded: Vec<PathBuf> = workspace
            .exclude
            .iter()
            .map(|e| normalize(&dir.join(e)))
            .collect();
        let mut seen: HashSet<PathBuf> = HashSet::from([dir.to_path_buf()]);
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
                if !seen.insert(canonical) {
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
                if seen.len() > MAX_MEMBERS {
                    let message = format!("more than {MAX_MEMBERS} workspace members");
                    let help = "check the members in smaller groups";
                    self.found.errors.push(file.error_at(member, message, help));
                    return;
                }
                self.manifest(&path, false);
            }
        }
        // Cargo makes the path dependencies inside the workspace members too (a missing one
        // is cargo's error to report, not a crate to check).
        while let Some(dependency) = self.path_dependencies.pop() {
            let Ok(canonical) = fs::canonicalize(&dependency) else {
                continue;
            };
            let inside = canonical.starts_with(self.root)
                && !excluded.iter().any(|e| dependency.starts_with(e));
            if !inside
                || seen.len() > MAX_MEMBERS
                || !self.sources.is_file(&dependency.join("Cargo.toml"))
                || !seen.insert(canonical)
            {
                continue;
            }
            self.manifest(&dependency, false);
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
        let renames = manifest.renames(&self.workspace_dependencies);
        let dependencies = manifest.path_dependencies(dir, &self.workspace_dependencies, self.root);
        self.path_dependencies.extend(dependencies);
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
        if relative(self.root, &resolved).is_none() {
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
