//! Analyses remembered with what they read, so that an analysis whose inputs are the same
//! is not run again: between the passes of one check (the second pass re-runs only what
//! the closures' reaches or a changed callee summary touch) and, in a `Workspace`, between
//! checks (after an edit, only the edited functions and the callers whose callee summaries
//! changed run again).
//!
//! Invariant: an analysis of a function is a pure function of the program's declarations,
//! the function's body, the component it is solved in, whether it has callers (see
//! `Summaries::summarized`), the callee summaries it read and, when it calls a callable of
//! unknown origin, the closures' reaches; when it reads a static, what is stored there; when
//! it is an entry point given objects, what the other entry points kept in them. An entry is reused only where all of these are
//! the same, so a result never differs from a fresh check's (tested in
//! `tests/incremental.rs`). The step budget is the exception: a reused analysis spends
//! none of it.
//!
//! A recursive component solved again in a later pass starts from its summaries of the
//! pass before (`Inputs::seeds`), so that its analysis also depends on those: it is reused
//! only where they are the same too, and an analysis started from none never stands for
//! one started from some, or the reverse (see `find`).

use super::objects::KeptCache;
use super::{interp, Declared, Escapes, Group, Schedule, Summary};
use crate::program::FnId;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// One analysis of a function, solved alone or with the other members of its recursive
/// component, and its inputs.
pub struct Analysed {
    pub summary: Arc<Summary>,
    pub output: interp::Output,
    /// The summaries of callees outside the component, as they were when it ran (`None`:
    /// not computed yet, so the call was treated as a call of unknown code).
    reads: Vec<(FnId, Option<Arc<Summary>>)>,
    /// The groups of impls its calls of many applied: what they were built from is what
    /// it read of those impls (shared by every caller, rather than a read per impl).
    groups: Vec<Arc<Group>>,
    /// What escaped that it read: the closures' reaches, when it called a callable of
    /// unknown origin, the statics' content, when it read a static, and what entry points
    /// kept in objects, when it is an entry point given some (see `same_read`).
    escaped: Option<Arc<Escapes>>,
    component: Arc<[FnId]>,
    recursive: bool,
    /// The summaries its recursive component started from, by member (see `Inputs::seeds`);
    /// `None` for one that started from none.
    seeded: Option<Arc<[Option<Arc<Summary>>]>>,
    /// Whether it kept its parameters' reaches (see `Summaries::summarized`).
    summarized: bool,
    /// Whether it ran as an entry point (see `Summaries::entry`).
    entry: bool,
}

/// The passes of a check, each with the analyses it made last.
#[derive(Clone, Copy)]
pub enum Pass {
    /// Every function once with no callee summary: the calls that make the call graph.
    CallGraph = 0,
    First = 1,
    /// The first pass again with the closures' reaches (see `propagate`).
    Second = 2,
}

/// What the analysis of one component reads besides the program and its bodies.
#[derive(Clone, Copy)]
pub(super) struct Inputs<'i> {
    pub pass: Pass,
    pub fns: &'i [FnId],
    pub recursive: bool,
    /// Per function, whether it has callers (see `Summaries::summarized`).
    pub called: &'i [bool],
    /// Per function, whether it is an entry point given or keeping objects (see
    /// `Summaries::entry`).
    pub entries: &'i [bool],
    /// The summaries final so far.
    pub done: &'i [Option<Arc<Summary>>],
    /// What escaped in the first pass (closures, statics' content).
    pub escaped: &'i Arc<Escapes>,
    /// The pass before's analyses, by `FnId` (empty in the first pass). A recursive
    /// component starts from their summaries rather than from none: a later pass only adds
    /// what escaped, so its fixpoint lies above them, and the members need a few runs to
    /// reach it rather than the many of a start from nothing. Where one of them is still
    /// valid, the whole component's are this pass's.
    pub seeds: &'i [Option<Arc<Analysed>>],
}

