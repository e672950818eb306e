//! The findings a verdict is made of: replication, io.nats.monitor.* thresholds, and the
//! windowed checks (saturated, redelivery loop, no workers, ack stall, falling behind).

use sluice_wire::{
    MonitorNumbers, MonitorSeverity, MonitorVerdictKind, NatsClusterView, NatsConsumerView,
};

use crate::evaluate::secs;
use crate::history::Ring;
use crate::thresholds::{self, Thresholds};
use crate::MonitorSettings;

use MonitorSeverity::{Alert, Warning};
use MonitorVerdictKind as K;

pub(crate) struct Finding {
    pub kind: MonitorVerdictKind,
    pub severity: MonitorSeverity,
    pub reason: String,
    pub threshold: Option<&'static str>,
}

/// Pending stayed above the window's start through the window's second half: a trend, not
/// one burst that the workers are already draining.
pub(crate) fn rising(ring: &Ring, window_ms: u64, start: u64) -> bool {
    let len = ring.window(window_ms).count();
    len >= 2
        && ring
            .window(window_ms)
            .skip(len / 2)
            .all(|s| s.pending > start)
}

pub(crate) fn finding(
    kind: MonitorVerdictKind,
    severity: MonitorSeverity,
    reason: String,
) -> Finding {
    Finding {
        kind,
        severity,
        reason,
        threshold: None,
    }
}

pub(crate) fn replication(
    cl: Option<&NatsClusterView>,
    what: &str,
    settings: &MonitorSettings,
    found: &mut Vec<Finding>,
) {
    let Some(cl) = cl else { return };
    if !matches!(cl.leader.as_deref(), Some(l) if !l.is_empty()) {
        found.push(finding(
            K::Replication,
            Alert,
            format!("the {what} has no leader"),
        ));
        return;
    }
    for r in &cl.replicas {
        let lag = r.lag.unwrap_or(0);
        if r.offline || !r.current || lag >= settings.replica_lag.max(1) {
            let state = if r.offline {
                "offline"
            } else if !r.current {
                "not current"
            } else {
                "lagging"
            };
            found.push(finding(
                K::Replication,
                Warning,
                format!(
                    "{what} replica {} is {state} ({lag} operations behind, last seen {} ago)",
                    r.name,
                    secs(r.active_ms)
                ),
            ));
        }
    }
}

pub(crate) fn thresholds_hit(t: &Thresholds, n: &MonitorNumbers, found: &mut Vec<Finding>) {
    let mut hit = |kind, key: &'static str, reason: String| {
        found.push(Finding {
            kind,
            severity: Alert,
            reason: format!("{reason} ({key})"),
            threshold: Some(key),
        });
    };
    if t.outstanding_ack > 0 && n.num_ack_pending >= t.outstanding_ack {
        let why = format!(
            "{} unacknowledged, critical at {}",
            n.num_ack_pending, t.outstanding_ack
        );
        hit(K::Saturated, thresholds::OUTSTANDING_ACK, why);
    }
    if t.unprocessed > 0 && n.num_pending >= t.unprocessed {
        let why = format!("{} pending, critical at {}", n.num_pending, t.unprocessed);
        hit(K::FallingBehind, thresholds::UNPROCESSED, why);
    }
    if t.redelivery > 0 && n.num_redelivered >= t.redelivery {
        let why = format!(
            "{} redelivered, critical at {}",
            n.num_redelivered, t.redelivery
        );
        hit(K::RedeliveryLoop, thresholds::REDELIVERY, why);
    }
    if t.last_delivery_ms > 0 {
        match n.since_last_delivery_ms {
            None => hit(
                K::NoWorkers,
                thresholds::LAST_DELIVERY,
                "never delivered".to_owned(),
            ),
            Some(ms) if ms >= t.last_delivery_ms => {
                let why = format!(
                    "last delivery {} ago, critical at {}",
                    secs(ms),
                    secs(t.last_delivery_ms)
                );
                hit(K::NoWorkers, thresholds::LAST_DELIVERY, why);
            }
            Some(_) => {}
        }
    }
    if t.last_ack_ms > 0 {
        match n.since_last_ack_ms {
            None => hit(
                K::AckStall,
                thresholds::LAST_ACK,
                "never acknowledged".to_owned(),
            ),
            Some(ms) if ms >= t.last_ack_ms => {
                let why = format!(
                    "last ack {} ago, critical at {}",
                    secs(ms),
                    secs(t.last_ack_ms)
                );
                hit(K::AckStall, thresholds::LAST_ACK, why);
            }
            Some(_) => {}
        }
    }
}

pub(crate) fn windowed(
    c: &NatsConsumerView,
    n: &MonitorNumbers,
    covered: bool,
    sustained: impl Fn() -> bool,
    settings: &MonitorSettings,
    found: &mut Vec<Finding>,
) {
    let w = secs(n.window_ms);
    if c.max_ack_pending > 0 && n.num_ack_pending >= c.max_ack_pending.unsigned_abs() {
        found.push(finding(
            K::Saturated,
            Warning,
            format!(
                "saturated: {} unacknowledged of at most {}, the server sends no more until some are acknowledged",
                n.num_ack_pending, c.max_ack_pending
            ),
        ));
    }
    if n.advisories > 0 {
        found.push(finding(
            K::RedeliveryLoop,
            Alert,
            format!(
                "{} messages NAKed or past max deliveries in the last {}",
                n.advisories,
                secs(settings.window_ms())
            ),
        ));
    }
    if !covered {
        return;
    }
    let acks = c.ack_policy != "none";
    if acks && n.redelivered_change > 0 && n.ack_floor_advance == 0 {
        found.push(finding(
            K::RedeliveryLoop,
            Alert,
            format!(
                "redelivered rose by {} to {} in the last {w} while the ack floor stayed at {}",
                n.redelivered_change, n.num_redelivered, n.ack_floor_stream_seq
            ),
        ));
    }
    let push = c.deliver_subject.is_some();
    let nobody = if push {
        !c.push_bound
    } else {
        n.num_waiting == 0
    };
    if n.num_pending > 0 && n.delivered_advance == 0 && nobody {
        let who = if push {
            "no subscriber is bound"
        } else {
            "no pull request is waiting"
        };
        found.push(finding(
            K::NoWorkers,
            Alert,
            format!(
                "no workers: {} pending, nothing delivered in the last {w} (still at stream sequence {}), {who}",
                n.num_pending, n.delivered_stream_seq
            ),
        ));
    }
    if acks && n.num_ack_pending > 0 && n.ack_floor_advance == 0 {
        found.push(finding(
            K::AckStall,
            Alert,
            format!(
                "ack stall: {} delivered but unacknowledged, ack floor stuck at stream sequence {} for {w}",
                n.num_ack_pending, n.ack_floor_stream_seq
            ),
        ));
    }
    let growth = u64::try_from(n.pending_change).unwrap_or(0);
    if growth > settings.falling_behind_growth && n.delivered_advance > 0 && sustained() {
        found.push(finding(
            K::FallingBehind,
            Warning,
            format!(
                "falling behind: pending grew by {growth} to {} in the last {w} although {} were delivered",
                n.num_pending, n.delivered_advance
            ),
        ));
    }
}
