//! Flow engine benchmarks (goals from the brief: ≥ 5 M events/s per core through ring +
//! coalesce + batch with 100-byte events; first event after idle out in ≤ 1 ms; a stalled
//! receiver must not slow the producer and memory stays within the ring's bound).
//!
//! `cargo bench -p sluice-flow -- --quick`

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use sluice_flow::{spawn, CollectingSink, Event, FlowConfig, Policy, Ring};
use sluice_wire::SubId;
use tokio::runtime::Runtime;

/// Payload bytes of one event.
const PAYLOAD: usize = 100;
/// Events per measured batch: pushed, then drained into frames.
const BATCH: usize = 4096;

struct Ev {
    key: u32,
    data: Vec<u8>,
}

impl Event for Ev {
    type Key = u32;

    fn key(&self) -> &u32 {
        &self.key
    }

    fn weight(&self) -> usize {
        // {"key":4294967295,"data":[...]} with the payload as a string of ≤ PAYLOAD chars.
        self.data.len() + 24
    }

    fn merge(&mut self, next: Self) -> Result<(), Self> {
        self.data.extend_from_slice(&next.data);
        Ok(())
    }
}

/// Distinct keys per policy: many for state replication, a few streams for deltas.
fn keys(policy: Policy) -> u32 {
    match policy {
        Policy::LatestPerKey => 1024,
        Policy::AppendMerge => 4,
        Policy::KeepAll => 1,
    }
}

fn events(n: usize, keys: u32) -> Vec<Ev> {
    (0..n)
        .map(|i| Ev {
            key: (i as u32).wrapping_mul(2_654_435_761) % keys,
            data: vec![b'x'; PAYLOAD],
        })
        .collect()
}

fn runtime() -> Runtime {
    // One worker: the flusher gets its own thread, the bench thread is the producer.
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// The synchronous core: push a batch, then cut every pending entry into frames.
fn ring_throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("ring");
    group.throughput(Throughput::Elements(BATCH as u64));
    for (name, policy) in [
        ("latest_per_key", Policy::LatestPerKey),
        ("append_merge", Policy::AppendMerge),
        ("keep_all", Policy::KeepAll),
    ] {
        let mut ring = Ring::new(&FlowConfig::new(policy));
        let k = keys(policy);
        group.bench_function(name, |b| {
            b.iter_batched(
                || events(BATCH, k),
                |batch| {
                    for ev in batch {
                        ring.push(ev);
                    }
                    while let Some(frame) = ring.take_frame(SubId(1)) {
                        black_box(frame);
                    }
                },
                BatchSize::LargeInput,
            );
        });
    }
    group.finish();
}

/// Producer side of a live flow: `spawn` + CollectingSink, flusher on its own thread.
fn end_to_end(c: &mut Criterion) {
    let rt = runtime();
    let _enter = rt.enter();
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(SubId(1), FlowConfig::new(Policy::KeepAll), sink.clone());
    let mut group = c.benchmark_group("spawn");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("keep_all_push", |b| {
        b.iter_batched(
            || {
                sink.take_frames(); // keep memory flat over long runs
                events(BATCH, 1)
            },
            |batch| {
                for ev in batch {
                    producer.push(ev);
                }
            },
            BatchSize::LargeInput,
        );
    });
    group.finish();
    let s = handle.stats();
    println!(
        "spawn/keep_all: received {} delivered {} dropped {} frames {} (invariant holds: {})",
        s.received,
        s.delivered,
        s.dropped,
        s.frames,
        s.received == s.delivered + s.merged + s.superseded + s.dropped + handle.buffered().events
    );
    handle.close();
}

/// Push one event into an idle flow and spin until its frame reached the sink.
fn one_after_idle(
    producer: &sluice_flow::Producer<Ev>,
    sink: &CollectingSink<Ev>,
    idle: Duration,
) -> Duration {
    std::thread::sleep(idle);
    let before = sink.count();
    let t0 = Instant::now();
    producer.push(Ev {
        key: 0,
        data: vec![b'x'; PAYLOAD],
    });
    while sink.count() == before {
        std::hint::spin_loop();
    }
    t0.elapsed()
}

/// The engine's own latency: producer, flusher and receiver on one thread, so no CPU has
/// to be woken; time from `push` after an idle gap until the frame is in the sink.
fn idle_latency_engine(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let cfg = FlowConfig::new(Policy::KeepAll);
    let idle = cfg.frame_interval + Duration::from_millis(4);
    let sink = CollectingSink::new();
    let (producer, handle) = rt.block_on(async { spawn(SubId(1), cfg, sink.clone()) });
    let mut group = c.benchmark_group("latency");
    group.sample_size(10);
    group.bench_function("first_event_after_idle", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    tokio::time::sleep(idle).await;
                    let before = sink.count();
                    let t0 = Instant::now();
                    producer.push(Ev {
                        key: 0,
                        data: vec![b'x'; PAYLOAD],
                    });
                    assert!(sink.wait_for(before + 1, Duration::from_secs(10)).await);
                    total += t0.elapsed();
                }
                total
            })
        });
    });
    group.finish();
    handle.close();
}

