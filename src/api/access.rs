//! access-service LDAP connections (`Authorization: Bearer <token>`).

use super::http::{Endpoint, Method};
use crate::config::Settings;
use console_api::route::LdapId;
use console_api::{ApiError, ErrorKind, LdapConnection, LdapConnectionUpdate, Page, Service};

#[derive(Clone, Debug)]
pub struct AccessClient {
    endpoint: Endpoint,
}

impl AccessClient {
    pub fn new(settings: &Settings) -> Self {
        Self {
            endpoint: Endpoint {
                service: Service::AccessService,
                base: settings.access_base(),
                token: settings.access_token.clone(),
                timeout_ms: settings.request_timeout_ms(),
            },
        }
    }

    /// `GET /api/v1/ldapconnections`: a bare array or a `results` envelope, both accepted.
    pub async fn list(&self) -> Result<Vec<LdapConnection>, ApiError> {
        let page: Page<LdapConnection> = self
            .endpoint
            .get("/api/v1/ldapconnections")
            .await
            .map_err(ApiError::for_collection)?;
        Ok(page.results)
    }

    pub async fn get(&self, id: &str) -> Result<LdapConnection, ApiError> {
        self.endpoint.get(&path(&checked(id)?)).await
    }

    /// `PUT` with only the fields that change.
    pub async fn update(
        &self,
        id: &str,
        change: &LdapConnectionUpdate,
    ) -> Result<LdapConnection, ApiError> {
        self.endpoint
            .send_json(Method::Put, &path(&checked(id)?), change)
            .await
    }
}

/// An id the server sent (or a page holds) as one that can be put in a path; nothing is sent for one
/// that could leave `/api/v1/ldapconnections/`.
fn checked(id: &str) -> Result<LdapId, ApiError> {
    LdapId::new(id).map_err(|e| {
        ApiError::new(Service::AccessService, ErrorKind::NotFound { item: true })
            .with_detail(e.to_string())
    })
}

fn path(id: &LdapId) -> String {
    format!("/api/v1/ldapconnections/{}", id.path_segment())
}
