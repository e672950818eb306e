//! Per-consumer lag history: a bounded ring of samples in server time.

use std::collections::VecDeque;

use sluice_wire::{MonitorLagSample, NatsConsumerView};

/// One poll's view of a consumer, kept compact (the wire form is built on demand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sample {
    pub at_ms: u64,
    pub pending: u64,
    pub ack_pending: u64,
    pub redelivered: u64,
    pub delivered: u64,
    pub delivered_consumer: u64,
    pub ack_floor: u64,
    pub waiting: u64,
    /// 0 when the server reported neither a delivery nor an ack.
    pub last_active_ms: u64,
}

impl Sample {
    /// `fallback_ms` stands in when the view carries no timestamp.
    pub fn of(c: &NatsConsumerView, fallback_ms: u64) -> Self {
        let at_ms = if c.sampled_at_ms > 0 {
            c.sampled_at_ms
        } else {
            fallback_ms
        };
        Self {
            at_ms,
            pending: c.num_pending,
            ack_pending: c.num_ack_pending,
            redelivered: c.num_redelivered,
            delivered: c.delivered_stream_seq,
            delivered_consumer: c.delivered_consumer_seq,
            ack_floor: c.ack_floor_stream_seq,
            waiting: c.num_waiting,
            last_active_ms: c.last_delivered_ms.max(c.last_ack_ms).unwrap_or(0),
        }
    }

    pub fn wire(&self) -> MonitorLagSample {
        MonitorLagSample {
            at_ms: self.at_ms,
            num_pending: self.pending,
            num_ack_pending: self.ack_pending,
            num_redelivered: self.redelivered,
            num_waiting: self.waiting,
            delivered_stream_seq: self.delivered,
            ack_floor_stream_seq: self.ack_floor,
            delivered_consumer_seq: self.delivered_consumer,
            last_active_ms: (self.last_active_ms > 0).then_some(self.last_active_ms),
        }
    }
}

/// Samples oldest first, never more than `cap`, time never going backwards.
#[derive(Debug, Clone, Default)]
pub struct Ring {
    samples: VecDeque<Sample>,
}

impl Ring {
    /// Appends `s`. Sequences that go backwards mean the consumer was recreated or the server
    /// lost state: the older history no longer compares, so it is dropped. A clock that goes
    /// backwards is held at the last time seen so windows stay ordered.
    pub fn push(&mut self, mut s: Sample, cap: usize, max_age_ms: u64) {
        if let Some(last) = self.samples.back() {
            if s.delivered < last.delivered
                || s.ack_floor < last.ack_floor
                || s.delivered_consumer < last.delivered_consumer
            {
                self.samples.clear();
            } else if s.at_ms <= last.at_ms {
                if *last
                    == (Sample {
                        at_ms: last.at_ms,
                        ..s
                    })
                {
                    return; // the same server answer seen twice
                }
                s.at_ms = last.at_ms;
            }
        }
        self.samples.push_back(s);
        let cap = cap.max(2);
        while self.samples.len() > cap {
            self.samples.pop_front();
        }
        let oldest = s.at_ms.saturating_sub(max_age_ms);
        while self.samples.len() > 2 && self.samples.front().is_some_and(|f| f.at_ms < oldest) {
            self.samples.pop_front();
        }
    }

    pub fn last(&self) -> Option<&Sample> {
        self.samples.back()
    }

    pub fn len(&self) -> usize {
        self.samples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.samples.is_empty()
    }

    /// The newest sample at least `window_ms` older than the last one (the window's start),
    /// if the history reaches back that far.
    pub fn baseline(&self, window_ms: u64) -> Option<&Sample> {
        let last = self.samples.back()?;
        let cutoff = last.at_ms.checked_sub(window_ms)?;
        let idx = self.partition_from_back(|s| s.at_ms <= cutoff);
        idx.checked_sub(1).and_then(|i| self.samples.get(i))
    }

    /// Samples from the window's start to the newest.
    pub fn window(&self, window_ms: u64) -> impl Iterator<Item = &Sample> {
        let cutoff = self
            .samples
            .back()
            .map_or(0, |l| l.at_ms.saturating_sub(window_ms));
        let start = self
            .partition_from_back(|s| s.at_ms < cutoff)
            .saturating_sub(1);
        self.samples.range(start..)
    }

    /// `partition_point` that gallops from the newest sample: windows are short next to the
    /// history, so this touches only the ring's tail instead of probing across all of it
    /// (a cache miss per probe, times thousands of consumers each poll).
    fn partition_from_back(&self, pred: impl Fn(&Sample) -> bool) -> usize {
        let len = self.samples.len();
        let mut hi = len; // every index >= hi fails `pred`
        let mut step = 1;
        while hi > 0 {
            let probe = hi.saturating_sub(step);
            if pred(&self.samples[probe]) {
                // The point lies in (probe, hi]: binary search there.
                let mut lo = probe + 1;
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if pred(&self.samples[mid]) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                return lo;
            }
            hi = probe;
            step *= 2;
        }
        0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Sample> {
        self.samples.iter()
    }
}
