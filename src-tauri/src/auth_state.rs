//! Sign-in for the app: the core `SignIn` session, the provider configuration on disk, the
//! notices the UI shows, and the bearer lookup other commands use.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Serialize;
use sluice_auth::{ProviderConfig, Restored, SignIn, Status, TokenStore, VaultTokenStore};
use sluice_flow::Event;
use sluice_wire::{
    AuthEvent, AuthNotice, AuthNoticeLevel, AuthProviderConfig, AuthStatusView, ErrorCode, IpcError,
};
use tauri::{AppHandle, Manager};
use tokio::sync::{broadcast, watch};

/// How long a vault unlock waits for the kept session to be restored.
const RESTORE_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Notices kept for subscribers that arrive later (a reload, the panel opened late).
const NOTICES_KEPT: usize = 50;

pub struct AuthState {
    pub signin: Arc<SignIn>,
    /// The session's store, asked whether a change waits for the vault.
    tokens: Arc<VaultTokenStore>,
    provider: Mutex<Option<AuthProviderConfig>>,
    config_file: Mutex<Option<PathBuf>>,
    links_handled: AtomicU64,
    next_notice: AtomicU64,
    notices: Mutex<VecDeque<AuthNotice>>,
    notice_tx: broadcast::Sender<AuthNotice>,
    view: watch::Sender<AuthStatusView>,
    /// True once the saved provider is configured: a kept session is restored after that.
    started: watch::Sender<bool>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl AuthState {
    /// Tokens go to `secrets` (the app's vault) under `oauth/default/…`; while it is
    /// locked they are held in memory and written when it is unlocked.
    pub fn new(secrets: Arc<dyn sluice_vault::SecretStore>) -> Result<Self, IpcError> {
        let tokens = Arc::new(VaultTokenStore::new(secrets, "default"));
        let store: Arc<dyn TokenStore> = tokens.clone();
        let signin = SignIn::new(store, sluice_auth::Options::default()).map_err(internal)?;
        Ok(Self {
            signin,
            tokens,
            provider: Mutex::new(None),
            config_file: Mutex::new(None),
            links_handled: AtomicU64::new(0),
            next_notice: AtomicU64::new(1),
            notices: Mutex::new(VecDeque::new()),
            notice_tx: broadcast::channel(64).0,
            view: watch::channel(AuthStatusView::default()).0,
            started: watch::channel(false).0,
        })
    }

    /// After the vault is unlocked: writes tokens that waited for it, or restores the
    /// session it kept (refreshed if expired; removed, with the reason, if refused).
    pub async fn restore_session(&self) {
        let mut started = self.started.subscribe();
        if started.wait_for(|s| *s).await.is_err() {
            return;
        }
        let restored = self.signin.restore().await;
        // A held change is written now: the view says so even when the status is the same.
        self.refresh_view(&self.signin.status().borrow().clone());
        match restored {
            Ok(Restored::Saved) => self.notice(
                AuthNoticeLevel::Info,
                "The sign-in is now kept in the vault.",
            ),
            Ok(Restored::SignedIn { refreshed }) => self.notice(
                AuthNoticeLevel::Info,
                if refreshed {
                    "Signed in again from the vault (the expired token was refreshed)."
                } else {
                    "Signed in again from the vault."
                },
            ),
            Ok(Restored::SignedOut(why)) => self.notice(AuthNoticeLevel::Warning, why),
            Ok(Restored::Kept | Restored::Nothing) => {}
            Err(e) => {
                eprintln!("sluice: the saved sign-in could not be restored: {e}");
                self.notice(
                    AuthNoticeLevel::Warning,
                    format!("The saved sign-in could not be restored yet: {e}"),
                );
            }
        }
    }

    /// Reads the saved provider (if any) and keeps the view in step with the session.
    pub async fn start(self: &Arc<Self>, config_file: PathBuf) {
        *lock(&self.config_file) = Some(config_file.clone());
        let this = self.clone();
        let mut status = self.signin.status();
        tokio::spawn(async move {
            loop {
                let s = status.borrow_and_update().clone();
                this.refresh_view(&s);
                if status.changed().await.is_err() {
                    break;
                }
            }
        });
        self.signin.spawn_refresher();
        let saved = tokio::fs::read(&config_file).await.ok();
        if let Some(config) =
            saved.and_then(|b| serde_json::from_slice::<AuthProviderConfig>(&b).ok())
        {
            if let Err(e) = self.configure(config).await {
                eprintln!(
                    "sluice: the saved sign-in provider is not usable: {}",
                    e.message
                );
            }
        }
        self.started.send_replace(true);
    }

    pub async fn configure(&self, config: AuthProviderConfig) -> Result<(), IpcError> {
        let core = ProviderConfig {
            issuer: config.issuer.clone(),
            authorization_endpoint: config.authorization_endpoint.clone(),
            token_endpoint: config.token_endpoint.clone(),
            revocation_endpoint: config.revocation_endpoint.clone(),
            client_id: config.client_id.clone(),
            scopes: config.scopes.clone(),
        };
        self.signin.configure(&core).await.map_err(to_ipc)?;
        *lock(&self.provider) = Some(config.clone());
        let file = lock(&self.config_file).clone();
        if let Some(file) = file {
            let bytes = serde_json::to_vec_pretty(&config).map_err(internal)?;
            if let Some(dir) = file.parent() {
                tokio::fs::create_dir_all(dir).await.map_err(internal)?;
            }
            tokio::fs::write(&file, bytes).await.map_err(internal)?;
        }
        self.refresh_view(&self.signin.status().borrow().clone());
        Ok(())
    }

    pub fn count_link(&self) {
        self.links_handled.fetch_add(1, Ordering::Relaxed);
        self.refresh_view(&self.signin.status().borrow().clone());
    }

    /// Records a notice for the UI (kept, and sent to every subscriber).
    pub fn notice(&self, level: AuthNoticeLevel, message: impl Into<String>) {
        let notice = AuthNotice {
            id: self.next_notice.fetch_add(1, Ordering::Relaxed),
            at_ms: sluice_auth_now_ms(),
            level,
            message: message.into(),
        };
        let mut kept = lock(&self.notices);
        if kept.len() >= NOTICES_KEPT {
            kept.pop_front();
        }
        kept.push_back(notice.clone());
        drop(kept);
        let _ = self.notice_tx.send(notice);
    }

    /// The current view, the kept notices, and receivers for what comes next.
    pub fn watch(
        &self,
    ) -> (
        watch::Receiver<AuthStatusView>,
        Vec<AuthNotice>,
        broadcast::Receiver<AuthNotice>,
    ) {
        let rx = self.notice_tx.subscribe();
        let kept = lock(&self.notices).iter().cloned().collect();
        (self.view.subscribe(), kept, rx)
    }

    /// True while a sign-in or sign-out is held in memory for a locked vault: quitting
    /// now would lose it.
    pub fn vault_pending(&self) -> bool {
        self.tokens.has_held_change()
    }

    fn refresh_view(&self, s: &Status) {
        let provider = lock(&self.provider).clone();
        let links_handled = self.links_handled.load(Ordering::Relaxed);
        self.view.send_replace(AuthStatusView {
            provider,
            provider_label: s.provider.clone(),
            signed_in: s.signed_in,
            pending: s.pending,
            masked_token: s.masked_token.clone(),
            vault_pending: self.tokens.has_held_change(),
            expires_at_ms: s.expires_at_ms,
            refreshes: s.refreshes,
            last_error: s.last_error.clone(),
            links_handled,
        });
    }
}

/// The bearer credential for outgoing requests (SSE, WebSocket, AI providers): the current
/// access token, or `None` when not signed in or expired. Never send it to the webview.
pub fn bearer(app: &AppHandle) -> Option<String> {
    app.try_state::<Arc<AuthState>>()?.signin.bearer()
}

fn sluice_auth_now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

pub fn to_ipc(e: sluice_auth::AuthError) -> IpcError {
    use sluice_auth::AuthError as A;
    let code = match &e {
        A::NotConfigured | A::NotSignedIn | A::NoRefreshToken => ErrorCode::NotFound,
        A::InvalidConfig(_) | A::Callback(_) => ErrorCode::InvalidInput,
        A::Discovery(_) | A::Network(_) | A::Loopback(_) => ErrorCode::Unavailable,
        A::TokenRefused { .. } | A::BadTokenResponse(_) => ErrorCode::Unauthorized,
        A::Store(_) => ErrorCode::Internal,
    };
    IpcError::new(code, e.to_string())
}

fn internal(e: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Internal, e.to_string())
}

