//! The output path of a session: a reader thread moves PTY bytes into a pending buffer,
//! a delivery thread batches them out to the attached output. Both share one small state
//! under a mutex; the two condvars wake each side.

use std::io::{ErrorKind, Read};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use sluice_wire::PtyExitStatus;

use crate::scrollback::Scrollback;
use crate::window::{Window, WindowLimits};
use crate::{PtyLimits, PtyOutput, PtyStats};

pub(crate) struct Pump {
    limits: PtyLimits,
    state: Mutex<State>,
    /// Wakes the delivery thread: data, exit, close.
    ready: Condvar,
    /// Wakes the reader: acks made room, close.
    room: Condvar,
    /// The output and the scrollback, under their own lock so a slow output never blocks
    /// the reader. Lock order: `attached` before `state`.
    attached: Mutex<Attached>,
}

struct State {
    pending: Vec<u8>,
    /// Bytes handed (or being handed) to the output and not acked yet.
    unacked: usize,
    /// Bytes the delivery thread has taken from `pending` and not handed over yet.
    in_flight: usize,
    stats: PtyStats,
    last_delivery: Option<Instant>,
    /// When `pending` last went from empty to holding bytes.
    pending_since: Option<Instant>,
    reader_done: bool,
    exit: Option<PtyExitStatus>,
    exited_at: Option<Instant>,
    exit_sent: bool,
    closed: bool,
    window: Window,
}

impl State {
    fn new(limits: &PtyLimits) -> Self {
        let window = Window::new(WindowLimits {
            min: limits.window_min.max(1),
            initial: limits.window_initial,
            max: limits.high_watermark.max(1),
            target: limits.window_target,
            idle_reset: limits.window_target * 2,
        });
        Self {
            pending: Vec::new(),
            unacked: 0,
            in_flight: 0,
            stats: PtyStats::default(),
            last_delivery: None,
            pending_since: None,
            reader_done: false,
            exit: None,
            exited_at: None,
            exit_sent: false,
            closed: false,
            window,
        }
    }

    /// The reader may read again once a whole read fits in the window.
    fn has_room(&self, read_chunk: usize) -> bool {
        self.outstanding() <= self.window.bytes().saturating_sub(read_chunk)
    }

    /// The consumer changed (attach, detach): only `unacked` bytes are still out, and the
    /// window starts over from them.
    fn new_consumer(&mut self, unacked: usize) {
        self.unacked = unacked;
        self.window.restart(unacked, Instant::now());
        self.note_outstanding();
    }

    fn outstanding(&self) -> usize {
        self.pending.len() + self.unacked
    }

    fn note_outstanding(&mut self) {
        self.stats.outstanding = self.outstanding();
        self.stats.peak_outstanding = self.stats.peak_outstanding.max(self.stats.outstanding);
    }
}

struct Attached {
    output: Option<Box<dyn PtyOutput>>,
    scrollback: Scrollback,
}

enum Step {
    Deliver(Vec<u8>),
    Exit(PtyExitStatus),
    Stop,
}

