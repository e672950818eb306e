//! What the chat commands share: where conversations live, the API key, and the cancel
//! token of each answer in flight.
//!
//! The API key is kept in this process's memory and in `api-key` (mode 0600) in the app
//! data dir, and is NEVER sent to the webview: the UI only learns `hasApiKey`. There is
//! no vault yet; the vault issue moves the key there.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use sluice_chat::{CancellationToken, ConversationStore};
use sluice_wire::{ChatSettings, ErrorCode, IpcError};

use crate::sub_map::SubMap;

const KEY_FILE: &str = "api-key";

#[derive(Default)]
pub struct ChatCore {
    dir: OnceLock<PathBuf>,
    /// `None` until first read from disk; then `Some(None)` when no key is set.
    key: Mutex<Option<Option<String>>>,
    /// Answers in flight, for `chat_stop`.
    pub running: Arc<SubMap<CancellationToken>>,
}

impl ChatCore {
    /// Called once at start-up with `<app data dir>/chats`.
    pub fn set_dir(&self, dir: PathBuf) {
        let _ = self.dir.set(dir);
    }

    fn dir(&self) -> Result<&Path, IpcError> {
        self.dir.get().map(PathBuf::as_path).ok_or_else(|| {
            IpcError::new(ErrorCode::Unavailable, "the app data folder is not known")
        })
    }

    pub async fn store(&self) -> Result<ConversationStore, IpcError> {
        Ok(ConversationStore::open(self.dir()?).await?)
    }

    /// The saved settings, or defaults for a local Ollama; `hasApiKey` from the key itself.
    pub async fn settings(&self) -> Result<ChatSettings, IpcError> {
        let saved = self.store().await?.load_settings().await?;
        let mut settings = saved.unwrap_or_else(|| ChatSettings {
            provider: "ollama".into(),
            base_url: "http://127.0.0.1:11434/v1".into(),
            model: String::new(),
            temperature: None,
            has_api_key: false,
        });
        settings.has_api_key = self.api_key().await?.is_some();
        Ok(settings)
    }

    pub async fn api_key(&self) -> Result<Option<String>, IpcError> {
        if let Some(cached) = self
            .key
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
        {
            return Ok(cached);
        }
        let path = self.dir()?.join(KEY_FILE);
        let key = match tokio::fs::read_to_string(&path).await {
            Ok(k) => Some(k.trim().to_owned()).filter(|k| !k.is_empty()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io_error(&path, &e)),
        };
        *self.key.lock().unwrap_or_else(PoisonError::into_inner) = Some(key.clone());
        Ok(key)
    }

    /// `Some("")` clears the key, `Some(k)` replaces it.
    pub async fn set_api_key(&self, key: &str) -> Result<(), IpcError> {
        let dir = self.dir()?;
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| io_error(dir, &e))?;
        let path = dir.join(KEY_FILE);
        let key = key.trim();
        if key.is_empty() {
            match tokio::fs::remove_file(&path).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(&path, &e)),
            }
        } else {
            write_private(&path, key).map_err(|e| io_error(&path, &e))?;
        }
        *self.key.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(Some(key.to_owned()).filter(|k| !k.is_empty()));
        Ok(())
    }
}

/// Writes the key readable by this user only (created 0600, never world-readable even
/// for a moment).
fn write_private(path: &Path, key: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(key.as_bytes())
    }
    #[cfg(not(unix))]
    {
        options.open(path)?.write_all(key.as_bytes())
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
    use super::ChatCore;

    #[tokio::test]
    async fn the_key_is_kept_private_and_only_reported_as_set() {
        let dir = std::env::temp_dir().join(format!("sluice-chat-key-{}", std::process::id()));
        let core = ChatCore::default();
        core.set_dir(dir.clone());
        assert!(!core.settings().await.expect("defaults").has_api_key);
        core.set_api_key("sk-123").await.expect("set");
        assert!(core.settings().await.expect("settings").has_api_key);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("api-key"))
                .expect("key file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A fresh process reads it back from the file.
        let again = ChatCore::default();
        again.set_dir(dir.clone());
        assert_eq!(
            again.api_key().await.expect("key"),
            Some("sk-123".to_owned())
        );
        again.set_api_key("").await.expect("clear");
        assert!(!dir.join("api-key").exists());
        assert_eq!(again.api_key().await.expect("key"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
