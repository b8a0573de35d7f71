//! Measuring a corpus and rendering the tables and target verdicts of `docs/performance.md`.

use crate::cargo_check::CargoCheck;
use crate::corpus::Corpus;
use crate::probe::{self, Kind, Limits, Measured};
use std::fmt::Write as _;
use std::io;

/// The targets, as ratios measured in one run.
const MIN_CHECK_TO_PARSE: f64 = 0.5;
const MAX_SCALING_100K_TO_1M: f64 = 12.0;
const MAX_PEAK_TO_SOURCE: f64 = 20.0;
const MIN_CARGO_TO_CHECK: f64 = 20.0;
const MAX_INCREMENTAL_MS: f64 = 100.0;

/// The editor's case is measured up to the 100k-line corpus the target names; on larger ones
/// it would triple the run's longest measurement.
const INCREMENTAL_MAX_LINES: usize = 200_000;

pub struct Row {
    pub name: String,
    pub files: usize,
    pub lines: usize,
    pub bytes: u64,
    pub check_secs: f64,
    pub check_rss: u64,
    /// The same check on one thread.
    pub check_one_thread_secs: f64,
    pub parse_secs: f64,
    pub violations: usize,
    /// Files the check read (modules declared inside macros are not among them).
    pub checked_files: usize,
    /// The first error of the check or of a probe: the row's figures are then not a clean run.
    pub error: Option<String>,
    /// Synthetic corpora: full check, re-check after a one-file edit, and whether it matched.
    pub incremental: Option<(f64, f64, bool)>,
}

impl Row {
    /// The fastest of `runs` parses and checks (alternating), and the highest peak memory.
    pub fn measure(corpus: &Corpus, runs: usize, limits: &Limits) -> io::Result<Row> {
        let mut row = Row {
            name: corpus.name.clone(),
            files: corpus.files.len(),
            lines: corpus.lines,
            bytes: corpus.bytes,
            check_secs: f64::INFINITY,
            check_rss: 0,
            check_one_thread_secs: f64::INFINITY,
            parse_secs: f64::INFINITY,
            violations: 0,
            checked_files: 0,
            error: None,
            incremental: None,
        };
        let policy = corpus.policy.as_deref();
        for _ in 0..runs.max(1) {
            if let Some(parse) = row.record(probe::spawn(Kind::Parse, &corpus.root, policy, limits))
            {
                row.parse_secs = row.parse_secs.min(parse.outcome.secs);
            }
            if let Some(check) = row.record(probe::spawn(Kind::Check, &corpus.root, policy, limits))
            {
                row.check_secs = row.check_secs.min(check.outcome.secs);
                row.check_rss = row.check_rss.max(check.peak_rss_bytes);
                row.violations = check.outcome.violations;
                row.checked_files = check.outcome.files;
            }
            let one_thread = probe::spawn(Kind::CheckOneThread, &corpus.root, policy, limits);
            if let Some(check) = row.record(one_thread) {
                row.check_one_thread_secs = row.check_one_thread_secs.min(check.outcome.secs);
            }
        }
        if corpus.synthetic && corpus.lines <= INCREMENTAL_MAX_LINES {
            for _ in 0..runs.max(1) {
                if let Some(m) = row.record(probe::spawn(
                    Kind::Incremental,
                    &corpus.root,
                    policy,
                    limits,
                )) {
                    let edit = m.outcome.edit_secs.unwrap_or(f64::INFINITY);
                    let matches = m.outcome.edit_matches_full.unwrap_or(false);
                    row.incremental = Some(match row.incremental {
                        Some((full, best, same)) => {
                            (full.min(m.outcome.secs), best.min(edit), same && matches)
                        }
                        None => (m.outcome.secs, edit, matches),
                    });
                }
            }
        }
        Ok(row)
    }

    /// Keeps the first error a probe reports (a failed child, or errors in its result).
    fn record(&mut self, measured: io::Result<Measured>) -> Option<Measured> {
        match measured {
            Ok(m) => {
                if m.outcome.errors > 0 && self.error.is_none() {
                    let first = m.outcome.first_error.clone().unwrap_or_default();
                    self.error = Some(format!("{} error(s), first: {first}", m.outcome.errors));
                }
                Some(m)
            }
            Err(error) => {
                self.error.get_or_insert(error.to_string());
                None
            }
        }
    }

    /// One line of progress while the run goes on.
    pub fn progress(&self) -> String {
        let incremental = self.incremental.map_or(String::new(), |(_, edit, _)| {
            format!(", re-check after an edit {:.1} ms", edit * 1e3)
        });
        format!(
            "check {:.3} s, parse {:.3} s, peak {} MiB{incremental}{}",
            self.check_secs,
            self.parse_secs,
            self.check_rss >> 20,
            self.error
                .as_deref()
                .map_or(String::new(), |e| format!(", ERROR: {e}"))
        )
    }

    fn parse_lines_per_sec(&self) -> f64 {
        self.lines as f64 / self.parse_secs
    }

    fn check_lines_per_sec(&self) -> f64 {
        self.lines as f64 / self.check_secs
    }
}

const MIB: f64 = 1024.0 * 1024.0;

