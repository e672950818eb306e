//! The app's secrets vault: one encrypted file in the app data folder, unlocked for this
//! run with its password. Other parts of the app read secrets through `get`; the webview
//! only ever receives names and masked values.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use sluice_vault::{FileVault, KdfParams, Secret, SecretStore, VaultError, VaultFileState};
use sluice_wire::{ErrorCode, IpcError, SecretView, VaultLockState, VaultProblem, VaultStatus};

/// Run after each unlock (and create); the unlock answers once they are done.
type UnlockHook = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// Cheap to clone: clones share the same vault (the chat core keeps one).
#[derive(Default, Clone)]
pub struct VaultState {
    path: Arc<OnceLock<PathBuf>>,
    open: Arc<Mutex<Option<Arc<FileVault>>>>,
    on_unlock: Arc<Mutex<Vec<UnlockHook>>>,
}

impl VaultState {
    /// Called once at start-up with `<app data dir>/vault.sluice`.
    pub fn set_path(&self, path: PathBuf) {
        let _ = self.path.set(path);
    }

    fn path(&self) -> Result<PathBuf, IpcError> {
        self.path.get().cloned().ok_or_else(|| {
            IpcError::new(ErrorCode::Unavailable, "the app data folder is not known")
        })
    }

    pub fn is_unlocked(&self) -> bool {
        self.unlocked().is_some()
    }

