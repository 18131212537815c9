//! The optional `params`: name/value rows, each keyed so typing in one never rebuilds another; a value
//! whose name looks secret is a password field.

use super::draft::{Draft, UploadField};
use console_api::is_secret_key;
use leptos::prelude::*;

#[component]
pub fn OptionsField(draft: Draft) -> impl IntoView {
    let params = draft.params;
    let next_row = StoredValue::new(0u32);
    let set = move |id: u32, key: bool, value: String| {
        params.update(|rows| {
            if let Some(r) = rows.iter_mut().find(|r| r.0 == id) {
                if key {
                    r.1 = value
                } else {
                    r.2 = value
                }
            }
        })
    };
    let add = move |_| {
        next_row.update_value(|n| *n += 1);
        let id = next_row.get_value();
        params.update(|rows| rows.push((id, String::new(), String::new())));
        // Focus goes to the new row's name, where the admin types next.
        request_animation_frame(move || {
            crate::focus::to_element_id(&format!("param-{id}-name"));
        });
    };
    // After a removal, focus goes to the next row's name, else the previous one's, else "Add an option".
    let remove = move |id: u32| {
        let next = params.with_untracked(|rows| {
            let at = rows.iter().position(|r| r.0 == id)?;
            rows.get(at + 1)
                .or_else(|| at.checked_sub(1).and_then(|p| rows.get(p)))
                .map(|r| r.0)
        });
        params.update(|rows| rows.retain(|r| r.0 != id));
        request_animation_frame(move || {
            let moved =
                next.is_some_and(|n| crate::focus::to_element_id(&format!("param-{n}-name")));
            if !moved {
                crate::focus::to_element_id("params-add");
            }
        });
    };
    view! {
        <div class="field params">
            <span class="label" id="params-label">"Options (params, optional)"</span>
            <For each=move || params.get() key=|(id, _, _)| *id let:row>
                {
                    let id = row.0;
                    // A value whose name looks secret (`api_token`) is typed unseen, and never saved by the browser.
                    let secret = move || {
                        params.with(|rows| rows.iter().any(|r| r.0 == id && is_secret_key(&r.1)))
                    };
                    view! {
                        <div class="param-row">
                            <input type="text" id=format!("param-{id}-name") aria-label="Option name" placeholder="name" prop:value=row.1.clone()
                                on:input=move |ev| set(id, true, event_target_value(&ev)) />
                            <input type=move || if secret() { "password" } else { "text" }
                                autocomplete=move || if secret() { "new-password" } else { "off" }
                                aria-label="Option value" placeholder="value" prop:value=row.2.clone()
                                on:input=move |ev| set(id, false, event_target_value(&ev)) />
                            <button type="button" class="link-button" aria-label="Remove this option"
                                on:click=move |_| remove(id)>"Remove"</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="link-button" id="params-add" aria-describedby="params-label" on:click=add>"Add an option"</button>
            <p class="field-error" role="alert">{draft.error(UploadField::Params)}</p>
        </div>
    }
}