/// Across threads (producer outside the runtime, flusher on a worker), printed beside the
/// bare cost of waking a tokio task the same way, which bounds what any engine could do here.
fn idle_latency_cross_thread(_c: &mut Criterion) {
    let rt = runtime();
    let _enter = rt.enter();
    let cfg = FlowConfig::new(Policy::KeepAll);
    // Idle = no frame for longer than one interval.
    let idle = cfg.frame_interval + Duration::from_millis(4);
    let sink = CollectingSink::new();
    let (producer, handle) = spawn(SubId(1), cfg, sink.clone());
    // The floor on this machine: the same push-wake-observe path with a bare tokio Notify
    // instead of the flow. Samples alternate so both see the same machine load.
    let notify = std::sync::Arc::new(tokio::sync::Notify::new());
    let woken = std::sync::Arc::new(AtomicU64::new(0));
    rt.spawn({
        let (notify, woken) = (notify.clone(), woken.clone());
        async move {
            loop {
                notify.notified().await;
                woken.fetch_add(1, Ordering::Release);
            }
        }
    });
    let (mut flow, mut floor) = (Vec::new(), Vec::new());
    for _ in 0..150 {
        flow.push(one_after_idle(&producer, &sink, idle));
        std::thread::sleep(idle);
        let before = woken.load(Ordering::Acquire);
        let t0 = Instant::now();
        notify.notify_one();
        while woken.load(Ordering::Acquire) == before {
            std::hint::spin_loop();
        }
        floor.push(t0.elapsed());
    }
    println!(
        "latency/cross_thread first_event_after_idle: flow {} | bare tokio task wake {}",
        percentiles(&mut flow),
        percentiles(&mut floor)
    );
    handle.close();
}

fn percentiles(samples: &mut [Duration]) -> String {
    samples.sort();
    let at = |p: usize| samples[(samples.len() - 1) * p / 100];
    format!("p50 {:?} p90 {:?} p99 {:?}", at(50), at(90), at(99))
}

/// Producer rate against a receiver that acks vs one that stopped acking, plus the ring's
/// peak buffered bytes under the stall.
fn stalled_receiver(c: &mut Criterion) {
    let rt = runtime();
    let _enter = rt.enter();
    let run = |sink: CollectingSink<Ev>, secs: f64| {
        let cfg = FlowConfig::new(Policy::KeepAll);
        let bound = (cfg.max_entries, cfg.max_bytes);
        let (producer, handle) = spawn(SubId(1), cfg, sink.clone());
        let template = vec![b'x'; PAYLOAD];
        let t0 = Instant::now();
        let mut pushed = 0u64;
        while t0.elapsed().as_secs_f64() < secs {
            for _ in 0..1024 {
                producer.push(Ev {
                    key: 0,
                    data: template.clone(),
                });
            }
            pushed += 1024;
            sink.take_frames();
        }
        let rate = pushed as f64 / t0.elapsed().as_secs_f64();
        let (stats, buffered) = (handle.stats(), handle.buffered());
        handle.close();
        (rate, stats, buffered, bound)
    };
    let _ = c; // figures below are printed, not criterion samples: they compare two runs
    let secs = 1.0;
    let (acking, a_stats, _, _) = run(CollectingSink::new(), secs);
    let (stalled, s_stats, buffered, (max_entries, max_bytes)) =
        run(CollectingSink::without_acks(), secs);
    println!(
        "stall/producer: acking receiver {:.2} M events/s ({} frames), stalled receiver {:.2} M \
         events/s ({} frames); stalled/acking = {:.2}",
        acking / 1e6,
        a_stats.frames,
        stalled / 1e6,
        s_stats.frames,
        stalled / acking
    );
    println!(
        "stall/memory: peak buffered {} bytes of {} allowed ({} entries of {} allowed); \
         dropped {} of {} received, all counted: {}",
        buffered.peak_bytes,
        max_bytes,
        buffered.entries,
        max_entries,
        s_stats.dropped,
        s_stats.received,
        s_stats.received
            == s_stats.delivered
                + s_stats.merged
                + s_stats.superseded
                + s_stats.dropped
                + buffered.events
    );
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = ring_throughput, end_to_end, idle_latency_engine, idle_latency_cross_thread, stalled_receiver
}
criterion_main!(benches);
