//! `#[derive(sharelock::Data)]`: validates every `#[sharelock(..)]` on the type, its fields and
//! its variants' fields, and implements `sharelock::Labeled` with the labels.

use crate::errors::Errors;
use crate::policy_file::PolicyFile;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use sharelock_checker::annotations::{is_label_attr, parse_label_checked, LabelSpec};
use sharelock_checker::policy::Policy;
use syn::ext::IdentExt;

pub fn expand(input: TokenStream) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let policy = PolicyFile::load();
    let mut derive = Derive {
        file: policy.as_ref(),
        policy_reported: false,
        labels: Vec::new(),
        errors: Errors::default(),
    };
    derive.labels_of(&input.attrs, quote!(Type));
    match &input.data {
        syn::Data::Struct(data) => {
            for (index, field) in data.fields.iter().enumerate() {
                let name = field_name(field, index);
                derive.labels_of(&field.attrs, quote!(Field(#name)));
            }
        }
        syn::Data::Enum(data) => {
            for variant in &data.variants {
                for attr in variant.attrs.iter().filter(|a| is_label_attr(a)) {
                    derive.errors.push(syn::Error::new_spanned(
                        attr,
                        format!(
                            "`#[sharelock(..)]` labels a type or a field: put it on the enum or on the fields of `{}`",
                            variant.ident
                        ),
                    ));
                }
                let variant_name = variant.ident.to_string();
                for (index, field) in variant.fields.iter().enumerate() {
                    let name = field_name(field, index);
                    let site = quote!(VariantField { variant: #variant_name, field: #name });
                    derive.labels_of(&field.attrs, site);
                }
            }
        }
        syn::Data::Union(data) => derive.errors.push(syn::Error::new_spanned(
            data.union_token,
            "`sharelock::Data` labels structs and enums, not unions",
        )),
    }
    let ident = &input.ident;
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    let labels = &derive.labels;
    let dependency = policy.as_ref().map(PolicyFile::dependency);
    let errors = derive.errors.into_compile_errors();
    quote! {
        #errors
        #[automatically_derived]
        impl #impl_generics ::sharelock::Labeled for #ident #type_generics #where_clause {
            const LABELS: &'static [::sharelock::Label] = &[#(#labels),*];
        }
        #dependency
    }
}

/// The labels found so far, as `sharelock::Label` expressions, and the errors.
struct Derive<'a> {
    file: Option<&'a PolicyFile>,
    /// A broken policy file is reported once per derive, not once per label.
    policy_reported: bool,
    labels: Vec<TokenStream>,
    errors: Errors,
}

impl<'a> Derive<'a> {
    /// Reads the labels among `attrs`; `site` is the `sharelock::Site` variant they are on.
    fn labels_of(&mut self, attrs: &[syn::Attribute], site: TokenStream) {
        for attr in attrs.iter().filter(|a| is_label_attr(a)) {
            let policy = self.policy(attr);
            match parse_label_checked(attr, policy) {
                Ok(label) => self.labels.push(label_expr(&label, &site)),
                Err(e) => self.errors.push(e),
            }
        }
    }

    /// The policy to check names against; a broken file is reported once, at the first label.
    fn policy(&mut self, attr: &syn::Attribute) -> Option<&'a Policy> {
        let at = attr.path().segments.first().map(|s| s.ident.span());
        match self.file?.policy(at.unwrap_or_else(Span::call_site)) {
            Ok(policy) => Some(policy),
            Err(broken) => {
                if !self.policy_reported {
                    self.policy_reported = true;
                    self.errors.push(broken);
                }
                None
            }
        }
    }
}

/// `sharelock::Label { category, parties, site }` for one label.
fn label_expr(label: &LabelSpec, site: &TokenStream) -> TokenStream {
    let category = label.category.as_str();
    let lists = [
        (&label.allow, quote!(Allow)),
        (&label.deny, quote!(Deny)),
        (&label.consent, quote!(Consent)),
        (&label.must_reach, quote!(MustReach)),
    ];
    let parties = lists.iter().flat_map(|(names, permission)| {
        names.iter().map(move |name| {
            let name = &name.text;
            quote!((#name, ::sharelock::Permission::#permission))
        })
    });
    quote! {
        ::sharelock::Label {
            category: #category,
            parties: &[#(#parties),*],
            site: ::sharelock::Site::#site,
        }
    }
}

/// A field's name, or its index in a tuple struct or variant.
fn field_name(field: &syn::Field, index: usize) -> String {
    field
        .ident
        .as_ref()
        .map_or_else(|| index.to_string(), |ident| ident.unraw().to_string())
}
