//! Keeps the model live: polls on an interval (changeable at run time), publishes each
//! result as latest-state, and feeds per-item changes into flows.

use std::sync::Arc;
use std::time::Duration;

use sluice_flow::Producer;
use sluice_wire::{NatsConnState, NatsConnStatus};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::{poll_once, ClusterModel};
use crate::events::ModelEvent;
use crate::NatsConnection;

/// Ask `$SYS` again this often after it was refused (credentials may change server side).
const SYS_RETRY_POLLS: u64 = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelOptions {
    pub interval: Duration,
}

impl Default for ModelOptions {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(5),
        }
    }
}

/// A running model poller. Dropping it stops the polling.
pub struct ModelWatcher {
    model: watch::Receiver<Arc<ClusterModel>>,
    conn_state: watch::Receiver<NatsConnState>,
    interval: watch::Sender<Duration>,
    refresh: Arc<tokio::sync::Notify>,
    task: JoinHandle<()>,
}

impl ModelWatcher {
    /// Starts polling at once, then every `opts.interval`. Polls pause while the connection
    /// is down and resume (with an immediate poll) when it is back.
    pub fn start(conn: NatsConnection, opts: ModelOptions) -> Self {
        let (tx, model) = watch::channel(Arc::new(ClusterModel::default()));
        let (interval, interval_rx) = watch::channel(opts.interval.max(Duration::from_millis(100)));
        let refresh = Arc::new(tokio::sync::Notify::new());
        let conn_state = conn.state();
        let task = tokio::spawn(run(conn, tx, interval_rx, Arc::clone(&refresh)));
        Self {
            model,
            conn_state,
            interval,
            refresh,
            task,
        }
    }

    /// Latest model; `changed()` wakes after each poll.
    pub fn model(&self) -> watch::Receiver<Arc<ClusterModel>> {
        self.model.clone()
    }

    /// Waits for the next poll after this call and returns it.
    pub async fn next_poll(&self) -> Option<Arc<ClusterModel>> {
        let mut rx = self.model.clone();
        rx.borrow_and_update();
        rx.changed().await.ok()?;
        let model = Arc::clone(&rx.borrow());
        Some(model)
    }

    pub fn set_interval(&self, interval: Duration) {
        self.interval
            .send_replace(interval.max(Duration::from_millis(100)));
    }

    /// Polls now instead of waiting for the timer.
    pub fn refresh(&self) {
        self.refresh.notify_one();
    }

    /// Feeds the model into a flow (`Policy::LatestPerKey`): every item first, then only
    /// what changed each poll. After a reconnect the flow's generation is bumped and the
    /// first poll is sent whole, so a view drops what it held and rebuilds from it.
    pub fn feed(&self, producer: Producer<ModelEvent>) -> JoinHandle<()> {
        feed(self.model.clone(), self.conn_state.clone(), producer)
    }
}

impl Drop for ModelWatcher {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn run(
    conn: NatsConnection,
    tx: watch::Sender<Arc<ClusterModel>>,
    mut interval: watch::Receiver<Duration>,
    refresh: Arc<tokio::sync::Notify>,
) {
    let mut state = conn.state();
    let mut poll = 0u64;
    let mut sys_refused_at: Option<u64> = None;
    loop {
        if state.borrow_and_update().status == NatsConnStatus::Connected {
            poll += 1;
            let try_sys = match sys_refused_at {
                None => true,
                Some(at) => poll - at >= SYS_RETRY_POLLS,
            };
            let (model, sys_ok) = poll_once(&conn, poll, try_sys).await;
            if try_sys {
                sys_refused_at = (!sys_ok).then_some(poll);
            }
            tx.send_replace(Arc::new(model));
        }
        let wait = *interval.borrow_and_update();
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = refresh.notified() => {}
            changed = interval.changed() => if changed.is_err() { return },
            changed = state.changed() => {
                if changed.is_err() || state.borrow().status == NatsConnStatus::Closed {
                    return;
                }
            }
        }
        if tx.is_closed() {
            return;
        }
    }
}

fn feed(
    mut rx: watch::Receiver<Arc<ClusterModel>>,
    mut conn: watch::Receiver<NatsConnState>,
    producer: Producer<ModelEvent>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut prev = Arc::clone(&rx.borrow_and_update());
        let mut reconnects = conn.borrow_and_update().reconnects;
        let mut restart = false;
        for e in prev.entries() {
            producer.push(ModelEvent::new(e));
        }
        loop {
            tokio::select! {
                changed = rx.changed() => if changed.is_err() { break },
                changed = conn.changed() => {
                    if changed.is_err() { break }
                    let now = conn.borrow_and_update().reconnects;
                    restart |= now != reconnects;
                    reconnects = now;
                    continue;
                }
                () = producer.closed() => break,
            }
            let next = Arc::clone(&rx.borrow_and_update());
            if restart {
                restart = false;
                producer.restart();
                for e in next.entries() {
                    producer.push(ModelEvent::new(e));
                }
            } else {
                for e in next.diff(&prev) {
                    producer.push(ModelEvent::new(e));
                }
            }
            prev = next;
        }
    })
}
