//! Judge: the policy's rules applied to the candidate flows. One file per rule family:
//! `consent` (which functions run only under a consent check), `flows` (SL001/SL002 and the
//! allowed flows), `requirements` (SL003 `must_reach`, SL004 unused `allow_flow`).
//!
//! Invariant: judging is deterministic: candidates may arrive in any order (components are
//! analysed in parallel); every choice below picks by sorted keys.

mod consent;
mod flows;
mod requirements;

use crate::diagnostic::{stable_hash, Flow, LabelInfo, Location, Step, Violation};
use crate::ir::Span;
use crate::model::Pos;
use crate::program::{FnId, LabelOrigin, Program};
use crate::propagate::Propagation;
use crate::timing::Timing;
use rayon::slice::ParallelSliceMut;
use std::sync::Arc;

/// The policy file's name and text, to locate labels it declares.
pub struct PolicySource {
    pub rel: Arc<str>,
    pub text: Arc<str>,
}

pub struct Judgement {
    pub violations: Vec<Violation>,
    pub flows: Vec<Flow>,
    pub labels: Vec<LabelInfo>,
}

pub fn judge(
    program: &Program,
    propagation: &Propagation,
    policy: Option<&PolicySource>,
) -> Judgement {
    let cx = Cx {
        program,
        policy,
        extents: Extents::new(program),
    };
    let stages = Timing::from_env();
    let groups = consent::CallGroups::new(program, propagation.calls());
    let guarded = consent::guarded_functions(&groups);
    let by_callers = consent::reported_by_callers(&groups);
    stages.mark("judge: consent checks");
    let candidates = propagation.candidates(program, |flow| {
        flows::judged_alike(flow, &guarded, &by_callers)
    });
    let mut judged = flows::judge_flows(&cx, candidates, &guarded, &by_callers);
    stages.mark("judge: flows");
    let reached = std::mem::take(&mut judged.flows_by_label);
    judged
        .violations
        .extend(requirements::must_reach(&cx, &reached));
    judged.violations.extend(requirements::unused_allow_flows(
        &cx,
        &judged.used_allow_flows,
    ));
    let labels = requirements::label_infos(&cx, &reached);
    stages.mark("judge: requirements");
    let mut violations = judged.violations;
    violations.sort_by_key(sort_key);
    // A module file that two targets mount (`mod shared;` in `lib.rs` and in `main.rs`) is
    // checked in each: one sink call, label and party is one violation, as cargo reports
    // one warning.
    violations.dedup_by(|a, b| {
        sort_key(a) == sort_key(b)
            && a.source == b.source
            && a.suppressed.is_some() == b.suppressed.is_some()
    });
    assign_fingerprints(&mut violations);
    let mut flows = judged.flows;
    // Elements equal by `Ord` are identical, so an unstable sort gives the same list; in
    // parallel, as thousands of flows compare by their strings.
    flows.par_sort_unstable();
    flows.dedup();
    stages.mark("judge: order");
    Judgement {
        violations,
        flows,
        labels,
    }
}

/// What the rules share: the program and where things are.
struct Cx<'c, 'a> {
    program: &'c Program<'a>,
    policy: Option<&'c PolicySource>,
    /// Function extents by file, for "lexically inside".
    extents: Extents,
}

impl Cx<'_, '_> {
    fn location(&self, span: Span) -> Location {
        self.program.location(span)
    }

    /// The function whose text contains `span`, innermost first.
    fn enclosing(&self, span: Span) -> Option<FnId> {
        let at = self.program.loaded.irs[span.file.0 as usize].absolute(span);
        self.extents
            .of(self.program, span.file)
            .iter()
            .filter(|(extent, _)| extent.start <= at.start && at.end <= extent.end)
            .min_by_key(|(extent, _)| extent.end - extent.start)
            .map(|(_, f)| *f)
    }

