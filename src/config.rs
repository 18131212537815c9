//! Runtime configuration: the two backend base URLs from `config.json` (served beside `index.html`, so
//! changing it needs no rebuild), the admin's per-browser overrides, and the two API tokens.
//!
//! Tokens live in session storage (this tab) unless the admin asks the browser to remember them; they are
//! never put in a URL, never logged, and never shown again once saved.

use crate::storage::{self, Scope};
use console_api::url::usable_base_url;
use console_api::Secret;

/// `config.json`, as deployed. Every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeployedConfig {
    /// SD Elements base URL (`sdeBaseUrl`); empty means the console's own origin.
    pub sde_base_url: String,
    /// access-service base URL (`accessBaseUrl`); empty means the console's own origin.
    pub access_base_url: String,
    /// Largest report upload the console lets through, in MB (`maxUploadMb`).
    pub max_upload_mb: Option<u64>,
    /// How long a request may take before the console gives up on it, in seconds (`requestTimeoutSecs`;
    /// uploads excepted: they run until done or cancelled).
    pub request_timeout_secs: Option<u32>,
}

impl DeployedConfig {
    /// Reads `config.json`'s text. A field of the wrong type is ignored (its default holds); text that is
    /// not a JSON object is no configuration at all.
    pub fn parse(text: &str) -> Option<Self> {
        let fields = console_api::json_tree::Json::parse(text).ok()?;
        fields.as_object()?;
        let text = |key: &str| {
            fields
                .get(key)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let number = |key: &str| fields.get(key).and_then(|v| v.as_u64());
        Some(Self {
            sde_base_url: text("sdeBaseUrl"),
            access_base_url: text("accessBaseUrl"),
            max_upload_mb: number("maxUploadMb"),
            request_timeout_secs: number("requestTimeoutSecs").and_then(|n| u32::try_from(n).ok()),
        })
    }
}

/// Everything the API client needs, from `config.json`, overrides and tokens.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub deployed: DeployedConfig,
    /// Whether `config.json` could be read (if not, the defaults are in force and Settings says so).
    pub deployed_loaded: bool,
    pub sde_url_override: Option<String>,
    pub access_url_override: Option<String>,
    pub sde_token: Option<Secret>,
    pub access_token: Option<Secret>,
    /// Tokens are kept on this browser (local storage) rather than this tab.
    pub remember_tokens: bool,
}

pub const DEFAULT_MAX_UPLOAD_MB: u64 = 100;
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 30_000;

mod keys {
    pub const SDE_URL: &str = "console.sdeBaseUrl";
    pub const ACCESS_URL: &str = "console.accessBaseUrl";
    pub const REMEMBER: &str = "console.rememberTokens";
    pub const SDE_TOKEN: &str = "console.sdeToken";
    pub const ACCESS_TOKEN: &str = "console.accessToken";
}

impl Settings {
    /// The SD Elements base URL in force: the override, else `config.json`'s (normalized), else same origin.
    pub fn sde_base(&self) -> String {
        effective(
            self.sde_url_override.as_deref(),
            &self.deployed.sde_base_url,
        )
    }

    pub fn access_base(&self) -> String {
        effective(
            self.access_url_override.as_deref(),
            &self.deployed.access_base_url,
        )
    }

    /// The request time limit in milliseconds: `config.json`'s, else 30 s; at least 1 s.
    pub fn request_timeout_ms(&self) -> u32 {
        self.deployed
            .request_timeout_secs
            .map_or(DEFAULT_REQUEST_TIMEOUT_MS, |s| s.clamp(1, 600) * 1000)
    }

    pub fn max_upload_mb(&self) -> u64 {
        self.deployed.max_upload_mb.unwrap_or(DEFAULT_MAX_UPLOAD_MB)
    }

    /// Reads the overrides and tokens this browser holds, on top of `deployed`.
    pub fn load(deployed: DeployedConfig, deployed_loaded: bool) -> Self {
        let remember_tokens =
            storage::get(Scope::Browser, keys::REMEMBER).as_deref() == Some("true");
        let token_scope = if remember_tokens {
            Scope::Browser
        } else {
            Scope::Tab
        };
        let token = |key| {
            storage::get(token_scope, key)
                .filter(|t| !t.is_empty())
                .map(Secret::new)
        };
        Self {
            deployed,
            deployed_loaded,
            sde_url_override: storage::get(Scope::Browser, keys::SDE_URL),
            access_url_override: storage::get(Scope::Browser, keys::ACCESS_URL),
            sde_token: token(keys::SDE_TOKEN),
            access_token: token(keys::ACCESS_TOKEN),
            remember_tokens,
        }
    }

    /// Writes the overrides and tokens. Tokens go to exactly one place: the other is cleared, so turning
    /// "remember" off removes them from this browser's local storage.
    pub fn save(&self) {
        let put = |scope, key, value: Option<&str>| match value {
            Some(v) if !v.is_empty() => storage::set(scope, key, v),
            _ => storage::remove(scope, key),
        };
        put(
            Scope::Browser,
            keys::SDE_URL,
            self.sde_url_override.as_deref(),
        );
        put(
            Scope::Browser,
            keys::ACCESS_URL,
            self.access_url_override.as_deref(),
        );
        put(
            Scope::Browser,
            keys::REMEMBER,
            self.remember_tokens.then_some("true"),
        );
        let (keep, clear) = if self.remember_tokens {
            (Scope::Browser, Scope::Tab)
        } else {
            (Scope::Tab, Scope::Browser)
        };
        for (key, token) in [
            (keys::SDE_TOKEN, &self.sde_token),
            (keys::ACCESS_TOKEN, &self.access_token),
        ] {
            storage::remove(clear, key);
            put(keep, key, token.as_ref().map(Secret::expose_secret));
        }
    }
}

fn effective(user_override: Option<&str>, deployed: &str) -> String {
    match user_override {
        Some(url) => usable_base_url(url).unwrap_or_default(),
        None => usable_base_url(deployed).unwrap_or_default(),
    }
}

/// Reads `config.json` beside `index.html` (a relative URL, so a console hosted under a sub-path finds its
/// own). A missing or broken file is not fatal: the console then talks to its own origin.
pub async fn fetch_deployed_config() -> Option<DeployedConfig> {
    let response = gloo_net::http::Request::get("config.json")
        .header("Accept", "application/json")
        .send()
        .await
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = response.text().await.ok()?;
    DeployedConfig::parse(&text)
}
