//! What pages ask of the two backends, as traits. The HTTP clients implement them for real; component tests
//! mount whole pages against a scripted fake. Pages take them from context with [`use_sde`] and
//! [`use_access`] and never build a client themselves, so the page code is the same in both.

use super::{AccessClient, Cancel, SdeClient};
use crate::config::Settings;
use console_api::permission::WriteAccess;
use console_api::{
    ApiError, ErrorKind, Job, JobKind, JobQuery, JobResultRequest, LdapConnection,
    LdapConnectionUpdate, Page, Service,
};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// The answer to one request.
pub type ApiFuture<T> = Pin<Box<dyn Future<Output = Result<T, ApiError>>>>;

/// SD Elements API v2 jobs.
pub trait SdeApi {
    /// `GET /api/v2/jobs/{kind}/?filters`.
    fn list_jobs(&self, query: &JobQuery) -> ApiFuture<Page<Job>>;
    /// `GET /api/v2/jobs/{kind}/{id}`.
    fn job(&self, kind: JobKind, id: i64, expand_users: bool) -> ApiFuture<Job>;
}

/// What changes things on SD Elements: apart from the reads, so that only the pages that write (the job
/// page and the upload) carry their code (see [`use_sde_writes`]).
pub trait SdeWrites {
    /// `POST /api/v2/jobs/{kind}/` with `ready: false`: a run of the connection.
    fn start_job(&self, kind: JobKind, connection: i64) -> ApiFuture<Job>;
    /// `POST /api/v2/jobs/{kind}/` with a result.
    fn post_result(&self, kind: JobKind, result: &JobResultRequest) -> ApiFuture<Job>;
    /// `POST /api/v2/jobs/analysis-file/` as multipart; `cancel` stops it.
    fn upload_report(&self, form: web_sys::FormData, cancel: &Cancel) -> ApiFuture<Job>;
}

/// access-service LDAP connections.
pub trait AccessApi {
    fn list(&self) -> ApiFuture<Vec<LdapConnection>>;
    fn get(&self, id: &str) -> ApiFuture<LdapConnection>;
    /// `PUT` with only the fields that change.
    fn update(&self, id: &str, change: &LdapConnectionUpdate) -> ApiFuture<LdapConnection>;
}

/// The real backends over HTTP, each call built from the settings in force when it is made.
#[derive(Clone, Copy)]
pub struct HttpBackends {
    pub settings: RwSignal<Settings>,
}

impl HttpBackends {
    fn sde_client(&self) -> SdeClient {
        SdeClient::new(&self.settings.get_untracked())
    }
    fn access_client(&self) -> AccessClient {
        AccessClient::new(&self.settings.get_untracked())
    }
}

impl SdeApi for HttpBackends {
    fn list_jobs(&self, query: &JobQuery) -> ApiFuture<Page<Job>> {
        // The first load's list may be on its way already (`crate::early`).
        let settings = self.settings.get_untracked();
        if let Some(early) = crate::early::take_list(&settings, query) {
            return Box::pin(async move {
                early
                    .await
                    .unwrap_or_else(|_| Err(ApiError::new(Service::SdElements, ErrorKind::Network)))
            });
        }
        let (client, query) = (SdeClient::new(&settings), query.clone());
        Box::pin(async move { client.list_jobs(&query).await })
    }
    fn job(&self, kind: JobKind, id: i64, expand_users: bool) -> ApiFuture<Job> {
        let client = self.sde_client();
        Box::pin(async move { client.job(kind, id, expand_users).await })
    }
}

impl SdeWrites for HttpBackends {
    fn start_job(&self, kind: JobKind, connection: i64) -> ApiFuture<Job> {
        let client = self.sde_client();
        Box::pin(async move { client.start_job(kind, connection).await })
    }
    fn post_result(&self, kind: JobKind, result: &JobResultRequest) -> ApiFuture<Job> {
        let (client, result) = (self.sde_client(), result.clone());
        Box::pin(async move { client.post_result(kind, &result).await })
    }
    fn upload_report(&self, form: web_sys::FormData, cancel: &Cancel) -> ApiFuture<Job> {
        let (client, cancel) = (self.sde_client(), cancel.clone());
        Box::pin(async move { client.upload_report(form, &cancel).await })
    }
}

