//! `inventory --format json`: the inventory model as one JSON document.

use super::Inventory;
use crate::diagnostic::Report;

pub fn render(report: &Report) -> String {
    let mut out =
        serde_json::to_string_pretty(&Inventory::of(report)).expect("the inventory is plain data");
    out.push('\n');
    out
}
