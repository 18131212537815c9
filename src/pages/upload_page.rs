//! Report upload: a scanner report sent as multipart to `POST /api/v2/jobs/analysis-file/`, then its
//! import job followed to its result. The form keeps the file and every field whatever happens.

use crate::api::{Cancel, SdeClient};
use crate::components::{ErrorPanel, LiveNotice, StatusBadge};
use crate::config::Settings;
use crate::live::use_job_follower;
use crate::pages::now_ms;
use crate::router::app_url;
use console_api::upload::{
    check_upload, detect_system, format_bytes, system_name, Detected, UploadForm, SNIFF_BYTES,
    UPLOAD_SYSTEMS,
};
use console_api::{ApiError, Job, JobKind, JobStatus};
use leptos::ev::{DragEvent, SubmitEvent};
use leptos::prelude::*;
use web_sys::{File, FormData, HtmlInputElement};

const OTHER: &str = "other";
/// The fields the API names in a 400, shown beside the matching control.
const FIELDS: [&str; 4] = ["report_file", "system", "project", "params"];

/// The first bytes of `file`, enough to tell which scanner wrote it.
async fn head_of(file: &File) -> Option<Vec<u8>> {
    let end = (file.size() as usize).min(SNIFF_BYTES) as f64;
    let blob = file.slice_with_f64_and_f64(0.0, end).ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
pub fn UploadPage() -> impl IntoView {
    let settings = expect_context::<RwSignal<Settings>>();
    let file = RwSignal::new_local(None::<File>);
    let detected = RwSignal::new(None::<Detected>);
    let system_choice = RwSignal::new(String::new());
    let other_system = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let params = RwSignal::new(Vec::<(u32, String, String)>::new());
    let next_row = StoredValue::new(0u32);
    let field_errors = RwSignal::new(Vec::<(String, String)>::new());
    let error = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<Job>);
    let sending = RwSignal::new(false);
    let elapsed = RwSignal::new(0u32);
    let dragging = RwSignal::new(false);
    let cancel = StoredValue::new_local(None::<Cancel>);
    let ticker = StoredValue::new_local(None::<gloo_timers::callback::Interval>);

    let field_error = move |field: &'static str| {
        move || {
            field_errors.with(|errors| {
                errors
                    .iter()
                    .find(|(f, _)| f == field)
                    .map(|(_, m)| m.clone())
            })
        }
    };
    let invalid = move |field: &'static str| {
        move || {
            field_errors
                .with(|errors| errors.iter().any(|(f, _)| f == field))
                .then_some("true")
        }
    };

    let choose = move |chosen: File| {
        let name = chosen.name();
        file.set(Some(chosen.clone()));
        created.set(None);
        error.set(None);
        field_errors.update(|errors| errors.retain(|(f, _)| f != "report_file"));
        detected.set(None);
        leptos::task::spawn_local(async move {
            let Some(head) = head_of(&chosen).await else {
                return;
            };
            let found = detect_system(&name, &head);
            if let Some(d) = &found {
                system_choice.try_set(d.system.to_string());
                field_errors.try_update(|errors| errors.retain(|(f, _)| f != "system"));
            }
            detected.try_set(found);
        });
    };
    let on_file_input = move |ev: leptos::ev::Event| {
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

    let system = move || {
        let choice = system_choice.get_untracked();
        if choice == OTHER {
            other_system.get_untracked()
        } else {
            choice
        }
    };
    let send = move || {
        if sending.get_untracked() {
            return;
        }
        let form = UploadForm {
            file: file.with_untracked(|f| f.as_ref().map(|f| (f.name(), f.size() as u64))),
            system: system(),
            project: project.get_untracked(),
            params: params
                .get_untracked()
                .into_iter()
                .map(|(_, k, v)| (k, v))
                .collect(),
        };
        let max_bytes = settings.get_untracked().max_upload_mb() * 1024 * 1024;
        let checked = match check_upload(&form, max_bytes) {
            Ok(checked) => checked,
            Err(errors) => {
                field_errors.set(errors);
                return;
            }
        };
        let (Some(report), Ok(body), Some(handle)) =
            (file.get_untracked(), FormData::new(), Cancel::new())
        else {
            return;
        };
        let appended = body
            .append_with_blob_and_filename("report_file", &report, &report.name())
            .and_then(|_| body.append_with_str("system", &checked.system))
            .and_then(|_| body.append_with_str("project", &checked.project.to_string()))
            .and_then(|_| match &checked.params {
                Some(p) => body.append_with_str("params", p),
                None => Ok(()),
            });
        if appended.is_err() {
            return;
        }
        field_errors.set(Vec::new());
        error.set(None);
        created.set(None);
        sending.set(true);
        cancel.set_value(Some(handle.clone()));
        let started = now_ms();
        elapsed.set(0);
        ticker.set_value(Some(gloo_timers::callback::Interval::new(
            1000,
            move || {
                elapsed.try_set(((now_ms() - started) / 1000) as u32);
            },
        )));
        let client = SdeClient::new(&settings.get_untracked());
        leptos::task::spawn_local(async move {
            let result = client.upload_report(body, &handle).await;
            ticker.try_set_value(None);
            cancel.try_set_value(None);
            sending.try_set(false);
            match result {
                Ok(job) => {
                    created.try_set(Some(job));
                }
                Err(e) => {
                    let beside: Vec<(String, String)> = e
                        .field_errors
                        .iter()
                        .filter(|(f, _)| FIELDS.contains(&f.as_str()))
                        .cloned()
                        .collect();
                    field_errors.try_set(beside);
                    error.try_set(Some(e));
                }
            }
        });
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send();
    };
    let retry = Callback::new(move |_| send());

    // Follow the import job to its end.
    let poll_error = RwSignal::new(None::<ApiError>);
    let running = Memo::new(move |_| {
        created.with(|job| match job {
            Some(j) if j.status() == JobStatus::Running => vec![(JobKind::Analysis, j.id)],
            _ => Vec::new(),
        })
    });
    use_job_follower(
        settings,
        || false,
        running,
        move |job| {
            created.try_set(Some(job));
        },
        poll_error,
    );

    let file_summary = move || {
        file.with(|f| {
            f.as_ref().map(|f| {
                let kind = if f.type_().is_empty() {
                    "unknown type".to_string()
                } else {
                    f.type_()
                };
                format!("{} · {} · {kind}", f.name(), format_bytes(f.size() as u64))
            })
        })
    };

    view! {
        <div class="page-head"><h1>"Upload a scanner report"</h1></div>
        <form class="upload-form" on:submit=submit novalidate aria-describedby="upload-intro">
            <p id="upload-intro" class="muted">
                "The report is imported into an SD Elements project as a verification job. "
                {move || format!("Files up to {} are accepted.", format_bytes(settings.get().max_upload_mb() * 1024 * 1024))}
            </p>
            <fieldset class="card" disabled=move || sending.get()>
                <legend>"Report"</legend>
                <div
                    class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
                    data-testid="drop-zone"
                    on:dragover=|ev: DragEvent| ev.prevent_default()
                    on:dragenter=move |ev: DragEvent| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop
                >
                    <label for="report-file">"Report file"</label>
                    <input id="report-file" type="file" on:change=on_file_input
                        aria-invalid=invalid("report_file") aria-describedby="report-file-help report-file-error" />
                    <p class="help" id="report-file-help">"Choose a file, or drop it here. A second file replaces the first."</p>
                    <p class="chosen" data-testid="chosen-file">{file_summary}</p>
                    <p class="field-error" id="report-file-error" role="alert">{field_error("report_file")}</p>
                </div>
                <div class="field">
                    <label for="upload-system">"Scanner (system)"</label>
                    <select id="upload-system"
                        prop:value=move || system_choice.get()
                        on:change=move |ev| system_choice.set(event_target_value(&ev))
                        aria-invalid=invalid("system") aria-describedby="upload-system-help upload-system-error">
                        <option value="">"Choose the scanner…"</option>
                        {UPLOAD_SYSTEMS.iter().map(|s| view! { <option value=s.id>{format!("{} ({})", s.name, s.id)}</option> }).collect_view()}
                        <option value=OTHER>"Another system…"</option>
                    </select>
                    <p class="help" id="upload-system-help" data-testid="detected">
                        {move || detected.get().map(|d| {
                            let name = system_name(d.system).unwrap_or(d.system);
                            format!("Detected {name}: {} You can change it.", d.reason)
                        })}
                    </p>
                    {move || (system_choice.get() == OTHER).then(|| view! {
                        <label for="upload-system-other">"System id"</label>
                        <input id="upload-system-other" type="text" autocomplete="off" spellcheck="false"
                            placeholder="such as nessus_file_upload"
                            prop:value=move || other_system.get()
                            on:input=move |ev| other_system.set(event_target_value(&ev)) />
                    })}
                    <p class="field-error" id="upload-system-error" role="alert">{field_error("system")}</p>
                </div>
                <div class="field">
                    <label for="upload-project">"Project id"</label>
                    <input id="upload-project" type="number" min="1" step="1" inputmode="numeric"
                        prop:value=move || project.get()
                        on:input=move |ev| project.set(event_target_value(&ev))
                        aria-invalid=invalid("project") aria-describedby="upload-project-error" />
                    <p class="field-error" id="upload-project-error" role="alert">{field_error("project")}</p>
                </div>
                <div class="field params">
                    <span class="label" id="params-label">"Options (params, optional)"</span>
                    <For each=move || params.get() key=|(id, _, _)| *id let:row>
                        {
                            let id = row.0;
                            let set = move |key: bool, value: String| params.update(|rows| {
                                if let Some(r) = rows.iter_mut().find(|r| r.0 == id) {
                                    if key { r.1 = value } else { r.2 = value }
                                }
                            });
                            view! {
                                <div class="param-row">
                                    <input type="text" aria-label="Option name" placeholder="name" prop:value=row.1.clone()
                                        on:input=move |ev| set(true, event_target_value(&ev)) />
                                    <input type="text" aria-label="Option value" placeholder="value" prop:value=row.2.clone()
                                        on:input=move |ev| set(false, event_target_value(&ev)) />
                                    <button type="button" class="link-button" aria-label="Remove this option"
                                        on:click=move |_| params.update(|rows| rows.retain(|r| r.0 != id))>"Remove"</button>
                                </div>
                            }
                        }
                    </For>
                    <button type="button" class="link-button" aria-describedby="params-label"
                        on:click=move |_| {
                            next_row.update_value(|n| *n += 1);
                            let id = next_row.get_value();
                            params.update(|rows| rows.push((id, String::new(), String::new())));
                        }>"Add an option"</button>
                    <p class="field-error" role="alert">{field_error("params")}</p>
                </div>
            </fieldset>
            <div class="actions">
                <button type="submit" class="button" disabled=move || sending.get()>
                    {move || if sending.get() { "Uploading…" } else { "Upload report" }}
                </button>
            </div>
            {move || sending.get().then(|| view! {
                <div class="sending card" role="status" data-testid="sending">
                    <progress aria-label="Uploading the report"></progress>
                    <span>{move || format!("Sending {} · {} s", file_summary().unwrap_or_default(), elapsed.get())}</span>
                    <button type="button" class="button secondary"
                        on:click=move |_| cancel.with_value(|c| if let Some(c) = c { c.cancel() })>"Cancel"</button>
                </div>
            })}
        </form>
        {move || error.get().map(|e| view! { <ErrorPanel error=e on_retry=retry /> })}
        {move || created.get().map(|job| {
            let c = &job.connection;
            view! {
                <section class="card" aria-labelledby="created-heading" data-testid="upload-result">
                    <h2 id="created-heading">{format!("Import job {} created", job.id)}</h2>
                    <dl class="fields">
                        <dt>"Status"</dt><dd data-testid="upload-status"><StatusBadge status=job.status() /></dd>
                        <dt>"Connection"</dt><dd>{c.alias.clone()}</dd>
                        <dt>"System"</dt><dd>{c.system.display_name().to_string()}</dd>
                        <dt>"Project"</dt><dd>{c.project.map_or_else(|| "—".into(), |p| p.to_string())}</dd>
                        <dt>"Attachment"</dt><dd>{job.attachment.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt>"Result"</dt>
                        <dd class="message-full" data-testid="upload-message">
                            {if job.ready { job.result_message().to_string() } else { "The import is running; this page follows it.".to_string() }}
                        </dd>
                    </dl>
                    <p><a href=app_url(&format!("/jobs/analysis/{}", job.id))>"Open the job's page →"</a></p>
                </section>
            }
        })}
        <LiveNotice error=poll_error />
    }
}
