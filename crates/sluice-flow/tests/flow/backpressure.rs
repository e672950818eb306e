//! Credits: a receiver that stops acking stops the frames, not the producer; the ring stays
//! bounded and every drop is counted; an ack resumes sending.

use std::time::Duration;

use sluice_flow::{spawn, CollectingSink, FlowConfig, Policy};
use sluice_wire::SubId;
use tokio::time::sleep;

use crate::common::{Ev, PATIENCE};

#[tokio::test(start_paused = true)]
async fn a_stalled_receiver_gets_at_most_max_unacked_frames() {
    let cfg = FlowConfig {
        max_entries: 100,
        max_bytes: 1 << 20,
        max_unacked: 3,
        ..FlowConfig::new(Policy::KeepAll)
    };
    let interval = cfg.frame_interval;
    let sink = CollectingSink::without_acks();
    let (producer, handle) = spawn(SubId(7), cfg, sink.clone());
    let mut seq = 0u64;
    for _ in 0..40 {
        for _ in 0..500 {
            seq += 1;
            producer.push(Ev::new(0, seq, "0123456789"));
        }
        let b = handle.buffered();
        assert!(b.entries <= 100, "ring holds {} entries", b.entries);
        sleep(interval).await;
    }
    assert_eq!(sink.count(), 3, "sent past the credits");
    let stats = handle.stats();
    assert_eq!(stats.received, seq);
    assert!(stats.dropped > 0);
    let pending = handle.buffered().events;
    assert_eq!(
        stats.received,
        stats.delivered + stats.merged + stats.superseded + stats.dropped + pending
    );

    // Acking resumes the flow; the next frame reports the drops since the last one.
    handle.ack(3);
    assert!(sink.wait_for(4, PATIENCE).await);
    let fourth = sink.frames().pop().unwrap();
    assert_eq!(fourth.seq, 4);
    let report = fourth.dropped.expect("drops reported");
    assert_eq!(report.count, fourth.stats.dropped - dropped_before(&sink));
    // Acks of frames never sent are clamped, so they cannot buy future credit.
    handle.ack(1_000);
    sleep(interval * 10).await;
    assert!(sink.count() <= 4 + 3);
}

fn dropped_before(sink: &CollectingSink<Ev>) -> u64 {
    let frames = sink.frames();
    frames[frames.len() - 2].stats.dropped
}

#[tokio::test(start_paused = true)]
async fn an_acking_receiver_keeps_receiving() {
    let sink = CollectingSink::without_acks();
    let (producer, handle) = spawn(SubId(1), FlowConfig::new(Policy::KeepAll), sink.clone());
    for seq in 1..=20u64 {
        producer.push(Ev::new(0, seq, "x"));
        assert!(sink.wait_for(seq as usize, PATIENCE).await);
        handle.ack(sink.last_seq());
        sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(handle.stats().delivered, 20);
    assert_eq!(handle.stats().dropped, 0);
}
