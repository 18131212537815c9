//! One LDAP connection, read-only. The manager password is never shown, though the API returns it.

use crate::api::AccessClient;
use crate::components::ErrorPanel;
use crate::config::Settings;
use console_api::timefmt::display_timestamp;
use console_api::LdapConnection;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
fn LdapDetail(connection: LdapConnection) -> impl IntoView {
    let c = connection;
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    let time = |t: &Option<String>| t.as_deref().map_or_else(|| "—".into(), display_timestamp);
    view! {
        <div class="page-head">
            <h1>{c.server_url.clone()}</h1>
            <span class=if c.enabled { "badge status-succeeded" } else { "badge status-failed" }>
                {if c.enabled { "Enabled" } else { "Disabled" }}
            </span>
        </div>
        <section class="card" aria-labelledby="ldap-connection">
            <h2 id="ldap-connection">"Connection"</h2>
            <dl class="fields">
                {row("Server URL", c.server_url.clone())}
                {row("Timeout", c.server_timeout.map_or_else(|| "—".into(), |t| format!("{t} ms")))}
                {row("Manager DN", c.manager_dn.clone())}
                {row("Manager password", if c.manager_password.is_some() { "Set (never shown)".into() } else { "Not set".into() })}
            </dl>
        </section>
        <section class="card" aria-labelledby="ldap-search">
            <h2 id="ldap-search">"Search"</h2>
            <dl class="fields">
                {row("Base DN", c.base_dn.clone())}
                {row("Sync filter", c.sync_filter.clone())}
                {row("Auth filter", c.auth_filter.clone())}
                {row("Domain", c.domain.clone())}
            </dl>
        </section>
        <section class="card" aria-labelledby="ldap-attributes">
            <h2 id="ldap-attributes">"Attribute mapping"</h2>
            <dl class="fields">
                {row("Account name", c.account_name_field.clone())}
                {row("Email", c.email_field.clone())}
                {row("User principal name", c.user_principal_name_field.clone())}
                {row("Full name", c.fullname_field.clone())}
                {row("Status", c.status_field.clone())}
                {row("Disabled value", c.status_disabled_value.clone())}
            </dl>
        </section>
        <p class="muted">{format!("Created {} · Modified {}", time(&c.created_at), time(&c.modified_at))}</p>
        <p><a href="/jobs">"SD Elements jobs →"</a></p>
    }
}

#[component]
pub fn LdapDetailPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let params = use_params_map();
    let connection = LocalResource::new(move || {
        let client = AccessClient::new(&settings.get());
        let id = params.read().get("id").unwrap_or_default();
        async move { client.get(&id).await }
    });
    let retry = Callback::new(move |_| connection.refetch());
    view! {
        <p class="breadcrumb"><a href="/ldap">"← LDAP connections"</a></p>
        <Transition fallback=|| view! { <p class="loading" role="status">"Loading LDAP connection…"</p> }>
            {move || Suspend::new(async move {
                match connection.await {
                    Ok(c) => view! { <LdapDetail connection=c /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error=error on_retry=retry /> }.into_any(),
                }
            })}
        </Transition>
    }
}
