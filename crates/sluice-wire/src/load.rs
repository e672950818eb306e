use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A synthetic load run, used by Diagnostics to measure the pipeline on this machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadSpec {
    /// Target rate of the producer.
    pub events_per_sec: u32,
    pub duration_ms: u32,
    /// Distinct keys (think subjects); events of one key may be merged into one entry.
    pub keys: u32,
    /// Payload bytes per event.
    pub payload_bytes: u32,
}

/// One or more synthetic events of one key. `count` events with sequences
/// `first_seq..=last_seq` were merged into this entry; the send times bracket them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoadSample {
    pub key: u32,
    pub count: u32,
    #[ts(type = "number")]
    pub first_seq: u64,
    #[ts(type = "number")]
    pub last_seq: u64,
    /// Microseconds since the Unix epoch when the first / last merged event was produced.
    #[ts(type = "number")]
    pub first_sent_us: u64,
    #[ts(type = "number")]
    pub last_sent_us: u64,
    /// Payload of the newest merged event.
    pub payload: String,
}
