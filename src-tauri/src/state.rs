//! Process-wide state shared by every command.

use std::sync::Arc;

use sluice_flow::Registry;
use sluice_health::HealthSampler;
use sluice_pty::PtyManager;
use sluice_wire::HealthSample;
use sluice_ws::WsSender;
use tokio::sync::watch;

use crate::chat_core::ChatCore;
use crate::sub_map::SubMap;

pub struct AppState {
    /// Every live subscription, for `sub_ack` / `sub_close`.
    pub registry: Arc<Registry>,
    /// Latest core health sample; subscribers read it through the flow engine.
    pub health: watch::Receiver<HealthSample>,
    /// Terminal sessions, by id.
    pub ptys: PtyManager,
    /// The sending side of each WebSocket tail, for `ws_send`.
    pub ws_senders: Arc<SubMap<WsSender>>,
    /// Chat settings, API key, answers in flight.
    pub chat: ChatCore,
}

impl AppState {
    /// Starts the core's background sources on Tauri's async runtime.
    pub fn start() -> Self {
        let registry = Arc::new(Registry::default());
        let counted = registry.clone();
        let sampler = HealthSampler::new(move || counted.events_handled());
        let (tx, health) = sluice_health::channel(&sampler);
        tauri::async_runtime::spawn(sluice_health::run(sampler, sluice_health::PERIOD, tx));
        Self {
            registry,
            health,
            ptys: PtyManager::new(),
            ws_senders: Arc::default(),
            chat: ChatCore::default(),
        }
    }
}
