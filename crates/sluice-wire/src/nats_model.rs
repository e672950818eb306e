//! The live cluster model: servers, account usage, streams, consumers, KV buckets and object
//! stores. It crosses IPC one item at a time (`NatsModelEntry`), keyed so a newer poll
//! supersedes an unsent older one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsServerView {
    pub id: String,
    pub name: String,
    pub version: String,
    pub host: String,
    pub port: u16,
    pub cluster: Option<String>,
    pub jetstream: bool,
    /// Names of the servers this one routes to (needs `$SYS` access; else empty).
    pub routes: Vec<String>,
    #[ts(type = "number | null")]
    pub connections: Option<u64>,
    #[ts(type = "number | null")]
    pub mem_bytes: Option<u64>,
    pub cpu: Option<f64>,
    /// True for the server this connection is attached to.
    pub connected: bool,
    /// True when the facts come from `$SYS` rather than the connection's INFO.
    pub from_system: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsAccountUsage {
    #[ts(type = "number")]
    pub memory: u64,
    #[ts(type = "number")]
    pub storage: u64,
    #[ts(type = "number")]
    pub streams: u64,
    #[ts(type = "number")]
    pub consumers: u64,
    /// Limits; -1 means unlimited.
    #[ts(type = "number")]
    pub max_memory: i64,
    #[ts(type = "number")]
    pub max_storage: i64,
    #[ts(type = "number")]
    pub max_streams: i64,
    #[ts(type = "number")]
    pub max_consumers: i64,
    pub domain: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsReplicaView {
    pub name: String,
    pub current: bool,
    pub offline: bool,
    #[ts(type = "number")]
    pub active_ms: u64,
    #[ts(type = "number | null")]
    pub lag: Option<u64>,
}

/// Raft placement of a stream or consumer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsClusterView {
    pub name: Option<String>,
    pub leader: Option<String>,
    pub replicas: Vec<NatsReplicaView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsStreamView {
    pub name: String,
    pub description: Option<String>,
    pub subjects: Vec<String>,
    /// `limits`, `interest` or `workqueue`.
    pub retention: String,
    /// `file` or `memory`.
    pub storage: String,
    pub replicas: u32,
    #[ts(type = "number")]
    pub max_msgs: i64,
    #[ts(type = "number")]
    pub max_bytes: i64,
    #[ts(type = "number")]
    pub max_age_ms: u64,
    pub discard: String,
    #[ts(type = "number")]
    pub messages: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub first_seq: u64,
    #[ts(type = "number")]
    pub last_seq: u64,
    #[ts(type = "number")]
    pub first_time_ms: u64,
    #[ts(type = "number")]
    pub last_time_ms: u64,
    #[ts(type = "number")]
    pub consumer_count: u64,
    #[ts(type = "number")]
    pub subjects_count: u64,
    #[ts(type = "number")]
    pub deleted_count: u64,
    #[ts(type = "number")]
    pub created_ms: u64,
    pub sealed: bool,
    pub allow_direct: bool,
    pub mirror: Option<String>,
    pub sources: Vec<String>,
    pub cluster: Option<NatsClusterView>,
    /// KV bucket or object store this stream backs, if any.
    pub backs: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsConsumerView {
    pub stream: String,
    pub name: String,
    pub durable: bool,
    pub description: Option<String>,
    /// The consumer's subject filter(s); empty means the whole stream.
    pub filter_subjects: Vec<String>,
    pub ack_policy: String,
    pub deliver_policy: String,
    /// Push consumers deliver here; `None` for pull consumers.
    pub deliver_subject: Option<String>,
    pub push_bound: bool,
    #[ts(type = "number")]
    pub max_ack_pending: i64,
    #[ts(type = "number")]
    pub max_deliver: i64,
    #[ts(type = "number")]
    pub max_waiting: i64,
    #[ts(type = "number")]
    pub ack_wait_ms: u64,
    #[ts(type = "number")]
    pub num_pending: u64,
    #[ts(type = "number")]
    pub num_ack_pending: u64,
    #[ts(type = "number")]
    pub num_redelivered: u64,
    #[ts(type = "number")]
    pub num_waiting: u64,
    #[ts(type = "number")]
    pub delivered_stream_seq: u64,
    #[ts(type = "number")]
    pub delivered_consumer_seq: u64,
    #[ts(type = "number")]
    pub ack_floor_stream_seq: u64,
    #[ts(type = "number")]
    pub ack_floor_consumer_seq: u64,
    /// Last delivery / last ack, ms since the Unix epoch (server clock).
    #[ts(type = "number | null")]
    pub last_delivered_ms: Option<u64>,
    #[ts(type = "number | null")]
    pub last_ack_ms: Option<u64>,
    pub paused: bool,
    #[ts(type = "number | null")]
    pub pause_until_ms: Option<u64>,
    /// Consumer metadata, including `io.nats.monitor.*` thresholds.
    pub metadata: BTreeMap<String, String>,
    pub cluster: Option<NatsClusterView>,
    #[ts(type = "number")]
    pub created_ms: u64,
    /// When the server produced this info (server clock; local clock on servers that do not
    /// say), ms since the Unix epoch.
    #[ts(type = "number")]
    pub sampled_at_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsKvBucketView {
    pub bucket: String,
    #[ts(type = "number")]
    pub values: u64,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub history: u64,
    #[ts(type = "number")]
    pub ttl_ms: u64,
    pub replicas: u32,
    pub storage: String,
}

/// One KV entry (a current value, a history revision or a watch update).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsKvEntryView {
    pub bucket: String,
    pub key: String,
    #[ts(type = "number")]
    pub revision: u64,
    /// `put`, `delete` or `purge`.
    pub operation: String,
    pub value_b64: String,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub created_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsObjectStoreView {
    pub bucket: String,
    pub description: Option<String>,
    /// Bytes stored, chunks and metadata included.
    #[ts(type = "number")]
    pub size: u64,
    pub sealed: bool,
    pub replicas: u32,
    pub storage: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsObjectView {
    pub bucket: String,
    pub name: String,
    pub description: Option<String>,
    #[ts(type = "number")]
    pub size: u64,
    #[ts(type = "number")]
    pub chunks: u64,
    pub digest: Option<String>,
    #[ts(type = "number")]
    pub modified_ms: u64,
    pub headers: Vec<crate::NatsHeader>,
    pub metadata: BTreeMap<String, String>,
}

/// Facts about the last poll.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsPollSummary {
    /// Polls since the model started, from 1.
    #[ts(type = "number")]
    pub poll: u64,
    #[ts(type = "number")]
    pub polled_at_ms: u64,
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// JetStream API requests the poll made.
    #[ts(type = "number")]
    pub requests: u64,
    /// Parts of the model that could not be read this time, in plain words.
    pub errors: Vec<String>,
}

/// What `NatsModelEntry::Removed` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum NatsModelKind {
    Server,
    Account,
    Stream,
    Consumer,
    KvBucket,
    ObjectStore,
    Poll,
}

/// One change of the cluster model. `key` is unique within a kind: a server id, a stream
/// name, `stream/consumer` for consumers, a bucket name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NatsModelEntry {
    Server(NatsServerView),
    Account(NatsAccountUsage),
    Stream(NatsStreamView),
    Consumer(NatsConsumerView),
    KvBucket(NatsKvBucketView),
    ObjectStore(NatsObjectStoreView),
    Poll(NatsPollSummary),
    Removed { of: NatsModelKind, key: String },
}
