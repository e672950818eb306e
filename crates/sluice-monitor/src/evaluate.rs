//! The verdict for one consumer: pure, from its view, its history and advisory count.

use sluice_wire::{
    MonitorNumbers, MonitorSeverity, MonitorVerdict, MonitorVerdictKind, NatsConsumerView,
    NatsStreamView,
};

use crate::findings::{finding, replication, rising, thresholds_hit, windowed};
use crate::history::Ring;
use crate::thresholds::Thresholds;
use crate::MonitorSettings;

use MonitorSeverity::Ok as Fine;
use MonitorVerdictKind as K;

/// Which finding heads a verdict when several hold: the most specific first.
fn precedence(k: MonitorVerdictKind) -> u8 {
    match k {
        K::Replication => 0,
        K::RedeliveryLoop => 1,
        K::Saturated => 2,
        K::AckStall => 3,
        K::NoWorkers => 4,
        K::FallingBehind => 5,
        K::Paused => 6,
        K::Healthy => 7,
        K::Idle => 8,
    }
}

/// Evaluates `c` over `settings.window` of `ring` (whose last sample is `c`'s). `id` and
/// `since_ms` are left for the caller (`id` is set to `stream/consumer`).
pub fn evaluate(
    c: &NatsConsumerView,
    stream: Option<&NatsStreamView>,
    ring: &Ring,
    advisories: u64,
    settings: &MonitorSettings,
) -> MonitorVerdict {
    let window_ms = settings.window_ms();
    let last = ring.last().copied().unwrap_or_default();
    // A window counts as covered at 90 %, so polls landing a little early still judge it.
    let base = ring.baseline(window_ms - window_ms / 10).copied();
    let n = numbers(c, ring, base.as_ref(), &last, advisories, window_ms);
    let t = Thresholds::from_metadata(&c.metadata, &settings.defaults);
    let mut found = Vec::new();

    replication(
        stream.and_then(|s| s.cluster.as_ref()),
        "stream",
        settings,
        &mut found,
    );
    replication(c.cluster.as_ref(), "consumer", settings, &mut found);
    if c.paused {
        let until = c
            .pause_until_ms
            .map_or(String::new(), |u| format!(" until {}", clock(u)));
        found.retain(|f| f.kind == K::Replication);
        found.push(finding(
            K::Paused,
            Fine,
            format!("paused{until}, on purpose"),
        ));
    } else {
        thresholds_hit(&t, &n, &mut found);
        // Only looked at when pending grew (it walks the window).
        let sustained = || base.is_some_and(|b| rising(ring, window_ms, b.pending));
        windowed(c, &n, base.is_some(), sustained, settings, &mut found);
    }

    found.sort_by_key(|f| (std::cmp::Reverse(f.severity), precedence(f.kind)));
    let head = found.iter().min_by_key(|f| precedence(f.kind));
    let severity = found.iter().map(|f| f.severity).max().unwrap_or(Fine);
    let (kind, reason, threshold) = match head {
        Some(h) => {
            let mut reason = h.reason.clone();
            for other in found.iter().filter(|f| f.kind != h.kind || f.reason != h.reason) {
                reason.push_str("; ");
                reason.push_str(&other.reason);
            }
            (h.kind, reason, h.threshold.map(str::to_owned))
        }
        // Idle: no work at all. A worker that keeps up also shows nothing pending, but it
        // delivered in the window.
        None if n.num_pending == 0 && n.num_ack_pending == 0 && n.delivered_advance == 0 => {
            (K::Idle, "idle: nothing pending, nothing unacknowledged".to_owned(), None)
        }
        None if base.is_none() => (
            K::Healthy,
            format!(
                "no problem seen yet ({} pending, {} unacknowledged); judging needs {} of history",
                n.num_pending,
                n.num_ack_pending,
                secs(window_ms)
            ),
            None,
        ),
        None => (
            K::Healthy,
            format!(
                "working: {} pending, {} unacknowledged, {} delivered and {} acknowledged in the last {}",
                n.num_pending,
                n.num_ack_pending,
                n.delivered_advance,
                n.ack_floor_advance,
                secs(n.window_ms)
            ),
            None,
        ),
    };
    let mut also: Vec<MonitorVerdictKind> = Vec::new();
    for f in &found {
        if f.kind != kind && !also.contains(&f.kind) {
            also.push(f.kind);
        }
    }
    MonitorVerdict {
        id: String::new(),
        stream: c.stream.clone(),
        consumer: c.name.clone(),
        filter_subjects: c.filter_subjects.clone(),
        kind,
        severity,
        reason,
        also,
        threshold,
        numbers: n,
        at_ms: last.at_ms,
        since_ms: last.at_ms,
    }
}

fn numbers(
    c: &NatsConsumerView,
    ring: &Ring,
    base: Option<&crate::Sample>,
    last: &crate::Sample,
    advisories: u64,
    window_ms: u64,
) -> MonitorNumbers {
    let first = base.copied().unwrap_or(*last);
    let since = |t: Option<u64>| t.map(|t| last.at_ms.saturating_sub(t));
    MonitorNumbers {
        window_ms: last.at_ms.saturating_sub(first.at_ms),
        samples: ring.window(window_ms).count() as u64,
        num_pending: last.pending,
        num_ack_pending: last.ack_pending,
        num_redelivered: last.redelivered,
        num_waiting: last.waiting,
        max_ack_pending: c.max_ack_pending,
        delivered_stream_seq: last.delivered,
        ack_floor_stream_seq: last.ack_floor,
        delivered_advance: last.delivered.saturating_sub(first.delivered),
        ack_floor_advance: last.ack_floor.saturating_sub(first.ack_floor),
        pending_change: diff(last.pending, first.pending),
        redelivered_change: diff(last.redelivered, first.redelivered),
        advisories,
        since_last_delivery_ms: since(c.last_delivered_ms),
        since_last_ack_ms: since(c.last_ack_ms),
    }
}

fn diff(a: u64, b: u64) -> i64 {
    if a >= b {
        i64::try_from(a - b).unwrap_or(i64::MAX)
    } else {
        i64::try_from(b - a).map_or(i64::MIN, |d| -d)
    }
}

/// `1.5 s`, `42 s`, `3 min`, `2 h`.
pub(crate) fn secs(ms: u64) -> String {
    match ms {
        0..=9_999 => format!("{:.1} s", ms as f64 / 1000.0),
        10_000..=119_999 => format!("{} s", ms / 1000),
        120_000..=7_199_999 => format!("{} min", ms / 60_000),
        _ => format!("{} h", ms / 3_600_000),
    }
}

/// Server time as `HH:MM:SS` UTC.
fn clock(ms: u64) -> String {
    let s = (ms / 1000) % 86_400;
    format!("{:02}:{:02}:{:02} UTC", s / 3600, (s / 60) % 60, s % 60)
}
