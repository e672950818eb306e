//! Process-wide state shared by every command.

use std::sync::Arc;

use sluice_flow::Registry;
use sluice_health::HealthSampler;
use sluice_pty::PtyManager;
use sluice_wire::HealthSample;
use tokio::sync::watch;

pub struct AppState {
    /// Every live subscription, for `sub_ack` / `sub_close`.
    pub registry: Arc<Registry>,
    /// Latest core health sample; subscribers read it through the flow engine.
    pub health: watch::Receiver<HealthSample>,
    /// Terminal sessions, by id.
    pub ptys: PtyManager,
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
        }
    }
}
