//! The development backend answers as the documents say: every documented response has a counterpart here
//! with the same shape, and the filters, pagination, auth, writes, uploads, job runs and faults behave.

use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use axum::Router;
use console_api::json::from_str_lenient;
use console_api::{JobKind, Page};
use dev_backend::demo::demo_data;
use dev_backend::{router, AppState, Settings};
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use tower::ServiceExt;

const ADMIN: &str = "Token demo-admin-token";
const READONLY: &str = "Token demo-readonly-token";
const BEARER: &str = "Bearer demo-admin-token";

fn state_with(settings: Settings) -> AppState {
    let state = AppState::new(demo_data(120, 3, 1_763_000_000_000), settings);
    state.dev.lock().unwrap().initial = Some(state.data.lock().unwrap().clone());
    state
}

fn app() -> (Router, AppState) {
    let state = state_with(Settings {
        job_delay: Duration::from_millis(30),
        ..Settings::default()
    });
    (router(state.clone()), state)
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    auth: Option<&str>,
    body: Option<Value>,
) -> Reply {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "127.0.0.1:8080");
    if let Some(auth) = auth {
        request = request.header(header::AUTHORIZATION, auth);
    }
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn get(app: &Router, uri: &str) -> Value {
    let auth = if uri.starts_with("/api/v1/") {
        BEARER
    } else {
        ADMIN
    };
    let reply = send(app, "GET", uri, Some(auth), None).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{uri}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    reply.json()
}

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----devbackendtestboundary";
    let mut body = Vec::new();
    for (name, file_name, content) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file_name {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/xml\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &Router, parts: &[(&str, Option<&str>, &[u8])]) -> Reply {
    let (content_type, body) = multipart(parts);
    let request = Request::post("/api/v2/jobs/analysis-file/")
        .header(header::AUTHORIZATION, ADMIN)
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    Reply {
        status,
        headers,
        body: to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    }
}

