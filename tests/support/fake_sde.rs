//! A scripted SD Elements jobs API for component tests: jobs held in memory, each call recorded, answers
// Shared by several test crates, each of which uses only some of it.
#![allow(dead_code)]
//! after an optional delay, and a hook that changes a job each time it is read (a job making progress).

use console_api::{ApiError, ErrorKind, Job, JobKind, JobQuery, JobResultRequest, Page, Service};
use integration_console::api::{AccessApi, ApiFuture, Cancel, SdeApi, SdeWrites};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type OnRead = Box<dyn Fn(&mut Job)>;

#[derive(Default)]
pub struct FakeSde {
    pub jobs: RefCell<Vec<(JobKind, Job)>>,
    /// Every call, as `"GET alm 7"`, `"START alm 12"`, `"LIST ..."`.
    pub calls: RefCell<Vec<String>>,
    /// Answers wait this long.
    pub delay_ms: Cell<u32>,
    /// Applied to a job each time it is read by id.
    pub on_read: RefCell<Option<OnRead>>,
    next_id: Cell<i64>,
}

impl FakeSde {
    pub fn new(jobs: Vec<(JobKind, Job)>) -> Rc<Self> {
        let next = jobs.iter().map(|(_, j)| j.id).max().unwrap_or(0) + 1;
        let fake = Rc::new(FakeSde::default());
        *fake.jobs.borrow_mut() = jobs;
        fake.next_id.set(next);
        fake
    }

    pub fn calls_starting(&self, prefix: &str) -> usize {
        self.calls
            .borrow()
            .iter()
            .filter(|c| c.starts_with(prefix))
            .count()
    }

    pub fn update(&self, id: i64, change: impl Fn(&mut Job)) {
        for (_, job) in self
            .jobs
            .borrow_mut()
            .iter_mut()
            .filter(|(_, j)| j.id == id)
        {
            change(job);
        }
    }

    fn answer<T: 'static>(&self, value: Result<T, ApiError>) -> ApiFuture<T> {
        let delay = self.delay_ms.get();
        Box::pin(async move {
            if delay > 0 {
                gloo_timers::future::TimeoutFuture::new(delay).await;
            }
            value
        })
    }

    fn new_job(
        &self,
        kind: JobKind,
        connection: i64,
        ready: bool,
        succeeded: bool,
        message: &str,
    ) -> Job {
        let template = self
            .jobs
            .borrow()
            .iter()
            .find(|(_, j)| j.connection.id == connection)
            .map(|(_, j)| j.clone())
            .expect("a job of that connection");
        let mut job = template;
        job.id = self.next_id.get();
        self.next_id.set(job.id + 1);
        job.ready = ready;
        job.succeeded = succeeded;
        job.result_message = Some(message.to_string());
        self.jobs.borrow_mut().push((kind, job.clone()));
        job
    }
}

fn not_found() -> ApiError {
    ApiError::new(Service::SdElements, ErrorKind::NotFound { item: true })
}

/// The fake as the console sees it.
#[derive(Clone)]
pub struct FakeSdeApi(pub Rc<FakeSde>);

impl SdeApi for FakeSdeApi {
    fn list_jobs(&self, query: &JobQuery) -> ApiFuture<Page<Job>> {
        let fake = &self.0;
        fake.calls
            .borrow_mut()
            .push(format!("LIST {}", query.path()));
        let results = fake
            .jobs
            .borrow()
            .iter()
            .filter(|(k, _)| query.kind == JobKind::All || *k == query.kind)
            .map(|(_, j)| j.clone())
            .filter(|j| query.filter.connection.is_none_or(|c| c == j.connection.id))
            .filter(|j| query.filter.ready.is_none_or(|r| r == j.ready))
            .collect();
        fake.answer(Ok(Page::all(results)))
    }

    fn job(&self, kind: JobKind, id: i64, _expand_users: bool) -> ApiFuture<Job> {
        let fake = &self.0;
        fake.calls
            .borrow_mut()
            .push(format!("GET {} {id}", kind.slug()));
        let mut jobs = fake.jobs.borrow_mut();
        let found = jobs
            .iter_mut()
            .find(|(k, j)| *k == kind && j.id == id)
            .map(|(_, j)| {
                if let Some(on_read) = fake.on_read.borrow().as_ref() {
                    on_read(j);
                }
                j.clone()
            });
        drop(jobs);
        fake.answer(found.ok_or_else(not_found))
    }
}

impl SdeWrites for FakeSdeApi {
    fn start_job(&self, kind: JobKind, connection: i64) -> ApiFuture<Job> {
        let fake = &self.0;
        fake.calls
            .borrow_mut()
            .push(format!("START {} {connection}", kind.slug()));
        let job = fake.new_job(kind, connection, false, false, "");
        fake.answer(Ok(job))
    }

    fn post_result(&self, kind: JobKind, result: &JobResultRequest) -> ApiFuture<Job> {
        let fake = &self.0;
        fake.calls
            .borrow_mut()
            .push(format!("RESULT {} {}", kind.slug(), result.connection));
        let job = fake.new_job(
            kind,
            result.connection,
            true,
            result.succeeded,
            &result.result_message,
        );
        fake.answer(Ok(job))
    }

    fn upload_report(&self, form: web_sys::FormData, _cancel: &Cancel) -> ApiFuture<Job> {
        let fake = &self.0;
        let system = form.get("system").as_string().unwrap_or_default();
        fake.calls
            .borrow_mut()
            .push(format!("UPLOAD system={system}"));
        // A system the tests name "failing" answers 500; any other creates a finished import job.
        if system == "failing" {
            return fake.answer(Err(ApiError::new(
                Service::SdElements,
                ErrorKind::Server { status: 500 },
            )));
        }
        let id = 900 + fake.calls_starting("UPLOAD") as i64;
        let job: Job = serde_json::from_value(serde_json::json!({
            "id": id, "succeeded": true, "ready": true, "automatic": false,
            "result_message": "Imported 3 findings", "last_run": "2026-11-22T10:00:00Z",
            "connection": {"id": 25, "alias": "File upload", "system": system, "project": 7}
        }))
        .unwrap();
        fake.answer(Ok(job))
    }
}

/// No access-service in these tests.
pub struct NoAccess;
impl AccessApi for NoAccess {
    fn list(&self) -> ApiFuture<Vec<console_api::LdapConnection>> {
        unreachable!("these pages do not list LDAP connections")
    }
    fn get(&self, _: &str) -> ApiFuture<console_api::LdapConnection> {
        unreachable!("these pages do not read LDAP connections")
    }
    fn update(
        &self,
        _: &str,
        _: &console_api::LdapConnectionUpdate,
    ) -> ApiFuture<console_api::LdapConnection> {
        unreachable!("these pages do not write LDAP connections")
    }
}
