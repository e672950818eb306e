//! Publish and request-reply from the UI.

use std::time::{Duration, Instant};

use sluice_wire::{NatsPublishRequest, NatsReply};

use crate::error::{NatsError, Result};
use crate::util::{b64, header_map, headers_of, unb64};
use crate::NatsConnection;

fn check_subject(subject: &str) -> Result<()> {
    if subject.is_empty() || subject.contains([' ', '\t', '\r', '\n', '*', '>']) {
        return Err(NatsError::InvalidInput(format!(
            "{subject:?} is not a subject one can publish to"
        )));
    }
    Ok(())
}

/// Publishes one message and waits until the server has it (flush).
pub async fn publish(conn: &NatsConnection, req: &NatsPublishRequest) -> Result<()> {
    check_subject(&req.subject)?;
    let payload = unb64(&req.payload_b64)?;
    crate::kv_write::check_size(conn, "the payload", payload.len())?;
    let client = conn.client();
    let headers = header_map(&req.headers);
    let res = match &req.reply {
        Some(reply) => {
            client
                .publish_with_reply_and_headers(
                    req.subject.clone(),
                    reply.clone(),
                    headers,
                    payload.into(),
                )
                .await
        }
        None => {
            client
                .publish_with_headers(req.subject.clone(), headers, payload.into())
                .await
        }
    };
    res.map_err(|e| NatsError::Other(format!("publish failed: {e}")))?;
    client
        .flush()
        .await
        .map_err(|e| NatsError::Other(format!("publish not confirmed: {e}")))
}

/// Sends a request and waits up to `timeout` for the first reply.
pub async fn request(
    conn: &NatsConnection,
    req: &NatsPublishRequest,
    timeout: Duration,
) -> Result<NatsReply> {
    check_subject(&req.subject)?;
    let payload = unb64(&req.payload_b64)?;
    crate::kv_write::check_size(conn, "the payload", payload.len())?;
    let started = Instant::now();
    let mut request = async_nats::Request::new()
        .payload(payload.into())
        .timeout(Some(timeout));
    if !req.headers.is_empty() {
        request = request.headers(header_map(&req.headers));
    }
    let msg = conn
        .client()
        .send_request(req.subject.clone(), request)
        .await
        .map_err(|e| NatsError::from_request(&e, timeout.as_millis() as u64))?;
    Ok(NatsReply {
        subject: msg.subject.to_string(),
        headers: headers_of(msg.headers.as_ref()),
        size: msg.payload.len() as u64,
        payload_b64: b64(&msg.payload),
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}
