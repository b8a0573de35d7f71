//! Hand-built reports for the output formats: the engine is not involved, so these tests
//! pin the rendering alone. Locations are found by searching the file texts, so the texts
//! can be edited freely.

// Each test binary uses a different part of this module.
#![allow(dead_code)]

use sharelock_checker::diagnostic::{
    Code, Error, Location, Report, Sink, Step, Summary, Suppression, Violation,
};
use sharelock_checker::model::{Category, Party, Pos};
use std::sync::Arc;

pub const LIB: &str = r#"use sharelock::Data;

#[derive(Data)]
pub struct User {
    pub id: u64,
    #[sharelock(category = "account.phone", consent(parent_company))]
    pub phone: String,
    #[sharelock(category = "account.opt_out", allow(parent_company), must_reach(user_export))]
    pub opted_out_2016: bool,
}

#[derive(Data)]
#[sharelock(category = "message.personal", deny(parent_company))]
pub struct PersonalMessage {
    pub body: String,
}
"#;

pub const SYNC: &str = r#"use crate::graph::GraphClient;
use crate::User;

pub fn sync_contacts(user: &User, client: &GraphClient) {
    let phone = user.phone.clone();
    let payload = format!("{{\"phone\": \"{phone}\"}}");
    client.post(payload.as_bytes());
}
"#;

pub const BACKUP: &str = r#"use crate::PersonalMessage;

#[sharelock::allow_flow(reason = "DPA-2021-04: legal hold export, reviewed")]
pub fn legal_hold(msg: &PersonalMessage) {
    crate::graph::upload_batch(&msg.body);
}

#[sharelock::allow_flow(reason = "migration, 2019")]
pub fn old_migration() {}
"#;

/// The location of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn at(file: &str, text: &str, needle: &str, nth: usize) -> Location {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` is not in {file}"))
        .0;
    let before = &text[..start];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() as u32 + 1;
    let pos = Pos {
        line,
        column,
        start: start as u32,
        end: (start + needle.len()) as u32,
    };
    Location {
        file: Arc::from(file),
        pos,
    }
}

pub fn step(location: Location, note: &str) -> Step {
    Step {
        location,
        note: note.to_string(),
    }
}

fn labelled(code: Code, category: &str, party: &str) -> (Code, Option<Category>, Option<Party>) {
    (
        code,
        Some(Category::parse(category).unwrap()),
        Some(Party::new(party)),
    )
}

/// Four violations over three files: a consent flow with steps, a suppressed denied flow,
/// a missing required flow and an unused `allow_flow` (both without a sink).
pub fn report() -> Report {
    let (code, category, party) =
        labelled(Code::ConsentWithoutCheck, "account.phone", "parent_company");
    let consent = Violation {
        code,
        message: "account.phone of a user who may have opted out reaches parent_company without a consent check".into(),
        category,
        party,
        source: at("src/lib.rs", LIB, "#[sharelock(category = \"account.phone\"", 0),
        source_item: "crate::User::phone".into(),
        sink: Some(Sink {
            location: at("src/sync.rs", SYNC, "post", 0),
            function: "crate::graph::GraphClient::post".into(),
        }),
        path: vec![
            step(at("src/sync.rs", SYNC, "user.phone", 0), "read from User::phone"),
            step(at("src/sync.rs", SYNC, "format!", 0), "formatted into `payload`"),
            step(at("src/sync.rs", SYNC, "payload.as_bytes()", 0), "passed as argument `body`"),
        ],
        suppressed: None,
        fingerprint: "5b1f0a6f7c0e2d11".into(),
    };
    let (code, category, party) = labelled(Code::DeniedFlow, "message.personal", "parent_company");
    let denied = Violation {
        code,
        message: "message.personal reaches parent_company, which its label denies".into(),
        category,
        party,
        source: at(
            "src/lib.rs",
            LIB,
            "#[sharelock(category = \"message.personal\"",
            0,
        ),
        source_item: "crate::PersonalMessage".into(),
        sink: Some(Sink {
            location: at("src/backup.rs", BACKUP, "upload_batch", 0),
            function: "crate::graph::upload_batch".into(),
        }),
        path: vec![step(
            at("src/backup.rs", BACKUP, "msg.body", 0),
            "read from PersonalMessage::body",
        )],
        suppressed: Some(Suppression {
            reason: "DPA-2021-04: legal hold export, reviewed".into(),
            location: at("src/backup.rs", BACKUP, "#[sharelock::allow_flow", 0),
        }),
        fingerprint: "0c6d9a3e44b2f801".into(),
    };
    let (code, category, party) =
        labelled(Code::RequiredFlowMissing, "account.opt_out", "user_export");
    let required = Violation {
        code,
        message: "account.opt_out must reach user_export, but no flow carries it to a sink of user_export".into(),
        category,
        party,
        source: at("src/lib.rs", LIB, "#[sharelock(category = \"account.opt_out\"", 0),
        source_item: "crate::User::opted_out_2016".into(),
        sink: None,
        path: Vec::new(),
        suppressed: None,
        fingerprint: "9e03c1b7d25a4f66".into(),
    };
    let unused = Violation {
        code: Code::UnusedAllowFlow,
        message: "this allow_flow suppresses no violation".into(),
        category: None,
        party: None,
        source: at("src/backup.rs", BACKUP, "#[sharelock::allow_flow", 1),
        source_item: "crate::backup::old_migration".into(),
        sink: None,
        path: Vec::new(),
        suppressed: None,
        fingerprint: "e4a7b0c9d3f21588".into(),
    };
    Report {
        violations: vec![denied, unused, required, consent],
        summary: Summary {
            files: 3,
            functions: 4,
            violations: 4,
            suppressed: 1,
        },
        files: vec![
            (Arc::from("src/backup.rs"), Arc::from(BACKUP)),
            (Arc::from("src/lib.rs"), Arc::from(LIB)),
            (Arc::from("src/sync.rs"), Arc::from(SYNC)),
        ],
        ..Report::default()
    }
}

/// A partial result: one violation, and two errors (one located, one not).
pub fn report_with_errors() -> Report {
    let mut report = report();
    report
        .violations
        .retain(|v| v.code == Code::ConsentWithoutCheck);
    report.summary = Summary {
        files: 3,
        functions: 4,
        violations: 1,
        suppressed: 0,
    };
    report.errors = vec![
        Error {
            message: "expected `;`, found `}`".into(),
            location: Some(at("src/backup.rs", BACKUP, "}", 0)),
            help: Some("a file that does not parse is never checked".into()),
        },
        Error {
            message: "no sharelock.toml found above the checked path".into(),
            location: None,
            help: Some("create one, or pass --policy FILE".into()),
        },
    ];
    report
}
