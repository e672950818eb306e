//! The live monitor: runs a [`MonitorState`] on a model watcher's output, listens to
//! JetStream advisories, publishes the latest snapshot and feeds flows.

use std::sync::{Arc, Mutex, PoisonError};

use futures_util::StreamExt;
use sluice_flow::Producer;
use sluice_nats::{ClusterModel, NatsConnection};
use sluice_wire::{MonitorEntry, MonitorLagSeries, MonitorTimelineEntry};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::advisories::{parse_advisory, ADVISORY_SUBJECTS};
use crate::{MonitorEvent, MonitorSettings, MonitorSnapshot, MonitorState};

/// A running monitor. Dropping it stops evaluating (flows fed from it end too).
pub struct Monitor {
    state: Arc<Mutex<MonitorState>>,
    snapshot: watch::Receiver<Arc<MonitorSnapshot>>,
    paused: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl Monitor {
    /// Evaluates every model `model` publishes (e.g. `ModelWatcher::model()`), without
    /// advisories.
    pub fn start(model: watch::Receiver<Arc<ClusterModel>>, settings: MonitorSettings) -> Self {
        let state = Arc::new(Mutex::new(MonitorState::new(settings)));
        let (tx, snapshot) = watch::channel(Arc::new(MonitorSnapshot::default()));
        let (paused, paused_rx) = watch::channel(false);
        let task = tokio::spawn(run(model, Arc::clone(&state), tx, paused_rx));
        Self {
            state,
            snapshot,
            paused,
            tasks: vec![task],
        }
    }

    /// As [`Monitor::start`], and also subscribes to the max-deliveries and NAK advisories
    /// on `conn` (counted into redelivery-loop verdicts). Fails only when the subscription
    /// cannot be made.
    pub async fn start_with_advisories(
        conn: &NatsConnection,
        model: watch::Receiver<Arc<ClusterModel>>,
        settings: MonitorSettings,
    ) -> Result<Self, async_nats::SubscribeError> {
        let mut subs = Vec::new();
        for subject in ADVISORY_SUBJECTS {
            subs.push(conn.client().subscribe(subject).await?);
        }
        let mut me = Self::start(model, settings);
        let mut merged = futures_util::stream::select_all(subs);
        let state = Arc::clone(&me.state);
        me.tasks.push(tokio::spawn(async move {
            while let Some(msg) = merged.next().await {
                if let Some(adv) = parse_advisory(msg.subject.as_str(), &msg.payload) {
                    lock(&state).record_advisory(adv);
                }
            }
        }));
        Ok(me)
    }

    /// Latest verdicts and summary; `changed()` wakes after each evaluation.
    pub fn snapshot(&self) -> watch::Receiver<Arc<MonitorSnapshot>> {
        self.snapshot.clone()
    }

    /// Waits for the next evaluation after this call.
    pub async fn next_snapshot(&self) -> Option<Arc<MonitorSnapshot>> {
        let mut rx = self.snapshot.clone();
        rx.borrow_and_update();
        rx.changed().await.ok()?;
        let snap = Arc::clone(&rx.borrow());
        Some(snap)
    }

    /// One consumer's lag history (`id` = `stream/consumer`), oldest first.
    pub fn lag_history(&self, id: &str) -> Option<MonitorLagSeries> {
        lock(&self.state).lag_history(id)
    }

    /// The timeline, oldest first (bounded by `timeline_span` and `timeline_max`).
    pub fn timeline(&self) -> Vec<MonitorTimelineEntry> {
        lock(&self.state).timeline()
    }

    /// While paused, models are not evaluated (history keeps no samples either).
    pub fn set_paused(&self, paused: bool) {
        self.paused.send_replace(paused);
    }

    pub fn is_paused(&self) -> bool {
        *self.paused.borrow()
    }

    /// Feeds a flow: summary, every verdict and the timeline first, then after each
    /// evaluation the summary, the verdicts that changed, removals and new timeline entries.
    pub fn feed(&self, producer: Producer<MonitorEvent>) -> JoinHandle<()> {
        let mut rx = self.snapshot.clone();
        let state = Arc::clone(&self.state);
        tokio::spawn(async move {
            let mut prev = Arc::clone(&rx.borrow_and_update());
            let mut timeline_seq = 0;
            producer.push(MonitorEvent::new(MonitorEntry::Summary(
                prev.summary.clone(),
            )));
            for v in prev.verdicts.iter() {
                producer.push(MonitorEvent::new(MonitorEntry::Verdict(v.clone())));
            }
            let added = lock(&state).timeline_after(timeline_seq);
            for t in added {
                timeline_seq = t.seq;
                producer.push(MonitorEvent::new(MonitorEntry::Timeline(t)));
            }
            loop {
                tokio::select! {
                    changed = rx.changed() => if changed.is_err() { break },
                    () = producer.closed() => break,
                }
                let next = Arc::clone(&rx.borrow_and_update());
                for e in next.diff(&prev) {
                    producer.push(MonitorEvent::new(e));
                }
                let added = lock(&state).timeline_after(timeline_seq);
                for t in added {
                    timeline_seq = t.seq;
                    producer.push(MonitorEvent::new(MonitorEntry::Timeline(t)));
                }
                prev = next;
            }
        })
    }

    /// Feeds a flow with the lag samples of the consumers in `ids`: their history first,
    /// then each new sample. For charts.
    pub fn feed_lag(&self, ids: Vec<String>, producer: Producer<MonitorEvent>) -> JoinHandle<()> {
        let mut rx = self.snapshot.clone();
        let state = Arc::clone(&self.state);
        tokio::spawn(async move {
            let mut after: Vec<u64> = vec![0; ids.len()];
            rx.borrow_and_update();
            loop {
                for (id, after) in ids.iter().zip(after.iter_mut()) {
                    let samples = lock(&state).lag_after(id, *after);
                    for sample in samples {
                        *after = sample.at_ms;
                        producer.push(MonitorEvent::new(MonitorEntry::Lag {
                            id: id.clone(),
                            sample,
                        }));
                    }
                }
                tokio::select! {
                    changed = rx.changed() => if changed.is_err() { break },
                    () = producer.closed() => break,
                }
                rx.borrow_and_update();
            }
        })
    }
}

impl Drop for Monitor {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

fn lock(state: &Mutex<MonitorState>) -> std::sync::MutexGuard<'_, MonitorState> {
    // A panic while evaluating leaves plain data behind; keep using it.
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn run(
    mut model: watch::Receiver<Arc<ClusterModel>>,
    state: Arc<Mutex<MonitorState>>,
    tx: watch::Sender<Arc<MonitorSnapshot>>,
    mut paused: watch::Receiver<bool>,
) {
    loop {
        let m = Arc::clone(&model.borrow_and_update());
        if m.poll.is_some() && !*paused.borrow_and_update() {
            let snap = lock(&state).observe(&m).snapshot;
            tx.send_replace(snap);
        }
        tokio::select! {
            changed = model.changed() => if changed.is_err() { return },
            changed = paused.changed() => if changed.is_err() { return },
        }
        if tx.is_closed() {
            return;
        }
    }
}
