//! Word when a job finishes: the jobs this browser started (Run now, an upload's import) are watched until
//! they end, also while the tab is hidden. An ending the admin is not looking at becomes a notice with a
//! link to the job, counted in the tab's title, and, only if the admin turned it on in Settings, a desktop
//! notification. The watched jobs are kept in the tab's storage, so a reload goes on watching.

use crate::config::Settings;
use crate::live::{known, use_job_follower};
use crate::router::{app_url, Nav};
use crate::storage::{self, Scope};
use console_api::route::Route;
use console_api::watch::{Finished, StartedJobs};
use console_api::{ApiError, Job, JobKind};
use leptos::prelude::*;

const JOBS_KEY: &str = "console.startedJobs";
const NOTIFY_KEY: &str = "console.notifyFinished";
const NOTICES_KEY: &str = "console.finishNotices";

/// The watch, shared through context.
#[derive(Clone, Copy)]
pub struct Watcher {
    jobs: RwSignal<StartedJobs>,
    /// Endings not yet seen, oldest first.
    pub notices: RwSignal<Vec<Finished>>,
    /// What was said last, for the live region.
    pub said: RwSignal<String>,
    /// A job whose outcome the page on screen shows besides its own page (the upload page's import).
    on_screen: RwSignal<Option<i64>>,
    /// The tab is visible.
    visible: RwSignal<bool>,
}

impl Watcher {
    /// Watches a job this browser just started; `what` says what it is ("Run of Rally - Payments").
    pub fn add(self, kind: JobKind, id: i64, what: &str) {
        self.jobs.update(|j| j.add(kind, id, what));
        self.save();
    }

    fn save(self) {
        self.jobs
            .with_untracked(|j| storage::set(Scope::Tab, JOBS_KEY, &j.to_storage()));
    }

    /// The page on screen shows job `id`'s outcome (or none): its ending is said there.
    pub fn showing(self, id: Option<i64>) {
        self.on_screen.try_set(id);
    }

    /// The page on screen saw job `id` end: it is not said again elsewhere.
    pub fn forget(self, id: i64) {
        self.jobs.update(|j| j.forget(id));
        self.save();
    }

    /// The notice of job `id` is seen (its link followed, or dismissed).
    pub fn seen(self, id: i64) {
        self.notices.update(|n| n.retain(|f| f.id != id));
    }
}

/// The watch, when the app provides one (component tests mount pages without it).
pub fn use_watcher() -> Option<Watcher> {
    use_context::<Watcher>()
}

/// Whether desktop notifications are on (Settings).
pub fn notify_on() -> bool {
    storage::get(Scope::Browser, NOTIFY_KEY).as_deref() == Some("on")
}

pub fn set_notify(on: bool) {
    if on {
        storage::set(Scope::Browser, NOTIFY_KEY, "on");
    } else {
        storage::remove(Scope::Browser, NOTIFY_KEY);
    }
}

/// Asks the browser for permission to notify (only when the admin turns notifications on); whether given.
pub async fn ask_permission() -> bool {
    use web_sys::{Notification, NotificationPermission};
    let supported = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false));
    if !supported {
        return false;
    }
    if Notification::permission() == NotificationPermission::Granted {
        return true;
    }
    match Notification::request_permission() {
        Ok(promise) => {
            wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_string())
                .as_deref()
                == Some("granted")
        }
        Err(_) => false,
    }
}

/// The job's page.
pub fn job_href(kind: JobKind, id: i64) -> String {
    app_url(&format!("/jobs/{}/{id}", kind.slug()))
}

fn tab_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// A desktop notification, when turned on and allowed; its code comes with the first one.
fn notify(finished: &Finished, nav: Nav) {
    use web_sys::{Notification, NotificationPermission};
    if !notify_on() || Notification::permission() != NotificationPermission::Granted {
        return;
    }
    let finished = finished.clone();
    leptos::task::spawn_local(async move {
        // Without its code, the notice in the page still says it.
        let _ = crate::lazy::notify(finished, nav).await;
    });
}

/// A desktop notification; a click opens the job in this tab.
pub fn desktop_notification(finished: &Finished, nav: Nav) {
    use web_sys::{Notification, NotificationOptions};
    let options = NotificationOptions::new();
    options.set_body(&finished.text);
    options.set_tag(&format!("job-{}", finished.id));
    let title = match finished.status {
        console_api::JobStatus::Succeeded => "Job finished",
        _ => "Job failed",
    };
    if let Ok(n) = Notification::new_with_options(title, &options) {
        let (kind, id) = (finished.kind, finished.id);
        let open = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.focus();
            }
            nav.navigate(&format!("/jobs/{}/{id}", kind.slug()), false, true);
        });
        n.set_onclick(Some(wasm_bindgen::JsCast::unchecked_ref(&open)));
    }
}

