//! Restart, close, the end of a source, sink errors, the registry, frame splitting and
//! latest-state sources.

use sluice_flow::{
    spawn, watch_source, CollectingSink, FlowConfig, Policy, Registry, MAX_FRAME_JSON_BYTES,
};
use sluice_wire::{ErrorCode, SubId};
use tokio::sync::watch;
use tokio::time::timeout;

use crate::common::{quick, Ev, PATIENCE};

#[tokio::test(start_paused = true)]
async fn restart_bumps_the_generation_and_keeps_the_subscription() {
    let registry = Registry::new();
    let sub = registry.next_id();
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(sub, FlowConfig::new(Policy::LatestPerKey), sink.clone());
    registry.insert(handle.clone());

    // Pending across a restart: the old value leaves in a frame of the old generation and
    // never coalesces with the new one.
    producer.push(Ev::new(1, 1, "before"));
    assert_eq!(producer.restart(), 1);
    producer.push(Ev::new(1, 2, "after"));
    assert!(sink.wait_for(2, PATIENCE).await);
    let frames = sink.frames();
    assert_eq!(
        (frames[0].generation, frames[0].entries[0].text.as_str()),
        (0, "before")
    );
    assert_eq!(
        (frames[1].generation, frames[1].entries[0].text.as_str()),
        (1, "after")
    );
    assert_eq!(handle.generation(), 1);

    assert_eq!(registry.len(), 1);
    assert!(registry.ack(sub, 2).is_ok());
    producer.push(Ev::new(1, 3, "later"));
    assert!(sink.wait_for(3, PATIENCE).await);
    assert_eq!(sink.frames()[2].generation, 1);
    assert!(!producer.is_closed());
}

#[tokio::test(start_paused = true)]
async fn close_forgets_the_subscription() {
    let registry = Registry::new();
    let sub = registry.next_id();
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(sub, quick(Policy::KeepAll), sink.clone());
    registry.insert(handle.clone());
    for seq in 1..=5 {
        producer.push(Ev::new(0, seq, "x"));
    }
    assert!(sink.wait_for(1, PATIENCE).await);

    registry.close(sub).unwrap();
    timeout(PATIENCE, handle.closed())
        .await
        .expect("flusher stops");
    assert!(producer.is_closed());
    producer.push(Ev::new(0, 6, "ignored")); // no panic, counted nowhere
    assert_eq!(registry.close(sub).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(registry.ack(sub, 1).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(registry.len(), 0);
    // Closed subscriptions still count towards the events handled.
    assert_eq!(registry.events_handled(), 5);
    let s = handle.stats();
    assert_eq!(
        s.received,
        s.delivered + s.merged + s.superseded + s.dropped
    );
}

#[tokio::test(start_paused = true)]
async fn the_end_of_the_source_flushes_then_closes() {
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(SubId(3), FlowConfig::new(Policy::KeepAll), sink.clone());
    for seq in 1..=300 {
        producer.push(Ev::new(0, seq, "some text that takes room"));
    }
    drop(producer);
    timeout(PATIENCE, handle.closed()).await.expect("flow ends");
    let delivered: usize = sink.frames().iter().map(|f| f.entries.len()).sum();
    assert_eq!(delivered, 300);
    assert!(sink.count() > 1, "300 entries do not fit one frame");
    assert!(handle.is_closed());
}

#[tokio::test(start_paused = true)]
async fn a_sink_error_closes_the_subscription() {
    let registry = Registry::new();
    let sub = registry.next_id();
    let sink = CollectingSink::new();
    sink.set_failing(true);
    let (producer, handle) = spawn(sub, FlowConfig::new(Policy::KeepAll), sink.clone());
    registry.insert(handle.clone());
    producer.push(Ev::new(0, 1, "x"));
    timeout(PATIENCE, producer.closed())
        .await
        .expect("closes itself");
    assert!(producer.is_closed());
    assert_eq!(registry.ack(sub, 1).unwrap_err().code, ErrorCode::Closed);
    assert_eq!(registry.len(), 0);
    assert_eq!(registry.events_handled(), 1);
}

#[tokio::test(start_paused = true)]
async fn frames_stay_under_the_json_limit_measured_with_serde() {
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(SubId(9), FlowConfig::new(Policy::KeepAll), sink.clone());
    let mut seq = 0;
    for i in 0..2_000usize {
        seq += 1;
        let text = "é\"x".repeat(10 + i % 60); // escapes and multi-byte chars
        producer.push(Ev::new((i % 7) as u8, seq, text));
    }
    seq += 1;
    producer.push(Ev::new(1, seq, "y".repeat(20_000))); // bigger than a frame
    drop(producer);
    timeout(PATIENCE, handle.closed()).await.expect("flow ends");

    let frames = sink.frames();
    let mut delivered = 0;
    for frame in &frames {
        delivered += frame.entries.len();
        let len = serde_json::to_string(frame).unwrap().len();
        if frame.entries.len() == 1 && frame.entries[0].text.len() == 20_000 {
            continue; // an oversized entry goes alone
        }
        assert!(
            len < MAX_FRAME_JSON_BYTES,
            "frame {} is {len} bytes",
            frame.seq
        );
    }
    assert_eq!(delivered as u64, seq);
    assert_eq!(handle.stats().dropped, 0);
}

#[tokio::test(start_paused = true)]
async fn a_watch_source_forwards_the_latest_state() {
    let (tx, rx) = watch::channel(Ev::new(0, 0, "v0"));
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(SubId(4), quick(Policy::LatestPerKey), sink.clone());
    let task = watch_source(rx, producer);
    for i in 1..=50 {
        tx.send_replace(Ev::new(0, i, format!("v{i}")));
        if i % 10 == 0 {
            tokio::task::yield_now().await;
        }
    }
    drop(tx);
    timeout(PATIENCE, task).await.expect("task ends").unwrap();
    timeout(PATIENCE, handle.closed()).await.expect("flow ends");
    let last = sink
        .frames()
        .last()
        .unwrap()
        .entries
        .last()
        .unwrap()
        .clone();
    assert_eq!(last.text, "v50");
}

#[tokio::test(start_paused = true)]
async fn a_watch_source_stops_when_the_subscription_closes() {
    let (tx, rx) = watch::channel(Ev::new(0, 0, "v0"));
    let (producer, handle) = spawn(SubId(5), quick(Policy::LatestPerKey), CollectingSink::new());
    let task = watch_source(rx, producer);
    handle.close();
    timeout(PATIENCE, task).await.expect("task ends").unwrap();
    assert!(tx.send(Ev::new(0, 1, "v1")).is_err(), "receiver dropped");
}
