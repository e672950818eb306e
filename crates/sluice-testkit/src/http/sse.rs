//! An SSE server whose misbehaviour a test picks: drops, error statuses, wrong content
//! type, `retry:`, resume from `Last-Event-ID`, stalls, invalid UTF-8, huge lines, and
//! pings that must be answered.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio::time::{sleep, timeout, Instant};

use super::CONNECTION_LIMIT;
use super::{lock, read_request, respond, serve, wait_peer_gone, write_head, Request, Shared};

/// Server-side limit on one write, so a client that stops reading cannot hang a test.
const WRITE_LIMIT: Duration = Duration::from_secs(10);
const HUGE_CHUNK: usize = 64 * 1024;

/// Pings a client must answer by POSTing the ping's data to `/pong`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ping {
    /// A ping before every `every`-th event.
    pub every: u64,
    /// Unanswered for this long: the connection is dropped.
    pub deadline: Duration,
}

/// What the server sends on `GET /events` (any path but `/pong`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseScript {
    pub status: u16,
    pub content_type: String,
    /// Events `1..=total`, each `id: n` and `data: event n`. A resume past the last answers 204.
    pub total: u64,
    /// Close each connection after this many events.
    pub drop_after: Option<u64>,
    /// `retry:` sent at the start of each connection.
    pub retry_ms: Option<u64>,
    /// On the first connection, go silent after this many events (the connection stays open).
    pub stall_after: Option<u64>,
    /// Event data wrapped in invalid UTF-8 bytes.
    pub invalid_utf8: bool,
    /// Before the events, one `data:` line of this many bytes.
    pub huge_line: Option<u64>,
    pub ping: Option<Ping>,
    /// Pause before each event.
    pub gap: Duration,
    /// After the last event keep the connection open until the client leaves.
    pub hold_at_end: bool,
    /// Send these chunks as the whole body instead of the events.
    pub raw: Option<Vec<Vec<u8>>>,
    /// How long `/pong` waits before answering.
    pub pong_delay: Duration,
}

impl Default for SseScript {
    fn default() -> Self {
        Self {
            status: 200,
            content_type: "text/event-stream".into(),
            total: 10,
            drop_after: None,
            retry_ms: None,
            stall_after: None,
            invalid_utf8: false,
            huge_line: None,
            ping: None,
            gap: Duration::ZERO,
            hold_at_end: false,
            raw: None,
            pong_delay: Duration::ZERO,
        }
    }
}

/// What the server saw and did.
#[derive(Debug, Clone, Default)]
pub struct SseState {
    /// Every request, stream and `/pong` alike.
    pub requests: Vec<Request>,
    /// Stream requests, and the `Last-Event-ID` each carried.
    pub last_event_ids: Vec<Option<String>>,
    pub events_sent: u64,
    /// Body bytes written to stream clients.
    pub bytes_sent: u64,
    /// Ping tokens received on `/pong`, and how many replies were answered.
    pub pongs: Vec<String>,
    pub pongs_answered: u64,
    /// Connections dropped because a ping went unanswered.
    pub ping_drops: u64,
    /// Stream connections whose handling has ended.
    pub finished: u64,
}

/// A running SSE server on 127.0.0.1. Stops when dropped.
pub struct SseServer {
    addr: SocketAddr,
    state: Shared<SseState>,
    task: JoinHandle<()>,
}

impl Drop for SseServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SseServer {
    pub async fn start(script: SseScript) -> std::io::Result<Self> {
        let state: Shared<SseState> = Arc::new(Mutex::new(SseState::default()));
        let script = Arc::new(script);
        let st = Arc::clone(&state);
        let (addr, task) = serve(move |stream| {
            let script = Arc::clone(&script);
            let st = Arc::clone(&st);
            async move { handle(stream, &script, &st).await }
        })
        .await?;
        Ok(Self { addr, state, task })
    }

    /// The stream URL.
    pub fn url(&self) -> String {
        format!("http://{}/events", self.addr)
    }

