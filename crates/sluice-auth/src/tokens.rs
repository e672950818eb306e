//! Tokens, where they are kept, and the token endpoint requests.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::http::read_capped;
use crate::{AuthError, Endpoints};

/// What the token endpoint granted. `Debug` never prints the tokens.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSet {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub id_token: Option<String>,
    pub token_type: String,
    /// Wall-clock expiry, milliseconds since the Unix epoch (`None`: the provider did not say).
    pub expires_at_ms: Option<u64>,
    /// When these tokens were obtained.
    pub obtained_at_ms: u64,
    pub scope: Option<String>,
    /// Which provider and client granted them ([`Endpoints::key`]), so a kept session is
    /// never sent to another provider's endpoints.
    #[serde(default)]
    pub granted_by: Option<String>,
}

impl std::fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSet")
            .field("token_type", &self.token_type)
            .field("expires_at_ms", &self.expires_at_ms)
            .field("has_refresh_token", &self.refresh_token.is_some())
            .finish_non_exhaustive()
    }
}

impl TokenSet {
    /// The access token shown to people: its last four characters only.
    pub fn masked(&self) -> String {
        let tail: String = self
            .access_token
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("••••{tail}")
    }
}

/// Where tokens live between runs. The app backs this with its secret store; tests and
/// headless use keep them in memory.
pub trait TokenStore: Send + Sync {
    fn load(&self) -> Result<Option<TokenSet>, AuthError>;
    fn save(&self, tokens: &TokenSet) -> Result<(), AuthError>;
    fn clear(&self) -> Result<(), AuthError>;
    /// Writes a change the store held back while its backing was unavailable (a locked
    /// vault); `true` when it wrote one.
    fn flush(&self) -> Result<bool, AuthError> {
        Ok(false)
    }
}

/// Tokens kept in memory only.
#[derive(Default)]
pub struct MemoryTokenStore(Mutex<Option<TokenSet>>);

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> Result<Option<TokenSet>, AuthError> {
        Ok(self
            .0
            .lock()
            .map_err(|_| AuthError::Store("poisoned".into()))?
            .clone())
    }
    fn save(&self, tokens: &TokenSet) -> Result<(), AuthError> {
        *self
            .0
            .lock()
            .map_err(|_| AuthError::Store("poisoned".into()))? = Some(tokens.clone());
        Ok(())
    }
    fn clear(&self) -> Result<(), AuthError> {
        *self
            .0
            .lock()
            .map_err(|_| AuthError::Store("poisoned".into()))? = None;
        Ok(())
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    token_type: Option<String>,
    expires_in: Option<u64>,
    refresh_token: Option<String>,
    id_token: Option<String>,
    scope: Option<String>,
}

#[derive(Deserialize)]
struct ErrorResponse {
    error: String,
}

/// Exchanges an authorization code (RFC 6749 §4.1.3 with the PKCE verifier).
pub async fn exchange_code(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    code: &str,
    verifier: &str,
    redirect_uri: &str,
) -> Result<TokenSet, AuthError> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", endpoints.client_id.as_str()),
        ("code_verifier", verifier),
    ];
    token_request(http, endpoints, &form, None).await
}

/// Refreshes (RFC 6749 §6). A response without a new refresh token keeps the old one.
pub async fn refresh(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    refresh_token: &str,
) -> Result<TokenSet, AuthError> {
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
        ("client_id", endpoints.client_id.as_str()),
    ];
    token_request(http, endpoints, &form, Some(refresh_token)).await
}

/// Revokes a token (RFC 7009). Failures are reported but the caller forgets the tokens anyway.
pub async fn revoke(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    token: &str,
    hint: &str,
) -> Result<(), AuthError> {
    let Some(url) = &endpoints.revocation else {
        return Ok(());
    };
    let form = [
        ("token", token),
        ("token_type_hint", hint),
        ("client_id", endpoints.client_id.as_str()),
    ];
    let resp = http
        .post(url.clone())
        .form(&form)
        .send()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    let status = resp.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(AuthError::TokenRefused {
            status: status.as_u16(),
            error: "revocation refused".into(),
        })
    }
}

async fn token_request(
    http: &reqwest::Client,
    endpoints: &Endpoints,
    form: &[(&str, &str)],
    previous_refresh: Option<&str>,
) -> Result<TokenSet, AuthError> {
    let resp = http
        .post(endpoints.token.clone())
        .header("Accept", "application/json")
        .form(form)
        .timeout(Duration::from_secs(30))
        .send()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    let status = resp.status();
    let body = read_capped(resp).await?;
    if !status.is_success() {
        let error = serde_json::from_slice::<ErrorResponse>(&body)
            .map(|e| e.error.chars().take(64).collect())
            .unwrap_or_else(|_| "unknown error".into());
        return Err(AuthError::TokenRefused {
            status: status.as_u16(),
            error,
        });
    }
    let t: TokenResponse =
        serde_json::from_slice(&body).map_err(|e| AuthError::BadTokenResponse(e.to_string()))?;
    let token_type = t.token_type.unwrap_or_else(|| "Bearer".into());
    if !token_type.eq_ignore_ascii_case("bearer") {
        return Err(AuthError::BadTokenResponse(format!(
            "token type {token_type} is not Bearer"
        )));
    }
    if t.access_token.is_empty() || t.access_token.len() > 16 * 1024 {
        return Err(AuthError::BadTokenResponse(
            "the access token is empty or too long".into(),
        ));
    }
    let obtained_at_ms = now_ms();
    Ok(TokenSet {
        access_token: t.access_token,
        refresh_token: t
            .refresh_token
            .or_else(|| previous_refresh.map(str::to_owned)),
        id_token: t.id_token,
        token_type: "Bearer".into(),
        expires_at_ms: t
            .expires_in
            .map(|s| obtained_at_ms.saturating_add(s.saturating_mul(1000))),
        obtained_at_ms,
        scope: t.scope,
        granted_by: Some(endpoints.key()),
    })
}
