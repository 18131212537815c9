//! The jobs list: every ALM, verification and LDAP job, newest first.

use crate::api::SdeClient;
use crate::components::{ErrorPanel, JobsTable};
use crate::config::Settings;
use crate::pages::now_ms;
use console_api::JobQuery;
use leptos::prelude::*;

#[component]
pub fn JobsPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let jobs = LocalResource::new(move || {
        let client = SdeClient::new(&settings.get());
        async move { client.list_jobs(&JobQuery::default()).await }
    });
    let retry = Callback::new(move |_| jobs.refetch());
    view! {
        <section aria-labelledby="jobs-heading">
            <div class="page-head">
                <h1 id="jobs-heading">"Jobs"</h1>
                <button type="button" class="button secondary" on:click=move |_| jobs.refetch()>"Refresh"</button>
            </div>
            // Transition keeps the current rows on screen while a refresh is in flight.
            <Transition fallback=|| view! { <p class="loading" role="status">"Loading jobs…"</p> }>
                {move || Suspend::new(async move {
                    match jobs.await {
                        Ok(page) if page.results.is_empty() => view! {
                            <p class="empty" data-testid="jobs-empty">
                                "No jobs yet. Jobs appear here once a connection runs or a report is uploaded."
                            </p>
                        }
                        .into_any(),
                        Ok(page) => {
                            let total = page.total();
                            view! {
                                <p class="summary" data-testid="jobs-summary">
                                    {format!("{total} job{}", if total == 1 { "" } else { "s" })}
                                </p>
                                <JobsTable jobs=page.results now_ms=now_ms() />
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorPanel error=error on_retry=retry /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
