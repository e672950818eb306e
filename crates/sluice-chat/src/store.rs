//! Conversations kept on disk, one JSON file each, in a folder the caller picks (the app's
//! data dir). Writes go to a temporary file renamed into place, so a crash never leaves a
//! half-written conversation; a corrupt file is reported and the others still load.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use sluice_wire::{ChatSettings, Conversation, ConversationSummary};

use crate::ChatError;

/// Chat settings live beside the conversations; the dot keeps the name out of the id
/// alphabet, so `list` never takes it for a conversation.
const SETTINGS_FILE: &str = "settings.chat.json";

/// The conversations in a folder.
#[derive(Debug, Clone)]
pub struct ConversationStore {
    dir: PathBuf,
}

/// What `list` found: readable conversations (newest first) and files it could not read.
#[derive(Debug, Default)]
pub struct Listing {
    pub conversations: Vec<ConversationSummary>,
    pub unreadable: Vec<ChatError>,
}

impl ConversationStore {
    /// Opens (and creates) the folder.
    pub async fn open(dir: impl Into<PathBuf>) -> Result<Self, ChatError> {
        let dir = dir.into();
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|e| io(&dir, e))?;
        Ok(Self { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A fresh id: time-ordered, with randomness against collisions.
    pub fn new_id() -> String {
        format!("{:012x}-{:08x}", now_ms(), fastrand::u32(..))
    }

    pub async fn save(&self, conversation: &Conversation) -> Result<(), ChatError> {
        let path = self.path(&conversation.id)?;
        let json = serde_json::to_vec_pretty(conversation).map_err(|e| ChatError::Corrupt {
            file: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let tmp = path.with_extension("json.tmp");
        tokio::fs::write(&tmp, &json)
            .await
            .map_err(|e| io(&tmp, e))?;
        tokio::fs::rename(&tmp, &path)
            .await
            .map_err(|e| io(&path, e))
    }

    pub async fn load(&self, id: &str) -> Result<Conversation, ChatError> {
        let path = self.path(id)?;
        let bytes = match tokio::fs::read(&path).await {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ChatError::NotFound(id.to_owned()))
            }
            Err(e) => return Err(io(&path, e)),
        };
        serde_json::from_slice(&bytes).map_err(|e| ChatError::Corrupt {
            file: path.display().to_string(),
            reason: e.to_string(),
        })
    }

    pub async fn delete(&self, id: &str) -> Result<(), ChatError> {
        let path = self.path(id)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(ChatError::NotFound(id.to_owned()))
            }
            Err(e) => Err(io(&path, e)),
        }
    }

    pub async fn list(&self) -> Result<Listing, ChatError> {
        let mut listing = Listing::default();
        let mut dir = tokio::fs::read_dir(&self.dir)
            .await
            .map_err(|e| io(&self.dir, e))?;
        while let Some(entry) = dir.next_entry().await.map_err(|e| io(&self.dir, e))? {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".json") else {
                continue;
            };
            if valid_id(id).is_err() {
                continue;
            }
            match self.load(id).await {
                Ok(c) => listing.conversations.push(ConversationSummary {
                    id: c.id,
                    title: c.title,
                    messages: u32::try_from(c.messages.len()).unwrap_or(u32::MAX),
                    updated_at_ms: c.updated_at_ms,
                }),
                Err(e) => listing.unreadable.push(e),
            }
        }
        listing
            .conversations
            .sort_by(|a, b| b.updated_at_ms.cmp(&a.updated_at_ms).then(a.id.cmp(&b.id)));
        Ok(listing)
    }

    /// The saved chat settings (provider, model, base URL), if any. No API key is in them.
    pub async fn load_settings(&self) -> Result<Option<ChatSettings>, ChatError> {
        let path = self.dir.join(SETTINGS_FILE);
        match tokio::fs::read(&path).await {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| ChatError::Corrupt {
                    file: path.display().to_string(),
                    reason: e.to_string(),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(&path, e)),
        }
    }

    pub async fn save_settings(&self, settings: &ChatSettings) -> Result<(), ChatError> {
        let path = self.dir.join(SETTINGS_FILE);
        let json = serde_json::to_vec_pretty(settings).map_err(|e| ChatError::Corrupt {
            file: path.display().to_string(),
            reason: e.to_string(),
        })?;
        let tmp = path.with_extension("json.tmp");
        tokio::fs::write(&tmp, &json)
            .await
            .map_err(|e| io(&tmp, e))?;
        tokio::fs::rename(&tmp, &path)
            .await
            .map_err(|e| io(&path, e))
    }

    fn path(&self, id: &str) -> Result<PathBuf, ChatError> {
        valid_id(id)?;
        Ok(self.dir.join(format!("{id}.json")))
    }
}

/// Ids name files: only a safe alphabet, so no id can point outside the folder.
fn valid_id(id: &str) -> Result<(), ChatError> {
    let ok = (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ChatError::InvalidId(id.to_owned()))
    }
}

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn io(path: &Path, source: std::io::Error) -> ChatError {
    ChatError::Io {
        path: path.display().to_string(),
        source,
    }
}
