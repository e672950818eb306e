//! Tokens in a [`SecretStore`] under `oauth/<provider>/access|refresh|id`, with the
//! non-secret expiry data under `oauth/<provider>/meta`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sluice_vault::{Secret, SecretStore, VaultError};

use crate::{AuthError, TokenSet, TokenStore};

pub struct VaultTokenStore {
    store: Arc<dyn SecretStore>,
    prefix: String,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    expires_at_ms: Option<u64>,
    obtained_at_ms: u64,
    scope: Option<String>,
}

impl VaultTokenStore {
    /// `provider` becomes part of the secret names (`[A-Za-z0-9._-]`, e.g. `default`).
    pub fn new(store: Arc<dyn SecretStore>, provider: &str) -> Self {
        Self {
            store,
            prefix: format!("oauth/{provider}"),
        }
    }

    fn name(&self, part: &str) -> String {
        format!("{}/{part}", self.prefix)
    }

    fn get(&self, part: &str) -> Result<Option<String>, AuthError> {
        Ok(self
            .store
            .get(&self.name(part))
            .map_err(err)?
            .map(|s| s.expose().to_owned()))
    }

    fn put(&self, part: &str, value: Option<&str>) -> Result<(), AuthError> {
        match value {
            Some(v) => self
                .store
                .put(&self.name(part), Secret::from(v))
                .map_err(err),
            None => self.store.delete(&self.name(part)).map(|_| ()).map_err(err),
        }
    }
}

fn err(e: VaultError) -> AuthError {
    AuthError::Store(e.to_string())
}

impl TokenStore for VaultTokenStore {
    fn load(&self) -> Result<Option<TokenSet>, AuthError> {
        let Some(access_token) = self.get("access")? else {
            return Ok(None);
        };
        let meta: Meta = match self.get("meta")? {
            Some(m) => serde_json::from_str(&m).map_err(|e| AuthError::Store(e.to_string()))?,
            None => return Ok(None),
        };
        Ok(Some(TokenSet {
            access_token,
            refresh_token: self.get("refresh")?,
            id_token: self.get("id")?,
            token_type: "Bearer".into(),
            expires_at_ms: meta.expires_at_ms,
            obtained_at_ms: meta.obtained_at_ms,
            scope: meta.scope,
        }))
    }

    fn save(&self, t: &TokenSet) -> Result<(), AuthError> {
        let meta = serde_json::to_string(&Meta {
            expires_at_ms: t.expires_at_ms,
            obtained_at_ms: t.obtained_at_ms,
            scope: t.scope.clone(),
        })
        .map_err(|e| AuthError::Store(e.to_string()))?;
        self.put("access", Some(&t.access_token))?;
        self.put("refresh", t.refresh_token.as_deref())?;
        self.put("id", t.id_token.as_deref())?;
        self.put("meta", Some(&meta))
    }

    fn clear(&self) -> Result<(), AuthError> {
        for part in ["access", "refresh", "id", "meta"] {
            self.put(part, None)?;
        }
        Ok(())
    }
}
