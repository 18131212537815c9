//! Report upload. The form arrives with its own issue; until then the page says so plainly.

use leptos::prelude::*;

#[component]
pub fn UploadPage() -> impl IntoView {
    view! {
        <div class="page-head"><h1>"Upload a scanner report"</h1></div>
        <p class="notice">
            "Uploading reports from this console is not available yet. Until it is, reports can be sent to "
            <code>"POST /api/v2/jobs/analysis-file/"</code>
            " directly; their import jobs appear on the Jobs page."
        </p>
    }
}
