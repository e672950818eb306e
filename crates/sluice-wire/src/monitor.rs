//! NATS health: consumer verdicts, lag samples, the change timeline and the overall summary.
//! A consumer is identified everywhere by `id` = `stream/consumer` (the model entry key).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the monitor concluded about one consumer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MonitorVerdictKind {
    /// Work is flowing.
    Healthy,
    /// Nothing pending, nothing unacknowledged (healthy).
    Idle,
    /// Paused on purpose (`pause_until`); shown, never alerted.
    Paused,
    /// Messages wait but nobody takes them: delivery is flat and no pull is waiting (pull)
    /// or nobody is bound (push).
    NoWorkers,
    /// Messages were delivered but the ack floor does not move.
    AckStall,
    /// Unacknowledged messages reached the consumer's max ack pending.
    Saturated,
    /// The same messages go round again: redeliveries rise with a flat ack floor, or
    /// max-deliveries / NAK advisories arrive.
    RedeliveryLoop,
    /// Pending grows although delivery advances.
    FallingBehind,
    /// No leader, or a replica is not current / lags.
    Replication,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, TS,
)]
#[serde(rename_all = "camelCase")]
pub enum MonitorSeverity {
    #[default]
    Ok,
    Warning,
    Alert,
}

/// The numbers a verdict is based on. `*_advance` and `*_change` are over the window (last
/// sample minus the oldest sample inside the window, both at server time).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorNumbers {
    /// The span the window actually covers (server time between its first and last sample).
    #[ts(type = "number")]
    pub window_ms: u64,
    #[ts(type = "number")]
    pub samples: u64,
    #[ts(type = "number")]
    pub num_pending: u64,
    #[ts(type = "number")]
    pub num_ack_pending: u64,
    #[ts(type = "number")]
    pub num_redelivered: u64,
    #[ts(type = "number")]
    pub num_waiting: u64,
    /// -1 means unlimited.
    #[ts(type = "number")]
    pub max_ack_pending: i64,
    #[ts(type = "number")]
    pub delivered_stream_seq: u64,
    #[ts(type = "number")]
    pub ack_floor_stream_seq: u64,
    #[ts(type = "number")]
    pub delivered_advance: u64,
    #[ts(type = "number")]
    pub ack_floor_advance: u64,
    #[ts(type = "number")]
    pub pending_change: i64,
    #[ts(type = "number")]
    pub redelivered_change: i64,
    /// Max-deliveries and NAK advisories for this consumer inside the window.
    #[ts(type = "number")]
    pub advisories: u64,
    /// Server time since the last delivery / last ack, when the server reported one.
    #[ts(type = "number | null")]
    pub since_last_delivery_ms: Option<u64>,
    #[ts(type = "number | null")]
    pub since_last_ack_ms: Option<u64>,
}

/// The verdict for one consumer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorVerdict {
    /// `stream/consumer`.
    pub id: String,
    pub stream: String,
    pub consumer: String,
    pub filter_subjects: Vec<String>,
    /// The worst finding.
    pub kind: MonitorVerdictKind,
    pub severity: MonitorSeverity,
    /// Plain words, with the numbers.
    pub reason: String,
    /// Every other finding that holds too, worst first (empty when healthy).
    pub also: Vec<MonitorVerdictKind>,
    /// The `io.nats.monitor.*` metadata key that decided the verdict, if one did.
    pub threshold: Option<String>,
    pub numbers: MonitorNumbers,
    /// Server time of the sample this verdict was evaluated at, ms since the Unix epoch.
    #[ts(type = "number")]
    pub at_ms: u64,
    /// Server time since which `kind` holds.
    #[ts(type = "number")]
    pub since_ms: u64,
}

/// One point of a consumer's lag history, at server time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorLagSample {
    #[ts(type = "number")]
    pub at_ms: u64,
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
    pub ack_floor_stream_seq: u64,
    /// Counts every delivery, redeliveries included.
    #[ts(type = "number")]
    pub delivered_consumer_seq: u64,
    /// Latest of last delivery and last ack, when the server reported either.
    #[ts(type = "number | null")]
    pub last_active_ms: Option<u64>,
}

/// A consumer's lag history (oldest first), as sent to a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorLagSeries {
    pub id: String,
    pub samples: Vec<MonitorLagSample>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MonitorChangeKind {
    StreamCreated,
    StreamDeleted,
    StreamReconfigured,
    ConsumerCreated,
    ConsumerDeleted,
    ConsumerReconfigured,
    LeaderMoved,
    VerdictChanged,
    PendingJump,
}

/// One field of a before/after diff; `None` when the field did not exist on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorFieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One entry of "what changed": which stream, consumer and subject filter, and the diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorTimelineEntry {
    /// Unique and increasing for the life of a monitor.
    #[ts(type = "number")]
    pub seq: u64,
    /// Server time of the poll that saw the change.
    #[ts(type = "number")]
    pub at_ms: u64,
    pub kind: MonitorChangeKind,
    pub stream: String,
    pub consumer: Option<String>,
    /// The consumer's filter subjects, or the stream's subjects for stream changes.
    pub subjects: Vec<String>,
    pub summary: String,
    pub diff: Vec<MonitorFieldChange>,
}

/// Overall health after one evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonitorSummary {
    pub severity: MonitorSeverity,
    #[ts(type = "number")]
    pub consumers: u64,
    #[ts(type = "number")]
    pub ok: u64,
    #[ts(type = "number")]
    pub warning: u64,
    #[ts(type = "number")]
    pub alert: u64,
    #[ts(type = "number")]
    pub idle: u64,
    #[ts(type = "number")]
    pub paused: u64,
    /// The model poll this evaluation used (0 before the first).
    #[ts(type = "number")]
    pub poll: u64,
    #[ts(type = "number")]
    pub at_ms: u64,
    /// Parts of the cluster the poll could not read, in plain words.
    pub errors: Vec<String>,
}

/// What a monitor flow carries. Keyed so a newer verdict or summary supersedes an unsent one;
/// timeline entries and lag samples are each kept. Tagged `type` (verdicts and timeline
/// entries have a `kind` of their own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum MonitorEntry {
    Summary(MonitorSummary),
    Verdict(MonitorVerdict),
    /// The consumer is gone; drop its verdict.
    Removed {
        id: String,
    },
    Timeline(MonitorTimelineEntry),
    Lag {
        id: String,
        sample: MonitorLagSample,
    },
}
