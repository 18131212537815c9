//! `POST /api/v2/jobs/analysis-file/`: a scanner report as `multipart/form-data` (`report_file`, `system`,
//! `project`, optional `params`). Creates or reuses the project's file-upload connection for that system and
//! starts an import job, answering 201 with the documented shape. What arrived is kept for `/__dev/`.

use crate::auth::Principal;
use crate::devtools::ReceivedUpload;
use crate::reply;
use crate::store::{now_millis, StoredConnection, StoredJob};
use crate::{jobs, AppState};
use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use console_api::upload::UPLOAD_SYSTEMS;
use console_api::{Connection, JobKind, Params, System, SystemDetail};
use serde_json::{Map, Value};

/// A known scanner (`console_api::upload::UPLOAD_SYSTEMS`, the console's own list, so both name each
/// scanner alike), or any other `*_file_upload` id (named after its prefix); anything else is refused.
fn system_detail(id: &str) -> Option<SystemDetail> {
    if let Some(known) = UPLOAD_SYSTEMS.iter().find(|s| s.id == id) {
        return Some(SystemDetail {
            id: known.id.into(),
            short_name: known.name.into(),
            name: known.full_name.into(),
        });
    }
    let prefix = id.strip_suffix("_file_upload")?;
    let valid = !prefix.is_empty()
        && prefix
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    valid.then(|| SystemDetail {
        id: id.into(),
        short_name: prefix.into(),
        name: prefix.into(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let limit = state.settings().max_upload_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit + 64 * 1024) {
        return too_large(limit);
    }
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(_) => {
            return reply::detail(
                StatusCode::BAD_REQUEST,
                "Send the report as multipart/form-data with the fields report_file, system and project.",
            )
        }
    };
    let mut received = ReceivedUpload {
        content_type: headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        ..Default::default()
    };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(limit),
            Err(e) => {
                return reply::detail(
                    StatusCode::BAD_REQUEST,
                    format!("The multipart body could not be read: {}", e.body_text()),
                )
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(str::to_string);
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(limit),
            Err(e) => {
                return reply::detail(
                    StatusCode::BAD_REQUEST,
                    format!("The multipart body could not be read: {}", e.body_text()),
                )
            }
        };
        received.field_names.push(name.clone());
        if name == "report_file" {
            received.file_name = file_name;
            received.file_content_type = content_type;
            received.file = bytes.to_vec();
        } else {
            received
                .fields
                .insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    if received.file.len() > limit {
        return too_large(limit);
    }

    let mut errors: Vec<(String, String)> = Vec::new();
    if !received.field_names.iter().any(|n| n == "report_file") {
        errors.push(("report_file".into(), "No file was submitted.".into()));
    } else if received.file.is_empty() {
        errors.push(("report_file".into(), "The submitted file is empty.".into()));
    }
    let system = match received.fields.get("system").map(|s| s.trim()) {
        None | Some("") => {
            errors.push(("system".into(), "This field is required.".into()));
            None
        }
        Some(id) => system_detail(id).or_else(|| {
            let known: Vec<&str> = UPLOAD_SYSTEMS.iter().map(|s| s.id).collect();
            errors.push((
                "system".into(),
                format!(
                    "Unknown system '{id}'. Known systems: {}.",
                    known.join(", ")
                ),
            ));
            None
        }),
    };
    let project = match received.fields.get("project").map(|s| s.trim()) {
        None | Some("") => {
            errors.push(("project".into(), "This field is required.".into()));
            None
        }
        Some(p) => p.parse::<i64>().ok().filter(|p| *p > 0).or_else(|| {
            errors.push((
                "project".into(),
                format!("'{p}' is not a valid project id: a positive whole number is required."),
            ));
            None
        }),
    };
    let extra: Map<String, Value> = match received.fields.get("params").map(|s| s.trim()) {
        None | Some("") => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => {
                errors.push((
                    "params".into(),
                    "Must be a JSON object, such as {\"key\": \"value\"}.".into(),
                ));
                Map::new()
            }
        },
    };
    state.dev.lock().expect("dev lock").last_upload = Some(received.clone());
    if !errors.is_empty() {
        return reply::invalid(&errors);
    }
    let (Some(system), Some(project)) = (system, project) else {
        unreachable!("errors were reported above");
    };
    let file_name = received
        .file_name
        .clone()
        .unwrap_or_else(|| "report".into());

    let mut data = state.data.lock().expect("data lock");
    let mut params = extra;
    params.insert("file_upload".into(), Value::String(file_name.clone()));
    let existing = data.connections.iter().position(|c| {
        c.connection.project == Some(project)
            && matches!(&c.connection.system, System::Detail(d) if d.id == system.id)
    });
    let connection_id = match existing {
        Some(index) => {
            let c = &mut data.connections[index].connection;
            c.params = Some(Params(
                params.into_iter().map(|(k, v)| (k, v.into())).collect(),
            ));
            c.in_progress = Some(true);
            c.id
        }
        None => {
            let id = data.next_connection_id();
            let prefix = system.id.trim_end_matches("_file_upload").to_string();
            data.connections.push(StoredConnection {
                kind: JobKind::Analysis,
                connection: Connection {
                    id,
                    alias: format!("File Upload Connection - {}", system.short_name),
                    command: Some(format!("import_{prefix}")),
                    frequency: Some("manually".into()),
                    params: Some(Params(
                        params.into_iter().map(|(k, v)| (k, v.into())).collect(),
                    )),
                    project: Some(project),
                    system: System::Detail(system),
                    inaccessible: None,
                    in_progress: Some(true),
                    connector: Some(console_api::json_tree::Json::Null),
                    debug_mode: Some(false),
                    is_file_upload: Some(true),
                },
                fails_with: None,
            });
            id
        }
    };
    let id = data.next_job_id();
    let job = StoredJob {
        id,
        kind: JobKind::Analysis,
        connection: connection_id,
        user: Some(principal.email.into()),
        triggered_by: Some(principal.email.into()),
        succeeded: false,
        automatic: false,
        ready: false,
        result_message: String::new(),
        last_run_ms: now_millis(),
        attachment: Some(file_name),
    };
    data.jobs.push(job.clone());
    let rendered = data.render(&job, false, false, principal.sees_params());
    drop(data);
    jobs::finish_later(state.clone(), id, 1, jobs::next_outcome(&state));
    (StatusCode::CREATED, Json(rendered)).into_response()
}

fn too_large(limit: usize) -> Response {
    reply::detail(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "The report is larger than the {} MB this server accepts.",
            limit / (1024 * 1024)
        ),
    )
}
