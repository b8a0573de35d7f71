pub mod sync;
#[path = "transport_impl.rs"]
pub(crate) mod transport;