impl AccessApi for HttpBackends {
    fn list(&self) -> ApiFuture<Vec<LdapConnection>> {
        let client = self.access_client();
        Box::pin(async move { client.list().await })
    }
    fn get(&self, id: &str) -> ApiFuture<LdapConnection> {
        let (client, id) = (self.access_client(), id.to_string());
        Box::pin(async move { client.get(&id).await })
    }
    fn update(&self, id: &str, change: &LdapConnectionUpdate) -> ApiFuture<LdapConnection> {
        let (client, id, change) = (self.access_client(), id.to_string(), change.clone());
        Box::pin(async move { client.update(&id, &change).await })
    }
}

/// What each token may change, as learned this session (see `console_api::permission`).
#[derive(Clone, Copy)]
pub struct Permissions {
    pub sde: RwSignal<WriteAccess>,
    pub access: RwSignal<WriteAccess>,
    /// SD Elements was asked for a few jobs to learn it (once per token).
    probed: StoredValue<bool>,
}

impl Permissions {
    fn new() -> Self {
        Self {
            sde: RwSignal::new(WriteAccess::Unknown),
            access: RwSignal::new(WriteAccess::Unknown),
            probed: StoredValue::new(false),
        }
    }

    /// A new token for `service`: nothing is known of it.
    pub fn forget(self, service: Service) {
        match service {
            Service::SdElements => {
                self.sde.set(WriteAccess::Unknown);
                self.probed.set_value(false);
            }
            Service::AccessService => self.access.set(WriteAccess::Unknown),
        }
    }

    /// Asks SD Elements for a few jobs, once per token, on pages that list none themselves: whether it
    /// shows their parameters tells whether the token may change anything.
    pub fn probe_sde(self) {
        if self.probed.get_value() || self.sde.get_untracked() != WriteAccess::Unknown {
            return;
        }
        self.probed.set_value(true);
        let query = JobQuery {
            page_size: Some(20),
            ..JobQuery::default()
        };
        let answer = use_sde().list_jobs(&query);
        leptos::task::spawn_local(async move {
            let _ = answer.await;
        });
    }
}

fn learn(signal: RwSignal<WriteAccess>, next: impl FnOnce(WriteAccess) -> WriteAccess) {
    if let Some(now) = signal.try_get_untracked() {
        let learned = next(now);
        if learned != now {
            signal.set(learned);
        }
    }
}

/// Any jobs backend, watched for what its answers say about the token's permissions.
struct WatchedSde(Rc<dyn SdeApi>, RwSignal<WriteAccess>);

/// Any jobs backend's writes, watched for a refused change.
struct WatchedWrites(Rc<dyn SdeWrites>, RwSignal<WriteAccess>);

impl WatchedWrites {
    fn write(&self, answer: ApiFuture<Job>) -> ApiFuture<Job> {
        let access = self.1;
        Box::pin(async move {
            let result = answer.await;
            if let Err(e) = &result {
                learn(access, |a| a.after_write_error(e));
            }
            result
        })
    }
}

impl SdeApi for WatchedSde {
    fn list_jobs(&self, query: &JobQuery) -> ApiFuture<Page<Job>> {
        let (answer, access) = (self.0.list_jobs(query), self.1);
        Box::pin(async move {
            let result = answer.await;
            if let Ok(page) = &result {
                learn(access, |a| a.after_jobs(&page.results));
            }
            result
        })
    }
    fn job(&self, kind: JobKind, id: i64, expand_users: bool) -> ApiFuture<Job> {
        self.0.job(kind, id, expand_users)
    }
}

impl SdeWrites for WatchedWrites {
    fn start_job(&self, kind: JobKind, connection: i64) -> ApiFuture<Job> {
        self.write(self.0.start_job(kind, connection))
    }
    fn post_result(&self, kind: JobKind, result: &JobResultRequest) -> ApiFuture<Job> {
        self.write(self.0.post_result(kind, result))
    }
    fn upload_report(&self, form: web_sys::FormData, cancel: &Cancel) -> ApiFuture<Job> {
        self.write(self.0.upload_report(form, cancel))
    }
}

/// Any access-service backend, watched for a refused change.
struct WatchedAccess(Rc<dyn AccessApi>, RwSignal<WriteAccess>);

impl AccessApi for WatchedAccess {
    fn list(&self) -> ApiFuture<Vec<LdapConnection>> {
        self.0.list()
    }
    fn get(&self, id: &str) -> ApiFuture<LdapConnection> {
        self.0.get(id)
    }
    fn update(&self, id: &str, change: &LdapConnectionUpdate) -> ApiFuture<LdapConnection> {
        let (answer, access) = (self.0.update(id, change), self.1);
        Box::pin(async move {
            let result = answer.await;
            if let Err(e) = &result {
                learn(access, |a| a.after_write_error(e));
            }
            result
        })
    }
}

