//! The pure monitor: histories, verdicts and timeline from successive models. No I/O, no
//! clock: every time comes from the server (sample timestamps, advisories).

use std::collections::HashMap;
use std::sync::Arc;

use sluice_nats::ClusterModel;
use sluice_wire::{
    MonitorEntry, MonitorLagSample, MonitorLagSeries, MonitorSeverity, MonitorSummary,
    MonitorTimelineEntry, MonitorVerdict, MonitorVerdictKind,
};

use crate::advisories::AdvisoryLog;
use crate::history::{Ring, Sample};
use crate::timeline::{diff_models, verdict_change, Timeline};
use crate::{evaluate, Advisory, MonitorSettings};

/// The latest evaluation: summary and every verdict, worst first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MonitorSnapshot {
    pub summary: MonitorSummary,
    pub verdicts: Arc<Vec<MonitorVerdict>>,
}

impl MonitorSnapshot {
    pub fn verdict(&self, id: &str) -> Option<&MonitorVerdict> {
        self.verdicts.iter().find(|v| v.id == id)
    }

    /// Entries that turn `prev` into `self`: the summary, changed verdicts, removals.
    pub fn diff(&self, prev: &MonitorSnapshot) -> Vec<MonitorEntry> {
        let old: HashMap<&str, &MonitorVerdict> =
            prev.verdicts.iter().map(|v| (v.id.as_str(), v)).collect();
        let mut out = vec![MonitorEntry::Summary(self.summary.clone())];
        let mut seen = std::collections::HashSet::new();
        for v in self.verdicts.iter() {
            seen.insert(v.id.as_str());
            if old.get(v.id.as_str()) != Some(&v) {
                out.push(MonitorEntry::Verdict(v.clone()));
            }
        }
        for id in old.keys().filter(|id| !seen.contains(*id)) {
            out.push(MonitorEntry::Removed {
                id: (*id).to_owned(),
            });
        }
        out
    }
}

/// What one `observe` produced.
#[derive(Debug, Clone)]
pub struct Evaluation {
    pub snapshot: Arc<MonitorSnapshot>,
    /// Timeline entries this model added.
    pub timeline: Vec<MonitorTimelineEntry>,
}

#[derive(Debug, Default)]
struct Track {
    ring: Ring,
    kind: Option<MonitorVerdictKind>,
    since_ms: u64,
    /// The last `observe` that saw this consumer (to forget deleted ones without a set).
    seen: u64,
}

pub struct MonitorState {
    settings: MonitorSettings,
    tracks: HashMap<String, Track>,
    advisories: AdvisoryLog,
    timeline: Timeline,
    prev: Option<Arc<ClusterModel>>,
    last_at_ms: u64,
    observed: u64,
}

impl MonitorState {
    pub fn new(settings: MonitorSettings) -> Self {
        let timeline = Timeline::new(settings.timeline_span, settings.timeline_max);
        Self {
            settings,
            tracks: HashMap::new(),
            advisories: AdvisoryLog::default(),
            timeline,
            prev: None,
            last_at_ms: 0,
            observed: 0,
        }
    }

    pub fn settings(&self) -> &MonitorSettings {
        &self.settings
    }

