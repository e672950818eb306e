//! JetStream advisories that reveal a redelivery loop: a message hit max deliveries, or a
//! handler NAKed one. Timestamps are the server's.

use std::collections::{HashMap, VecDeque};

use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Subjects to subscribe to (every stream and consumer).
pub const ADVISORY_SUBJECTS: [&str; 2] = [
    "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>",
    "$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.>",
];

/// Most advisory times kept per consumer: enough to count a busy loop over a window.
const PER_CONSUMER: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdvisoryKind {
    MaxDeliveries,
    Nak,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advisory {
    pub kind: AdvisoryKind,
    pub stream: String,
    pub consumer: String,
    /// Server time; 0 when the advisory carried none.
    pub at_ms: u64,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    stream: String,
    #[serde(default)]
    consumer: String,
    #[serde(default)]
    timestamp: String,
}

/// Parses one advisory message; `None` for anything else or broken JSON.
pub fn parse_advisory(subject: &str, payload: &[u8]) -> Option<Advisory> {
    let raw: Raw = serde_json::from_slice(payload).ok()?;
    let kind = if subject.contains(".MAX_DELIVERIES.") || raw.kind.ends_with("max_deliver") {
        AdvisoryKind::MaxDeliveries
    } else if subject.contains(".MSG_NAKED.") || raw.kind.ends_with(".nak") {
        AdvisoryKind::Nak
    } else {
        return None;
    };
    if raw.stream.is_empty() || raw.consumer.is_empty() {
        return None;
    }
    let at_ms = OffsetDateTime::parse(&raw.timestamp, &Rfc3339)
        .ok()
        .and_then(|t| u64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok())
        .unwrap_or(0);
    Some(Advisory {
        kind,
        stream: raw.stream,
        consumer: raw.consumer,
        at_ms,
    })
}

/// Recent advisory times per consumer id.
#[derive(Debug, Default)]
pub(crate) struct AdvisoryLog {
    by_id: HashMap<String, VecDeque<u64>>,
}

impl AdvisoryLog {
    pub fn record(&mut self, id: String, at_ms: u64) {
        let q = self.by_id.entry(id).or_default();
        q.push_back(at_ms);
        while q.len() > PER_CONSUMER {
            q.pop_front();
        }
    }

    /// Advisories at or after `since_ms`.
    pub fn count_since(&self, id: &str, since_ms: u64) -> u64 {
        if self.by_id.is_empty() {
            return 0; // the usual case: no hashing per consumer
        }
        self.by_id.get(id).map_or(0, |q| {
            let start = q.partition_point(|t| *t < since_ms);
            (q.len() - start) as u64
        })
    }

    /// Forgets advisories older than `before_ms` and consumers with none left.
    pub fn prune(&mut self, before_ms: u64) {
        self.by_id.retain(|_, q| {
            while q.front().is_some_and(|t| *t < before_ms) {
                q.pop_front();
            }
            !q.is_empty()
        });
    }
}
