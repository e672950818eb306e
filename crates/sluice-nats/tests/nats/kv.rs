//! KV buckets (keys, values, history, live watch across a restart) and object stores.

use sluice_flow::{CollectingSink, FlowConfig, Policy};
use sluice_nats::KvEvent;
use sluice_wire::{NatsConnStatus, NatsKvEntryView, SubId};

use crate::common::{connect, create_kv, create_object_store, decode, eventually, server};

async fn put(js: &async_nats::jetstream::Context, bucket: &str, key: &str, value: &str) {
    js.publish(format!("$KV.{bucket}.{key}"), value.to_owned().into())
        .await
        .expect("put")
        .await
        .expect("stored");
}

#[tokio::test]
async fn keys_values_history_and_a_watch_that_survives_a_restart() {
    let mut s = server().await;
    let conn = connect(&s.url()).await;
    let js = conn.jetstream().clone();
    create_kv(&js, "cfg", 5).await;
    put(&js, "cfg", "color", "red").await;
    put(&js, "cfg", "color", "green").await;
    put(&js, "cfg", "size", "xl").await;
    let mut del = async_nats::HeaderMap::new();
    del.insert("KV-Operation", "DEL");
    js.publish_with_headers("$KV.cfg.size", del, "".into())
        .await
        .expect("delete")
        .await
        .expect("stored");

    let keys = sluice_nats::kv_keys(&conn, "cfg").await.expect("keys");
    assert_eq!(keys, vec!["color".to_owned(), "size".to_owned()]);
    let entries = sluice_nats::kv_entries(&conn, "cfg")
        .await
        .expect("entries");
    let color = entries.iter().find(|e| e.key == "color").expect("color");
    assert_eq!(decode(&color.value_b64), b"green");
    assert_eq!(color.revision, 2);
    let size = entries.iter().find(|e| e.key == "size").expect("size");
    assert_eq!(size.operation, "delete");
    let history = sluice_nats::kv_history(&conn, "cfg", "color")
        .await
        .expect("history");
    let values: Vec<Vec<u8>> = history.iter().map(|e| decode(&e.value_b64)).collect();
    assert_eq!(values, vec![b"red".to_vec(), b"green".to_vec()]);
    let missing = sluice_nats::kv_keys(&conn, "nope")
        .await
        .expect_err("no bucket");
    assert_eq!(
        missing.code(),
        sluice_wire::ErrorCode::NotFound,
        "{missing}"
    );

    let sink = CollectingSink::<KvEvent>::new();
    let (producer, _h) = sluice_flow::spawn(
        SubId(3),
        FlowConfig::new(Policy::LatestPerKey),
        sink.clone(),
    );
    sluice_nats::kv_watch(&conn, "cfg", producer)
        .await
        .expect("watch");
    let seen = || -> Vec<NatsKvEntryView> {
        sink.frames()
            .into_iter()
            .flat_map(|f| f.entries)
            .filter_map(|e| e.entry().cloned())
            .collect()
    };
    eventually("initial values", || async { seen().len() >= 2 }).await;
    put(&js, "cfg", "color", "blue").await;
    eventually("live update", || async {
        seen()
            .iter()
            .any(|e| e.key == "color" && decode(&e.value_b64) == b"blue")
    })
    .await;

    s.restart().await.expect("restart");
    let mut state = conn.state();
    eventually("reconnected", || {
        let st = state.borrow_and_update().clone();
        async move { st.status == NatsConnStatus::Connected && st.reconnects >= 1 }
    })
    .await;
    eventually("watch resumed after the restart", || async {
        let _ = js.publish("$KV.cfg.color", "after".into()).await;
        seen()
            .iter()
            .any(|e| e.key == "color" && decode(&e.value_b64) == b"after")
    })
    .await;
    let revs: Vec<u64> = seen()
        .iter()
        .filter(|e| e.key == "color")
        .map(|e| e.revision)
        .collect();
    let mut sorted = revs.clone();
    sorted.dedup();
    assert_eq!(revs, sorted, "no revision seen twice");
}

#[tokio::test]
async fn object_store_lists_objects_with_sizes_and_metadata() {
    let s = server().await;
    let conn = connect(&s.url()).await;
    let js = conn.jetstream().clone();
    create_object_store(&js, "files").await;
    for (name, size, deleted) in [("report.pdf", 1234u64, false), ("old.txt", 9, true)] {
        let meta = serde_json::json!({
            "name": name, "bucket": "files", "nuid": format!("N{size}"), "size": size,
            "chunks": 1, "digest": "SHA-256=abc", "mtime": "2024-05-01T10:00:00Z",
            "deleted": deleted, "metadata": {"owner": "ops"}, "headers": {"Content-Type": ["application/pdf"]},
        });
        let subject = format!("$O.files.M.{}", base64url(name));
        js.publish(subject, meta.to_string().into())
            .await
            .expect("meta")
            .await
            .expect("stored");
    }
    let list = sluice_nats::object_list(&conn, "files")
        .await
        .expect("list");
    assert_eq!(list.len(), 1, "deleted objects are left out");
    let o = &list[0];
    assert_eq!((o.name.as_str(), o.size, o.chunks), ("report.pdf", 1234, 1));
    assert_eq!(o.metadata.get("owner").map(String::as_str), Some("ops"));
    assert_eq!(o.modified_ms, 1_714_557_600_000);
    assert!(o.headers.iter().any(|h| h.name == "Content-Type"));
}

fn base64url(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE.encode(s)
}
