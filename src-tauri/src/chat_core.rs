//! What the chat commands share: where conversations live, the API key, and the cancel
//! token of each answer in flight.
//!
//! The API key lives in the secrets vault as `chat/api-key` and is NEVER sent to the
//! webview: the UI only learns `hasApiKey`. A key left by older versions in `api-key`
//! (a 0600 file in the chats folder) moves into the vault the first time it is unlocked.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use sluice_chat::{CancellationToken, ConversationStore};
use sluice_vault::Secret;
use sluice_wire::{ChatSettings, ErrorCode, IpcError};

use crate::sub_map::SubMap;
use crate::vault_state::VaultState;

/// The vault entry holding the chat provider's API key.
pub const KEY_NAME: &str = "chat/api-key";
/// Where versions before the vault kept the key.
const LEGACY_KEY_FILE: &str = "api-key";

#[derive(Default)]
pub struct ChatCore {
    dir: OnceLock<PathBuf>,
    vault: OnceLock<VaultState>,
    /// Answers in flight, for `chat_stop`.
    pub running: Arc<SubMap<CancellationToken>>,
}

impl ChatCore {
    /// Called once at start-up with `<app data dir>/chats`.
    pub fn set_dir(&self, dir: PathBuf) {
        let _ = self.dir.set(dir);
    }

    /// Called once at start-up with the app's vault.
    pub fn set_vault(&self, vault: VaultState) {
        let _ = self.vault.set(vault);
    }

    fn vault(&self) -> Result<&VaultState, IpcError> {
        self.vault
            .get()
            .ok_or_else(|| IpcError::new(ErrorCode::Unavailable, "the vault is not set up"))
    }

    fn dir(&self) -> Result<&Path, IpcError> {
        self.dir.get().map(PathBuf::as_path).ok_or_else(|| {
            IpcError::new(ErrorCode::Unavailable, "the app data folder is not known")
        })
    }

    pub async fn store(&self) -> Result<ConversationStore, IpcError> {
        Ok(ConversationStore::open(self.dir()?).await?)
    }

    /// The saved settings, or defaults for a local Ollama; `hasApiKey` from the vault
    /// (while it is locked, from the last saved settings).
    pub async fn settings(&self) -> Result<ChatSettings, IpcError> {
        let saved = self.store().await?.load_settings().await?;
        let mut settings = saved.unwrap_or_else(|| ChatSettings {
            provider: "ollama".into(),
            base_url: "http://127.0.0.1:11434/v1".into(),
            model: String::new(),
            temperature: None,
            has_api_key: false,
        });
        if self.vault()?.is_unlocked() {
            settings.has_api_key = self.api_key().await?.is_some();
        }
        Ok(settings)
    }

    /// Whether a key is set; while the vault is locked, as last saved.
    pub async fn has_api_key(&self) -> Result<bool, IpcError> {
        if !self.vault()?.is_unlocked() {
            let saved = self.store().await?.load_settings().await?;
            return Ok(saved.is_some_and(|s| s.has_api_key));
        }
        Ok(self.api_key().await?.is_some())
    }

    /// The key for a request. A locked vault is an error only when a key was saved.
    pub async fn api_key(&self) -> Result<Option<String>, IpcError> {
        let vault = self.vault()?;
        if !vault.is_unlocked() {
            let saved = self.store().await?.load_settings().await?;
            if saved.is_some_and(|s| s.has_api_key) {
                return Err(IpcError::new(
                    ErrorCode::Unavailable,
                    "the chat API key is in the vault, which is locked: unlock it in \
                     Settings → Secrets",
                ));
            }
            return Ok(None);
        }
        self.migrate_legacy_key().await?;
        Ok(vault
            .get_async(KEY_NAME)
            .await?
            .map(|k| k.expose().to_owned()))
    }

    /// `""` clears the key, anything else replaces it. Needs an unlocked vault.
    pub async fn set_api_key(&self, key: &str) -> Result<(), IpcError> {
        let vault = self.vault()?;
        let key = key.trim();
        if key.is_empty() {
            vault.delete_async(KEY_NAME).await?;
        } else {
            vault.put_async(KEY_NAME, Secret::new(key)).await?;
        }
        self.remove_legacy_key().await
    }

    /// Moves a key from the pre-vault file into the vault, then deletes the file.
    async fn migrate_legacy_key(&self) -> Result<(), IpcError> {
        let path = self.dir()?.join(LEGACY_KEY_FILE);
        let key = match tokio::fs::read_to_string(&path).await {
            Ok(k) => Secret::new(k.trim()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(io_error(&path, &e)),
        };
        let vault = self.vault()?;
        if !key.is_empty() && vault.get_async(KEY_NAME).await?.is_none() {
            vault.put_async(KEY_NAME, key).await?;
        }
        self.remove_legacy_key().await
    }

    async fn remove_legacy_key(&self) -> Result<(), IpcError> {
        let path = self.dir()?.join(LEGACY_KEY_FILE);
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error(&path, &e)),
        }
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> IpcError {
    IpcError::new(
        ErrorCode::Internal,
        format!("chat key file {}: {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::{ChatCore, KEY_NAME};
    use crate::vault_state::VaultState;
    use sluice_vault::Secret;

    #[tokio::test]
    async fn the_key_lives_in_the_vault_and_an_old_key_file_moves_there() {
        let dir = std::env::temp_dir().join(format!("sluice-chat-vault-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let chats = dir.join("chats");
        std::fs::create_dir_all(&chats).expect("chats dir");
        std::fs::write(chats.join("api-key"), "sk-legacy-key-1234567890\n").expect("legacy");
        let vault = VaultState::default();
        vault.set_path(dir.join("vault.sluice"));
        let core = ChatCore::default();
        core.set_dir(chats.clone());
        core.set_vault(vault.clone());

        // Locked (absent) vault: no key is known; setting one is refused.
        assert!(!core.settings().await.expect("defaults").has_api_key);
        assert!(core.set_api_key("sk-new").await.is_err());

        vault
            .create(Secret::from("a vault password"))
            .await
            .expect("create");
        let key = core.api_key().await.expect("key");
        assert_eq!(key.as_deref(), Some("sk-legacy-key-1234567890"));
        assert!(!chats.join("api-key").exists(), "the old file is gone");
        assert!(core.settings().await.expect("settings").has_api_key);

        core.set_api_key("sk-123-replaced").await.expect("set");
        let stored = vault.get_async(KEY_NAME).await.expect("get").expect("some");
        assert_eq!(stored.expose(), "sk-123-replaced");
        core.set_api_key("").await.expect("clear");
        assert_eq!(core.api_key().await.expect("key"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
