//! Loading: reads, parses and lowers every file of every crate that discovery found,
//! following `mod` declarations, and keeps no syntax tree.
//!
//! The module tree is walked level by level. The files of one level are parsed and lowered
//! in parallel, one task per file so that work-stealing balances files of unequal size, on
//! threads with a large stack (`syn` recurses), with the `macro_rules!` macros of the files
//! lowered before (`macros`; a file whose calls name a macro of a later file is lowered
//! again at the end). File ids are assigned in a deterministic order: crate order, then
//! level, then declaration order. Every problem becomes an error with its file and
//! position; nothing is ever written, run or fetched.

mod cfg_attr;
mod macros;
mod nesting;
pub(crate) mod source;

use crate::diagnostic::{Error, Location};
use crate::discover::{discover, TargetKind};
use crate::ir::{self, FileId, FileIr, Name};
use crate::lower::MacroLookup;
use rayon::prelude::*;
use source::{error_at_path, error_in, pos_at_line_column, relative_through_parents, Sources};
use std::borrow::Cow;
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use nesting::{MAX_CHAIN, MAX_NESTING};
pub use source::MAX_FILE_BYTES;

/// Stack of each parsing thread: room for `MAX_NESTING` levels of the costliest construct
/// in a debug build, with a wide margin. Only the pages used are ever committed.
pub const STACK_BYTES: usize = 256 << 20;
/// The most files loaded for one check.
pub const MAX_FILES: usize = 100_000;
/// The most source bytes loaded for one check (512 MiB).
pub const MAX_TOTAL_BYTES: u64 = 512 << 20;
/// The deepest chain of module files (`mod a;` in `a.rs` declaring `mod b;` ...).
pub const MAX_MODULE_DEPTH: usize = 256;

/// One loaded file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Absolute, as found (symbolic links kept).
    pub path: PathBuf,
    /// Relative to the checked PATH (for a single file: its name), with `/` separators.
    pub rel: Arc<str>,
    pub text: Arc<str>,
}

/// Where a file sits: its crate, and its module path inside it (`[]` for the crate root).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileModule {
    pub krate: usize,
    pub module: Vec<Name>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crate {
    /// The name paths use for it (`-` → `_`).
    pub name: Name,
    pub root: FileId,
    /// A library, or a binary (a binary may use its package's library by name).
    pub kind: TargetKind,
    /// Dependencies renamed in its manifest (see `CrateRoot::renames`).
    pub renames: Vec<(Name, Name)>,
}

/// Everything loaded; index `i` of `files`, `places` and `irs` is `FileId(i)`.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The canonical directory that `rel` paths are relative to.
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    pub places: Vec<FileModule>,
    /// Lowering errors stay in each `FileIr::errors`; `errors` below holds the others.
    /// Shared with the `LoadCache`, which keeps them for the next check without a copy.
    pub irs: Vec<Arc<FileIr>>,
    pub crates: Vec<Crate>,
    pub errors: Vec<Error>,
    /// Where to look up `sharelock.toml` from (upwards).
    pub policy_start: PathBuf,
}

/// Lowered files of the previous load: a file whose path, text, id and crate's names for
/// sharelock are unchanged, and whose calls name the same macros of other files (see
/// `macros`), is not parsed again (the editor's incremental mode). It shares each file's
/// IR with `Loaded`.
#[derive(Default)]
pub struct LoadCache {
    entries: HashMap<(PathBuf, FileId), Parsed>,
}

/// A file's parse outcome, as cached.
#[derive(Clone)]
struct Parsed {
    text: Arc<str>,
    facade: Arc<[Name]>,
    outcome: Result<Arc<FileIr>, Error>,
}

