//! NATS data browsers as they cross IPC: KV watch entries, object contents and transfers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::NatsKvEntryView;

/// One entry of a KV bucket watch: the latest revision of a key, or the end of the watch
/// because the bucket was deleted while it was watched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum NatsKvWatchEntry {
    Entry(NatsKvEntryView),
    BucketGone { bucket: String, reason: String },
}

/// An object's bytes, read for showing inline (small objects only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsObjectContent {
    pub bucket: String,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub payload_b64: String,
}

/// What a download or upload moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsObjectTransfer {
    pub bucket: String,
    pub name: String,
    /// The local file written or read.
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
    pub digest: Option<String>,
}
