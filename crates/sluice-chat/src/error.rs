//! Everything that can go wrong with a chat request or the conversation store.

use sluice_sse::SseError;
use sluice_wire::{ErrorCode, IpcError};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ChatError {
    #[error("invalid chat settings: {0}")]
    InvalidSettings(String),
    /// The request failed before or while streaming (connect, HTTP status, content type,
    /// idle timeout, size cap).
    #[error(transparent)]
    Transport(#[from] SseError),
    /// The server reported an error inside the stream.
    #[error("the model server reported an error: {message}")]
    Api {
        message: String,
        kind: Option<String>,
    },
    #[error("the server sent a chunk that is not valid JSON ({reason}): {excerpt}")]
    BadChunk { reason: String, excerpt: String },
    #[error("the stream ended before the completion finished")]
    EndedEarly,
    #[error("no conversation {0:?}")]
    NotFound(String),
    #[error("conversation id {0:?} is not valid (1–64 of A–Z a–z 0–9 - _)")]
    InvalidId(String),
    #[error("conversation file {file} is unreadable: {reason}")]
    Corrupt { file: String, reason: String },
    #[error("conversation store at {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl ChatError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidSettings(_) | Self::InvalidId(_) => ErrorCode::InvalidInput,
            Self::Transport(e) => e.code(),
            Self::Api { .. } | Self::BadChunk { .. } | Self::EndedEarly => ErrorCode::Unavailable,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Corrupt { .. } | Self::Io { .. } => ErrorCode::Internal,
        }
    }

    pub fn to_ipc(&self) -> IpcError {
        IpcError::new(self.code(), self.to_string())
    }
}

impl From<ChatError> for IpcError {
    fn from(err: ChatError) -> Self {
        err.to_ipc()
    }
}
