//! Batching with a deadline: at once after idle, paced by the timer under load, and never
//! waiting for an idle gap. Paused tokio time makes "at once" a statement about behaviour
//! (no timer was waited on), not about wall-clock speed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sluice_flow::{spawn, CollectingSink, FlowConfig, Policy, Sink, SinkClosed};
use sluice_wire::{Frame, SubId};
use tokio::time::{sleep, Instant};

use crate::common::{quick, Ev, PATIENCE};

#[tokio::test(start_paused = true)]
async fn first_event_after_idle_goes_out_without_waiting_for_the_timer() {
    let cfg = FlowConfig::new(Policy::KeepAll);
    let interval = cfg.frame_interval;
    let sink = CollectingSink::new();
    let (producer, _handle) = spawn(SubId(1), cfg, sink.clone());
    for round in 1..=3u64 {
        // Idle for a while, then one event.
        sleep(interval * 5).await;
        let t0 = Instant::now();
        producer.push(Ev::new(0, round, "x"));
        assert!(sink.wait_for(round as usize, PATIENCE).await);
        assert_eq!(
            Instant::now(),
            t0,
            "round {round}: the flusher waited on a timer"
        );
    }
}

/// Records when each frame left (tokio time) and counts as acking.
#[derive(Clone, Default)]
struct TimedSink(Arc<Mutex<Vec<Instant>>>);

impl Sink<Ev> for TimedSink {
    fn send(&mut self, _frame: Frame<Ev>) -> Result<(), SinkClosed> {
        self.0.lock().unwrap().push(Instant::now());
        Ok(())
    }

    fn acks_on_send(&self) -> bool {
        true
    }
}

#[tokio::test(start_paused = true)]
async fn under_load_frames_are_paced_by_the_interval() {
    let cfg = FlowConfig::new(Policy::KeepAll);
    let interval = cfg.frame_interval;
    let sink = TimedSink::default();
    let (producer, _handle) = spawn(SubId(1), cfg, sink.clone());
    let start = Instant::now();
    let mut seq = 0;
    // A steady producer: a few events every millisecond for 50 intervals.
    while start.elapsed() < interval * 50 {
        for _ in 0..3 {
            seq += 1;
            producer.push(Ev::new((seq % 4) as u8, seq, "payload"));
        }
        sleep(Duration::from_millis(1)).await;
    }
    let times = sink.0.lock().unwrap().clone();
    assert!(
        times.len() >= 40,
        "only {} frames in 50 intervals",
        times.len()
    );
    assert!(times.len() <= 51, "{} frames in 50 intervals", times.len());
    for pair in times.windows(2) {
        assert!(
            pair[1] - pair[0] >= interval,
            "frames closer than one interval"
        );
    }
}

/// A producer that never pauses (no idle gap ever) still gets frames out: the timer, not
/// an idle gap, drives the flush. Real time on a multi-thread runtime; the only time bound
/// is a generous failure bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_continuous_producer_gets_frames_while_it_runs() {
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(SubId(1), quick(Policy::LatestPerKey), sink.clone());
    let stop = Arc::new(AtomicBool::new(false));
    let watcher = sink.clone();
    let pushing = std::thread::spawn({
        let stop = Arc::clone(&stop);
        move || {
            let started = std::time::Instant::now();
            let mut seq = 0u64;
            // Push without pause until 5 frames arrived; the failure bound ends a hang.
            while watcher.count() < 5 && started.elapsed() < PATIENCE {
                for _ in 0..256 {
                    seq += 1;
                    producer.push(Ev::new((seq % 16) as u8, seq, "v"));
                }
            }
            stop.store(true, Ordering::Relaxed);
            seq
        }
    });
    let pushed = tokio::task::spawn_blocking(move || pushing.join().unwrap())
        .await
        .unwrap();
    assert!(
        sink.count() >= 5,
        "frames did not arrive while the producer ran"
    );
    assert!(stop.load(Ordering::Relaxed));
    let stats = handle.stats();
    assert_eq!(stats.received, pushed);
    // Coalescing did its job: far fewer entries delivered than events pushed.
    assert!(stats.superseded > 0);
}

