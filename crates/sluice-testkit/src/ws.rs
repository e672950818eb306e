//! A WebSocket server on 127.0.0.1 whose misbehaviour a test picks: oversized frames,
//! going silent (pings unanswered), closing without a close frame. Otherwise it echoes.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;

const MAX_CONNECTIONS: usize = 2_000;
const CONNECTION_LIMIT: Duration = Duration::from_secs(120);
const MAX_MESSAGES: usize = 100_000;

/// What the server does on each connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WsScript {
    /// Text messages sent right after the handshake.
    pub greet: Vec<String>,
    /// After the greeting, one binary message of this many bytes, in a single frame.
    pub oversized: Option<usize>,
    /// After the greeting, neither read nor write (pings go unanswered) until the client
    /// leaves.
    pub silent: bool,
    /// After the greeting, drop the TCP connection without a close frame.
    pub close_abruptly: bool,
    /// Accept this subprotocol when the client offers it.
    pub accept_protocol: Option<String>,
    /// Misbehave (silent, abrupt, oversized) on the first connection only; later ones greet
    /// and echo.
    pub first_only: bool,
}

/// What the server saw.
#[derive(Debug, Clone, Default)]
pub struct WsState {
    pub connections: u64,
    /// Request headers of each handshake.
    pub handshakes: Vec<Vec<(String, String)>>,
    pub texts: Vec<String>,
    pub binaries: Vec<Vec<u8>>,
    pub pings: u64,
}

/// A running WebSocket server. Stops when dropped.
pub struct WsServer {
    addr: SocketAddr,
    state: Arc<Mutex<WsState>>,
    task: JoinHandle<()>,
}

impl Drop for WsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl WsServer {
    pub async fn start(script: WsScript) -> std::io::Result<Self> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(Mutex::new(WsState::default()));
        let st = Arc::clone(&state);
        let script = Arc::new(script);
        let task = tokio::spawn(async move {
            for n in 0..MAX_CONNECTIONS {
                let Ok((stream, _)) = listener.accept().await else {
                    break;
                };
                let st = Arc::clone(&st);
                let script = Arc::clone(&script);
                tokio::spawn(async move {
                    let misbehave = n == 0 || !script.first_only;
                    let _ = timeout(CONNECTION_LIMIT, serve(stream, &script, misbehave, &st)).await;
                });
            }
        });
        Ok(Self { addr, state, task })
    }

    pub fn url(&self) -> String {
        format!("ws://{}/socket", self.addr)
    }

    pub fn state(&self) -> WsState {
        lock(&self.state).clone()
    }
}

fn lock(m: &Mutex<WsState>) -> MutexGuard<'_, WsState> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

// The handshake callback's error type is tungstenite's, large by its design.
#[allow(clippy::result_large_err)]
async fn serve(stream: TcpStream, script: &WsScript, misbehave: bool, st: &Mutex<WsState>) {
    let offered = script.accept_protocol.clone();
    let callback = |req: &Request, mut resp: Response| {
        let headers: Vec<(String, String)> = req
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let picks = req
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|p| Some(p.trim()) == offered.as_deref()));
        if picks {
            if let Some(Ok(v)) = offered.as_deref().map(HeaderValue::from_str) {
                resp.headers_mut().insert("sec-websocket-protocol", v);
            }
        }
        let mut s = lock(st);
        s.connections += 1;
        s.handshakes.push(headers);
        Ok(resp)
    };
    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(stream, callback).await else {
        return;
    };
    for text in &script.greet {
        if ws.send(Message::text(text.clone())).await.is_err() {
            return;
        }
    }
    if misbehave {
        if let Some(len) = script.oversized {
            let _ = ws.send(Message::binary(vec![0xAB; len])).await;
        }
        if script.close_abruptly {
            // Drop the socket without a close frame.
            let mut tcp = ws.into_inner();
            let _ = tokio::io::AsyncWriteExt::shutdown(&mut tcp).await;
            return;
        }
        if script.silent {
            // Hold the socket without polling it: pings pile up unanswered.
            tokio::time::sleep(CONNECTION_LIMIT).await;
            drop(ws);
            return;
        }
    }
    for _ in 0..MAX_MESSAGES {
        let Some(Ok(msg)) = ws.next().await else {
            return;
        };
        match msg {
            Message::Text(t) => {
                lock(st).texts.push(t.to_string());
                if ws.send(Message::text(t.to_string())).await.is_err() {
                    return;
                }
            }
            Message::Binary(b) => {
                lock(st).binaries.push(b.to_vec());
                if ws.send(Message::binary(b)).await.is_err() {
                    return;
                }
            }
            Message::Ping(_) => lock(st).pings += 1,
            Message::Close(_) => return,
            _ => {}
        }
    }
}
