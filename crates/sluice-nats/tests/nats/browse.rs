//! Browsing streams of every retention policy, by sequence and by time, across a restart.

use async_nats::jetstream::consumer::pull::Config as PullConfig;
use async_nats::jetstream::stream::{Config as StreamConfig, RetentionPolicy};
use futures_util::StreamExt;
use sluice_nats::browse;
use sluice_wire::NatsBrowseRequest;

use crate::common::{connect, eventually, server};

fn req(stream: &str, start_seq: Option<u64>, limit: u32) -> NatsBrowseRequest {
    NatsBrowseRequest {
        stream: stream.into(),
        start_seq,
        start_time_ms: None,
        subject: None,
        limit,
    }
}

async fn fill(js: &async_nats::jetstream::Context, subject: &str, n: usize) {
    for i in 0..n {
        js.publish(subject.to_owned(), format!("m{i}").into())
            .await
            .expect("publish")
            .await
            .expect("stored");
    }
}

#[tokio::test]
async fn work_queue_and_interest_streams_browse_without_changing_them() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    let js = conn.jetstream();
    for (name, retention) in [
        ("WQ", RetentionPolicy::WorkQueue),
        ("INT", RetentionPolicy::Interest),
    ] {
        let stream = js
            .create_stream(StreamConfig {
                name: name.into(),
                subjects: vec![format!("{}.>", name.to_lowercase())],
                retention,
                ..Default::default()
            })
            .await
            .expect("stream");
        // A durable consumer: interest streams keep messages only while one is interested,
        // and work-queue streams refuse a second consumer on the same subjects.
        stream
            .create_consumer(PullConfig {
                durable_name: Some("worker".into()),
                ..Default::default()
            })
            .await
            .expect("consumer");
        fill(js, &format!("{}.x", name.to_lowercase()), 30).await;

        let page = browse(&conn, &req(name, None, 100)).await.expect("browse");
        let seqs: Vec<u64> = page.messages.iter().map(|m| m.seq).collect();
        assert_eq!(seqs, (1..=30).collect::<Vec<_>>(), "{name}");
        assert_eq!(page.next_seq, None);

        let mut stream = js.get_stream(name).await.expect("stream");
        let info = stream.info().await.expect("info");
        assert_eq!(info.state.messages, 30, "{name}: browsing removed nothing");
        assert_eq!(
            info.state.consumer_count, 1,
            "{name}: browsing created no consumer"
        );
        let mut c = stream
            .get_consumer::<PullConfig>("worker")
            .await
            .expect("consumer");
        let ci = c.info().await.expect("consumer info");
        assert_eq!(ci.num_pending, 30, "{name}: consumer untouched");
        assert_eq!(ci.delivered.stream_sequence, 0);
    }

    // Work that gets done leaves holes; browsing steps over them.
    let stream = js.get_stream("WQ").await.expect("stream");
    let consumer = stream
        .get_consumer::<PullConfig>("worker")
        .await
        .expect("consumer");
    let mut batch = consumer
        .fetch()
        .max_messages(10)
        .messages()
        .await
        .expect("fetch");
    while let Some(Ok(m)) = batch.next().await {
        m.ack().await.expect("ack");
    }
    eventually("acked work removed", || async {
        browse(&conn, &req("WQ", None, 100))
            .await
            .is_ok_and(|p| p.messages.len() == 20 && p.messages[0].seq == 11)
    })
    .await;
}

#[tokio::test]
async fn pages_by_sequence_have_no_gaps_or_duplicates_across_a_restart() {
    let mut s = server().await;
    let conn = connect(&s.url()).await;
    conn.jetstream()
        .create_stream(StreamConfig {
            name: "LOG".into(),
            subjects: vec!["log.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
    fill(conn.jetstream(), "log.a", 100).await;

    let mut seen = Vec::new();
    let first = browse(&conn, &req("LOG", None, 40)).await.expect("page 1");
    seen.extend(first.messages.iter().map(|m| m.seq));
    s.restart().await.expect("restart");
    let mut next = first.next_seq;
    while let Some(seq) = next {
        let page = loop {
            // Right after the restart the request may land before the reconnect.
            match browse(&conn, &req("LOG", Some(seq), 40)).await {
                Ok(p) => break p,
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            }
        };
        seen.extend(page.messages.iter().map(|m| m.seq));
        next = page.next_seq;
    }
    assert_eq!(seen, (1..=100).collect::<Vec<_>>());
}

#[tokio::test]
async fn browse_by_time_and_subject() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    conn.jetstream()
        .create_stream(StreamConfig {
            name: "TIMED".into(),
            subjects: vec!["t.>".into()],
            ..Default::default()
        })
        .await
        .expect("stream");
    fill(conn.jetstream(), "t.early", 10).await;
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let t = sluice_nats::now_ms();
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    fill(conn.jetstream(), "t.late", 5).await;
    fill(conn.jetstream(), "t.other", 5).await;

    let mut r = req("TIMED", None, 100);
    r.start_time_ms = Some(t);
    let page = browse(&conn, &r).await.expect("by time");
    assert_eq!(page.messages.first().map(|m| m.seq), Some(11));
    assert_eq!(page.messages.len(), 10);

    r.subject = Some("t.late".into());
    let page = browse(&conn, &r).await.expect("by time and subject");
    assert_eq!(page.messages.len(), 5);
    assert!(page.messages.iter().all(|m| m.subject == "t.late"));

    let err = browse(&conn, &req("NOPE", None, 10))
        .await
        .expect_err("unknown stream");
    assert_eq!(err.code(), sluice_wire::ErrorCode::NotFound, "{err}");
}
