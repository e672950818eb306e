//! The flow engine: the one way events reach any UI (webview, CLI, tests).
//!
//! A source pushes events into a [`Producer`]; each subscription keeps them in a bounded,
//! coalescing [`Ring`] (lossy at the head, every drop counted) and a flusher task sends them
//! as [`Frame`](sluice_wire::Frame)s to a [`Sink`]: at once after idle, on a timer under
//! load, each frame under the size budget, never more than `max_unacked` frames ahead of the
//! receiver's acks. No I/O and no tauri here; the app shell adapts a channel into a `Sink`.

mod collect;
mod config;
mod event;
mod flow;
mod flusher;
mod pacing;
mod registry;
mod ring;
mod sink;
mod watch;
mod wire_events;

pub use collect::CollectingSink;
pub use config::{FlowConfig, FRAME_ENVELOPE_BYTES, MAX_FRAME_JSON_BYTES};
pub use event::{Event, Policy};
pub use flow::{spawn, FlowHandle, Producer};
pub use registry::Registry;
pub use ring::{Buffered, Ring};
pub use sink::{JsonLinesSink, Sink, SinkClosed};
pub use watch::watch_source;