/// The pool that parses and lowers, with `STACK_BYTES` of stack per thread. The analysis
/// may run its own deep recursions on it too. `None` if no thread could be started.
pub fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(STACK_BYTES)
            .thread_name(|i| format!("sharelock-parse-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// Loads every crate under `path`. `overlays` replace files' text on disk (unsaved editor
/// buffers). Never fails: problems become `errors`, and what could be loaded is returned.
pub fn load(path: &Path, overlays: &HashMap<PathBuf, Arc<str>>, cache: &mut LoadCache) -> Loaded {
    let sources = Sources::new(overlays);
    let found = discover(path, &sources);
    let mut loader = Loader {
        sources,
        checked_dirs: found.dirs,
        facades: (found.crates.iter())
            .map(|root| root.facade_names().into())
            .collect(),
        loaded: Loaded {
            root: found.root,
            policy_start: found.policy_start,
            errors: found.errors,
            ..Loaded::default()
        },
        cache: std::mem::take(&mut cache.entries),
        fresh: HashMap::new(),
        bytes: 0,
        over_budget: false,
        macro_table: Arc::default(),
        dirs: std::sync::Mutex::default(),
    };
    let Some(pool) = pool() else {
        let message = "cannot start the threads that parse source files".to_string();
        loader.loaded.errors.push(error_at_path(
            message,
            "free some system resources and retry",
        ));
        return loader.loaded;
    };
    let mut level: Vec<Pending> = found
        .crates
        .iter()
        .enumerate()
        .map(|(krate, root)| Pending {
            krate,
            module: Vec::new(),
            dir: ModDir {
                dir: root
                    .file
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default(),
                relative: None,
            },
            path: root.file.clone(),
            ancestors: None,
            declared: None,
            macro_scope: Vec::new(),
            macro_use: false,
        })
        .collect();
    let mut roots: Vec<Option<FileId>> = vec![None; found.crates.len()];
    while !level.is_empty() {
        let read = loader.read_level(pool, level);
        let placed = loader.parse_level(pool, read);
        for (pending, id) in &placed {
            if pending.module.is_empty() && pending.declared.is_none() {
                roots[pending.krate] = Some(*id);
            }
        }
        level = loader.children_of(pool, placed);
    }
    loader.import_macros(pool);
    // A crate whose root file could not be loaded has no files: it is left out, and the
    // crate indices of the files are renumbered to match.
    let mut renumbered = Vec::with_capacity(roots.len());
    for (root, id) in found.crates.iter().zip(roots) {
        renumbered.push(loader.loaded.crates.len());
        if let Some(id) = id {
            loader.loaded.crates.push(Crate {
                name: root.name.clone(),
                root: id,
                kind: root.kind,
                renames: root.renames.clone(),
            });
        }
    }
    for place in &mut loader.loaded.places {
        place.krate = renumbered[place.krate];
    }
    cache.entries = loader.fresh;
    loader.loaded
}

/// The directory a file's `mod x;` declarations are looked up in, as rustc does: `x.rs`
/// and `x/mod.rs` under `dir`, after `relative` (the file's own name, for a `foo.rs` that is
/// not a `mod.rs`, a crate root or a `#[path]` file).
#[derive(Clone, Debug)]
struct ModDir {
    dir: PathBuf,
    relative: Option<String>,
}

/// The canonical files above a module file, to refuse cycles.
struct Ancestor {
    canonical: PathBuf,
    depth: usize,
    parent: Option<Arc<Ancestor>>,
}

/// A module file to load.
struct Pending {
    krate: usize,
    module: Vec<Name>,
    /// Absolute and normalized.
    path: PathBuf,
    /// Where this file's own `mod x;` resolve.
    dir: ModDir,
    ancestors: Option<Arc<Ancestor>>,
    /// The `mod` item that declared it (none for a crate root).
    declared: Option<Location>,
    /// The module whose files may call its `macro_rules!` macros by name: its own, or the
    /// one its `#[macro_use]` declaration, and those above it, extend their scope to.
    macro_scope: Vec<Name>,
    /// Declared `#[macro_use]`: lowered before the other files of its level, whose calls
    /// may name its macros (see `macros`).
    macro_use: bool,
}

/// A file checked, before it is read.
struct Located {
    pending: Pending,
    rel: Arc<str>,
    canonical: PathBuf,
    size: u64,
}

/// A file-level error about a declared module points at its `mod` declaration.
fn at_declaration(pending: &Pending, err: Error) -> Error {
    let whole_file = err
        .location
        .as_ref()
        .is_some_and(|l| l.pos.start == 0 && l.pos.line == 1 && l.pos.column == 1);
    match &pending.declared {
        Some(at) if whole_file => Error {
            location: Some(at.clone()),
            ..err
        },
        _ => err,
    }
}

/// A file of a level to lower: its id, its crate's names for sharelock, and what the
/// `LoadCache` holds for it.
type LevelJob = (Read, FileId, Arc<[Name]>, Option<Parsed>);

/// A file read and checked, before it has an id.
struct Read {
    pending: Pending,
    rel: Arc<str>,
    canonical: PathBuf,
    text: Arc<str>,
}

struct Loader {
    sources: Sources,
    /// The canonical directories whose files are read (`Discovery::dirs`).
    checked_dirs: Vec<PathBuf>,
    /// Per crate (as discovered), the names its manifest gives sharelock (see
    /// `CrateRoot::facade_names`), which lowering its files reads.
    facades: Vec<Arc<[Name]>>,
    loaded: Loaded,
    cache: HashMap<(PathBuf, FileId), Parsed>,
    fresh: HashMap<(PathBuf, FileId), Parsed>,
    bytes: u64,
    over_budget: bool,
    /// The macros of the files lowered so far that other files may call.
    macro_table: Arc<macros::MacroTable>,
    /// Directories' canonical paths, resolved during this load (see `Loader::canonical`).
    dirs: std::sync::Mutex<HashMap<PathBuf, PathBuf>>,
}

impl Loader {
    /// Whether files at `path` are read: inside the checked directory or a path dependency.
    fn readable(&self, path: &Path) -> bool {
        self.checked_dirs.iter().any(|dir| path.starts_with(dir))
    }

    /// `path` as reported: relative to the checked directory, `None` for a file not read.
    fn rel(&self, path: &Path) -> Option<Arc<str>> {
        self.readable(path).then(|| {
            let rel = relative_through_parents(&self.loaded.root, path);
            if rel.is_empty() {
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
                    .into()
            } else {
                rel.into()
            }
        })
    }

    /// Reads every file of a level, keeping the order: checks each (in parallel), admits
    /// them within the budget (in order, so that what is refused is deterministic), then
    /// reads the admitted ones (in parallel).
    fn read_level(&mut self, pool: &rayon::ThreadPool, level: Vec<Pending>) -> Vec<Read> {
        let this = &*self;
        let located: Vec<Result<Located, Error>> = pool.install(|| {
            let located = level.into_par_iter().with_max_len(1);
            located.map(|pending| this.locate(pending)).collect()
        });
        let mut admitted = Vec::new();
        for file in located {
            match file {
                Ok(file) if self.admit(&file, admitted.len()) => admitted.push(file),
                Ok(_) => {}
                Err(err) => self.loaded.errors.push(err),
            }
        }
        let this = &*self;
        let read: Vec<Result<Read, Error>> = pool.install(|| {
            let admitted = admitted.into_par_iter().with_max_len(1);
            admitted.map(|file| this.read(file)).collect()
        });
        let mut files = Vec::new();
        for file in read {
            match file {
                Ok(file) => files.push(file),
                Err(err) => self.loaded.errors.push(err),
            }
        }
        files
    }

    /// Whether `file` fits the budget of files and bytes (`pending` more files already
    /// admitted in this level); the first file past it is reported, later ones skipped.
    fn admit(&mut self, file: &Located, pending: usize) -> bool {
        let files = self.loaded.files.len() + pending;
        if files < MAX_FILES && self.bytes + file.size <= MAX_TOTAL_BYTES {
            self.bytes += file.size;
            return true;
        }
        if !self.over_budget {
            self.over_budget = true;
            let message = format!(
                "the checked code exceeds sharelock's limits ({MAX_FILES} files, {} MiB of \
                 source): `{}` and the files after it are not analysed",
                MAX_TOTAL_BYTES >> 20,
                file.rel
            );
            let help = "check a smaller part of the tree";
            self.loaded
                .errors
                .push(error_in(&file.rel, None, message, help));
        }
        false
    }

    /// One module file, located: unless it loops, leaves the root, or is no readable
    /// source file within the size limit.
    fn locate(&self, pending: Pending) -> Result<Located, Error> {
        let fail = |message: String, help: &str| match &pending.declared {
            Some(at) => Error {
                message,
                location: Some(at.clone()),
                help: Some(help.into()),
            },
            None => error_at_path(message, help),
        };
        let Some(rel) = self.rel(&pending.path) else {
            let message = format!(
                "module file `{}` lies outside the checked directory",
                pending.path.display()
            );
            return Err(fail(
                message,
                "keep module files inside the checked directory, or check a directory above",
            ));
        };
        let canonical = match self.canonical(&pending.path) {
            Ok(canonical) => canonical,
            Err(_) if self.sources.is_file(&pending.path) => pending.path.clone(),
            Err(err) => {
                let message = format!("cannot open module file `{rel}`: {err}");
                let help = "create the file, or fix the `mod` declaration, its `#[path]`, or a \
                            symbolic link that loops or dangles";
                return Err(fail(message, help));
            }
        };
        if !self.readable(&canonical) {
            let message =
                format!("`{rel}` leads outside the checked directory (through a symbolic link)");
            return Err(fail(
                message,
                "keep module files inside the checked directory, or check a directory above",
            ));
        }
        let mut above = pending.ancestors.as_deref();
        while let Some(ancestor) = above {
            if ancestor.canonical == canonical {
                let message =
                    format!("module cycle: `{rel}` is already loaded as an enclosing module");
                let help = "remove the `mod` declaration or `#[path]` attribute that leads back to an enclosing file";
                return Err(fail(message, help));
            }
            above = ancestor.parent.as_deref();
        }
        if pending
            .ancestors
            .as_ref()
            .is_some_and(|a| a.depth >= MAX_MODULE_DEPTH)
        {
            let message = format!("module files nest more than {MAX_MODULE_DEPTH} deep at `{rel}`");
            return Err(fail(message, "flatten the module tree"));
        }
        let size = self
            .sources
            .size(&pending.path, &rel)
            .map_err(|err| at_declaration(&pending, err))?;
        Ok(Located {
            pending,
            rel,
            canonical,
            size,
        })
    }

    /// `fs::canonicalize(path)`, with each directory resolved once per load: a file that is
    /// no symbolic link is its directory's canonical path joined with its name (one `lstat`
    /// rather than a `readlink` per component, for every file of a large tree).
    fn canonical(&self, path: &Path) -> std::io::Result<PathBuf> {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return std::fs::canonicalize(path);
        };
        if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
            return std::fs::canonicalize(path);
        }
        let known = self
            .dirs
            .lock()
            .ok()
            .and_then(|dirs| dirs.get(dir).cloned());
        let dir_canonical = match known {
            Some(known) => known,
            None => {
                let resolved = std::fs::canonicalize(dir)?;
                if let Ok(mut dirs) = self.dirs.lock() {
                    dirs.insert(dir.to_path_buf(), resolved.clone());
                }
                resolved
            }
        };
        Ok(dir_canonical.join(name))
    }

    /// The text of a located file.
    fn read(&self, file: Located) -> Result<Read, Error> {
        let Located {
            pending,
            rel,
            canonical,
            ..
        } = file;
        let text = self
            .sources
            .read(&pending.path, &rel)
            .map_err(|err| at_declaration(&pending, err))?;
        Ok(Read {
            pending,
            rel,
            canonical,
            text,
        })
    }

    /// Assigns ids, then parses and lowers each file (in parallel, cached files skipped).
    fn parse_level(&mut self, pool: &rayon::ThreadPool, read: Vec<Read>) -> Vec<(Pending, FileId)> {
        let mut jobs = Vec::new();
        for file in read {
            let id = FileId(self.loaded.files.len() as u32);
            self.loaded.files.push(SourceFile {
                path: file.pending.path.clone(),
                rel: file.rel.clone(),
                text: file.text.clone(),
            });
            self.loaded.places.push(FileModule {
                krate: file.pending.krate,
                module: file.pending.module.clone(),
            });
            let facade = self.facades[file.pending.krate].clone();
            let cached = self
                .cache
                .remove(&(file.pending.path.clone(), id))
                .filter(|parsed| parsed.text == file.text && parsed.facade == facade);
            jobs.push((file, id, facade, cached));
        }
        // The files declared `#[macro_use]` first, so that the others see their macros.
        let (first, then): (Vec<usize>, Vec<usize>) =
            (0..jobs.len()).partition(|&i| jobs[i].0.pending.macro_use);
        let mut outcomes = Vec::with_capacity(jobs.len());
        for wave in [first, then] {
            let lowered = self.lower_wave(pool, &jobs, wave);
            let table = Arc::make_mut(&mut self.macro_table);
            for (i, outcome) in &lowered {
                let (file, id, ..) = &jobs[*i];
                if let Ok(ir) = outcome {
                    table.add(*id, file.pending.krate, &file.pending.macro_scope, ir);
                }
            }
            outcomes.extend(lowered);
        }
        outcomes.sort_unstable_by_key(|(i, _)| *i);
        let outcomes = outcomes.into_iter().map(|(_, outcome)| outcome);
        let mut placed = Vec::new();
        for ((file, id, facade, _), outcome) in jobs.into_iter().zip(outcomes) {
            let parsed = Parsed {
                text: file.text.clone(),
                facade,
                outcome: outcome.clone(),
            };
            self.fresh.insert((file.pending.path.clone(), id), parsed);
            let ir = self.kept_ir(id, outcome);
            self.loaded.irs.push(ir);
            let Read {
                mut pending,
                canonical,
                ..
            } = file;
            let depth = pending.ancestors.as_ref().map_or(0, |a| a.depth + 1);
            pending.ancestors = Some(Arc::new(Ancestor {
                canonical,
                depth,
                parent: pending.ancestors.take(),
            }));
            placed.push((pending, id));
        }
        placed
    }

    /// Parses and lowers the jobs `wave` of a level in parallel (a cached file is not), with
    /// the macros of the files lowered before; the outcomes by job.
    fn lower_wave(
        &self,
        pool: &rayon::ThreadPool,
        jobs: &[LevelJob],
        wave: Vec<usize>,
    ) -> Vec<(usize, Result<Arc<FileIr>, Error>)> {
        largest_first(
            pool,
            wave,
            |i| jobs[i].0.text.len(),
            |i| {
                let (file, id, facade, cached) = &jobs[i];
                match cached {
                    Some(parsed) => parsed.outcome.clone(),
                    None => self.lower_with_macros(&file.text, *id, &file.rel, facade),
                }
            },
        )
    }

    /// Parses and lowers file `id` with the macros of other files it sees in the table.
    fn lower_with_macros(
        &self,
        text: &str,
        id: FileId,
        rel: &str,
        facade: &[Name],
    ) -> Result<Arc<FileIr>, Error> {
        let lookup = self
            .macro_table
            .lookup(id, &self.loaded.places[id.0 as usize]);
        parse_and_lower(text, id, rel, facade, lookup).map(Arc::new)
    }

    /// A file's IR as loaded: where it could not be, its error is kept and the file is empty.
    fn kept_ir(&mut self, id: FileId, outcome: Result<Arc<FileIr>, Error>) -> Arc<FileIr> {
        outcome.unwrap_or_else(|err| {
            self.loaded.errors.push(err);
            Arc::new(FileIr {
                file: id,
                ..FileIr::default()
            })
        })
    }

    /// The module files that the files of a level declare, in order (looked up in
    /// parallel: each `mod x;` probes the disk for `x.rs` and `x/mod.rs`).
    fn children_of(
        &mut self,
        pool: &rayon::ThreadPool,
        placed: Vec<(Pending, FileId)>,
    ) -> Vec<Pending> {
        let this = &*self;
        let found: Vec<(Vec<Pending>, Vec<Error>)> = pool.install(|| {
            let placed = placed.par_iter().with_max_len(1);
            placed
                .map(|(pending, id)| this.children(pending, *id))
                .collect()
        });
        let mut level = Vec::new();
        for (children, errors) in found {
            level.extend(children);
            self.loaded.errors.extend(errors);
        }
        level
    }

    /// The module files that file `id` declares, in declaration order (inline modules
    /// walked in place), and the errors of those that cannot be found.
    fn children(&self, parent: &Pending, id: FileId) -> (Vec<Pending>, Vec<Error>) {
        let ir = &self.loaded.irs[id.0 as usize];
        let rel = self.loaded.files[id.0 as usize].rel.clone();
        let mut found = Vec::new();
        let mut errors = Vec::new();
        // (items still to visit, module path, directory, macro scope) per open inline module.
        let mut stack = vec![(
            ir.root.items.iter(),
            parent.module.clone(),
            parent.dir.clone(),
            parent.macro_scope.clone(),
        )];
        while let Some((items, module, dir, scope)) = stack.last_mut() {
            let Some(item) = items.next() else {
                stack.pop();
                continue;
            };
            let ir::Item::Mod {
                name,
                path_attr,
                cfg_paths,
                conditional,
                macro_use,
                body,
                span,
            } = item
            else {
                continue;
            };
            let mut child_module = module.clone();
            child_module.push(name.clone());
            let child_scope = match macro_use {
                true => scope.clone(),
                false => child_module.clone(),
            };
            let declared = Location {
                file: rel.clone(),
                pos: ir.absolute(*span),
            };
            match body {
                Some(inline) => {
                    let dir = match path_attr {
                        Some(path) => ModDir {
                            dir: source::normalize(&dir.dir.join(path)),
                            relative: None,
                        },
                        None => {
                            let mut inner = dir.dir.clone();
                            inner.extend(dir.relative.iter());
                            inner.push(file_name(name));
                            ModDir {
                                dir: inner,
                                relative: None,
                            }
                        }
                    };
                    stack.push((inline.items.iter(), child_module, dir, child_scope));
                }
                None => {
                    for file in self.module_files(dir, name, path_attr, cfg_paths, &declared) {
                        match file {
                            // `#[cfg(target_os = "fuchsia")] mod fuchsia;` without its file.
                            Err(_) if *conditional => {}
                            Ok((path, dir)) => found.push(Pending {
                                krate: parent.krate,
                                module: child_module.clone(),
                                path,
                                dir,
                                ancestors: parent.ancestors.clone(),
                                declared: Some(declared.clone()),
                                macro_scope: child_scope.clone(),
                                macro_use: *macro_use,
                            }),
                            Err(err) => errors.push(err),
                        }
                    }
                }
            }
        }
        (found, errors)
    }

    /// The file of `mod name;`, and where its own modules live.
    /// The files of `mod name;`: its `#[path]` and each `#[cfg_attr(.., path)]` file, and
    /// the default `name.rs` or `name/mod.rs` where no `#[path]` overrides it (required
    /// unless a `cfg_attr` names a file).
    fn module_files(
        &self,
        dir: &ModDir,
        name: &str,
        path_attr: &Option<String>,
        cfg_paths: &[String],
        declared: &Location,
    ) -> Vec<Result<(PathBuf, ModDir), Error>> {
        let mut files: Vec<_> = path_attr
            .iter()
            .chain(cfg_paths)
            .map(|path| {
                let file = source::normalize(&dir.dir.join(path));
                let parent = file.parent().map(Path::to_path_buf).unwrap_or_default();
                Ok((
                    file,
                    ModDir {
                        dir: parent,
                        relative: None,
                    },
                ))
            })
            .collect();
        if path_attr.is_none() {
            match self.default_module_file(dir, name, declared) {
                Err(_) if !cfg_paths.is_empty() => {}
                default => files.push(default),
            }
        }
        files
    }

    /// `name.rs` or `name/mod.rs`, as rustc looks them up.
    fn default_module_file(
        &self,
        dir: &ModDir,
        name: &str,
        declared: &Location,
    ) -> Result<(PathBuf, ModDir), Error> {
        let fail = |message: String, help: &str| Error {
            message,
            location: Some(declared.clone()),
            help: Some(help.into()),
        };
        let mut base = dir.dir.clone();
        base.extend(dir.relative.iter());
        let name = file_name(name);
        let flat = base.join(format!("{name}.rs"));
        let nested = base.join(&name).join("mod.rs");
        let show = |path: &Path| {
            self.rel(path)
                .map_or_else(|| path.display().to_string(), |r| r.to_string())
        };
        match (self.sources.exists(&flat), self.sources.exists(&nested)) {
            (true, false) => Ok((flat, ModDir { dir: base, relative: Some(name) })),
            (false, true) => Ok((nested, ModDir { dir: base.join(&name), relative: None })),
            (true, true) => Err(fail(
                format!("module `{name}` is both `{}` and `{}`", show(&flat), show(&nested)),
                "delete or rename one of the two files",
            )),
            (false, false) => Err(fail(
                format!("module file for `{name}` not found: neither `{}` nor `{}` exists", show(&flat), show(&nested)),
                "create one of the two files, or point the declaration at its file with `#[path = \"..\"]`",
            )),
        }
    }
}

