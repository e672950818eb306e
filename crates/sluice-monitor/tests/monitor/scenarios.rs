//! Every verdict from a real situation built on a real server: each stuck consumer gets its
//! verdict within two windows of polls, and the healthy ones (idle, working, paused) stay
//! healthy the whole time.

use std::collections::HashMap;
use std::time::Duration;

use async_nats::jetstream::AckKind;
use futures_util::StreamExt;
use sluice_monitor::MonitorSettings;
use sluice_wire::{MonitorSeverity, MonitorVerdictKind as K};

use crate::common::{fetch, pull, version, Rig, TWO_WINDOWS_POLLS, WINDOW};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_stuck_consumer_is_named_and_healthy_ones_stay_healthy() {
    let rig = Rig::start(MonitorSettings::with_window(WINDOW)).await;
    let (major, minor) = version().await;
    let pausable = (major, minor) >= (2, 11);
    let s = rig.stream("WORK").await;
    let mk = |name: &str, subject: &str| {
        let mut c = pull(name);
        c.filter_subject = format!("work.{subject}");
        c
    };

    // No workers: messages wait, nobody pulls.
    s.create_consumer(mk("noworkers", "a"))
        .await
        .expect("consumer");
    rig.publish("work.a", 5).await;

    // Ack stall: a handler fetched and never acks (ack wait is a minute, so no redelivery).
    let stall = s.create_consumer(mk("stall", "b")).await.expect("consumer");
    rig.publish("work.b", 5).await;
    assert_eq!(fetch(&stall, 5).await.len(), 5);

    // Saturated: max ack pending 3, everything outstanding.
    let mut cfg = mk("saturated", "c");
    cfg.max_ack_pending = 3;
    let sat = s.create_consumer(cfg).await.expect("consumer");
    rig.publish("work.c", 10).await;
    assert_eq!(fetch(&sat, 10).await.len(), 3);

    // A handler that NAKs forever.
    let nak = s.create_consumer(mk("naker", "d")).await.expect("consumer");
    rig.publish("work.d", 2).await;
    let naker = tokio::spawn(async move {
        loop {
            for m in fetch(&nak, 2).await {
                m.ack_with(AckKind::Nak(None)).await.expect("nak");
            }
        }
    });

    // Lagging: the publisher is faster than the slow worker (which acks what it gets).
    let lag = s
        .create_consumer(mk("lagging", "e"))
        .await
        .expect("consumer");
    let js = rig.js().clone();
    let publisher = tokio::spawn(async move {
        loop {
            for _ in 0..10 {
                js.publish("work.e", "x".into()).await.expect("publish");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });
    let slow = tokio::spawn(async move {
        loop {
            for m in fetch(&lag, 1).await {
                m.ack().await.expect("ack");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });

    // Healthy: a worker that keeps up with a steady publisher.
    let ok = s
        .create_consumer(mk("working", "f"))
        .await
        .expect("consumer");
    let js = rig.js().clone();
    let steady = tokio::spawn(async move {
        loop {
            js.publish("work.f", "x".into()).await.expect("publish");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let worker = tokio::spawn(async move {
        let mut msgs = ok.messages().await.expect("messages");
        while let Some(m) = msgs.next().await {
            m.expect("message").ack().await.expect("ack");
        }
    });

    // Idle: everything delivered and acknowledged.
    let idle = s.create_consumer(mk("idle", "g")).await.expect("consumer");
    rig.publish("work.g", 3).await;
    for m in fetch(&idle, 3).await {
        m.double_ack().await.expect("ack");
    }

    // Paused (servers 2.11 and later know `pause_until`).
    if pausable {
        let mut cfg = mk("paused", "h");
        cfg.pause_until = Some(time::OffsetDateTime::now_utc() + time::Duration::hours(1));
        s.create_consumer(cfg).await.expect("consumer");
        rig.publish("work.h", 4).await;
    } else {
        eprintln!("paused scenario skipped: server {major}.{minor} has no pause_until (2.11+)");
    }

    let stuck: HashMap<&str, K> = [
        ("WORK/noworkers", K::NoWorkers),
        ("WORK/stall", K::AckStall),
        ("WORK/saturated", K::Saturated),
        ("WORK/naker", K::RedeliveryLoop),
        ("WORK/lagging", K::FallingBehind),
    ]
    .into_iter()
    .collect();
    let mut healthy = vec![("WORK/working", K::Healthy), ("WORK/idle", K::Idle)];
    if pausable {
        healthy.push(("WORK/paused", K::Paused));
    }

    let start = rig.next().await.summary.poll;
    let mut found: HashMap<&str, u64> = HashMap::new();
    // Keep watching one window past the last verdict so healthy ones get a full window too.
    let mut until = start + TWO_WINDOWS_POLLS;
    loop {
        let snap = rig.next().await;
        let poll = snap.summary.poll;
        for (id, kind) in &stuck {
            if let Some(v) = snap.verdict(id).filter(|v| v.kind == *kind) {
                assert_ne!(v.severity, MonitorSeverity::Ok, "{id}: {v:?}");
                assert!(!v.reason.is_empty());
                found.entry(id).or_insert(poll);
            }
        }
        for (id, _) in &healthy {
            let v = snap
                .verdict(id)
                .unwrap_or_else(|| panic!("{id} has a verdict"));
            assert_eq!(
                v.severity,
                MonitorSeverity::Ok,
                "{id} must stay healthy: {v:?}"
            );
        }
        if found.len() == stuck.len() && poll >= until {
            for (id, kind) in &healthy {
                let v = snap.verdict(id).expect("verdict");
                assert_eq!(v.kind, *kind, "{id}: {v:?}");
            }
            break;
        }
        if poll > start + TWO_WINDOWS_POLLS {
            let missing: Vec<_> = stuck
                .iter()
                .filter(|(id, _)| !found.contains_key(*id))
                .map(|(id, k)| format!("{id} (want {k:?}, have {:?})", snap.verdict(id)))
                .collect();
            assert!(
                missing.is_empty(),
                "not named within two windows: {missing:#?}"
            );
            until = until.max(poll);
        }
    }

    // The numbers behind the saturated verdict.
    let snap = rig.next().await;
    let sat = snap.verdict("WORK/saturated").expect("verdict");
    assert_eq!(sat.numbers.num_ack_pending, 3);
    assert_eq!(sat.numbers.max_ack_pending, 3);
    assert!(sat.also.contains(&K::AckStall), "{sat:?}");
    let nw = snap.verdict("WORK/noworkers").expect("verdict");
    assert_eq!(nw.numbers.num_pending, 5);
    assert_eq!(nw.numbers.delivered_advance, 0);
    assert_eq!(nw.filter_subjects, vec!["work.a".to_owned()]);
    assert_eq!(snap.summary.severity, MonitorSeverity::Alert);
    assert!(snap.summary.alert >= 4, "{:?}", snap.summary);

    // Lag history has the samples behind it, in server time order.
    let hist = rig.monitor.lag_history("WORK/lagging").expect("history");
    assert!(hist.samples.len() >= 5);
    assert!(hist.samples.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
    assert!(hist.samples.last().expect("sample").num_pending > hist.samples[0].num_pending);

    for t in [naker, publisher, slow, steady, worker] {
        t.abort();
    }
}
