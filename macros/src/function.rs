//! The attribute macros on functions and methods: `sink`, `source`, `sanitizer`,
//! `consent_check`, `allow_flow`. Each validates its arguments and the signature, then emits
//! the function unchanged.
//!
//! A function with a body also gets, as the first item of the body, an unnamed constant that
//! includes `sharelock.toml`, so that the build reruns when the policy changes. A method
//! declaration without a body (in a trait) cannot hold it; any other annotation or `Data`
//! derive in the crate records the same dependency, since rebuilds are per crate.

use crate::errors::Errors;
use crate::policy_file::PolicyFile;
use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use sharelock_checker::annotations::{parse_role_checked, RoleKind};
use syn::parse::{Parse, ParseStream};
use syn::Token;

pub fn expand(kind: RoleKind, args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let function = match syn::parse2::<Function>(item.clone()) {
        Ok(function) => function,
        Err(_) => {
            errors.push(syn::Error::new(
                Span::call_site(),
                format!(
                    "`#[sharelock::{}]` goes on a function or a method",
                    kind.name()
                ),
            ));
            let errors = errors.into_compile_errors();
            return quote!(#errors #item);
        }
    };
    let policy = PolicyFile::load();
    // A broken policy file is reported, and the annotation is still checked without it.
    let names = match policy.as_ref().map(|file| file.policy(Span::call_site())) {
        Some(Ok(names)) => Some(names),
        Some(Err(broken)) => {
            errors.push(broken);
            None
        }
        None => None,
    };
    if let Err(e) = parse_role_checked(kind, args, &function.sig, names) {
        errors.push(e);
    }
    let errors = errors.into_compile_errors();
    match policy {
        Some(file) => {
            let function = function.with_first_item(file.dependency());
            quote!(#errors #function)
        }
        None => quote!(#errors #item),
    }
}

/// A free function, an associated function or method (`default` included), or a trait
/// method declaration. The body is kept as tokens: nothing here reads it.
struct Function {
    attrs: Vec<syn::Attribute>,
    vis: syn::Visibility,
    defaultness: Option<Token![default]>,
    sig: syn::Signature,
    body: Body,
}

enum Body {
    Block(Group),
    Declaration(Token![;]),
}

impl Parse for Function {
    fn parse(input: ParseStream) -> syn::Result<Function> {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        let vis = input.parse()?;
        let defaultness = input.parse()?;
        let sig = input.parse()?;
        let body = if input.peek(Token![;]) {
            Body::Declaration(input.parse()?)
        } else {
            match input.parse::<TokenTree>()? {
                TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                    Body::Block(group)
                }
                other => return Err(syn::Error::new(other.span(), "expected a function body")),
            }
        };
        Ok(Function {
            attrs,
            vis,
            defaultness,
            sig,
            body,
        })
    }
}

impl Function {
    /// The same function with `item` first in its body, after any inner attributes.
    fn with_first_item(mut self, item: TokenStream) -> Function {
        if let Body::Block(block) = &self.body {
            let tokens: Vec<TokenTree> = block.stream().into_iter().collect();
            let inner_attributes = inner_attributes_len(&tokens);
            let mut stream: TokenStream = tokens[..inner_attributes].iter().cloned().collect();
            stream.extend(item);
            stream.extend(tokens[inner_attributes..].iter().cloned());
            let mut with_item = Group::new(Delimiter::Brace, stream);
            with_item.set_span(block.span());
            self.body = Body::Block(with_item);
        }
        self
    }
}

/// How many leading tokens are inner attributes (`#![..]`), which must stay first in a body.
fn inner_attributes_len(tokens: &[TokenTree]) -> usize {
    let mut len = 0;
    while let [TokenTree::Punct(pound), TokenTree::Punct(bang), TokenTree::Group(group), ..] =
        &tokens[len..]
    {
        if pound.as_char() != '#'
            || bang.as_char() != '!'
            || group.delimiter() != Delimiter::Bracket
        {
            break;
        }
        len += 3;
    }
    len
}

impl ToTokens for Function {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for attr in &self.attrs {
            attr.to_tokens(tokens);
        }
        self.vis.to_tokens(tokens);
        self.defaultness.to_tokens(tokens);
        self.sig.to_tokens(tokens);
        match &self.body {
            Body::Block(block) => block.to_tokens(tokens),
            Body::Declaration(semi) => semi.to_tokens(tokens),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_item(function: TokenStream) -> String {
        let function: Function = syn::parse2(function).unwrap();
        function
            .with_first_item(quote!(
                const _: () = ();
            ))
            .to_token_stream()
            .to_string()
    }

    #[test]
    fn the_dependency_goes_first_in_the_body_after_inner_attributes() {
        assert_eq!(
            with_item(quote!(
                pub async fn f(&self) -> u8 {
                    #![allow(unused)]
                    1
                }
            )),
            quote!(
                pub async fn f(&self) -> u8 {
                    #![allow(unused)]
                    const _: () = ();
                    1
                }
            )
            .to_string()
        );
        assert_eq!(
            with_item(quote!(#[doc = "x"] default fn f() {})),
            quote!(#[doc = "x"] default fn f() { const _: () = (); }).to_string()
        );
    }

    #[test]
    fn a_declaration_has_no_body_to_hold_it() {
        assert_eq!(
            with_item(quote!(
                fn f(&self, x: u8) -> bool;
            )),
            quote!(
                fn f(&self, x: u8) -> bool;
            )
            .to_string()
        );
    }

    #[test]
    fn anything_but_a_function_is_rejected() {
        assert!(syn::parse2::<Function>(quote!(
            struct S;
        ))
        .is_err());
        assert!(syn::parse2::<Function>(quote!(
            fn f() {}
            fn g() {}
        ))
        .is_err());
    }
}
