use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use sluice_wire::Frame;
use tokio::sync::Notify;
use tokio::time::{timeout_at, Instant};

use crate::{Sink, SinkClosed};

/// A sink for tests and benches: keeps every frame. Clones share the same store, so keep
/// one clone and hand the other to `spawn`.
///
/// By default it behaves like a webview that keeps up (each frame counts as acked when
/// stored); `set_acking(false)` makes it a stalled receiver and `set_failing(true)` a
/// receiver that went away.
pub struct CollectingSink<T> {
    inner: Arc<Inner<T>>,
}

struct Inner<T> {
    store: Mutex<Store<T>>,
    added: Notify,
    acking: AtomicBool,
    failing: AtomicBool,
}

struct Store<T> {
    frames: Vec<Frame<T>>,
    /// Frames ever stored, including ones taken out with `take_frames`.
    total: usize,
}

impl<T> Clone for CollectingSink<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<T> Default for CollectingSink<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> CollectingSink<T> {
    pub fn new() -> Self {
        Self {
            inner: Arc::new(Inner {
                store: Mutex::new(Store {
                    frames: Vec::new(),
                    total: 0,
                }),
                added: Notify::new(),
                acking: AtomicBool::new(true),
                failing: AtomicBool::new(false),
            }),
        }
    }

    /// A receiver that never acks on its own; the test acks through the `FlowHandle`.
    pub fn without_acks() -> Self {
        let sink = Self::new();
        sink.set_acking(false);
        sink
    }

    pub fn set_acking(&self, on: bool) {
        self.inner.acking.store(on, Ordering::Relaxed);
    }

    /// While on, `send` fails as if the receiver were gone.
    pub fn set_failing(&self, on: bool) {
        self.inner.failing.store(on, Ordering::Relaxed);
    }

    /// Frames received so far (including ones already taken out).
    pub fn count(&self) -> usize {
        self.store().total
    }

    /// Sequence of the newest frame still stored, 0 if none.
    pub fn last_seq(&self) -> u64 {
        self.store().frames.last().map_or(0, |f| f.seq)
    }

    pub fn frames(&self) -> Vec<Frame<T>>
    where
        T: Clone,
    {
        self.store().frames.clone()
    }

    /// Moves the stored frames out (keeps long runs from growing without bound).
    pub fn take_frames(&self) -> Vec<Frame<T>> {
        std::mem::take(&mut self.store().frames)
    }

    /// Waits until at least `n` frames were received in total; false if `timeout` passed
    /// first. The timeout is a failure bound, not a speed assertion.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            let mut added = std::pin::pin!(self.inner.added.notified());
            // Register before checking, so a frame landing in between still wakes us.
            added.as_mut().enable();
            if self.count() >= n {
                return true;
            }
            if timeout_at(deadline, added).await.is_err() {
                return self.count() >= n;
            }
        }
    }

    fn store(&self) -> MutexGuard<'_, Store<T>> {
        self.inner
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl<T: Send + 'static> Sink<T> for CollectingSink<T> {
    fn send(&mut self, frame: Frame<T>) -> Result<(), SinkClosed> {
        if self.inner.failing.load(Ordering::Relaxed) {
            return Err(SinkClosed);
        }
        {
            let mut store = self.store();
            store.frames.push(frame);
            store.total += 1;
        }
        self.inner.added.notify_waiters();
        Ok(())
    }

    fn acks_on_send(&self) -> bool {
        self.inner.acking.load(Ordering::Relaxed)
    }
}
