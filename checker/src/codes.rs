//! The documentation of every code, from one source: `docs/codes/SL00x.md` at the repository
//! root, written clippy-style (what it does, why, an example, what to write instead).
//! `explain`, the SARIF rule help, the rustc-json `explanation` and the docs links all read
//! it from here.

use crate::diagnostic::Code;

/// The whole Markdown page of a code.
pub fn documentation(code: Code) -> &'static str {
    match code {
        Code::DeniedFlow => include_str!("../../docs/codes/SL001.md"),
        Code::ConsentWithoutCheck => include_str!("../../docs/codes/SL002.md"),
        Code::RequiredFlowMissing => include_str!("../../docs/codes/SL003.md"),
        Code::UnusedAllowFlow => include_str!("../../docs/codes/SL004.md"),
    }
}

/// The page's heading without the code: `denied flow`.
pub fn title(code: Code) -> &'static str {
    let heading = documentation(code).lines().next().unwrap_or_default();
    heading
        .trim_start_matches('#')
        .trim()
        .trim_start_matches(code.as_str())
        .trim_start_matches(':')
        .trim()
}

/// The page's first paragraph: one sentence saying what the code reports.
pub fn summary(code: Code) -> &'static str {
    let page = documentation(code);
    let body = page.split_once("\n\n").map_or("", |(_, rest)| rest);
    body.split("\n\n").next().unwrap_or_default().trim()
}

/// A name for tools that want an identifier rather than a code (SARIF `rule.name`).
pub fn name(code: Code) -> String {
    format!("{code:?}")
}

/// Where the page is published: the source file in the repository.
pub fn url(code: Code) -> String {
    format!(
        "{}/blob/main/docs/codes/{}.md",
        env!("CARGO_PKG_REPOSITORY"),
        code.as_str()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_the_clippy_sections() {
        for code in Code::ALL {
            let page = documentation(code);
            assert!(
                page.starts_with(&format!("# {}: ", code.as_str())),
                "{page}"
            );
            for section in [
                "## What it does",
                "## Why is this bad",
                "## Example",
                "## Use instead",
            ] {
                assert!(page.contains(section), "{} lacks {section}", code.as_str());
            }
        }
    }

    #[test]
    fn titles_and_summaries_come_from_the_page() {
        assert_eq!(title(Code::DeniedFlow), "denied flow");
        assert_eq!(title(Code::UnusedAllowFlow), "unused allow_flow");
        assert_eq!(
            summary(Code::DeniedFlow),
            "A labelled value reaches a party that its label denies."
        );
        assert_eq!(name(Code::ConsentWithoutCheck), "ConsentWithoutCheck");
    }
}
