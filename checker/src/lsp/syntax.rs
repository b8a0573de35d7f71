//! The syntax around a cursor that hover and code actions need and the report does not
//! carry: which annotated item a position belongs to, and the statement and function that
//! enclose a sink call. Read with syn from the text the report was computed on.

use std::ops::Range;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::Token;

/// The role attributes of the grammar (section 2 of the spec), by their last path segment.
const ROLES: [&str; 5] = ["sink", "source", "sanitizer", "consent_check", "allow_flow"];

/// A type, variant, field or function: where hovering shows its labels and roles.
pub struct Item {
    /// From its first attribute to the end of its name.
    pub head: Range<usize>,
    /// Its sharelock role attributes, as written: `#[sharelock::sink(parent_company)]`.
    pub roles: Vec<String>,
}

pub struct Function {
    pub name: String,
    /// The parties of its `consent_check` attribute, if it has one.
    pub consent_for: Vec<String>,
    /// The whole item, attributes included.
    pub span: Range<usize>,
    /// Where its `fn` keyword is: an attribute goes on a line of its own above this one.
    pub signature: usize,
    pub has_allow_flow: bool,
}

#[derive(Default)]
pub struct Outline {
    pub items: Vec<Item>,
    pub functions: Vec<Function>,
    statements: Vec<Range<usize>>,
}

impl Outline {
    /// `None` when the text does not parse.
    pub fn parse(text: &str) -> Option<Outline> {
        let file = syn::parse_file(text).ok()?;
        let mut outline = Outline::default();
        // syn drops a byte order mark before parsing, so its offsets start after it.
        let mut collector = Collector {
            outline: &mut outline,
            text,
            shift: if text.starts_with('\u{feff}') { 3 } else { 0 },
        };
        collector.visit_file(&file);
        drop(file);
        proc_macro2::extra::invalidate_current_thread_spans();
        Some(outline)
    }

    pub fn item_at(&self, offset: usize) -> Option<&Item> {
        innermost(&self.items, offset, |item| &item.head)
    }

    pub fn function_at(&self, offset: usize) -> Option<&Function> {
        innermost(&self.functions, offset, |function| &function.span)
    }

    /// The innermost statement holding `offset`.
    pub fn statement_at(&self, offset: usize) -> Option<Range<usize>> {
        innermost(&self.statements, offset, |statement| statement).cloned()
    }
}

fn innermost<T>(all: &[T], offset: usize, range: impl Fn(&T) -> &Range<usize>) -> Option<&T> {
    all.iter()
        .filter(|candidate| range(candidate).contains(&offset))
        .min_by_key(|candidate| range(candidate).len())
}

struct Collector<'o, 't> {
    outline: &'o mut Outline,
    text: &'t str,
    shift: usize,
}

impl Collector<'_, '_> {
    fn range(&self, node: &impl Spanned) -> Range<usize> {
        let range = node.span().byte_range();
        range.start + self.shift..range.end + self.shift
    }

    fn item(&mut self, attrs: &[syn::Attribute], whole: &impl Spanned, name: &impl Spanned) {
        let start = attrs
            .first()
            .map_or(self.range(whole), |attr| self.range(attr))
            .start;
        let roles = attrs
            .iter()
            .filter(|attr| role_name(attr).is_some())
            .map(|attr| self.text[self.range(attr)].to_string())
            .collect();
        let head = start..self.range(name).end;
        self.outline.items.push(Item { head, roles });
    }

    fn function(&mut self, attrs: &[syn::Attribute], whole: &impl Spanned, sig: &syn::Signature) {
        self.item(attrs, whole, &sig.ident);
        let has_allow_flow = attrs
            .iter()
            .any(|attr| role_name(attr) == Some("allow_flow"));
        let consent_for = attrs
            .iter()
            .filter(|attr| role_name(attr) == Some("consent_check"))
            .filter_map(|attr| {
                attr.parse_args_with(Punctuated::<syn::Ident, Token![,]>::parse_terminated)
                    .ok()
            })
            .flatten()
            .map(|party| party.to_string())
            .collect();
        let span = self.range(whole);
        let signature = self.range(&sig.fn_token).start;
        self.outline.functions.push(Function {
            name: sig.ident.to_string(),
            consent_for,
            span,
            signature,
            has_allow_flow,
        });
    }
}

