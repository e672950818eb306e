//! The sign-in session: one provider, its pending flows, the current tokens and status.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::{watch, Notify};
use url::Url;

use crate::callback::{self, Outcome};
use crate::flows::{Flows, Pending};
use crate::loopback::Loopback;
use crate::pkce::{random_token, Pkce};
use crate::provider::{resolve, Endpoints, ProviderConfig};
use crate::tokens::{self, now_ms, TokenSet, TokenStore};
use crate::{AuthError, CallbackError};

mod restore;
pub use restore::Restored;

/// The reverse-DNS custom-scheme redirect (RFC 8252 §7.1), from the app identifier.
pub const CUSTOM_REDIRECT: &str = "dev.sluice.app:/oauth/callback";

#[derive(Debug, Clone)]
pub struct Options {
    /// How long a started sign-in waits for its callback.
    pub flow_ttl: Duration,
    /// Tokens are refreshed this long before they expire.
    pub refresh_margin: Duration,
    pub custom_redirect: String,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            flow_ttl: Duration::from_secs(600),
            refresh_margin: Duration::from_secs(60),
            custom_redirect: CUSTOM_REDIRECT.into(),
        }
    }
}

/// What people may see of the session: never a token, only its masked tail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub provider: Option<String>,
    pub signed_in: bool,
    pub pending: bool,
    pub masked_token: Option<String>,
    pub expires_at_ms: Option<u64>,
    pub refreshes: u32,
    pub last_error: Option<String>,
}

/// A started sign-in: open `url` in the system browser.
#[derive(Debug, Clone)]
pub struct AuthRequest {
    pub url: String,
    pub state: String,
    pub redirect_uri: String,
}