/// Where SD Elements' writes come from: as [`AccessSource`].
#[derive(Clone)]
enum WritesSource {
    Given(Rc<dyn SdeWrites>),
    Http(RwSignal<Settings>),
}

/// Where the access-service backend comes from.
#[derive(Clone)]
enum AccessSource {
    /// Given (a test's fake), already watched.
    Given(Rc<dyn AccessApi>),
    /// The HTTP client, built where it is used: only the LDAP pages and Settings use it, so its code (the
    /// calls and the LDAP decoding, reached through its vtable) goes with their split code rather than
    /// with the first load.
    Http(RwSignal<Settings>),
}

/// The two backends, as provided to the pages, and what their answers taught of the tokens.
#[derive(Clone, Copy)]
pub struct Backends {
    sde: StoredValue<Rc<dyn SdeApi>, LocalStorage>,
    writes: StoredValue<WritesSource, LocalStorage>,
    access: StoredValue<AccessSource, LocalStorage>,
    pub permissions: Permissions,
}

impl Backends {
    pub fn new<S: SdeApi + SdeWrites + 'static>(sde: Rc<S>, access: Rc<dyn AccessApi>) -> Self {
        let permissions = Permissions::new();
        Self {
            sde: StoredValue::new_local(Rc::new(WatchedSde(sde.clone(), permissions.sde))),
            writes: StoredValue::new_local(WritesSource::Given(Rc::new(WatchedWrites(
                sde,
                permissions.sde,
            )))),
            access: StoredValue::new_local(AccessSource::Given(Rc::new(WatchedAccess(
                access,
                permissions.access,
            )))),
            permissions,
        }
    }

    /// The real backends, reading `settings` at each call.
    pub fn http(settings: RwSignal<Settings>) -> Self {
        let permissions = Permissions::new();
        Self {
            sde: StoredValue::new_local(Rc::new(WatchedSde(
                Rc::new(HttpBackends { settings }),
                permissions.sde,
            ))),
            writes: StoredValue::new_local(WritesSource::Http(settings)),
            access: StoredValue::new_local(AccessSource::Http(settings)),
            permissions,
        }
    }
}

/// Makes `backends` the ones pages below use.
pub fn provide_backends(backends: Backends) {
    provide_context(backends);
}

/// The SD Elements jobs API, from context.
pub fn use_sde() -> Rc<dyn SdeApi> {
    crate::provided::<Backends>().sde.get_value()
}

/// SD Elements' writes, from context: called only by the pages that write, so the HTTP client's writes
/// are built there.
pub fn use_sde_writes() -> Rc<dyn SdeWrites> {
    let backends = crate::provided::<Backends>();
    match backends.writes.get_value() {
        WritesSource::Given(writes) => writes,
        WritesSource::Http(settings) => Rc::new(WatchedWrites(
            Rc::new(HttpBackends { settings }),
            backends.permissions.sde,
        )),
    }
}

/// What the tokens may change, from context.
pub fn use_permissions() -> Permissions {
    crate::provided::<Backends>().permissions
}

/// The access-service API, from context.
pub fn use_access() -> Rc<dyn AccessApi> {
    let backends = crate::provided::<Backends>();
    match backends.access.get_value() {
        AccessSource::Given(access) => access,
        AccessSource::Http(settings) => Rc::new(WatchedAccess(
            Rc::new(HttpBackends { settings }),
            backends.permissions.access,
        )),
    }
}

/// Reads job `id` from the first of `kinds` whose endpoint has it: for a job whose kind the list could
/// not tell. Only "not found" moves on to the next kind; any other failure is the answer.
pub async fn find_job(
    sde: &dyn SdeApi,
    kinds: &[JobKind],
    id: i64,
    expand_users: bool,
) -> Result<(JobKind, Job), ApiError> {
    let mut last = None;
    for &kind in kinds {
        match sde.job(kind, id, expand_users).await {
            Ok(job) => return Ok((kind, job)),
            Err(e) if matches!(e.kind, console_api::ErrorKind::NotFound { .. }) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        ApiError::new(
            console_api::Service::SdElements,
            console_api::ErrorKind::NotFound { item: true },
        )
    }))
}
