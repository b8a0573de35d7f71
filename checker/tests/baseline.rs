//! Baselines: written from a report, they excuse exactly the violations they list, and
//! keep excusing them when lines move.

mod common;

use sharelock_checker::baseline::Baseline;
use sharelock_checker::diagnostic::Code;

#[test]
fn lists_the_failing_violations_sorted() {
    let baseline = Baseline::of(&common::report());
    let fingerprints: Vec<&str> = baseline
        .violations
        .iter()
        .map(|entry| entry.fingerprint.as_str())
        .collect();
    // The suppressed SL001 needs no baseline.
    assert_eq!(
        fingerprints,
        ["5b1f0a6f7c0e2d11", "9e03c1b7d25a4f66", "e4a7b0c9d3f21588"]
    );
    insta::assert_snapshot!(baseline.to_json());
}

#[test]
fn round_trips_through_its_file() {
    let baseline = Baseline::of(&common::report());
    assert_eq!(Baseline::parse(&baseline.to_json()).unwrap(), baseline);
    assert!(Baseline::parse("{\"version\": 2, \"violations\": []}").is_err());
    assert!(Baseline::parse("[]").is_err());
}

#[test]
fn excuses_listed_violations_even_after_lines_move() {
    let baseline = Baseline::of(&common::report());
    let mut report = common::report();
    for violation in &mut report.violations {
        violation.source.pos.line += 10;
        if let Some(sink) = &mut violation.sink {
            sink.location.pos.line += 3;
        }
    }
    assert_eq!(report.exit_code(), 1);
    assert_eq!(baseline.apply(&mut report), 3);
    assert_eq!(report.exit_code(), 0);
    // The suppressed violation stays, as suppressed.
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].suppressed.is_some());
    assert_eq!(report.summary.violations, 1);
}

#[test]
fn a_new_violation_still_fails() {
    let baseline = Baseline::of(&common::report());
    let mut report = common::report();
    // A second flow of the same label to the same sink function: same fingerprint, new flow.
    let again = report
        .violations
        .iter()
        .find(|v| v.code == Code::ConsentWithoutCheck)
        .unwrap()
        .clone();
    report.violations.push(again);
    assert_eq!(baseline.apply(&mut report), 3);
    assert_eq!(report.exit_code(), 1);
    assert_eq!(
        report
            .violations
            .iter()
            .filter(|v| v.suppressed.is_none())
            .count(),
        1
    );
}
