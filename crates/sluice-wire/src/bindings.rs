use ts_rs::{Config, TS};

use crate::{
    AppInfo, DropReport, ErrorCode, FlowStats, Frame, HealthSample, IpcError, LoadSample, LoadSpec,
    SubId,
};
use crate::{
    ChatEvent, ChatMessage, ChatRole, ChatSettings, ChatToolCall, ChatUsage, Conversation,
    ConversationSummary, Header, HttpMethod, KeepaliveRule, RetrySettings, SseEvent, SseMessage,
    SseSettings, WsEvent, WsOutgoing, WsSettings,
};
use crate::{
    EntryKind, PtyEvent, PtyExitStatus, PtyId, PtyOpenOptions, PtySessionInfo, PtySize, TreeChange,
    TreeEntry, WatchInfo, WatchOpened,
};

use crate::auth as au;
use crate::monitor as mon;
use crate::nats as n;
use crate::nats_model as m;
use crate::nats_profiles as np;

const HEADER: &str =
    "// Generated from crates/sluice-wire by scripts/gen-bindings. Do not edit by hand.\n";

/// Renders every IPC type as one TypeScript module (`ui/src/bindings/wire.ts`).
///
/// Each type added to the crate must be listed here; the drift test then keeps the
/// committed file honest.
pub fn render_typescript() -> String {
    let cfg = Config::default();
    let decls = [
        SubId::decl(&cfg),
        ErrorCode::decl(&cfg),
        IpcError::decl(&cfg),
        au::AuthProviderConfig::decl(&cfg),
        au::AuthRedirect::decl(&cfg),
        au::AuthStatusView::decl(&cfg),
        au::AuthNoticeLevel::decl(&cfg),
        au::AuthNotice::decl(&cfg),
        au::AuthEvent::decl(&cfg),
        DropReport::decl(&cfg),
        FlowStats::decl(&cfg),
        Frame::<()>::decl(&cfg),
        HealthSample::decl(&cfg),
        AppInfo::decl(&cfg),
        PtyId::decl(&cfg),
        PtySize::decl(&cfg),
        PtyOpenOptions::decl(&cfg),
        PtySessionInfo::decl(&cfg),
        PtyExitStatus::decl(&cfg),
        PtyEvent::decl(&cfg),
        EntryKind::decl(&cfg),
        TreeEntry::decl(&cfg),
        TreeChange::decl(&cfg),
        WatchInfo::decl(&cfg),
        WatchOpened::decl(&cfg),
        LoadSpec::decl(&cfg),
        LoadSample::decl(&cfg),
        HttpMethod::decl(&cfg),
        Header::decl(&cfg),
        RetrySettings::decl(&cfg),
        KeepaliveRule::decl(&cfg),
        SseSettings::decl(&cfg),
        SseMessage::decl(&cfg),
        SseEvent::decl(&cfg),
        WsSettings::decl(&cfg),
        WsOutgoing::decl(&cfg),
        WsEvent::decl(&cfg),
        ChatSettings::decl(&cfg),
        ChatRole::decl(&cfg),
        ChatToolCall::decl(&cfg),
        ChatUsage::decl(&cfg),
        ChatMessage::decl(&cfg),
        ChatEvent::decl(&cfg),
        Conversation::decl(&cfg),
        ConversationSummary::decl(&cfg),
        n::NatsAuthKind::decl(&cfg),
        n::NatsProfileSource::decl(&cfg),
        n::NatsProfileView::decl(&cfg),
        n::NatsConnStatus::decl(&cfg),
        n::NatsConnState::decl(&cfg),
        n::NatsHeader::decl(&cfg),
        n::NatsTailMessage::decl(&cfg),
        n::NatsGap::decl(&cfg),
        n::NatsTailEntry::decl(&cfg),
        n::NatsStoredMessage::decl(&cfg),
        n::NatsBrowseRequest::decl(&cfg),
        n::NatsBrowsePage::decl(&cfg),
        n::NatsPublishRequest::decl(&cfg),
        n::NatsReply::decl(&cfg),
        crate::nats_data::NatsKvWatchEntry::decl(&cfg),
        crate::nats_data::NatsObjectContent::decl(&cfg),
        crate::nats_data::NatsObjectTransfer::decl(&cfg),
        m::NatsServerView::decl(&cfg),
        m::NatsAccountUsage::decl(&cfg),
        m::NatsReplicaView::decl(&cfg),
        m::NatsClusterView::decl(&cfg),
        m::NatsStreamView::decl(&cfg),
        m::NatsConsumerView::decl(&cfg),
        m::NatsKvBucketView::decl(&cfg),
        m::NatsKvEntryView::decl(&cfg),
        m::NatsObjectStoreView::decl(&cfg),
        m::NatsObjectView::decl(&cfg),
        m::NatsPollSummary::decl(&cfg),
        m::NatsModelKind::decl(&cfg),
        m::NatsModelEntry::decl(&cfg),
        np::NatsProfileInput::decl(&cfg),
        np::NatsFieldProblem::decl(&cfg),
        np::NatsProfilesStatus::decl(&cfg),
        mon::MonitorVerdictKind::decl(&cfg),
        mon::MonitorSeverity::decl(&cfg),
        mon::MonitorNumbers::decl(&cfg),
        mon::MonitorVerdict::decl(&cfg),
        mon::MonitorLagSample::decl(&cfg),
        mon::MonitorLagSeries::decl(&cfg),
        mon::MonitorChangeKind::decl(&cfg),
        mon::MonitorFieldChange::decl(&cfg),
        mon::MonitorTimelineEntry::decl(&cfg),
        mon::MonitorSummary::decl(&cfg),
        mon::MonitorEntry::decl(&cfg),
        crate::background::MonitorPrefs::decl(&cfg),
        crate::background::BackgroundPrefs::decl(&cfg),
        crate::background::TrayAlert::decl(&cfg),
        crate::background::TrayStatus::decl(&cfg),
        crate::background::NotificationRecord::decl(&cfg),
        crate::background::NavRequest::decl(&cfg),
        crate::background::NavReason::decl(&cfg),
        crate::vault::VaultLockState::decl(&cfg),
        crate::vault::VaultProblem::decl(&cfg),
        crate::vault::VaultStatus::decl(&cfg),
        crate::vault::SecretView::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push('\n');
    }
    out
}
