//! How SSE events travel through the flow engine.

use serde::Serialize;
use sluice_flow::{Event, FlowConfig, Policy};
use sluice_wire::SseEvent;

/// An [`SseEvent`] on its way through a flow. Serializes exactly as the wire type; the
/// weight is computed once, when the entry is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SseEntry {
    pub event: SseEvent,
    #[serde(skip)]
    weight: usize,
}

impl SseEntry {
    pub fn new(event: SseEvent) -> Self {
        let weight = match &event {
            SseEvent::Message { message } => {
                json_str_bound(&message.event)
                    + json_str_bound(&message.data)
                    + json_str_bound(&message.id)
                    + 64
            }
            SseEvent::Open {
                url, resumed_from, ..
            } => json_str_bound(url) + resumed_from.as_deref().map_or(0, json_str_bound) + 128,
            SseEvent::Reconnecting { reason, .. } => json_str_bound(&reason.message) + 160,
            SseEvent::Keepalive { error, .. } => error.as_deref().map_or(0, json_str_bound) + 96,
            SseEvent::Failed { error } => json_str_bound(&error.message) + 96,
        };
        Self { event, weight }
    }
}

/// The flow settings an SSE tail uses: a log, every event kept until the ring is full.
pub fn flow_config() -> FlowConfig {
    FlowConfig::new(Policy::KeepAll)
}

impl From<SseEvent> for SseEntry {
    fn from(event: SseEvent) -> Self {
        Self::new(event)
    }
}

/// Tail entries are a log: every one is kept (`Policy::KeepAll`), none merges.
impl Event for SseEntry {
    type Key = ();

    fn key(&self) -> &Self::Key {
        &()
    }

    fn weight(&self) -> usize {
        self.weight
    }
}

/// Upper bound of `s` as a JSON string literal: quotes plus the worst case of each byte's
/// escape (`\uXXXX` for control bytes).
pub fn json_str_bound(s: &str) -> usize {
    let escaped: usize = s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' => 1,
            0..=0x1f => 5,
            _ => 0,
        })
        .sum();
    s.len() + escaped + 2
}
