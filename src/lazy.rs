//! Pages whose code is not in the first load. With the `split` feature (the release build turns it on in
//! `index.html`), each page below is a split point: its code leaves the main wasm module for a chunk of its
//! own, fetched the first time the page opens (`scripts/split/wasm-bindgen` splits the module, the
//! post-build hook ships the chunks). Without it (the tests, `cargo check`) they are ordinary calls.
//!
//! The jobs list, where the console opens and where its first rows are timed, stays in the main module.

use crate::pages::{
    JobDetailPage, LdapDetailPage, LdapListPage, OverviewPage, SettingsPage, UploadPage,
    WelcomePage,
};
use console_api::export::ExportFormat;
use console_api::{Job, JobKind};
use leptos::prelude::*;
use std::future::Future;

/// A page's code could not be fetched (the connection dropped, or the console was updated meanwhile).
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

macro_rules! lazy_pages {
    ($($name:ident => $page:ident),* $(,)?) => {$(
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> Result<AnyView, NotLoaded> {
            Ok(view! { <$page /> }.into_any())
        }
        #[cfg(not(feature = "split"))]
        async fn $name() -> Result<AnyView, NotLoaded> {
            Ok(view! { <$page /> }.into_any())
        }
    )*};
}

lazy_pages! {
    overview_page => OverviewPage,
    job_detail_page => JobDetailPage,
    upload_page => UploadPage,
    ldap_list_page => LdapListPage,
    ldap_detail_page => LdapDetailPage,
    settings_page => SettingsPage,
    welcome_page => WelcomePage,
}

/// A jobs export (CSV or JSON, secrets masked) saved as a download, and what to say of it. Its code
/// (the two formats and the masking) comes when the admin first exports, not with the jobs list.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(export_jobs, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn export_jobs(
    jobs: Vec<Job>,
    kind: JobKind,
    format: ExportFormat,
    now_ms: i64,
) -> Result<String, NotLoaded> {
    Ok(crate::pages::export_jobs(&jobs, kind, format, now_ms))
}
#[cfg(not(feature = "split"))]
pub async fn export_jobs(
    jobs: Vec<Job>,
    kind: JobKind,
    format: ExportFormat,
    now_ms: i64,
) -> Result<String, NotLoaded> {
    Ok(crate::pages::export_jobs(&jobs, kind, format, now_ms))
}

pub fn overview() -> AnyView {
    page(overview_page)
}
pub fn job_detail() -> AnyView {
    page(job_detail_page)
}
pub fn upload() -> AnyView {
    page(upload_page)
}
pub fn ldap_list() -> AnyView {
    page(ldap_list_page)
}
pub fn ldap_detail() -> AnyView {
    page(ldap_detail_page)
}
pub fn settings() -> AnyView {
    page(settings_page)
}
/// Seen once, on a first visit: it need not weigh on every load after.
pub fn welcome() -> AnyView {
    page(welcome_page)
}

/// The page once its code is here; meanwhile a loading line, and if it cannot be fetched, a message
/// with Try again. Navigation has put focus on the main region (the page had no heading yet): it moves to
/// the heading once there.
fn page<F>(load: fn() -> F) -> AnyView
where
    F: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    let shown = move || {
        attempt.track();
        Suspend::new(leptos::__reexports::send_wrapper::SendWrapper::new(
            async move {
                match load().await {
                    Ok(page) => {
                        crate::focus::settle_on_heading();
                        page
                    }
                    Err(NotLoaded) => {
                        crate::focus::settle_on("page-not-loaded");
                        view! {
                    <div class="error-panel" role="alert" data-testid="error-panel" id="page-not-loaded" tabindex="-1">
                        <p class="error-title">"This page could not be loaded."</p>
                        <p class="error-advice">
                            "The connection to the console's server may have dropped, or the console was updated \
                             meanwhile. Check the connection and try again; if it keeps failing, reload the page."
                        </p>
                        <div class="actions">
                            // The button goes with the message: focus waits on the main region, and moves
                            // to the page's heading once it is there.
                            <button type="button" class="button" on:click=move |_| {
                                crate::focus::to_page_heading();
                                attempt.update(|n| *n += 1);
                            }>
                                "Try again"
                            </button>
                        </div>
                    </div>
                    }
                    .into_any()
                    }
                }
            },
        ))
    };
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">"Loading the page…"</p> }>
            {shown}
        </Suspense>
    }
    .into_any()
}
