//! Which provider to sign in with: an issuer (OIDC discovery) or explicit endpoints.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::http::get_json;
use crate::AuthError;

/// What the user configures. With `issuer` set, missing endpoints come from
/// `{issuer}/.well-known/openid-configuration`; explicit endpoints win over discovered ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderConfig {
    pub issuer: Option<String>,
    pub authorization_endpoint: Option<String>,
    pub token_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    pub client_id: String,
    pub scopes: Vec<String>,
}

/// A provider ready to use: every endpoint checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub issuer: Option<String>,
    pub authorization: Url,
    pub token: Url,
    pub revocation: Option<Url>,
    pub client_id: String,
    pub scopes: Vec<String>,
}

impl Endpoints {
    /// Names the provider and client that grant tokens (token endpoint and client id).
    pub fn key(&self) -> String {
        format!("{} {}", self.token, self.client_id)
    }
}

#[derive(Deserialize)]
struct Discovery {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    revocation_endpoint: Option<String>,
}

/// Resolves a configuration into endpoints, fetching the discovery document when needed.
pub async fn resolve(
    http: &reqwest::Client,
    config: &ProviderConfig,
) -> Result<Endpoints, AuthError> {
    let client_id = config.client_id.trim();
    if client_id.is_empty() || client_id.len() > 256 || client_id.chars().any(char::is_control) {
        return Err(AuthError::InvalidConfig("a client id is required".into()));
    }
    let issuer = given(&config.issuer).map(|s| s.trim_end_matches('/').to_owned());
    let discovered = match &issuer {
        Some(issuer)
            if given(&config.authorization_endpoint).is_none()
                || given(&config.token_endpoint).is_none() =>
        {
            let base = endpoint(issuer, "issuer")?;
            let url = format!(
                "{}/.well-known/openid-configuration",
                base.as_str().trim_end_matches('/')
            );
            let doc: Discovery = get_json(http, &url)
                .await
                .map_err(|e| AuthError::Discovery(e.to_string()))?;
            // OIDC Discovery §4.3: the document must name the issuer it was fetched for.
            if doc.issuer.trim_end_matches('/') != issuer {
                return Err(AuthError::Discovery(format!(
                    "the document names issuer {} instead of {issuer}",
                    doc.issuer
                )));
            }
            Some(doc)
        }
        _ => None,
    };
    let pick = |explicit: &Option<String>, found: Option<&String>, what: &str| {
        given(explicit)
            .map(str::to_owned)
            .or_else(|| found.cloned())
            .ok_or_else(|| AuthError::InvalidConfig(format!("the {what} endpoint is missing")))
    };
    let d = discovered.as_ref();
    let authorization = endpoint(
        &pick(
            &config.authorization_endpoint,
            d.map(|d| &d.authorization_endpoint),
            "authorization",
        )?,
        "authorization",
    )?;
    let token = endpoint(
        &pick(
            &config.token_endpoint,
            d.map(|d| &d.token_endpoint),
            "token",
        )?,
        "token",
    )?;
    let revocation = match given(&config.revocation_endpoint)
        .map(str::to_owned)
        .or_else(|| d.and_then(|d| d.revocation_endpoint.clone()))
    {
        Some(r) => Some(endpoint(&r, "revocation")?),
        None => None,
    };
    Ok(Endpoints {
        issuer,
        authorization,
        token,
        revocation,
        client_id: client_id.to_owned(),
        scopes: config
            .scopes
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    })
}

/// A configured value, unless blank.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Endpoints must be HTTPS; plain HTTP is allowed only on the loopback interface.
pub fn endpoint(raw: &str, what: &str) -> Result<Url, AuthError> {
    let url = Url::parse(raw.trim())
        .map_err(|e| AuthError::InvalidConfig(format!("the {what} URL is invalid: {e}")))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(AuthError::InvalidConfig(format!(
            "the {what} URL must use https (http only on 127.0.0.1)"
        ))),
    }
}