impl Inputs<'_> {
    /// Whether the component starts from the pass before's summaries (see `seeds`).
    pub fn warm(&self) -> bool {
        self.recursive && !self.seeds.is_empty()
    }

    /// The summaries the component starts from, by member: the pass before's, where the
    /// member ran in the same role (with or without callers, as an entry point or not), since
    /// a role lost (no longer an entry point given objects) may take facts away.
    pub fn seed_summaries(&self) -> impl Iterator<Item = Option<&Arc<Summary>>> + '_ {
        (self.fns.iter()).map(|f| {
            let seed = self.seeds.get(f.index())?.as_ref()?;
            let same_role =
                seed.summarized == self.called[f.index()] && seed.entry == self.entries[f.index()];
            same_role.then_some(&seed.summary)
        })
    }
}

/// The analyses of the last check, by pass and function.
#[derive(Default)]
pub struct Memo {
    slots: [Vec<Option<Arc<Analysed>>>; 3],
    /// The closures' reaches of the last second pass: an equal list is this one, so that
    /// the analyses that read it compare by pointer.
    escaped: Option<Arc<Escapes>>,
    /// What each function's text says (see `Text`): it depends on its body and the
    /// declarations only.
    texts: Vec<Option<Text>>,
    /// What entry points kept in objects, by type, as last joined (see `Kept::by_type`).
    kept: KeptCache,
    /// What the declarations alone give (see `Declared`).
    declared: Option<Arc<Declared>>,
    /// The first pass's schedule as read from the functions' texts, when they make no
    /// cycle: it depends on those texts alone, so it stands while none of them changes.
    read_schedule: Option<Schedule>,
    /// The texts of functions whose body changed, as the kept schedule read them: a text
    /// read again that equals its stale one leaves the schedule standing.
    stale: Vec<(FnId, Text)>,
}

/// What one function's text says, read without analysing it.
#[derive(PartialEq)]
pub(super) struct Text {
    /// The callee lists of its calls (see `CallGraph::from_text`).
    pub calls: Arc<[Arc<[FnId]>]>,
    /// It names something that carries labels (see `relevance`).
    pub seed: bool,
    /// It writes a closure or names a static: what escapes through those reaches functions
    /// that name nothing labelled (see `relevance`).
    pub shares: bool,
    /// It names a static: it may return what any function stored there, so its callers
    /// can come to hold labelled data as a seed's do.
    pub statics: bool,
}

impl Memo {
    /// Forgets everything: the program's declarations changed, so function ids, labels and
    /// types may mean something else.
    pub fn forget(&mut self) {
        *self = Memo::default();
    }

    /// Forgets the analyses of the functions whose body changed.
    pub fn forget_functions(&mut self, changed: impl Fn(FnId) -> bool) {
        // Every list is by `FnId`, of the same length (see `fit`).
        for (index, text) in self.texts.iter_mut().enumerate() {
            if changed(FnId(index as u32)) {
                if let Some(text) = text.take() {
                    self.stale.push((FnId(index as u32), text));
                }
                for slot in &mut self.slots {
                    if let Some(entry) = slot.get_mut(index) {
                        *entry = None;
                    }
                }
            }
        }
    }

    /// Makes room for `fns` functions; a program of another size is another program.
    pub(super) fn fit(&mut self, fns: usize) {
        if self.slots[0].len() != fns {
            self.forget();
            for slot in &mut self.slots {
                slot.resize_with(fns, || None);
            }
            self.texts.resize_with(fns, || None);
        }
    }

    /// What the program's declarations give, computed by `of` unless remembered.
    pub(super) fn declared(&mut self, of: impl FnOnce() -> Declared) -> Arc<Declared> {
        self.declared.get_or_insert_with(|| Arc::new(of())).clone()
    }

    /// What every function's text says, by `FnId` (all present); `read` reads those not
    /// remembered (in parallel).
    pub(super) fn texts(&mut self, read: impl Fn(FnId) -> Text + Sync) -> &[Option<Text>] {
        let missing: Vec<FnId> = (self.texts.iter().enumerate())
            .filter(|(_, text)| text.is_none())
            .map(|(index, _)| FnId(index as u32))
            .collect();
        let read: Vec<Text> = missing.par_iter().map(|f| read(*f)).collect();
        for (f, text) in missing.into_iter().zip(read) {
            if !(self.stale.iter()).any(|(g, stale)| *g == f && *stale == text) {
                self.read_schedule = None;
            }
            self.texts[f.index()] = Some(text);
        }
        self.stale.clear();
        &self.texts
    }

