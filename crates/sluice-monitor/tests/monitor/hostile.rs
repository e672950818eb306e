//! Hostile input for the pure core: counters going backwards after a server restart,
//! missing or backwards timestamps, huge numbers, broken metadata and advisories, and the
//! memory bounds.

use std::collections::BTreeMap;
use std::sync::Arc;

use sluice_monitor::{
    evaluate, parse_advisory, thresholds, AdvisoryKind, MonitorState, Ring, Sample, Thresholds,
};
use sluice_nats::ClusterModel;
use sluice_wire::{MonitorSeverity, MonitorVerdictKind as K, NatsConsumerView, NatsPollSummary};

use crate::evaluate::{judge, model, settings, view, T0};

#[test]
fn counters_going_backwards_restart_the_history() {
    let before = NatsConsumerView {
        num_pending: 5,
        delivered_stream_seq: 1_000,
        ack_floor_stream_seq: 1_000,
        ..view(T0)
    };
    // The server lost its state (or the consumer was recreated): sequences start again.
    let after = NatsConsumerView {
        num_pending: 5,
        delivered_stream_seq: 2,
        ..view(T0 + 11_000)
    };
    let mut ring = Ring::default();
    ring.push(Sample::of(&before, T0), 100, u64::MAX);
    ring.push(Sample::of(&after, T0), 100, u64::MAX);
    assert_eq!(ring.len(), 1);
    let v = evaluate(&after, None, &ring, 0, &settings());
    // Not "no workers" from a window it never saw, and no negative advances.
    assert_eq!(v.severity, MonitorSeverity::Ok, "{v:?}");
    assert_eq!(v.numbers.delivered_advance, 0);
}

#[test]
fn missing_and_backwards_timestamps_keep_time_ordered() {
    let mut ring = Ring::default();
    ring.push(Sample::of(&view(T0 + 5_000), T0), 100, u64::MAX);
    // No timestamp: the fallback stands in; earlier than the last: held at the last.
    ring.push(Sample::of(&view(0), T0 + 6_000), 100, u64::MAX);
    let back = NatsConsumerView {
        num_pending: 1,
        ..view(T0)
    };
    ring.push(Sample::of(&back, T0), 100, u64::MAX);
    let times: Vec<u64> = ring.iter().map(|s| s.at_ms).collect();
    assert_eq!(times, vec![T0 + 5_000, T0 + 6_000, T0 + 6_000]);

    // A state without any timestamps at all still evaluates.
    let mut state = MonitorState::new(settings());
    let m = Arc::new(ClusterModel {
        poll: Some(NatsPollSummary {
            poll: 1,
            polled_at_ms: 0,
            duration_ms: 0,
            requests: 0,
            errors: vec![],
        }),
        consumers: vec![view(0)],
        ..ClusterModel::default()
    });
    let e = state.observe(&m);
    assert_eq!(e.snapshot.verdicts.len(), 1);
}

#[test]
fn huge_numbers_do_not_overflow() {
    let huge = |t, p| NatsConsumerView {
        num_pending: p,
        num_ack_pending: u64::MAX,
        num_redelivered: u64::MAX,
        num_waiting: u64::MAX,
        delivered_stream_seq: u64::MAX,
        delivered_consumer_seq: u64::MAX,
        ack_floor_stream_seq: u64::MAX,
        max_ack_pending: i64::MIN,
        last_delivered_ms: Some(u64::MAX),
        last_ack_ms: Some(0),
        ..view(t)
    };
    let v = judge(&[huge(0, 0), huge(u64::MAX, u64::MAX)]);
    assert_eq!(v.numbers.pending_change, i64::MAX);
    let v = judge(&[huge(T0, u64::MAX), huge(T0 + 20_000, 0)]);
    assert_eq!(v.numbers.pending_change, i64::MIN);
    assert_eq!(v.kind, K::AckStall, "{v:?}");
}

