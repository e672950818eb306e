//! The flow-control window: how many unacked bytes a session lets out, sized by time.
//!
//! A byte count that suits `cat` of long lines holds seconds of `yes` (xterm.js pays per
//! line, not per byte), and Ctrl-C waits for everything already out. So the window follows
//! what the consumer shows. Each delivered chunk is timed until its ack; the quickest
//! recent round trip is the transport's own delay (`base`), the rest is queueing at the
//! consumer (`base` comes from chunks sent with nothing else out, so a long flood cannot
//! pass its own queue off as transport), and the drain rate is measured while the consumer
//! is backlogged. A chunk that
//! queued longer than `target` shrinks the window at once to `rate × (base + target)`: the
//! transport stays full, the queue a Ctrl-C waits behind stays short. One that queued
//! less, while the window is what holds the reader back, grows it by at most a quarter per
//! round (a window's worth of chunks).
//! After a quiet spell it restarts from its initial size, so a flood after idle never
//! starts from a window that suited faster output.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Most growth in one round.
const MAX_GROWTH: f64 = 1.25;
/// Shortest stretch a rate sample covers (acks come in bursts, one per parse slice).
const SAMPLE_MIN: Duration = Duration::from_millis(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WindowLimits {
    pub min: usize,
    pub initial: usize,
    pub max: usize,
    pub target: Duration,
    /// Nothing out and nothing acked for this long counts as a quiet spell.
    pub idle_reset: Duration,
}

#[derive(Debug)]
pub(crate) struct Window {
    limits: WindowLimits,
    bytes: usize,
    /// End offset (in delivered bytes), delivery time and "sent with nothing else out" of
    /// every chunk not fully acked.
    chunks: VecDeque<(u64, Instant, bool)>,
    delivered: u64,
    acked: u64,
    /// The next adjustment waits for the chunk ending here: one change per round.
    round_end: u64,
    /// The reader hit the window since the last adjustment.
    limited: bool,
    last_activity: Option<Instant>,
    /// Drain rate in bytes/s, measured only while the consumer had work queued.
    rate: Option<f64>,
    /// Start of the current rate sample: when and at which acked offset.
    sample: Option<(Instant, u64)>,
    /// The transport's round trip, from chunks that had the consumer to themselves: the
    /// lowest, drifting up toward newer ones so it follows a machine that got busier.
    base: Option<Duration>,
}

impl Window {
    pub(crate) fn new(limits: WindowLimits) -> Self {
        let bytes = limits.initial.clamp(limits.min, limits.max.max(limits.min));
        Self {
            limits,
            bytes,
            chunks: VecDeque::new(),
            delivered: 0,
            acked: 0,
            round_end: 0,
            limited: false,
            last_activity: None,
            rate: None,
            sample: None,
            base: None,
        }
    }

    /// Unacked bytes allowed right now.
    pub(crate) fn bytes(&self) -> usize {
        self.bytes
    }

    /// The reader stopped because the window was full.
    pub(crate) fn hit(&mut self) {
        self.limited = true;
    }

    /// `len` bytes were handed to the consumer at `now`.
    pub(crate) fn delivered(&mut self, len: usize, now: Instant) {
        let quiet = self.chunks.is_empty()
            && self
                .last_activity
                .is_some_and(|t| now.saturating_duration_since(t) >= self.limits.idle_reset);
        if quiet {
            self.bytes = self.bytes.min(self.limits.initial.max(self.limits.min));
            self.round_end = self.delivered;
            self.rate = None;
        }
        self.delivered += len as u64;
        let alone = self.chunks.is_empty();
        self.chunks.push_back((self.delivered, now, alone));
        self.last_activity = Some(now);
    }

    /// The consumer finished `n` more bytes at `now`.
    pub(crate) fn acked(&mut self, n: u64, now: Instant) {
        self.acked = self.acked.saturating_add(n).min(self.delivered);
        self.last_activity = Some(now);
        let mut newest = None;
        while let Some(&(end, at, alone)) = self.chunks.front() {
            if end > self.acked {
                break;
            }
            newest = Some((end, at, alone));
            self.chunks.pop_front();
        }
        self.measure(now);
        let Some((end, at, alone)) = newest else {
            return;
        };
        let latency = now.saturating_duration_since(at);
        if alone {
            self.base = Some(match self.base {
                Some(b) if b <= latency => b + (latency - b) / 8,
                _ => latency,
            });
        }
        let base = self.base.unwrap_or_default().min(latency);
        let queued = latency - base;
        let target = self.limits.target.as_secs_f64();
        if queued > self.limits.target {
            let lagged = self.bytes as f64 * target / queued.as_secs_f64();
            let fits = self
                .rate
                .map_or(lagged, |r| r * (base.as_secs_f64() + target));
            self.set(fits.min(self.bytes as f64));
            self.round_end = self.delivered;
        } else if self.limited && end >= self.round_end {
            let room = target / queued.as_secs_f64().max(1e-4);
            self.set(self.bytes as f64 * room.min(MAX_GROWTH));
            self.limited = false;
            // Chunks already out were sent under the old window; judge the new one by its own.
            self.round_end = self.delivered;
        }
    }

    fn set(&mut self, bytes: f64) {
        self.bytes = (bytes as usize).clamp(self.limits.min, self.limits.max.max(self.limits.min));
    }

    /// Updates the drain rate after an ack: bytes acked over time, counting only stretches
    /// that started with chunks still queued at the consumer.
    fn measure(&mut self, now: Instant) {
        if let Some((since, from)) = self.sample {
            let span = now.saturating_duration_since(since);
            if span >= SAMPLE_MIN {
                let sample = (self.acked - from) as f64 / span.as_secs_f64();
                self.rate = Some(self.rate.map_or(sample, |r| 0.5 * r + 0.5 * sample));
                self.sample = None;
            }
        }
        if self.chunks.is_empty() {
            self.sample = None;
        } else if self.sample.is_none() {
            self.sample = Some((now, self.acked));
        }
    }

    /// The consumer changed (attach, detach): what it had in flight is forgotten, and
    /// `unacked` bytes (a replay, a chunk being handed over) count as sent now.
    pub(crate) fn restart(&mut self, unacked: usize, now: Instant) {
        self.chunks.clear();
        self.sample = None;
        self.acked = self.delivered;
        if unacked > 0 {
            self.delivered += unacked as u64;
            self.chunks.push_back((self.delivered, now, false));
        }
        self.round_end = self.delivered;
        self.last_activity = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIB: usize = 1024;

    fn limits() -> WindowLimits {
        WindowLimits {
            min: 64 * KIB,
            initial: 256 * KIB,
            max: 4096 * KIB,
            target: Duration::from_millis(50),
            idle_reset: Duration::from_millis(500),
        }
    }

    /// A consumer draining `rate` bytes/s with a fixed `base` delay, fed in `chunk`s by a
    /// reader that always fills the window. Returns the window after `secs` of flood.
    fn simulate(
        w: &mut Window,
        t0: Instant,
        rate: f64,
        base: Duration,
        chunk: usize,
        secs: f64,
    ) -> Instant {
        let mut now = t0;
        let mut inflight: VecDeque<(usize, Instant)> = VecDeque::new();
        let mut busy_until = t0;
        let end = t0 + Duration::from_secs_f64(secs);
        let mut outstanding = 0usize;
        while now < end {
            while outstanding + chunk <= w.bytes() {
                w.delivered(chunk, now);
                outstanding += chunk;
                let start = busy_until.max(now + base);
                busy_until = start + Duration::from_secs_f64(chunk as f64 / rate);
                inflight.push_back((chunk, busy_until));
            }
            w.hit();
            let (len, done) = inflight.pop_front().expect("something in flight");
            now = done;
            w.acked(len as u64, now);
            outstanding -= len;
        }
        now
    }

    #[test]
    fn settles_where_latency_meets_the_target() {
        let t0 = Instant::now();
        let mut fast = Window::new(limits());
        simulate(&mut fast, t0, 40e6, Duration::from_millis(5), 64 * KIB, 3.0);
        // 45 ms of queue at 40 MB/s is ~1.8 MB; the window must have grown toward it.
        assert!(
            fast.bytes() > 1000 * KIB && fast.bytes() < 2600 * KIB,
            "{}",
            fast.bytes()
        );

        let mut slow = Window::new(limits());
        simulate(&mut slow, t0, 1e6, Duration::from_millis(5), 16 * KIB, 3.0);
        // At 1 MB/s 55 ms (base + target) is 55 KB: near the floor.
        assert!(slow.bytes() < 100 * KIB, "{}", slow.bytes());
    }

    #[test]
    fn shrinks_within_a_few_rounds_when_the_consumer_slows() {
        let t0 = Instant::now();
        let mut w = Window::new(limits());
        let t1 = simulate(&mut w, t0, 40e6, Duration::from_millis(5), 64 * KIB, 2.0);
        let big = w.bytes();
        w.acked(1 << 40, t1);
        // `yes` after `cat`: a tenth of the rate. Within 300 ms the window follows.
        simulate(&mut w, t1, 4e6, Duration::from_millis(5), 64 * KIB, 0.3);
        assert!(w.bytes() < big / 4, "{} of {big}", w.bytes());
        assert!(w.bytes() <= 300 * KIB, "{}", w.bytes());
    }

    #[test]
    fn grows_only_when_it_limits_the_reader_and_restarts_after_quiet() {
        let t0 = Instant::now();
        let mut w = Window::new(limits());
        // Interactive output: small chunks acked quickly, the reader never blocked.
        for i in 0..50u64 {
            let at = t0 + Duration::from_millis(i * 10);
            w.delivered(100, at);
            w.acked(100, at + Duration::from_millis(1));
        }
        assert_eq!(w.bytes(), 256 * KIB);

        let t1 = simulate(
            &mut w,
            t0 + Duration::from_secs(1),
            40e6,
            Duration::from_millis(5),
            64 * KIB,
            2.0,
        );
        assert!(w.bytes() > 256 * KIB);
        w.acked(1 << 40, t1);
        w.delivered(10, t1 + Duration::from_secs(2));
        assert_eq!(w.bytes(), 256 * KIB, "restarted after a quiet spell");
    }

    #[test]
    fn acks_beyond_what_was_delivered_and_restarts_keep_it_sane() {
        let t0 = Instant::now();
        let mut w = Window::new(limits());
        w.acked(1_000_000, t0);
        w.delivered(1000, t0);
        w.restart(500, t0);
        w.acked(400, t0 + Duration::from_millis(1));
        assert_eq!(w.chunks.len(), 1, "the replay is still out");
        w.acked(100, t0 + Duration::from_millis(2));
        assert!(w.chunks.is_empty());
        assert!(w.bytes() >= limits().min && w.bytes() <= limits().max);
    }
}