    /// Samples every consumer of `model`, evaluates verdicts and records what changed
    /// since the previous model.
    pub fn observe(&mut self, model: &Arc<ClusterModel>) -> Evaluation {
        let poll = model.poll.as_ref();
        let clean = poll.is_some_and(|p| p.errors.is_empty());
        let fallback_ms = model
            .consumers
            .iter()
            .map(|c| c.sampled_at_ms)
            .max()
            .filter(|t| *t > 0)
            .or_else(|| poll.map(|p| p.polled_at_ms))
            .unwrap_or(self.last_at_ms);
        let at_ms = fallback_ms.max(self.last_at_ms);
        self.last_at_ms = at_ms;
        self.observed += 1;
        let observed = self.observed;

        let window_ms = self.settings.window_ms();
        let n = model.consumers.len().max(1);
        let cap = (self.settings.max_total_samples / n)
            .min(self.settings.max_samples_per_consumer)
            .max(16);
        let history_ms = u64::try_from(self.settings.history.as_millis()).unwrap_or(u64::MAX);
        let streams: HashMap<&str, &sluice_wire::NatsStreamView> =
            model.streams.iter().map(|s| (s.name.as_str(), s)).collect();

        let mut new_entries = Vec::new();
        let mut verdicts = Vec::with_capacity(model.consumers.len());
        for c in &model.consumers {
            let id = format!("{}/{}", c.stream, c.name);
            // Look up before inserting: known consumers need no second copy of the id.
            if !self.tracks.contains_key(id.as_str()) {
                self.tracks.insert(id.clone(), Track::default());
            }
            let Some(track) = self.tracks.get_mut(id.as_str()) else {
                continue;
            };
            track.seen = observed;
            track.ring.push(Sample::of(c, at_ms), cap, history_ms);
            let last_ms = track.ring.last().map_or(at_ms, |s| s.at_ms);
            let advisories = self
                .advisories
                .count_since(&id, last_ms.saturating_sub(window_ms));
            let mut v = evaluate(
                c,
                streams.get(c.stream.as_str()).copied(),
                &track.ring,
                advisories,
                &self.settings,
            );
            v.id = id;
            match track.kind {
                Some(k) if k == v.kind => v.since_ms = track.since_ms,
                prev => {
                    if let Some(e) = prev.and_then(|p| verdict_change(p, &v)) {
                        new_entries.push(e);
                    }
                    track.kind = Some(v.kind);
                    track.since_ms = v.at_ms;
                }
            }
            verdicts.push(v);
        }

        if clean {
            if let Some(prev) = self.prev.as_ref() {
                let mut changes = diff_models(prev, model, self.settings.pending_jump);
                changes.append(&mut new_entries);
                new_entries = changes;
            }
            self.tracks.retain(|_, t| t.seen == observed);
            self.prev = Some(Arc::clone(model));
        }
        let added = self.timeline.extend(new_entries, at_ms);
        self.advisories
            .prune(at_ms.saturating_sub(window_ms.saturating_mul(2)));

        verdicts.sort_by(|a, b| {
            (b.severity, &a.stream, &a.consumer).cmp(&(a.severity, &b.stream, &b.consumer))
        });
        let summary = summarize(&verdicts, model, at_ms);
        Evaluation {
            snapshot: Arc::new(MonitorSnapshot {
                summary,
                verdicts: Arc::new(verdicts),
            }),
            timeline: added,
        }
    }

    pub fn record_advisory(&mut self, a: Advisory) {
        let at_ms = if a.at_ms > 0 {
            a.at_ms
        } else {
            self.last_at_ms
        };
        self.advisories
            .record(format!("{}/{}", a.stream, a.consumer), at_ms);
    }

    /// Appends `samples` to the history of `id` (`stream/consumer`) as polls would, for
    /// benchmarks and tools that start from a recorded hour instead of live polls. Bounded by
    /// `max_samples_per_consumer` and `history`.
    #[doc(hidden)]
    pub fn preload_history(&mut self, id: &str, samples: impl IntoIterator<Item = Sample>) {
        let cap = self.settings.max_samples_per_consumer.max(16);
        let history_ms = u64::try_from(self.settings.history.as_millis()).unwrap_or(u64::MAX);
        let track = self.tracks.entry(id.to_owned()).or_default();
        for s in samples {
            self.last_at_ms = self.last_at_ms.max(s.at_ms);
            track.ring.push(s, cap, history_ms);
        }
    }

    pub fn lag_history(&self, id: &str) -> Option<MonitorLagSeries> {
        let track = self.tracks.get(id)?;
        Some(MonitorLagSeries {
            id: id.to_owned(),
            samples: track.ring.iter().map(Sample::wire).collect(),
        })
    }

    /// Samples of `id` newer than `after_ms`, oldest first.
    pub fn lag_after(&self, id: &str, after_ms: u64) -> Vec<MonitorLagSample> {
        self.tracks.get(id).map_or_else(Vec::new, |t| {
            t.ring
                .iter()
                .filter(|s| s.at_ms > after_ms)
                .map(Sample::wire)
                .collect()
        })
    }

    pub fn timeline(&self) -> Vec<MonitorTimelineEntry> {
        self.timeline.entries()
    }

    pub fn timeline_after(&self, seq: u64) -> Vec<MonitorTimelineEntry> {
        self.timeline.after(seq)
    }

    /// Samples held across all consumers (the memory bound is on this).
    pub fn samples_held(&self) -> usize {
        self.tracks.values().map(|t| t.ring.len()).sum()
    }
}

fn summarize(verdicts: &[MonitorVerdict], model: &ClusterModel, at_ms: u64) -> MonitorSummary {
    let mut s = MonitorSummary {
        consumers: verdicts.len() as u64,
        poll: model.poll.as_ref().map_or(0, |p| p.poll),
        at_ms,
        errors: model
            .poll
            .as_ref()
            .map(|p| p.errors.clone())
            .unwrap_or_default(),
        ..MonitorSummary::default()
    };
    for v in verdicts {
        match v.severity {
            MonitorSeverity::Ok => s.ok += 1,
            MonitorSeverity::Warning => s.warning += 1,
            MonitorSeverity::Alert => s.alert += 1,
        }
        match v.kind {
            MonitorVerdictKind::Idle => s.idle += 1,
            MonitorVerdictKind::Paused => s.paused += 1,
            _ => {}
        }
        s.severity = s.severity.max(v.severity);
    }
    s
}