#[test]
fn threshold_metadata_parses_like_the_nats_cli_and_refuses_garbage() {
    let meta = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let d = Thresholds {
        unprocessed: 7,
        ..Thresholds::default()
    };
    let t = Thresholds::from_metadata(
        &meta(&[
            (thresholds::OUTSTANDING_ACK, "5"),
            (thresholds::LAST_ACK, "1h30m"),
            (thresholds::LAST_DELIVERY, "90"),
            (thresholds::REDELIVERY, "-3"),
        ]),
        &d,
    );
    assert_eq!(t.outstanding_ack, 5);
    assert_eq!(t.last_ack_ms, 5_400_000);
    assert_eq!(t.last_delivery_ms, 90_000);
    assert_eq!(t.redelivery, 0);
    assert_eq!(
        t.unprocessed, 7,
        "defaults stay where metadata says nothing"
    );
    for bad in [
        "",
        "abc",
        "5x",
        "-1s",
        "1e400",
        "NaN",
        "h",
        "99999999999999999999999",
    ] {
        let t = Thresholds::from_metadata(
            &meta(&[(thresholds::LAST_ACK, bad), (thresholds::WAITING, bad)]),
            &d,
        );
        assert_eq!((t.last_ack_ms, t.waiting), (0, 0), "{bad:?}");
    }
    assert_eq!(thresholds::parse_duration_ms("250ms"), Some(250));
    assert_eq!(thresholds::parse_duration_ms("1.5s"), Some(1_500));
}

#[test]
fn advisories_parse_and_broken_ones_are_ignored() {
    let nak = br#"{"type":"io.nats.jetstream.advisory.v1.nak","stream":"S","consumer":"c","timestamp":"2024-01-02T03:04:05.678Z"}"#;
    let a = parse_advisory("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.S.c", nak).expect("parses");
    assert_eq!(a.kind, AdvisoryKind::Nak);
    assert_eq!(a.at_ms, 1_704_164_645_678);
    let max = br#"{"type":"io.nats.jetstream.advisory.v1.max_deliver","stream":"S","consumer":"c","timestamp":"garbage"}"#;
    let a = parse_advisory("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.S.c", max).expect("parses");
    assert_eq!((a.kind, a.at_ms), (AdvisoryKind::MaxDeliveries, 0));
    for bad in [
        &b""[..],
        b"{",
        b"null",
        b"[1,2]",
        br#"{"stream":"S"}"#,
        &[0xff, 0xfe],
    ] {
        assert!(parse_advisory("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.S.c", bad).is_none());
    }
    assert!(parse_advisory(
        "other.subject",
        br#"{"type":"x","stream":"S","consumer":"c"}"#
    )
    .is_none());

    // Advisories inside the window make a loop; older ones do not.
    let mut state = MonitorState::new(settings());
    let busy = |t| NatsConsumerView {
        num_ack_pending: 1,
        delivered_stream_seq: 1,
        ..view(t)
    };
    state.observe(&model(1, vec![busy(T0)]));
    let mut adv = parse_advisory("$JS.EVENT.ADVISORY.CONSUMER.MSG_NAKED.S.c", nak).expect("parses");
    adv.at_ms = T0 + 1_000;
    state.record_advisory(adv.clone());
    let v = state
        .observe(&model(2, vec![busy(T0 + 2_000)]))
        .snapshot
        .verdicts[0]
        .clone();
    assert_eq!(v.kind, K::RedeliveryLoop, "{v:?}");
    assert_eq!(v.numbers.advisories, 1);
    let v = state
        .observe(&model(3, vec![busy(T0 + 30_000)]))
        .snapshot
        .verdicts[0]
        .clone();
    assert_ne!(v.kind, K::RedeliveryLoop, "{v:?}");
}

#[test]
fn history_is_bounded_by_count_age_and_total_budget() {
    let mut ring = Ring::default();
    for i in 0..10_000u64 {
        let v = NatsConsumerView {
            delivered_stream_seq: i,
            ..view(T0 + i * 1000)
        };
        ring.push(Sample::of(&v, T0), 720, 3_600_000);
    }
    assert_eq!(ring.len(), 720);

    let mut ring = Ring::default();
    for i in 0..100u64 {
        ring.push(Sample::of(&view(T0 + i * 60_000), T0), 10_000, 600_000);
    }
    assert_eq!(ring.len(), 11);

    let mut s = settings();
    s.max_total_samples = 1_000;
    let mut state = MonitorState::new(s);
    for poll in 1..=200u64 {
        let cs = (0..100)
            .map(|i| NatsConsumerView {
                name: format!("c{i}"),
                ..view(T0 + poll * 1000)
            })
            .collect();
        state.observe(&model(poll, cs));
    }
    assert!(state.samples_held() <= 100 * 16, "{}", state.samples_held());
}
