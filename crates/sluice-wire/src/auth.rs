use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The sign-in provider: an issuer (OIDC discovery) or explicit endpoints, plus the client id.
/// Nothing here is secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuthProviderConfig {
    pub issuer: Option<String>,
    pub authorization_endpoint: Option<String>,
    pub token_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    pub client_id: String,
    pub scopes: Vec<String>,
}

/// Where the provider sends the browser back: the app's custom scheme (the default) or a
/// loopback listener on 127.0.0.1, for systems where the scheme is not registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuthRedirect {
    CustomScheme,
    Loopback,
}

/// The sign-in state as the UI may see it: never a token, only its masked tail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuthStatusView {
    pub provider: Option<AuthProviderConfig>,
    /// The issuer or authorization host, for display.
    pub provider_label: Option<String>,
    pub signed_in: bool,
    /// A sign-in was started and waits for its callback.
    pub pending: bool,
    pub masked_token: Option<String>,
    /// A sign-in or sign-out made while the vault was locked: it is kept once the vault is
    /// unlocked, and lost if the app quits before.
    pub vault_pending: bool,
    #[ts(type = "number | null")]
    pub expires_at_ms: Option<u64>,
    pub refreshes: u32,
    pub last_error: Option<String>,
    /// Deep links handled since the app started (each exactly once).
    #[ts(type = "number")]
    pub links_handled: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuthNoticeLevel {
    Info,
    Warning,
}

/// Something the user should see: a link that was refused (with the reason) or a sign-in
/// that finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuthNotice {
    #[ts(type = "number")]
    pub id: u64,
    #[ts(type = "number")]
    pub at_ms: u64,
    pub level: AuthNoticeLevel,
    pub message: String,
}

/// One item of the `auth_subscribe` stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuthEvent {
    Status(AuthStatusView),
    Notice(AuthNotice),
}
