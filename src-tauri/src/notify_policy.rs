//! Which verdicts become native notifications: one per consumer per transition into an
//! alert, and at most `max_per_window` per window, the rest summarised in one notification.
//!
//! Pure logic (no tauri, no clock): the caller passes the time, so tests drive it exactly.

use std::collections::{HashMap, VecDeque};

use sluice_wire::{MonitorSeverity, MonitorVerdict, MonitorVerdictKind};

/// Summaries name at most this many consumers; held alerts beyond it are only counted.
const HELD_CAP: usize = 1_000;

/// One consumer's alert, as a notification shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// `stream/consumer`.
    pub id: String,
    pub stream: String,
    pub consumer: String,
    pub kind: MonitorVerdictKind,
    pub reason: String,
}

/// What to raise now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outgoing {
    One(Alert),
    /// Alerts past the rate limit, in one notification; `count` may exceed `alerts.len()`.
    Summary {
        count: usize,
        alerts: Vec<Alert>,
    },
}

#[derive(Debug)]
pub struct NotifyPolicy {
    max_per_window: usize,
    window_ms: u64,
    /// The alert kind last notified (or held) per consumer; cleared when it stops alerting.
    notified: HashMap<String, MonitorVerdictKind>,
    /// When each recent notification went out, oldest first.
    sent: VecDeque<u64>,
    /// Alerts that found no free slot, waiting for the next summary.
    held: Vec<Alert>,
    held_extra: usize,
}

impl NotifyPolicy {
    /// `max_per_window` is clamped to at least 1 (the summary needs a slot).
    pub fn new(max_per_window: usize, window_ms: u64) -> Self {
        Self {
            max_per_window: max_per_window.max(1),
            window_ms,
            notified: HashMap::new(),
            sent: VecDeque::new(),
            held: Vec::new(),
            held_extra: 0,
        }
    }

    /// Takes one evaluation (every current verdict) and returns what to raise now.
    pub fn offer<'a>(
        &mut self,
        now_ms: u64,
        verdicts: impl IntoIterator<Item = &'a MonitorVerdict>,
    ) -> Vec<Outgoing> {
        let mut alerting: HashMap<&str, MonitorVerdictKind> = HashMap::new();
        let mut fresh = Vec::new();
        for v in verdicts {
            if v.severity != MonitorSeverity::Alert {
                continue;
            }
            alerting.insert(v.id.as_str(), v.kind);
            if self.notified.get(&v.id) != Some(&v.kind) {
                self.notified.insert(v.id.clone(), v.kind);
                fresh.push(Alert {
                    id: v.id.clone(),
                    stream: v.stream.clone(),
                    consumer: v.consumer.clone(),
                    kind: v.kind,
                    reason: v.reason.clone(),
                });
            }
        }
        // A consumer that recovered (or vanished) may notify again when it next gets stuck,
        // and a held alert that no longer holds is not worth a summary line.
        self.notified
            .retain(|id, _| alerting.contains_key(id.as_str()));
        self.held
            .retain(|a| alerting.get(a.id.as_str()) == Some(&a.kind));
        self.expire(now_ms);

        let free = self.max_per_window.saturating_sub(self.sent.len());
        let waiting = self.held.len() + self.held_extra + fresh.len();
        let mut out = Vec::new();
        if waiting == 0 || free == 0 {
            self.hold(fresh);
            return out;
        }
        if waiting <= free {
            out.extend(self.held.drain(..).chain(fresh).map(Outgoing::One));
        } else {
            // One slot is kept for the summary of everything that does not fit.
            let mut queue: Vec<Alert> = self.held.drain(..).chain(fresh).collect();
            let rest = queue.split_off(free - 1);
            out.extend(queue.into_iter().map(Outgoing::One));
            let count = rest.len() + self.held_extra;
            out.push(Outgoing::Summary {
                count,
                alerts: rest,
            });
        }
        self.held_extra = 0;
        for _ in &out {
            self.sent.push_back(now_ms);
        }
        out
    }

    /// Alerts waiting for a free slot.
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.held.len() + self.held_extra
    }

    fn hold(&mut self, alerts: Vec<Alert>) {
        for a in alerts {
            if self.held.len() < HELD_CAP {
                self.held.push(a);
            } else {
                self.held_extra += 1;
            }
        }
    }

    fn expire(&mut self, now_ms: u64) {
        while self
            .sent
            .front()
            .is_some_and(|&t| now_ms.saturating_sub(t) >= self.window_ms)
        {
            self.sent.pop_front();
        }
    }
}

#[cfg(test)]
#[path = "notify_policy_tests.rs"]
mod tests;
