//! Live watch of a KV bucket through a flow (`Policy::LatestPerKey`).
//!
//! An ephemeral, in-memory push consumer with no acks reads the bucket's stream (KV streams
//! use limits retention, so it changes nothing). It starts with the latest value of every
//! key, then follows. If deliveries skip, heartbeats stop or the connection comes back after
//! an outage, the consumer is recreated from the next revision, so nothing is missed or
//! repeated. A bucket deleted while watched ends the watch with a `BucketGone` entry.

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use sluice_flow::Producer;
use sluice_wire::{NatsConnStatus, NatsStoredMessage};
use tokio::task::JoinHandle;

use crate::error::Result;
use crate::events::KvEvent;
use crate::kv::{check_bucket, entry_from};
use crate::util::{b64, headers_of};
use crate::{jsapi, NatsConnection};

const HEARTBEAT: Duration = Duration::from_secs(2);
/// A consumer that missed this many heartbeats is presumed gone.
const HEARTBEAT_MISSES: u32 = 3;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct Created {
    name: String,
}

pub async fn kv_watch(
    conn: &NatsConnection,
    bucket: &str,
    producer: Producer<KvEvent>,
) -> Result<JoinHandle<()>> {
    check_bucket(bucket)?;
    // Fails early (not found) if the bucket does not exist.
    crate::kv::kv_keys(conn, bucket).await?;
    Ok(tokio::spawn(run(conn.clone(), bucket.to_owned(), producer)))
}

async fn run(conn: NatsConnection, bucket: String, producer: Producer<KvEvent>) {
    let mut last_rev = 0u64;
    let mut state = conn.state();
    loop {
        if producer.is_closed() || state.borrow().status == NatsConnStatus::Closed {
            return;
        }
        if state.borrow().status == NatsConnStatus::Connected {
            match follow(&conn, &bucket, &mut last_rev, &producer, &mut state).await {
                Ok(Stop::Closed) => return,
                Err(e) if bucket_gone(&e) => {
                    // Deleted while watched: say so once and end, rather than retry forever.
                    producer.push(KvEvent::bucket_gone(
                        &bucket,
                        format!("KV bucket {bucket} was deleted"),
                    ));
                    return;
                }
                Ok(Stop::Restart) | Err(_) => {}
            }
        }
        // Wait for the connection (or a short pause before recreating the consumer).
        tokio::select! {
            () = tokio::time::sleep(Duration::from_millis(250)) => {}
            () = producer.closed() => return,
        }
    }
}

fn bucket_gone(e: &crate::NatsError) -> bool {
    match e {
        crate::NatsError::NotFound(_) => true,
        crate::NatsError::JetStream {
            code: 404,
            description,
        } => description.contains("stream not found"),
        _ => false,
    }
}

enum Stop {
    Closed,
    Restart,
}

async fn follow(
    conn: &NatsConnection,
    bucket: &str,
    last_rev: &mut u64,
    producer: &Producer<KvEvent>,
    state: &mut tokio::sync::watch::Receiver<sluice_wire::NatsConnState>,
) -> Result<Stop> {
    let client = conn.client();
    let inbox = client.new_inbox();
    let mut sub = client
        .subscribe(inbox.clone())
        .await
        .map_err(|e| crate::NatsError::Other(e.to_string()))?;
    let stream = format!("KV_{bucket}");
    let mut config = json!({
        "deliver_subject": inbox,
        "ack_policy": "none",
        "filter_subject": format!("$KV.{bucket}.>"),
        "flow_control": true,
        "idle_heartbeat": HEARTBEAT.as_nanos() as u64,
        "mem_storage": true,
        "num_replicas": 1,
        "inactive_threshold": 30_000_000_000u64,
    });
    if *last_rev == 0 {
        config["deliver_policy"] = json!("last_per_subject");
    } else {
        config["deliver_policy"] = json!("by_start_sequence");
        config["opt_start_seq"] = json!(*last_rev + 1);
    }
    let created: Created = jsapi::request(
        conn,
        &format!("CONSUMER.CREATE.{stream}"),
        &json!({ "stream_name": stream, "config": config }),
    )
    .await?;
    let mut expected_dseq = 1u64;
    state.borrow_and_update();
    let stop = loop {
        let msg = tokio::select! {
            m = tokio::time::timeout(HEARTBEAT * HEARTBEAT_MISSES, sub.next()) => m,
            () = producer.closed() => break Stop::Closed,
            changed = state.changed() => {
                if changed.is_err() { break Stop::Closed }
                // Back from an outage: the consumer may be gone; recreate from where we are.
                if state.borrow_and_update().status == NatsConnStatus::Connected { break Stop::Restart }
                continue;
            }
        };
        let Ok(Some(msg)) = msg else {
            break Stop::Restart;
        };
        if msg.status.is_some() {
            // Idle heartbeat or flow control; flow control wants an empty reply.
            if let Some(reply) = msg.reply.clone() {
                let _ = client.publish(reply, "".into()).await;
            }
            continue;
        }
        let Some((sseq, dseq, ts_ns)) = msg.reply.as_deref().and_then(ack_info) else {
            continue;
        };
        if dseq != expected_dseq {
            break Stop::Restart;
        }
        expected_dseq += 1;
        *last_rev = sseq;
        let m = NatsStoredMessage {
            seq: sseq,
            subject: msg.subject.to_string(),
            headers: headers_of(msg.headers.as_ref()),
            size: msg.payload.len() as u64,
            payload_b64: b64(&msg.payload),
            time_ms: ts_ns / 1_000_000,
        };
        producer.push(KvEvent::new(entry_from(bucket, m)));
    };
    let _ = sub.unsubscribe().await;
    if !created.name.is_empty() && matches!(stop, Stop::Closed) {
        let _ = jsapi::request::<serde_json::Value>(
            conn,
            &format!("CONSUMER.DELETE.{stream}.{}", created.name),
            &json!({}),
        )
        .await;
    }
    Ok(stop)
}

/// Stream sequence, delivery sequence and timestamp (ns) from a JetStream reply subject:
/// `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<dseq>.<ts>.<pending>` or the newer form
/// with domain and account hash before the stream.
fn ack_info(reply: &str) -> Option<(u64, u64, u64)> {
    let t: Vec<&str> = reply.split('.').collect();
    let base = match t.len() {
        9 => 5,
        n if n >= 11 => 7,
        _ => return None,
    };
    Some((
        t.get(base)?.parse().ok()?,
        t.get(base + 1)?.parse().ok()?,
        t.get(base + 2)?.parse().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ack_subjects_of_both_forms_parse() {
        assert_eq!(
            super::ack_info("$JS.ACK.KV_a.c1.1.42.7.1700000000000000000.0"),
            Some((42, 7, 1_700_000_000_000_000_000))
        );
        assert_eq!(
            super::ack_info("$JS.ACK.dom.hash.KV_a.c1.1.42.7.1700000000000000000.0.rnd"),
            Some((42, 7, 1_700_000_000_000_000_000))
        );
    }
}
