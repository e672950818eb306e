//! Browsing a stream by sequence or time without touching it.
//!
//! Every read is a `$JS.API.STREAM.MSG.GET.<stream>` request (`seq` plus `next_by_subj`):
//! no consumer is created, so work-queue streams (which allow one consumer per subject and
//! delete what it acks) and interest streams (which keep messages only while consumers are
//! interested) are read exactly as they are, and nothing is acked, redelivered or removed.
//! An ordered consumer would be cheaper per message but changes interest-stream retention
//! while it exists and is refused on work-queue streams with overlapping filters. Reads are
//! by sequence, so a page that spans a server restart has no gaps and no duplicates. Time
//! is turned into a sequence by binary search on message timestamps (works on 2.9, which
//! has no `start_time` lookup).

use serde_json::json;
use sluice_wire::{NatsBrowsePage, NatsBrowseRequest, NatsStoredMessage};

use crate::error::{NatsError, Result};
use crate::jsapi::{self, MsgGetResponse, StreamInfo};
use crate::util::{b64, parse_header_block, rfc3339_ms};
use crate::NatsConnection;

/// Largest page the core returns.
pub const MAX_PAGE: u32 = 500;

/// The first message with sequence ≥ `seq` whose subject matches `filter`; `None` past the
/// end of the stream.
pub async fn next_message(
    conn: &NatsConnection,
    stream: &str,
    seq: u64,
    filter: &str,
) -> Result<Option<NatsStoredMessage>> {
    let body = json!({ "seq": seq.max(1), "next_by_subj": filter });
    match jsapi::request::<MsgGetResponse>(conn, &format!("STREAM.MSG.GET.{stream}"), &body).await {
        Ok(r) => stored(r).map(Some),
        // 10037: no message found.
        Err(NatsError::JetStream {
            code: 404,
            description,
        }) if !description.contains("stream not found") => Ok(None),
        Err(NatsError::JetStream { code: 404, .. }) => {
            Err(NatsError::NotFound(format!("stream {stream}")))
        }
        Err(e) => Err(e),
    }
}

/// The newest message on exactly `subject`; `None` if there is none.
pub async fn last_message(
    conn: &NatsConnection,
    stream: &str,
    subject: &str,
) -> Result<Option<NatsStoredMessage>> {
    let body = json!({ "last_by_subj": subject });
    match jsapi::request::<MsgGetResponse>(conn, &format!("STREAM.MSG.GET.{stream}"), &body).await {
        Ok(r) => stored(r).map(Some),
        Err(NatsError::JetStream {
            code: 404,
            description,
        }) if !description.contains("stream not found") => Ok(None),
        Err(NatsError::JetStream { code: 404, .. }) => {
            Err(NatsError::NotFound(format!("stream {stream}")))
        }
        Err(e) => Err(e),
    }
}

fn stored(r: MsgGetResponse) -> Result<NatsStoredMessage> {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    let m = r.message;
    let payload = match &m.data {
        Some(d) => STANDARD
            .decode(d)
            .map_err(|e| NatsError::Other(format!("bad payload from server: {e}")))?,
        None => Vec::new(),
    };
    let headers = match &m.hdrs {
        Some(h) => parse_header_block(
            &STANDARD
                .decode(h)
                .map_err(|e| NatsError::Other(format!("bad headers from server: {e}")))?,
        ),
        None => Vec::new(),
    };
    Ok(NatsStoredMessage {
        seq: m.seq,
        subject: m.subject,
        headers,
        size: payload.len() as u64,
        payload_b64: b64(&payload),
        time_ms: rfc3339_ms(&m.time),
    })
}

pub(crate) async fn stream_info(conn: &NatsConnection, stream: &str) -> Result<StreamInfo> {
    jsapi::request::<StreamInfo>(conn, &format!("STREAM.INFO.{stream}"), &json!({}))
        .await
        .map_err(|e| match e {
            NatsError::JetStream { code: 404, .. } => {
                NatsError::NotFound(format!("stream {stream}"))
            }
            e => e,
        })
}

/// First sequence whose message is at or after `time_ms` (`last_seq + 1` if none), by
/// binary search over `[first, last]`; about log2(messages) requests.
pub async fn seq_at_time(
    conn: &NatsConnection,
    stream: &str,
    first: u64,
    last: u64,
    time_ms: u64,
) -> Result<u64> {
    let (mut lo, mut hi) = (first.max(1), last + 1);
    // Invariant: every message before `lo` is older than `time_ms`; `hi` is at or after it.
    for _ in 0..128 {
        if lo >= hi {
            break;
        }
        let mid = lo + (hi - lo) / 2;
        match next_message(conn, stream, mid, ">").await? {
            Some(m) if m.seq >= hi => hi = mid,
            Some(m) if m.time_ms >= time_ms => hi = mid.min(m.seq),
            Some(m) => lo = m.seq + 1,
            None => hi = mid,
        }
    }
    Ok(lo)
}

/// One page of a stream in sequence order.
pub async fn browse(conn: &NatsConnection, req: &NatsBrowseRequest) -> Result<NatsBrowsePage> {
    if req.stream.is_empty() || req.stream.contains(['.', '*', '>', ' ']) {
        return Err(NatsError::InvalidInput(format!(
            "{:?} is not a stream name",
            req.stream
        )));
    }
    let info = stream_info(conn, &req.stream).await?;
    let (first, last) = (info.state.first_seq, info.state.last_seq);
    let filter = req
        .subject
        .as_deref()
        .filter(|s| !s.is_empty())
        .unwrap_or(">");
    let mut seq = match (req.start_seq, req.start_time_ms) {
        (Some(seq), _) => seq.max(first),
        (None, Some(t)) => seq_at_time(conn, &req.stream, first, last, t).await?,
        (None, None) => first,
    };
    let limit = req.limit.clamp(1, MAX_PAGE) as usize;
    let mut messages = Vec::with_capacity(limit.min(64));
    let mut next_seq = None;
    while messages.len() < limit && seq <= last {
        match next_message(conn, &req.stream, seq, filter).await? {
            Some(m) => {
                seq = m.seq + 1;
                messages.push(m);
                next_seq = Some(seq);
            }
            None => {
                next_seq = None;
                break;
            }
        }
    }
    if seq > last {
        next_seq = None;
    }
    Ok(NatsBrowsePage {
        stream: req.stream.clone(),
        messages,
        next_seq,
        first_seq: first,
        last_seq: last,
    })
}
