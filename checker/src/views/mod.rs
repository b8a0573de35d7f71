//! The views of the labelled data-flow graph: `graph` draws it (DOT, Mermaid) and
//! `inventory` lists it per category (Markdown, JSON, HTML). Both read only the `Report`:
//! its flows are the graph's labelled paths and its labels the declarations, so every view
//! says what `check` judged.

pub mod dot;
pub mod graph;
pub mod inventory;
pub mod mermaid;

use crate::diagnostic::{Flow, Location, Outcome, Report};
use crate::lsp::syntax::Outline;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// How a flow was judged, ordered by how much it matters: a node or edge that several flows
/// share shows the gravest.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    #[default]
    Allowed,
    Guarded,
    /// A violation that an `allow_flow` suppresses.
    Suppressed,
    Violation,
}

impl Verdict {
    pub fn of(flow: &Flow) -> Verdict {
        match (&flow.outcome, &flow.suppressed) {
            (Outcome::Allowed, _) => Verdict::Allowed,
            (Outcome::Guarded { .. }, _) => Verdict::Guarded,
            (Outcome::Violation(_), Some(_)) => Verdict::Suppressed,
            (Outcome::Violation(_), None) => Verdict::Violation,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Verdict::Allowed => "allowed",
            Verdict::Guarded => "guarded",
            Verdict::Suppressed => "suppressed",
            Verdict::Violation => "violation",
        }
    }
}

/// The verdict of a flow in words: `allowed`, the guard's note, or the code.
pub fn verdict_text(flow: &Flow) -> String {
    match (&flow.outcome, &flow.suppressed) {
        (Outcome::Allowed, _) => "allowed".into(),
        (Outcome::Guarded { note }, _) => format!("guarded: {note}"),
        (Outcome::Violation(code), None) => format!("{} violation", code.as_str()),
        (Outcome::Violation(code), Some(suppression)) => format!(
            "{} suppressed by allow_flow: {}",
            code.as_str(),
            suppression.reason
        ),
    }
}

/// The last two segments of an item path, `User::phone` for `crate::account::User::phone`:
/// enough to recognise it next to its file name.
pub fn short(path: &str) -> &str {
    match path.rmatch_indices("::").nth(1) {
        Some((at, _)) => &path[at + 2..],
        None => path,
    }
}

/// A function that encloses a location: its file, where it starts (two functions of one
/// file may share a name) and its name.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Scope {
    pub file: Arc<str>,
    pub start: usize,
    pub name: String,
}

/// The enclosing functions of the report's locations. A flow's steps name places, not
/// functions, so the functions are read with syn from the texts the report was computed on.
pub struct Scopes {
    outlines: BTreeMap<Arc<str>, Outline>,
}

impl Scopes {
    /// Parses the files that the flows pass through, and only those.
    pub fn of(report: &Report) -> Scopes {
        let visited: BTreeSet<&str> = report
            .flows
            .iter()
            .flat_map(|flow| {
                let steps = flow.path.iter().map(|step| &step.location);
                [&flow.source, &flow.sink.location].into_iter().chain(steps)
            })
            .map(|location| &*location.file)
            .collect();
        let outlines = report
            .files
            .iter()
            .filter(|(name, _)| name.ends_with(".rs") && visited.contains(&**name))
            .filter_map(|(name, text)| Some((name.clone(), Outline::parse(text)?)))
            .collect();
        Scopes { outlines }
    }

    /// The innermost function holding `location`; `None` outside functions (a field's
    /// label, a `sharelock.toml` entry) and in files that do not parse.
    pub fn enclosing(&self, location: &Location) -> Option<Scope> {
        let function = self
            .outlines
            .get(&location.file)?
            .function_at(location.pos.start as usize)?;
        Some(Scope {
            file: location.file.clone(),
            start: function.span.start,
            name: function.name.clone(),
        })
    }

    /// The functions a flow passes through, from its source to the one making the sink call,
    /// each named once per visit.
    pub fn through(&self, flow: &Flow) -> Vec<String> {
        let places = std::iter::once(&flow.source)
            .chain(flow.path.iter().map(|step| &step.location))
            .chain(std::iter::once(&flow.sink.location));
        let mut functions: Vec<Scope> = places.filter_map(|place| self.enclosing(place)).collect();
        functions.dedup();
        functions.into_iter().map(|scope| scope.name).collect()
    }
}
