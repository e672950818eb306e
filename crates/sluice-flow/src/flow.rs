//! A running subscription: the producer side, the control side, and the state they share.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sluice_wire::{FlowStats, Frame, SubId};
use tokio::sync::{watch, Notify};
use tokio::time::Instant;

use crate::flusher::run;
use crate::pacing::Pacer;
use crate::{Buffered, Event, FlowConfig, Ring, Sink};

/// Starts a subscription: returns the handle a source pushes into and the handle the
/// app/CLI acks and closes with. Must be called inside a tokio runtime (it spawns the
/// flusher task).
pub fn spawn<T: Event, S: Sink<T>>(
    sub: SubId,
    config: FlowConfig,
    sink: S,
) -> (Producer<T>, FlowHandle) {
    let shared = Arc::new(Shared::new(sub, &config));
    tokio::spawn(run(Arc::clone(&shared), sink));
    let handle = FlowHandle {
        sub,
        ctl: Arc::clone(&shared) as Arc<dyn Control>,
    };
    (Producer { shared }, handle)
}

pub(crate) struct Shared<T: Event> {
    pub(crate) sub: SubId,
    pacer: Mutex<Pacer>,
    max_unacked: u64,
    pub(crate) max_frames_per_flush: u32,
    state: Mutex<State<T>>,
    closed: AtomicBool,
    /// Live `Producer` clones; at zero the source is over and the flusher drains and ends.
    producers: AtomicUsize,
    /// Wakes the flusher: first event after idle, an ack, close, the last producer leaving.
    pub(crate) wake: Notify,
    /// Set once the flusher has stopped and dropped the sink.
    done: watch::Sender<bool>,
}

struct State<T: Event> {
    ring: Ring<T>,
    /// Highest frame sequence the receiver acked.
    acked: u64,
}

/// What the flusher should do next.
pub(crate) enum Next {
    Send,
    Wait,
    Finish,
}

impl<T: Event> Shared<T> {
    fn new(sub: SubId, config: &FlowConfig) -> Self {
        Self {
            sub,
            pacer: Mutex::new(Pacer::new(config.frame_interval, config.paint_lead)),
            // Zero credits would stall the flow forever.
            max_unacked: u64::from(config.max_unacked.max(1)),
            max_frames_per_flush: config.max_frames_per_flush.max(1),
            state: Mutex::new(State {
                ring: Ring::new(config),
                acked: 0,
            }),
            closed: AtomicBool::new(false),
            producers: AtomicUsize::new(1),
            wake: Notify::new(),
            done: watch::Sender::new(false),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        // A panic inside an Event impl must not wedge every later push.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn next(&self) -> Next {
        if self.closed.load(Ordering::Acquire) {
            return Next::Finish;
        }
        let st = self.lock();
        if !st.ring.has_output() {
            // Read under the lock: a last push has either landed already or not started.
            if self.producers.load(Ordering::Acquire) == 0 {
                return Next::Finish;
            }
            return Next::Wait;
        }
        if st.ring.stats().frames - st.acked >= self.max_unacked {
            return Next::Wait;
        }
        Next::Send
    }

    /// Cuts a frame if there is output and a credit for it.
    pub(crate) fn take_frame(&self) -> Option<Frame<T>> {
        let mut st = self.lock();
        if st.ring.stats().frames - st.acked >= self.max_unacked {
            return None;
        }
        st.ring.take_frame(self.sub)
    }

    /// When the frame after one sent at `last_sent` may leave (see `pacing`).
    pub(crate) fn due(&self, last_sent: Instant) -> Instant {
        let pacer = self.pacer.lock().unwrap_or_else(PoisonError::into_inner);
        pacer.due(last_sent, Instant::now())
    }

    /// Records an ack; true if it freed credit.
    pub(crate) fn record_ack(&self, seq: u64) -> bool {
        let mut st = self.lock();
        // Acks for frames not sent yet are clamped rather than trusted.
        let seq = seq.min(st.ring.stats().frames);
        if seq <= st.acked {
            return false;
        }
        st.acked = seq;
        true
    }

    pub(crate) fn mark_closed(&self) {
        self.closed.store(true, Ordering::Release);
        // Free the memory now: a source may hold its Producer a while before noticing.
        self.lock().ring.discard_all();
    }

    pub(crate) fn finish(&self) {
        self.mark_closed();
        self.done.send_replace(true);
    }
}

/// The source side of a subscription. Cheap to clone; when the last clone is dropped the
/// source is over: the flow sends what is pending (as credits allow) and then closes.
pub struct Producer<T: Event> {
    shared: Arc<Shared<T>>,
}

impl<T: Event> Producer<T> {
    /// Takes one event. Never blocks on the receiver and never awaits: a full ring drops
    /// its oldest entries (counted). After close the event is ignored.
    pub fn push(&self, ev: T) {
        if self.shared.closed.load(Ordering::Relaxed) {
            return;
        }
        let wake = self.shared.lock().ring.push(ev);
        if wake {
            self.shared.wake.notify_one();
        }
    }