/// `AuthEvent` for the flow engine: the status is one latest-state key, each notice its own.
#[derive(Clone, Serialize)]
#[serde(transparent)]
pub struct AuthFrameEvent {
    #[serde(skip)]
    key: u64,
    event: AuthEvent,
}

impl From<AuthEvent> for AuthFrameEvent {
    fn from(event: AuthEvent) -> Self {
        let key = match &event {
            AuthEvent::Status(_) => 0,
            AuthEvent::Notice(n) => n.id,
        };
        Self { key, event }
    }
}

impl Event for AuthFrameEvent {
    type Key = u64;
    fn key(&self) -> &u64 {
        &self.key
    }
    fn weight(&self) -> usize {
        match &self.event {
            AuthEvent::Status(_) => 2048,
            AuthEvent::Notice(n) => 256 + n.message.len(),
        }
    }
}

/// In `setup`: the sign-in state, deep links, and the saved provider (restored in the
/// background; links wait until it is).
pub fn setup(app: &AppHandle) -> Result<(), Box<dyn std::error::Error>> {
    let vault = app
        .state::<crate::vault_state::VaultState>()
        .inner()
        .clone();
    let auth = Arc::new(AuthState::new(Arc::new(vault.clone()))?);
    let restorer = auth.clone();
    vault.on_unlock(move || {
        let auth = restorer.clone();
        let task = tauri::async_runtime::spawn(async move { auth.restore_session().await });
        // The unlock answers once the tokens are written or read (so the Secrets list and
        // the sign-in state agree), or after RESTORE_WAIT while a refresh goes on.
        async move {
            let _ = tokio::time::timeout(RESTORE_WAIT, task).await;
        }
    });
    app.manage(auth.clone());
    crate::deep_link::install(app);
    let config_file = app.path().app_data_dir()?.join("auth-provider.json");
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        auth.start(config_file).await;
        crate::deep_link::restored(&handle);
    });
    Ok(())
}
