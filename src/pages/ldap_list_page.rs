//! The access-service's LDAP connections.

use crate::api::AccessClient;
use crate::components::{EnableSwitch, ErrorPanel};
use crate::config::Settings;
use crate::router::app_url;
use console_api::timefmt::display_timestamp;
use leptos::prelude::*;

#[component]
pub fn LdapListPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let connections = LocalResource::new(move || {
        let client = AccessClient::new(&settings.get());
        async move { client.list().await }
    });
    let retry = Callback::new(move |_| connections.refetch());
    view! {
        <div class="page-head"><h1>"LDAP connections"</h1></div>
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading LDAP connections…"</p> }>
            {move || Suspend::new(async move {
                match connections.await {
                    Ok(list) if list.is_empty() => view! {
                        <p class="empty">"The access-service has no LDAP connections."</p>
                    }
                    .into_any(),
                    Ok(list) => view! {
                        <div class="table-wrap">
                            <table class="data-table" data-testid="ldap-table">
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
                                            let href = app_url(&format!("/ldap/{}", console_api::query::encode_component(&c.id)));
                                            view! {
                                                <tr data-testid="ldap-row">
                                                    <td><a href=href>{c.server_url.clone()}</a></td>
                                                    <td><code>{c.base_dn.clone()}</code></td>
                                                    <td>{c.domain.clone()}</td>
                                                    <td><EnableSwitch id=c.id.clone() name=c.server_url.clone() enabled=RwSignal::new(c.enabled) /></td>
                                                    <td>{c.modified_at.as_deref().map_or_else(|| "—".into(), display_timestamp)}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPanel error=error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
}
