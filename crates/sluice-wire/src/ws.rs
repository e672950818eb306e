use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Header, IpcError, RetrySettings};

/// Settings of a WebSocket subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WsSettings {
    pub url: String,
    pub headers: Vec<Header>,
    /// Offered in `Sec-WebSocket-Protocol`, in order of preference.
    pub subprotocols: Vec<String>,
    /// Name of a vault secret sent as `Authorization: Bearer …`.
    pub auth_ref: Option<String>,
    /// Largest message accepted; a larger one fails the stream with a clear error.
    #[ts(type = "number")]
    pub max_message_bytes: u64,
    #[ts(type = "number")]
    pub max_frame_bytes: u64,
    /// How often the core pings the peer.
    #[ts(type = "number")]
    pub ping_interval_ms: u64,
    /// A ping not answered within this is a dead peer (reconnect).
    #[ts(type = "number")]
    pub pong_timeout_ms: u64,
    pub retry: RetrySettings,
}

/// A message the UI asks the core to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum WsOutgoing {
    Text {
        text: String,
    },
    /// Standard base64 (with padding).
    Binary {
        base64: String,
    },
}

/// What a WebSocket subscription reports, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum WsEvent {
    Open {
        url: String,
        /// The subprotocol the server picked.
        protocol: Option<String>,
        reconnects: u32,
    },
    Text {
        text: String,
    },
    /// Binary payload as standard base64.
    Binary {
        base64: String,
        #[ts(type = "number")]
        len: u64,
    },
    /// A message from the UI went out.
    Sent {
        #[ts(type = "number")]
        len: u64,
    },
    /// The peer closed the connection (with a close frame or without one).
    Closed {
        code: Option<u16>,
        reason: String,
    },
    Reconnecting {
        attempt: u32,
        #[ts(type = "number")]
        delay_ms: u64,
        reason: IpcError,
    },
    Failed {
        error: IpcError,
    },
}
