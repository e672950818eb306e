//! The cluster model: streams, consumers (paged listing), KV and object stores, account.

use std::time::Duration;

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::stream::Config as StreamConfig;
use sluice_flow::{CollectingSink, FlowConfig, Policy};
use sluice_nats::{ModelEvent, ModelOptions, ModelWatcher};
use sluice_wire::{NatsModelEntry, SubId};

use crate::common::{connect, eventually, server};

#[tokio::test]
async fn streams_and_consumers_are_read_one_request_per_page() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    let js = conn.jetstream();
    let orders = js
        .create_stream(StreamConfig {
            name: "ORDERS".into(),
            subjects: vec!["orders.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
    // More than one page (the server returns 256 consumers per page).
    for i in 0..300 {
        orders
            .create_consumer(PullConfig {
                durable_name: Some(format!("c{i:03}")),
                filter_subject: format!("orders.{i}"),
                ..Default::default()
            })
            .await
            .expect("consumer");
    }
    js.create_stream(StreamConfig {
        name: "EMPTY".into(),
        subjects: vec!["empty".into()],
        ..Default::default()
    })
    .await
    .expect("stream");
    js.publish("orders.7", "x".into())
        .await
        .expect("pub")
        .await
        .expect("ack");

    let (model, _) = sluice_nats::poll_once(&conn, 1, true).await;
    let poll = model.poll.clone().expect("summary");
    assert!(poll.errors.is_empty(), "{:?}", poll.errors);
    assert_eq!(model.streams.len(), 2);
    assert_eq!(model.consumers.len(), 300);
    // account info + 1 stream page + 2 consumer pages (EMPTY has no consumers).
    assert_eq!(poll.requests, 4, "one request per page, not per consumer");
    let c7 = model.consumer("ORDERS", "c007").expect("c007");
    assert_eq!(c7.num_pending, 1);
    assert_eq!(c7.filter_subjects, vec!["orders.7".to_owned()]);
    assert_eq!(model.stream("ORDERS").map(|s| s.messages), Some(1));
    assert_eq!(model.servers.len(), 1);
    assert!(model.servers[0].connected);
    assert_eq!(model.account.as_ref().map(|a| a.consumers), Some(300));
}

#[tokio::test]
async fn the_model_flows_as_latest_state_changes() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    let js = conn.jetstream();
    js.create_stream(StreamConfig {
        name: "A".into(),
        subjects: vec!["a.>".into()],
        ..Default::default()
    })
    .await
    .expect("stream");
    // Raw streams, as the KV and object-store layers create them (their typed helpers do
    // not parse every server version's answers).
    crate::common::create_kv(js, "settings", 5).await;
    crate::common::create_object_store(js, "files").await;

    let watcher = ModelWatcher::start(
        conn.clone(),
        ModelOptions {
            interval: Duration::from_millis(200),
        },
    );
    let sink = CollectingSink::<ModelEvent>::new();
    let (producer, _handle) = sluice_flow::spawn(
        SubId(7),
        FlowConfig::new(Policy::LatestPerKey),
        sink.clone(),
    );
    watcher.feed(producer);
    let entries = || -> Vec<NatsModelEntry> {
        sink.frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.entry)
            .collect()
    };
    eventually("kv bucket and object store in the model", || async {
        let e = entries();
        e.iter().any(|e| matches!(e, NatsModelEntry::KvBucket(b) if b.bucket == "settings" && b.history == 5))
            && e.iter().any(|e| matches!(e, NatsModelEntry::ObjectStore(o) if o.bucket == "files"))
    })
    .await;
    js.delete_stream("A").await.expect("delete");
    eventually("removal flows", || async {
        entries()
            .iter()
            .any(|e| matches!(e, NatsModelEntry::Removed { key, .. } if key == "A"))
    })
    .await;
}
