use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Id of a live subscription. Streaming commands return one; `sub_ack` and `sub_close`
/// take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct SubId(pub u32);

impl std::fmt::Display for SubId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// One batch of coalesced events for one subscription, as the flow engine sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Frame<T> {
    pub sub: SubId,
    /// Bumped each time the source restarts (reconnect); the receiver can reset views.
    pub generation: u32,
    /// Frame sequence, starting at 1 and continuous for the life of the subscription, so a
    /// receiver detects a missing frame. Acks name this number.
    #[ts(type = "number")]
    pub seq: u64,
    pub entries: Vec<T>,
    /// Events dropped since the previous frame, if any.
    pub dropped: Option<DropReport>,
    /// Running totals for the subscription.
    pub stats: FlowStats,
}

/// Events the ring had to drop (lossy at the head) since the previous frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DropReport {
    #[ts(type = "number")]
    pub count: u64,
    /// Event sequence (order of arrival, from 1) of the first and last dropped event.
    #[ts(type = "number")]
    pub first_seq: u64,
    #[ts(type = "number")]
    pub last_seq: u64,
}

/// Cumulative counters of one subscription. `received = delivered + merged + superseded +
/// dropped + pending` holds at every frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowStats {
    /// Events the producer pushed.
    #[ts(type = "number")]
    pub received: u64,
    /// Events that left in a frame as their own entry.
    #[ts(type = "number")]
    pub delivered: u64,
    /// Events appended into an earlier pending entry of the same key.
    #[ts(type = "number")]
    pub merged: u64,
    /// Events replaced by a newer value of the same key before they were sent.
    #[ts(type = "number")]
    pub superseded: u64,
    /// Events lost because the ring was full.
    #[ts(type = "number")]
    pub dropped: u64,
    /// Frames sent.
    #[ts(type = "number")]
    pub frames: u64,
}
