//! The access-service's LDAP connections.

use crate::api::use_access;
use crate::components::{EnableSwitch, ErrorPanel, ReadOnlyBanner};
use crate::config::Settings;
use crate::fetch::use_fetch;
use crate::router::app_url;
use console_api::error::ApiError;
use console_api::ldap::LdapConnection;
use leptos::prelude::*;

#[component]
pub fn LdapListPage() -> impl IntoView {
    let settings = crate::provided::<RwSignal<Settings>>();
    let access = use_access();
    // The last answer stays on screen while a new one loads.
    let connections = RwSignal::new(None::<Result<Vec<LdapConnection>, ApiError>>);
    let retry = use_fetch(
        // New settings (another backend, another token) list again.
        move || {
            settings.track();
            Some(())
        },
        move |()| access.list(),
        move |result| connections.set(Some(result)),
    )
    .retry();
    view! {
        <div class="page-head"><h1>"LDAP connections"</h1></div>
        <ReadOnlyBanner service=console_api::Service::AccessService />
            {move || {
                match connections.get() {
                    None => view! { <p class="loading" role="status">"Loading LDAP connections…"</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! {
                        <p class="empty">"The access-service has no LDAP connections."</p>
                    }
                    .into_any(),
                    Some(Ok(list)) => view! {
                        <div class="table-wrap">
                            <table class="data-table ldap-table" data-testid="ldap-table">
                                <thead>
                                    <tr>
                                        <th scope="col">"Server"</th>
                                        <th scope="col">"Base DN"</th>
                                        <th scope="col">"Domain"</th>
                                        <th scope="col">"State"</th>
                                        <th scope="col">"Last modified"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            let href = app_url(&format!("/ldap/{}", console_api::encoding::encode_path_segment(&c.id)));
                                            view! {
                                                <tr data-testid="ldap-row">
                                                    <td><a href=href>{c.server_url.clone()}</a></td>
                                                    <td><code>{c.base_dn.clone()}</code></td>
                                                    <td>{c.domain.clone()}</td>
                                                    <td><EnableSwitch id=c.id.clone() name=c.display_name() enabled=RwSignal::new(c.enabled) /></td>
                                                    <td>{crate::time::stamp_view(c.modified_at.as_deref(), "—")}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                    Some(Err(error)) => view! { <ErrorPanel error=error on_retry=retry /> }.into_any(),
                }
            }}
    }
}
