//! WebSocket source for Sluice: [`tail`] streams a socket into a flow as [`WsEntry`]s,
//! with headers and subprotocols, app-level pings with a pong timeout, size limits under
//! tungstenite's defaults, and reconnects with backoff. The UI sends through a
//! [`WsSender`].

mod client;
mod entry;
mod error;
mod options;
mod sender;

pub use client::tail;
pub use entry::{flow_config, WsEntry};
pub use error::WsError;
pub use options::{WsOptions, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_MESSAGE_BYTES};
pub use sender::{channel, WsOutbox, WsSender, SEND_QUEUE};