/// A 4 KB report: over the limit of the backends these tests build with a small `max_upload_mb`.
async fn upload_too_big(app: &Router) -> Reply {
    let big = vec![b'x'; 4096];
    upload(
        app,
        &[
            ("report_file", Some("big.xml"), &big),
            ("system", None, b"zap_file_upload"),
            ("project", None, b"1"),
        ],
    )
    .await
}

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../console-api/tests/fixtures/{name}.json"));
    from_str_lenient(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `ours` has every key of `documented` with a value of the same JSON type (recursively). A documented
/// `null` may be a value here (an attachment's file name, a last login); `params` is a free-form map.
fn same_shape(documented: &Value, ours: &Value, path: &str) {
    match (documented, ours) {
        (Value::Object(doc), Value::Object(got)) => {
            for (key, value) in doc {
                let there = got
                    .get(key)
                    .unwrap_or_else(|| panic!("{path}.{key} is missing in {ours}"));
                if key == "params" {
                    assert!(there.is_object(), "{path}.params must be an object");
                } else {
                    same_shape(value, there, &format!("{path}.{key}"));
                }
            }
        }
        (Value::Array(doc), Value::Array(got)) => {
            if let (Some(d), Some(g)) = (doc.first(), got.first()) {
                same_shape(d, g, &format!("{path}[0]"));
            } else {
                assert!(
                    doc.is_empty() || !got.is_empty(),
                    "{path}: documented a non-empty list"
                );
            }
        }
        (Value::Null, _) => {}
        (d, g) => assert_eq!(
            std::mem::discriminant(d),
            std::mem::discriminant(g),
            "{path}: documented {d}, got {g}"
        ),
    }
}

/// A finished job of `kind` whose system is a plain name, like the documented single-job examples.
async fn documented_like_job_id(app: &Router, kind: JobKind) -> i64 {
    let list = get(
        app,
        &format!("/api/v2/jobs/{}?ready=true", kind.path_segment()),
    )
    .await;
    list["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| j["connection"]["system"].is_string())
        .and_then(|j| j["id"].as_i64())
        .expect("a comparable job")
}

#[tokio::test]
async fn every_documented_list_has_its_shape() {
    let (app, _) = app();
    for (name, uri) in [
        ("jobs_list", "/api/v2/jobs/"),
        (
            "jobs_list_expanded",
            "/api/v2/jobs/?expand=user,triggered_by",
        ),
        ("alm_list", "/api/v2/jobs/alm/"),
        (
            "alm_list_expanded",
            "/api/v2/jobs/alm/?expand=user,triggered_by",
        ),
        ("analysis_list", "/api/v2/jobs/analysis/?connection=24"),
        (
            "analysis_list_expanded",
            "/api/v2/jobs/analysis/?connection=24&expand=user,triggered_by",
        ),
        ("ldap_list", "/api/v2/jobs/ldap/"),
        (
            "ldap_list_expanded",
            "/api/v2/jobs/ldap/?expand=user,triggered_by",
        ),
    ] {
        let ours = get(&app, uri).await;
        // Unpaginated, as documented: `results` alone.
        assert!(ours.get("count").is_none(), "{name}");
        let documented = fixture(name);
        // Compare with an automatic, finished job like the documented one, whose user is the service bot.
        let like = ours["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|j| {
                let doc = &documented["results"][0];
                j["ready"] == true
                    && j["automatic"] == doc["automatic"]
                    && j["connection"]["system"].is_string()
                        == doc["connection"]["system"].is_string()
                    && j["connection"].get("project").is_some()
                        == doc["connection"].get("project").is_some()
            })
            .unwrap_or_else(|| panic!("{name}: no comparable job"));
        same_shape(&documented["results"][0], like, name);
    }
}

#[tokio::test]
async fn every_documented_job_has_its_shape() {
    let (app, _) = app();
    for (name, kind) in [
        ("alm_job", JobKind::Alm),
        ("analysis_job", JobKind::Analysis),
        ("ldap_job", JobKind::Ldap),
    ] {
        let id = documented_like_job_id(&app, kind).await;
        let ours = get(&app, &format!("/api/v2/jobs/{}{id}", kind.path_segment())).await;
        same_shape(&fixture(name), &ours, name);
    }
}

fn connection_of(kind: JobKind) -> i64 {
    match kind {
        JobKind::Alm => 12,
        JobKind::Analysis => 23,
        _ => 29,
    }
}

#[tokio::test]
async fn every_documented_post_answers_with_its_shape() {
    let (app, _) = app();
    for (kind, prefix) in [
        (JobKind::Alm, "alm"),
        (JobKind::Analysis, "analysis"),
        (JobKind::Ldap, "ldap"),
    ] {
        for step in ["start", "result"] {
            let mut body = fixture(&format!("{prefix}_{step}_request"));
            body["connection"] = json!(connection_of(kind));
            let reply = send(
                &app,
                "POST",
                &format!("/api/v2/jobs/{}", kind.path_segment()),
                Some(ADMIN),
                Some(body),
            )
            .await;
            assert_eq!(reply.status, StatusCode::CREATED, "{prefix} {step}");
            let ours = reply.json();
            same_shape(
                &fixture(&format!("{prefix}_{step}_response")),
                &ours,
                &format!("{prefix}_{step}"),
            );
            assert_eq!(ours["ready"], json!(step == "result"), "{prefix} {step}");
            if step == "result" {
                assert_eq!(ours["result_message"], "My Message");
                assert_eq!(ours["succeeded"], true);
            }
        }
    }
}

#[tokio::test]
async fn the_documented_upload_answers_with_its_shape() {
    let (app, state) = app();
    let report = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../console-api/tests/fixtures/alm_job.json"),
    )
    .unwrap();
    let reply = upload(
        &app,
        &[
            ("report_file", Some("report.xml"), &report),
            ("system", None, b"fortify_file_upload"),
            ("project", None, b"1"),
            ("params", None, br#"{"sde_project": 1}"#),
        ],
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let ours = reply.json();
    same_shape(
        &fixture("analysis_file_response"),
        &ours,
        "analysis_file_response",
    );
    assert_eq!(
        ours["connection"]["system"]["name"],
        "Fortify Software Security Center"
    );
    assert_eq!(ours["connection"]["params"]["sde_project"], 1);
    let received = state.dev.lock().unwrap().last_upload.clone().unwrap();
    assert_eq!(received.file, report, "the file's exact bytes arrive");
    assert_eq!(
        received.field_names,
        ["report_file", "system", "project", "params"]
    );
}

/// One list of scanners: what the backend calls a system is what the console's upload page calls it.
#[tokio::test]
async fn uploaded_systems_are_named_as_the_console_names_them() {
    let (app, _) = app();
    for system in console_api::upload::UPLOAD_SYSTEMS {
        let reply = upload(
            &app,
            &[
                (
                    "report_file",
                    Some("report.xml"),
                    b"<issues burpVersion=\"1\"/>",
                ),
                ("system", None, system.id.as_bytes()),
                ("project", None, b"1"),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", system.id);
        let detail = &reply.json()["connection"]["system"];
        assert_eq!(detail["short_name"], system.name, "{}", system.id);
        assert_eq!(detail["name"], system.full_name, "{}", system.id);
    }
}

#[tokio::test]
async fn the_documented_ldap_connection_has_its_shape() {
    let (app, _) = app();
    let ours = get(&app, "/api/v1/ldapconnections/1000000").await;
    same_shape(&fixture("ldapconnection_response"), &ours, "ldapconnection");
    let list = get(&app, "/api/v1/ldapconnections").await;
    assert_eq!(list.as_array().unwrap().len(), 3);
    let reply = send(
        &app,
        "GET",
        "/api/v1/ldapconnections/nope",
        Some(BEARER),
        None,
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.json()["detail"]
        .as_str()
        .unwrap()
        .contains("not found"));
}

async fn jobs(app: &Router, uri: &str) -> Vec<Value> {
    let page: Page<Value> = serde_json::from_value(get(app, uri).await).unwrap();
    page.results
}

#[tokio::test]
async fn filters_select_exactly_the_matching_jobs() {
    let (app, _) = app();
    let all = jobs(&app, "/api/v2/jobs/").await;
    assert_eq!(all.len(), 120);
    for (filter, field, value) in [
        ("automatic=true", "automatic", json!(true)),
        ("automatic=false", "automatic", json!(false)),
        ("ready=false", "ready", json!(false)),
        ("succeeded=true", "succeeded", json!(true)),
        ("succeeded=false", "succeeded", json!(false)),
    ] {
        let some = jobs(&app, &format!("/api/v2/jobs/?{filter}")).await;
        let expected = all.iter().filter(|j| j[field] == value).count();
        assert!(expected > 0, "{filter}: demo data lacks such jobs");
        assert_eq!(some.len(), expected, "{filter}");
    }
    let by_connection = jobs(&app, "/api/v2/jobs/alm/?connection=12").await;
    assert!(!by_connection.is_empty() && by_connection.iter().all(|j| j["connection"]["id"] == 12));
    let by_user = jobs(&app, "/api/v2/jobs/?user=priya.raman%40example.com").await;
    assert!(
        !by_user.is_empty()
            && by_user
                .iter()
                .all(|j| j["user"] == "priya.raman@example.com")
    );
    let by_user_id = jobs(&app, "/api/v2/jobs/?user=4").await;
    assert_eq!(by_user_id.len(), by_user.len());
    for kind in JobKind::KINDS {
        let of_kind = jobs(&app, &format!("/api/v2/jobs/{}", kind.path_segment())).await;
        assert!(!of_kind.is_empty());
        assert!(
            of_kind.iter().all(|j| {
                let c: console_api::Connection =
                    serde_json::from_value(j["connection"].clone()).unwrap();
                let guess = JobKind::guess(&c);
                guess.kind == kind && guess.certain && JobKind::derive(&c) == kind
            }),
            "{kind:?}: every job is of the kind, and with params the console is sure of it"
        );
    }
}

/// A token that may not see params gets no params: the console's guess of a job's kind must then never
/// claim a certainty it does not have.
#[tokio::test]
async fn without_params_a_certain_kind_guess_is_always_right() {
    let (app, _) = app();
    let (mut certain, mut uncertain) = (0, 0);
    for kind in JobKind::KINDS {
        let uri = format!("/api/v2/jobs/{}", kind.path_segment());
        let reply = send(&app, "GET", &uri, Some(READONLY), None).await;
        assert_eq!(reply.status, StatusCode::OK);
        let page: Page<console_api::Job> =
            from_str_lenient(&String::from_utf8_lossy(&reply.body)).unwrap();
        assert!(!page.results.is_empty());
        for job in &page.results {
            assert!(
                job.connection.params.is_none(),
                "the read-only token sees no params"
            );
            let guess = JobKind::guess(&job.connection);
            if guess.certain {
                assert_eq!(
                    guess.kind, kind,
                    "{}: certain, and wrong",
                    job.connection.alias
                );
                certain += 1;
            } else {
                assert!(guess.candidates().contains(&kind));
                uncertain += 1;
            }
        }
    }
    assert!(
        certain > 0 && uncertain > 0,
        "the demo data has both cases ({certain}, {uncertain})"
    );
}

#[tokio::test]
async fn bad_filters_are_400_naming_the_field() {
    let (app, _) = app();
    for (query, field) in [
        ("automatic=yes", "automatic"),
        ("automatic=1", "automatic"),
        ("ready=TRUE", "ready"),
        ("ready=2", "ready"),
        ("succeeded=", "succeeded"),
        ("connection=abc", "connection"),
        ("page=0", "page"),
        ("page_size=100000", "page_size"),
        ("expand=password", "expand"),
    ] {
        let reply = send(
            &app,
            "GET",
            &format!("/api/v2/jobs/?{query}"),
            Some(ADMIN),
            None,
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(reply.json()[field].is_array(), "{query}: {}", reply.json());
    }
    for (uri, why) in [
        (
            "/api/v2/jobs/?ready=true&ready=false",
            "a parameter given twice",
        ),
        (
            "/api/v2/jobs/ldap/29?expand=nope",
            "one job's query is checked too",
        ),
    ] {
        let reply = send(&app, "GET", uri, Some(ADMIN), None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{why}");
        assert!(reply.json()["detail"].is_string(), "{why}");
    }
    let reply = send(&app, "GET", "/api/v2/jobs/alm/abc", Some(ADMIN), None).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = send(&app, "GET", "/api/v2/jobs/alm/999999", Some(ADMIN), None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = send(&app, "GET", "/api/v2/jobs/nonsense/", Some(ADMIN), None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pagination_has_count_next_and_previous() {
    let (app, _) = app();
    let first = get(&app, "/api/v2/jobs/?ready=true&page_size=50").await;
    let count = first["count"].as_u64().unwrap();
    assert!(count > 50);
    assert_eq!(first["results"].as_array().unwrap().len(), 50);
    assert_eq!(first["previous"], Value::Null);
    let next = first["next"].as_str().unwrap();
    assert!(
        next.starts_with("http://127.0.0.1:8080/api/v2/jobs/?")
            && next.contains("ready=true")
            && next.contains("page=2")
    );
    let second = get(&app, next.trim_start_matches("http://127.0.0.1:8080")).await;
    assert!(second["previous"].as_str().unwrap().contains("page=1"));
    let ids = |v: &Value| {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert!(
        ids(&first).iter().all(|id| !ids(&second).contains(id)),
        "pages do not overlap"
    );
    let last_page = count.div_ceil(50);
    let last = get(
        &app,
        &format!("/api/v2/jobs/?ready=true&page_size=50&page={last_page}"),
    )
    .await;
    assert_eq!(last["next"], Value::Null);
    let beyond = send(
        &app,
        "GET",
        &format!("/api/v2/jobs/?page_size=50&page={}", last_page + 5),
        Some(ADMIN),
        None,
    )
    .await;
    assert_eq!(beyond.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn auth_is_as_documented() {
    let (app, _) = app();
    for (uri, auth) in [
        ("/api/v2/jobs/", None),
        ("/api/v2/jobs/", Some("Token wrong")),
        ("/api/v2/jobs/", Some("Bearer demo-admin-token")),
        ("/api/v1/ldapconnections", Some("Token demo-admin-token")),
        ("/api/v1/ldapconnections", Some("Bearer wrong")),
    ] {
        let reply = send(&app, "GET", uri, auth, None).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{uri} {auth:?}");
        assert!(reply.json()["detail"].is_string());
    }
    // The read-only token reads jobs without params, and may write nothing.
    let list = send(&app, "GET", "/api/v2/jobs/alm/", Some(READONLY), None)
        .await
        .json();
    assert!(list["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|j| j["connection"].get("params").is_none()));
    let start = json!({"connection": 12, "automatic": false, "ready": false});
    assert_eq!(
        send(
            &app,
            "POST",
            "/api/v2/jobs/alm/",
            Some(READONLY),
            Some(start)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let put = send(
        &app,
        "PUT",
        "/api/v1/ldapconnections/1000000",
        Some("Bearer demo-readonly-token"),
        Some(json!({"enable": false})),
    )
    .await;
    assert_eq!(put.status, StatusCode::FORBIDDEN);
    assert!(put.json()["detail"]
        .as_str()
        .unwrap()
        .contains("permission"));
}

#[tokio::test]
async fn a_started_job_runs_and_finishes() {
    let (app, state) = app();
    state
        .dev
        .lock()
        .unwrap()
        .outcomes
        .push_back(dev_backend::devtools::Outcome {
            succeeded: false,
            result_message: "Rally rejected the credentials".into(),
            delay_ms: None,
        });
    let start = json!({"connection": 12, "automatic": false, "ready": false});
    let job = send(
        &app,
        "POST",
        "/api/v2/jobs/alm/",
        Some(ADMIN),
        Some(start.clone()),
    )
    .await
    .json();
    assert_eq!(
        (job["ready"].clone(), job["triggered_by"].clone()),
        (json!(false), json!("admin@example.com"))
    );
    let uri = format!("/api/v2/jobs/alm/{}", job["id"]);
    tokio::time::sleep(Duration::from_millis(150)).await;
    let done = get(&app, &uri).await;
    assert_eq!(
        (done["ready"].clone(), done["succeeded"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(done["result_message"], "Rally rejected the credentials");
    // With no queued outcome it succeeds; the broken demo connection fails with its own message.
    let ok = send(&app, "POST", "/api/v2/jobs/alm/", Some(ADMIN), Some(start))
        .await
        .json();
    let broken = send(
        &app,
        "POST",
        "/api/v2/jobs/alm/",
        Some(ADMIN),
        Some(json!({"connection": 15, "automatic": false, "ready": false})),
    )
    .await
    .json();
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(
        get(&app, &format!("/api/v2/jobs/alm/{}", ok["id"])).await["succeeded"],
        true
    );
    let broken = get(&app, &format!("/api/v2/jobs/alm/{}", broken["id"])).await;
    assert_eq!(broken["succeeded"], false);
    assert!(broken["result_message"]
        .as_str()
        .unwrap()
        .contains("timed out"));
}

#[tokio::test]
async fn invalid_posts_are_400_naming_the_field() {
    let (app, _) = app();
    for (body, field) in [
        (json!({"automatic": false, "ready": false}), "connection"),
        (
            json!({"connection": "12", "automatic": false, "ready": false}),
            "connection",
        ),
        (
            json!({"connection": 999, "automatic": false, "ready": false}),
            "connection",
        ),
        (
            json!({"connection": 23, "automatic": false, "ready": false}),
            "connection",
        ),
        (json!({"connection": 12, "ready": false}), "automatic"),
        (
            json!({"connection": 12, "automatic": true, "succeeded": true}),
            "result_message",
        ),
        (
            json!({"connection": 12, "automatic": true, "result_message": "x"}),
            "succeeded",
        ),
    ] {
        let reply = send(
            &app,
            "POST",
            "/api/v2/jobs/alm/",
            Some(ADMIN),
            Some(body.clone()),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(reply.json()[field].is_array(), "{body}: {}", reply.json());
    }
}

#[tokio::test]
async fn uploads_check_their_fields_and_size() {
    let state = state_with(Settings {
        max_upload_bytes: 1024,
        ..Settings::default()
    });
    let app = router(state);
    for (parts, field) in [
        (
            vec![
                ("system", None, b"zap_file_upload" as &[u8]),
                ("project", None, b"1"),
            ],
            "report_file",
        ),
        (
            vec![
                ("report_file", Some("r.xml"), b"" as &[u8]),
                ("system", None, b"zap_file_upload"),
                ("project", None, b"1"),
            ],
            "report_file",
        ),
        (
            vec![
                ("report_file", Some("r.xml"), b"<x/>" as &[u8]),
                ("project", None, b"1"),
            ],
            "system",
        ),
        (
            vec![
                ("report_file", Some("r.xml"), b"<x/>" as &[u8]),
                ("system", None, b"nessus"),
                ("project", None, b"1"),
            ],
            "system",
        ),
        (
            vec![
                ("report_file", Some("r.xml"), b"<x/>" as &[u8]),
                ("system", None, b"zap_file_upload"),
                ("project", None, b"-3"),
            ],
            "project",
        ),
        (
            vec![
                ("report_file", Some("r.xml"), b"<x/>" as &[u8]),
                ("system", None, b"zap_file_upload"),
                ("project", None, b"1"),
                ("params", None, b"[1]"),
            ],
            "params",
        ),
    ] {
        let reply = upload(&app, &parts).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{field}");
        assert!(reply.json()[field].is_array(), "{field}: {}", reply.json());
    }
    let reply = upload_too_big(&app).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.json()["detail"]
        .as_str()
        .unwrap()
        .contains("larger than"));
    let reply = send(
        &app,
        "POST",
        "/api/v2/jobs/analysis-file/",
        Some(ADMIN),
        Some(json!({})),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::BAD_REQUEST,
        "JSON instead of multipart"
    );
}

#[tokio::test]
async fn ldap_put_changes_fields_enables_and_moves_modified_at() {
    let (app, _) = app();
    let uri = "/api/v1/ldapconnections/1000000";
    let before = get(&app, uri).await;
    let reply = send(
        &app,
        "PUT",
        uri,
        Some(BEARER),
        Some(json!({"serverTimeout": 15000, "enable": false})),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let after = reply.json();
    assert_eq!(
        (after["serverTimeout"].clone(), after["enabled"].clone()),
        (json!(15000), json!(false))
    );
    assert_ne!(after["modifiedAt"], before["modifiedAt"]);
    assert_eq!(
        after["baseDN"], before["baseDN"],
        "fields not sent are kept"
    );
    let again = send(
        &app,
        "PUT",
        uri,
        Some(BEARER),
        Some(json!({"enable": true})),
    )
    .await
    .json();
    assert_eq!(again["enabled"], true);
    assert!(again["modifiedAt"].as_str() > after["modifiedAt"].as_str());
    for (body, field) in [
        (json!({"serverTimeout": -5}), "serverTimeout"),
        (json!({"serverTimeout": "30"}), "serverTimeout"),
        (json!({"serverUrl": "ldap://"}), "serverUrl"),
        (
            json!({"serverUrl": "https://ldap.example.com"}),
            "serverUrl",
        ),
        (json!({"enable": "no"}), "enable"),
        (json!({"enabled": false}), "enabled"),
    ] {
        let reply = send(&app, "PUT", uri, Some(BEARER), Some(body.clone())).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(reply.json()[field].is_array(), "{body}");
    }
    let reply = send(
        &app,
        "PUT",
        "/api/v1/ldapconnections/42",
        Some(BEARER),
        Some(json!({"enable": true})),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn faults_are_switched_at_run_time() {
    let (app, _) = app();
    let add = |fault: Value| {
        let app = app.clone();
        async move {
            assert_eq!(
                send(&app, "POST", "/__dev/faults", None, Some(fault))
                    .await
                    .status,
                StatusCode::NO_CONTENT
            )
        }
    };
    add(json!({"path": "/api/v2/jobs", "status": 503, "retry_after": 9, "times": 1})).await;
    let reply = send(&app, "GET", "/api/v2/jobs/", Some(ADMIN), None).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.headers[header::RETRY_AFTER], "9");
    assert_eq!(
        send(&app, "GET", "/api/v2/jobs/", Some(ADMIN), None)
            .await
            .status,
        StatusCode::OK,
        "times: 1 wears off"
    );

    add(json!({"path": "/api/v1/", "html": true, "times": 1})).await;
    let reply = send(&app, "GET", "/api/v1/ldapconnections", Some(BEARER), None).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert!(reply.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));

    add(json!({"path": "/api/v2/jobs/alm", "truncate": true, "times": 1})).await;
    let reply = send(&app, "GET", "/api/v2/jobs/alm/", Some(ADMIN), None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        serde_json::from_slice::<Value>(&reply.body)
            .unwrap_err()
            .is_eof(),
        "the body is cut short"
    );

    add(json!({"path": "/api/v2/", "latency_ms": 120, "method": "GET", "times": 1})).await;
    let started = std::time::Instant::now();
    assert_eq!(
        send(&app, "GET", "/api/v2/jobs/", Some(ADMIN), None)
            .await
            .status,
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(120));

    add(json!({"path": "/api/v2/jobs/", "body": {"results": []}, "times": 1})).await;
    let reply = send(&app, "GET", "/api/v2/jobs/", Some(ADMIN), None).await;
    assert_eq!(
        (reply.status, reply.json()),
        (StatusCode::OK, json!({"results": []}))
    );

    add(json!({"path": "/api/"})).await;
    assert_eq!(
        send(&app, "GET", "/__dev/faults", None, None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        send(&app, "DELETE", "/__dev/faults", None, None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, "GET", "/api/v2/jobs/", Some(ADMIN), None)
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn requests_are_recorded_without_their_tokens_and_reset_restores_the_data() {
    let (app, _) = app();
    send(
        &app,
        "PUT",
        "/api/v1/ldapconnections/1000000",
        Some(BEARER),
        Some(json!({"domain": "NEW"})),
    )
    .await;
    let recorded = send(&app, "GET", "/__dev/requests", None, None).await;
    let text = String::from_utf8(recorded.body).unwrap();
    assert!(!text.contains("demo-admin-token"));
    let requests: Value = serde_json::from_str(&text).unwrap();
    let put = requests.as_array().unwrap().last().unwrap();
    assert_eq!(
        (put["method"].as_str(), put["auth_scheme"].as_str()),
        (Some("PUT"), Some("Bearer"))
    );
    assert_eq!(
        serde_json::from_str::<Value>(put["body"].as_str().unwrap()).unwrap(),
        json!({"domain": "NEW"})
    );
    assert_eq!(
        send(&app, "POST", "/__dev/reset", None, None).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&app, "/api/v1/ldapconnections/1000000").await["domain"],
        "XY-COMPANY"
    );
}

#[tokio::test]
async fn a_data_file_replaces_the_demo() {
    // `--dump-data` writes this format and `--data FILE` reads it: the same serde types both ways.
    let mut data = demo_data(5, 9, 1_763_000_000_000);
    data.jobs.truncate(1);
    data.jobs[0].result_message = "<b>from the file</b>".into();
    let text = serde_json::to_string(&data).unwrap();
    let loaded: dev_backend::store::Data = serde_json::from_str(&text).unwrap();
    let app = router(AppState::new(loaded, Settings::default()));
    let list = get(&app, "/api/v2/jobs/").await;
    assert_eq!(list["results"].as_array().unwrap().len(), 1);
    assert_eq!(list["results"][0]["result_message"], "<b>from the file</b>");
}

#[tokio::test]
async fn the_console_is_served_with_client_side_routes() {
    let dist = std::env::temp_dir().join(format!("dev-backend-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><title>console</title>",
    )
    .unwrap();
    std::fs::write(dist.join("config.json"), r#"{"sdeBaseUrl": ""}"#).unwrap();
    let app = router(state_with(Settings {
        dist: Some(dist.clone()),
        ..Settings::default()
    }));
    for path in ["/", "/jobs/alm", "/ldap/1000000", "/settings"] {
        let reply = send(&app, "GET", path, None, None).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            String::from_utf8_lossy(&reply.body).contains("<title>console</title>"),
            "{path}"
        );
    }
    let config = send(&app, "GET", "/config.json", None, None).await;
    assert_eq!(config.json()["sdeBaseUrl"], "");
    let api = send(&app, "GET", "/api/v2/unknown", Some(ADMIN), None).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert!(
        api.json()["detail"].is_string(),
        "unknown API paths are JSON 404s, not the app"
    );
    std::fs::remove_dir_all(dist).ok();
}

#[tokio::test]
async fn a_reset_cancels_the_finishers_scheduled_before_it() {
    // Found by the end-to-end suite: a finisher from an earlier reset finished the restored running
    // jobs of the same id early. Times are generous; only their order matters.
    let state = state_with(Settings {
        job_delay: Duration::from_millis(2_000),
        ..Settings::default()
    });
    let app = router(state.clone());
    let running = |state: &AppState| {
        state
            .data
            .lock()
            .unwrap()
            .jobs
            .iter()
            .filter(|j| !j.ready)
            .count()
    };
    let before = running(&state);
    assert!(before > 0);
    send(&app, "POST", "/__dev/reset", None, None).await; // finishers at 2 s, 4 s, ...
    tokio::time::sleep(Duration::from_millis(1_400)).await;
    send(&app, "POST", "/__dev/reset", None, None).await; // finishers at 3.4 s, 5.4 s, ...
    tokio::time::sleep(Duration::from_millis(1_200)).await; // 2.6 s: the first reset's first one is due
    assert_eq!(
        running(&state),
        before,
        "no job finished by a stale finisher"
    );
    tokio::time::sleep(Duration::from_millis(1_600)).await; // 4.2 s: the second reset's first one ran
    assert_eq!(running(&state), before - 1);
}

/// The headers nginx adds to every API answer (`deploy/nginx/snippets/console-api-headers.conf`), once each.
fn assert_api_headers(reply: &Reply, what: &str) {
    for (name, value) in [
        (
            "content-security-policy",
            "default-src 'none'; frame-ancestors 'none'; sandbox",
        ),
        ("x-content-type-options", "nosniff"),
        ("cache-control", "no-store"),
        ("strict-transport-security", "max-age=63072000"),
    ] {
        let values: Vec<_> = reply.headers.get_all(name).iter().collect();
        assert_eq!(values, [value], "{what}: {name}");
    }
}

#[tokio::test]
async fn every_api_answer_carries_the_api_headers_as_behind_nginx() {
    // A small upload limit, for a 413; a console build, whose files keep the console's headers.
    let dist = std::env::temp_dir().join(format!("dev-backend-api-headers-{}", std::process::id()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>c</title>").unwrap();
    let conf = include_str!("../../../deploy/nginx/snippets/console-headers.conf");
    let app = router(state_with(Settings {
        max_upload_bytes: 1024,
        dist: Some(dist.clone()),
        security_headers: dev_backend::headers::from_nginx(conf, "").unwrap(),
        ..Settings::default()
    }));
    for (method, uri, auth, body, status) in [
        ("GET", "/api/v2/jobs/", Some(ADMIN), None, StatusCode::OK),
        (
            "GET",
            "/api/v2/jobs/alm/",
            Some(READONLY),
            None,
            StatusCode::OK,
        ),
        (
            "GET",
            "/api/v1/ldapconnections",
            Some(BEARER),
            None,
            StatusCode::OK,
        ),
        ("GET", "/api/v2/jobs/", None, None, StatusCode::UNAUTHORIZED),
        (
            "GET",
            "/api/v1/ldapconnections",
            Some(ADMIN),
            None,
            StatusCode::UNAUTHORIZED,
        ),
        (
            "PUT",
            "/api/v1/ldapconnections/1000000",
            Some("Bearer demo-readonly-token"),
            Some(json!({"enable": false})),
            StatusCode::FORBIDDEN,
        ),
        (
            "GET",
            "/api/v2/jobs/?page=0",
            Some(ADMIN),
            None,
            StatusCode::BAD_REQUEST,
        ),
        (
            "GET",
            "/api/v2/unknown",
            Some(ADMIN),
            None,
            StatusCode::NOT_FOUND,
        ),
        (
            "DELETE",
            "/api/v2/jobs/",
            Some(ADMIN),
            None,
            StatusCode::METHOD_NOT_ALLOWED,
        ),
    ] {
        let reply = send(&app, method, uri, auth, body).await;
        assert_eq!(reply.status, status, "{method} {uri}");
        assert_api_headers(&reply, &format!("{method} {uri}"));
    }

    let reply = upload_too_big(&app).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_api_headers(&reply, "a 413 upload");

    // An injected proxy error page, as nginx would pass it on.
    let fault = json!({"path": "/api/v2/", "html": true, "times": 1});
    send(&app, "POST", "/__dev/faults", None, Some(fault)).await;
    let reply = send(&app, "GET", "/api/v2/jobs/", Some(ADMIN), None).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_api_headers(&reply, "an injected 502");

    // The console's files keep their own policy.
    let page = send(&app, "GET", "/jobs", None, None).await;
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(page.headers.get(header::CACHE_CONTROL).is_none());
    std::fs::remove_dir_all(dist).ok();
}

#[tokio::test]
async fn request_headers_are_recorded_but_not_credentials() {
    let (app, _) = app();
    let request = Request::get("/api/v2/jobs/")
        .header(header::AUTHORIZATION, ADMIN)
        .header(header::COOKIE, "session=secret-cookie")
        .header(header::PROXY_AUTHORIZATION, "Basic c2VjcmV0")
        .header("x-forwarded-for", "127.0.0.1")
        .header(header::ACCEPT, "application/json")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        app.clone().oneshot(request).await.unwrap().status(),
        StatusCode::OK
    );
    let recorded = send(&app, "GET", "/__dev/requests", None, None).await;
    let text = String::from_utf8(recorded.body).unwrap();
    for secret in ["demo-admin-token", "secret-cookie", "c2VjcmV0"] {
        assert!(!text.contains(secret), "{secret}");
    }
    let requests: Value = serde_json::from_str(&text).unwrap();
    let headers = &requests.as_array().unwrap().last().unwrap()["headers"];
    assert_eq!(headers["x-forwarded-for"], "127.0.0.1");
    assert_eq!(headers["accept"], "application/json");
    assert_eq!(headers["cookie"], "(hidden)");
    assert_eq!(headers["proxy-authorization"], "(hidden)");
    assert!(headers.get("authorization").is_none());
}
