//! Terminal sessions on pseudo-terminals.
//!
//! A [`PtySession`] runs the user's login shell or a given command. Its output is read raw
//! on a dedicated thread, batched (the first chunk at once when the consumer has shown
//! everything, otherwise gathered for a few milliseconds, up to 1 MiB) and handed to a
//! [`PtyOutput`] as bytes, never decoded, so characters split across reads arrive intact.
//! Flow control uses a window sized by time: reading pauses while more bytes are
//! unacknowledged than the consumer drains in ~35 ms, which stalls the child rather than
//! growing memory and keeps Ctrl-C prompt. A bounded scrollback is replayed when a view
//! re-attaches.
//! [`PtyManager`] keeps sessions by id, one method per app command. No tauri here: the app
//! shell adapts a binary channel into a `PtyOutput`.

mod error;
mod host_env;
mod limits;
mod manager;
mod output;
mod pump;
mod scrollback;
mod session;
mod tail;
mod text;
mod window;

pub use error::PtyError;
pub use limits::{PtyLimits, PtyStats};
pub use manager::PtyManager;
pub use output::{output_channel, ChannelOutput, OutputClosed, PtyMessage, PtyOutput};
pub use session::PtySession;
pub use tail::{tail_events, tail_raw, PtyEventItem};
pub use text::Utf8Decoder;