pub fn render(rows: &[Row], cargo: &[(String, CargoCheck, f64)]) -> String {
    let mut out = String::new();
    out.push_str(
        "| corpus | files (checked) | lines | MB | check s | check lines/s | parse s \
         | parse lines/s | check/parse | peak MB | peak/source | violations |\n\
         |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n",
    );
    for row in rows {
        let checked = if row.check_secs.is_finite() {
            format!(
                "{:.3} | {:.0} | {:.3} | {:.0} | {:.2} | {:.0} | {:.1} | {}",
                row.check_secs,
                row.check_lines_per_sec(),
                row.parse_secs,
                row.parse_lines_per_sec(),
                row.check_lines_per_sec() / row.parse_lines_per_sec(),
                row.check_rss as f64 / MIB,
                row.check_rss as f64 / row.bytes as f64,
                row.violations,
            )
        } else {
            format!(
                "failed | - | {:.3} | {:.0} | - | - | - | -",
                row.parse_secs,
                row.parse_lines_per_sec()
            )
        };
        let _ = writeln!(
            out,
            "| {} | {} ({}) | {} | {:.1} | {checked} |",
            row.name,
            row.files,
            row.checked_files,
            row.lines,
            row.bytes as f64 / MIB,
        );
    }
    let errors: Vec<&Row> = rows.iter().filter(|r| r.error.is_some()).collect();
    if !errors.is_empty() {
        out.push_str("\nNot clean runs (their figures do not count):\n");
        for row in errors {
            let _ = writeln!(
                out,
                "- {}: {}",
                row.name,
                row.error.as_deref().unwrap_or_default()
            );
        }
    }

    let _ = write!(
        out,
        "\n| corpus | check s, one thread | check s, {} threads | speed-up |\n|---|--:|--:|--:|\n",
        rayon::current_num_threads()
    );
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {:.3} | {:.3} | {:.2} |",
            row.name,
            row.check_one_thread_secs,
            row.check_secs,
            row.check_one_thread_secs / row.check_secs
        );
    }

    let incremental: Vec<(&Row, (f64, f64, bool))> = rows
        .iter()
        .filter_map(|r| r.incremental.map(|i| (r, i)))
        .collect();
    if !incremental.is_empty() {
        out.push_str(
            "\n| corpus | Workspace::check ms | re-check after a one-file edit ms | same as a full check |\n\
             |---|--:|--:|---|\n",
        );
        for (row, (full, edit, same)) in &incremental {
            let _ = writeln!(
                out,
                "| {} | {:.1} | {:.1} | {} |",
                row.name,
                full * 1e3,
                edit * 1e3,
                if *same { "yes" } else { "no" }
            );
        }
    }

    if !cargo.is_empty() {
        out.push_str("\n| corpus | cold cargo check s | sharelock check s | cargo check / check |\n|---|--:|--:|--:|\n");
        for (name, result, check) in cargo {
            let _ = match (&result.failure, check.is_finite()) {
                (None, true) => writeln!(
                    out,
                    "| {name} | {:.2} | {check:.3} | {:.1} |",
                    result.secs,
                    result.secs / check
                ),
                (None, false) => writeln!(out, "| {name} | {:.2} | failed | - |", result.secs),
                (Some(failure), _) => {
                    writeln!(out, "| {name} | failed: {failure} | {check:.3} | - |")
                }
            };
        }
    }

    out.push_str("\nTargets:\n");
    out.push_str(&targets(rows, cargo));
    out
}

fn targets(rows: &[Row], cargo: &[(String, CargoCheck, f64)]) -> String {
    let clean: Vec<&Row> = rows.iter().filter(|r| r.error.is_none()).collect();
    let mut out = String::new();
    let mut line = |name: &str, value: Option<(f64, bool)>, unit: &str| {
        let verdict = match value {
            Some((v, true)) => format!("{v:.2}{unit}: met"),
            Some((v, false)) => format!("{v:.2}{unit}: NOT met"),
            None => "not measured in this run".to_string(),
        };
        let _ = writeln!(out, "- {name}: {verdict}");
    };

    let worst_ratio = clean
        .iter()
        .map(|r| r.check_lines_per_sec() / r.parse_lines_per_sec())
        .min_by(f64::total_cmp);
    line(
        "check throughput / bare parse (worst corpus, target >= 0.5)",
        worst_ratio.map(|r| (r, r >= MIN_CHECK_TO_PARSE)),
        "x",
    );

    let named = |name: &str| clean.iter().find(|r| r.name == name);
    let scaling = named("synthetic 100k")
        .zip(named("synthetic 1m"))
        .map(|(small, large)| large.check_secs / small.check_secs);
    line(
        "time 100k -> 1M lines (target <= 12x)",
        scaling.map(|s| (s, s <= MAX_SCALING_100K_TO_1M)),
        "x",
    );

    let worst_memory = clean
        .iter()
        .map(|r| r.check_rss as f64 / r.bytes as f64)
        .max_by(f64::total_cmp);
    line(
        "peak memory / source bytes (worst corpus, target <= 20)",
        worst_memory.map(|m| (m, m <= MAX_PEAK_TO_SOURCE)),
        "x",
    );

    let slowest_ratio = cargo
        .iter()
        .filter(|(_, result, check)| result.failure.is_none() && check.is_finite())
        .map(|(_, result, check)| result.secs / check)
        .min_by(f64::total_cmp);
    line(
        "cold cargo check / check (least, target >= 20)",
        slowest_ratio.map(|r| (r, r >= MIN_CARGO_TO_CHECK)),
        "x",
    );

    let incremental = named("synthetic 100k")
        .and_then(|r| r.incremental)
        .map(|(_, edit, _)| edit * 1e3);
    line(
        "re-check after a one-file edit on 100k lines (target < 100 ms)",
        incremental.map(|ms| (ms, ms < MAX_INCREMENTAL_MS)),
        " ms",
    );
    out
}
