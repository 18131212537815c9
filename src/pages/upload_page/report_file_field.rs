//! The report file: chosen or dropped, named with its size and type, and sniffed for the scanner that
//! wrote it. A newer file always wins: the answer about an older one is dropped.

use super::draft::{Draft, UploadField};
use console_api::upload::{
    detect_system, file_type_label, format_bytes, scanner_for_file, SNIFF_BYTES,
};
use leptos::ev::DragEvent;
use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

/// The first bytes of `file`, enough to tell which scanner wrote it.
async fn head_of(file: &File) -> Option<Vec<u8>> {
    let end = (file.size() as usize).min(SNIFF_BYTES) as f64;
    let blob = file.slice_with_f64_and_f64(0.0, end).ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// `name · size · type` of the chosen file.
pub fn file_summary(draft: Draft) -> impl Fn() -> Option<String> + Copy {
    move || {
        draft.file.with(|f| {
            f.as_ref().map(|f| {
                let kind = file_type_label(&f.name(), &f.type_());
                format!("{} · {} · {kind}", f.name(), format_bytes(f.size() as u64))
            })
        })
    }
}

#[component]
pub fn ReportFileField(
    draft: Draft,
    /// Called when a new file replaces the old one (the last result no longer applies).
    on_new_file: Callback<()>,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let generation = StoredValue::new(0u32);
    let choose = move |chosen: File| {
        let name = chosen.name();
        draft.file.set(Some(chosen.clone()));
        draft.clear_error(UploadField::ReportFile);
        draft.scanner_note.set(None);
        draft.detected.set(None);
        on_new_file.run(());
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        leptos::task::spawn_local(async move {
            let head = head_of(&chosen).await.unwrap_or_default();
            if generation.try_get_value() != Some(mine) {
                return;
            }
            let found = detect_system(&name, &head);
            let scanner = scanner_for_file(&name, found.as_ref());
            draft.system_choice.try_set(scanner.choice.to_string());
            draft.other_system.try_set(String::new());
            if found.is_some() {
                draft
                    .errors
                    .try_update(|e| e.retain(|(f, _)| *f != UploadField::System));
            }
            draft.scanner_note.try_set(Some(scanner.note));
            draft.detected.try_set(found.map(|f| f.system));
        });
    };
    let on_input = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        if let Some(chosen) = input.files().and_then(|files| files.get(0)) {
            choose(chosen);
        }
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(chosen) = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|files| files.get(0))
        {
            choose(chosen);
        }
    };
    view! {
        <div
            class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
            data-testid="drop-zone"
            on:dragover=|ev: DragEvent| ev.prevent_default()
            on:dragenter=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <label for="report-file">"Report file"</label>
            <input id="report-file" type="file" on:change=on_input
                aria-invalid=draft.invalid(UploadField::ReportFile)
                aria-describedby="report-file-help report-file-error" />
            <p class="help" id="report-file-help">"Choose a file, or drop it here. A second file replaces the first."</p>
            <p class="chosen" data-testid="chosen-file">{file_summary(draft)}</p>
            <p class="field-error" id="report-file-error" role="alert">{draft.error(UploadField::ReportFile)}</p>
        </div>
    }
}
