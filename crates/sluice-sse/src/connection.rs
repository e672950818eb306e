//! One SSE connection, no reconnects: the request, the checks on the answer, and events
//! parsed as bytes arrive. The reconnecting client and the chat client build on it.

use std::collections::VecDeque;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue, ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use sluice_wire::{HttpMethod, SseMessage};
use tokio::time::timeout;

use crate::{Parsed, Parser, SseError, SseOptions};

/// Most bytes of an error response kept for the message.
const ERROR_BODY_BYTES: usize = 512;

/// What a connection yields, in stream order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    Message(SseMessage),
    /// The server set its reconnection time (`retry:`).
    Retry(Duration),
}

/// An HTTP client for SSE: connect timeout, no overall timeout (streams are long), rustls.
pub fn build_client(opts: &SseOptions) -> Result<reqwest::Client, SseError> {
    reqwest::Client::builder()
        .connect_timeout(opts.connect_timeout)
        .build()
        .map_err(SseError::Client)
}

/// A live `text/event-stream` response.
pub struct SseConnection {
    url: String,
    status: u16,
    response: reqwest::Response,
    parser: Parser,
    idle: Duration,
    /// Events parsed from the last chunk and not handed out yet (bounded by one chunk).
    queue: VecDeque<Received>,
}

impl std::fmt::Debug for SseConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SseConnection")
            .field("url", &self.url)
            .field("status", &self.status)
            .finish()
    }
}

impl SseConnection {
    /// Sends the request and checks the answer: 200 with `text/event-stream`, else a typed
    /// error. `last_event_id` (when not empty) goes out as `Last-Event-ID`.
    pub async fn open(
        http: &reqwest::Client,
        opts: &SseOptions,
        last_event_id: Option<&str>,
    ) -> Result<Self, SseError> {
        let url = opts.url.clone();
        let request = build_request(http, opts, last_event_id)?;
        let response = match timeout(opts.idle_timeout, request.send()).await {
            Err(_) => {
                return Err(SseError::IdleTimeout {
                    url,
                    timeout_ms: millis(opts.idle_timeout),
                })
            }
            Ok(Err(source)) => return Err(SseError::Connect { url, source }),
            Ok(Ok(response)) => response,
        };
        let status = response.status().as_u16();
        if status == 204 {
            return Err(SseError::NoContent { url });
        }
        if status != 200 {
            let body = error_body(response).await;
            return Err(SseError::Status { url, status, body });
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .unwrap_or_default();
        let essence = content_type.split(';').next().unwrap_or("").trim();
        if !essence.eq_ignore_ascii_case("text/event-stream") {
            return Err(SseError::ContentType {
                url,
                found: content_type,
            });
        }
        let mut parser = Parser::new(opts.max_event_bytes);
        if let Some(id) = last_event_id {
            // The stream continues from this id until the server sends another.
            parser.set_last_event_id(id);
        }
        Ok(Self {
            url,
            status,
            response,
            parser,
            idle: opts.idle_timeout,
            queue: VecDeque::new(),
        })
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    /// The last event id as of the last event: what a reconnect resumes from.
    pub fn last_event_id(&self) -> String {
        self.parser.last_event_id().into_owned()
    }

    /// The next event or retry; `Ok(None)` when the server ended the response. Fails when no
    /// byte arrives within the idle timeout, the connection breaks, or an event passes the
    /// size cap.
    pub async fn next(&mut self) -> Result<Option<Received>, SseError> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Ok(Some(item));
            }
            let chunk = match timeout(self.idle, self.response.chunk()).await {
                Err(_) => {
                    return Err(SseError::IdleTimeout {
                        url: self.url.clone(),
                        timeout_ms: millis(self.idle),
                    })
                }
                Ok(Err(source)) => {
                    return Err(SseError::Read {
                        url: self.url.clone(),
                        source,
                    })
                }
                Ok(Ok(None)) => return Ok(None),
                Ok(Ok(Some(chunk))) => chunk,
            };
            let queue = &mut self.queue;
            let fed = self.parser.feed(&chunk, &mut |p: Parsed<'_>| match p {
                Parsed::Event(ev) => queue.push_back(Received::Message(SseMessage {
                    event: ev.event.into_owned(),
                    data: ev.data.into_owned(),
                    id: ev.id.into_owned(),
                })),
                Parsed::Retry(ms) => queue.push_back(Received::Retry(Duration::from_millis(ms))),
            });
            if let Err(too_large) = fed {
                // Events completed before the oversized one in this chunk are lost with the
                // stream; the error says why the stream stopped.
                self.queue.clear();
                return Err(SseError::EventTooLarge {
                    url: self.url.clone(),
                    limit: too_large.limit,
                });
            }
        }
    }
}

fn build_request(
    http: &reqwest::Client,
    opts: &SseOptions,
    last_event_id: Option<&str>,
) -> Result<reqwest::RequestBuilder, SseError> {
    let url = reqwest::Url::parse(&opts.url).map_err(|e| SseError::InvalidUrl {
        url: opts.url.clone(),
        reason: e.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(SseError::InvalidUrl {
            url: opts.url.clone(),
            reason: format!("scheme {:?} is not http or https", url.scheme()),
        });
    }
    let mut req = match opts.method {
        HttpMethod::Get => http.get(url),
        HttpMethod::Post => http.post(url),
    };
    req = req
        .header(ACCEPT, "text/event-stream")
        .header(CACHE_CONTROL, "no-cache");
    for (name, value) in &opts.headers {
        let bad = |reason: String| SseError::InvalidHeader {
            name: name.clone(),
            reason,
        };
        let n = HeaderName::from_bytes(name.as_bytes()).map_err(|e| bad(e.to_string()))?;
        let v = HeaderValue::from_str(value).map_err(|e| bad(e.to_string()))?;
        req = req.header(n, v);
    }
    if let Some(id) = last_event_id.filter(|id| !id.is_empty()) {
        // An id a header cannot carry (control characters) is not sent rather than failing
        // the reconnect.
        if let Ok(v) = HeaderValue::from_str(id) {
            req = req.header("Last-Event-ID", v);
        }
    }
    if let Some(token) = &opts.bearer {
        let mut v = HeaderValue::from_str(&format!("Bearer {token}")).map_err(|_| {
            SseError::InvalidHeader {
                name: "Authorization".into(),
                reason: "the bearer token has characters a header cannot carry".into(),
            }
        })?;
        v.set_sensitive(true);
        req = req.header(reqwest::header::AUTHORIZATION, v);
    }
    if let Some(body) = &opts.body {
        req = req.body(body.clone());
    }
    Ok(req)
}

/// The start of an error response's body, read briefly and bounded.
async fn error_body(mut response: reqwest::Response) -> String {
    let mut body = Vec::new();
    let read = async {
        while body.len() < ERROR_BODY_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                _ => break,
            }
        }
    };
    let _ = timeout(Duration::from_secs(2), read).await;
    body.truncate(ERROR_BODY_BYTES);
    String::from_utf8_lossy(&body).trim().to_owned()
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
