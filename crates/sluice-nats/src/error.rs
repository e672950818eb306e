//! What can go wrong talking to NATS, in words an operator understands, and how each case
//! maps onto the IPC error codes the UI branches on.

use sluice_wire::{ErrorCode, IpcError};

#[derive(Debug, thiserror::Error)]
pub enum NatsError {
    #[error("the profile is not usable: {0}")]
    InvalidProfile(String),

    #[error("cannot use the credentials file {path}: {reason}")]
    BadCredsFile { path: String, reason: String },

    #[error("cannot read {what} {path}: {reason}")]
    BadFile {
        what: &'static str,
        path: String,
        reason: String,
    },

    #[error("{servers} refused the credentials: {detail}")]
    AuthFailed { servers: String, detail: String },

    #[error("cannot reach {servers}: {detail}")]
    Unreachable { servers: String, detail: String },

    #[error("TLS with {servers} failed: {detail}")]
    Tls { servers: String, detail: String },

    #[error("no answer from the server within {0} ms")]
    Timeout(u64),

    #[error("{0} not found")]
    NotFound(String),

    #[error("JetStream is not enabled for this account or server")]
    JetStreamDisabled,

    #[error("JetStream refused the request ({code}): {description}")]
    JetStream { code: u16, description: String },

    #[error("not allowed: {0}")]
    PermissionDenied(String),

    #[error("invalid input: {0}")]
    InvalidInput(String),

    #[error("no responders: nothing is subscribed to that subject to answer the request")]
    NoResponders,

    #[error("the connection is closed")]
    Closed,

    #[error("{0}")]
    Other(String),
}

impl NatsError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidProfile(_)
            | Self::BadCredsFile { .. }
            | Self::BadFile { .. }
            | Self::InvalidInput(_)
            | Self::Tls { .. } => ErrorCode::InvalidInput,
            Self::AuthFailed { .. } | Self::PermissionDenied(_) => ErrorCode::Unauthorized,
            Self::Unreachable { .. }
            | Self::Timeout(_)
            | Self::JetStreamDisabled
            | Self::NoResponders => ErrorCode::Unavailable,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Closed => ErrorCode::Closed,
            Self::JetStream { code, .. } if *code == 404 => ErrorCode::NotFound,
            Self::JetStream { code, .. } if *code == 503 => ErrorCode::Unavailable,
            Self::JetStream { code, .. } if *code == 400 => ErrorCode::InvalidInput,
            Self::JetStream { .. } | Self::Other(_) => ErrorCode::Internal,
        }
    }

    /// Maps an async-nats request error (core request-reply) to a plain-words error.
    pub(crate) fn from_request(err: &async_nats::RequestError, timeout_ms: u64) -> Self {
        use async_nats::RequestErrorKind as K;
        match err.kind() {
            K::TimedOut => Self::Timeout(timeout_ms),
            K::NoResponders => Self::NoResponders,
            K::InvalidSubject => Self::InvalidInput(err.to_string()),
            K::MaxPayloadExceeded => {
                Self::InvalidInput("the payload is larger than the server allows".into())
            }
            K::Other => Self::Other(err.to_string()),
        }
    }
}

impl From<NatsError> for IpcError {
    fn from(err: NatsError) -> Self {
        IpcError::new(err.code(), err.to_string())
    }
}

pub type Result<T, E = NatsError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_and_reachability_map_to_distinct_codes() {
        let auth = NatsError::AuthFailed {
            servers: "nats://127.0.0.1:4222".into(),
            detail: "authorization violation".into(),
        };
        assert_eq!(IpcError::from(auth).code, ErrorCode::Unauthorized);
        let down = NatsError::Unreachable {
            servers: "nats://127.0.0.1:1".into(),
            detail: "connection refused".into(),
        };
        let ipc = IpcError::from(down);
        assert_eq!(ipc.code, ErrorCode::Unavailable);
        assert!(ipc.message.contains("cannot reach nats://127.0.0.1:1"));
    }
}
