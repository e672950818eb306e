//! Per-consumer thresholds from consumer metadata, with the keys and meaning
//! `nats server check consumer` gives them: each is critical at or above its value, and a
//! value ≤ 0 (or unparsable) turns the check off.
//!
//! | key | checks | verdict when reached |
//! |---|---|---|
//! | `io.nats.monitor.outstanding-ack-critical` | ack pending ≥ n | saturated (alert) |
//! | `io.nats.monitor.unprocessed-critical` | pending ≥ n | falling behind (alert) |
//! | `io.nats.monitor.last-delivery-critical` | time since last delivery ≥ d, or never delivered | no workers (alert) |
//! | `io.nats.monitor.last-ack-critical` | time since last ack ≥ d, or never acked | ack stall (alert) |
//! | `io.nats.monitor.redelivery-critical` | redelivered ≥ n | redelivery loop (alert) |
//! | `io.nats.monitor.waiting-critical` | waiting pulls ≥ n | not mapped: many waiting pulls mean idle workers, not a stuck consumer |
//!
//! Durations take Go syntax (`90s`, `5m`, `1h30m`, `250ms`) or plain seconds. Times are
//! measured on the server clock (sample time minus last delivery/ack time).
//! `io.nats.monitor.enabled` is not required: a key that is set is honoured.

use std::collections::BTreeMap;

pub const OUTSTANDING_ACK: &str = "io.nats.monitor.outstanding-ack-critical";
pub const WAITING: &str = "io.nats.monitor.waiting-critical";
pub const UNPROCESSED: &str = "io.nats.monitor.unprocessed-critical";
pub const LAST_DELIVERY: &str = "io.nats.monitor.last-delivery-critical";
pub const LAST_ACK: &str = "io.nats.monitor.last-ack-critical";
pub const REDELIVERY: &str = "io.nats.monitor.redelivery-critical";

/// Critical thresholds; 0 means off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Thresholds {
    pub outstanding_ack: u64,
    pub unprocessed: u64,
    pub last_delivery_ms: u64,
    pub last_ack_ms: u64,
    pub redelivery: u64,
    /// Parsed for completeness; no verdict uses it.
    pub waiting: u64,
}

impl Thresholds {
    /// `defaults` with every key present in `metadata` applied over it.
    pub fn from_metadata(metadata: &BTreeMap<String, String>, defaults: &Thresholds) -> Self {
        let mut t = *defaults;
        if metadata.is_empty() {
            return t;
        }
        let count = |k: &str, slot: &mut u64| {
            if let Some(v) = metadata.get(k) {
                *slot = parse_count(v);
            }
        };
        count(OUTSTANDING_ACK, &mut t.outstanding_ack);
        count(UNPROCESSED, &mut t.unprocessed);
        count(REDELIVERY, &mut t.redelivery);
        count(WAITING, &mut t.waiting);
        let dur = |k: &str, slot: &mut u64| {
            if let Some(v) = metadata.get(k) {
                *slot = parse_duration_ms(v).unwrap_or(0);
            }
        };
        dur(LAST_DELIVERY, &mut t.last_delivery_ms);
        dur(LAST_ACK, &mut t.last_ack_ms);
        t
    }
}

/// A count; negative, zero or garbage turns the check off.
fn parse_count(v: &str) -> u64 {
    v.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map_or(0, i64::unsigned_abs)
}

/// Go duration syntax (`1h2m3.5s`, `250ms`, `2d` is not Go and is refused) or plain seconds.
pub fn parse_duration_ms(v: &str) -> Option<u64> {
    let v = v.trim();
    if v.is_empty() || v.starts_with('-') {
        return None;
    }
    if let Ok(secs) = v.parse::<f64>() {
        return secs_to_ms(secs);
    }
    let mut total = 0f64;
    let mut rest = v;
    while !rest.is_empty() {
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_end == 0 {
            return None;
        }
        let n: f64 = rest[..num_end].parse().ok()?;
        rest = &rest[num_end..];
        let unit_end = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let scale = match &rest[..unit_end] {
            "h" => 3_600_000.0,
            "m" => 60_000.0,
            "s" => 1_000.0,
            "ms" => 1.0,
            "us" | "µs" => 0.001,
            "ns" => 0.000_001,
            _ => return None,
        };
        total += n * scale;
        rest = &rest[unit_end..];
    }
    secs_to_ms(total / 1000.0)
}

fn secs_to_ms(secs: f64) -> Option<u64> {
    if !secs.is_finite() || secs <= 0.0 {
        return None;
    }
    let ms = (secs * 1000.0).round();
    // Out of range is refused, as Go's duration parser does.
    (ms < u64::MAX as f64).then_some(ms as u64)
}
