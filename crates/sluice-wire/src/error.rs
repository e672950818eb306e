use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Stable error codes the UI branches on. Never rename a variant: add new ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The caller sent something malformed; fixing the input fixes the call.
    InvalidInput,
    /// The subscription, connection or object named does not exist (any more).
    NotFound,
    /// The target was closed while the call was in flight.
    Closed,
    /// A dependency (server, process, file) is not reachable right now; retrying may help.
    Unavailable,
    /// A bug or an unexpected condition inside Sluice.
    Internal,
    /// The server refused the credentials (wrong password, revoked or expired JWT).
    Unauthorized,
}

/// The one error shape that crosses IPC: a code to branch on plus a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}
