//! The library's entry points: a one-shot `check`, and the incremental `Workspace` the
//! editor keeps (unsaved buffers as overlays; only changed files are re-parsed and
//! re-lowered, everything after that is recomputed from the lowered files).

use crate::diagnostic::{Error, Location, Report, Summary};
use crate::judge::{self, PolicySource};
use crate::load::{self, LoadCache, Loaded};
use crate::policy::{self, Policy};
use crate::program::{Declarations, Program};
use crate::propagate::Memo;
use crate::timing::Timing;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--policy FILE`; otherwise `sharelock.toml` is looked up from the checked path upwards.
    pub policy: Option<PathBuf>,
}

/// A checked tree kept between checks: the editor's view.
pub struct Workspace {
    root: PathBuf,
    options: Options,
    overlays: HashMap<PathBuf, Arc<str>>,
    cache: LoadCache,
    /// The last check's analyses and resolved declarations, and what they were computed on.
    memo: Memo,
    declarations: Declarations,
    shape: Option<Shape>,
}

/// Whether a check of a `Workspace` may be followed by another.
#[derive(Clone, Copy)]
enum Next {
    Expected,
    None,
}

/// What a check's analyses depend on: the files (by id) with their interfaces, the policy,
/// and each function's body (by `FnId`, stable while the rest is the same).
struct Shape {
    files: Vec<(Arc<str>, u64)>,
    policy: Option<Arc<str>>,
    bodies: Vec<u64>,
}

impl Shape {
    fn of(loaded: &Loaded, policy: Option<&PolicySource>) -> Shape {
        Shape {
            files: (loaded.files.iter().zip(&loaded.irs))
                .map(|(file, ir)| (file.rel.clone(), ir.interface))
                .collect(),
            policy: policy.map(|source| source.text.clone()),
            bodies: Vec::new(),
        }
    }

    /// Hashes the bodies on the parsing pool, whose stacks fit the recursion of bodies
    /// nested as deeply as lowering accepts.
    fn with_bodies(self, program: &Program) -> Shape {
        let bodies = match load::pool() {
            Some(pool) => {
                pool.install(|| (program.fns.par_iter().map(|f| f.ir.body_hash())).collect())
            }
            None => (program.fns.iter().map(|f| f.ir.body_hash())).collect(),
        };
        Shape { bodies, ..self }
    }

    /// Whether `next` declares the same items (function ids, types, signatures): every
    /// file's interface and the policy are the same.
    fn declares_as(&self, next: &Shape) -> bool {
        self.files == next.files && self.policy == next.policy
    }

    /// Forgets the analyses of the functions whose body changed (same declarations).
    fn forget_changed(&self, next: &Shape, memo: &mut Memo) {
        if self.bodies.len() != next.bodies.len() {
            memo.forget();
            return;
        }
        memo.forget_functions(|f| self.bodies[f.index()] != next.bodies[f.index()]);
    }
}

impl Workspace {
    pub fn new(root: &Path, options: Options) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            options,
            overlays: HashMap::new(),
            cache: LoadCache::default(),
            memo: Memo::default(),
            declarations: Declarations::default(),
            shape: None,
        }
    }

    /// Uses `text` instead of the file on disk (an unsaved buffer); `None` goes back to disk.
    pub fn set_overlay(&mut self, file: &Path, text: Option<Arc<str>>) {
        match text {
            Some(text) => self.overlays.insert(file.to_path_buf(), text),
            None => self.overlays.remove(file),
        };
    }

    /// Checks the tree, reusing the lowered files that did not change since the last check.
    pub fn check(&mut self) -> Report {
        self.run(Next::Expected)
    }

    /// One check; `next` says whether another may follow, for which the functions' bodies
    /// are hashed (a body hashed once stays so while its file's lowering is reused).
    fn run(&mut self, next: Next) -> Report {
        let timing = Timing::from_env();
        let loaded = load::load(&self.root, &self.overlays, &mut self.cache);
        timing.mark("load");
        let mut report = Report {
            errors: loaded.errors.clone(),
            files: loaded
                .files
                .iter()
                .map(|f| (f.rel.clone(), f.text.clone()))
                .collect(),
            ..Report::default()
        };
        let (policy, source) = match self.policy(&loaded.policy_start, &loaded.root) {
            Ok(found) => found,
            Err((errors, source)) => {
                report.errors.extend(errors);
                if let Some(source) = source {
                    report.files.push((source.rel, source.text));
                }
                finish(&mut report);
                return report;
            }
        };
        if let Some(source) = &source {
            report.files.push((source.rel.clone(), source.text.clone()));
        }
        for ir in &loaded.irs {
            for error in &ir.errors {
                report.errors.push(Error {
                    message: error.message.clone(),
                    location: Some(Location {
                        file: loaded.files[error.span.file.0 as usize].rel.clone(),
                        pos: ir.absolute(error.span),
                    }),
                    help: None,
                });
            }
        }
        let shape = Shape::of(&loaded, source.as_ref());
        let same_declarations = self
            .shape
            .as_ref()
            .is_some_and(|last| last.declares_as(&shape));
        let known = same_declarations.then_some(&self.declarations);
        let program = Program::build(&loaded, &policy, known);
        if !same_declarations {
            self.declarations = program.declarations();
        }
        timing.mark("collect and resolve");
        report.errors.extend(program.errors.iter().cloned());
        if let Some(source) = &source {
            report
                .errors
                .extend(program.policy_errors.iter().map(|e| Error {
                    location: Some(Location {
                        file: source.rel.clone(),
                        pos: judge::pos_of(&source.text, e.span.clone().unwrap_or(0..0)),
                    }),
                    message: e.message.clone(),
                    help: e.help.clone(),
                }));
        }
        let shape = match next {
            Next::Expected => shape.with_bodies(&program),
            // No body to compare with: the next check, if any, forgets every analysis.
            Next::None => shape,
        };
        match &self.shape {
            Some(last) if same_declarations => last.forget_changed(&shape, &mut self.memo),
            _ => self.memo.forget(),
        }
        self.shape = Some(shape);
        // On the parsing pool: its threads' stacks fit the recursion of bodies nested as
        // deeply as lowering accepts.
        let memo = &mut self.memo;
        let propagation = match load::pool() {
            Some(pool) => pool.install(|| crate::propagate::propagate(&program, memo)),
            None => crate::propagate::propagate(&program, memo),
        };
        timing.mark("propagate");
        let global = crate::propagate::global_budget_message();
        let mut global_reported = false;
        for (f, message) in &propagation.errors {
            let function = &program.fns[f.index()];
            // The whole check's budget ran out: one error, at the first function it stopped.
            let help = match *message == global {
                true if global_reported => continue,
                true => {
                    global_reported = true;
                    "the result would be partial, so it is not reported as clean; the crate's \
                     call graph is beyond what the analysis follows in its budget: check fewer \
                     crates at once, or report the case"
                }
                false => "the result would be partial, so it is not reported as clean; simplify this function",
            };
            report.errors.push(Error {
                message: message.clone(),
                location: Some(program.location(function.ir.span)),
                help: Some(help.into()),
            });
        }
        let judgement = judge::judge(&program, &propagation, source.as_ref());
        timing.mark("judge");
        report.violations = judgement.violations;
        report.flows = judgement.flows;
        report.labels = judgement.labels;
        report.summary = Summary {
            files: loaded.files.len(),
            functions: loaded.irs.iter().map(|ir| ir.functions).sum(),
            ..Summary::default()
        };
        finish(&mut report);
        report
    }

    /// The policy: `--policy FILE`, or the nearest `sharelock.toml` above the checked path,
    /// or an empty one (no parties) when there is none, as for crates nobody annotated.
    #[allow(clippy::type_complexity)]
    fn policy(
        &self,
        start: &Path,
        root: &Path,
    ) -> Result<(Policy, Option<PolicySource>), (Vec<Error>, Option<PolicySource>)> {
        let file = match &self.options.policy {
            Some(file) => Some(file.clone()),
            None => policy::find(start),
        };
        let Some(file) = file else {
            return Ok((Policy::default(), None));
        };
        let rel: Arc<str> = relative_name(root, &file).into();
        let text: Arc<str> = match self.overlays.get(&file).cloned() {
            Some(text) => text,
            None => match std::fs::read_to_string(&file) {
                Ok(text) => text.into(),
                Err(err) => {
                    return Err((
                        vec![Error {
                            message: format!(
                                "cannot read the policy file {}: {err}",
                                file.display()
                            ),
                            location: None,
                            help: Some(
                                "pass an existing file with --policy, or create sharelock.toml"
                                    .into(),
                            ),
                        }],
                        None,
                    ))
                }
            },
        };
        let source = PolicySource {
            rel: rel.clone(),
            text: text.clone(),
        };
        match policy::parse(&text) {
            Ok(policy) => Ok((policy, Some(source))),
            Err(errors) => Err((
                errors
                    .into_iter()
                    .map(|e| Error {
                        location: Some(Location {
                            file: rel.clone(),
                            pos: judge::pos_of(&text, e.span.unwrap_or(0..0)),
                        }),
                        message: e.message,
                        help: e.help,
                    })
                    .collect(),
                Some(source),
            )),
        }
    }
}

/// Counts, and a deterministic order for errors: by place, then message.
fn finish(report: &mut Report) {
    report
        .errors
        .sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
    report.errors.dedup();
    report.summary.violations = report
        .violations
        .iter()
        .filter(|v| v.suppressed.is_none())
        .count();
    report.summary.suppressed = report
        .violations
        .iter()
        .filter(|v| v.suppressed.is_some())
        .count();
    report.files.sort();
    report.files.dedup_by(|a, b| a.0 == b.0);
}

/// A file's name relative to the checked root when it is below it, else as given.
fn relative_name(root: &Path, file: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let root = if root.is_file() {
        root.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        root
    };
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    // Above or beside the checked path (a `sharelock.toml` found upwards, `--policy
    // ../policy.toml`): reached with `..`, as every report path is relative to PATH.
    let common = (root.components())
        .zip(absolute.components())
        .take_while(|(a, b)| a == b)
        .count();
    if !absolute.is_absolute() || common == 0 {
        return file.to_string_lossy().replace('\\', "/");
    }
    let up = root.components().count() - common;
    let down = absolute.components().skip(common);
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), up)
        .chain(down.map(|c| c.as_os_str().to_string_lossy().into_owned()))
        .collect();
    parts.join("/")
}

/// Checks `path` (a package, a workspace, a folder with `lib.rs`/`main.rs`, or one file).
pub fn check(path: &Path, options: &Options) -> Report {
    let mut workspace = Workspace::new(path, options.clone());
    let report = workspace.run(Next::None);
    // What the check kept for a next one (every analysis, every lowered file) is freed on
    // another thread: at a million lines that is a second the caller need not wait. If no
    // thread can be started, the closure, and the workspace with it, is dropped here.
    let freeing = std::thread::Builder::new()
        .name("sharelock-free".into())
        .spawn(move || drop(workspace));
    drop(freeing);
    report
}
