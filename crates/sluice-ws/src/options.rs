//! Options of a WebSocket stream.

use std::time::Duration;

use sluice_sse::RetryPolicy;
use sluice_wire::WsSettings;

/// Limits well under tungstenite's defaults (64 MiB messages, 16 MiB frames): a tail view
/// has no use for more, and a hostile peer should not get to allocate that much.
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;
pub const DEFAULT_MAX_FRAME_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct WsOptions {
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// Sent as `Authorization: Bearer …`; never logged or sent to the UI.
    pub bearer: Option<String>,
    pub subprotocols: Vec<String>,
    pub max_message_bytes: usize,
    pub max_frame_bytes: usize,
    /// The peer is pinged this often; tungstenite only answers pings, it never sends any.
    pub ping_interval: Duration,
    /// A ping unanswered this long means a dead peer: reconnect.
    pub pong_timeout: Duration,
    pub connect_timeout: Duration,
    pub retry: RetryPolicy,
}

impl WsOptions {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            headers: Vec::new(),
            bearer: None,
            subprotocols: Vec::new(),
            max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES,
            max_frame_bytes: DEFAULT_MAX_FRAME_BYTES,
            ping_interval: Duration::from_secs(15),
            pong_timeout: Duration::from_secs(10),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
        }
    }

    /// Options from the UI's settings; `bearer` is the secret `authRef` names.
    pub fn from_settings(settings: &WsSettings, bearer: Option<String>) -> Self {
        let bytes = |v: u64| usize::try_from(v).unwrap_or(usize::MAX).max(1);
        Self {
            headers: settings
                .headers
                .iter()
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect(),
            bearer,
            subprotocols: settings.subprotocols.clone(),
            max_message_bytes: bytes(settings.max_message_bytes),
            max_frame_bytes: bytes(settings.max_frame_bytes),
            ping_interval: Duration::from_millis(settings.ping_interval_ms.max(1)),
            pong_timeout: Duration::from_millis(settings.pong_timeout_ms.max(1)),
            retry: RetryPolicy::from(&settings.retry),
            ..Self::new(settings.url.clone())
        }
    }
}
