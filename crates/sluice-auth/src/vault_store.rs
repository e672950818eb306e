//! Tokens in a [`SecretStore`] under `oauth/<provider>/access|refresh|id`, with the expiry
//! and the granting provider under `oauth/<provider>/meta` (a secret too: the vault
//! encrypts names and values alike).
//!
//! While the store is locked a save or clear is held in memory (never written anywhere
//! else) and [`TokenStore::flush`] writes it once the store is unlocked.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::{Deserialize, Serialize};
use sluice_vault::{Secret, SecretStore, VaultError};

use crate::{AuthError, TokenSet, TokenStore};

const PARTS: [&str; 4] = ["access", "refresh", "id", "meta"];

pub struct VaultTokenStore {
    store: Arc<dyn SecretStore>,
    prefix: String,
    held: Mutex<Option<Held>>,
}

/// A change made while the store was locked.
#[derive(Clone, PartialEq)]
enum Held {
    /// The tokens and their `Meta` as JSON.
    Save(TokenSet, String),
    Clear,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    expires_at_ms: Option<u64>,
    obtained_at_ms: u64,
    scope: Option<String>,
    #[serde(default)]
    granted_by: Option<String>,
}

impl VaultTokenStore {
    /// `provider` becomes part of the secret names (`[A-Za-z0-9._-]`, e.g. `default`).
    pub fn new(store: Arc<dyn SecretStore>, provider: &str) -> Self {
        Self {
            store,
            prefix: format!("oauth/{provider}"),
            held: Mutex::new(None),
        }
    }

    /// True while a change waits for the store to be unlocked.
    pub fn has_held_change(&self) -> bool {
        self.held().is_some()
    }

    fn held(&self) -> MutexGuard<'_, Option<Held>> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn name(&self, part: &str) -> String {
        format!("{}/{part}", self.prefix)
    }

    fn get(&self, part: &str) -> Result<Option<String>, VaultError> {
        Ok(self
            .store
            .get(&self.name(part))?
            .map(|s| s.expose().to_owned()))
    }

    fn put(&self, part: &str, value: Option<&str>) -> Result<(), VaultError> {
        match value {
            Some(v) => self.store.put(&self.name(part), Secret::from(v)),
            None => self.store.delete(&self.name(part)).map(|_| ()),
        }
    }

    fn read(&self) -> Result<Option<TokenSet>, AuthError> {
        let Some(access_token) = self.get("access").map_err(err)? else {
            return Ok(None);
        };
        let meta: Meta = match self.get("meta").map_err(err)? {
            Some(m) => serde_json::from_str(&m).map_err(|e| AuthError::Store(e.to_string()))?,
            None => return Ok(None),
        };
        Ok(Some(TokenSet {
            access_token,
            refresh_token: self.get("refresh").map_err(err)?,
            id_token: self.get("id").map_err(err)?,
            token_type: "Bearer".into(),
            expires_at_ms: meta.expires_at_ms,
            obtained_at_ms: meta.obtained_at_ms,
            scope: meta.scope,
            granted_by: meta.granted_by,
        }))
    }

    fn write(&self, change: &Held) -> Result<(), VaultError> {
        let Held::Save(t, meta) = change else {
            return PARTS.iter().try_for_each(|part| self.put(part, None));
        };
        self.put("access", Some(&t.access_token))?;
        self.put("refresh", t.refresh_token.as_deref())?;
        self.put("id", t.id_token.as_deref())?;
        self.put("meta", Some(meta))
    }

    /// Writes `change`, or holds it when the store is locked.
    fn apply(&self, change: Held) -> Result<(), AuthError> {
        match self.write(&change) {
            Ok(()) => {
                *self.held() = None;
                Ok(())
            }
            Err(VaultError::Locked) => {
                *self.held() = Some(change);
                Ok(())
            }
            Err(e) => Err(err(e)),
        }
    }
}

fn err(e: VaultError) -> AuthError {
    AuthError::Store(e.to_string())
}

impl TokenStore for VaultTokenStore {
    /// A held change is newer than what the store has, so it wins.
    fn load(&self) -> Result<Option<TokenSet>, AuthError> {
        match self.held().clone() {
            Some(Held::Save(t, _)) => Ok(Some(t)),
            Some(Held::Clear) => Ok(None),
            None => self.read(),
        }
    }

    fn save(&self, t: &TokenSet) -> Result<(), AuthError> {
        let meta = serde_json::to_string(&Meta {
            expires_at_ms: t.expires_at_ms,
            obtained_at_ms: t.obtained_at_ms,
            scope: t.scope.clone(),
            granted_by: t.granted_by.clone(),
        })
        .map_err(|e| AuthError::Store(e.to_string()))?;
        self.apply(Held::Save(t.clone(), meta))
    }

    fn clear(&self) -> Result<(), AuthError> {
        self.apply(Held::Clear)
    }

    fn flush(&self) -> Result<bool, AuthError> {
        let Some(change) = self.held().clone() else {
            return Ok(false);
        };
        match self.write(&change) {
            Ok(()) => {
                // Only if no newer change arrived meanwhile.
                let mut held = self.held();
                if held.as_ref() == Some(&change) {
                    *held = None;
                }
                Ok(true)
            }
            Err(VaultError::Locked) => Ok(false),
            Err(e) => Err(err(e)),
        }
    }
}
