//! Someone else saved the connection after this admin opened it: their changes beside this admin's, and
//! the choice to put this admin's edits on top of theirs or drop them. Nothing is overwritten silently.

use crate::components::Dialog;
use console_api::ldap_form::Change;
use leptos::prelude::*;

#[component]
pub(super) fn ConflictDialog(
    /// The fields changed elsewhere: when this admin opened the page, and now.
    theirs: Vec<Change>,
    /// This admin's own changes, to show beside theirs.
    mine: Vec<Change>,
    /// Their values become the base, with this admin's edits on top.
    on_keep_mine: Callback<()>,
    /// This admin's edits are dropped.
    on_take_theirs: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let rows = theirs
        .into_iter()
        .map(|c| {
            let yours = mine
                .iter()
                .find(|m| m.field == c.field)
                .map_or("(unchanged)", Change::shown_new)
                .to_string();
            view! {
                <tr>
                    <th scope="row">{c.label()}</th>
                    <td><code>{c.shown_old().to_string()}</code></td>
                    <td><code>{c.shown_new().to_string()}</code></td>
                    <td><code>{yours}</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Dialog title="Someone else changed this connection" on_close=on_cancel return_to="ldap-save">
            <p>"Since you opened this page, the connection was changed elsewhere. Nothing has been saved."</p>
            <table class="data-table" data-testid="conflict-list">
                <thead><tr><th scope="col">"Field"</th><th scope="col">"When you opened it"</th><th scope="col">"Theirs, now"</th><th scope="col">"Yours"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <div class="actions">
                <button type="button" class="button" data-testid="keep-mine"
                    on:click=move |_| on_keep_mine.run(())>"Review my changes on top of theirs"</button>
                <button type="button" class="button secondary" data-testid="take-theirs"
                    on:click=move |_| on_take_theirs.run(())>"Discard mine, use theirs"</button>
            </div>
        </Dialog>
    }
}
