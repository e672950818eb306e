use std::path::PathBuf;

use sluice_wire::{ErrorCode, IpcError};

/// Everything opening a watch can fail with. Each variant maps to one stable IPC code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WatchError {
    #[error("cannot open {path}: {source}")]
    Root {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} is not a folder")]
    NotADir(PathBuf),
    #[error("cannot watch files: {0}")]
    Watcher(#[from] notify::Error),
    #[error("cannot start the watch thread: {0}")]
    Thread(#[source] std::io::Error),
}

impl WatchError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Root { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                ErrorCode::NotFound
            }
            Self::Root { .. } | Self::NotADir(_) => ErrorCode::InvalidInput,
            Self::Watcher(_) => ErrorCode::Unavailable,
            Self::Thread(_) => ErrorCode::Internal,
        }
    }
}

impl From<WatchError> for IpcError {
    fn from(err: WatchError) -> Self {
        IpcError::new(err.code(), err.to_string())
    }
}
