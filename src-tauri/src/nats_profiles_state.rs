//! Saved connection profiles and the NATS CLI contexts, as the app holds them.
//!
//! The saved file lives in the app data folder and never holds a secret: tokens, passwords,
//! seeds and JWTs live in the app's vault (`nats/<profile>/<field>`), read at connect time.
//! A locked vault makes saving or connecting such a profile fail with "unlock it in
//! Settings → Secrets".

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use sluice_nats::{ContextWatcher, NatsError, NatsProfile, ProfileStore, SecretKeeper};
use sluice_vault::{Secret, SecretStore, VaultError};
use sluice_wire::{ErrorCode, IpcError, NatsProfilesStatus};
use tokio::sync::watch;

pub struct NatsProfiles {
    pub store: Arc<ProfileStore>,
    contexts: Mutex<Option<ContextWatcher>>,
    contexts_problem: Mutex<Option<String>>,
}

type ProfileList = watch::Receiver<Arc<Vec<NatsProfile>>>;

impl NatsProfiles {
    pub fn open(file: PathBuf, vault: crate::vault_state::VaultState) -> Self {
        Self {
            store: Arc::new(ProfileStore::open(file, Arc::new(VaultKeeper(vault)))),
            contexts: Mutex::new(None),
            contexts_problem: Mutex::new(None),
        }
    }

    /// The contexts, watched live from the first call on (needs the async runtime).
    pub fn contexts(&self) -> ProfileList {
        let mut slot = lock(&self.contexts);
        if let Some(w) = slot.as_ref() {
            return w.contexts();
        }
        let Some(dir) = sluice_nats::default_nats_config_dir() else {
            *lock(&self.contexts_problem) = Some("no home folder to find NATS contexts in".into());
            return watch::channel(Arc::new(Vec::new())).1;
        };
        match ContextWatcher::start(dir) {
            Ok(w) => {
                let rx = w.contexts();
                *slot = Some(w);
                rx
            }
            Err(e) => {
                *lock(&self.contexts_problem) = Some(e.to_string());
                // Not watched: the contexts as they are now, without updates.
                let now = sluice_nats::default_nats_config_dir()
                    .map(|d| sluice_nats::load_contexts(&d))
                    .unwrap_or_default();
                watch::channel(Arc::new(now)).1
            }
        }
    }

    /// A NATS CLI context, by id.
    pub fn find_context(&self, id: &str) -> Result<NatsProfile, IpcError> {
        self.contexts()
            .borrow()
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .ok_or_else(|| IpcError::new(ErrorCode::NotFound, format!("no NATS profile {id:?}")))
    }

    pub fn status(&self) -> NatsProfilesStatus {
        let mut problems: Vec<String> = self
            .store
            .problem()
            .map(str::to_owned)
            .into_iter()
            .collect();
        problems.extend(lock(&self.contexts_problem).clone());
        NatsProfilesStatus {
            file: self.store.path().display().to_string(),
            contexts_dir: sluice_nats::default_nats_config_dir().map(|d| d.display().to_string()),
            secrets_persist: self.store.secrets_persist(),
            problems,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The vault as the profile store's secret keeper.
struct VaultKeeper(crate::vault_state::VaultState);

fn vault_error(e: VaultError) -> NatsError {
    match e {
        VaultError::Locked | VaultError::Absent(_) => NatsError::InvalidProfile(
            "the vault is locked: unlock it (or create it) in Settings → Secrets, then try again"
                .into(),
        ),
        other => NatsError::Other(format!("the vault: {other}")),
    }
}

impl SecretKeeper for VaultKeeper {
    fn get(&self, key: &str) -> sluice_nats::Result<Option<String>> {
        let value = self.0.get(key).map_err(vault_error)?;
        Ok(value.map(|s| s.expose().to_owned()))
    }
    fn set(&self, key: &str, value: &str) -> sluice_nats::Result<()> {
        self.0.put(key, Secret::new(value)).map_err(vault_error)
    }
    fn remove(&self, key: &str) -> sluice_nats::Result<()> {
        self.0.delete(key).map(|_| ()).map_err(vault_error)
    }
    fn persistent(&self) -> bool {
        true
    }
}
