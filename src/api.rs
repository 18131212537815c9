//! The typed API client: one async method per endpoint of the two backends, each returning the API's type
//! or an [`ApiError`] that says what happened and what to do. Pages build a client from the current
//! [`Settings`](crate::config::Settings) and never touch HTTP themselves.

mod access;
mod http;
mod sde;

pub use access::AccessClient;
pub use console_api::ApiError;
pub use http::Cancel;
pub use sde::SdeClient;