/// A backlog bigger than one frame leaves in one flush, split into frames under the budget,
/// rather than one frame per interval (which would age the tail of the backlog by ticks).
#[tokio::test(start_paused = true)]
async fn a_backlog_leaves_in_one_flush_split_under_the_budget() {
    let cfg = FlowConfig {
        max_frame_bytes: 600,
        ..FlowConfig::new(Policy::KeepAll)
    };
    let (budget, burst) = (cfg.max_frame_bytes, cfg.max_frames_per_flush as usize);
    let interval = cfg.frame_interval;
    let sink = TimedSink::default();
    let (producer, handle) = spawn(SubId(1), cfg, sink.clone());
    // One event goes out at once; the rest arrive inside the pacing interval.
    producer.push(Ev::new(0, 1, "first"));
    sleep(Duration::from_millis(1)).await;
    let body = "x".repeat(100);
    for seq in 2..=16u64 {
        producer.push(Ev::new((seq % 8) as u8, seq, body.clone()));
    }
    sleep(interval * 2).await;
    let times = sink.0.lock().unwrap().clone();
    assert!(
        times.len() >= 3,
        "backlog not split: {} frames",
        times.len()
    );
    let flush_at = times[1];
    let in_flush = times.iter().filter(|t| **t == flush_at).count();
    assert!(
        in_flush >= 2,
        "the backlog took {in_flush} frame(s) in its flush"
    );
    assert!(
        in_flush <= burst,
        "{in_flush} frames in one flush, burst is {burst}"
    );
    assert_eq!(handle.stats().delivered, 16);
    assert!(
        budget < 16 * 100,
        "the test needs a backlog above one frame"
    );
}

/// A receiver that reports its paints (a 60 Hz display whose frames start 5 ms into the
/// test) gets frames under load `paint_lead` before its paints, still one per display
/// frame; a receiver that stops reporting gets the plain interval back.
#[tokio::test(start_paused = true)]
async fn with_a_paint_clock_frames_land_just_before_paints() {
    let cfg = FlowConfig::new(Policy::KeepAll);
    let (interval, lead) = (cfg.frame_interval, cfg.paint_lead);
    let period = Duration::from_micros(16_667);
    let sink = TimedSink::default();
    let (producer, handle) = spawn(SubId(1), cfg, sink.clone());
    let start = Instant::now();
    let first_paint = start + Duration::from_millis(5);
    let mut next_paint = first_paint;
    let mut seq = 0;
    while start.elapsed() < period * 40 {
        if Instant::now() >= next_paint {
            handle.note_paint(next_paint);
            next_paint += period;
        }
        seq += 1;
        producer.push(Ev::new((seq % 4) as u8, seq, "payload"));
        sleep(Duration::from_micros(500)).await;
    }
    let times = sink.0.lock().unwrap().clone();
    // After the first report, every frame leaves `lead` before a paint (to within the
    // producer's half-millisecond steps and the period estimate).
    let aligned: Vec<_> = times
        .iter()
        .filter(|t| **t > first_paint + period)
        .collect();
    assert!(aligned.len() >= 30, "only {} frames", aligned.len());
    for t in &aligned {
        let since = (**t + lead - first_paint).as_micros() % period.as_micros();
        let off = since.min(period.as_micros() - since);
        assert!(off <= 1_000, "a frame {off} µs away from lead-before-paint");
    }
    for pair in aligned.windows(2) {
        let gap = *pair[1] - *pair[0];
        assert!(
            gap >= period - Duration::from_millis(1),
            "frames {gap:?} apart"
        );
    }

    // The receiver goes quiet (hidden window): frames fall back to the plain interval.
    let quiet_from = Instant::now();
    while quiet_from.elapsed() < Duration::from_secs(1) {
        seq += 1;
        producer.push(Ev::new((seq % 4) as u8, seq, "payload"));
        sleep(Duration::from_micros(500)).await;
    }
    let times = sink.0.lock().unwrap().clone();
    let late: Vec<_> = times
        .iter()
        .filter(|t| **t > quiet_from + Duration::from_millis(600))
        .collect();
    assert!(late.len() >= 10);
    for pair in late.windows(2) {
        let gap = *pair[1] - *pair[0];
        assert!(
            gap >= interval && gap <= interval + Duration::from_millis(1),
            "gap {gap:?}"
        );
    }
}

/// Paint reports are advisory: nonsense ones (far past, far future, epoch zero) change
/// nothing and every event still arrives.
#[tokio::test(start_paused = true)]
async fn nonsense_paint_reports_do_not_stall_the_flow() {
    let sink = CollectingSink::new();
    let registry = sluice_flow::Registry::new();
    let (producer, handle) = spawn(SubId(9), FlowConfig::new(Policy::KeepAll), sink.clone());
    registry.insert(handle.clone());
    for seq in 1..=200u64 {
        registry.note_paint(SubId(9), [0, u64::MAX, seq * 7_919][seq as usize % 3]);
        registry.note_paint(SubId(12345), seq);
        producer.push(Ev::new((seq % 4) as u8, seq, "x"));
        sleep(Duration::from_micros(300)).await;
    }
    // The source ends: the flow sends what is pending and closes.
    drop(producer);
    tokio::time::timeout(PATIENCE, handle.closed())
        .await
        .expect("the flow did not finish");
    assert_eq!(handle.stats().delivered, 200);
}
