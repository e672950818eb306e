//! Secrets for Sluice: API keys, OAuth tokens, NATS credentials.
//!
//! Everything goes through [`SecretStore`]. Three stores implement it:
//! - [`FileVault`]: one encrypted file (Argon2id + XChaCha20-Poly1305), unlocked with a
//!   password; the default store of the app.
//! - [`KeychainStore`] (feature `keychain`): the OS keychain (macOS Keychain, Windows
//!   Credential Manager, Secret Service on Linux) through the `keyring` crate.
//! - [`MemoryStore`]: process memory only, for sessions that must not persist anything.
//!
//! Values are [`Secret`]s: zeroed when dropped, `Debug`/`Display` print a mask, and only
//! [`Secret::expose`] gives the text. UIs get [`SecretEntry`] (name + masked value).

mod error;
mod file_vault;
mod format;
#[cfg(feature = "keychain")]
mod keychain;
mod memory;
mod secret;

pub use error::VaultError;
pub use file_vault::{FileVault, VaultFileState, VAULT_FILE_NAME};
pub use format::KdfParams;
#[cfg(feature = "keychain")]
pub use keychain::KeychainStore;
pub use memory::MemoryStore;
pub use secret::{check_name, mask, Secret, SecretEntry, MAX_NAME_LEN, MAX_SECRET_LEN};

/// A place that keeps named secrets. Calls may block (file I/O, a key derivation, a
/// D-Bus round trip): async callers use `spawn_blocking`.
pub trait SecretStore: Send + Sync {
    /// Stores `value` under `name`, replacing what was there.
    fn put(&self, name: &str, value: Secret) -> Result<(), VaultError>;
    /// The secret stored under `name`, if any.
    fn get(&self, name: &str) -> Result<Option<Secret>, VaultError>;
    /// Forgets `name`; `true` when something was removed.
    fn delete(&self, name: &str) -> Result<bool, VaultError>;
    /// Every stored name with its masked value, sorted by name.
    fn list(&self) -> Result<Vec<SecretEntry>, VaultError>;
}