impl Pump {
    pub(crate) fn new(limits: PtyLimits, output: Box<dyn PtyOutput>) -> Arc<Self> {
        Arc::new(Self {
            attached: Mutex::new(Attached {
                output: Some(output),
                scrollback: Scrollback::new(limits.scrollback),
            }),
            state: Mutex::new(State::new(&limits)),
            limits,
            ready: Condvar::new(),
            room: Condvar::new(),
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn attached(&self) -> MutexGuard<'_, Attached> {
        self.attached.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The reader thread's body: runs until EOF, a read error, or close.
    pub(crate) fn read_loop(&self, mut reader: Box<dyn Read + Send>) {
        let mut buf = vec![0u8; self.limits.read_chunk.max(1)];
        loop {
            {
                let mut st = self.state();
                if st.outstanding() >= st.window.bytes() && !st.closed {
                    st.stats.paused = true;
                    st.stats.pauses += 1;
                    st.window.hit();
                    // Resume as soon as a read fits again: waiting for the consumer to
                    // drain would leave it idle while the next chunk travels.
                    while !st.has_room(self.limits.read_chunk) && !st.closed {
                        st = self.room.wait(st).unwrap_or_else(PoisonError::into_inner);
                    }
                    st.stats.paused = false;
                    // A pending exit report may have been waiting for the pause to end.
                    self.ready.notify_one();
                }
                if st.closed {
                    break;
                }
            }
            match reader.read(&mut buf) {
                // EOF, or EIO once every holder of the terminal's other end is gone.
                Ok(0) => break,
                Ok(n) => {
                    let mut st = self.state();
                    if st.pending.is_empty() {
                        st.pending_since = Some(Instant::now());
                    }
                    st.pending.extend_from_slice(&buf[..n]);
                    st.stats.read += n as u64;
                    st.note_outstanding();
                    self.ready.notify_one();
                }
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        self.state().reader_done = true;
        self.ready.notify_one();
    }

    /// The delivery thread's body: batches pending bytes out, then reports the exit.
    pub(crate) fn deliver_loop(&self) {
        loop {
            match self.next_step() {
                Step::Deliver(chunk) => self.deliver(chunk),
                Step::Exit(status) => {
                    if let Some(out) = self.attached().output.as_mut() {
                        out.exit(&status);
                    }
                }
                Step::Stop => break,
            }
        }
        // Nobody will deliver any more; let the reader drain into nothing.
        self.room.notify_one();
    }

    fn next_step(&self) -> Step {
        let mut st = self.state();
        loop {
            if st.closed {
                return Step::Stop;
            }
            let now = Instant::now();
            if !st.pending.is_empty() {
                // A consumer with nothing left to show gets the first bytes at once (an
                // echo, a prompt). One still busy with earlier output would not show them
                // sooner, so they wait to travel with the rest: every message costs the
                // webview the same round trips, whatever its size.
                let due = if st.unacked == 0 {
                    st.last_delivery
                        .map_or(now, |t| t + self.limits.batch_interval)
                } else {
                    st.pending_since.unwrap_or(now) + self.limits.batch_interval
                };
                // While reading is paused nothing more is coming: waiting would only delay
                // the acks that end the pause.
                let flush_now = due <= now
                    || st.pending.len() >= self.limits.max_batch
                    || st.stats.paused
                    || st.reader_done
                    || st.exit.is_some();
                if flush_now {
                    // Few, large messages (each costs IPC round trips), but several per window so
                    // acks come back while more is queued.
                    let batch = self
                        .limits
                        .max_batch
                        .min((st.window.bytes() / 3).max(self.limits.read_chunk))
                        .max(1);
                    let take = st.pending.len().min(batch);
                    let chunk: Vec<u8> = st.pending.drain(..take).collect();
                    st.pending_since = (!st.pending.is_empty()).then_some(now);
                    if st.pending.capacity() > 4 * self.limits.read_chunk {
                        // A flood grew the buffer; give the memory back once it drains.
                        st.pending.shrink_to(self.limits.read_chunk);
                    }
                    st.unacked += chunk.len();
                    st.in_flight = chunk.len();
                    st.window.delivered(chunk.len(), now);
                    st.last_delivery = Some(now);
                    return Step::Deliver(chunk);
                }
                st = self.wait_until(st, due);
                continue;
            }
            if st.exit.is_some() && !st.exit_sent {
                let grace_over = st
                    .exited_at
                    .is_some_and(|t| now >= t + self.limits.exit_grace);
                if st.reader_done || (grace_over && !st.stats.paused) {
                    if let Some(status) = st.exit.clone() {
                        st.exit_sent = true;
                        return Step::Exit(status);
                    }
                }
            }
            if st.reader_done && st.exit_sent {
                return Step::Stop;
            }
            let grace_end = st
                .exited_at
                .map(|t| t + self.limits.exit_grace)
                .filter(|end| !st.exit_sent && *end > now);
            st = match grace_end {
                Some(end) => self.wait_until(st, end),
                None => self.ready.wait(st).unwrap_or_else(PoisonError::into_inner),
            };
        }
    }

    fn wait_until<'a>(&self, st: MutexGuard<'a, State>, when: Instant) -> MutexGuard<'a, State> {
        let timeout = when.saturating_duration_since(Instant::now());
        self.ready
            .wait_timeout(st, timeout)
            .map(|(g, _)| g)
            .unwrap_or_else(|e| e.into_inner().0)
    }

    fn deliver(&self, chunk: Vec<u8>) {
        let len = chunk.len();
        let mut att = self.attached();
        att.scrollback.push(&chunk);
        let consumed = match att.output.as_mut() {
            Some(out) => {
                let auto = out.acks_on_delivery();
                match out.data(chunk) {
                    Ok(()) => auto,
                    Err(_) => {
                        att.output = None;
                        true
                    }
                }
            }
            // Detached: output only feeds the scrollback, so the child never stalls.
            None => true,
        };
        let mut st = self.state();
        st.in_flight = 0;
        st.stats.delivered += len as u64;
        if consumed {
            st.unacked = st.unacked.saturating_sub(len);
            st.stats.acked += len as u64;
            st.window.acked(len as u64, Instant::now());
        }
        st.note_outstanding();
        drop(st);
        drop(att);
        self.room.notify_one();
    }

    /// The consumer processed `bytes` more bytes.
    pub(crate) fn ack(&self, bytes: u64) {
        let mut st = self.state();
        let n = usize::try_from(bytes).unwrap_or(usize::MAX).min(st.unacked);
        st.unacked -= n;
        st.stats.acked += n as u64;
        st.window.acked(n as u64, Instant::now());
        st.note_outstanding();
        if st.has_room(self.limits.read_chunk) {
            self.room.notify_one();
        }
    }

    /// Swaps the output. The new one first gets the scrollback, then everything after it,
    /// with no byte lost or repeated; bytes the old output never acked are forgotten.
    pub(crate) fn attach(&self, mut output: Box<dyn PtyOutput>) {
        let mut att = self.attached();
        let replay = att.scrollback.snapshot();
        let replay_len = replay.len();
        let auto = output.acks_on_delivery();
        let ok = replay.is_empty() || output.data(replay).is_ok();
        let exit = {
            let mut st = self.state();
            let counted = if ok && !auto { replay_len } else { 0 };
            let in_flight = st.in_flight;
            st.new_consumer(in_flight + counted);
            st.exit.clone().filter(|_| st.exit_sent)
        };
        if let Some(status) = exit {
            output.exit(&status);
        }
        att.output = ok.then_some(output);
        drop(att);
        self.room.notify_one();
    }

    /// Drops the output; output keeps feeding the scrollback.
    pub(crate) fn detach(&self) {
        let mut att = self.attached();
        att.output = None;
        let mut st = self.state();
        let in_flight = st.in_flight;
        st.new_consumer(in_flight);
        drop(st);
        drop(att);
        self.room.notify_one();
    }

    pub(crate) fn set_exit(&self, status: PtyExitStatus) {
        let mut st = self.state();
        st.exit = Some(status);
        st.exited_at = Some(Instant::now());
        self.ready.notify_one();
    }

    pub(crate) fn close(&self) {
        self.state().closed = true;
        self.ready.notify_all();
        self.room.notify_all();
    }

    pub(crate) fn stats(&self) -> PtyStats {
        self.state().stats
    }
}