    fn unlocked(&self) -> Option<Arc<FileVault>> {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn vault(&self) -> Result<Arc<FileVault>, IpcError> {
        self.unlocked().ok_or_else(|| {
            IpcError::new(
                ErrorCode::Unavailable,
                "the vault is locked: unlock it in Settings → Secrets",
            )
        })
    }

    fn set_open(&self, vault: Option<FileVault>) {
        *self.open.lock().unwrap_or_else(PoisonError::into_inner) = vault.map(Arc::new);
    }

    /// Runs `hook` after every unlock (and create), e.g. to write what waited for the
    /// vault; keep it short (bound any network wait), the unlock answers after it.
    pub fn on_unlock<F>(&self, hook: impl Fn() -> F + Send + Sync + 'static)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.on_unlock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Arc::new(move || Box::pin(hook())));
    }

    async fn run_unlock_hooks(&self) {
        let hooks = self
            .on_unlock
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        for hook in hooks {
            hook().await;
        }
    }

    pub async fn status(&self) -> Result<VaultStatus, IpcError> {
        let path = self.path()?;
        let unlocked = self.unlocked();
        let mut status = VaultStatus {
            state: VaultLockState::Unlocked,
            path: path.display().to_string(),
            cipher: unlocked.as_ref().map(|v| cipher_label(v.kdf_params())),
            problem: None,
        };
        if unlocked.is_some() {
            return Ok(status);
        }
        let inspected = blocking(move || FileVault::inspect(&path)).await?;
        status.state = match inspected {
            Ok(VaultFileState::Absent) => VaultLockState::Absent,
            Ok(VaultFileState::Present) => VaultLockState::Locked,
            Err(e) => {
                status.problem = Some(problem(&e));
                VaultLockState::Locked
            }
        };
        Ok(status)
    }

    pub async fn create(&self, password: Secret) -> Result<(), IpcError> {
        let path = self.path()?;
        let vault = blocking(move || FileVault::create(&path, &password, KdfParams::default()))
            .await?
            .map_err(to_ipc)?;
        self.set_open(Some(vault));
        self.run_unlock_hooks().await;
        Ok(())
    }

    pub async fn unlock(&self, password: Secret) -> Result<(), IpcError> {
        let path = self.path()?;
        let vault = blocking(move || FileVault::open(&path, &password))
            .await?
            .map_err(to_ipc)?;
        self.set_open(Some(vault));
        self.run_unlock_hooks().await;
        Ok(())
    }

    /// Forgets the key and every value held in memory.
    pub fn lock(&self) {
        self.set_open(None);
    }

    /// Renames a damaged vault aside (kept, not deleted); returns where it went.
    pub async fn move_aside(&self) -> Result<String, IpcError> {
        let path = self.path()?;
        self.lock();
        let aside = blocking(move || FileVault::move_aside(&path))
            .await?
            .map_err(to_ipc)?;
        Ok(aside.display().to_string())
    }

    pub async fn put_async(&self, name: &str, value: Secret) -> Result<(), IpcError> {
        let (vault, name) = (self.vault()?, name.to_owned());
        blocking(move || vault.put(&name, value))
            .await?
            .map_err(to_ipc)
    }

    /// The secret `name`; `Ok(None)` when the vault is unlocked but has no such entry.
    pub async fn get_async(&self, name: &str) -> Result<Option<Secret>, IpcError> {
        let (vault, name) = (self.vault()?, name.to_owned());
        blocking(move || vault.get(&name)).await?.map_err(to_ipc)
    }

    pub async fn delete_async(&self, name: &str) -> Result<bool, IpcError> {
        let (vault, name) = (self.vault()?, name.to_owned());
        blocking(move || vault.delete(&name)).await?.map_err(to_ipc)
    }

    pub async fn list_views(&self) -> Result<Vec<SecretView>, IpcError> {
        let vault = self.vault()?;
        let entries = blocking(move || vault.list()).await?.map_err(to_ipc)?;
        Ok(entries
            .into_iter()
            .map(|e| SecretView {
                name: e.name,
                masked: e.masked,
            })
            .collect())
    }

    /// A bearer token named by an SSE/WebSocket `authRef`, or a clear error.
    pub async fn bearer(&self, auth_ref: Option<&str>) -> Result<Option<String>, IpcError> {
        let Some(name) = auth_ref.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        match self.get_async(name).await? {
            Some(secret) => Ok(Some(secret.expose().to_owned())),
            None => Err(IpcError::new(
                ErrorCode::NotFound,
                format!("no secret named {name:?} in the vault (Settings → Secrets)"),
            )),
        }
    }
}

fn cipher_label(p: KdfParams) -> String {
    format!(
        "Argon2id {} MiB × {} passes, XChaCha20-Poly1305",
        p.memory_kib / 1024,
        p.passes
    )
}

fn problem(e: &VaultError) -> VaultProblem {
    VaultProblem {
        message: e.to_string(),
        recovery: e.recovery(),
        can_move_aside: matches!(
            e,
            VaultError::Corrupt { .. } | VaultError::UnsupportedVersion { .. }
        ),
    }
}

/// Vault errors as IPC errors; the message carries the way out. They never hold a secret.
pub fn to_ipc(e: VaultError) -> IpcError {
    let code = match &e {
        VaultError::WrongPassword => ErrorCode::Unauthorized,
        VaultError::Absent(_) => ErrorCode::NotFound,
        VaultError::Locked | VaultError::Keychain(_) => ErrorCode::Unavailable,
        VaultError::InvalidName(_)
        | VaultError::InvalidValue(_)
        | VaultError::WeakPassword
        | VaultError::Exists(_) => ErrorCode::InvalidInput,
        VaultError::Corrupt { .. } | VaultError::UnsupportedVersion { .. } => {
            ErrorCode::InvalidInput
        }
        VaultError::Io { .. } => ErrorCode::Internal,
    };
    IpcError::new(code, format!("{e}. {}", e.recovery()))
}

/// Runs vault work (file I/O, Argon2id) off the async runtime.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| IpcError::new(ErrorCode::Internal, format!("vault task failed: {e}")))
}

/// Where the vault lives inside the app data folder.
pub fn vault_path(data_dir: &Path) -> PathBuf {
    data_dir.join(sluice_vault::VAULT_FILE_NAME)
}

/// The app vault as a blocking [`SecretStore`] for core crates (e.g. sign-in tokens):
/// while it is locked every call fails with [`VaultError::Locked`].
impl SecretStore for VaultState {
    fn put(&self, name: &str, value: Secret) -> Result<(), VaultError> {
        self.unlocked().ok_or(VaultError::Locked)?.put(name, value)
    }

    fn get(&self, name: &str) -> Result<Option<Secret>, VaultError> {
        self.unlocked().ok_or(VaultError::Locked)?.get(name)
    }

    fn delete(&self, name: &str) -> Result<bool, VaultError> {
        self.unlocked().ok_or(VaultError::Locked)?.delete(name)
    }

    fn list(&self) -> Result<Vec<sluice_vault::SecretEntry>, VaultError> {
        self.unlocked().ok_or(VaultError::Locked)?.list()
    }
}
