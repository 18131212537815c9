//! The change a save would make, shown before it is sent: each changed field by its label, now and after
//! saving (a typed password named, never shown), and an explicit confirmation when the stored password
//! would go to a new server or account.

use crate::components::Dialog;
use console_api::ldap_form::{password_would_move, Change};
use leptos::prelude::*;

#[component]
pub(super) fn ReviewDialog(
    /// The fields the save changes, in form order.
    changes: Vec<Change>,
    /// A save is on its way: Save is disabled, so it cannot be sent twice.
    #[prop(into)]
    saving: Signal<bool>,
    on_save: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let moving = password_would_move(&changes);
    // Asked afresh each time the review opens.
    let move_confirmed = RwSignal::new(false);
    let rows = changes
        .into_iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">{c.label()}</th>
                    <td><del><code>{c.shown_old().to_string()}</code></del></td>
                    <td><ins><code>{c.shown_new().to_string()}</code></ins></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Dialog title="Save these changes?" on_close=on_cancel return_to="ldap-save">
            <table class="data-table" data-testid="change-list">
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Now"</th><th scope="col">"After saving"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {moving.then(|| view! {
                <div class="notice" data-testid="password-warning">
                    <p>"The server URL or manager DN changes, but no new password was typed: the stored password would be sent to the new server or account."</p>
                    <label class="inline"><input type="checkbox" prop:checked=move || move_confirmed.get()
                        on:change=move |ev| move_confirmed.set(event_target_checked(&ev)) />
                        " Send the stored password to the new server"</label>
                    <p class="help">"Or cancel and type the new password first."</p>
                </div>
            })}
            <div class="actions">
                <button type="button" class="button" data-testid="confirm-save"
                    disabled=move || saving.get() || (moving && !move_confirmed.get())
                    on:click=move |_| on_save.run(())>"Save"</button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </Dialog>
    }
}
