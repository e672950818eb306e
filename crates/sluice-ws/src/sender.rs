//! Sending from the UI: a bounded queue in front of the connection, so a command never
//! waits on the network.

use base64::Engine as _;
use sluice_wire::WsOutgoing;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::WsError;

/// Messages queued while the connection is busy or reconnecting.
pub const SEND_QUEUE: usize = 64;

/// The UI side of a stream's outgoing queue. Cheap to clone.
#[derive(Debug, Clone)]
pub struct WsSender {
    tx: mpsc::Sender<Message>,
}

/// The stream side, handed to [`tail`](crate::tail).
#[derive(Debug)]
pub struct WsOutbox {
    rx: mpsc::Receiver<Message>,
}

impl WsOutbox {
    pub(crate) async fn recv(&mut self) -> Option<Message> {
        self.rx.recv().await
    }
}

/// A connected sender and outbox.
pub fn channel() -> (WsSender, WsOutbox) {
    let (tx, rx) = mpsc::channel(SEND_QUEUE);
    (WsSender { tx }, WsOutbox { rx })
}

impl WsSender {
    /// Queues a message without waiting. Fails at once when the queue is full, the stream
    /// has ended, or a binary payload is not base64.
    pub fn send(&self, msg: WsOutgoing) -> Result<(), WsError> {
        let msg = match msg {
            WsOutgoing::Text { text } => Message::text(text),
            WsOutgoing::Binary { base64 } => Message::binary(
                base64::engine::general_purpose::STANDARD
                    .decode(base64.as_bytes())
                    .map_err(|e| WsError::InvalidBase64(e.to_string()))?,
            ),
        };
        self.tx.try_send(msg).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => WsError::SendQueueFull,
            mpsc::error::TrySendError::Closed(_) => WsError::StreamClosed,
        })
    }
}

pub(crate) fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
