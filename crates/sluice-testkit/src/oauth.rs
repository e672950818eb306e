//! A real OAuth 2 / OIDC authorization server on 127.0.0.1 for sign-in tests: discovery,
//! `/authorize` (approves at once: 302 to the redirect URI with code and state), `/token`
//! (authorization code with PKCE S256, refresh token with rotation; codes single-use),
//! `/revoke` (RFC 7009) and `/userinfo` (checks a bearer token).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio::task::JoinHandle;

use crate::http::{lock, read_request, serve, Shared};

mod grants;
mod wire;

pub use grants::{OAuthState, Refresh};
use wire::{form, reply, Reply};

/// How the server behaves; change it while running with [`OAuthServer::configure`].
#[derive(Debug, Clone)]
pub struct OAuthConfig {
    pub client_id: String,
    /// `expires_in` of every access token.
    pub token_lifetime: Duration,
    /// `/authorize` answers `error=access_denied` instead of a code.
    pub deny: bool,
}

impl Default for OAuthConfig {
    fn default() -> Self {
        Self {
            client_id: "sluice-test".into(),
            token_lifetime: Duration::from_secs(3600),
            deny: false,
        }
    }
}

pub struct OAuthServer {
    addr: SocketAddr,
    state: Shared<OAuthState>,
    task: JoinHandle<()>,
}

impl OAuthServer {
    pub async fn start(config: OAuthConfig) -> std::io::Result<Self> {
        let state: Shared<OAuthState> = Arc::new(std::sync::Mutex::new(OAuthState::new(config)));
        let shared = state.clone();
        let issuer: Arc<std::sync::Mutex<String>> = Arc::default();
        let named = issuer.clone();
        let (addr, task) = serve(move |stream| {
            let (state, issuer) = (shared.clone(), lock(&named).clone());
            handle(stream, state, issuer)
        })
        .await?;
        *lock(&issuer) = format!("http://{addr}");
        Ok(Self { addr, state, task })
    }

    /// The issuer URL (`http://127.0.0.1:port`); discovery lives under it.
    pub fn issuer(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn configure(&self, change: impl FnOnce(&mut OAuthConfig)) {
        change(&mut lock(&self.state).config);
    }

    /// A copy of what the server has seen and issued.
    pub fn state(&self) -> OAuthState {
        lock(&self.state).clone()
    }
}

impl Drop for OAuthServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn handle(mut stream: TcpStream, state: Shared<OAuthState>, issuer: String) {
    let Ok(Some(req)) = read_request(&mut stream).await else {
        return;
    };
    let query: HashMap<String, String> = req
        .target
        .split_once('?')
        .map(|(_, q)| form(q.as_bytes()))
        .unwrap_or_default();
    let body = form(&req.body);
    let now = Instant::now();
    let answer = match (req.method.as_str(), req.path()) {
        ("GET", "/.well-known/openid-configuration") => Reply::json(
            200,
            serde_json::json!({
                "issuer": issuer,
                "authorization_endpoint": format!("{issuer}/authorize"),
                "token_endpoint": format!("{issuer}/token"),
                "revocation_endpoint": format!("{issuer}/revoke"),
                "userinfo_endpoint": format!("{issuer}/userinfo"),
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "code_challenge_methods_supported": ["S256"],
            }),
        ),
        ("GET", "/authorize") => lock(&state).authorize(&query),
        ("POST", "/token") => lock(&state).token(&body, now),
        ("POST", "/revoke") => lock(&state).revoke(&body),
        ("GET", "/userinfo") => lock(&state).userinfo(req.header("authorization"), now),
        ("GET", "/_fixture/state") => Reply::json(200, lock(&state).summary()),
        _ => Reply::json(404, serde_json::json!({"error": "not_found"})),
    };
    let _ = reply(&mut stream, answer).await;
}
