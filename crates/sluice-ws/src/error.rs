//! Everything that can stop a WebSocket stream or refuse a send, with its stable IPC code.

use sluice_wire::{ErrorCode, IpcError};
use tokio_tungstenite::tungstenite;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WsError {
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader { name: String, reason: String },
    #[error("{url} refused the WebSocket upgrade with HTTP {status}")]
    Rejected { url: String, status: u16 },
    #[error("cannot connect to {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: tungstenite::Error,
    },
    #[error("no connection to {url} within {timeout_ms} ms")]
    ConnectTimeout { url: String, timeout_ms: u64 },
    #[error("the peer sent a {size}-byte message or frame, over the {limit}-byte limit; the stream was stopped")]
    TooLarge { size: usize, limit: usize },
    #[error("no pong within {timeout_ms} ms: the peer is silent")]
    PongTimeout { timeout_ms: u64 },
    #[error("the peer closed the connection (code {code}): {reason}")]
    Closed { code: u16, reason: String },
    #[error("the connection to {url} broke: {source}")]
    Broken {
        url: String,
        #[source]
        source: tungstenite::Error,
    },
    #[error("the peer dropped the connection without a close frame")]
    Dropped,
    #[error("gave up after {attempts} failed attempts in a row; last: {last}")]
    RetriesExhausted { attempts: u32, last: Box<WsError> },
    #[error("the send queue is full; the message was not sent")]
    SendQueueFull,
    #[error("the stream is closed; the message was not sent")]
    StreamClosed,
    #[error("binary payload is not valid base64: {0}")]
    InvalidBase64(String),
}

impl WsError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidUrl { .. }
            | Self::InvalidHeader { .. }
            | Self::TooLarge { .. }
            | Self::InvalidBase64(_) => ErrorCode::InvalidInput,
            Self::Rejected { status, .. } => match status {
                401 | 403 => ErrorCode::Unauthorized,
                404 | 410 => ErrorCode::NotFound,
                408 | 429 => ErrorCode::Unavailable,
                400..=499 => ErrorCode::InvalidInput,
                _ => ErrorCode::Unavailable,
            },
            Self::Closed { .. } | Self::StreamClosed => ErrorCode::Closed,
            Self::Connect { .. }
            | Self::ConnectTimeout { .. }
            | Self::PongTimeout { .. }
            | Self::Broken { .. }
            | Self::Dropped
            | Self::RetriesExhausted { .. }
            | Self::SendQueueFull => ErrorCode::Unavailable,
        }
    }

    /// True when reconnecting can help.
    pub fn is_transient(&self, retry_http_errors: bool) -> bool {
        match self {
            Self::Connect { .. }
            | Self::ConnectTimeout { .. }
            | Self::PongTimeout { .. }
            | Self::Closed { .. }
            | Self::Broken { .. }
            | Self::Dropped => true,
            Self::Rejected { status, .. } => {
                retry_http_errors && (*status >= 500 || *status == 408 || *status == 429)
            }
            _ => false,
        }
    }

    pub fn to_ipc(&self) -> IpcError {
        IpcError::new(self.code(), self.to_string())
    }

    /// Sorts a tungstenite error from an open connection.
    pub(crate) fn from_stream(url: &str, err: tungstenite::Error) -> Self {
        use tungstenite::error::CapacityError;
        match err {
            tungstenite::Error::Capacity(CapacityError::MessageTooLong { size, max_size }) => {
                Self::TooLarge {
                    size,
                    limit: max_size,
                }
            }
            tungstenite::Error::Protocol(
                tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
            ) => Self::Dropped,
            source => Self::Broken {
                url: url.to_owned(),
                source,
            },
        }
    }
}

impl From<WsError> for IpcError {
    fn from(err: WsError) -> Self {
        err.to_ipc()
    }
}
