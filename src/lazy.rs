//! Code that is not in the first load: the pages other than the jobs list, and what the jobs list shows
//! only when asked (a user's details, exports, the notices of finished jobs, the leave question). With the
//! `split` feature (the release build turns it on in `index.html`), each function below is a split point:
//! its code leaves the main wasm module for a chunk of its own, fetched on its first call
//! (`scripts/split/wasm-bindgen` splits the module, the post-build hook ships the chunks). Without it (the
//! tests, `cargo check`) they are ordinary calls.
//!
//! The jobs list, where the console opens and where its first rows are timed, stays in the main module.

use crate::pages::{
    JobDetailPage, LdapDetailPage, LdapListPage, NotFoundPage, OverviewPage, SettingsPage,
    UploadPage, WelcomePage,
};
use crate::router::Nav;
use crate::watch::Watcher;
use console_api::export::ExportFormat;
use console_api::watch::Finished;
use console_api::User;
use console_api::{Job, JobKind};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Its code could not be fetched (the connection dropped, or the console was updated meanwhile).
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A split point: with the `split` feature the function's code, and what only it uses, leaves the main
/// module for a chunk fetched on its first call; without it, an ordinary call. Either way it is called as
/// an `async fn` that fails with [`NotLoaded`].
macro_rules! split_point {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
            let value: $ret = $body;
            Ok(value)
        }
        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, NotLoaded> {
            let value: $ret = $body;
            Ok(value)
        }
    };
}

split_point! { fn overview_page() -> AnyView { view! { <OverviewPage /> }.into_any() } }
split_point! { fn job_detail_page() -> AnyView { view! { <JobDetailPage /> }.into_any() } }
split_point! { fn upload_page() -> AnyView { view! { <UploadPage /> }.into_any() } }
split_point! { fn ldap_list_page() -> AnyView { view! { <LdapListPage /> }.into_any() } }
split_point! { fn ldap_detail_page() -> AnyView { view! { <LdapDetailPage /> }.into_any() } }
split_point! { fn settings_page() -> AnyView { view! { <SettingsPage /> }.into_any() } }
split_point! { fn welcome_page() -> AnyView { view! { <WelcomePage /> }.into_any() } }
split_point! { fn not_found_page() -> AnyView { view! { <NotFoundPage /> }.into_any() } }
split_point! {
    fn user_dialog_part(user: User, close: Callback<()>) -> AnyView {
        crate::components::user_dialog(user, close)
    }
}
split_point! { fn leave_dialog_part(nav: Nav) -> AnyView { crate::unsaved::leave_dialog(nav) } }
split_point! {
    fn notice_list_part(watcher: Watcher, notices: Vec<Finished>) -> AnyView {
        crate::watch::notice_list(watcher, notices)
    }
}
split_point! {
    /// A desktop notification of a finished job (only when turned on in Settings).
    pub fn notify(finished: Finished, nav: Nav) -> () {
        crate::watch::desktop_notification(&finished, nav)
    }
}

split_point! {
    /// A jobs export (CSV or JSON, secrets masked) saved as a download, and what to say of it. Its code
    /// (the two formats and the masking) comes when the admin first exports, not with the jobs list.
    pub fn export_jobs(jobs: Vec<Job>, kind: JobKind, format: ExportFormat, now_ms: i64) -> String {
        crate::pages::export_jobs(&jobs, kind, format, now_ms)
    }
}

pub fn overview() -> AnyView {
    page(Arc::new(|| Box::pin(overview_page())))
}
pub fn job_detail() -> AnyView {
    page(Arc::new(|| Box::pin(job_detail_page())))
}
pub fn upload() -> AnyView {
    page(Arc::new(|| Box::pin(upload_page())))
}
pub fn ldap_list() -> AnyView {
    page(Arc::new(|| Box::pin(ldap_list_page())))
}
pub fn ldap_detail() -> AnyView {
    page(Arc::new(|| Box::pin(ldap_detail_page())))
}
pub fn settings() -> AnyView {
    page(Arc::new(|| Box::pin(settings_page())))
}
/// An address the console does not know.
pub fn not_found() -> AnyView {
    page(Arc::new(|| Box::pin(not_found_page())))
}
/// Seen once, on a first visit: it need not weigh on every load after.
pub fn welcome() -> AnyView {
    page(Arc::new(|| Box::pin(welcome_page())))
}

/// A job's user, opened from the jobs list (not needed for its first rows).
pub fn user_dialog(user: User, close: Callback<()>) -> AnyView {
    dialog(
        Arc::new(move || Box::pin(user_dialog_part(user.clone(), close))),
        close,
    )
}

/// "Leave without saving?": only the pages that keep unsaved edits ask it, and they are split off too.
pub fn leave_dialog(nav: Nav) -> AnyView {
    let stay = Callback::new(move |()| nav.leaving.set(None));
    dialog(Arc::new(move || Box::pin(leave_dialog_part(nav))), stay)
}

/// The notices of finished jobs (only once a job this browser started has finished).
pub fn notice_list(watcher: Watcher, notices: Vec<Finished>) -> AnyView {
    loaded(
        Arc::new(move || Box::pin(notice_list_part(watcher, notices.clone()))),
        Shown::Inline,
    )
}

/// Code on its way: one type for every split point shown as a view, so the loading below (Leptos's
/// `Suspense` and the future that drives it) is one copy in the module rather than one per use.
type Load =
    Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>>>> + Send + Sync>;

#[derive(Clone, Copy)]
enum Shown {
    /// In the main region: "Loading the page…" meanwhile, focus to its heading once there.
    Page,
    /// Part of a page: nothing meanwhile, a line with Try again if it cannot be fetched.
    Inline,
    /// A dialog: nothing meanwhile (it opens as its code arrives); `close` dismisses what opened it.
    Dialog { close: Callback<()> },
}

