//! Saved connection profiles: a JSON file in the app's data folder that never holds a
//! secret. Tokens, passwords, seeds and JWTs go to a `SecretKeeper` (the app's vault); the
//! file and the in-memory list hold a marker in their place, and `get` fills them in at
//! connect time.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use sluice_wire::{NatsProfileInput, NatsProfileSource};
use tokio::sync::watch;

use crate::error::{NatsError, Result};
use crate::profile::{NatsAuth, NatsProfile, Secret};
use crate::profile_input::{problems_message, profile_from_input};

/// Most profiles read from the file; more means the file is not ours.
const MAX_PROFILES: usize = 1_000;

/// Where secrets live. The app plugs in its vault; `SessionSecrets` keeps them in memory
/// for the life of the process only.
pub trait SecretKeeper: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<String>>;
    fn set(&self, key: &str, value: &str) -> Result<()>;
    fn remove(&self, key: &str) -> Result<()>;
    /// True when secrets outlive the process.
    fn persistent(&self) -> bool;
}

/// Secrets in memory: after a restart a saved profile asks for its secret again.
#[derive(Default)]
pub struct SessionSecrets(Mutex<HashMap<String, String>>);

impl SecretKeeper for SessionSecrets {
    fn get(&self, key: &str) -> Result<Option<String>> {
        Ok(lock(&self.0).get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<()> {
        lock(&self.0).insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<()> {
        lock(&self.0).remove(key);
        Ok(())
    }
    fn persistent(&self) -> bool {
        false
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[derive(Serialize, Deserialize)]
struct StoreFile {
    version: u32,
    profiles: Vec<NatsProfile>,
}

/// The secret fields of an auth, by name, as mutable slots.
fn secret_slots(auth: &mut NatsAuth) -> Vec<(&'static str, &mut Secret)> {
    match auth {
        NatsAuth::Token { token } => vec![("token", token)],
        NatsAuth::UserPassword { password, .. } => vec![("password", password)],
        NatsAuth::NkeySeed { seed } => vec![("seed", seed)],
        NatsAuth::Jwt { jwt, seed } => vec![("jwt", jwt), ("seed", seed)],
        NatsAuth::None | NatsAuth::NkeyFile { .. } | NatsAuth::CredsFile { .. } => Vec::new(),
    }
}

/// Stands in for a secret kept by the `SecretKeeper` (not a secret itself).
const STORED: &str = "(stored in the vault)";

/// The keeper's name for one secret of a saved profile: `nats/<name>/<field>`, the name
/// hex-encoded when it has characters vault names do not allow.
pub fn secret_key(profile_name: &str, field: &str) -> String {
    let plain = profile_name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if plain {
        format!("nats/{profile_name}/{field}")
    } else {
        let hex: String = profile_name.bytes().map(|b| format!("{b:02x}")).collect();
        format!("nats/x-{hex}/{field}")
    }
}

pub struct ProfileStore {
    path: PathBuf,
    keeper: Arc<dyn SecretKeeper>,
    saved: watch::Sender<Arc<Vec<NatsProfile>>>,
    /// Why the file could not be read, if it could not (it is then set aside, not lost).
    problem: Option<String>,
}

impl ProfileStore {
    /// Reads `path` (missing is empty). A file that does not parse is renamed to
    /// `<name>.broken` and reported by `problem()`.
    pub fn open(path: PathBuf, keeper: Arc<dyn SecretKeeper>) -> Self {
        let (profiles, problem) = match std::fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Vec::new(), None),
            Err(e) => (
                Vec::new(),
                Some(format!("cannot read {}: {e}", path.display())),
            ),
            Ok(bytes) => match serde_json::from_slice::<StoreFile>(&bytes) {
                Ok(f) => (f.profiles, None),
                Err(e) => {
                    let aside = path.with_extension("json.broken");
                    let _ = std::fs::rename(&path, &aside);
                    let why = format!(
                        "the saved profiles file was not valid ({e}); it was moved to {}",
                        aside.display()
                    );
                    (Vec::new(), Some(why))
                }
            },
        };
        let mut profiles: Vec<NatsProfile> = profiles
            .into_iter()
            .take(MAX_PROFILES)
            .filter(|p| !p.name.trim().is_empty())
            .map(|mut p| {
                p.id = format!("saved:{}", p.name);
                p.source = NatsProfileSource::Saved;
                p.selected = false;
                // Anything but the marker in the file was not written by us: never trust it.
                for (_, slot) in secret_slots(&mut p.auth) {
                    if slot.0 != STORED {
                        *slot = Secret::default();
                    }
                }
                p
            })
            .collect();
        profiles.sort_by(|a, b| a.name.cmp(&b.name));
        profiles.dedup_by(|a, b| a.name == b.name);
        let (saved, _) = watch::channel(Arc::new(profiles));
        Self {
            path,
            keeper,
            saved,
            problem,
        }
    }

    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when secrets outlive the process.
    pub fn secrets_persist(&self) -> bool {
        self.keeper.persistent()
    }

    pub fn list(&self) -> Arc<Vec<NatsProfile>> {
        Arc::clone(&self.saved.borrow())
    }

    /// A saved profile with its secrets filled in from the keeper, ready to connect.
    /// `Ok(None)`: no such profile. A locked vault or a missing secret is an error.
    pub fn get(&self, id: &str) -> Result<Option<NatsProfile>> {
        let Some(mut p) = self.saved.borrow().iter().find(|p| p.id == id).cloned() else {
            return Ok(None);
        };
        let name = p.name.clone();
        for (field, slot) in secret_slots(&mut p.auth) {
            if slot.0 == STORED {
                let value = self.keeper.get(&secret_key(&name, field))?;
                *slot = Secret(value.ok_or_else(|| {
                    NatsError::InvalidProfile(format!(
                        "the {field} of {name:?} is not stored any more: edit the profile to enter it"
                    ))
                })?);
            }
        }
        Ok(Some(p))
    }

    /// Saved profiles; `changed()` wakes after every save or delete.
    pub fn subscribe(&self) -> watch::Receiver<Arc<Vec<NatsProfile>>> {
        self.saved.subscribe()
    }

    /// Adds or replaces (renames included) a profile from the form. Bad input is an
    /// `InvalidProfile` error naming each field.
    pub fn save(&self, input: &NatsProfileInput) -> Result<NatsProfile> {
        let current = self.list();
        let original = input.original_id.as_deref();
        let existing = original.and_then(|id| current.iter().find(|p| p.id == id));
        if original.is_some() && existing.is_none() {
            return Err(NatsError::NotFound(format!("saved profile {original:?}")));
        }
        let profile = profile_from_input(input, existing, |name| {
            current
                .iter()
                .any(|p| p.name == name && Some(p.id.as_str()) != original)
        })
        .map_err(|bad| NatsError::InvalidProfile(problems_message(&bad)))?;
        // Secrets first: if the keeper refuses (a locked vault) nothing changes.
        let mut profile = profile;
        let old_name = existing.map(|p| p.name.clone());
        for (field, slot) in secret_slots(&mut profile.auth) {
            let key = secret_key(&profile.name, field);
            if slot.0 == STORED {
                // Kept from the edited profile: move it if the profile was renamed.
                if let Some(old) = old_name.as_deref().filter(|o| *o != profile.name) {
                    let value = self
                        .keeper
                        .get(&secret_key(old, field))?
                        .unwrap_or_default();
                    self.keeper.set(&key, &value)?;
                }
            } else if !slot.0.is_empty() {
                self.keeper.set(&key, &slot.0)?;
                *slot = Secret(STORED.into());
            }
        }
        let mut next: Vec<NatsProfile> = current
            .iter()
            .filter(|p| Some(p.id.as_str()) != original && p.id != profile.id)
            .cloned()
            .collect();
        next.push(profile.clone());
        next.sort_by(|a, b| a.name.cmp(&b.name));
        self.write(&next)?;
        if let Some(old) = existing {
            self.forget_unused_secrets(old, &profile);
        }
        self.saved.send_replace(Arc::new(next));
        Ok(profile)
    }

    pub fn delete(&self, id: &str) -> Result<()> {
        let current = self.list();
        let Some(old) = current.iter().find(|p| p.id == id) else {
            return Err(NatsError::NotFound(format!("saved profile {id:?}")));
        };
        let next: Vec<NatsProfile> = current.iter().filter(|p| p.id != id).cloned().collect();
        self.write(&next)?;
        let mut none = old.clone();
        none.auth = NatsAuth::None;
        self.forget_unused_secrets(old, &none);
        self.saved.send_replace(Arc::new(next));
        Ok(())
    }

    /// Removes the secrets `old` had that `new` does not use (best effort: a locked vault
    /// leaves them, unreachable, until it is cleaned up by hand).
    fn forget_unused_secrets(&self, old: &NatsProfile, new: &NatsProfile) {
        let mut kept = new.auth.clone();
        let kept: Vec<String> = secret_slots(&mut kept)
            .into_iter()
            .map(|(f, _)| secret_key(&new.name, f))
            .collect();
        let mut auth = old.auth.clone();
        for (field, _) in secret_slots(&mut auth) {
            let key = secret_key(&old.name, field);
            if !kept.contains(&key) {
                let _ = self.keeper.remove(&key);
            }
        }
    }

    /// Writes the file without secrets, atomically (temp file, then rename).
    fn write(&self, profiles: &[NatsProfile]) -> Result<()> {
        let bare: Vec<NatsProfile> = profiles
            .iter()
            .cloned()
            .map(|mut p| {
                for (_, slot) in secret_slots(&mut p.auth) {
                    if slot.0 != STORED {
                        *slot = Secret::default();
                    }
                }
                p
            })
            .collect();
        let text = serde_json::to_vec_pretty(&StoreFile {
            version: 1,
            profiles: bare,
        })
        .map_err(|e| NatsError::Other(e.to_string()))?;
        let fail = |e: std::io::Error| NatsError::BadFile {
            what: "the saved profiles file",
            path: self.path.display().to_string(),
            reason: e.to_string(),
        };
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let tmp = self.path.with_extension("json.tmp");
        std::fs::write(&tmp, text).map_err(fail)?;
        std::fs::rename(&tmp, &self.path).map_err(fail)
    }
}

/// Feeds the saved profiles, then the NATS CLI contexts, as one masked list into a flow
/// (`Policy::LatestPerKey`): now, then after every change of either.
pub fn feed_profiles(
    mut saved: watch::Receiver<Arc<Vec<NatsProfile>>>,
    mut contexts: watch::Receiver<Arc<Vec<NatsProfile>>>,
    producer: sluice_flow::Producer<crate::ProfilesEvent>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let a = Arc::clone(&saved.borrow_and_update());
            let b = Arc::clone(&contexts.borrow_and_update());
            let views = a.iter().chain(b.iter()).map(NatsProfile::view).collect();
            producer.push(crate::ProfilesEvent::new(views));
            tokio::select! {
                changed = saved.changed() => if changed.is_err() { break },
                changed = contexts.changed() => if changed.is_err() { break },
                () = producer.closed() => break,
            }
        }
    })
}
