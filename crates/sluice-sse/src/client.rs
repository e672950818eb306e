//! The reconnecting SSE stream behind `sluice tail sse` and the SSE tail view.

use std::time::Duration;

use sluice_flow::Producer;
use sluice_wire::SseEvent;

use crate::connection::{build_client, Received, SseConnection};
use crate::keepalive::Keepalive;
use crate::{SseEntry, SseError, SseOptions};

/// What survives from one connection to the next.
#[derive(Debug, Default)]
struct Resume {
    last_id: Option<String>,
    /// The server's `retry:`, which replaces the initial delay.
    server_retry: Option<Duration>,
    /// Consecutive failed attempts; reset once a connection delivers an event.
    failures: u32,
    connections: u32,
}

/// Streams `opts.url` into `producer` until the subscription is closed (`Ok`) or the stream
/// fails for good (`Err`, also pushed as a `failed` event). Reconnects with `Last-Event-ID`
/// after transient failures, with backoff and the retry limit of `opts.retry`.
pub async fn tail(opts: SseOptions, producer: Producer<SseEntry>) -> Result<(), SseError> {
    let result = tokio::select! {
        r = run(&opts, &producer) => r,
        () = producer.closed() => Ok(()),
    };
    if let Err(e) = &result {
        producer.push(SseEntry::new(SseEvent::Failed { error: e.to_ipc() }));
    }
    result
}

async fn run(opts: &SseOptions, producer: &Producer<SseEntry>) -> Result<(), SseError> {
    let http = build_client(opts)?;
    let keepalive = opts
        .keepalive
        .clone()
        .map(|rule| Keepalive::spawn(http.clone(), rule, producer.clone()));
    let mut resume = Resume {
        last_id: opts.last_event_id.clone(),
        ..Resume::default()
    };
    loop {
        let (delivered, err) =
            session(&http, opts, producer, keepalive.as_ref(), &mut resume).await;
        if delivered {
            resume.failures = 0;
        }
        if !err.is_transient(opts.retry.retry_http_errors) {
            return Err(err);
        }
        resume.failures = resume.failures.saturating_add(1);
        if opts
            .retry
            .max_retries
            .is_some_and(|max| resume.failures > max)
        {
            return Err(SseError::RetriesExhausted {
                attempts: resume.failures,
                last: Box::new(err),
            });
        }
        let delay = opts.retry.delay(resume.failures, resume.server_retry);
        producer.push(SseEntry::new(SseEvent::Reconnecting {
            attempt: resume.failures,
            delay_ms: u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
            reason: err.to_ipc(),
        }));
        tokio::time::sleep(delay).await;
    }
}

/// One connection from request to loss. Returns whether it delivered an event, and why it
/// ended.
async fn session(
    http: &reqwest::Client,
    opts: &SseOptions,
    producer: &Producer<SseEntry>,
    keepalive: Option<&Keepalive>,
    resume: &mut Resume,
) -> (bool, SseError) {
    let mut conn = match SseConnection::open(http, opts, resume.last_id.as_deref()).await {
        Ok(conn) => conn,
        Err(e) => return (false, e),
    };
    if resume.connections > 0 {
        producer.restart();
    }
    producer.push(SseEntry::new(SseEvent::Open {
        url: opts.url.clone(),
        status: conn.status(),
        reconnects: resume.connections,
        resumed_from: resume.last_id.clone(),
    }));
    resume.connections = resume.connections.saturating_add(1);
    let mut delivered = false;
    let err = loop {
        match conn.next().await {
            Ok(Some(Received::Retry(d))) => resume.server_retry = Some(d),
            Ok(Some(Received::Message(message))) => {
                delivered = true;
                if let Some(ka) = keepalive {
                    ka.observe(&message);
                }
                producer.push(SseEntry::new(SseEvent::Message { message }));
            }
            Ok(None) => {
                break SseError::Ended {
                    url: opts.url.clone(),
                }
            }
            Err(e) => break e,
        }
    };
    let id = conn.last_event_id();
    resume.last_id = (!id.is_empty()).then_some(id);
    (delivered, err)
}
