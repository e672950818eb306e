//! Writing to KV buckets: put and delete, as the KV layer does it (a JetStream publish on
//! `$KV.<bucket>.<key>`, a `KV-Operation: DEL` marker for deletes), with the input checked
//! first so a bad key or an oversized value is a clear error and not a server disconnect.

use async_nats::jetstream::context::PublishErrorKind;
use async_nats::HeaderMap;
use bytes::Bytes;

use crate::error::{NatsError, Result};
use crate::kv::check_bucket;
use crate::NatsConnection;

/// A valid KV key: `[-/_=.a-zA-Z0-9]+`, not starting or ending with `.`, no empty tokens.
pub fn check_key(key: &str) -> Result<()> {
    let chars_ok = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_' | '=' | '.'));
    if key.is_empty() || !chars_ok || key.split('.').any(str::is_empty) {
        return Err(NatsError::InvalidInput(format!(
            "{key:?} is not a valid key (letters, digits and - / _ = . only; no empty parts between dots)"
        )));
    }
    Ok(())
}

/// Refuses a payload the server would reject (it closes the connection instead of
/// answering, so the check has to happen here).
pub(crate) fn check_size(conn: &NatsConnection, what: &str, len: usize) -> Result<()> {
    let max = conn.client().server_info().max_payload;
    // Headers and subject share the limit; keep a margin for them.
    let allowed = max.saturating_sub(1024);
    if max > 0 && len > allowed {
        return Err(NatsError::InvalidInput(format!(
            "{what} is {len} bytes; the server accepts at most {allowed} bytes per message (max_payload {max})"
        )));
    }
    Ok(())
}

/// Stores `value` under `key`; returns the new revision.
pub async fn kv_put(conn: &NatsConnection, bucket: &str, key: &str, value: Vec<u8>) -> Result<u64> {
    check_bucket(bucket)?;
    check_key(key)?;
    check_size(conn, "the value", value.len())?;
    write(conn, bucket, key, HeaderMap::new(), value.into()).await
}

/// Marks `key` deleted (history is kept, as `nats kv del` does); returns the marker's revision.
pub async fn kv_delete(conn: &NatsConnection, bucket: &str, key: &str) -> Result<u64> {
    check_bucket(bucket)?;
    check_key(key)?;
    let mut headers = HeaderMap::new();
    headers.insert("KV-Operation", "DEL");
    write(conn, bucket, key, headers, Bytes::new()).await
}

async fn write(
    conn: &NatsConnection,
    bucket: &str,
    key: &str,
    headers: HeaderMap,
    value: Bytes,
) -> Result<u64> {
    let js = conn.jetstream();
    let subject = format!("$KV.{bucket}.{key}");
    let gone = || NatsError::NotFound(format!("KV bucket {bucket}"));
    let ack = js
        .publish_with_headers(subject, headers, value)
        .await
        .map_err(|e| NatsError::Other(format!("put failed: {e}")))?
        .await
        .map_err(|e| match e.kind() {
            // Nothing stores `$KV.<bucket>.*`: the bucket does not exist (any more).
            PublishErrorKind::StreamNotFound => gone(),
            PublishErrorKind::TimedOut => NatsError::Timeout(5_000),
            _ => NatsError::Other(format!("put not stored: {e}")),
        })?;
    if ack.stream != format!("KV_{bucket}") {
        return Err(NatsError::Other(format!(
            "the write was stored by stream {} instead of KV_{bucket}",
            ack.stream
        )));
    }
    Ok(ack.sequence)
}

#[cfg(test)]
mod tests {
    use super::check_key;

    #[test]
    fn keys_follow_the_kv_rules() {
        for ok in ["a", "feature.flags", "x/y=z_-1", "A.b.C"] {
            assert!(check_key(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".a", "a.", "a..b", "a b", "a*", "a>", "ü", "a\nb"] {
            assert!(check_key(bad).is_err(), "{bad:?}");
        }
    }
}
