//! Report upload: a scanner report sent as multipart to `POST /api/v2/jobs/analysis-file/`, then its
//! import job followed to its result. The form keeps the file and every field whatever happens, and a
//! scanner chosen for one file never carries over to the next.

mod draft;
mod options_field;
mod report_file_field;
mod scanner_field;
mod upload_result;

use crate::api::{use_permissions, use_sde_writes, Cancel};
use crate::components::{ErrorPanel, InputKind, LiveNotice, ReadOnlyBanner, TextField};
use crate::config::Settings;
use crate::erased::{effect, memo};
use crate::live::{known, use_job_follower};
use crate::pages::now_ms;
use console_api::permission::read_only_reason;
use console_api::upload::{check_upload, format_bytes};
use console_api::{ApiError, Job, JobKind, JobStatus, Service};
use draft::{Draft, UploadField};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use options_field::OptionsField;
use report_file_field::{file_summary, ReportFileField};
use scanner_field::ScannerField;
use upload_result::UploadResult;
use web_sys::FormData;

/// The multipart body of a checked form, or `None` when the browser refused to build it.
fn multipart(draft: Draft, max_bytes: u64) -> Result<Option<FormData>, Vec<(String, String)>> {
    let checked = check_upload(&draft.form(), max_bytes)?;
    let (Some(report), Ok(body)) = (draft.file.get_untracked(), FormData::new()) else {
        return Ok(None);
    };
    let appended = body
        .append_with_blob_and_filename("report_file", &report, &report.name())
        .and_then(|_| body.append_with_str("system", &checked.system))
        .and_then(|_| body.append_with_str("project", &checked.project.to_string()))
        .and_then(|_| match &checked.params {
            Some(p) => body.append_with_str("params", p),
            None => Ok(()),
        });
    Ok(appended.ok().map(|_| body))
}

#[component]
pub fn UploadPage() -> impl IntoView {
    let settings = crate::provided::<RwSignal<Settings>>();
    let sde = use_sde_writes();
    let draft = Draft::new();
    let created = RwSignal::new(None::<Job>);
    let cancel = StoredValue::new_local(None::<Cancel>);
    let upload = crate::erased::act(move |(body, handle): &(FormData, Cancel)| {
        sde.upload_report(body.clone(), handle)
    });
    let sending = upload.pending();
    // Every change to what would be sent. A success records the draft it sent, and that same draft cannot
    // be sent again (a double click or a second press would import the report twice).
    let edits = Memo::new(move |n: Option<&u32>| {
        draft.file.track();
        draft.system_choice.track();
        draft.other_system.track();
        draft.project.track();
        draft.params.track();
        n.map_or(0, |n| n.wrapping_add(1))
    });
    let sent = RwSignal::new(None::<u32>);
    let already_sent = move || sent.get() == Some(edits.get());
    // A report chosen or fields typed and not yet sent: leaving asks first rather than losing them.
    crate::unsaved::guard_unsaved_changes(Memo::new(move |_| draft.has_input() && !already_sent()));
    let watcher = crate::watch::use_watcher();
    effect(move || match upload.value().get() {
        Some(Ok(job)) => {
            if let Some(w) = watcher {
                let file = draft
                    .file
                    .with_untracked(|f| f.as_ref().map(|f| f.name()))
                    .unwrap_or_default();
                let project = draft.project.get_untracked();
                w.add(
                    JobKind::Analysis,
                    job.id,
                    &format!("Import of {file} into project {}", project.trim()),
                );
            }
            sent.set(Some(edits.get_untracked()));
            created.set(Some(job));
            // The button that acted is now disabled: focus goes to the outcome, which scrolls it into view.
            request_animation_frame(|| {
                crate::focus::to_element_id("created-heading");
            });
        }
        Some(Err(e)) => {
            draft.set_errors(e.field_errors);
            crate::focus::to_failure("upload-error".into());
        }
        None => {}
    });
    let permissions = use_permissions();
    permissions.probe_sde();
    let denied = move || {
        permissions
            .sde
            .get()
            .read_only()
            .then(|| read_only_reason("upload reports"))
    };
    let send = move || {
        if sending.get_untracked()
            || sent.get_untracked() == Some(edits.get_untracked())
            || denied().is_some()
        {
            return;
        }
        let max_bytes = settings.get_untracked().max_upload_mb() * 1024 * 1024;
        let body = match multipart(draft, max_bytes) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(errors) => return draft.set_errors(errors),
        };
        let Some(handle) = Cancel::new() else { return };
        draft.errors.set(Vec::new());
        created.set(None);
        cancel.set_value(Some(handle.clone()));
        upload.dispatch((body, handle));
    };
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        send();
    };
    let retry = Callback::new(move |_| send());
    let on_new_file = Callback::new(move |_| {
        created.set(None);
        upload.value().set(None);
    });
    let job = memo(move || created.get());
    // While its result is on this page, the import's ending is said here, not in a notice.
    if let Some(w) = watcher {
        effect(move || w.showing(job.with(|j| j.as_ref().map(|j| j.id))));
        on_cleanup(move || w.showing(None));
    }
    let poll_error = follow_import(job, created);
    let error = move || {
        upload
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <ErrorPanel error=e on_retry=retry id="upload-error" /> })
    };

    view! {
        <div class="page-head"><h1>"Upload a scanner report"</h1></div>
        <ReadOnlyBanner service=Service::SdElements />
        <form class="upload-form" on:submit=submit novalidate aria-describedby="upload-intro">
            <p id="upload-intro" class="muted">
                "The report is imported into an SD Elements project as a verification job. "
                {move || format!("Files up to {} are accepted.", format_bytes(settings.get().max_upload_mb() * 1024 * 1024))}
            </p>
            <fieldset class="card" disabled=move || sending.get()>
                <legend>"Report"</legend>
                <ReportFileField draft=draft on_new_file=on_new_file />
                <ScannerField draft=draft />
                <ProjectField draft=draft />
                <OptionsField draft=draft />
            </fieldset>
            <div class="actions">
                <button type="submit" class="button" disabled=move || sending.get() || already_sent() || denied().is_some()
                    aria-describedby="upload-sent">
                    {move || if sending.get() { "Uploading…" } else { "Upload report" }}
                </button>
                <span class="help" id="upload-sent">
                    {move || denied().or_else(|| already_sent().then(|| "This report is uploaded: choose another file or change a field to upload again.".to_string()))}
                </span>
            </div>
            {move || sending.get().then(|| view! {
                <SendingStatus draft=draft cancel=Callback::new(move |_| cancel.with_value(|c| if let Some(c) = c { c.cancel() })) />
            }.into_any())}
        </form>
        {error}
        <UploadResult job=job />
        {move || already_sent().then(|| view! {
            <p class="actions upload-another">
                <button type="button" class="button secondary" data-testid="upload-another"
                    on:click=move |_| { created.set(None); upload.value().set(None); draft.next_report(); }>
                    "Upload another report"
                </button>
            </p>
        })}
        <LiveNotice error=poll_error />
    }
}

