//! The typed API client: one async method per endpoint of the two backends, each returning the API's type
//! or an [`ApiError`] that says what happened and what to do. Pages take the backends from context
//! ([`use_sde`], [`use_access`]: traits, so tests can mount a page against a fake) and never touch HTTP.

mod access;
mod backend;
mod http;
pub(crate) mod sde;

pub use access::AccessClient;
pub use backend::{
    find_job, provide_backends, use_access, use_permissions, use_sde, use_sde_writes, AccessApi,
    ApiFuture, Backends, HttpBackends, Permissions, SdeApi, SdeWrites,
};
pub use console_api::ApiError;
pub use http::Cancel;
pub use sde::SdeClient;