    /// The schedule read from the texts as they are now, if one was kept for them.
    pub(super) fn read_schedule(&self) -> Option<&Schedule> {
        self.read_schedule.as_ref()
    }

    pub(super) fn keep_read_schedule(&mut self, schedule: &Schedule) {
        self.read_schedule = Some(schedule.clone());
    }

    /// The texts read so far (see `texts`) and what entry points kept, as last joined.
    pub(super) fn texts_and_kept(&mut self) -> (&[Option<Text>], &mut KeptCache) {
        (&self.texts, &mut self.kept)
    }

    /// What escaped, for a second pass, shared with the last one when equal.
    pub(super) fn escaped(&mut self, escaped: Escapes) -> Arc<Escapes> {
        match &self.escaped {
            Some(last) if last.identical(&escaped) => last.clone(),
            _ => {
                let escaped = Arc::new(escaped);
                self.escaped = Some(escaped.clone());
                escaped
            }
        }
    }

    /// Analyses of every member of a component whose inputs are the same as now. Any
    /// pass's analyses serve, since they are compared by their inputs. `groups` holds, by
    /// address, whether every summary a group of impls was built from is the one done now:
    /// the same for every component of a level (`done` grows between levels only), so a
    /// group many callers applied is compared once per level, not once per caller.
    pub(super) fn find(
        &self,
        inputs: &Inputs,
        groups: &mut HashMap<*const Group, bool>,
    ) -> Option<Vec<Arc<Analysed>>> {
        let Inputs {
            pass,
            fns,
            recursive,
            called,
            entries,
            done,
            escaped,
            seeds,
        } = *inputs;
        let warm = inputs.warm();
        let valid = |f: &FnId, entry: &Arc<Analysed>, groups: &mut HashMap<*const Group, bool>| {
            entry.recursive == recursive
                && entry.summarized == called[f.index()]
                && entry.entry == entries[f.index()]
                && *entry.component == *fns
                && (entry.escaped.as_ref())
                    .is_none_or(|read| same_read(&entry.output, *f, read, escaped))
                && entry.reads.iter().all(|(callee, read)| {
                    same_summary(read.as_ref(), done[callee.index()].as_ref())
                })
                && entry.groups.iter().all(|group| {
                    let unchanged = *groups.entry(Arc::as_ptr(group)).or_insert_with(|| {
                        group
                            .reads()
                            .all(|(callee, read)| same_summary(read, done[callee.index()].as_ref()))
                    });
                    unchanged
                        || group.reads().all(|(callee, read)| {
                            fns.contains(&callee)
                                || same_summary(read, done[callee.index()].as_ref())
                        })
                })
        };
        let all_valid = |entries: &mut dyn FnMut(FnId) -> Option<Arc<Analysed>>,
                         groups: &mut HashMap<*const Group, bool>| {
            (fns.iter())
                .map(|f| entries(*f).filter(|entry| valid(f, entry, groups)))
                .collect::<Option<Vec<_>>>()
        };
        if warm {
            // The pass before's analyses, where still valid, are a fixpoint of this pass's
            // equations; otherwise this pass's own, started from the same summaries. The
            // members of one solve share their seeds' list: it is compared once.
            let now: Vec<Option<&Arc<Summary>>> = inputs.seed_summaries().collect();
            let mut compared: HashMap<*const [Option<Arc<Summary>>], bool> = HashMap::default();
            let mut seeded = |entry: &Arc<Analysed>| {
                (entry.seeded.as_ref()).is_some_and(|seeded| {
                    *compared.entry(Arc::as_ptr(seeded)).or_insert_with(|| {
                        (seeded.iter().zip(&now)).all(|(was, now)| same_summary(was.as_ref(), *now))
                    })
                })
            };
            let own = &self.slots[pass as usize];
            return all_valid(&mut |f| seeds.get(f.index())?.clone(), groups).or_else(|| {
                all_valid(
                    &mut |f| own[f.index()].clone().filter(|e| seeded(e)),
                    groups,
                )
            });
        }
        let own = pass as usize;
        let mut order = std::iter::once(own).chain((0..self.slots.len()).filter(|s| *s != own));
        order.find_map(|slot| {
            let slot = &self.slots[slot];
            all_valid(
                &mut |f| slot[f.index()].clone().filter(|e| e.seeded.is_none()),
                groups,
            )
        })
    }