/// The file name a module name maps to (`r#async` lives in `async.rs`).
fn file_name(name: &str) -> String {
    name.strip_prefix("r#").unwrap_or(name).to_string()
}

/// Runs `work` on each of `items` in parallel, the largest first (by `size`), so that a
/// large file does not start last and leave one thread working alone at the end; one task
/// per item, so that work-stealing balances items of unequal size.
fn largest_first<T: Send>(
    pool: &rayon::ThreadPool,
    mut items: Vec<usize>,
    size: impl Fn(usize) -> usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<(usize, T)> {
    items.sort_by_key(|&i| std::cmp::Reverse(size(i)));
    pool.install(|| {
        (items.into_par_iter().with_max_len(1))
            .map(|i| (i, work(i)))
            .collect()
    })
}

/// Parses one file on the current (large-stack) thread, lowers it and drops its syntax
/// tree, then forgets the thread's span table so memory does not grow with each file.
/// `lookup`: finds the macros of other files of its crate that it calls (see `macros`).
/// A panic in the parser or the lowering (a bug) becomes an error on the file: the other
/// files are still analysed, and the result is not clean. `facade`: the names the file's
/// crate gives sharelock besides its own (see `CrateRoot::facade_names`).
fn parse_and_lower(
    text: &str,
    id: FileId,
    rel: &str,
    facade: &[Name],
    lookup: MacroLookup,
) -> Result<FileIr, Error> {
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        parse_and_lower_spans(text, id, rel, facade, lookup)
    }))
    .unwrap_or_else(|_| {
        let message = format!("internal error: sharelock failed while reading `{rel}`");
        let help = "this is a bug in sharelock: please report it with the file";
        Err(error_in(rel, None, message, help))
    });
    proc_macro2::extra::invalidate_current_thread_spans();
    outcome
}