fn page(load: Load) -> AnyView {
    loaded(load, Shown::Page)
}

fn dialog(load: Load, close: Callback<()>) -> AnyView {
    loaded(load, Shown::Dialog { close })
}

/// The view once its code is here. A page says it is loading meanwhile, and if its code cannot be
/// fetched, says so with Try again. Navigation has put focus on the main region (the page had no heading
/// yet): it moves to the heading once there. A dialog that cannot be fetched says so in a dialog of its
/// own, with Try again and Close.
fn loaded(load: Load, shown_as: Shown) -> AnyView {
    let attempt = RwSignal::new(0u32);
    // What opened a dialog, for focus to go back to if it cannot be fetched and is closed.
    let opener = StoredValue::new_local(crate::focus::active());
    let shown = move || {
        attempt.track();
        let load = load.clone();
        Suspend::new(leptos::__reexports::send_wrapper::SendWrapper::new(
            async move {
                match (load().await, shown_as) {
                    (Ok(view), Shown::Page) => {
                        crate::focus::settle_on_heading();
                        view
                    }
                    (Ok(view), _) => view,
                    (Err(NotLoaded), Shown::Page) => page_not_loaded(attempt),
                    (Err(NotLoaded), Shown::Inline) => part_not_loaded(attempt),
                    (Err(NotLoaded), Shown::Dialog { close }) => {
                        dialog_not_loaded(attempt, close, opener, false)
                    }
                }
            },
        ))
    };
    // A dialog loading again after it could not be: the message stays in view, saying so.
    let fallback = move || match shown_as {
        Shown::Page => {
            view! { <p class="loading" role="status">"Loading the page…"</p> }.into_any()
        }
        Shown::Inline => ().into_any(),
        Shown::Dialog { close } => {
            (move || (attempt.get() > 0).then(|| dialog_not_loaded(attempt, close, opener, true)))
                .into_any()
        }
    };
    view! { <Suspense fallback>{shown}</Suspense> }.into_any()
}

const NOT_LOADED_ADVICE: &str = "The connection to the console's server may have dropped, or the \
     console was updated meanwhile. Check the connection and try again; if it keeps failing, reload the page.";

fn page_not_loaded(attempt: RwSignal<u32>) -> AnyView {
    crate::focus::settle_on("page-not-loaded");
    view! {
        <div class="error-panel" role="alert" data-testid="error-panel" id="page-not-loaded" tabindex="-1">
            <p class="error-title">"This page could not be loaded."</p>
            <p class="error-advice">{NOT_LOADED_ADVICE}</p>
            <div class="actions">
                // The button goes with the message: focus waits on the main region, and moves to the
                // page's heading once it is there.
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

fn part_not_loaded(attempt: RwSignal<u32>) -> AnyView {
    view! {
        <p class="error-panel" role="alert">
            "This part of the page could not be loaded. " {NOT_LOADED_ADVICE} " "
            <button type="button" class="button small" on:click=move |_| attempt.update(|n| *n += 1)>
                "Try again"
            </button>
        </p>
    }
    .into_any()
}

/// In a dialog's place, as a dialog: in view wherever the page is scrolled, focus on Try again (which
/// loads it again; the dialog then opens) and kept inside; Close, Escape or the backdrop dismiss it and
/// focus goes back to its opener. While `trying`, it says so; focus is back on the opener meanwhile, so the
/// dialog, once open, returns it there on closing.
fn dialog_not_loaded(
    attempt: RwSignal<u32>,
    close: Callback<()>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    trying: bool,
) -> AnyView {
    const RETRY: &str = "dialog-not-loaded-retry";
    const CLOSE: &str = "dialog-not-loaded-close";
    if !trying {
        request_animation_frame(|| {
            crate::focus::first_of(&[RETRY]);
        });
    }
    let dismiss = move || {
        close.run(());
        let opener = opener.try_get_value().flatten();
        request_animation_frame(move || crate::focus::restore(opener, None));
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => dismiss(),
        // Two controls: Tab from the last goes to the first, Shift+Tab from the first to the last.
        "Tab" => {
            let on = |id: &str| crate::focus::active().is_some_and(|a| a.id() == id);
            let to = match ev.shift_key() {
                true if on(RETRY) || !on(CLOSE) => CLOSE,
                false if on(CLOSE) || !on(RETRY) => RETRY,
                _ => return,
            };
            ev.prevent_default();
            crate::focus::first_of(&[to]);
        }
        _ => {}
    };
    let said = match (trying, attempt.get_untracked()) {
        (true, _) => "Trying again…",
        (false, 0) => "",
        (false, _) => "It still could not be loaded.",
    };
    view! {
        <div class="dialog-backdrop" on:click=move |_| dismiss()>
            <div class="dialog" role="alertdialog" aria-modal="true" data-testid="dialog-not-loaded"
                aria-labelledby="dialog-not-loaded-title" aria-describedby="dialog-not-loaded-advice"
                on:keydown=on_keydown on:click=|ev| ev.stop_propagation()>
                <h2 id="dialog-not-loaded-title">"This could not be opened."</h2>
                <p id="dialog-not-loaded-advice">{NOT_LOADED_ADVICE}</p>
                <p role="status" data-testid="dialog-not-loaded-status">{said}</p>
                <div class="actions">
                    <button type="button" class="button" id=RETRY aria-disabled=trying.then_some("true")
                        on:click=move |_| if !trying {
                            crate::focus::restore(opener.try_get_value().flatten(), None);
                            attempt.update(|n| *n += 1);
                        }>"Try again"</button>
                    <button type="button" class="button secondary" id=CLOSE on:click=move |_| dismiss()>"Close"</button>
                </div>
            </div>
        </div>
    }
    .into_any()
}