    /// Remembers a component's new analyses. A summary equal to one remembered for the
    /// same function is that one, so that its callers find their reads unchanged by pointer.
    pub(super) fn keep(
        &mut self,
        inputs: &Inputs,
        solved: Vec<(FnId, Arc<Summary>, interp::Output)>,
    ) -> Vec<(FnId, Arc<Analysed>)> {
        let Inputs {
            pass,
            fns,
            recursive,
            called,
            entries,
            done,
            escaped,
            ..
        } = *inputs;
        let component: Arc<[FnId]> = fns.into();
        let seeded: Option<Arc<[Option<Arc<Summary>>]>> =
            (inputs.warm()).then(|| inputs.seed_summaries().map(Option::<&_>::cloned).collect());
        solved
            .into_iter()
            .map(|(f, summary, output)| {
                let summary = self
                    .slots
                    .iter()
                    .filter_map(|slot| slot[f.index()].as_ref())
                    .map(|entry| &entry.summary)
                    .find(|kept| kept.identical(&summary))
                    .cloned()
                    .unwrap_or(summary);
                let mut groups: Vec<Arc<Group>> = output
                    .calls
                    .iter()
                    .filter_map(|call| call.group.clone())
                    .collect();
                groups.sort_by_key(|group| Arc::as_ptr(group) as usize);
                groups.dedup_by(|a, b| Arc::ptr_eq(a, b));
                let mut reads: Vec<(FnId, Option<Arc<Summary>>)> = output
                    .calls
                    .iter()
                    .filter(|call| call.group.is_none())
                    .flat_map(|call| call.callees.iter().copied())
                    .filter(|callee| !fns.contains(callee))
                    .map(|callee| (callee, done[callee.index()].clone()))
                    .collect();
                reads.sort_by_key(|(callee, _)| *callee);
                reads.dedup_by_key(|(callee, _)| *callee);
                let analysed = Arc::new(Analysed {
                    summary,
                    escaped: (output.unknown_calls
                        || output.reads_statics
                        || !output.given.is_empty())
                    .then(|| escaped.clone()),
                    output,
                    reads,
                    groups,
                    component: component.clone(),
                    recursive,
                    seeded: seeded.clone(),
                    summarized: called[f.index()],
                    entry: entries[f.index()],
                });
                // A partial result (budget spent, internal error) is not remembered: the
                // next check meets the same limit again.
                self.slots[pass as usize][f.index()] =
                    analysed.output.error.is_none().then(|| analysed.clone());
                (f, analysed)
            })
            .collect()
    }

    /// Reused analyses are this pass's too.
    pub(super) fn reuse(&mut self, inputs: &Inputs, analysed: &[Arc<Analysed>]) {
        for (f, entry) in inputs.fns.iter().zip(analysed) {
            self.slots[inputs.pass as usize][f.index()] = Some(entry.clone());
        }
    }
}

fn same_list(a: &Arc<Escapes>, b: &Arc<Escapes>) -> bool {
    Arc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
}

/// Whether what analysis `output` of `f` read of what escaped is the same in `now` as in
/// `read`: all of it, where it called a callable of unknown origin or read a static;
/// otherwise only what the other entry points kept in the objects it is given.
fn same_read(output: &interp::Output, f: FnId, read: &Arc<Escapes>, now: &Arc<Escapes>) -> bool {
    if output.unknown_calls || output.reads_statics {
        return same_list(read, now);
    }
    Arc::ptr_eq(read, now)
        || (output.given.iter()).all(|key| match (read.kept_in(key, f), now.kept_in(key, f)) {
            (None, None) => true,
            (Some(a), Some(b)) => a.identical(b),
            _ => false,
        })
}

fn same_summary(a: Option<&Arc<Summary>>, b: Option<&Arc<Summary>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a.identical(b),
        _ => false,
    }
}
