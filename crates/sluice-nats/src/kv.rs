//! KV buckets read straight from their backing streams (`KV_<bucket>`, subjects
//! `$KV.<bucket>.<key>`): keys, values and history by direct reads, and a live watch.

use sluice_wire::{NatsKvEntryView, NatsStoredMessage};

use crate::browse::{last_message, next_message, stream_info};
use crate::error::{NatsError, Result};
use crate::jsapi;
use crate::NatsConnection;

/// Most keys listed with their values in one call.
pub const MAX_KV_ENTRIES: usize = 10_000;

pub(crate) fn check_bucket(bucket: &str) -> Result<()> {
    let ok = !bucket.is_empty()
        && bucket
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(NatsError::InvalidInput(format!(
            "{bucket:?} is not a bucket name"
        )))
    }
}

pub(crate) fn entry_from(bucket: &str, m: NatsStoredMessage) -> NatsKvEntryView {
    let prefix = format!("$KV.{bucket}.");
    let op = m
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("KV-Operation"))
        .map(|h| h.value.to_ascii_uppercase());
    NatsKvEntryView {
        bucket: bucket.to_owned(),
        key: m
            .subject
            .strip_prefix(&prefix)
            .unwrap_or(&m.subject)
            .to_owned(),
        revision: m.seq,
        operation: match op.as_deref() {
            Some("DEL") => "delete",
            Some("PURGE") => "purge",
            _ => "put",
        }
        .to_owned(),
        value_b64: m.payload_b64,
        size: m.size,
        created_ms: m.time_ms,
    }
}

/// Keys that have any message in the bucket (deleted ones included until compacted).
pub async fn kv_keys(conn: &NatsConnection, bucket: &str) -> Result<Vec<String>> {
    check_bucket(bucket)?;
    let prefix = format!("$KV.{bucket}.");
    let subjects = jsapi::subjects(conn, &format!("KV_{bucket}"), &format!("{prefix}>"))
        .await
        .map_err(|e| not_found(e, bucket))?;
    Ok(subjects
        .into_keys()
        .filter_map(|s| s.strip_prefix(&prefix).map(str::to_owned))
        .collect())
}

/// The latest entry of every key (live values and delete markers), up to `MAX_KV_ENTRIES`.
pub async fn kv_entries(conn: &NatsConnection, bucket: &str) -> Result<Vec<NatsKvEntryView>> {
    let mut out = Vec::new();
    for key in kv_keys(conn, bucket)
        .await?
        .into_iter()
        .take(MAX_KV_ENTRIES)
    {
        if let Some(e) = kv_get(conn, bucket, &key).await? {
            out.push(e);
        }
    }
    Ok(out)
}

pub async fn kv_get(
    conn: &NatsConnection,
    bucket: &str,
    key: &str,
) -> Result<Option<NatsKvEntryView>> {
    check_bucket(bucket)?;
    let m = last_message(
        conn,
        &format!("KV_{bucket}"),
        &format!("$KV.{bucket}.{key}"),
    )
    .await
    .map_err(|e| not_found(e, bucket))?;
    Ok(m.map(|m| entry_from(bucket, m)))
}

/// Every revision of `key` the bucket still keeps, oldest first.
pub async fn kv_history(
    conn: &NatsConnection,
    bucket: &str,
    key: &str,
) -> Result<Vec<NatsKvEntryView>> {
    check_bucket(bucket)?;
    let stream = format!("KV_{bucket}");
    let info = stream_info(conn, &stream)
        .await
        .map_err(|e| not_found(e, bucket))?;
    let subject = format!("$KV.{bucket}.{key}");
    let mut seq = info.state.first_seq;
    let mut out = Vec::new();
    // History is bounded by the bucket's setting (at most 64 per key); the cap is a guard.
    for _ in 0..1_000 {
        match next_message(conn, &stream, seq, &subject).await? {
            Some(m) => {
                seq = m.seq + 1;
                out.push(entry_from(bucket, m));
            }
            None => break,
        }
    }
    Ok(out)
}

fn not_found(e: NatsError, bucket: &str) -> NatsError {
    match e {
        NatsError::NotFound(_) | NatsError::JetStream { code: 404, .. } => {
            NatsError::NotFound(format!("KV bucket {bucket}"))
        }
        e => e,
    }
}
