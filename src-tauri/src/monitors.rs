//! One health monitor per open NATS connection, started as soon as the connection opens
//! (window or not) and stopped when it closes. Each evaluation goes to the tray and to
//! notifications through `Background`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sluice_monitor::{Monitor, MonitorSettings, Thresholds};
use sluice_nats::ModelWatcher;
use sluice_wire::{ErrorCode, IpcError, MonitorPrefs};
use tauri::{AppHandle, Manager};
use tokio::task::JoinHandle;

use crate::monitor_bg::Background;
use crate::nats_state::{LiveConn, NatsState};

/// How often the list of open connections is compared with the running monitors.
const FOLLOW_EVERY: Duration = Duration::from_secs(1);

struct Running {
    monitor: Arc<Monitor>,
    /// The model it watches: a connection reopened under the same id gets a new monitor.
    model: Arc<ModelWatcher>,
    relay: JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.relay.abort();
    }
}

#[derive(Default)]
pub struct Monitors {
    running: Mutex<HashMap<String, Running>>,
}

impl Monitors {
    /// The monitor of `profile_id`, started now if its connection is open.
    pub async fn get(&self, app: &AppHandle, profile_id: &str) -> Result<Arc<Monitor>, IpcError> {
        if let Some(r) = lock(&self.running).get(profile_id) {
            return Ok(Arc::clone(&r.monitor));
        }
        let live = app.state::<NatsState>().get(profile_id)?;
        self.start(app, profile_id, &live).await;
        lock(&self.running)
            .get(profile_id)
            .map(|r| Arc::clone(&r.monitor))
            .ok_or_else(|| IpcError::new(ErrorCode::Unavailable, "the monitor did not start"))
    }

    /// Stops every monitor; the follower starts them again with the current settings.
    pub fn restart_all(&self) {
        lock(&self.running).clear();
    }

    pub fn set_paused(&self, paused: bool) {
        for r in lock(&self.running).values() {
            r.monitor.set_paused(paused);
        }
    }

    async fn start(&self, app: &AppHandle, profile_id: &str, live: &LiveConn) {
        let bg = app.state::<Background>();
        let settings = settings_of(&bg.prefs().thresholds);
        let monitor =
            match Monitor::start_with_advisories(&live.conn, live.model.model(), settings.clone())
                .await
            {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("sluice: monitoring {profile_id} without advisories: {e}");
                    Monitor::start(live.model.model(), settings)
                }
            };
        monitor.set_paused(bg.paused());
        let monitor = Arc::new(monitor);
        let relay = tokio::spawn(relay(
            app.clone(),
            profile_id.to_owned(),
            Arc::clone(&monitor),
        ));
        let mut running = lock(&self.running);
        // A concurrent start for the same connection won: keep that one.
        let same = running
            .get(profile_id)
            .is_some_and(|r| Arc::ptr_eq(&r.model, &live.model));
        if !same {
            running.insert(
                profile_id.to_owned(),
                Running {
                    monitor,
                    model: Arc::clone(&live.model),
                    relay,
                },
            );
        } else {
            relay.abort();
        }
    }

    /// Brings the running monitors in line with the open connections.
    async fn follow(&self, app: &AppHandle) {
        let open = app.state::<NatsState>().all();
        let gone: Vec<String> = {
            let running = lock(&self.running);
            running
                .iter()
                .filter(|(id, r)| {
                    !open
                        .iter()
                        .any(|(o, l)| o == *id && Arc::ptr_eq(&l.model, &r.model))
                })
                .map(|(id, _)| id.clone())
                .collect()
        };
        for id in gone {
            lock(&self.running).remove(&id);
            app.state::<Background>().remove_profile(app, &id);
        }
        for (id, live) in open {
            if !lock(&self.running).contains_key(&id) {
                self.start(app, &id, &live).await;
            }
        }
    }
}

/// Follows the open connections for the life of the app.
pub fn spawn_follower(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            app.state::<Monitors>().follow(&app).await;
            tokio::time::sleep(FOLLOW_EVERY).await;
        }
    });
}

/// Hands each evaluation to the tray and the notifications.
async fn relay(app: AppHandle, profile_id: String, monitor: Arc<Monitor>) {
    let mut rx = monitor.snapshot();
    drop(monitor);
    while rx.changed().await.is_ok() {
        let snap = Arc::clone(&rx.borrow_and_update());
        if snap.summary.poll == 0 {
            continue;
        }
        app.state::<Background>().on_evaluation(
            &app,
            &profile_id,
            snap.summary.clone(),
            &snap.verdicts,
        );
    }
}

/// The monitor's settings from the app's global thresholds.
pub fn settings_of(p: &MonitorPrefs) -> MonitorSettings {
    let mut s = MonitorSettings::with_window(Duration::from_secs(u64::from(p.window_secs.max(1))));
    s.pending_jump = p.pending_jump;
    s.falling_behind_growth = p.falling_behind_growth;
    s.defaults = Thresholds {
        outstanding_ack: p.outstanding_ack,
        unprocessed: p.unprocessed,
        last_delivery_ms: u64::from(p.last_delivery_secs) * 1000,
        last_ack_ms: u64::from(p.last_ack_secs) * 1000,
        redelivery: p.redelivery,
        waiting: 0,
    };
    s
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
