//! `#[cfg_attr(predicate, attr, ..)]`: the attributes it adds under some configuration are
//! read as if written (`#[cfg_attr(feature = "privacy", derive(sharelock::Data))]`), as
//! every `cfg`'d item is: the checker picks no configuration. A `mod`'s own attributes are
//! left as they are, since lowering reads each `cfg_attr(.., path = ..)` as one more file.

use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, ImplItem, Item, Meta, Token, TraitItem};

/// Expands the `cfg_attr`s of every item, field and variant of `file`.
pub(super) fn expand(file: &mut syn::File) {
    expand_attrs(&mut file.attrs);
    for item in &mut file.items {
        expand_item(item);
    }
}

fn expand_item(item: &mut Item) {
    match item {
        Item::Fn(f) => expand_attrs(&mut f.attrs),
        Item::Struct(s) => {
            expand_attrs(&mut s.attrs);
            fields(&mut s.fields);
        }
        Item::Enum(e) => {
            expand_attrs(&mut e.attrs);
            for variant in &mut e.variants {
                expand_attrs(&mut variant.attrs);
                fields(&mut variant.fields);
            }
        }
        Item::Union(u) => {
            expand_attrs(&mut u.attrs);
            for field in &mut u.fields.named {
                expand_attrs(&mut field.attrs);
            }
        }
        Item::Impl(i) => {
            expand_attrs(&mut i.attrs);
            for item in &mut i.items {
                if let ImplItem::Fn(f) = item {
                    expand_attrs(&mut f.attrs);
                }
            }
        }
        Item::Trait(t) => {
            expand_attrs(&mut t.attrs);
            for item in &mut t.items {
                if let TraitItem::Fn(f) = item {
                    expand_attrs(&mut f.attrs);
                }
            }
        }
        Item::Mod(m) => {
            for item in m.content.iter_mut().flat_map(|(_, items)| items) {
                expand_item(item);
            }
        }
        Item::Static(s) => expand_attrs(&mut s.attrs),
        Item::Const(c) => expand_attrs(&mut c.attrs),
        Item::Type(t) => expand_attrs(&mut t.attrs),
        _ => {}
    }
}

fn fields(fields: &mut Fields) {
    for field in fields.iter_mut() {
        expand_attrs(&mut field.attrs);
    }
}

/// Replaces each `cfg_attr` by the attributes it adds (nested ones too); one that does not
/// parse is kept, for the compiler to report.
fn expand_attrs(attrs: &mut Vec<Attribute>) {
    if !attrs.iter().any(|a| a.path().is_ident("cfg_attr")) {
        return;
    }
    let mut out = Vec::with_capacity(attrs.len());
    for attr in attrs.drain(..) {
        if !attr.path().is_ident("cfg_attr") {
            out.push(attr);
            continue;
        }
        let Ok(list) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else {
            out.push(attr);
            continue;
        };
        let mut added: Vec<Attribute> = (list.into_iter().skip(1))
            .map(|meta| Attribute {
                pound_token: attr.pound_token,
                style: attr.style,
                bracket_token: attr.bracket_token,
                meta,
            })
            .collect();
        expand_attrs(&mut added);
        out.extend(added);
    }
    *attrs = out;
}
