//! The monitor feeds flows: verdicts, summary, timeline and removals; lag samples for the
//! consumers asked for.

use sluice_flow::{CollectingSink, FlowHandle};
use sluice_monitor::{MonitorEvent, MonitorSettings};
use sluice_wire::{MonitorEntry, MonitorVerdictKind as K, SubId};

use crate::common::{pull, Rig, PATIENCE, WINDOW};

fn entries(sink: &CollectingSink<MonitorEvent>) -> Vec<MonitorEntry> {
    sink.frames()
        .into_iter()
        .flat_map(|f| f.entries)
        .map(|e| e.entry)
        .collect()
}

async fn until<F: Fn(&[MonitorEntry]) -> bool>(
    rig: &Rig,
    sink: &CollectingSink<MonitorEvent>,
    what: &str,
    pred: F,
) {
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !pred(&entries(sink)) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "flow never carried {what}"
        );
        rig.next().await;
    }
}

fn flow(
    sub: u32,
) -> (
    CollectingSink<MonitorEvent>,
    sluice_flow::Producer<MonitorEvent>,
    FlowHandle,
) {
    let sink = CollectingSink::new();
    let (producer, handle) =
        sluice_flow::spawn(SubId(sub), sluice_monitor::flow_config(), sink.clone());
    (sink, producer, handle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verdicts_timeline_and_lag_reach_flows() {
    let rig = Rig::start(MonitorSettings::with_window(WINDOW)).await;
    let s = rig.stream("FEED").await;
    s.create_consumer(pull("waiting")).await.expect("consumer");
    rig.publish("feed.x", 3).await;
    rig.next().await;

    let (sink, producer, _h) = flow(1);
    rig.monitor.feed(producer);
    let (lag_sink, lag_producer, _lh) = flow(2);
    rig.monitor
        .feed_lag(vec!["FEED/waiting".into()], lag_producer);

    until(&rig, &sink, "the no-workers verdict", |es| {
        es.iter().any(|e| matches!(e, MonitorEntry::Verdict(v) if v.id == "FEED/waiting" && v.kind == K::NoWorkers))
    })
    .await;
    assert!(entries(&sink)
        .iter()
        .any(|e| matches!(e, MonitorEntry::Summary(_))));

    s.delete_consumer("waiting").await.expect("delete");
    until(&rig, &sink, "the removal and its timeline entry", |es| {
        es.iter().any(|e| matches!(e, MonitorEntry::Removed { id } if id == "FEED/waiting"))
            && es.iter().any(|e| matches!(e, MonitorEntry::Timeline(t) if t.consumer.as_deref() == Some("waiting")))
    })
    .await;

    let lag = entries(&lag_sink);
    let samples: Vec<_> = lag
        .iter()
        .filter_map(|e| match e {
            MonitorEntry::Lag { id, sample } if id == "FEED/waiting" => Some(*sample),
            _ => None,
        })
        .collect();
    assert!(samples.len() >= 2, "{lag:?}");
    assert!(samples.windows(2).all(|w| w[0].at_ms < w[1].at_ms));
    // (The oldest may predate the publish.)
    assert_eq!(
        samples.last().map(|s| s.num_pending),
        Some(3),
        "{samples:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_monitor_does_not_evaluate() {
    let rig = Rig::start(MonitorSettings::with_window(WINDOW)).await;
    let first = rig.next().await.summary.poll;
    rig.monitor.set_paused(true);
    assert!(rig.monitor.is_paused());
    // An evaluation already under way when pausing may still land; let it.
    rig.watcher.next_poll().await.expect("poll");
    let mut snap = rig.monitor.snapshot();
    snap.borrow_and_update();
    // Several polls go by without an evaluation.
    for _ in 0..3 {
        rig.watcher.next_poll().await.expect("poll");
    }
    assert!(!snap.has_changed().expect("alive"));
    rig.monitor.set_paused(false);
    let next = rig.next().await.summary.poll;
    assert!(next > first + 2, "{next} after {first}");
}
