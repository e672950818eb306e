//! Application keepalives: a named server event answered with an HTTP request, off the
//! delivery path so a slow reply never holds events back.

use std::fmt::Write as _;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use sluice_flow::Producer;
use sluice_wire::{HttpMethod, KeepaliveRule, SseEvent, SseMessage};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::timeout;

use crate::SseEntry;

/// Pings waiting for their reply; more than this means replies are stuck, and the surplus
/// is reported instead of queued.
const QUEUED_REPLIES: usize = 8;

/// Longest a single reply may take.
const REPLY_TIMEOUT: Duration = Duration::from_secs(30);

/// The reply worker of one stream. Dropping it stops the worker.
pub(crate) struct Keepalive {
    event: String,
    tx: mpsc::Sender<SseMessage>,
    producer: Producer<SseEntry>,
    worker: JoinHandle<()>,
}

impl Keepalive {
    pub(crate) fn spawn(
        http: reqwest::Client,
        rule: KeepaliveRule,
        producer: Producer<SseEntry>,
    ) -> Self {
        let (tx, rx) = mpsc::channel(QUEUED_REPLIES);
        let event = rule.event.clone();
        let worker = tokio::spawn(reply_loop(http, rule, rx, producer.clone()));
        Self {
            event,
            tx,
            producer,
            worker,
        }
    }

    /// Queues a reply when `msg` is the ping event. Never waits.
    pub(crate) fn observe(&self, msg: &SseMessage) {
        if msg.event != self.event {
            return;
        }
        if self.tx.try_send(msg.clone()).is_err() {
            self.producer.push(SseEntry::new(SseEvent::Keepalive {
                ok: false,
                status: None,
                error: Some("keepalive replies are backing up; this ping was not answered".into()),
            }));
        }
    }
}

impl Drop for Keepalive {
    fn drop(&mut self) {
        self.worker.abort();
    }
}

async fn reply_loop(
    http: reqwest::Client,
    rule: KeepaliveRule,
    mut rx: mpsc::Receiver<SseMessage>,
    producer: Producer<SseEntry>,
) {
    while let Some(ping) = rx.recv().await {
        let outcome = match build(&http, &rule, &ping) {
            Err(error) => SseEvent::Keepalive {
                ok: false,
                status: None,
                error: Some(error),
            },
            Ok(request) => match timeout(REPLY_TIMEOUT, request.send()).await {
                Err(_) => SseEvent::Keepalive {
                    ok: false,
                    status: None,
                    error: Some(format!(
                        "no answer to the keepalive within {} s",
                        REPLY_TIMEOUT.as_secs()
                    )),
                },
                Ok(Err(e)) => SseEvent::Keepalive {
                    ok: false,
                    status: None,
                    error: Some(format!("keepalive request failed: {e}")),
                },
                Ok(Ok(resp)) => {
                    let status = resp.status();
                    SseEvent::Keepalive {
                        ok: status.is_success(),
                        status: Some(status.as_u16()),
                        error: (!status.is_success())
                            .then(|| format!("keepalive answered HTTP {}", status.as_u16())),
                    }
                }
            },
        };
        producer.push(SseEntry::new(outcome));
    }
}

fn build(
    http: &reqwest::Client,
    rule: &KeepaliveRule,
    ping: &SseMessage,
) -> Result<reqwest::RequestBuilder, String> {
    let url = rule
        .url
        .replace("{data}", &percent_encode(&ping.data))
        .replace("{id}", &percent_encode(&ping.id));
    let url = reqwest::Url::parse(&url).map_err(|e| format!("keepalive URL {url:?}: {e}"))?;
    let mut req = match rule.method {
        HttpMethod::Get => http.get(url),
        HttpMethod::Post => http.post(url),
    };
    for h in &rule.headers {
        let name = HeaderName::from_bytes(h.name.as_bytes())
            .map_err(|e| format!("keepalive header {:?}: {e}", h.name))?;
        let value = HeaderValue::from_str(&h.value)
            .map_err(|e| format!("keepalive header {:?}: {e}", h.name))?;
        req = req.header(name, value);
    }
    if let Some(body) = &rule.body {
        req = req.body(body.replace("{data}", &ping.data).replace("{id}", &ping.id));
    }
    Ok(req.timeout(REPLY_TIMEOUT))
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}