    /// The source reconnected: bumps the generation. Settings, targets and the subscription
    /// itself are kept.
    pub fn restart(&self) -> u32 {
        self.shared.lock().ring.restart()
    }

    pub fn is_closed(&self) -> bool {
        self.shared.closed.load(Ordering::Acquire)
    }

    /// Resolves once the subscription is closed (by the receiver, `close`, or a sink error),
    /// so a source task can stop reading.
    pub async fn closed(&self) {
        wait_done(self.shared.done.subscribe()).await;
    }

    pub fn sub(&self) -> SubId {
        self.shared.sub
    }
}

impl<T: Event> Clone for Producer<T> {
    fn clone(&self) -> Self {
        self.shared.producers.fetch_add(1, Ordering::AcqRel);
        Self {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<T: Event> Drop for Producer<T> {
    fn drop(&mut self) {
        if self.shared.producers.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.shared.wake.notify_one();
        }
    }
}

/// The control side of a subscription, without the event type, so one registry holds
/// subscriptions of every kind.
#[derive(Clone)]
pub struct FlowHandle {
    sub: SubId,
    ctl: Arc<dyn Control>,
}

/// What a `FlowHandle` can do with a `Shared<T>` of any `T`.
trait Control: Send + Sync {
    fn ack(&self, seq: u64);
    fn note_paint(&self, at: Instant);
    fn close(&self);
    fn stats(&self) -> FlowStats;
    fn generation(&self) -> u32;
    fn buffered(&self) -> Buffered;
    fn is_closed(&self) -> bool;
    fn done(&self) -> watch::Receiver<bool>;
}

impl<T: Event> Control for Shared<T> {
    fn ack(&self, seq: u64) {
        if self.record_ack(seq) {
            self.wake.notify_one();
        }
    }

    fn note_paint(&self, at: Instant) {
        let mut pacer = self.pacer.lock().unwrap_or_else(PoisonError::into_inner);
        pacer.note_paint(at, Instant::now());
    }

    fn close(&self) {
        self.mark_closed();
        self.wake.notify_one();
    }

    fn stats(&self) -> FlowStats {
        self.lock().ring.stats()
    }

    fn generation(&self) -> u32 {
        self.lock().ring.generation()
    }

    fn buffered(&self) -> Buffered {
        self.lock().ring.buffered()
    }

    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    fn done(&self) -> watch::Receiver<bool> {
        self.done.subscribe()
    }
}

impl FlowHandle {
    /// Acknowledges every frame up to and including `seq`, returning their credits.
    pub fn ack(&self, seq: u64) {
        self.ctl.ack(seq);
    }

    /// The receiver painted at `at`: later frames under load are timed to land just before
    /// its paints (see `FlowConfig::paint_lead`).
    pub fn note_paint(&self, at: Instant) {
        self.ctl.note_paint(at);
    }

    /// Stops the flusher and drops what is pending. Idempotent.
    pub fn close(&self) {
        self.ctl.close();
    }

    pub fn stats(&self) -> FlowStats {
        self.ctl.stats()
    }

    pub fn generation(&self) -> u32 {
        self.ctl.generation()
    }

    pub fn sub(&self) -> SubId {
        self.sub
    }

    /// Current and peak ring occupancy.
    pub fn buffered(&self) -> Buffered {
        self.ctl.buffered()
    }

    /// True once closed by `close`, a sink error, or the end of the source.
    pub fn is_closed(&self) -> bool {
        self.ctl.is_closed()
    }

    /// Resolves once the flusher has stopped and dropped the sink.
    pub async fn closed(&self) {
        wait_done(self.ctl.done()).await;
    }
}

impl std::fmt::Debug for FlowHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlowHandle")
            .field("sub", &self.sub)
            .finish()
    }
}

async fn wait_done(mut done: watch::Receiver<bool>) {
    // The sender lives in `Shared`, which the receiver's owner keeps alive: an error can
    // only mean it is gone, which is done as well.
    let _ = done.wait_for(|d| *d).await;
}
