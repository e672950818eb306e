//! NATS connections and messages as they cross IPC. Secrets never do: profiles carry which
//! kind of auth they use and whether a secret is set, not the secret itself.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a connection authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NatsAuthKind {
    None,
    Token,
    UserPassword,
    Nkey,
    CredsFile,
    Jwt,
}

/// Where a profile comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NatsProfileSource {
    /// Saved in Sluice.
    Saved,
    /// A NATS CLI context file (`~/.config/nats/context/*.json`), kept in sync with it.
    Context,
    /// The local sandbox server Sluice runs itself.
    Sandbox,
}

/// A connection profile with secrets masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsProfileView {
    pub id: String,
    pub name: String,
    pub source: NatsProfileSource,
    pub description: Option<String>,
    pub servers: Vec<String>,
    pub auth: NatsAuthKind,
    /// User name (user/password auth); not a secret.
    pub user: Option<String>,
    /// Path of the creds or NKey seed file, if the secret lives in a file.
    pub secret_file: Option<String>,
    /// True when a secret (token, password, seed, JWT) is set; its value never crosses.
    pub has_secret: bool,
    pub tls_ca: Option<String>,
    pub tls_cert: Option<String>,
    pub tls_key: Option<String>,
    pub tls_first: bool,
    pub js_domain: Option<String>,
    /// The context selected in `~/.config/nats/context.txt` or `NATS_CONTEXT`.
    pub selected: bool,
    /// Why a context file could not be used, if it could not.
    pub problem: Option<String>,
}

/// Where a connection stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NatsConnStatus {
    Connecting,
    Connected,
    Reconnecting,
    Closed,
}

/// Latest state of one connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsConnState {
    pub profile_id: String,
    pub status: NatsConnStatus,
    /// The server currently connected to, `host:port`.
    pub server: Option<String>,
    pub server_name: Option<String>,
    pub server_version: Option<String>,
    /// Why the connection is reconnecting or closed, in plain words.
    pub reason: Option<String>,
    /// Reconnects since the connection was opened.
    #[ts(type = "number")]
    pub reconnects: u64,
    /// When the status last changed, ms since the Unix epoch.
    #[ts(type = "number")]
    pub since_ms: u64,
    pub lame_duck: bool,
}

/// One header line; a name may repeat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsHeader {
    pub name: String,
    pub value: String,
}

/// A message seen by a live tail. The payload crosses as base64 of the raw bytes; the UI
/// renders it as text, JSON, hex or base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsTailMessage {
    pub subject: String,
    pub reply: Option<String>,
    pub headers: Vec<NatsHeader>,
    /// Status code of a no-responders or JetStream status message, if it is one.
    pub status: Option<u16>,
    pub payload_b64: String,
    /// Payload size in bytes.
    #[ts(type = "number")]
    pub size: u64,
    /// Order of arrival in this tail, from 1.
    #[ts(type = "number")]
    pub index: u64,
    #[ts(type = "number")]
    pub received_at_ms: u64,
}

/// The tail was cut off from the server for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsGap {
    #[ts(type = "number")]
    pub disconnected_at_ms: u64,
    #[ts(type = "number")]
    pub resumed_at_ms: u64,
    /// Messages published on the tailed subjects while the tail was away, counted from a
    /// JetStream stream that captures them; `None` when no stream does (unknown count).
    #[ts(type = "number | null")]
    pub missed: Option<u64>,
    /// The stream the count comes from.
    pub counted_by: Option<String>,
    pub reason: Option<String>,
}

/// One entry of a tail subscription.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NatsTailEntry {
    Message(NatsTailMessage),
    Gap(NatsGap),
}

/// A message stored in a stream, as browsing returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsStoredMessage {
    #[ts(type = "number")]
    pub seq: u64,
    pub subject: String,
    pub headers: Vec<NatsHeader>,
    pub payload_b64: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Server timestamp, ms since the Unix epoch.
    #[ts(type = "number")]
    pub time_ms: u64,
}

/// Where to start browsing a stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsBrowseRequest {
    pub stream: String,
    /// First sequence to show (default: the stream's first).
    #[ts(type = "number | null")]
    pub start_seq: Option<u64>,
    /// Or the first message at or after this time (ms since the Unix epoch).
    #[ts(type = "number | null")]
    pub start_time_ms: Option<u64>,
    /// Only subjects matching this filter (wildcards allowed).
    pub subject: Option<String>,
    /// Page size (capped by the core).
    pub limit: u32,
}

/// One page of a stream, in sequence order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsBrowsePage {
    pub stream: String,
    pub messages: Vec<NatsStoredMessage>,
    /// Sequence to ask for next; `None` when the page reached the end of the stream.
    #[ts(type = "number | null")]
    pub next_seq: Option<u64>,
    #[ts(type = "number")]
    pub first_seq: u64,
    #[ts(type = "number")]
    pub last_seq: u64,
}

/// A message to publish (or send as a request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsPublishRequest {
    pub subject: String,
    pub payload_b64: String,
    pub headers: Vec<NatsHeader>,
    pub reply: Option<String>,
}

/// The answer to a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsReply {
    pub subject: String,
    pub headers: Vec<NatsHeader>,
    pub payload_b64: String,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}
