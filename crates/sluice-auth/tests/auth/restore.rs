//! A session kept in a real encrypted vault file that is locked at start-up: written when
//! the vault is unlocked, taken up again after a restart, refreshed when expired, removed
//! (with the reason) when the provider refuses, and removed by sign-out.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sluice_auth::{revoke, Options, Restored, SignIn, TokenStore, VaultTokenStore};
use sluice_testkit::oauth::{OAuthConfig, OAuthServer};
use sluice_vault::{FileVault, KdfParams, Secret, SecretEntry, SecretStore, VaultError};

use crate::common::{follow, provider};

const PASSWORD: &str = "restore test password";

/// The app's vault in miniature: one file, locked until opened with its password.
struct Vault {
    path: PathBuf,
    open: Mutex<Option<FileVault>>,
}

impl Vault {
    /// A new vault file, left locked.
    fn create(dir: &Path) -> Arc<Self> {
        let path = dir.join("vault.sluice");
        let light = KdfParams {
            memory_kib: 1024,
            passes: 1,
            lanes: 1,
        };
        FileVault::create(&path, &Secret::from(PASSWORD), light).expect("create");
        Arc::new(Self {
            path,
            open: Mutex::new(None),
        })
    }

    /// The same file in a new process: locked.
    fn reopen(&self) -> Arc<Self> {
        Arc::new(Self {
            path: self.path.clone(),
            open: Mutex::new(None),
        })
    }

    fn unlock(&self) {
        let v = FileVault::open(&self.path, &Secret::from(PASSWORD)).expect("unlock");
        *self.open.lock().expect("lock") = Some(v);
    }

    fn lock(&self) {
        *self.open.lock().expect("lock") = None;
    }

    fn names(&self) -> Vec<String> {
        self.list()
            .expect("list")
            .into_iter()
            .map(|e| e.name)
            .collect()
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&FileVault) -> Result<T, VaultError>,
    ) -> Result<T, VaultError> {
        f(self
            .open
            .lock()
            .expect("lock")
            .as_ref()
            .ok_or(VaultError::Locked)?)
    }
}

impl SecretStore for Vault {
    fn put(&self, name: &str, value: Secret) -> Result<(), VaultError> {
        self.with(|v| v.put(name, value))
    }
    fn get(&self, name: &str) -> Result<Option<Secret>, VaultError> {
        self.with(|v| v.get(name))
    }
    fn delete(&self, name: &str) -> Result<bool, VaultError> {
        self.with(|v| v.delete(name))
    }
    fn list(&self) -> Result<Vec<SecretEntry>, VaultError> {
        self.with(|v| v.list())
    }
}

const KEPT: [&str; 3] = [
    "oauth/default/access",
    "oauth/default/meta",
    "oauth/default/refresh",
];

/// A session over `vault`, configured for `server` (what the app does at start-up).
async fn session(vault: &Arc<Vault>, server: &OAuthServer) -> (Arc<SignIn>, Arc<VaultTokenStore>) {
    let store = Arc::new(VaultTokenStore::new(vault.clone(), "default"));
    let signin =
        SignIn::new(store.clone() as Arc<dyn TokenStore>, Options::default()).expect("client");
    signin
        .configure(&provider(server))
        .await
        .expect("configure");
    (signin, store)
}

/// The app started again over the same vault file, configured for `server`, and unlocked.
async fn restart(vault: &Vault, server: &OAuthServer) -> (Arc<Vault>, Arc<SignIn>) {
    let vault = vault.reopen();
    let (signin, _) = session(&vault, server).await;
    vault.unlock();
    (vault, signin)
}

async fn sign_in(signin: &SignIn) -> String {
    let url = signin.begin().expect("begin").url;
    signin.complete(&follow(&url).await).await.expect("sign in");
    signin.bearer().expect("bearer")
}

async fn fixture(lifetime: Duration) -> OAuthServer {
    let config = OAuthConfig {
        token_lifetime: lifetime,
        ..OAuthConfig::default()
    };
    OAuthServer::start(config).await.expect("fixture")
}

#[tokio::test]
async fn signed_in_while_locked_is_written_on_unlock_and_restored_after_a_restart() {
    let dir = tempfile::tempdir().expect("dir");
    let server = fixture(Duration::from_secs(3600)).await;
    let vault = Vault::create(dir.path());
    let (signin, store) = session(&vault, &server).await;
    let bearer = sign_in(&signin).await;
    assert!(store.has_held_change(), "held while the vault is locked");
    vault.unlock();
    assert!(vault.names().is_empty(), "nothing written before restore");
    assert_eq!(signin.restore().await, Ok(Restored::Saved));
    assert_eq!(vault.names(), KEPT);
    assert!(!store.has_held_change());
    let file = std::fs::read(&vault.path).expect("read vault file");
    for needle in [bearer.as_bytes(), b"oauth/default", b"at-"] {
        assert!(
            !file.windows(needle.len()).any(|w| w == needle),
            "plaintext in the file"
        );
    }

    // A restart: a new session over the same file, locked until unlocked.
    drop(signin);
    let vault = vault.reopen();
    let (again, _) = session(&vault, &server).await;
    assert!(again.bearer().is_none(), "nothing readable while locked");
    assert!(!again.status().borrow().signed_in);
    vault.unlock();
    assert_eq!(
        again.restore().await,
        Ok(Restored::SignedIn { refreshed: false })
    );
    assert_eq!(again.bearer().as_deref(), Some(bearer.as_str()));
    let status = again.status().borrow().clone();
    assert!(
        status.signed_in && status.last_error.is_none(),
        "{status:?}"
    );
    assert!(server.state().access_token_active(&bearer));
    assert!(
        server.state().refreshes.is_empty(),
        "a valid token is not refreshed"
    );
    // A second unlock in the same run writes the session in use again, nothing more.
    assert_eq!(again.restore().await, Ok(Restored::Kept));
}

