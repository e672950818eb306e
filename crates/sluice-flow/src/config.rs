use std::time::Duration;

use crate::Policy;

/// Upper bound of a serialized `Frame` with no entries: the envelope (ids, counters, drop
/// report, the `[]` of the entry list) at the largest values its integers can take. A unit
/// test checks it against serde_json.
pub const FRAME_ENVELOPE_BYTES: usize = 512;

/// Tauri hands channel messages under 8 KiB to the webview directly through `eval`; larger
/// ones cost a second fetch round trip, so frames stay below this size.
pub const MAX_FRAME_JSON_BYTES: usize = 8 * 1024;

/// Settings of one subscription. They live as long as the subscription and survive
/// `Producer::restart`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowConfig {
    pub policy: Policy,
    /// Most entries the ring holds before it drops the oldest.
    pub max_entries: usize,
    /// Most total entry weight the ring holds before it drops the oldest.
    pub max_bytes: usize,
    /// Shortest gap between two frames under load (the first event after idle goes at once).
    pub frame_interval: Duration,
    /// When the receiver reports its paint clock, frames under load are timed to arrive
    /// this long before one of its paints: enough for delivery to the webview's main thread.
    pub paint_lead: Duration,
    /// Budget for the entries of one frame: sum of weights plus one separator byte each.
    /// An entry bigger than this goes alone in its own frame.
    pub max_frame_bytes: usize,
    /// Most frames sent and not acked yet; at the limit the flow keeps coalescing/dropping.
    pub max_unacked: u32,
    /// Most frames one flush may cut when the ring holds more than one frame's budget, so a
    /// backlog leaves in one tick (each frame still under the size budget) instead of aging
    /// one tick per frame.
    pub max_frames_per_flush: u32,
}

impl FlowConfig {
    pub fn new(policy: Policy) -> Self {
        Self {
            policy,
            max_entries: 64 * 1024,
            max_bytes: 16 * 1024 * 1024,
            // 60 frames a second, no more: the rate a display paints at.
            frame_interval: Duration::from_micros(16_667),
            paint_lead: Duration::from_millis(6),
            max_frame_bytes: MAX_FRAME_JSON_BYTES - FRAME_ENVELOPE_BYTES,
            max_unacked: 8,
            max_frames_per_flush: 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use sluice_wire::{DropReport, FlowStats, Frame, SubId};

    use super::*;

    #[test]
    fn envelope_bound_covers_the_largest_empty_frame() {
        let m = u64::MAX;
        let frame: Frame<()> = Frame {
            sub: SubId(u32::MAX),
            generation: u32::MAX,
            seq: m,
            entries: Vec::new(),
            dropped: Some(DropReport {
                count: m,
                first_seq: m,
                last_seq: m,
            }),
            stats: FlowStats {
                received: m,
                delivered: m,
                merged: m,
                superseded: m,
                dropped: m,
                frames: m,
            },
        };
        let len = serde_json::to_string(&frame)
            .map(|s| s.len())
            .unwrap_or(usize::MAX);
        assert!(len <= FRAME_ENVELOPE_BYTES, "envelope is {len} bytes");
    }
}
