//! The reconnecting WebSocket stream behind `sluice tail ws` and the WebSocket tail view.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use sluice_flow::Producer;
use sluice_wire::WsEvent;
use tokio::time::{sleep_until, timeout, Instant};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::{self, Message};

use crate::sender::WsOutbox;
use crate::{WsEntry, WsError, WsOptions};

/// Streams `opts.url` into `producer`, sending what arrives in `outbox`, until the
/// subscription is closed (`Ok`) or the stream fails for good (`Err`, also pushed as a
/// `failed` event). Reconnects with backoff after transient failures.
pub async fn tail(
    opts: WsOptions,
    producer: Producer<WsEntry>,
    mut outbox: WsOutbox,
) -> Result<(), WsError> {
    let result = tokio::select! {
        r = run(&opts, &producer, &mut outbox) => r,
        () = producer.closed() => Ok(()),
    };
    if let Err(e) = &result {
        producer.push(WsEntry::new(WsEvent::Failed { error: e.to_ipc() }));
    }
    result
}

async fn run(
    opts: &WsOptions,
    producer: &Producer<WsEntry>,
    outbox: &mut WsOutbox,
) -> Result<(), WsError> {
    let mut failures = 0u32;
    let mut connections = 0u32;
    loop {
        let (healthy, err) = session(opts, producer, outbox, &mut connections).await;
        if healthy {
            failures = 0;
        }
        if !err.is_transient(opts.retry.retry_http_errors) {
            return Err(err);
        }
        failures = failures.saturating_add(1);
        if opts.retry.max_retries.is_some_and(|max| failures > max) {
            return Err(WsError::RetriesExhausted {
                attempts: failures,
                last: Box::new(err),
            });
        }
        let delay = opts.retry.delay(failures, None);
        producer.push(WsEntry::new(WsEvent::Reconnecting {
            attempt: failures,
            delay_ms: millis(delay),
            reason: err.to_ipc(),
        }));
        tokio::time::sleep(delay).await;
    }
}

/// One connection from handshake to loss: whether it proved healthy (a message or a pong
/// arrived), and why it ended.
async fn session(
    opts: &WsOptions,
    producer: &Producer<WsEntry>,
    outbox: &mut WsOutbox,
    connections: &mut u32,
) -> (bool, WsError) {
    let request = match build_request(opts) {
        Ok(r) => r,
        Err(e) => return (false, e),
    };
    let config = WebSocketConfig::default()
        .max_message_size(Some(opts.max_message_bytes))
        .max_frame_size(Some(opts.max_frame_bytes));
    let connect = tokio_tungstenite::connect_async_with_config(request, Some(config), true);
    let (ws, response) = match timeout(opts.connect_timeout, connect).await {
        Err(_) => {
            return (
                false,
                WsError::ConnectTimeout {
                    url: opts.url.clone(),
                    timeout_ms: millis(opts.connect_timeout),
                },
            )
        }
        Ok(Err(e)) => return (false, connect_error(&opts.url, e)),
        Ok(Ok(pair)) => pair,
    };
    if *connections > 0 {
        producer.restart();
    }
    producer.push(WsEntry::new(WsEvent::Open {
        url: opts.url.clone(),
        protocol: response
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        reconnects: *connections,
    }));
    *connections = connections.saturating_add(1);

    let (mut write, mut read) = ws.split();
    let mut healthy = false;
    let mut ping_at = Instant::now() + opts.ping_interval;
    // The payload of the ping awaiting its pong, and when it is overdue.
    let mut waiting: Option<(Vec<u8>, Instant)> = None;
    let mut pings = 0u64;
    let err = loop {
        let deadline = waiting.as_ref().map_or(ping_at, |(_, due)| *due);
        tokio::select! {
            msg = read.next() => match msg {
                None => break WsError::Dropped,
                Some(Err(e)) => break WsError::from_stream(&opts.url, e),
                Some(Ok(msg)) => {
                    if let Some(event) = incoming(msg, &mut waiting, &mut healthy) {
                        if let WsEvent::Closed { code, reason } = &event {
                            let err = WsError::Closed { code: code.unwrap_or(1005), reason: reason.clone() };
                            producer.push(WsEntry::new(event));
                            break err;
                        }
                        producer.push(WsEntry::new(event));
                    }
                }
            },
            () = sleep_until(deadline) => {
                if waiting.is_some() {
                    break WsError::PongTimeout { timeout_ms: millis(opts.pong_timeout) };
                }
                pings += 1;
                let payload = pings.to_be_bytes().to_vec();
                if let Err(e) = send(&mut write, Message::Ping(payload.clone().into()), opts).await {
                    break e;
                }
                waiting = Some((payload, Instant::now() + opts.pong_timeout));
                ping_at = Instant::now() + opts.ping_interval;
            },
            Some(msg) = outbox.recv() => {
                let len = match &msg { Message::Text(t) => t.len(), m => m.len() };
                if let Err(e) = send(&mut write, msg, opts).await {
                    break e;
                }
                producer.push(WsEntry::new(WsEvent::Sent { len: len as u64 }));
            },
        }
    };
    (healthy, err)
}