    /// URL of the ping reply endpoint.
    pub fn pong_url(&self) -> String {
        format!("http://{}/pong", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> SseState {
        lock(&self.state).clone()
    }
}

async fn handle(mut stream: TcpStream, script: &SseScript, st: &Shared<SseState>) {
    let Ok(Some(req)) = read_request(&mut stream).await else {
        return;
    };
    lock(st).requests.push(req.clone());
    if req.path() == "/pong" {
        let token = String::from_utf8_lossy(&req.body).into_owned();
        lock(st).pongs.push(token);
        sleep(script.pong_delay).await;
        lock(st).pongs_answered += 1;
        let _ = respond(&mut stream, 200, "text/plain", b"ok").await;
        return;
    }
    let last_id = req.header("last-event-id").map(str::to_owned);
    let conn = {
        let mut s = lock(st);
        s.last_event_ids.push(last_id.clone());
        s.last_event_ids.len() - 1
    };
    let _ = stream_events(&mut stream, script, st, conn, last_id.as_deref()).await;
    lock(st).finished += 1;
}

async fn stream_events(
    stream: &mut TcpStream,
    script: &SseScript,
    st: &Shared<SseState>,
    conn: usize,
    last_id: Option<&str>,
) -> std::io::Result<()> {
    let start = last_id.and_then(|id| id.parse::<u64>().ok()).unwrap_or(0) + 1;
    if script.status != 200 {
        return respond(stream, script.status, "text/plain", b"boom").await;
    }
    if start > script.total && script.raw.is_none() {
        return respond(stream, 204, "text/plain", b"").await;
    }
    write_head(stream, 200, &script.content_type).await?;
    if let Some(chunks) = &script.raw {
        for chunk in chunks {
            send(stream, st, chunk).await?;
            sleep(Duration::from_millis(2)).await;
        }
        return finish(stream, script).await;
    }
    if let Some(ms) = script.retry_ms {
        send(stream, st, format!("retry: {ms}\n\n").as_bytes()).await?;
    }
    if let Some(len) = script.huge_line {
        send(stream, st, b"data: ").await?;
        let chunk = vec![b'x'; HUGE_CHUNK];
        let mut left = len;
        while left > 0 {
            let n = usize::try_from(left).unwrap_or(HUGE_CHUNK).min(HUGE_CHUNK);
            send(stream, st, &chunk[..n]).await?;
            left -= n as u64;
        }
        send(stream, st, b"\n\n").await?;
    }
    let mut ping: Option<(String, Instant)> = None;
    for (i, n) in (start..=script.total).enumerate() {
        let sent_here = i as u64 + 1;
        sleep(script.gap).await;
        if let Some((token, deadline)) = &ping {
            let answered = lock(st).pongs.iter().any(|p| p == token);
            if answered {
                ping = None;
            } else if Instant::now() >= *deadline {
                lock(st).ping_drops += 1;
                return stream.shutdown().await;
            }
        }
        if let Some(rule) = &script.ping {
            if ping.is_none() && rule.every > 0 && n % rule.every == 0 {
                let token = format!("c{conn}-{n}");
                send(
                    stream,
                    st,
                    format!("event: ping\ndata: {token}\n\n").as_bytes(),
                )
                .await?;
                ping = Some((token, Instant::now() + rule.deadline));
            }
        }
        send_event(stream, st, script, n).await?;
        if script.drop_after.is_some_and(|d| sent_here >= d) && n < script.total {
            return stream.shutdown().await;
        }
        if conn == 0 && script.stall_after.is_some_and(|s| sent_here >= s) {
            wait_peer_gone(stream, CONNECTION_LIMIT).await;
            return Ok(());
        }
    }
    finish(stream, script).await
}

async fn send_event(
    stream: &mut TcpStream,
    st: &Shared<SseState>,
    script: &SseScript,
    n: u64,
) -> std::io::Result<()> {
    let mut ev = format!("id: {n}\ndata: ").into_bytes();
    if script.invalid_utf8 {
        ev.extend_from_slice(b"\xFF\xFE");
        ev.extend_from_slice(format!("event {n}").as_bytes());
        ev.extend_from_slice(b"\xC3");
    } else {
        ev.extend_from_slice(format!("event {n}").as_bytes());
    }
    ev.extend_from_slice(b"\n\n");
    send(stream, st, &ev).await?;
    lock(st).events_sent += 1;
    Ok(())
}

async fn finish(stream: &mut TcpStream, script: &SseScript) -> std::io::Result<()> {
    if script.hold_at_end {
        wait_peer_gone(stream, CONNECTION_LIMIT).await;
        return Ok(());
    }
    stream.shutdown().await
}

async fn send(stream: &mut TcpStream, st: &Shared<SseState>, bytes: &[u8]) -> std::io::Result<()> {
    timeout(WRITE_LIMIT, stream.write_all(bytes))
        .await
        .map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::TimedOut, "client stopped reading")
        })??;
    lock(st).bytes_sent += bytes.len() as u64;
    Ok(())
}
