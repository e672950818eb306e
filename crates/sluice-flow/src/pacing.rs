//! When the next frame under load may leave.
//!
//! Without word from the receiver: one interval after the last frame. A webview, though,
//! only shows what it has when it paints, and its paints come on their own clock: a frame
//! that lands just after a paint waits almost a whole display frame more. So a receiver may
//! report when its animation frames start (with its acks); frames are then timed to land
//! `lead` before one of its paints, at the same rate as before. An event then waits at most
//! one interval in the ring and about `lead` in the webview.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

/// Most displays (and WebKitGTK without one) paint at 60 Hz; the estimate follows the
/// receiver's reports from there.
const DEFAULT_PERIOD: Duration = Duration::from_micros(16_667);
/// A paint clock not heard from for this long is stale: the receiver is idle or hidden.
const STALE_AFTER: Duration = Duration::from_millis(500);
/// Reports further than this from now are not a paint clock of this machine.
const PLAUSIBLE: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy)]
struct PaintClock {
    /// One reported paint.
    at: Instant,
    /// Time between the receiver's paints.
    period: Duration,
    heard: Instant,
}

#[derive(Debug)]
pub(crate) struct Pacer {
    interval: Duration,
    lead: Duration,
    clock: Option<PaintClock>,
}

impl Pacer {
    pub(crate) fn new(interval: Duration, lead: Duration) -> Self {
        Self {
            interval,
            lead,
            clock: None,
        }
    }

    /// The receiver painted at `at` (heard at `now`). Successive reports about one display
    /// frame apart refine the period; skipped frames and outliers only move the phase.
    pub(crate) fn note_paint(&mut self, at: Instant, now: Instant) {
        let at_gap = |a: Instant, b: Instant| if a > b { a - b } else { b - a };
        if at_gap(at, now) > PLAUSIBLE {
            return;
        }
        let period = match self.clock {
            Some(c) if at > c.at => {
                let delta = at - c.at;
                if delta >= c.period / 2 && delta <= c.period * 3 / 2 {
                    (c.period * 7 + delta) / 8
                } else {
                    c.period
                }
            }
            Some(c) => c.period,
            None => DEFAULT_PERIOD,
        };
        self.clock = Some(PaintClock {
            at,
            period,
            heard: now,
        });
    }

    /// When the frame after one sent at `last_sent` may leave. Never later than the plain
    /// interval plus half a display frame, never earlier than the interval less half a
    /// display frame, so the rate stays the configured one.
    pub(crate) fn due(&self, last_sent: Instant, now: Instant) -> Instant {
        let plain = last_sent + self.interval;
        let Some(c) = self
            .clock
            .filter(|c| now.saturating_duration_since(c.heard) < STALE_AFTER)
        else {
            return plain;
        };
        // A subscription asking for frames faster than paints is not slowed down.
        if self.interval < c.period / 2 {
            return plain;
        }
        let earliest = last_sent + self.interval.saturating_sub(c.period / 2);
        let Some(anchor) = c.at.checked_sub(self.lead) else {
            return plain;
        };
        // The first slot `anchor + k * period` (k may be negative) at or after `earliest`.
        let p = c.period.as_nanos().max(1);
        if earliest >= anchor {
            let d = (earliest - anchor).as_nanos();
            anchor + nanos(d.div_ceil(p) * p)
        } else {
            let back = (anchor - earliest).as_nanos() / p * p;
            anchor.checked_sub(nanos(back)).unwrap_or(plain)
        }
    }
}

fn nanos(n: u128) -> Duration {
    Duration::from_nanos(u64::try_from(n).unwrap_or(u64::MAX))
}

