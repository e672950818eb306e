//! The IPC contract between the Rust core and the webview.
//!
//! Every type that crosses IPC is defined here once. The TypeScript side
//! (`ui/src/bindings/wire.ts`) is generated from these definitions by
//! `scripts/gen-bindings`, and `tests/bindings_drift.rs` fails when the committed file
//! no longer matches.

mod auth;
mod background;
mod bindings;
mod chat;
mod error;
mod frame;
mod health;
mod load;
mod monitor;
mod nats;
mod nats_data;
mod nats_model;
mod nats_profiles;
mod pty;
mod sse;
mod vault;
mod watch;
mod ws;

pub use auth::{
    AuthEvent, AuthNotice, AuthNoticeLevel, AuthProviderConfig, AuthRedirect, AuthStatusView,
};
pub use background::{
    BackgroundPrefs, MonitorPrefs, NavReason, NavRequest, NotificationRecord, TrayAlert, TrayStatus,
};
pub use bindings::render_typescript;
pub use chat::{
    ChatEvent, ChatMessage, ChatRole, ChatSettings, ChatToolCall, ChatUsage, Conversation,
    ConversationSummary,
};
pub use error::{ErrorCode, IpcError};
pub use frame::{DropReport, FlowStats, Frame, SubId};
pub use health::{AppInfo, HealthSample};
pub use load::{LoadSample, LoadSpec};
pub use monitor::{
    MonitorChangeKind, MonitorEntry, MonitorFieldChange, MonitorLagSample, MonitorLagSeries,
    MonitorNumbers, MonitorSeverity, MonitorSummary, MonitorTimelineEntry, MonitorVerdict,
    MonitorVerdictKind,
};
pub use nats::{
    NatsAuthKind, NatsBrowsePage, NatsBrowseRequest, NatsConnState, NatsConnStatus, NatsGap,
    NatsHeader, NatsProfileSource, NatsProfileView, NatsPublishRequest, NatsReply,
    NatsStoredMessage, NatsTailEntry, NatsTailMessage,
};
pub use nats_data::{NatsKvWatchEntry, NatsObjectContent, NatsObjectTransfer};
pub use nats_model::{
    NatsAccountUsage, NatsClusterView, NatsConsumerView, NatsKvBucketView, NatsKvEntryView,
    NatsModelEntry, NatsModelKind, NatsObjectStoreView, NatsObjectView, NatsPollSummary,
    NatsReplicaView, NatsServerView, NatsStreamView,
};
pub use nats_profiles::{NatsFieldProblem, NatsProfileInput, NatsProfilesStatus};
pub use pty::{PtyEvent, PtyExitStatus, PtyId, PtyOpenOptions, PtySessionInfo, PtySize};
pub use sse::{
    Header, HttpMethod, KeepaliveRule, RetrySettings, SseEvent, SseMessage, SseSettings,
};
pub use vault::{SecretView, VaultLockState, VaultProblem, VaultStatus};
pub use watch::{EntryKind, TreeChange, TreeEntry, WatchInfo, WatchOpened};
pub use ws::{WsEvent, WsOutgoing, WsSettings};
