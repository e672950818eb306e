//! Workspace watching: a folder's tree, live.
//!
//! The first listing and every later change go out as [`TreeChange`](sluice_wire::TreeChange)s
//! through the flow engine (latest change per path). File system events are debounced
//! (~100 ms) and applied as one update; `.gitignore` files are honoured, VCS internals and
//! build output are skipped, links are never followed (loops and links leading outside the
//! root are reported as such), and an event-queue overflow or a large burst triggers a
//! rescan that sends only the difference.

mod config;
mod error;
mod event;
mod rules;
mod scan;
mod tree;
mod watcher;

pub use config::WatchConfig;
pub use error::WatchError;
pub use event::{TreeEvent, TreeKey};
pub use watcher::{open_watch, watch, WorkspaceWatch};