/// Signed in with the vault unlocked, through a provider whose tokens expire at once.
async fn expired_session(
    dir: &Path,
) -> (OAuthServer, Arc<Vault>, Arc<SignIn>, Arc<VaultTokenStore>) {
    let server = fixture(Duration::ZERO).await;
    let vault = Vault::create(dir);
    vault.unlock();
    let (signin, store) = session(&vault, &server).await;
    let url = signin.begin().expect("begin").url;
    signin.complete(&follow(&url).await).await.expect("sign in");
    assert!(signin.bearer().is_none(), "the token expired at once");
    (server, vault, signin, store)
}

#[tokio::test]
async fn an_expired_kept_session_is_refreshed_on_restore() {
    let dir = tempfile::tempdir().expect("dir");
    let (server, vault, signin, _) = expired_session(dir.path()).await;
    assert_eq!(
        vault.names(),
        KEPT,
        "written at sign-in: the vault was unlocked"
    );
    drop(signin);

    server.configure(|c| c.token_lifetime = Duration::from_secs(3600));
    let (vault, again) = restart(&vault, &server).await;
    assert_eq!(
        again.restore().await,
        Ok(Restored::SignedIn { refreshed: true })
    );
    let bearer = again.bearer().expect("a fresh bearer");
    let seen = server.state();
    assert_eq!(seen.refreshes.len(), 1);
    assert!(seen.access_token_active(&bearer));
    // The refreshed tokens are what the vault keeps now.
    let kept = VaultTokenStore::new(vault.clone(), "default")
        .load()
        .expect("load");
    assert_eq!(kept.map(|t| t.access_token), Some(bearer));
}

#[tokio::test]
async fn a_refused_refresh_on_restore_signs_out_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    let (server, vault, signin, store) = expired_session(dir.path()).await;
    let refresh_token = store
        .load()
        .expect("load")
        .and_then(|t| t.refresh_token)
        .expect("refresh token");
    let endpoints = signin.endpoints().expect("endpoints");
    revoke(signin.http(), &endpoints, &refresh_token, "refresh_token")
        .await
        .expect("revoke");
    drop(signin);

    let (vault, again) = restart(&vault, &server).await;
    let Ok(Restored::SignedOut(reason)) = again.restore().await else {
        panic!("expected a sign-out");
    };
    assert!(
        reason.contains("invalid_grant") && reason.contains("Sign in again"),
        "{reason}"
    );
    let status = again.status().borrow().clone();
    assert!(!status.signed_in, "{status:?}");
    assert_eq!(
        status.last_error.as_deref(),
        Some(reason.as_str()),
        "the reason is shown"
    );
    assert!(again.bearer().is_none());
    assert!(
        vault.names().is_empty(),
        "the refused session is gone from the vault"
    );
    assert_eq!(again.restore().await, Ok(Restored::Nothing));
}

#[tokio::test]
async fn sign_out_removes_the_tokens_from_the_vault_even_while_locked() {
    let dir = tempfile::tempdir().expect("dir");
    let server = fixture(Duration::from_secs(3600)).await;
    let vault = Vault::create(dir.path());
    vault.unlock();
    let (signin, store) = session(&vault, &server).await;
    sign_in(&signin).await;
    vault
        .put("sse/other", Secret::from("unrelated"))
        .expect("put");
    assert_eq!(vault.names().len(), 4);

    vault.lock();
    signin.sign_out().await.expect("sign out");
    assert!(store.has_held_change(), "the removal waits for the vault");
    vault.unlock();
    assert_eq!(signin.restore().await, Ok(Restored::Saved));
    assert_eq!(
        vault.names(),
        ["sse/other"],
        "only the sign-in's secrets went"
    );

    // Unlocked: sign-out removes them at once.
    sign_in(&signin).await;
    assert_eq!(vault.names().len(), 4);
    signin.sign_out().await.expect("sign out");
    assert_eq!(vault.names(), ["sse/other"]);
    let (_, again) = restart(&vault, &server).await;
    assert_eq!(again.restore().await, Ok(Restored::Nothing));
}

#[tokio::test]
async fn a_session_of_another_provider_or_a_damaged_one_is_not_used() {
    let dir = tempfile::tempdir().expect("dir");
    let (server, other) = (
        fixture(Duration::from_secs(3600)).await,
        fixture(Duration::from_secs(3600)).await,
    );
    let vault = Vault::create(dir.path());
    vault.unlock();
    let (signin, _) = session(&vault, &server).await;
    let bearer = sign_in(&signin).await;
    drop(signin);

    // The same vault, but the app now signs in with another provider.
    let (vault, elsewhere) = restart(&vault, &other).await;
    let Ok(Restored::SignedOut(reason)) = elsewhere.restore().await else {
        panic!("expected the session to be refused");
    };
    assert!(reason.contains("different provider"), "{reason}");
    assert!(elsewhere.bearer().is_none());
    assert!(vault.names().is_empty());
    assert!(
        other.state().refusals.is_empty(),
        "nothing was sent to the other provider"
    );
    assert!(server.state().access_token_active(&bearer));

    // Damaged metadata: an error, no session, no panic.
    vault
        .put("oauth/default/access", Secret::from("at-x"))
        .expect("put");
    vault
        .put("oauth/default/meta", Secret::from("{not json"))
        .expect("put");
    let (damaged, _) = session(&vault, &server).await;
    assert!(damaged.restore().await.is_err());
    assert!(damaged.bearer().is_none());
}
