//! `sharelock.toml`: the parties, categories and external items of a policy, parsed into
//! typed structures and validated, every error carrying its byte span in the file.
//!
//! Used by the checker and, through the same code, by the macros (to validate party and
//! category names at compile time).
//!
//! Parsing has two passes: serde reads the file's shape (TOML syntax, unknown keys, value
//! types: the first such error stops it), then validation checks every name, path and
//! category and reports all it finds.

use crate::model::{Category, Default, Party, Permission};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The file name looked up from the checked path upwards.
pub const FILE_NAME: &str = "sharelock.toml";

/// A path naming an item as code writes it after `use` resolution: `graph_sdk::GraphClient::post`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ItemPath(pub Vec<String>);

/// A label declared in the policy file (`[[sources]]`, `[[labels]]`); the same meaning as a
/// `LabelSpec` from an annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelDecl {
    pub category: Category,
    pub allow: Vec<Party>,
    pub deny: Vec<Party>,
    pub consent: Vec<Party>,
    pub must_reach: Vec<Party>,
}

#[derive(Clone, Debug)]
pub struct PartyDecl {
    pub name: Party,
    pub description: Option<String>,
    pub default: Default,
    /// Byte span of the `[parties.NAME]` header, for diagnostics.
    pub span: Range<usize>,
}

