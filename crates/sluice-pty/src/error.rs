use sluice_wire::{ErrorCode, IpcError, PtyId};

/// Everything a terminal call can fail with. Each variant maps to one stable IPC code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PtyError {
    #[error("cannot open a pseudo-terminal: {0}")]
    Open(String),
    #[error("cannot start {command}: {reason}")]
    Spawn { command: String, reason: String },
    #[error("working directory {0} does not exist or is not a folder")]
    BadCwd(String),
    #[error("terminal size must be at least 1 row and 1 column")]
    BadSize,
    #[error("no terminal session {0}")]
    NotFound(PtyId),
    #[error("terminal session {0} has ended")]
    Ended(PtyId),
    #[error("terminal input of session {0} is backed up; try again")]
    InputBusy(PtyId),
    #[error("cannot resize terminal session {id}: {reason}")]
    Resize { id: PtyId, reason: String },
    #[error("cannot signal the child of session {id}: {reason}")]
    Kill { id: PtyId, reason: String },
    #[error("cannot start a terminal thread: {0}")]
    Thread(#[source] std::io::Error),
    #[error("cannot write terminal output: {0}")]
    Output(#[source] std::io::Error),
}

impl PtyError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadCwd(_) | Self::BadSize => ErrorCode::InvalidInput,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Ended(_) => ErrorCode::Closed,
            Self::Open(_) | Self::Spawn { .. } | Self::InputBusy(_) | Self::Output(_) => {
                ErrorCode::Unavailable
            }
            Self::Resize { .. } | Self::Kill { .. } | Self::Thread(_) => ErrorCode::Internal,
        }
    }
}

impl From<PtyError> for IpcError {
    fn from(err: PtyError) -> Self {
        IpcError::new(err.code(), err.to_string())
    }
}
