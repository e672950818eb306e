//! Everything that can stop an SSE stream, each with the stable IPC code the UI branches on.

use sluice_wire::{ErrorCode, IpcError};

/// Why an SSE connection or stream failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SseError {
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("invalid header {name:?}: {reason}")]
    InvalidHeader { name: String, reason: String },
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
    #[error("cannot connect to {url}: {source}")]
    Connect {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("{url} answered HTTP {status}{}", body_suffix(.body))]
    Status {
        url: String,
        status: u16,
        /// The start of the response body, for the error message.
        body: String,
    },
    #[error("{url} answered 204 No Content: the server asks clients not to reconnect")]
    NoContent { url: String },
    #[error("{url} sent content type {found:?} instead of text/event-stream")]
    ContentType { url: String, found: String },
    #[error("an event from {url} passed the {limit}-byte size cap; the stream was stopped")]
    EventTooLarge { url: String, limit: usize },
    #[error("no bytes from {url} for {timeout_ms} ms (idle timeout)")]
    IdleTimeout { url: String, timeout_ms: u64 },
    #[error("connection to {url} lost: {source}")]
    Read {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("{url} closed the stream")]
    Ended { url: String },
    #[error("gave up after {attempts} failed attempts in a row; last: {last}")]
    RetriesExhausted { attempts: u32, last: Box<SseError> },
}

fn body_suffix(body: &str) -> String {
    if body.is_empty() {
        String::new()
    } else {
        format!(": {body}")
    }
}

impl SseError {
    /// The stable code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidUrl { .. }
            | Self::InvalidHeader { .. }
            | Self::ContentType { .. }
            | Self::EventTooLarge { .. } => ErrorCode::InvalidInput,
            Self::Status { status, .. } => match status {
                401 | 403 => ErrorCode::Unauthorized,
                404 | 410 => ErrorCode::NotFound,
                408 | 429 => ErrorCode::Unavailable,
                400..=499 => ErrorCode::InvalidInput,
                _ => ErrorCode::Unavailable,
            },
            Self::NoContent { .. } | Self::Ended { .. } => ErrorCode::Closed,
            Self::Connect { .. }
            | Self::IdleTimeout { .. }
            | Self::Read { .. }
            | Self::RetriesExhausted { .. } => ErrorCode::Unavailable,
            Self::Client(_) => ErrorCode::Internal,
        }
    }

    /// True when reconnecting can help: network trouble, not an answer that will repeat.
    /// `retry_http_errors` extends it to 5xx, 408 and 429.
    pub fn is_transient(&self, retry_http_errors: bool) -> bool {
        match self {
            Self::Connect { .. } | Self::IdleTimeout { .. } | Self::Read { .. } => true,
            Self::Ended { .. } => true,
            Self::Status { status, .. } => {
                retry_http_errors && (*status >= 500 || *status == 408 || *status == 429)
            }
            _ => false,
        }
    }

    pub fn to_ipc(&self) -> IpcError {
        IpcError::new(self.code(), self.to_string())
    }
}

impl From<SseError> for IpcError {
    fn from(err: SseError) -> Self {
        err.to_ipc()
    }
}
