//! The IPC contract between the Rust core and the webview.
//!
//! Every type that crosses IPC is defined here once. The TypeScript side
//! (`ui/src/bindings/wire.ts`) is generated from these definitions by
//! `scripts/gen-bindings`, and `tests/bindings_drift.rs` fails when the committed file
//! no longer matches.

mod bindings;
mod error;
mod frame;
mod health;

pub use bindings::render_typescript;
pub use error::{ErrorCode, IpcError};
pub use frame::{DropReport, FlowStats, Frame, SubId};
pub use health::{AppInfo, HealthSample};
