//! The app's NATS connections, and the sandbox it runs when no connection is configured.
//!
//! The sandbox starts lazily (the first time the NATS section asks) so the app itself
//! starts as fast without nats-server installed, and is killed when the app exits.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sluice_nats::{ModelOptions, ModelWatcher, NatsConnection, Sandbox, SandboxOptions, Traffic};
use sluice_wire::{ErrorCode, IpcError, NatsProfileView};

/// One open connection and the cluster model kept live for it.
#[derive(Clone)]
pub struct LiveConn {
    pub conn: NatsConnection,
    pub model: Arc<ModelWatcher>,
}

/// The running sandbox. Field order matters: traffic stops before the server is killed.
struct SandboxRun {
    _traffic: Traffic,
    _server: Sandbox,
}

#[derive(Default)]
pub struct NatsState {
    conns: Mutex<HashMap<String, LiveConn>>,
    sandbox: Mutex<Option<SandboxRun>>,
    /// Serializes sandbox starts: two sections asking at once get one server.
    starting: tokio::sync::Mutex<()>,
}

/// The sandbox polls more often than the default so a first look feels live.
const SANDBOX_POLL: Duration = Duration::from_secs(2);

impl NatsState {
    /// The open connection for `profile_id`.
    pub fn get(&self, profile_id: &str) -> Result<LiveConn, IpcError> {
        lock(&self.conns).get(profile_id).cloned().ok_or_else(|| {
            IpcError::new(
                ErrorCode::NotFound,
                format!("no open NATS connection {profile_id:?}"),
            )
        })
    }

    /// Every open connection (the background monitor follows this list).
    pub fn all(&self) -> Vec<(String, LiveConn)> {
        lock(&self.conns)
            .iter()
            .map(|(id, live)| (id.clone(), live.clone()))
            .collect()
    }

    /// Registers an opened connection (replacing one with the same id).
    pub fn insert(&self, profile_id: String, live: LiveConn) {
        lock(&self.conns).insert(profile_id, live);
    }

    /// Forgets a connection; the caller closes it.
    pub fn remove(&self, profile_id: &str) -> Option<LiveConn> {
        lock(&self.conns).remove(profile_id)
    }

    /// Starts the sandbox (nats-server from PATH, store under `data_dir`), seeds the demo
    /// streams and drives traffic; returns its profile. Idempotent.
    pub async fn start_sandbox(&self, data_dir: PathBuf) -> Result<NatsProfileView, IpcError> {
        let _once = self.starting.lock().await;
        if lock(&self.sandbox).is_some() {
            if let Ok(live) = self.get("sandbox") {
                return Ok(live.conn.profile().view());
            }
        }
        let server = Sandbox::start(SandboxOptions {
            binary: PathBuf::from("nats-server"),
            data_dir,
        })
        .await
        .map_err(|e| {
            IpcError::new(
                ErrorCode::Unavailable,
                format!("{e}. Fix: install nats-server (Debian/Ubuntu: sudo apt-get install nats-server; macOS: brew install nats-server), or run scripts/run, then reopen this section."),
            )
        })?;
        let conn = NatsConnection::connect(server.profile()).await?;
        sluice_nats::seed_demo(&conn).await?;
        let traffic = sluice_nats::drive_traffic(&conn).await?;
        let model = ModelWatcher::start(
            conn.clone(),
            ModelOptions {
                interval: SANDBOX_POLL,
            },
        );
        let view = conn.profile().view();
        lock(&self.conns).insert(
            view.id.clone(),
            LiveConn {
                conn,
                model: Arc::new(model),
            },
        );
        *lock(&self.sandbox) = Some(SandboxRun {
            _traffic: traffic,
            _server: server,
        });
        Ok(view)
    }

    /// Drops every connection and kills the sandbox's nats-server (on app exit).
    pub fn shutdown(&self) {
        lock(&self.conns).clear();
        lock(&self.sandbox).take();
    }
}

/// A poisoned lock only means a panic elsewhere; the map itself is still consistent.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