/// Maps a wall-clock time (microseconds since the Unix epoch, as a webview reports
/// `performance.timeOrigin + now()`) onto the monotonic clock; `None` if it is not within a
/// second of now.
pub(crate) fn instant_from_epoch_us(epoch_us: u64) -> Option<Instant> {
    let now = Instant::now();
    let wall = SystemTime::now().duration_since(UNIX_EPOCH).ok()?;
    let t = Duration::from_micros(epoch_us);
    if t <= wall {
        let ago = wall - t;
        (ago <= PLAUSIBLE).then(|| now.checked_sub(ago)).flatten()
    } else {
        let ahead = t - wall;
        (ahead <= PLAUSIBLE).then(|| now + ahead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn pacer() -> Pacer {
        Pacer::new(16 * MS, 6 * MS)
    }

    /// Offset of `t` within the paint grid that starts `lead` before `paint`.
    fn phase(t: Instant, paint: Instant, lead: Duration, period: Duration) -> Duration {
        let anchor = paint - lead;
        let d = if t >= anchor { t - anchor } else { anchor - t };
        nanos(d.as_nanos() % period.as_nanos())
    }

    #[test]
    fn without_a_paint_clock_frames_follow_the_interval() {
        let p = pacer();
        let t = Instant::now();
        assert_eq!(p.due(t, t), t + 16 * MS);
    }

    #[test]
    fn with_a_paint_clock_frames_land_lead_before_a_paint() {
        let mut p = pacer();
        let t0 = Instant::now() + 100 * MS;
        p.note_paint(t0, t0);
        for offset_us in [0u64, 3_000, 8_100, 12_345, 16_000] {
            let last = t0 + Duration::from_micros(offset_us);
            let due = p.due(last, last);
            assert_eq!(
                phase(due, t0, 6 * MS, DEFAULT_PERIOD),
                Duration::ZERO,
                "offset {offset_us}"
            );
            // The rate stays the interval's, give or take half a display frame.
            assert!(due >= last + 16 * MS - DEFAULT_PERIOD / 2);
            assert!(due <= last + 16 * MS + DEFAULT_PERIOD / 2);
        }
    }

    #[test]
    fn consecutive_frames_are_one_display_frame_apart() {
        let mut p = pacer();
        let t0 = Instant::now() + 100 * MS;
        p.note_paint(t0, t0);
        let first = p.due(t0, t0);
        let second = p.due(first, first);
        assert_eq!(second - first, DEFAULT_PERIOD);
    }

    #[test]
    fn the_period_follows_the_reports_and_ignores_skipped_frames() {
        let mut p = pacer();
        let t0 = Instant::now() + 100 * MS;
        let real = Duration::from_micros(20_000); // a 50 Hz display
        for i in 0..60 {
            p.note_paint(t0 + real * i, t0 + real * i);
        }
        let period = p.clock.map(|c| c.period).unwrap();
        assert!(
            period > Duration::from_micros(19_800) && period <= real,
            "{period:?}"
        );
        // Two frames apart (a skipped paint) does not double it.
        let last = t0 + real * 59;
        p.note_paint(last + real * 2, last + real * 2);
        assert_eq!(p.clock.map(|c| c.period), Some(period));
    }

    #[test]
    fn a_stale_clock_is_forgotten() {
        let mut p = pacer();
        let t0 = Instant::now() + 100 * MS;
        p.note_paint(t0, t0);
        let later = t0 + STALE_AFTER + MS;
        assert_eq!(p.due(later, later), later + 16 * MS);
    }

    #[test]
    fn a_fast_subscription_is_not_slowed_to_the_paint_rate() {
        let mut p = Pacer::new(2 * MS, 6 * MS);
        let t0 = Instant::now() + 100 * MS;
        p.note_paint(t0, t0);
        assert_eq!(p.due(t0, t0), t0 + 2 * MS);
    }

    #[test]
    fn implausible_reports_are_ignored() {
        let mut p = pacer();
        let now = Instant::now() + 10 * PLAUSIBLE;
        p.note_paint(now + 2 * PLAUSIBLE, now);
        p.note_paint(now - 2 * PLAUSIBLE, now);
        assert!(p.clock.is_none());
        assert!(instant_from_epoch_us(0).is_none());
        assert!(instant_from_epoch_us(u64::MAX).is_none());
        let wall = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        assert!(instant_from_epoch_us(wall.as_micros() as u64).is_some());
    }
}
