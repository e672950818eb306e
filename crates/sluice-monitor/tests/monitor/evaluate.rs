//! The pure evaluation: each verdict from hand-made samples (shared helpers for `hostile`).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use sluice_monitor::{evaluate, MonitorSettings, Ring, Sample};
use sluice_nats::ClusterModel;
use sluice_wire::{
    MonitorSeverity, MonitorVerdictKind as K, NatsClusterView, NatsConsumerView, NatsPollSummary,
    NatsReplicaView,
};

pub const T0: u64 = 1_700_000_000_000;

pub fn view(at_ms: u64) -> NatsConsumerView {
    NatsConsumerView {
        stream: "S".into(),
        name: "c".into(),
        durable: true,
        description: None,
        filter_subjects: vec!["s.x".into()],
        ack_policy: "explicit".into(),
        deliver_policy: "all".into(),
        deliver_subject: None,
        push_bound: false,
        max_ack_pending: 1000,
        max_deliver: -1,
        max_waiting: 512,
        ack_wait_ms: 30_000,
        num_pending: 0,
        num_ack_pending: 0,
        num_redelivered: 0,
        num_waiting: 0,
        delivered_stream_seq: 0,
        delivered_consumer_seq: 0,
        ack_floor_stream_seq: 0,
        ack_floor_consumer_seq: 0,
        last_delivered_ms: None,
        last_ack_ms: None,
        paused: false,
        pause_until_ms: None,
        metadata: BTreeMap::new(),
        cluster: None,
        created_ms: T0,
        sampled_at_ms: at_ms,
    }
}

pub fn settings() -> MonitorSettings {
    MonitorSettings::with_window(Duration::from_secs(10))
}

/// Pushes `views` (each a poll) into a ring and evaluates the last one.
pub fn judge(views: &[NatsConsumerView]) -> sluice_wire::MonitorVerdict {
    let mut ring = Ring::default();
    for v in views {
        ring.push(Sample::of(v, T0), 1000, u64::MAX);
    }
    evaluate(views.last().expect("a view"), None, &ring, 0, &settings())
}

pub fn model(poll: u64, consumers: Vec<NatsConsumerView>) -> Arc<ClusterModel> {
    Arc::new(ClusterModel {
        poll: Some(NatsPollSummary {
            poll,
            polled_at_ms: T0 + poll * 1000,
            duration_ms: 1,
            requests: 1,
            errors: vec![],
        }),
        consumers,
        ..ClusterModel::default()
    })
}

#[test]
fn idle_is_healthy_and_no_workers_needs_a_full_window() {
    let idle = judge(&[view(T0), view(T0 + 20_000)]);
    assert_eq!((idle.kind, idle.severity), (K::Idle, MonitorSeverity::Ok));

    let waiting = |t| NatsConsumerView {
        num_pending: 7,
        delivered_stream_seq: 3,
        ..view(t)
    };
    let young = judge(&[waiting(T0), waiting(T0 + 5_000)]);
    assert_eq!(young.severity, MonitorSeverity::Ok, "{young:?}");
    let stuck = judge(&[waiting(T0), waiting(T0 + 5_000), waiting(T0 + 11_000)]);
    assert_eq!(
        (stuck.kind, stuck.severity),
        (K::NoWorkers, MonitorSeverity::Alert)
    );
    assert_eq!(stuck.numbers.num_pending, 7);
    assert_eq!(stuck.numbers.window_ms, 11_000);
    assert!(stuck.reason.contains("7 pending"), "{}", stuck.reason);

    // A waiting pull or a bound push subscriber means workers exist.
    let pulling = |t| NatsConsumerView {
        num_waiting: 1,
        ..waiting(t)
    };
    assert_eq!(
        judge(&[pulling(T0), pulling(T0 + 11_000)]).severity,
        MonitorSeverity::Ok
    );
    let push = |t, bound| NatsConsumerView {
        deliver_subject: Some("inbox".into()),
        push_bound: bound,
        ..waiting(t)
    };
    assert_eq!(
        judge(&[push(T0, true), push(T0 + 11_000, true)]).severity,
        MonitorSeverity::Ok
    );
    assert_eq!(
        judge(&[push(T0, false), push(T0 + 11_000, false)]).kind,
        K::NoWorkers
    );
}

#[test]
fn redelivery_rising_with_a_flat_ack_floor_is_a_loop() {
    let at = |t, r| NatsConsumerView {
        num_ack_pending: 2,
        num_redelivered: r,
        delivered_stream_seq: 10,
        ack_floor_stream_seq: 4,
        ..view(t)
    };
    let v = judge(&[at(T0, 1), at(T0 + 11_000, 6)]);
    assert_eq!(
        (v.kind, v.severity),
        (K::RedeliveryLoop, MonitorSeverity::Alert)
    );
    assert_eq!(v.numbers.redelivered_change, 5);
    assert!(v.also.contains(&K::AckStall));
}

#[test]
fn paused_is_shown_never_alerted_and_replication_is_checked() {
    let paused = |t| NatsConsumerView {
        paused: true,
        pause_until_ms: Some(T0 + 3_600_000),
        num_pending: 9,
        ..view(t)
    };
    let v = judge(&[paused(T0), paused(T0 + 20_000)]);
    assert_eq!((v.kind, v.severity), (K::Paused, MonitorSeverity::Ok));
    assert!(v.also.is_empty());

    let leaderless = NatsConsumerView {
        cluster: Some(NatsClusterView {
            name: Some("c".into()),
            leader: None,
            replicas: vec![],
        }),
        ..view(T0)
    };
    let v = judge(&[leaderless]);
    assert_eq!(
        (v.kind, v.severity),
        (K::Replication, MonitorSeverity::Alert)
    );
    let lagging = NatsConsumerView {
        cluster: Some(NatsClusterView {
            name: Some("c".into()),
            leader: Some("n1".into()),
            replicas: vec![NatsReplicaView {
                name: "n2".into(),
                current: false,
                offline: false,
                active_ms: 12_000,
                lag: Some(u64::MAX),
            }],
        }),
        ..view(T0)
    };
    let v = judge(&[lagging]);
    assert_eq!(
        (v.kind, v.severity),
        (K::Replication, MonitorSeverity::Warning)
    );
    assert!(v.reason.contains("n2"), "{}", v.reason);
}
