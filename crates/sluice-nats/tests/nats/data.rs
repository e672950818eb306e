//! The data browsers' writes and reads: KV put/delete, a watch of a deleted bucket, object
//! upload/read/download/delete, request-reply, each with hostile input.

use std::time::Duration;

use sluice_flow::{CollectingSink, FlowConfig, Policy};
use sluice_nats::KvEvent;
use sluice_wire::{ErrorCode, NatsConnStatus, NatsKvWatchEntry, NatsPublishRequest, SubId};

use crate::common::{connect, create_kv, create_object_store, decode, eventually, server};

#[tokio::test]
async fn kv_put_and_delete_with_hostile_input() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    create_kv(conn.jetstream(), "app", 5).await;
    let connects = || {
        conn.client()
            .statistics()
            .connects
            .load(std::sync::atomic::Ordering::Relaxed)
    };
    let before = connects();

    let r1 = sluice_nats::kv_put(&conn, "app", "db.url", b"postgres://x".to_vec())
        .await
        .expect("put");
    let r2 = sluice_nats::kv_put(&conn, "app", "db.url", b"postgres://y".to_vec())
        .await
        .expect("second put");
    assert!(r2 > r1);
    let e = sluice_nats::kv_get(&conn, "app", "db.url")
        .await
        .expect("get")
        .expect("present");
    assert_eq!(
        (decode(&e.value_b64), e.revision),
        (b"postgres://y".to_vec(), r2)
    );

    let rd = sluice_nats::kv_delete(&conn, "app", "db.url")
        .await
        .expect("delete");
    let e = sluice_nats::kv_get(&conn, "app", "db.url")
        .await
        .expect("get")
        .expect("marker");
    assert_eq!((e.operation.as_str(), e.revision), ("delete", rd));
    let history = sluice_nats::kv_history(&conn, "app", "db.url")
        .await
        .expect("history");
    assert_eq!(history.len(), 3, "a delete keeps the history");

    for bad in ["", "a b", "a..b", ".x", "x>", "*"] {
        let err = sluice_nats::kv_put(&conn, "app", bad, b"v".to_vec())
            .await
            .expect_err("invalid key");
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad:?}: {err}");
        assert!(err.to_string().contains("not a valid key"), "{err}");
    }
    let err = sluice_nats::kv_put(&conn, "a.b", "k", b"v".to_vec())
        .await
        .expect_err("invalid bucket");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");

    // Past max_payload the server would cut the connection; the core refuses first.
    let max = conn.client().server_info().max_payload;
    let huge = vec![b'x'; max + 1];
    let err = sluice_nats::kv_put(&conn, "app", "big", huge)
        .await
        .expect_err("too large");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    assert!(err.to_string().contains("max_payload"), "{err}");
    assert_eq!(conn.state().borrow().status, NatsConnStatus::Connected);
    assert_eq!(connects(), before, "the connection was not cut");

    let err = sluice_nats::kv_put(&conn, "missing", "k", b"v".to_vec())
        .await
        .expect_err("no bucket");
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
    assert!(err.to_string().contains("KV bucket missing"), "{err}");
}

#[tokio::test]
async fn a_bucket_deleted_while_watched_ends_the_watch_with_a_clear_entry() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    let js = conn.jetstream().clone();
    create_kv(&js, "tmp", 1).await;
    sluice_nats::kv_put(&conn, "tmp", "k", b"1".to_vec())
        .await
        .expect("put");
    let sink = CollectingSink::<KvEvent>::new();
    let (producer, _h) = sluice_flow::spawn(
        SubId(4),
        FlowConfig::new(Policy::LatestPerKey),
        sink.clone(),
    );
    let task = sluice_nats::kv_watch(&conn, "tmp", producer)
        .await
        .expect("watch");
    let items = || -> Vec<NatsKvWatchEntry> {
        sink.frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .map(|e| e.item)
            .collect()
    };
    eventually("the first value", || async {
        items()
            .iter()
            .any(|i| matches!(i, NatsKvWatchEntry::Entry(e) if e.key == "k"))
    })
    .await;
    js.delete_stream("KV_tmp").await.expect("delete bucket");
    eventually("a bucket-gone entry", || async {
        items().iter().any(|i| {
            matches!(i, NatsKvWatchEntry::BucketGone { bucket, reason }
                if bucket == "tmp" && reason.contains("deleted"))
        })
    })
    .await;
    eventually("the watch task ended", || async { task.is_finished() }).await;

    let err = sluice_nats::kv_watch(
        &conn,
        "tmp",
        sluice_flow::spawn(
            SubId(5),
            FlowConfig::new(Policy::LatestPerKey),
            CollectingSink::<KvEvent>::new(),
        )
        .0,
    )
    .await
    .expect_err("watching a missing bucket");
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
}

