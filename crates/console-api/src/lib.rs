//! API types of the two backends the console drives (SD Elements API v2 jobs and the access-service LDAP
//! connections) and the pure logic around them: decoding tolerant of every documented shape, query strings,
//! job status, error classification, secret handling and time formatting.
//!
//! Nothing here touches the network or the DOM, so the app and the development backend share it and it is
//! tested natively.

pub mod encoding;
pub mod error;
pub mod export;
pub mod filter;
pub mod from_json;
pub mod job;
pub mod jobs_view;
pub mod json;
pub mod json_tree;
pub mod ldap;
pub mod ldap_form;
pub mod ldap_syntax;
pub mod list;
pub mod overview;
pub mod page_reader;
pub mod permission;
pub mod poll;
pub mod query;
pub mod route;
pub mod secret;
pub mod text;
pub mod timefmt;
pub mod to_json;
pub mod upload;
pub mod url;
pub mod watch;

pub use error::{ApiError, ErrorKind, Service};
pub use filter::JobFilter;
pub use job::{
    Connection, Job, JobKind, JobResultRequest, JobStatus, KindGuess, Params, Role,
    StartJobRequest, System, SystemDetail, User, UserRef,
};
pub use ldap::{LdapConnection, LdapConnectionUpdate};
pub use ldap_form::{LdapField, LdapValues};
pub use ldap_syntax::Check;
pub use list::Page;
pub use query::JobQuery;
pub use secret::{is_secret_key, Secret};
