//! One file per screen (a screen made of several components keeps them in a folder of its name). Each page
//! takes the backends from context ([`use_sde`](crate::api::use_sde), [`use_access`](crate::api::use_access))
//! and renders loading, empty, error and data states in place.

mod job_detail_page;
mod jobs_page;
mod ldap_detail_page;
mod ldap_list_page;
mod not_found_page;
mod overview_page;
mod settings_page;
mod upload_page;
mod welcome_page;

pub use job_detail_page::JobDetailPage;
pub use jobs_page::{export_jobs, JobsPage};
pub use ldap_detail_page::LdapDetailPage;
pub use ldap_list_page::LdapListPage;
pub use not_found_page::NotFoundPage;
pub use overview_page::OverviewPage;
pub use settings_page::SettingsPage;
pub use upload_page::UploadPage;
pub use welcome_page::WelcomePage;

/// Now, in epoch milliseconds, for relative times.
pub(crate) fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