#[component]
fn ProjectField(draft: Draft) -> impl IntoView {
    view! {
        <TextField id="upload-project" label="Project id" value=draft.project kind=InputKind::Number
            error=draft.error(UploadField::Project) message_id="upload-project-error" />
    }
}

/// The upload under way: what is sent, for how long, and a Cancel.
#[component]
fn SendingStatus(draft: Draft, cancel: Callback<()>) -> impl IntoView {
    let started = now_ms();
    let elapsed = RwSignal::new(0i64);
    let ticker = gloo_timers::callback::Interval::new(1000, move || {
        elapsed.try_set((now_ms() - started) / 1000);
    });
    let ticker = StoredValue::new_local(Some(ticker));
    on_cleanup(move || drop(ticker.try_update_value(Option::take)));
    let summary = file_summary(draft);
    view! {
        <div class="sending card" role="status" data-testid="sending">
            <progress aria-label="Uploading the report"></progress>
            <span>{move || format!("Sending {} · {} s", summary().unwrap_or_default(), elapsed.get())}</span>
            <button type="button" class="button secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
        </div>
    }
}

/// Follows the import job to its end.
fn follow_import(
    job: Memo<Option<Job>>,
    created: RwSignal<Option<Job>>,
) -> RwSignal<Option<ApiError>> {
    let settings = crate::provided::<RwSignal<Settings>>();
    let poll_error = RwSignal::new(None::<ApiError>);
    let watcher = crate::watch::use_watcher();
    let running = memo(move || {
        job.with(|job| match job {
            Some(j) if j.status() == JobStatus::Running => vec![known(JobKind::Analysis, j.id)],
            _ => Vec::new(),
        })
    });
    use_job_follower(
        settings,
        false,
        || false,
        running,
        move |update: Job| {
            // Seen ending here: not said again on another page.
            if let Some(w) = watcher.filter(|_| update.ready) {
                w.forget(update.id);
            }
            created.try_set(Some(update));
        },
        poll_error,
    );
    poll_error
}
