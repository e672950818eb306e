//! `io.nats.monitor.*` consumer metadata changes the verdict as documented in
//! `sluice_monitor::thresholds` (metadata needs servers 2.10 and later).

use std::collections::HashMap;
use std::time::Duration;

use sluice_monitor::{thresholds as keys, MonitorSettings};
use sluice_wire::{MonitorSeverity, MonitorVerdictKind as K};

use crate::common::{fetch, pull, version, Rig, TWO_WINDOWS_POLLS};

/// Consumer name, its metadata, messages fetched and left unacknowledged, the verdict and
/// threshold key it must get (`None`: stays healthy).
type Case = (
    &'static str,
    Vec<(&'static str, &'static str)>,
    usize,
    Option<(K, &'static str)>,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metadata_thresholds_decide_verdicts() {
    let (major, minor) = version().await;
    if (major, minor) < (2, 10) {
        eprintln!("skipped: server {major}.{minor} keeps no consumer metadata (2.10+)");
        return;
    }
    // A long window: only the thresholds can judge within this test.
    let rig = Rig::start(MonitorSettings::with_window(Duration::from_secs(3600))).await;
    let s = rig.stream("TH").await;
    let make = |name: &str, meta: &[(&str, &str)]| {
        let mut c = pull(name);
        c.filter_subject = format!("th.{name}");
        c.metadata = meta
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<HashMap<_, _>>();
        c
    };

    let cases: Vec<Case> = vec![
        (
            "ackcrit",
            vec![(keys::OUTSTANDING_ACK, "2")],
            3,
            Some((K::Saturated, keys::OUTSTANDING_ACK)),
        ),
        ("ackhigh", vec![(keys::OUTSTANDING_ACK, "10")], 3, None),
        ("ackplain", vec![], 3, None),
        (
            "lastack",
            vec![(keys::LAST_ACK, "50ms")],
            3,
            Some((K::AckStall, keys::LAST_ACK)),
        ),
        (
            "unproc",
            vec![(keys::UNPROCESSED, "5")],
            0,
            Some((K::FallingBehind, keys::UNPROCESSED)),
        ),
        ("unprocoff", vec![(keys::UNPROCESSED, "0")], 0, None),
        ("unprocbad", vec![(keys::UNPROCESSED, "lots")], 0, None),
        (
            "lastdel",
            vec![(keys::LAST_DELIVERY, "1s")],
            0,
            Some((K::NoWorkers, keys::LAST_DELIVERY)),
        ),
        ("waiting", vec![(keys::WAITING, "1")], 0, None),
    ];
    for (name, meta, fetched, _) in &cases {
        let c = s.create_consumer(make(name, meta)).await.expect("consumer");
        rig.publish(&format!("th.{name}"), 5).await;
        if *fetched > 0 {
            assert_eq!(fetch(&c, *fetched).await.len(), *fetched);
        }
    }
    // Redelivered once: NAKed, fetched again, left unacknowledged.
    let c = s
        .create_consumer(make("redeliv", &[(keys::REDELIVERY, "1")]))
        .await
        .expect("consumer");
    rig.publish("th.redeliv", 1).await;
    for m in fetch(&c, 1).await {
        m.ack_with(async_nats::jetstream::AckKind::Nak(None))
            .await
            .expect("nak");
    }
    let again = fetch(&c, 1).await;
    assert_eq!(again.len(), 1);

    let v = rig
        .verdict_within("TH/redeliv", TWO_WINDOWS_POLLS, "redelivery", |v| {
            v.kind == K::RedeliveryLoop
        })
        .await;
    assert_eq!(v.threshold.as_deref(), Some(keys::REDELIVERY));
    assert_eq!(v.severity, MonitorSeverity::Alert);

    for (name, _, _, want) in &cases {
        let id = format!("TH/{name}");
        match want {
            Some((kind, key)) => {
                let v = rig
                    .verdict_within(&id, TWO_WINDOWS_POLLS, "threshold", |v| v.kind == *kind)
                    .await;
                assert_eq!(v.severity, MonitorSeverity::Alert, "{v:?}");
                assert_eq!(v.threshold.as_deref(), Some(*key), "{v:?}");
                assert!(v.reason.contains(key), "{v:?}");
            }
            None => {
                let snap = rig.next().await;
                let v = snap.verdict(&id).expect("verdict");
                assert_eq!(v.severity, MonitorSeverity::Ok, "{v:?}");
                assert_eq!(v.threshold, None);
            }
        }
    }
}