fn parse_and_lower_spans(
    text: &str,
    id: FileId,
    rel: &str,
    facade: &[Name],
    lookup: MacroLookup,
) -> Result<FileIr, Error> {
    let help = "fix the syntax error: sharelock reads source as rustc does, and a file that does \
                not parse is not analysed";
    let syntax_error = |line: usize, column: usize, message: String| {
        let pos = if line == 0 {
            source::pos_at_offset(text, text.len())
        } else {
            pos_at_line_column(text, line, column)
        };
        error_in(
            rel,
            Some(pos),
            format!("syntax error in `{rel}`: {message}"),
            help,
        )
    };
    let prepared = without_bom_and_shebang(text);
    let tokens: proc_macro2::TokenStream =
        prepared.parse().map_err(|err: proc_macro2::LexError| {
            let at = err.span().start();
            syntax_error(
                at.line,
                at.column,
                "unbalanced delimiter, or unterminated string, character or comment".into(),
            )
        })?;
    nesting::check(&tokens).map_err(|refused| {
        let (at, message) = match refused {
            nesting::TooDeep::Nesting(at) => (
                at,
                format!("code nested more than {MAX_NESTING} levels deep"),
            ),
            nesting::TooDeep::Chain(at) => (
                at,
                format!("an expression chains more than {MAX_CHAIN} operators"),
            ),
        };
        let pos = pos_at_line_column(text, at.line, at.column);
        let message = format!("`{rel}` is not analysed: {message}");
        error_in(
            rel,
            Some(pos),
            message,
            "split the expression or module; sharelock refuses code it cannot parse safely",
        )
    })?;
    let mut file: syn::File = syn::parse2(tokens).map_err(|err| {
        let at = err.span().start();
        syntax_error(at.line, at.column, err.to_string())
    })?;
    if prepared.contains("cfg_attr") {
        cfg_attr::expand(&mut file);
    }
    Ok(crate::lower::lower_file(
        &file, &prepared, id, facade, lookup,
    ))
}

/// The text `syn` parses: a byte-order mark and a `#!` line (not `#![attr]`) are blanked
/// with spaces, so byte offsets and lines stay those of the file.
fn without_bom_and_shebang(text: &str) -> Cow<'_, str> {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let rest = &text[bom..];
    let shebang = if rest.starts_with("#!") && !rest[2..].trim_start().starts_with('[') {
        rest.find('\n').unwrap_or(rest.len())
    } else {
        0
    };
    if bom + shebang == 0 {
        return Cow::Borrowed(text);
    }
    let mut prepared = String::with_capacity(text.len());
    prepared.extend(std::iter::repeat_n(' ', bom));
    prepared.extend(std::iter::repeat_n(' ', shebang));
    prepared.push_str(&rest[shebang..]);
    Cow::Owned(prepared)
}
