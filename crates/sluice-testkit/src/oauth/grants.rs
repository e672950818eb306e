//! What the authorization server issues and checks: codes, access and refresh tokens.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::wire::{encode, Reply};
use super::OAuthConfig;

#[derive(Debug, Clone)]
struct CodeGrant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
}

/// One refresh the server granted.
#[derive(Debug, Clone)]
pub struct Refresh {
    /// The access token it replaced was still valid when the refresh arrived.
    pub before_expiry: bool,
}

#[derive(Debug, Clone)]
pub struct OAuthState {
    pub config: OAuthConfig,
    codes: HashMap<String, CodeGrant>,
    /// Live access tokens and when each expires.
    access: HashMap<String, Instant>,
    /// Live refresh tokens and the access token last issued with each.
    refresh: HashMap<String, String>,
    /// Codes issued by `/authorize`.
    pub codes_issued: u32,
    /// Successful code exchanges.
    pub exchanges: u32,
    /// Token requests refused, with the reason (`invalid_grant: …`).
    pub refusals: Vec<String>,
    pub refreshes: Vec<Refresh>,
    /// Tokens revoked through `/revoke`.
    pub revoked: Vec<String>,
}

static COUNTER: AtomicU64 = AtomicU64::new(1);

fn fresh(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let digest = Sha256::digest(format!("{prefix}{n}{nanos}").as_bytes());
    format!("{prefix}-{}", URL_SAFE_NO_PAD.encode(&digest[..18]))
}

impl OAuthState {
    pub fn new(config: OAuthConfig) -> Self {
        Self {
            config,
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            codes_issued: 0,
            exchanges: 0,
            refusals: Vec::new(),
            refreshes: Vec::new(),
            revoked: Vec::new(),
        }
    }

    /// True when `token` is a live access token (issued, not revoked, not expired).
    pub fn access_token_active(&self, token: &str) -> bool {
        self.access
            .get(token)
            .is_some_and(|exp| *exp > Instant::now())
    }

    pub fn authorize(&mut self, q: &HashMap<String, String>) -> Reply {
        let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
        let redirect = get("redirect_uri");
        if get("client_id") != self.config.client_id || redirect.is_empty() {
            // Never redirect to an unverified URI (RFC 6749 §4.1.2.1).
            return Reply::error(400, "invalid_request");
        }
        let sep = if redirect.contains('?') { '&' } else { '?' };
        let state = encode(get("state"));
        if self.config.deny {
            return Reply::redirect(format!("{redirect}{sep}error=access_denied&state={state}"));
        }
        if get("response_type") != "code"
            || get("code_challenge_method") != "S256"
            || get("code_challenge").len() != 43
        {
            return Reply::redirect(format!(
                "{redirect}{sep}error=invalid_request&state={state}"
            ));
        }
        let code = fresh("code");
        self.codes.insert(
            code.clone(),
            CodeGrant {
                client_id: get("client_id").into(),
                redirect_uri: redirect.into(),
                challenge: get("code_challenge").into(),
            },
        );
        self.codes_issued += 1;
        Reply::redirect(format!("{redirect}{sep}code={code}&state={state}"))
    }

    pub fn token(&mut self, f: &HashMap<String, String>, now: Instant) -> Reply {
        let get = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
        if get("client_id") != self.config.client_id {
            return self.refuse(401, "invalid_client", "unknown client");
        }
        match get("grant_type") {
            "authorization_code" => {
                // Removed before any check: a code is good for one attempt only.
                let Some(grant) = self.codes.remove(get("code")) else {
                    return self.refuse(400, "invalid_grant", "unknown or used code");
                };
                if grant.client_id != get("client_id") || grant.redirect_uri != get("redirect_uri")
                {
                    return self.refuse(400, "invalid_grant", "redirect_uri mismatch");
                }
                let verifier = get("code_verifier");
                let ok = (43..=128).contains(&verifier.len())
                    && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
                        == grant.challenge;
                if !ok {
                    return self.refuse(400, "invalid_grant", "PKCE verification failed");
                }
                self.exchanges += 1;
                self.issue(now)
            }
            "refresh_token" => {
                let Some(last_access) = self.refresh.remove(get("refresh_token")) else {
                    return self.refuse(400, "invalid_grant", "unknown refresh token");
                };
                let before_expiry = self.access.get(&last_access).is_some_and(|exp| *exp > now);
                self.refreshes.push(Refresh { before_expiry });
                self.issue(now)
            }
            _ => self.refuse(400, "unsupported_grant_type", "grant type"),
        }
    }

    pub fn revoke(&mut self, f: &HashMap<String, String>) -> Reply {
        let token = f.get("token").cloned().unwrap_or_default();
        if self.access.remove(&token).is_some() || self.refresh.remove(&token).is_some() {
            self.revoked.push(token);
        }
        // RFC 7009 §2.2: unknown tokens are not an error.
        Reply::json(200, serde_json::json!({}))
    }

    pub fn userinfo(&self, authorization: Option<&str>, now: Instant) -> Reply {
        let token = authorization
            .and_then(|a| a.strip_prefix("Bearer "))
            .unwrap_or("");
        match self.access.get(token) {
            Some(exp) if *exp > now => Reply::json(200, serde_json::json!({"sub": "fixture-user"})),
            _ => Reply::error(401, "invalid_token"),
        }
    }

    /// Counters for tests in other processes (`GET /_fixture/state`); never tokens.
    pub fn summary(&self) -> serde_json::Value {
        serde_json::json!({
            "codesIssued": self.codes_issued,
            "exchanges": self.exchanges,
            "refusals": self.refusals,
            "refreshes": self.refreshes.len(),
            "revoked": self.revoked.len(),
            "activeAccessTokens": self.access.values().filter(|e| **e > Instant::now()).count(),
        })
    }

    fn issue(&mut self, now: Instant) -> Reply {
        let access = fresh("at");
        let refresh = fresh("rt");
        let lifetime = self.config.token_lifetime;
        self.access.insert(access.clone(), now + lifetime);
        self.refresh.insert(refresh.clone(), access.clone());
        Reply::json(
            200,
            serde_json::json!({
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": lifetime.as_secs(),
                "refresh_token": refresh,
                "scope": "openid profile",
            }),
        )
    }

    fn refuse(&mut self, status: u16, error: &str, why: &str) -> Reply {
        self.refusals.push(format!("{error}: {why}"));
        Reply::error(status, error)
    }
}
