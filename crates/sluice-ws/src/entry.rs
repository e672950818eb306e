//! How WebSocket events travel through the flow engine.

use serde::Serialize;
use sluice_flow::{Event, FlowConfig, Policy};
use sluice_sse::json_str_bound;
use sluice_wire::WsEvent;

/// A [`WsEvent`] on its way through a flow; serializes exactly as the wire type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WsEntry {
    pub event: WsEvent,
    #[serde(skip)]
    weight: usize,
}

impl WsEntry {
    pub fn new(event: WsEvent) -> Self {
        let weight = 96
            + match &event {
                WsEvent::Open { url, protocol, .. } => {
                    json_str_bound(url) + protocol.as_deref().map_or(0, json_str_bound)
                }
                WsEvent::Text { text } => json_str_bound(text),
                // base64 never needs escaping.
                WsEvent::Binary { base64, .. } => base64.len() + 24,
                WsEvent::Sent { .. } => 24,
                WsEvent::Closed { reason, .. } => json_str_bound(reason),
                WsEvent::Reconnecting { reason, .. } => json_str_bound(&reason.message) + 64,
                WsEvent::Failed { error } => json_str_bound(&error.message),
            };
        Self { event, weight }
    }
}

/// The flow settings a WebSocket tail uses: a log, every event kept until the ring is full.
pub fn flow_config() -> FlowConfig {
    FlowConfig::new(Policy::KeepAll)
}

/// A tail is a log: every entry is kept (`Policy::KeepAll`), none merges.
impl Event for WsEntry {
    type Key = ();

    fn key(&self) -> &Self::Key {
        &()
    }

    fn weight(&self) -> usize {
        self.weight
    }
}