#[tokio::test]
async fn objects_upload_read_download_and_delete() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    create_object_store(conn.jetstream(), "files").await;
    let dir = tempfile::tempdir().expect("tempdir");
    // Several chunks (the client cuts 128 KiB), binary content.
    let body: Vec<u8> = (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let src = dir.path().join("src.bin");
    std::fs::write(&src, &body).expect("write");

    let up = sluice_nats::object_upload(&conn, "files", "data/blob.bin", &src)
        .await
        .expect("upload");
    assert_eq!(up.bytes, body.len() as u64);
    assert!(up
        .digest
        .as_deref()
        .is_some_and(|d| d.starts_with("SHA-256=")));
    let list = sluice_nats::object_list(&conn, "files")
        .await
        .expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].name.as_str(), list[0].size),
        ("data/blob.bin", 300_000)
    );
    assert!(list[0].chunks >= 3, "{}", list[0].chunks);

    let inline = sluice_nats::object_read(&conn, "files", "data/blob.bin")
        .await
        .expect("read inline");
    assert_eq!(decode(&inline.payload_b64), body);

    let out = dir.path().join("out.bin");
    let down = sluice_nats::object_download(&conn, "files", "data/blob.bin", &out)
        .await
        .expect("download");
    assert_eq!(down.bytes, body.len() as u64);
    assert_eq!(std::fs::read(&out).expect("downloaded file"), body);

    // Too big to show inline: a clear error pointing at the download.
    let big = dir.path().join("big.bin");
    std::fs::write(
        &big,
        vec![1u8; (sluice_nats::MAX_INLINE_OBJECT + 1) as usize],
    )
    .expect("write");
    sluice_nats::object_upload(&conn, "files", "big.bin", &big)
        .await
        .expect("upload big");
    let err = sluice_nats::object_read(&conn, "files", "big.bin")
        .await
        .expect_err("too big inline");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    assert!(err.to_string().contains("download"), "{err}");

    sluice_nats::object_delete(&conn, "files", "data/blob.bin")
        .await
        .expect("delete");
    let names: Vec<String> = sluice_nats::object_list(&conn, "files")
        .await
        .expect("list")
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, vec!["big.bin".to_owned()]);
    let err = sluice_nats::object_read(&conn, "files", "data/blob.bin")
        .await
        .expect_err("deleted");
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");

    let missing_target = dir.path().join("never.bin");
    let err = sluice_nats::object_download(&conn, "files", "nope", &missing_target)
        .await
        .expect_err("missing object");
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
    assert!(!missing_target.exists());
    let err = sluice_nats::object_upload(&conn, "files", "x", &dir.path().join("absent"))
        .await
        .expect_err("missing local file");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    let err = sluice_nats::object_read(&conn, "nostore", "x")
        .await
        .expect_err("missing store");
    assert_eq!(err.code(), ErrorCode::NotFound, "{err}");
    assert!(err.to_string().contains("object store nostore"), "{err}");
}

fn msg(subject: &str, payload: &[u8]) -> NatsPublishRequest {
    use base64::Engine;
    NatsPublishRequest {
        subject: subject.into(),
        payload_b64: base64::engine::general_purpose::STANDARD.encode(payload),
        headers: vec![sluice_wire::NatsHeader {
            name: "X-Trace".into(),
            value: "t1".into(),
        }],
        reply: None,
    }
}

#[tokio::test]
async fn request_reply_no_responders_timeouts_and_bad_subjects() {
    use futures_util::StreamExt;
    let s = server().await;
    let conn = connect(&s.url()).await;
    let client = conn.client().clone();
    let connects = || {
        conn.client()
            .statistics()
            .connects
            .load(std::sync::atomic::Ordering::Relaxed)
    };
    let before = connects();
    let mut svc = client.subscribe("svc.upper").await.expect("sub");
    let c = client.clone();
    tokio::spawn(async move {
        while let Some(m) = svc.next().await {
            let trace = m
                .headers
                .as_ref()
                .and_then(|h| h.get("X-Trace").map(|v| v.to_string()))
                .unwrap_or_default();
            let mut h = async_nats::HeaderMap::new();
            h.insert("X-Trace", trace.as_str());
            let body = String::from_utf8_lossy(&m.payload).to_uppercase();
            if let Some(reply) = m.reply {
                let _ = c.publish_with_headers(reply, h, body.into()).await;
            }
        }
    });
    // Subscribed but silent: requests time out instead of failing fast.
    let _silent = client.subscribe("svc.silent").await.expect("sub");
    client.flush().await.expect("flush");

    let reply = sluice_nats::request(&conn, &msg("svc.upper", b"hello"), Duration::from_secs(5))
        .await
        .expect("reply");
    assert_eq!(decode(&reply.payload_b64), b"HELLO");
    assert!(reply
        .headers
        .iter()
        .any(|h| h.name == "X-Trace" && h.value == "t1"));

    let err = sluice_nats::request(&conn, &msg("svc.nobody", b"x"), Duration::from_secs(5))
        .await
        .expect_err("no responders");
    assert_eq!(err.code(), ErrorCode::Unavailable, "{err}");
    assert!(err.to_string().contains("no responders"), "{err}");

    let err = sluice_nats::request(&conn, &msg("svc.silent", b"x"), Duration::from_millis(300))
        .await
        .expect_err("timeout");
    assert_eq!(err.code(), ErrorCode::Unavailable, "{err}");
    assert!(err.to_string().contains("300 ms"), "{err}");

    for bad in ["", "a b", "a.>", "*.x", "a\r\nPUB x 1"] {
        let err = sluice_nats::request(&conn, &msg(bad, b"x"), Duration::from_secs(1))
            .await
            .expect_err("bad subject");
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad:?}: {err}");
    }
    let max = conn.client().server_info().max_payload;
    let err = sluice_nats::publish(&conn, &msg("svc.upper", &vec![0u8; max + 1]))
        .await
        .expect_err("too large");
    assert_eq!(err.code(), ErrorCode::InvalidInput, "{err}");
    assert_eq!(connects(), before, "the connection was not cut");
    // Still usable after all of that.
    sluice_nats::request(&conn, &msg("svc.upper", b"ok"), Duration::from_secs(5))
        .await
        .expect("reply after errors");
}