/// One external item with a role, from any of the list forms of the file.
#[derive(Clone, Debug)]
pub struct Entry<T> {
    pub path: ItemPath,
    pub role: T,
    /// Byte span of the entry (its `path` value) in the file.
    pub span: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct SinkRole {
    pub party: Party,
    /// `None`: every non-self argument.
    pub args: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct SourceRole {
    pub label: LabelDecl,
    /// `None`: the return value.
    pub args: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
pub struct SanitizerRole {
    /// `None`: every label.
    pub removes: Option<Vec<Category>>,
}

#[derive(Clone, Debug, Default)]
pub struct Policy {
    /// Declared parties, in file order.
    pub parties: Vec<PartyDecl>,
    /// `[categories] known`, when present.
    pub known_categories: Option<Vec<Category>>,
    /// `[parties.P] sinks = [..]` and `[[sinks]]`, in file order.
    pub sinks: Vec<Entry<SinkRole>>,
    pub sources: Vec<Entry<SourceRole>>,
    /// `[[labels]]`: a label for a type of another crate.
    pub labels: Vec<Entry<LabelDecl>>,
    pub sanitizers: Vec<Entry<SanitizerRole>>,
    pub consent_checks: Vec<Entry<Party>>,
}

/// An error in the policy file, with the byte span it points at.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyError {
    pub message: String,
    pub span: Option<Range<usize>>,
    pub help: Option<String>,
}

/// Why a party or category named somewhere (an annotation, a list in the file) is not declared
/// by the policy: what is wrong and what to write instead.
#[derive(Clone, Debug, PartialEq)]
pub struct Undeclared {
    pub message: String,
    pub help: String,
}

impl Policy {
    pub fn party(&self, name: &str) -> Option<&PartyDecl> {
        self.parties.iter().find(|p| p.name.as_str() == name)
    }

    /// What `label` permits for `party`: its own lists first, then the party's default.
    pub fn permission(&self, label: &LabelDecl, party: &Party) -> Permission {
        if label.allow.contains(party) {
            Permission::Allow
        } else if label.deny.contains(party) {
            Permission::Deny
        } else if label.consent.contains(party) {
            Permission::Consent
        } else {
            self.party(party.as_str())
                .map_or(Permission::Deny, |p| p.default.permission())
        }
    }

    /// `None` when `name` is a declared party; otherwise why not, with the closest declared
    /// name and the list of declared ones.
    pub fn undeclared_party(&self, name: &str) -> Option<Undeclared> {
        if self.party(name).is_some() {
            return None;
        }
        let declared: Vec<&str> = self.parties.iter().map(|p| p.name.as_str()).collect();
        let listed = if declared.is_empty() {
            format!("{FILE_NAME} declares no party; add a `[parties.{name}]` table")
        } else {
            format!("the declared parties are {}", quoted_list(&declared))
        };
        let help = match closest(name, declared.iter().copied()) {
            Some(close) => format!("did you mean `{close}`? {listed}"),
            None => listed,
        };
        Some(Undeclared {
            message: format!("unknown party `{name}`"),
            help,
        })
    }

    /// `None` when `[categories] known` is absent or lists `category` or one of its ancestors;
    /// otherwise why not, with a suggestion when a known category is a likely typo.
    pub fn undeclared_category(&self, category: &Category) -> Option<Undeclared> {
        self.undeclared(category, false)
    }

    /// Like [`Policy::undeclared_category`] for what a sanitizer removes, which may also be an
    /// ancestor of known categories: `removes = "message"` when `message.personal` is known.
    pub fn undeclared_removal(&self, category: &Category) -> Option<Undeclared> {
        self.undeclared(category, true)
    }

    fn undeclared(&self, category: &Category, ancestors_too: bool) -> Option<Undeclared> {
        let known = self.known_categories.as_ref()?;
        let declared = |k: &Category| k.covers(category) || (ancestors_too && category.covers(k));
        if known.iter().any(declared) {
            return None;
        }
        let names: Vec<&str> = known.iter().map(Category::as_str).collect();
        let listed = format!(
            "`[categories] known` lists {}; add `{category}` or an ancestor there",
            quoted_list(&names)
        );
        let help = match closest_category(category.as_str(), &names) {
            Some(close) => format!("did you mean `{close}`? {listed}"),
            None => listed,
        };
        Some(Undeclared {
            message: format!("category `{category}` is not among the known categories"),
            help,
        })
    }
}

/// `a`, `b`, `c` with backquotes, for messages that list names.
fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The candidate closest to `name` by edit distance, when close enough to be a typo.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// For a category under no known one: a known category that is a typo of the same number of
/// leading segments, with the rest of the category appended (`acount.phone` → `account.phone`).
fn closest_category(category: &str, known: &[&str]) -> Option<String> {
    let segments: Vec<&str> = category.split('.').collect();
    known
        .iter()
        .filter_map(|k| {
            let depth = k.split('.').count();
            if depth > segments.len() {
                return None;
            }
            let prefix = segments[..depth].join(".");
            closest(&prefix, std::iter::once(*k))?;
            let rest = &segments[depth..];
            let suggestion = std::iter::once(*k).chain(rest.iter().copied());
            Some((
                strsim::levenshtein(&prefix, k),
                suggestion.collect::<Vec<_>>().join("."),
            ))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, s)| s)
}

/// Finds `sharelock.toml` in `start` (a file's folder or a folder) or the nearest ancestor.
pub fn find(start: &Path) -> Option<PathBuf> {
    let mut dir = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// Parses and validates a whole `sharelock.toml`; every error found, each with its span.
pub fn parse(text: &str) -> Result<Policy, Vec<PolicyError>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| vec![shape_error(&e)])?;
    let mut check = Validator::default();
    let parties = raw
        .parties
        .iter()
        .map(|(name, party)| check.party_decl(name, party))
        .collect();
    let known_categories = raw.categories.map(|c| {
        c.known
            .iter()
            .filter_map(|k| check.category_syntax(k))
            .collect()
    });
    let mut policy = Policy {
        parties,
        known_categories,
        sinks: Vec::new(),
        sources: Vec::new(),
        labels: Vec::new(),
        sanitizers: Vec::new(),
        consent_checks: Vec::new(),
    };
    policy.parties.sort_by_key(|p| p.span.start);

    let mut sinks = Vec::new();
    for (name, party) in &raw.parties {
        for path in party.get_ref().sinks.iter().flatten() {
            let role = check
                .party(&policy, name)
                .map(|party| SinkRole { party, args: None });
            sinks.extend(check.entry(path, role));
        }
    }
    for sink in &raw.sinks {
        let args = check.args(&sink.args);
        let role = check
            .party(&policy, &sink.party)
            .zip(args)
            .map(|(party, args)| SinkRole { party, args });
        sinks.extend(check.entry(&sink.path, role));
    }
    sinks.sort_by_key(|e| e.span.start);
    policy.sinks = sinks;

    for source in &raw.sources {
        let label = check.label(&policy, &source.category, &source.permissions());
        let args = check.args(&source.args);
        let role = label
            .zip(args)
            .map(|(label, args)| SourceRole { label, args });
        policy.sources.extend(check.entry(&source.path, role));
    }
    for label in &raw.labels {
        let decl = check.label(&policy, &label.category, &label.permissions());
        policy.labels.extend(check.entry(&label.ty, decl));
    }
    for sanitizer in &raw.sanitizers {
        let removes = match &sanitizer.removes {
            None => Some(None),
            Some(removes) => check.removes(&policy, removes).map(Some),
        };
        let role = removes.map(|removes| SanitizerRole { removes });
        policy.sanitizers.extend(check.entry(&sanitizer.path, role));
    }
    for consent_check in &raw.consent_checks {
        let party = check.party(&policy, &consent_check.party);
        policy
            .consent_checks
            .extend(check.entry(&consent_check.path, party));
    }

    if check.errors.is_empty() {
        Ok(policy)
    } else {
        check
            .errors
            .sort_by_key(|e| e.span.as_ref().map(|s| s.start));
        Err(check.errors)
    }
}

/// The one error serde reports when the file's shape is wrong.
fn shape_error(error: &toml::de::Error) -> PolicyError {
    let message = error.message().trim_end().to_string();
    let help = if message.starts_with("unknown field") {
        "remove the key or correct its spelling; docs/policy.md lists the keys of every table"
    } else if message.starts_with("missing field") {
        "add the key; docs/policy.md lists the keys of every table"
    } else if message.starts_with("invalid type") {
        "docs/policy.md gives the type of every key"
    } else {
        "sharelock.toml must be valid TOML (https://toml.io)"
    };
    PolicyError {
        message,
        span: error.span(),
        help: Some(help.to_string()),
    }
}

type Text = Spanned<String>;
type TextList = Option<Vec<Text>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    parties: BTreeMap<Text, Spanned<RawParty>>,
    categories: Option<RawCategories>,
    #[serde(default)]
    sinks: Vec<RawSink>,
    #[serde(default)]
    sources: Vec<RawSource>,
    #[serde(default)]
    labels: Vec<RawLabel>,
    #[serde(default)]
    sanitizers: Vec<RawSanitizer>,
    #[serde(default)]
    consent_checks: Vec<RawConsentCheck>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    description: Option<String>,
    default: Option<Text>,
    sinks: TextList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategories {
    known: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSink {
    path: Text,
    party: Text,
    args: Option<Spanned<Vec<Text>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    path: Text,
    category: Text,
    allow: TextList,
    deny: TextList,
    consent: TextList,
    must_reach: TextList,
    args: Option<Spanned<Vec<Text>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabel {
    #[serde(rename = "type")]
    ty: Text,
    category: Text,
    allow: TextList,
    deny: TextList,
    consent: TextList,
    must_reach: TextList,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSanitizer {
    path: Text,
    removes: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConsentCheck {
    path: Text,
    party: Text,
}

/// The four permission lists of a label, by key, in the order `LabelDecl` holds them.
type Permissions<'a> = [(&'static str, &'a TextList); 4];

impl RawSource {
    fn permissions(&self) -> Permissions<'_> {
        [
            ("allow", &self.allow),
            ("deny", &self.deny),
            ("consent", &self.consent),
            ("must_reach", &self.must_reach),
        ]
    }
}

impl RawLabel {
    fn permissions(&self) -> Permissions<'_> {
        [
            ("allow", &self.allow),
            ("deny", &self.deny),
            ("consent", &self.consent),
            ("must_reach", &self.must_reach),
        ]
    }
}

/// Collects every validation error; each check returns `None` when it reported one.
#[derive(Default)]
struct Validator {
    errors: Vec<PolicyError>,
}

impl Validator {
    fn error(&mut self, span: Range<usize>, message: String, help: impl Into<String>) {
        self.errors.push(PolicyError {
            message,
            span: Some(span),
            help: Some(help.into()),
        });
    }

    /// The declared party; an error in it is reported, and the party still counts as declared
    /// so that its uses do not report it again.
    fn party_decl(&mut self, name: &Text, party: &Spanned<RawParty>) -> PartyDecl {
        let raw = party.get_ref();
        let default = match raw.default.as_ref().map(|d| d.get_ref().as_str()) {
            None | Some("deny") => Default::Deny,
            Some("allow") => Default::Allow,
            Some(other) => {
                let span = raw.default.as_ref().map_or(party.span(), Spanned::span);
                self.error(
                    span,
                    format!("`default = \"{other}\"` is not a default"),
                    "write `default = \"deny\"` or `default = \"allow\"`",
                );
                Default::Deny
            }
        };
        if !is_identifier(name.get_ref()) {
            self.error(
                name.span(),
                format!("party name `{}` is not a Rust identifier", name.get_ref()),
                "annotations name parties as identifiers: use letters, digits and `_`, like `parent_company`",
            );
        }
        PartyDecl {
            name: Party::new(name.get_ref().clone()),
            description: raw.description.clone(),
            default,
            span: name.span(),
        }
    }

    fn party(&mut self, policy: &Policy, name: &Text) -> Option<Party> {
        match policy.undeclared_party(name.get_ref()) {
            None => Some(Party::new(name.get_ref().clone())),
            Some(why) => {
                self.error(name.span(), why.message, why.help);
                None
            }
        }
    }

    /// A category's syntax only (for `[categories] known` itself).
    fn category_syntax(&mut self, text: &Text) -> Option<Category> {
        match Category::parse(text.get_ref()) {
            Ok(category) => Some(category),
            Err(why) => {
                self.error(
                    text.span(),
                    format!("malformed category `{}`", text.get_ref()),
                    why,
                );
                None
            }
        }
    }

    /// A category used by an entry: its syntax, then `[categories] known`.
    fn category(&mut self, policy: &Policy, text: &Text) -> Option<Category> {
        let category = self.category_syntax(text)?;
        match policy.undeclared_category(&category) {
            None => Some(category),
            Some(why) => {
                self.error(text.span(), why.message, why.help);
                None
            }
        }
    }

    fn label(
        &mut self,
        policy: &Policy,
        category: &Text,
        permissions: &Permissions<'_>,
    ) -> Option<LabelDecl> {
        let category = self.category(policy, category);
        let mut seen: Vec<(&str, &'static str)> = Vec::new();
        let mut lists: Vec<Option<Vec<Party>>> = Vec::new();
        for (key, names) in permissions {
            let mut list = Some(Vec::new());
            for name in names.iter().flatten() {
                if let Some((_, earlier)) = seen.iter().find(|(n, _)| *n == name.get_ref()) {
                    self.error(
                        name.span(),
                        format!(
                            "party `{}` is already in `{earlier}` of this label",
                            name.get_ref()
                        ),
                        "a label gives each party one permission; keep the party in one list",
                    );
                    list = None;
                    continue;
                }
                seen.push((name.get_ref(), key));
                let party = self.party(policy, name);
                list = list.zip(party).map(|(mut list, party)| {
                    list.push(party);
                    list
                });
            }
            lists.push(list);
        }
        let [allow, deny, consent, must_reach]: [Option<Vec<Party>>; 4] = lists.try_into().ok()?;
        Some(LabelDecl {
            category: category?,
            allow: allow?,
            deny: deny?,
            consent: consent?,
            must_reach: must_reach?,
        })
    }

    /// `args = [..]`: `None` (outer) when an entry is not an identifier or the list is empty.
    fn args(&mut self, args: &Option<Spanned<Vec<Text>>>) -> Option<Option<Vec<String>>> {
        let Some(args) = args else {
            return Some(None);
        };
        if args.get_ref().is_empty() {
            self.error(
                args.span(),
                "`args = []` names no parameter".into(),
                "omit `args` to mean the default, or name the parameters",
            );
            return None;
        }
        let mut valid = true;
        for arg in args.get_ref() {
            if !(arg.get_ref() == "self" || is_identifier(arg.get_ref())) {
                self.error(
                    arg.span(),
                    format!("`{}` is not a parameter name", arg.get_ref()),
                    "name parameters as the function declares them, or `self`",
                );
                valid = false;
            }
        }
        valid.then(|| Some(args.get_ref().iter().map(|a| a.get_ref().clone()).collect()))
    }

    fn removes(
        &mut self,
        policy: &Policy,
        removes: &Spanned<toml::Value>,
    ) -> Option<Vec<Category>> {
        let span = removes.span();
        let items: Vec<&toml::Value> = match removes.get_ref() {
            toml::Value::Array(items) => items.iter().collect(),
            single => vec![single],
        };
        let texts: Option<Vec<Text>> = items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(|s| Spanned::new(span.clone(), s.to_string()))
            })
            .collect();
        let Some(texts) = texts.filter(|t| !t.is_empty()) else {
            self.error(
                span,
                "`removes` must be a category or a non-empty list of categories".into(),
                "write `removes = [\"message\"]`, or omit `removes` to remove every label",
            );
            return None;
        };
        texts
            .iter()
            .map(|t| {
                let category = self.category_syntax(t)?;
                match policy.undeclared_removal(&category) {
                    None => Some(category),
                    Some(why) => {
                        self.error(t.span(), why.message, why.help);
                        None
                    }
                }
            })
            .collect()
    }

    fn entry<T>(&mut self, path: &Text, role: Option<T>) -> Option<Entry<T>> {
        let path = self.path(path);
        let (path, role) = path.zip(role)?;
        Some(Entry {
            span: path.1,
            path: path.0,
            role,
        })
    }

    fn path(&mut self, text: &Text) -> Option<(ItemPath, Range<usize>)> {
        let segments: Vec<&str> = text.get_ref().split("::").collect();
        if segments.iter().all(|s| is_identifier(s)) {
            let path = ItemPath(segments.into_iter().map(String::from).collect());
            return Some((path, text.span()));
        }
        self.error(
            text.span(),
            format!("malformed path `{}`", text.get_ref()),
            "write the item's path as code names it, identifiers separated by `::`, like `graph_sdk::GraphClient::post`",
        );
        None
    }
}

/// A Rust identifier that is not a keyword: a party name or a path segment.
fn is_identifier(text: &str) -> bool {
    syn::parse_str::<syn::Ident>(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTIES: &str = r#"
[parties.parent_company]
description = "The parent company"
default = "deny"
sinks = ["graph_sdk::GraphClient::post"]

[parties.user_export]
default = "allow"
"#;

    /// The errors of `PARTIES` followed by `rest`, as (message, the text the span covers).
    fn errors(rest: &str) -> Vec<(String, String)> {
        let text = format!("{PARTIES}{rest}");
        let errors = parse(&text).expect_err("the policy should be rejected");
        errors
            .into_iter()
            .map(|e| {
                assert!(e.help.is_some(), "every error has a help line: {e:?}");
                let covered = e.span.map_or(String::new(), |s| text[s].to_string());
                (e.message, covered)
            })
            .collect()
    }

    #[test]
    fn the_spec_example_parses() {
        let text = r#"
[parties.parent_company]
description = "The parent company and its affiliates"
default = "deny"
sinks = ["graph_sdk::GraphClient::post", "graph_sdk::upload_batch"]

[parties.business_host]
description = "Hosting that a business chose for its chats"
default = "deny"

[parties.user_export]
description = "Download your data"
default = "allow"

[categories]
known = ["account", "message.personal", "message.business"]

[[sinks]]
path = "metrics::MetricBuilder::send"
party = "parent_company"
args = ["self"]

[[sources]]
path = "addressbook::read_all"
category = "account.contacts"
consent = ["parent_company"]

[[labels]]
type = "identity::Identity"
category = "account.identity"
deny = ["parent_company"]

[[sanitizers]]
path = "e2e::seal"
removes = ["message"]

[[consent_checks]]
path = "privacy::Settings::shares_with_parent"
party = "parent_company"
"#;
        let policy = parse(text).unwrap();
        let names: Vec<_> = policy.parties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["parent_company", "business_host", "user_export"]);
        assert_eq!(&text[policy.parties[0].span.clone()], "parent_company");
        assert_eq!(policy.parties[2].default, Default::Allow);
        let sinks: Vec<_> = policy.sinks.iter().map(|s| s.path.0.join("::")).collect();
        assert_eq!(
            sinks,
            [
                "graph_sdk::GraphClient::post",
                "graph_sdk::upload_batch",
                "metrics::MetricBuilder::send"
            ]
        );
        assert_eq!(policy.sinks[2].role.args, Some(vec!["self".to_string()]));
        assert_eq!(policy.sinks[0].role.args, None);
        assert_eq!(
            &text[policy.sinks[0].span.clone()],
            "\"graph_sdk::GraphClient::post\""
        );
        let source = &policy.sources[0].role;
        assert_eq!(source.label.category.as_str(), "account.contacts");
        assert_eq!(source.label.consent, [Party::new("parent_company")]);
        assert_eq!(policy.labels[0].path.0, ["identity", "Identity"]);
        assert_eq!(
            policy.sanitizers[0].role.removes,
            Some(vec![Category::parse("message").unwrap()])
        );
        assert_eq!(policy.consent_checks[0].role, Party::new("parent_company"));
        assert_eq!(policy.known_categories.as_ref().map(Vec::len), Some(3));
    }

    #[test]
    fn an_empty_file_is_an_empty_policy() {
        let policy = parse("").unwrap();
        assert!(policy.parties.is_empty() && policy.known_categories.is_none());
    }

    #[test]
    fn a_missing_default_is_deny() {
        let policy = parse("[parties.p]\n").unwrap();
        assert_eq!(policy.parties[0].default, Default::Deny);
    }

    #[test]
    fn a_sanitizer_without_removes_removes_everything() {
        let policy = parse(&format!("{PARTIES}[[sanitizers]]\npath = \"a::count\"\n")).unwrap();
        assert_eq!(policy.sanitizers[0].role.removes, None);
        let policy = parse(&format!(
            "{PARTIES}[[sanitizers]]\npath = \"a::b\"\nremoves = \"x\"\n"
        ))
        .unwrap();
        assert_eq!(
            policy.sanitizers[0].role.removes.as_ref().map(Vec::len),
            Some(1)
        );
    }

    #[test]
    fn unknown_top_level_key() {
        let e = errors("[sinkz]\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].0.starts_with("unknown field `sinkz`"), "{e:?}");
        assert_eq!(e[0].1, "sinkz");
    }

    #[test]
    fn unknown_key_in_a_table() {
        let e = errors("[[sinks]]\npath = \"a::b\"\nparty = \"user_export\"\nargz = []\n");
        assert!(e[0].0.starts_with("unknown field `argz`"), "{e:?}");
        assert_eq!(e[0].1, "argz");
    }

    #[test]
    fn invalid_toml() {
        let e = errors("[[sinks]\n");
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn wrong_value_type() {
        let e = errors("[[consent_checks]]\npath = \"a::b\"\nparty = 3\n");
        assert!(e[0].0.contains("invalid type"), "{e:?}");
        assert_eq!(e[0].1, "3");
    }

    #[test]
    fn bad_default_is_reported_once_and_the_party_stays_declared() {
        let e = errors(
            "[parties.host]\ndefault = \"maybe\"\n[[consent_checks]]\npath = \"a::b\"\nparty = \"host\"\n",
        );
        assert_eq!(
            e,
            [(
                "`default = \"maybe\"` is not a default".into(),
                "\"maybe\"".into()
            )]
        );
    }

    #[test]
    fn party_name_not_an_identifier() {
        let e = errors("[parties.\"parent-company\"]\n");
        assert_eq!(
            e[0].0,
            "party name `parent-company` is not a Rust identifier"
        );
    }

    #[test]
    fn unknown_party_with_suggestion() {
        let text =
            format!("{PARTIES}[[consent_checks]]\npath = \"a::b\"\nparty = \"parnet_company\"\n");
        let errors = parse(&text).unwrap_err();
        assert_eq!(errors[0].message, "unknown party `parnet_company`");
        assert_eq!(&text[errors[0].span.clone().unwrap()], "\"parnet_company\"");
        assert_eq!(
            errors[0].help.as_deref(),
            Some("did you mean `parent_company`? the declared parties are `parent_company`, `user_export`")
        );
    }

    #[test]
    fn unknown_party_in_every_list_is_reported() {
        let e = errors(
            "[[sinks]]\npath = \"a::b\"\nparty = \"x\"\n\
             [[sources]]\npath = \"a::c\"\ncategory = \"account\"\nallow = [\"y\"]\n\
             [[labels]]\ntype = \"a::T\"\ncategory = \"account\"\nmust_reach = [\"z\"]\n",
        );
        let covered: Vec<_> = e.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(covered, ["\"x\"", "\"y\"", "\"z\""]);
    }

    #[test]
    fn malformed_paths() {
        let e = errors(
            "[[sanitizers]]\npath = \"e2e:seal\"\n[[sanitizers]]\npath = \"a::\"\n[[sanitizers]]\npath = \"crate::x\"\n",
        );
        let messages: Vec<_> = e.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "malformed path `e2e:seal`",
                "malformed path `a::`",
                "malformed path `crate::x`"
            ]
        );
    }

    #[test]
    fn malformed_category() {
        let e = errors("[[labels]]\ntype = \"a::T\"\ncategory = \"Account.Phone\"\n");
        assert_eq!(
            e,
            [(
                "malformed category `Account.Phone`".into(),
                "\"Account.Phone\"".into()
            )]
        );
    }

    #[test]
    fn malformed_known_category() {
        let e = errors("[categories]\nknown = [\"account..x\"]\n");
        assert_eq!(e[0].0, "malformed category `account..x`");
    }

    #[test]
    fn known_categories_apply_to_sources_labels_and_sanitizers() {
        let e = errors(
            "[categories]\nknown = [\"account\"]\n\
             [[sources]]\npath = \"a::b\"\ncategory = \"acount.phone\"\n\
             [[labels]]\ntype = \"a::T\"\ncategory = \"account.phone\"\n\
             [[sanitizers]]\npath = \"a::c\"\nremoves = [\"message\"]\n",
        );
        let covered: Vec<_> = e.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(covered, ["\"acount.phone\"", "[\"message\"]"]);
        let text = format!("{PARTIES}[categories]\nknown = [\"account\"]\n[[sources]]\npath = \"a::b\"\ncategory = \"acount.phone\"\n");
        let help = parse(&text).unwrap_err()[0].help.clone().unwrap();
        assert!(help.starts_with("did you mean `account.phone`?"), "{help}");
    }

    #[test]
    fn same_party_twice_in_one_label() {
        let e = errors(
            "[[labels]]\ntype = \"a::T\"\ncategory = \"account\"\nallow = [\"user_export\"]\nconsent = [\"user_export\"]\n",
        );
        assert_eq!(
            e,
            [(
                "party `user_export` is already in `allow` of this label".into(),
                "\"user_export\"".into()
            )]
        );
    }

    #[test]
    fn malformed_path_in_a_party_sinks_list() {
        let e = errors("[parties.host]\nsinks = [\"host sdk::put\"]\n");
        assert_eq!(e[0].0, "malformed path `host sdk::put`");
    }

    #[test]
    fn empty_args_and_bad_args() {
        let e = errors(
            "[[sinks]]\npath = \"a::b\"\nparty = \"user_export\"\nargs = []\n\
             [[sources]]\npath = \"a::c\"\ncategory = \"account\"\nargs = [\"1x\"]\n",
        );
        let messages: Vec<_> = e.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`args = []` names no parameter",
                "`1x` is not a parameter name"
            ]
        );
    }

    #[test]
    fn empty_or_non_string_removes() {
        let e = errors("[[sanitizers]]\npath = \"a::b\"\nremoves = []\n[[sanitizers]]\npath = \"a::c\"\nremoves = [1]\n");
        assert_eq!(e.len(), 2);
        assert!(e.iter().all(|(m, _)| m.starts_with("`removes` must be")));
    }

    #[test]
    fn errors_are_sorted_by_position() {
        let text = format!("{PARTIES}[[consent_checks]]\npath = \"a:b\"\nparty = \"nobody\"\n");
        let spans: Vec<_> = parse(&text)
            .unwrap_err()
            .iter()
            .map(|e| e.span.clone().unwrap().start)
            .collect();
        let mut sorted = spans.clone();
        sorted.sort();
        assert_eq!(spans, sorted);
        assert_eq!(spans.len(), 2);
    }

    #[test]
    fn missing_required_key() {
        let e = errors("[[sinks]]\npath = \"a::b\"\n");
        assert!(e[0].0.starts_with("missing field `party`"), "{e:?}");
    }
}
