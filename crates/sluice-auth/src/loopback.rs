//! The loopback redirect (RFC 8252 §7.3): a one-shot HTTP listener on 127.0.0.1 with an
//! ephemeral port, for systems where the custom scheme cannot be registered.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{timeout, Instant};

use crate::AuthError;

pub const CALLBACK_PATH: &str = "/oauth/callback";
const MAX_HEAD: usize = 8 * 1024;
const READ_LIMIT: Duration = Duration::from_secs(5);
/// Stray requests (favicon, probes) tolerated before giving up.
const MAX_CONNECTIONS: usize = 64;
const PAGE: &str = "<!doctype html><meta charset=utf-8><title>Sluice</title>\
<body style=\"font-family:sans-serif;margin:3em\"><h1>Sluice received the sign-in response</h1>\
<p>You can close this tab and return to the app.</p></body>";

pub struct Loopback {
    listener: TcpListener,
    port: u16,
    pub redirect_uri: String,
}

impl Loopback {
    /// Binds 127.0.0.1 on a port the OS picks.
    pub async fn bind() -> Result<Self, AuthError> {
        let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))
            .await
            .map_err(|e| AuthError::Loopback(e.to_string()))?;
        let port = listener
            .local_addr()
            .map_err(|e| AuthError::Loopback(e.to_string()))?
            .port();
        Ok(Self {
            listener,
            port,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        })
    }

    /// Serves until one `GET /oauth/callback…` arrives, answers it with a small page and
    /// returns the full callback URL (to be checked by `SignIn::complete`). Other requests
    /// get 404. Gives up after `limit`.
    pub async fn accept_callback(self, limit: Duration) -> Result<String, AuthError> {
        let deadline = Instant::now() + limit;
        for _ in 0..MAX_CONNECTIONS {
            let accepted = tokio::time::timeout_at(deadline, self.listener.accept())
                .await
                .map_err(|_| AuthError::Loopback("no callback arrived in time".into()))?;
            let Ok((mut stream, _)) = accepted else {
                continue;
            };
            if let Some(target) = serve_one(&mut stream).await {
                return Ok(format!("http://127.0.0.1:{}{target}", self.port));
            }
        }
        Err(AuthError::Loopback(
            "too many requests without a callback".into(),
        ))
    }
}

/// Reads one request; returns its target when it is the callback.
async fn serve_one(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(1024);
    let head_ok = timeout(READ_LIMIT, async {
        loop {
            if buf.windows(4).any(|w| w == b"\r\n\r\n") {
                return true;
            }
            if buf.len() > MAX_HEAD {
                return false;
            }
            let mut chunk = [0u8; 2048];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return false,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
    })
    .await
    .unwrap_or(false);
    if !head_ok {
        let _ = reply(stream, "431 Request Header Fields Too Large", "").await;
        return None;
    }
    let head = String::from_utf8_lossy(&buf);
    let mut first = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (first.next().unwrap_or(""), first.next().unwrap_or(""));
    let path = target.split('?').next().unwrap_or("");
    if method != "GET" || path != CALLBACK_PATH {
        let _ = reply(stream, "404 Not Found", "").await;
        return None;
    }
    let _ = reply(stream, "200 OK", PAGE).await;
    Some(target.to_owned())
}

async fn reply(stream: &mut TcpStream, status: &str, body: &str) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    stream.shutdown().await
}
