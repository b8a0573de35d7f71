//! Domain types shared by every stage, and by the macros: parties, categories, permissions.
//!
//! They are values with meaning rather than bare strings, so that a party can never be
//! confused with a category and a category's tree structure lives in one place.

use std::fmt;

/// A party that data may or may not reach, as declared under `[parties.NAME]`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Party(pub String);

impl Party {
    pub fn new(name: impl Into<String>) -> Self {
        Party(name.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A dotted lowercase category path (`account.phone`); categories form a tree.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Category(String);

impl Category {
    /// Parses `a.b_c.d`: non-empty segments of lowercase ASCII letters, digits and `_`,
    /// each starting with a letter. Returns why it is malformed otherwise.
    pub fn parse(text: &str) -> Result<Category, String> {
        if text.is_empty() {
            return Err("a category cannot be empty".into());
        }
        for segment in text.split('.') {
            let mut chars = segment.chars();
            match chars.next() {
                None => return Err(format!("`{text}` has an empty segment; write segments separated by single dots, like `account.phone`")),
                Some(c) if !c.is_ascii_lowercase() => {
                    return Err(format!("segment `{segment}` of `{text}` must start with a lowercase letter"))
                }
                _ => {}
            }
            if let Some(bad) =
                chars.find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'))
            {
                return Err(format!("`{text}` contains `{bad}`; categories use lowercase letters, digits, `_` and `.`"));
            }
        }
        Ok(Category(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when `self` is `other` or one of its ancestors: `account` covers `account.phone`.
    pub fn covers(&self, other: &Category) -> bool {
        other.0 == self.0
            || (other.0.starts_with(&self.0) && other.0.as_bytes().get(self.0.len()) == Some(&b'.'))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a label says about one party.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Permission {
    Allow,
    Deny,
    /// Allowed only on paths guarded by a consent check for the party.
    Consent,
}

/// A party's `default` in `sharelock.toml`: what labels that do not name it mean.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Default {
    Allow,
    Deny,
}

impl Default {
    pub fn permission(self) -> Permission {
        match self {
            Default::Allow => Permission::Allow,
            Default::Deny => Permission::Deny,
        }
    }
}

/// A place in a source file: 1-based line, 1-based column in characters, and byte range.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, std::default::Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub start: u32,
    pub end: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_form_a_tree() {
        let account = Category::parse("account").unwrap();
        let phone = Category::parse("account.phone").unwrap();
        let accounts = Category::parse("accounts").unwrap();
        assert!(account.covers(&phone));
        assert!(account.covers(&account));
        assert!(!phone.covers(&account));
        assert!(!account.covers(&accounts));
    }

    #[test]
    fn malformed_categories_say_why() {
        assert!(Category::parse("Account").is_err());
        assert!(Category::parse("account..phone").is_err());
        assert!(Category::parse("account.phone-number").is_err());
        assert!(Category::parse("").is_err());
        assert!(Category::parse("message.e2e_v2").is_ok());
    }
}
