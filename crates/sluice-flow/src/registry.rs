use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use sluice_wire::{ErrorCode, IpcError, SubId};

use crate::FlowHandle;

/// Live subscriptions by id, shared by the app shell and the CLI: the `sub_ack` and
/// `sub_close` commands land here.
#[derive(Default)]
pub struct Registry {
    next: AtomicU32,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    subs: HashMap<SubId, FlowHandle>,
    /// Events received by subscriptions no longer listed, so `events_handled` never goes
    /// backwards when one closes. Kept under the same lock as `subs` so a handle moving from
    /// one to the other is never counted twice or missed.
    retired_events: u64,
}

impl Inner {
    fn retire(&mut self, sub: SubId) -> Option<FlowHandle> {
        let handle = self.subs.remove(&sub)?;
        self.retired_events += handle.stats().received;
        Some(handle)
    }

    /// Forgets subscriptions that ended on their own (sink error, source over).
    fn prune(&mut self) {
        let ended: Vec<SubId> = self
            .subs
            .iter()
            .filter(|(_, h)| h.is_closed())
            .map(|(id, _)| *id)
            .collect();
        for id in ended {
            self.retire(id);
        }
    }
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    /// A fresh subscription id (from 1; 0 is never handed out).
    pub fn next_id(&self) -> SubId {
        SubId(self.next.fetch_add(1, Ordering::Relaxed).wrapping_add(1))
    }

    /// Lists a subscription under its id. A live one already under that id is closed.
    pub fn insert(&self, handle: FlowHandle) {
        let mut inner = self.lock();
        inner.prune();
        if let Some(old) = inner.retire(handle.sub()) {
            old.close();
        }
        inner.subs.insert(handle.sub(), handle);
    }

    pub fn get(&self, sub: SubId) -> Option<FlowHandle> {
        self.lock().subs.get(&sub).cloned()
    }

    /// Acks every frame up to `seq`. `Closed` if the subscription ended on its own (it is
    /// forgotten then), `NotFound` if it is unknown.
    pub fn ack(&self, sub: SubId, seq: u64) -> Result<(), IpcError> {
        let mut inner = self.lock();
        let handle = inner.subs.get(&sub).ok_or_else(|| not_found(sub))?;
        if handle.is_closed() {
            inner.retire(sub);
            return Err(IpcError::new(
                ErrorCode::Closed,
                format!("subscription {sub} has ended"),
            ));
        }
        handle.ack(seq);
        Ok(())
    }

    /// The receiver of `sub` painted at `epoch_us` (wall clock, microseconds). Advisory:
    /// an unknown subscription or an implausible time is ignored.
    pub fn note_paint(&self, sub: SubId, epoch_us: u64) {
        if let (Some(handle), Some(at)) = (
            self.get(sub),
            crate::pacing::instant_from_epoch_us(epoch_us),
        ) {
            handle.note_paint(at);
        }
    }

    /// Closes and forgets a subscription; later calls with its id get `NotFound`.
    pub fn close(&self, sub: SubId) -> Result<(), IpcError> {
        let handle = self.lock().retire(sub).ok_or_else(|| not_found(sub))?;
        handle.close();
        Ok(())
    }

    /// Closes and forgets every subscription (window closed, app quitting).
    pub fn close_all(&self) {
        let mut inner = self.lock();
        let ids: Vec<SubId> = inner.subs.keys().copied().collect();
        for id in ids {
            if let Some(handle) = inner.retire(id) {
                handle.close();
            }
        }
    }

    /// Events all subscriptions ever took in, closed ones included.
    pub fn events_handled(&self) -> u64 {
        let inner = self.lock();
        let live: u64 = inner.subs.values().map(|h| h.stats().received).sum();
        inner.retired_events + live
    }

    /// Live subscriptions.
    pub fn len(&self) -> usize {
        let mut inner = self.lock();
        inner.prune();
        inner.subs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn not_found(sub: SubId) -> IpcError {
    IpcError::new(ErrorCode::NotFound, format!("no subscription {sub}"))
}
