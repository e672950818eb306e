//! The OS keychain as a [`SecretStore`]: macOS Keychain, Windows Credential Manager,
//! Secret Service (GNOME Keyring, KWallet) on Linux, through the `keyring` crate.
//!
//! Keychains cannot list what one app stored, so the names are kept in one more entry,
//! `<service>` / `.index` (names only, newline-separated; names cannot contain newlines).

use std::sync::{Mutex, PoisonError};

use crate::secret::{check_name, check_value};
use crate::{Secret, SecretEntry, SecretStore, VaultError};

const INDEX: &str = ".index";

pub struct KeychainStore {
    service: String,
    /// Serialises index updates within this process.
    index_lock: Mutex<()>,
}

impl KeychainStore {
    /// Entries are stored under `service` (the app's identifier, e.g. `dev.sluice.app`)
    /// with the secret's name as the account.
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
            index_lock: Mutex::new(()),
        }
    }

    /// Whether a keychain answers at all (Linux: a Secret Service on the session bus).
    pub fn probe(&self) -> Result<(), VaultError> {
        self.read(INDEX).map(|_| ())
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, VaultError> {
        keyring::Entry::new(&self.service, account).map_err(keychain_error)
    }

    fn read(&self, account: &str) -> Result<Option<Secret>, VaultError> {
        match self.entry(account)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn names(&self) -> Result<Vec<String>, VaultError> {
        let index = self.read(INDEX)?;
        Ok(index
            .map(|i| {
                i.expose()
                    .lines()
                    .filter(|n| check_name(n).is_ok())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default())
    }

    fn update_index(&self, change: impl FnOnce(&mut Vec<String>)) -> Result<(), VaultError> {
        let _guard = self
            .index_lock
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut names = self.names()?;
        change(&mut names);
        names.sort();
        names.dedup();
        let entry = self.entry(INDEX)?;
        let written = if names.is_empty() {
            match entry.delete_credential() {
                Err(keyring::Error::NoEntry) => Ok(()),
                other => other,
            }
        } else {
            entry.set_password(&names.join("\n"))
        };
        written.map_err(keychain_error)
    }
}

impl SecretStore for KeychainStore {
    fn put(&self, name: &str, value: Secret) -> Result<(), VaultError> {
        check_name(name)?;
        check_value(&value)?;
        self.entry(name)?
            .set_password(value.expose())
            .map_err(keychain_error)?;
        self.update_index(|names| names.push(name.to_owned()))
    }

    fn get(&self, name: &str) -> Result<Option<Secret>, VaultError> {
        check_name(name)?;
        self.read(name)
    }

    fn delete(&self, name: &str) -> Result<bool, VaultError> {
        check_name(name)?;
        let removed = match self.entry(name)?.delete_credential() {
            Ok(()) => true,
            Err(keyring::Error::NoEntry) => false,
            Err(e) => return Err(keychain_error(e)),
        };
        self.update_index(|names| names.retain(|n| n != name))?;
        Ok(removed)
    }

    fn list(&self) -> Result<Vec<SecretEntry>, VaultError> {
        let mut out = Vec::new();
        for name in self.names()? {
            // An entry removed behind our back (e.g. in Seahorse) is skipped.
            if let Some(value) = self.read(&name)? {
                out.push(SecretEntry {
                    masked: value.masked(),
                    name,
                });
            }
        }
        Ok(out)
    }
}

/// Keyring errors can carry the platform's message but never the secret itself.
fn keychain_error(e: keyring::Error) -> VaultError {
    VaultError::Keychain(e.to_string())
}
