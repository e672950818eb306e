//! Synthetic load: a producer that emits keyed 100-byte-ish events at a target rate, and
//! the coalescing rule that lets the flow engine merge them (counts add up, sequences and
//! send times are bracketed, the newest payload wins). Used by the app's Diagnostics
//! benchmark and by tests; no tauri, no I/O.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use sluice_flow::Event;
use sluice_wire::{LoadSample, LoadSpec};

/// A [`LoadSample`] the flow engine can coalesce (the orphan rule keeps the impl here).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct LoadEvent(pub LoadSample);

impl Event for LoadEvent {
    type Key = u32;

    fn key(&self) -> &u32 {
        &self.0.key
    }

    fn weight(&self) -> usize {
        // Field names and numbers (~130 bytes of JSON) plus the payload.
        140 + self.0.payload.len()
    }

    fn merge(&mut self, next: Self) -> Result<(), Self> {
        let (a, b) = (&mut self.0, next.0);
        a.count = a.count.saturating_add(b.count);
        a.last_seq = b.last_seq;
        a.last_sent_us = b.last_sent_us;
        a.payload = b.payload;
        Ok(())
    }
}

/// Microseconds since the Unix epoch; the webview compares these with its own clock.
pub fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Builds the `seq`-th event of a run (sequences start at 1).
pub fn event(spec: &LoadSpec, seq: u64, payload: &str) -> LoadEvent {
    let keys = u64::from(spec.keys.max(1));
    let sent = now_us();
    LoadEvent(LoadSample {
        key: u32::try_from(seq % keys).unwrap_or(0),
        count: 1,
        first_seq: seq,
        last_seq: seq,
        first_sent_us: sent,
        last_sent_us: sent,
        payload: payload.to_owned(),
    })
}

/// A payload of exactly `bytes` printable ASCII characters.
pub fn payload(bytes: u32) -> String {
    (0..bytes)
        .map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap_or(0)))
        .collect()
}

/// Emits events at `spec.events_per_sec` for `spec.duration_ms`, catching up every
/// millisecond tick so the offered rate holds even when ticks are late. Stops early when
/// `emit` returns false (receiver gone). Returns how many events were emitted.
pub async fn drive(spec: LoadSpec, mut emit: impl FnMut(LoadEvent) -> bool) -> u64 {
    let body = payload(spec.payload_bytes);
    let started = Instant::now();
    let duration = Duration::from_millis(u64::from(spec.duration_ms));
    let rate = f64::from(spec.events_per_sec);
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut sent: u64 = 0;
    loop {
        tick.tick().await;
        let elapsed = started.elapsed().min(duration);
        // Float is exact enough here: rates ≤ 10^7/s over ≤ hours.
        let due = (rate * elapsed.as_secs_f64()) as u64;
        while sent < due {
            sent += 1;
            if !emit(event(&spec, sent, &body)) {
                return sent - 1;
            }
        }
        if elapsed >= duration {
            return sent;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rate: u32, ms: u32) -> LoadSpec {
        LoadSpec {
            events_per_sec: rate,
            duration_ms: ms,
            keys: 4,
            payload_bytes: 100,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn drive_emits_exactly_rate_times_duration_in_order() {
        let mut seqs = Vec::new();
        let n = drive(spec(10_000, 250), |e| {
            seqs.push(e.0.first_seq);
            true
        })
        .await;
        assert_eq!(n, 2_500);
        assert_eq!(seqs, (1..=2_500).collect::<Vec<_>>());
    }

    #[tokio::test(start_paused = true)]
    async fn drive_stops_when_the_receiver_is_gone() {
        let mut left = 10;
        let n = drive(spec(10_000, 1_000), |_| {
            left -= 1;
            left > 0
        })
        .await;
        assert_eq!(n, 9);
    }

    #[test]
    fn merge_keeps_every_event_accounted() {
        let s = spec(1, 1);
        let mut a = event(&s, 1, "x");
        let b = event(&s, 5, "newest");
        let first_sent = a.0.first_sent_us;
        assert!(a.merge(b).is_ok());
        assert_eq!(a.0.count, 2);
        assert_eq!((a.0.first_seq, a.0.last_seq), (1, 5));
        assert_eq!(a.0.first_sent_us, first_sent);
        assert_eq!(a.0.payload, "newest");
    }

    #[test]
    fn payload_has_the_requested_size() {
        assert_eq!(payload(100).len(), 100);
        assert!(payload(100).is_ascii());
    }
}
