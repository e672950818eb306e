use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::IpcError;

/// HTTP method of a streaming request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    #[default]
    Get,
    Post,
}

/// One request header. A list (not a map) so order and repeats are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// How a stream reconnects: exponential backoff from `initialDelayMs` (or the server's
/// `retry:` value), doubled per consecutive failure up to `maxDelayMs`, with jitter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetrySettings {
    #[ts(type = "number")]
    pub initial_delay_ms: u64,
    #[ts(type = "number")]
    pub max_delay_ms: u64,
    /// Consecutive failed attempts allowed before giving up; `null` retries forever. The count
    /// resets once a connection delivers something.
    pub max_retries: Option<u32>,
    /// Also retry HTTP 5xx, 408 and 429 answers (EventSource itself gives up on them).
    pub retry_http_errors: bool,
}

impl Default for RetrySettings {
    fn default() -> Self {
        Self {
            initial_delay_ms: 1_000,
            max_delay_ms: 30_000,
            max_retries: Some(10),
            retry_http_errors: false,
        }
    }
}

/// Answers a named server event with an HTTP request, for servers that drop clients that
/// do not reply to their pings. `{data}` and `{id}` in `url` and `body` are replaced by
/// the ping event's data and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeepaliveRule {
    /// Event name (`event:` field) that triggers the reply.
    pub event: String,
    pub url: String,
    pub method: HttpMethod,
    pub headers: Vec<Header>,
    pub body: Option<String>,
}

/// Settings of an SSE subscription. Secrets (bearer tokens) are not part of it: the core
/// reads them from the vault by `authRef`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SseSettings {
    pub url: String,
    pub method: HttpMethod,
    pub headers: Vec<Header>,
    /// Request body for POST.
    pub body: Option<String>,
    /// Name of a vault secret sent as `Authorization: Bearer …`.
    pub auth_ref: Option<String>,
    pub retry: RetrySettings,
    /// No bytes for this long counts as a dead connection (reconnect).
    #[ts(type = "number")]
    pub idle_timeout_ms: u64,
    /// Largest single event accepted; a larger one fails the stream.
    #[ts(type = "number")]
    pub max_event_bytes: u64,
    pub keepalive: Option<KeepaliveRule>,
    /// Resume from this id on the first connection.
    pub last_event_id: Option<String>,
}

/// One dispatched server event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SseMessage {
    /// `event:` field, `"message"` when absent.
    pub event: String,
    /// `data:` lines joined with `\n`; invalid UTF-8 shows as U+FFFD.
    pub data: String,
    /// Last event id at dispatch (empty when the server never sent one).
    pub id: String,
}

/// What an SSE subscription reports, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SseEvent {
    /// A connection is up (the first one or a reconnect).
    Open {
        url: String,
        status: u16,
        /// Connections made before this one.
        reconnects: u32,
        /// The `Last-Event-ID` this connection resumed from.
        resumed_from: Option<String>,
    },
    Message {
        message: SseMessage,
    },
    /// The connection was lost; the next attempt starts after `delayMs`.
    Reconnecting {
        attempt: u32,
        #[ts(type = "number")]
        delay_ms: u64,
        reason: IpcError,
    },
    /// A keepalive reply went out (`ok`) or failed.
    Keepalive {
        ok: bool,
        status: Option<u16>,
        error: Option<String>,
    },
    /// The stream stopped for good.
    Failed {
        error: IpcError,
    },
}
