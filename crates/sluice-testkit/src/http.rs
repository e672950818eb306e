//! A small HTTP/1.1 server on 127.0.0.1 for SSE and OpenAI-compatible streaming tests.
//!
//! Written over raw TCP so a test controls every byte and every failure: dropped
//! connections, stalls, invalid UTF-8, lines of any size. One request per connection
//! (`Connection: close`); bodies are close-delimited.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;

mod chat;
mod sse;

pub use chat::{ChatEnd, ChatReply, ChatServer, ChatState};
pub use sse::{Ping, SseScript, SseServer, SseState};

/// Most connections one server accepts in its life, so a runaway client cannot keep a
/// test alive.
pub(crate) const MAX_CONNECTIONS: usize = 2_000;
/// Longest any one connection is served.
pub(crate) const CONNECTION_LIMIT: Duration = Duration::from_secs(120);
const MAX_HEAD_BYTES: usize = 64 * 1024;
const MAX_BODY_BYTES: usize = 1024 * 1024;
const READ_LIMIT: Duration = Duration::from_secs(10);

/// A request as the server read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }
}

/// Reads one request (head and `Content-Length` body), bounded in size and time.
pub(crate) async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Request>> {
    let mut buf = Vec::with_capacity(1024);
    let head_end = loop {
        if let Some(end) = find(&buf, b"\r\n\r\n") {
            break end;
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Err(invalid("request head too large"));
        }
        let mut chunk = [0u8; 4096];
        let n = timeout(READ_LIMIT, stream.read(&mut chunk))
            .await
            .map_err(|_| invalid("request head timed out"))??;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_owned();
    let target = first.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let len = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    if len > MAX_BODY_BYTES {
        return Err(invalid("request body too large"));
    }
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < len {
        let mut chunk = vec![0u8; (len - body.len()).min(64 * 1024)];
        let n = timeout(READ_LIMIT, stream.read(&mut chunk))
            .await
            .map_err(|_| invalid("request body timed out"))??;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    body.truncate(len);
    Ok(Some(Request {
        method,
        target,
        headers,
        body,
    }))
}

/// Writes a response head; the body follows until the connection closes.
pub(crate) async fn write_head(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        204 => "No Content",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await
}

/// A complete small response.
pub(crate) async fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    write_head(stream, status, content_type).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

/// Accepts connections on 127.0.0.1 (a free port) and runs `handle` for each, bounded in
/// count and time. The returned task is aborted when the server is dropped.
pub(crate) async fn serve<F, Fut>(handle: F) -> std::io::Result<(SocketAddr, JoinHandle<()>)>
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        for _ in 0..MAX_CONNECTIONS {
            let Ok((stream, _)) = listener.accept().await else {
                break;
            };
            let conn = handle(stream);
            tokio::spawn(async move {
                let _ = timeout(CONNECTION_LIMIT, conn).await;
            });
        }
    });
    Ok((addr, task))
}

/// Waits until the peer closes its side (or `limit` passes), discarding what it sends.
pub(crate) async fn wait_peer_gone(stream: &mut TcpStream, limit: Duration) {
    let mut sink = [0u8; 1024];
    let _ = timeout(limit, async {
        for _ in 0..10_000 {
            match stream.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await;
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

pub(crate) type Shared<T> = Arc<Mutex<T>>;

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn invalid(msg: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.to_owned())
}
