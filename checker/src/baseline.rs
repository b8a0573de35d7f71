//! Baselines: adopt sharelock on a codebase with known violations, then fail only on new
//! ones. A baseline lists the fingerprints of the violations that failed when it was
//! written; a fingerprint hashes code, category, party and the source and sink item paths,
//! so it survives line shifts and unrelated edits. Each entry excuses one violation: a
//! second call to the same sink with the same label is new, and fails.

use crate::diagnostic::{Report, Violation};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    /// Sorted by fingerprint, so the file diffs well.
    pub violations: Vec<Entry>,
}

/// One excused violation. Only `fingerprint` is matched; the rest says what it was, for
/// whoever reviews the file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    pub category: Option<String>,
    pub party: Option<String>,
    pub source: String,
    pub sink: Option<String>,
}

impl Entry {
    fn of(violation: &Violation) -> Entry {
        Entry {
            fingerprint: violation.fingerprint.clone(),
            code: violation.code.as_str().to_string(),
            category: violation.category.as_ref().map(|c| c.to_string()),
            party: violation.party.as_ref().map(|p| p.to_string()),
            source: violation.source_item.clone(),
            sink: violation.sink.as_ref().map(|sink| sink.function.clone()),
        }
    }
}

impl Baseline {
    /// The violations of `report` that fail now (suppressed ones need no baseline).
    pub fn of(report: &Report) -> Baseline {
        let mut violations: Vec<Entry> = report
            .violations
            .iter()
            .filter(|v| v.suppressed.is_none())
            .map(Entry::of)
            .collect();
        violations.sort();
        Baseline {
            version: 1,
            violations,
        }
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if baseline.version != 1 {
            return Err(format!("unsupported baseline version {}", baseline.version));
        }
        Ok(baseline)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("plain data serializes");
        text.push('\n');
        text
    }

    /// Removes from `report` the failing violations this baseline lists, and returns how
    /// many it removed. The summary's violation count drops by as many.
    pub fn apply(&self, report: &mut Report) -> usize {
        let mut excused: HashMap<&str, usize> = HashMap::new();
        for entry in &self.violations {
            *excused.entry(&entry.fingerprint).or_default() += 1;
        }
        let before = report.violations.len();
        report.violations.retain(|violation| {
            if violation.suppressed.is_some() {
                return true;
            }
            match excused.get_mut(violation.fingerprint.as_str()) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    false
                }
                _ => true,
            }
        });
        let removed = before - report.violations.len();
        report.summary.violations = report.summary.violations.saturating_sub(removed);
        removed
    }
}
