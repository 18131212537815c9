//! SD Elements API v2 jobs (`Authorization: Token <token>`).

use super::http::{Cancel, Endpoint, Method};
use crate::config::Settings;
use console_api::page_reader::PageReader;
use console_api::{
    ApiError, Job, JobKind, JobQuery, JobResultRequest, Page, Service, StartJobRequest,
};

#[derive(Clone, Debug)]
pub struct SdeClient {
    endpoint: Endpoint,
}

impl SdeClient {
    pub fn new(settings: &Settings) -> Self {
        Self {
            endpoint: Endpoint {
                service: Service::SdElements,
                base: settings.sde_base(),
                token: settings.sde_token.clone(),
                timeout_ms: settings.request_timeout_ms(),
            },
        }
    }

    /// `GET /api/v2/jobs/{kind}/?filters`: one page, or every job when the server does not paginate.
    pub async fn list_jobs(&self, query: &JobQuery) -> Result<Page<Job>, ApiError> {
        self.endpoint
            .get_page(&query.path(), PageReader::jobs())
            .await
            .map_err(ApiError::for_collection)
    }

    /// `GET /api/v2/jobs/{kind}/{id}`, with users expanded when asked.
    pub async fn job(&self, kind: JobKind, id: i64, expand_users: bool) -> Result<Job, ApiError> {
        let expand = if expand_users {
            "?expand=user,triggered_by"
        } else {
            ""
        };
        self.endpoint
            .get(&format!("/api/v2/jobs/{}{id}{expand}", kind.path_segment()))
            .await
    }

    /// `POST /api/v2/jobs/{kind}/` with `ready: false`: queues a run of the connection.
    pub async fn start_job(&self, kind: JobKind, connection: i64) -> Result<Job, ApiError> {
        self.endpoint
            .send_json(
                Method::Post,
                &format!("/api/v2/jobs/{}", kind.path_segment()),
                &StartJobRequest::run_now(connection),
            )
            .await
    }

    /// `POST /api/v2/jobs/analysis-file/` as multipart: `report_file`, `system`, `project`, optional
    /// `params` (a JSON object). Starts a verification import job.
    pub async fn upload_report(
        &self,
        form: web_sys::FormData,
        cancel: &Cancel,
    ) -> Result<Job, ApiError> {
        self.endpoint
            .send_form("/api/v2/jobs/analysis-file/", form, cancel)
            .await
            .map_err(|e| e.for_collection().for_upload())
    }

    /// `POST /api/v2/jobs/{kind}/` with a result: records how a job ended.
    pub async fn post_result(
        &self,
        kind: JobKind,
        result: &JobResultRequest,
    ) -> Result<Job, ApiError> {
        self.endpoint
            .send_json(
                Method::Post,
                &format!("/api/v2/jobs/{}", kind.path_segment()),
                result,
            )
            .await
    }
}
