//! An SD Elements user as `?expand=user,triggered_by` returns them: who they are and what they may do.

use super::Dialog;
use console_api::json_tree::Json;
use console_api::text::mailto_href;
use console_api::User;
use leptos::prelude::*;

fn group_name(group: &Json) -> String {
    match group {
        Json::String(s) => s.clone(),
        Json::Object(_) => group
            .get("name")
            .and_then(Json::as_str)
            .map_or_else(|| group.to_string(), str::to_string),
        other => other.to_string(),
    }
}

#[component]
pub fn UserCard(user: User) -> impl IntoView {
    let groups: Vec<String> = user.groups.iter().map(group_name).collect();
    view! {
        <div class="user-card" data-testid="user-card">
            <p class="user-name">{user.display_name()}</p>
            <p>{match mailto_href(&user.email) {
                Some(href) => view! { <a href=href>{user.email.clone()}</a> }.into_any(),
                None => view! { <span data-testid="user-email">{user.email.clone()}</span> }.into_any(),
            }}</p>
            <p class="badges">
                {user.role.as_ref().map(|r| view! { <span class="badge neutral" data-testid="user-role">{r.name.clone()}</span> })}
                {user.is_superuser.then(|| view! { <span class="badge status-running">"Superuser"</span> })}
                {if user.is_active {
                    view! { <span class="badge status-succeeded">"Active"</span> }
                } else {
                    view! { <span class="badge status-failed">"Inactive"</span> }
                }}
                {user.password_reset_in_progress.then(|| view! { <span class="badge neutral">"Password reset pending"</span> })}
            </p>
            <dl class="fields">
                <dt>"Last login"</dt>
                <dd>{crate::time::stamp_view(user.last_login.as_deref(), "Never")}</dd>
                <dt>"Joined"</dt>
                <dd>{crate::time::stamp_view(user.date_joined.as_deref(), "—")}</dd>
                <dt>"Groups"</dt>
                <dd data-testid="user-groups">{if groups.is_empty() { "None".to_string() } else { groups.join(", ") }}</dd>
            </dl>
        </div>
    }
}

/// The user card in a dialog, as the jobs list opens it from a user's name.
pub fn user_dialog(user: User, close: Callback<()>) -> AnyView {
    view! {
        <Dialog title="User" on_close=close>
            // Focus starts on the card itself, not its first link: a second press of the key that opened
            // the dialog must not open the admin's mail program.
            <div tabindex="-1" data-autofocus class="dialog-body">
                <UserCard user=user />
            </div>
            <div class="actions">
                <button type="button" class="button" on:click=move |_| close.run(())>"Close"</button>
            </div>
        </Dialog>
    }
    .into_any()
}
