//! After a reconnect the model feed starts a new generation and sends the whole model
//! again, so a view can drop what it held and rebuild from fresh facts.

use std::time::Duration;

use sluice_flow::{CollectingSink, FlowConfig, Policy};
use sluice_nats::{ModelEvent, ModelOptions, ModelWatcher};
use sluice_wire::{NatsModelEntry, SubId};

use crate::common::{connect, eventually, server};

#[tokio::test]
async fn reconnect_bumps_the_generation_and_resends_everything() {
    let mut s = server().await;
    let conn = connect(&s.url()).await;
    conn.jetstream()
        .create_stream(async_nats::jetstream::stream::Config {
            name: "KEEP".into(),
            subjects: vec!["keep.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
    let watcher = ModelWatcher::start(
        conn.clone(),
        ModelOptions {
            interval: Duration::from_millis(200),
        },
    );
    let sink = CollectingSink::<ModelEvent>::new();
    let (producer, _handle) = sluice_flow::spawn(
        SubId(9),
        FlowConfig::new(Policy::LatestPerKey),
        sink.clone(),
    );
    watcher.feed(producer);
    let has_keep = |gen: u32| {
        sink.frames().into_iter().any(|f| {
            f.generation == gen
                && f.entries
                    .iter()
                    .any(|e| matches!(&e.entry, NatsModelEntry::Stream(st) if st.name == "KEEP"))
        })
    };
    eventually("the stream in generation 0", || async { has_keep(0) }).await;
    // Unchanged polls send nothing about KEEP again.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let before = sink.frames().len();
    assert!(!has_keep(1));

    s.restart().await.expect("server restarts");
    eventually(
        "KEEP resent in generation 1 after the reconnect",
        || async { has_keep(1) },
    )
    .await;
    let frames = sink.frames();
    assert!(frames.len() > before);
    assert!(
        frames.iter().all(|f| f.generation <= 1),
        "one restart, one new generation"
    );
}