    fn label_location(&self, origin: &LabelOrigin) -> Location {
        match origin {
            LabelOrigin::Source(span) => self.location(*span),
            LabelOrigin::Policy(range) => match self.policy {
                Some(policy) => Location {
                    file: policy.rel.clone(),
                    pos: pos_of(&policy.text, range.clone()),
                },
                None => Location {
                    file: Arc::from(crate::policy::FILE_NAME),
                    pos: Default::default(),
                },
            },
        }
    }

    /// The trace's steps that have a place in the source: one made where the analysis had
    /// none (`Span::default()`) would point at line 0, which no editor or SARIF viewer takes.
    fn steps(&self, trace: &crate::propagate::Trace) -> Vec<Step> {
        crate::propagate::trace_of(trace)
            .into_iter()
            .filter(|(span, _)| span.anchor != 0)
            .map(|(span, note)| Step {
                location: self.location(span),
                note: note.to_string(),
            })
            .collect()
    }
}

/// Each function's place in its file (absolute), by file: placed when a file's are first
/// asked for (only where a violation is, for `allow_flow` and fingerprints), not for every
/// function of every check.
struct Extents {
    /// The functions with a body, by file.
    fns: Vec<Vec<FnId>>,
    placed: Vec<std::sync::OnceLock<Vec<(Pos, FnId)>>>,
}

impl Extents {
    /// A default method run as an impl's is not there: its text is its declaration's.
    fn new(program: &Program) -> Extents {
        let files = program.loaded.irs.len();
        let mut fns = vec![Vec::new(); files];
        for (index, f) in program.fns.iter().enumerate() {
            if f.ir.body.is_some() && program.default_method(FnId(index as u32)).is_none() {
                if let Some(list) = fns.get_mut(f.ir.extent.file.0 as usize) {
                    list.push(FnId(index as u32));
                }
            }
        }
        Extents {
            fns,
            placed: (0..files).map(|_| std::sync::OnceLock::new()).collect(),
        }
    }

    fn of(&self, program: &Program, file: crate::ir::FileId) -> &[(Pos, FnId)] {
        let index = file.0 as usize;
        let Some(placed) = self.placed.get(index) else {
            return &[];
        };
        placed.get_or_init(|| {
            let ir = &program.loaded.irs[index];
            (self.fns[index].iter())
                .map(|f| (ir.absolute(program.fns[f.index()].ir.extent), *f))
                .collect()
        })
    }
}

/// Line and column (1-based, in characters) of a byte range in a text.
pub fn pos_of(text: &str, range: std::ops::Range<usize>) -> crate::model::Pos {
    let start = crate::load::source::pos_at_offset(text, range.start);
    crate::model::Pos {
        end: range.end.min(text.len()).max(start.start as usize) as u32,
        ..start
    }
}

fn sort_key(
    v: &Violation,
) -> (
    Arc<str>,
    u32,
    u32,
    crate::diagnostic::Code,
    Option<String>,
    Option<String>,
    String,
) {
    let location = v.sink.as_ref().map_or(&v.source, |s| &s.location);
    (
        location.file.clone(),
        location.pos.line,
        location.pos.column,
        v.code,
        v.category.as_ref().map(|c| c.to_string()),
        v.party.as_ref().map(|p| p.to_string()),
        v.source_item.clone(),
    )
}

/// Fingerprints hash what identifies a violation independently of lines: code, category,
/// party, source item, sink function and the function the sink call is in; repeats of the
/// same identity in one function are numbered in order.
fn assign_fingerprints(violations: &mut [Violation]) {
    violations.sort_by_key(sort_key);
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::default();
    for v in violations.iter_mut() {
        let category = v.category.as_ref().map_or(String::new(), |c| c.to_string());
        let party = v.party.as_ref().map_or(String::new(), |p| p.to_string());
        let sink = v
            .sink
            .as_ref()
            .map_or(String::new(), |s| s.function.clone());
        let base = stable_hash(&[
            v.code.as_str(),
            &category,
            &party,
            &v.source_item,
            &sink,
            &v.fingerprint,
        ]);
        let count = seen.entry(base.clone()).or_insert(0);
        v.fingerprint = if *count == 0 {
            base.clone()
        } else {
            stable_hash(&[&base, &count.to_string()])
        };
        *count += 1;
    }
}