/// Starts the watch for the app.
pub fn provide_watcher(settings: RwSignal<Settings>, nav: Nav) -> Watcher {
    let jobs = RwSignal::new(StartedJobs::from_storage(
        &storage::get(Scope::Tab, JOBS_KEY).unwrap_or_default(),
    ));
    let watcher = Watcher {
        jobs,
        notices: RwSignal::new(console_api::watch::notices_from_storage(
            &storage::get(Scope::Tab, NOTICES_KEY).unwrap_or_default(),
        )),
        said: RwSignal::new(String::new()),
        on_screen: RwSignal::new(None),
        visible: RwSignal::new(tab_visible()),
    };
    // Whether the tab is visible, as a signal (the watch hands a job to its page only while it is).
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let visible = watcher.visible;
        let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            visible.try_set(tab_visible());
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            wasm_bindgen::JsCast::unchecked_ref(on_change.as_ref()),
        );
        on_change.forget();
    }
    provide_context(watcher);
    // A job the visible page follows itself (its own page, the upload page) is left to that page, which
    // tells the watch when it ends: one request per round, not two.
    let followed = crate::erased::memo(move || {
        let on_page = match nav.route().get() {
            Route::JobDetail { id, .. } => Some(id),
            _ => None,
        };
        let left_to_page = [on_page, watcher.on_screen.get()];
        let visible = watcher.visible.get();
        jobs.with(|j| {
            j.watched()
                .iter()
                .filter(|w| !(visible && left_to_page.contains(&Some(w.id))))
                .map(|w| known(w.kind, w.id))
                .collect::<Vec<_>>()
        })
    });
    let on_job = move |job: Job| {
        let kind =
            jobs.with_untracked(|j| j.watched().iter().find(|w| w.id == job.id).map(|w| w.kind));
        let Some(kind) = kind else { return };
        let Some(finished) = jobs.try_update(|j| j.update(kind, &job)).flatten() else {
            return;
        };
        watcher.save();
        // The job's own page (or the upload page showing the import) says it already, when the admin is
        // looking at it.
        let looking = tab_visible()
            && (watcher.on_screen.get_untracked() == Some(finished.id)
                || nav.route().with_untracked(
                    |r| matches!(r, Route::JobDetail { id, .. } if *id == finished.id),
                ));
        if looking {
            return;
        }
        notify(&finished, nav);
        watcher.said.set(finished.text.clone());
        watcher.notices.update(|n| n.push(finished));
    };
    use_job_follower(
        settings,
        true,
        || false,
        followed,
        on_job,
        RwSignal::new(None::<ApiError>),
    );
    // The notices not yet seen outlive a reload of the tab.
    crate::erased::effect(move || {
        let stored = watcher
            .notices
            .with(|n| console_api::watch::notices_to_storage(n));
        storage::set(Scope::Tab, NOTICES_KEY, &stored);
    });
    // Arriving at a job's page sees its notice.
    crate::erased::effect(move || {
        if let Route::JobDetail { id, .. } = nav.route().get() {
            watcher.notices.update(|n| n.retain(|f| f.id != id));
        }
    });
    watcher
}

/// A notice dismissed: focus goes to the next one's link, or to the page's heading when none is left.
fn dismiss(watcher: Watcher, id: i64) {
    let next = watcher.notices.with_untracked(|n| {
        let at = n.iter().position(|f| f.id == id).unwrap_or(0);
        n.iter()
            .filter(|f| f.id != id)
            .nth(at.min(n.len().saturating_sub(2)))
            .map(|f| f.id)
    });
    watcher.seen(id);
    // Once the notices are redrawn.
    leptos::prelude::request_animation_frame(move || {
        let moved = next.is_some_and(|next| crate::focus::to_focus_id(&format!("notice-{next}")));
        if !moved {
            crate::focus::to_page_heading();
        }
    });
}

/// The notices themselves, each with its link and Dismiss.
pub fn notice_list(watcher: Watcher, notices: Vec<Finished>) -> AnyView {
    notices
        .into_iter()
        .map(|f| {
            let id = f.id;
            view! {
                <div class=format!("finish-notice {}", f.status.css_class()) data-testid="finish-notice">
                    <p>{f.text.clone()}</p>
                    <div class="actions">
                        <a class="button small" href=job_href(f.kind, id) data-focus-id=format!("notice-{id}")>{format!("Open job {id}")}</a>
                        <button type="button" class="button secondary small"
                            aria-label=format!("Dismiss the notice of job {id}")
                            on:click=move |_| dismiss(watcher, id)>"Dismiss"</button>
                    </div>
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// The notices, top right under the bar: each says what finished, links to the job, and can be dismissed.
#[component]
pub fn FinishNotices() -> impl IntoView {
    let Some(watcher) = use_watcher() else {
        return ().into_any();
    };
    view! {
        <p class="visually-hidden" role="status" data-testid="finish-said">{move || watcher.said.get()}</p>
        <section class="notices" aria-label="Finished jobs" data-testid="finish-notices"
            hidden=move || watcher.notices.with(Vec::is_empty)>
            // Redrawn whole on a change (a handful at most; none holds anything typed). Their code comes
            // with the first notice, not with the first load.
            {move || {
                let notices = watcher.notices.get();
                (!notices.is_empty()).then(|| crate::lazy::notice_list(watcher, notices))
            }}
        </section>
    }
    .into_any()
}
