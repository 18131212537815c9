//! The scanner (the API's `system`): one of the known file-upload systems, or another id typed by hand.
//! Choosing a file sets or clears it, and the note below says which and why.

use super::draft::{Draft, UploadField, OTHER_SYSTEM};
use crate::components::TextField;
use crate::erased::memo;
use console_api::upload::{system_name, UPLOAD_SYSTEMS};
use leptos::prelude::*;

#[component]
pub fn ScannerField(draft: Draft) -> impl IntoView {
    let other = memo(move || draft.system_choice.with(|c| c == OTHER_SYSTEM));
    view! {
        <div class="field">
            <label for="upload-system">"Scanner (system)"</label>
            <select id="upload-system"
                prop:value=move || draft.system_choice.get()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    // A choice by hand replaces what was said about the file, and says so when it differs.
                    let note = draft.detected.get_untracked().filter(|d| *d != chosen).map(|d| {
                        format!(
                            "Chosen by hand. The file looks like a {} report.",
                            system_name(d).unwrap_or(d)
                        )
                    });
                    draft.system_choice.set(chosen);
                    draft.scanner_note.set(note);
                }
                aria-invalid=draft.invalid(UploadField::System)
                aria-describedby="upload-system-help upload-system-error">
                <option value="">"Choose the scanner…"</option>
                {UPLOAD_SYSTEMS.iter().map(|s| view! { <option value=s.id>{format!("{} ({})", s.name, s.id)}</option> }).collect_view()}
                <option value=OTHER_SYSTEM>"Another system…"</option>
            </select>
            <p class="help" id="upload-system-help" role="status" data-testid="detected">
                {move || draft.scanner_note.get()}
            </p>
            {move || other.get().then(|| view! {
                <TextField id="upload-system-other" label="System id" value=draft.other_system
                    placeholder="such as nessus_file_upload".to_string() />
            }.into_any())}
            <p class="field-error" id="upload-system-error" role="alert">{draft.error(UploadField::System)}</p>
        </div>
    }
}