/// Turns a received message into an event; pongs only clear the pending ping.
fn incoming(
    msg: Message,
    waiting: &mut Option<(Vec<u8>, Instant)>,
    healthy: &mut bool,
) -> Option<WsEvent> {
    match msg {
        Message::Text(text) => {
            *healthy = true;
            Some(WsEvent::Text {
                text: text.to_string(),
            })
        }
        Message::Binary(bytes) => {
            *healthy = true;
            Some(WsEvent::Binary {
                base64: crate::sender::encode(&bytes),
                len: bytes.len() as u64,
            })
        }
        Message::Pong(payload) => {
            if waiting.as_ref().is_some_and(|(p, _)| p[..] == payload[..]) {
                *waiting = None;
                *healthy = true;
            }
            None
        }
        Message::Close(frame) => Some(WsEvent::Closed {
            code: frame.as_ref().map(|f| u16::from(f.code)),
            reason: frame.map(|f| f.reason.to_string()).unwrap_or_default(),
        }),
        // Tungstenite queues the pong for a ping itself.
        Message::Ping(_) | Message::Frame(_) => None,
    }
}

/// Sends one message; a peer that does not take it within the pong timeout is dead.
async fn send<S>(write: &mut S, msg: Message, opts: &WsOptions) -> Result<(), WsError>
where
    S: futures_util::Sink<Message, Error = tungstenite::Error> + Unpin,
{
    match timeout(opts.pong_timeout, write.send(msg)).await {
        Err(_) => Err(WsError::PongTimeout {
            timeout_ms: millis(opts.pong_timeout),
        }),
        Ok(Err(e)) => Err(WsError::from_stream(&opts.url, e)),
        Ok(Ok(())) => Ok(()),
    }
}

fn build_request(opts: &WsOptions) -> Result<tungstenite::handshake::client::Request, WsError> {
    let mut req = opts
        .url
        .as_str()
        .into_client_request()
        .map_err(|e| WsError::InvalidUrl {
            url: opts.url.clone(),
            reason: e.to_string(),
        })?;
    let headers = req.headers_mut();
    for (name, value) in &opts.headers {
        let bad = |reason: String| WsError::InvalidHeader {
            name: name.clone(),
            reason,
        };
        let n = HeaderName::from_bytes(name.as_bytes()).map_err(|e| bad(e.to_string()))?;
        let v = HeaderValue::from_str(value).map_err(|e| bad(e.to_string()))?;
        headers.append(n, v);
    }
    if !opts.subprotocols.is_empty() {
        let v = HeaderValue::from_str(&opts.subprotocols.join(", ")).map_err(|e| {
            WsError::InvalidHeader {
                name: "Sec-WebSocket-Protocol".into(),
                reason: e.to_string(),
            }
        })?;
        headers.insert("sec-websocket-protocol", v);
    }
    if let Some(token) = &opts.bearer {
        let mut v = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            WsError::InvalidHeader {
                name: "Authorization".into(),
                reason: "the bearer token has characters a header cannot carry".into(),
            }
        })?;
        v.set_sensitive(true);
        headers.insert("authorization", v);
    }
    Ok(req)
}

fn connect_error(url: &str, err: tungstenite::Error) -> WsError {
    match err {
        tungstenite::Error::Http(resp) => WsError::Rejected {
            url: url.to_owned(),
            status: resp.status().as_u16(),
        },
        tungstenite::Error::Url(e) => WsError::InvalidUrl {
            url: url.to_owned(),
            reason: e.to_string(),
        },
        source => WsError::Connect {
            url: url.to_owned(),
            source,
        },
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
