//! Native notifications for consumers that start alerting: raised through
//! tauri-plugin-notification, recorded in a bounded list (for the UI and tests), and
//! remembered by id so a click opens that consumer.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use sluice_wire::{MonitorVerdictKind, NavRequest, NotificationRecord};
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;

use crate::notify_policy::Outgoing;

/// Records kept for `notifications_list`; older ones fall off.
const RECORD_CAP: usize = 200;
/// Summaries list this many consumers by name.
const SUMMARY_NAMES: usize = 5;

#[derive(Default)]
pub struct Notifier {
    records: Mutex<VecDeque<NotificationRecord>>,
    seq: Mutex<u64>,
}

impl Notifier {
    /// Raises `out` for the connection `profile_id` and records it.
    pub fn raise<R: Runtime>(&self, app: &AppHandle<R>, profile_id: &str, out: &Outgoing) {
        let (title, body, consumer_id, kind, count) = match out {
            Outgoing::One(a) => (
                format!("{} is {}", a.id, kind_words(a.kind)),
                a.reason.clone(),
                Some(a.id.clone()),
                Some(a.kind),
                1,
            ),
            Outgoing::Summary { count, alerts } => {
                let mut names: Vec<&str> = alerts
                    .iter()
                    .take(SUMMARY_NAMES)
                    .map(|a| a.id.as_str())
                    .collect();
                let more = count.saturating_sub(names.len());
                let tail = (more > 0).then(|| format!("and {more} more"));
                names.extend(tail.as_deref());
                (
                    format!("{count} more consumers need attention"),
                    names.join(", "),
                    None,
                    None,
                    *count as u64,
                )
            }
        };
        let seq = {
            let mut s = lock(&self.seq);
            *s += 1;
            *s
        };
        // The id comes back when the notification is clicked: `seq` is unique per run.
        let id = i32::try_from(seq).unwrap_or(i32::MAX);
        let delivered = match app
            .notification()
            .builder()
            .id(id)
            // Carried back on a click, whatever id the notification server assigned.
            .extra("seq", seq)
            .title(format!("Sluice: {title}"))
            .body(&body)
            .show()
        {
            Ok(()) => true,
            Err(e) => {
                eprintln!("sluice: notification not shown: {e}");
                false
            }
        };
        let mut records = lock(&self.records);
        if records.len() == RECORD_CAP {
            records.pop_front();
        }
        records.push_back(NotificationRecord {
            seq,
            at_ms: now_ms(),
            title,
            body,
            profile_id: profile_id.to_owned(),
            consumer_id,
            kind,
            count,
            delivered,
        });
    }

    /// Every record, oldest first.
    pub fn records(&self) -> Vec<NotificationRecord> {
        lock(&self.records).iter().cloned().collect()
    }

    /// Where a click on notification `id` should go (the Health view, at its consumer).
    pub fn target(&self, id: i32) -> Option<NavRequest> {
        let seq = u64::try_from(id).ok()?;
        let records = lock(&self.records);
        let r = records.iter().find(|r| r.seq == seq)?;
        Some(NavRequest {
            section: "monitor".into(),
            profile_id: Some(r.profile_id.clone()),
            consumer_id: r.consumer_id.clone(),
            reason: None,
        })
    }
}

/// A verdict kind in a few plain words, for titles and menu items.
pub fn kind_words(kind: MonitorVerdictKind) -> &'static str {
    use MonitorVerdictKind as K;
    match kind {
        K::NoWorkers => "stuck: no workers",
        K::AckStall => "stuck: acks stalled",
        K::Saturated => "saturated",
        K::RedeliveryLoop => "in a redelivery loop",
        K::FallingBehind => "falling behind",
        K::Replication => "in replication trouble",
        K::Healthy | K::Idle | K::Paused => "healthy",
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