impl<'ast> Visit<'ast> for Collector<'_, '_> {
    fn visit_item_struct(&mut self, node: &'ast syn::ItemStruct) {
        self.item(&node.attrs, node, &node.ident);
        visit::visit_item_struct(self, node);
    }

    fn visit_item_enum(&mut self, node: &'ast syn::ItemEnum) {
        self.item(&node.attrs, node, &node.ident);
        visit::visit_item_enum(self, node);
    }

    fn visit_variant(&mut self, node: &'ast syn::Variant) {
        self.item(&node.attrs, node, &node.ident);
        visit::visit_variant(self, node);
    }

    fn visit_field(&mut self, node: &'ast syn::Field) {
        match &node.ident {
            Some(name) => self.item(&node.attrs, node, name),
            None => self.item(&node.attrs, node, &node.ty),
        }
        visit::visit_field(self, node);
    }

    fn visit_item_fn(&mut self, node: &'ast syn::ItemFn) {
        self.function(&node.attrs, node, &node.sig);
        visit::visit_item_fn(self, node);
    }

    fn visit_impl_item_fn(&mut self, node: &'ast syn::ImplItemFn) {
        self.function(&node.attrs, node, &node.sig);
        visit::visit_impl_item_fn(self, node);
    }

    fn visit_trait_item_fn(&mut self, node: &'ast syn::TraitItemFn) {
        self.function(&node.attrs, node, &node.sig);
        visit::visit_trait_item_fn(self, node);
    }

    fn visit_stmt(&mut self, node: &'ast syn::Stmt) {
        let range = self.range(node);
        self.outline.statements.push(range);
        visit::visit_stmt(self, node);
    }
}

/// The role an attribute states, if it is one of sharelock's: `sharelock::sink`, or `sink`
/// imported from sharelock (accepted by name, as the checker does).
fn role_name(attr: &syn::Attribute) -> Option<&'static str> {
    let path = attr.path();
    let last = path.segments.last()?.ident.to_string();
    let prefixed = path.segments.len() == 1
        || path
            .segments
            .first()
            .is_some_and(|first| first.ident == "sharelock");
    ROLES.into_iter().find(|role| prefixed && *role == last)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "#[sharelock::consent_check(parent_company)]
fn shares(user: &User) -> bool { true }

pub struct User {
    #[sharelock(category = \"account.phone\", consent(parent_company))]
    pub phone: String,
}

/// Uploads.
#[sharelock::sink(parent_company)]
pub fn post(body: &str) {}

fn sync(user: &User) {
    let phone = user.phone.clone();
    post(&phone);
}
";

    #[test]
    fn finds_items_functions_and_statements() {
        let outline = Outline::parse(TEXT).unwrap();
        let phone = TEXT.find("phone:").unwrap();
        assert_eq!(
            outline.item_at(phone).unwrap().head.start,
            TEXT.find("#[sharelock(").unwrap()
        );
        let post = TEXT.find("pub fn post").unwrap();
        let item = outline.item_at(post + 8).unwrap();
        assert_eq!(item.roles, ["#[sharelock::sink(parent_company)]"]);
        let call = TEXT.find("post(&phone)").unwrap();
        let statement = outline.statement_at(call).unwrap();
        assert_eq!(&TEXT[statement], "post(&phone);");
        let function = outline.function_at(call).unwrap();
        assert_eq!(&TEXT[function.signature..function.signature + 7], "fn sync");
        assert!(function.span.contains(&function.signature));
        assert!(!function.has_allow_flow);
        let shares = outline
            .function_at(TEXT.find("fn shares").unwrap())
            .unwrap();
        assert_eq!(
            (shares.name.as_str(), &shares.consent_for[..]),
            ("shares", &["parent_company".to_string()][..])
        );
        assert!(Outline::parse("fn broken(").is_none());
    }
}