pub struct SignIn {
    http: reqwest::Client,
    options: Options,
    store: Arc<dyn TokenStore>,
    endpoints: Mutex<Option<Endpoints>>,
    flows: Mutex<Flows>,
    tokens: Mutex<Option<TokenSet>>,
    status: watch::Sender<Status>,
    wake: Notify,
    refreshing: tokio::sync::Mutex<()>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SignIn {
    /// Starts with whatever tokens `store` kept from an earlier run.
    pub fn new(store: Arc<dyn TokenStore>, options: Options) -> Result<Arc<Self>, AuthError> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| AuthError::Network(e.to_string()))?;
        let kept = store.load().unwrap_or(None);
        let this = Arc::new(Self {
            http,
            options,
            store,
            endpoints: Mutex::new(None),
            flows: Mutex::default(),
            tokens: Mutex::new(kept),
            status: watch::channel(Status::default()).0,
            wake: Notify::new(),
            refreshing: tokio::sync::Mutex::new(()),
        });
        this.publish(None);
        Ok(this)
    }

    pub fn status(&self) -> watch::Receiver<Status> {
        self.status.subscribe()
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub fn endpoints(&self) -> Option<Endpoints> {
        lock(&self.endpoints).clone()
    }

    /// Resolves and switches to a provider. Tokens of a different provider are forgotten.
    pub async fn configure(&self, config: &ProviderConfig) -> Result<Endpoints, AuthError> {
        let resolved = resolve(&self.http, config).await?;
        let previous = lock(&self.endpoints).replace(resolved.clone());
        lock(&self.flows).clear();
        if previous.is_some_and(|p| p.token != resolved.token || p.client_id != resolved.client_id)
        {
            self.forget().await?;
        }
        self.publish(None);
        self.wake.notify_one();
        Ok(resolved)
    }

    /// Starts a sign-in through the custom-scheme redirect.
    pub fn begin(&self) -> Result<AuthRequest, AuthError> {
        self.begin_with(&self.options.custom_redirect.clone())
    }

    /// Starts a sign-in through a loopback listener; pass the listener to
    /// [`Loopback::accept_callback`] and its result to [`SignIn::complete`].
    pub async fn begin_loopback(&self) -> Result<(AuthRequest, Loopback), AuthError> {
        let loopback = Loopback::bind().await?;
        let request = self.begin_with(&loopback.redirect_uri)?;
        Ok((request, loopback))
    }

    fn begin_with(&self, redirect_uri: &str) -> Result<AuthRequest, AuthError> {
        let endpoints = self.endpoints().ok_or(AuthError::NotConfigured)?;
        let state = random_token(32)?;
        let pkce = Pkce::generate()?;
        let url = authorize_url(&endpoints, redirect_uri, &state, &pkce.challenge);
        lock(&self.flows).insert(
            state.clone(),
            Pending {
                verifier: pkce.verifier,
                redirect_uri: redirect_uri.to_owned(),
                started: Instant::now(),
            },
        );
        self.publish(None);
        Ok(AuthRequest {
            url: url.into(),
            state,
            redirect_uri: redirect_uri.to_owned(),
        })
    }

    /// Handles a callback URL: every check first, then one code exchange.
    pub async fn complete(&self, raw: &str) -> Result<(), AuthError> {
        let flow = {
            let mut flows = lock(&self.flows);
            let mut targets = flows.targets();
            targets.push(self.options.custom_redirect.clone());
            let cb = callback::parse(raw, &targets)?;
            let flow = flows.take(&cb.state, self.options.flow_ttl);
            drop(flows);
            let flow = flow.inspect_err(|_| self.publish(None))?;
            if flow.redirect_uri != cb.target {
                self.publish(None);
                return Err(CallbackError::RedirectMismatch.into());
            }
            match cb.outcome {
                Outcome::Code(code) => (flow, code),
                Outcome::Denied { error, description } => {
                    let e = CallbackError::Provider { error, description };
                    self.publish(Some(e.to_string()));
                    return Err(e.into());
                }
            }
        };
        let ((flow, code), endpoints) = (flow, self.endpoints().ok_or(AuthError::NotConfigured)?);
        let result = tokens::exchange_code(
            &self.http,
            &endpoints,
            &code,
            &flow.verifier,
            &flow.redirect_uri,
        )
        .await;
        match result {
            Ok(tokens) => {
                self.keep(tokens).await?;
                self.publish(None);
                self.wake.notify_one();
                Ok(())
            }
            Err(e) => {
                self.publish(Some(e.to_string()));
                Err(e)
            }
        }
    }

    /// Refreshes now. A rejected grant signs out.
    pub async fn refresh(&self) -> Result<(), AuthError> {
        let _one = self.refreshing.lock().await;
        let current = lock(&self.tokens).clone().ok_or(AuthError::NotSignedIn)?;
        let refresh_token = current
            .refresh_token
            .clone()
            .ok_or(AuthError::NoRefreshToken)?;
        let endpoints = self.endpoints().ok_or(AuthError::NotConfigured)?;
        match tokens::refresh(&self.http, &endpoints, &refresh_token).await {
            Ok(fresh) => {
                self.keep(fresh).await?;
                self.status.send_modify(|s| s.refreshes += 1);
                self.publish(None);
                Ok(())
            }
            Err(e) => {
                if e.is_grant_rejected() {
                    self.forget().await?;
                }
                self.publish(Some(e.to_string()));
                Err(e)
            }
        }
    }

    /// Forgets the tokens (store included), then revokes them where the provider can. The
    /// tokens are gone even when revocation fails; the error says it did.
    pub async fn sign_out(&self) -> Result<(), AuthError> {
        let tokens = lock(&self.tokens).clone();
        lock(&self.flows).clear();
        self.forget().await?;
        self.status.send_modify(|s| s.refreshes = 0);
        self.publish(None);
        self.wake.notify_one();
        let (Some(tokens), Some(endpoints)) = (tokens, self.endpoints()) else {
            return Ok(());
        };
        if let Some(refresh) = &tokens.refresh_token {
            tokens::revoke(&self.http, &endpoints, refresh, "refresh_token").await?;
        }
        tokens::revoke(&self.http, &endpoints, &tokens.access_token, "access_token").await
    }

    /// The access token, when signed in and not expired. For `Authorization: Bearer …`.
    pub fn bearer(&self) -> Option<String> {
        let tokens = lock(&self.tokens);
        let t = tokens.as_ref()?;
        match t.expires_at_ms {
            Some(at) if at <= now_ms() => None,
            _ => Some(t.access_token.clone()),
        }
    }

    /// How long until the next refresh is due (`None`: nothing to refresh).
    fn refresh_due_in(&self) -> Option<Duration> {
        let tokens = lock(&self.tokens);
        let t = tokens.as_ref()?;
        t.refresh_token.as_ref()?;
        let expires = t.expires_at_ms?;
        let life = expires.saturating_sub(t.obtained_at_ms);
        let margin = self.options.refresh_margin.as_millis() as u64;
        // Short-lived tokens refresh at half-life rather than immediately and forever.
        let due = t.obtained_at_ms + life.saturating_sub(margin).max(life / 2);
        Some(Duration::from_millis(due.saturating_sub(now_ms())))
    }

    /// Refreshes tokens before they expire, until the task is aborted. Woken early by
    /// sign-in, sign-out and provider changes.
    pub fn spawn_refresher(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let this = self.clone();
        tokio::spawn(async move {
            let mut backoff = Duration::from_secs(1);
            loop {
                match this.refresh_due_in() {
                    None => this.wake.notified().await,
                    Some(wait) => {
                        tokio::select! {
                            () = tokio::time::sleep(wait) => {
                                if this.refresh_due_in().is_some_and(|d| d.is_zero()) {
                                    match this.refresh().await {
                                        Ok(()) => backoff = Duration::from_secs(1),
                                        Err(e) if e.is_grant_rejected() => {}
                                        Err(_) => {
                                            tokio::time::sleep(backoff).await;
                                            backoff = (backoff * 2).min(Duration::from_secs(30));
                                        }
                                    }
                                }
                            }
                            () = this.wake.notified() => {}
                        }
                    }
                }
            }
        })
    }

    /// Stores first (stores may block: off the async threads), then uses the tokens.
    async fn keep(&self, tokens: TokenSet) -> Result<(), AuthError> {
        let (store, copy) = (self.store.clone(), tokens.clone());
        blocking(move || store.save(&copy)).await?;
        *lock(&self.tokens) = Some(tokens);
        Ok(())
    }

    /// Forgets in memory at once, then in the store.
    async fn forget(&self) -> Result<(), AuthError> {
        *lock(&self.tokens) = None;
        let store = self.store.clone();
        blocking(move || store.clear()).await
    }

    fn publish(&self, error: Option<String>) {
        let tokens = lock(&self.tokens).clone();
        let pending = !lock(&self.flows).is_empty();
        let provider = self.endpoints().map(|e| {
            e.issuer
                .unwrap_or_else(|| e.authorization.host_str().unwrap_or("").to_owned())
        });
        self.status.send_modify(|s| {
            s.provider = provider;
            s.signed_in = tokens.is_some();
            s.pending = pending;
            s.masked_token = tokens.as_ref().map(TokenSet::masked);
            s.expires_at_ms = tokens.as_ref().and_then(|t| t.expires_at_ms);
            if error.is_some() || s.signed_in {
                s.last_error = error;
            }
        });
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AuthError> + Send + 'static,
) -> Result<T, AuthError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AuthError::Store(e.to_string()))?
}

/// The authorization request URL (RFC 6749 §4.1.1 with PKCE S256).
pub fn authorize_url(
    endpoints: &Endpoints,
    redirect_uri: &str,
    state: &str,
    challenge: &str,
) -> Url {
    let mut url = endpoints.authorization.clone();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("response_type", "code")
            .append_pair("client_id", &endpoints.client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", state)
            .append_pair("code_challenge", challenge)
            .append_pair("code_challenge_method", "S256");
        if !endpoints.scopes.is_empty() {
            q.append_pair("scope", &endpoints.scopes.join(" "));
        }
    }
    url
}
