//! Small network helpers shared by the fixtures.

use std::net::{SocketAddr, TcpListener};

/// A port on 127.0.0.1 that was free a moment ago. Prefer binding port 0 directly; this is
/// for external processes (nats-server) that must be told a port.
pub fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
    Ok(listener.local_addr()?.port())
}
