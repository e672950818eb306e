//! NATS benchmarks against a real nats-server (`SLUICE_NATS_SERVER` picks the binary).
//!
//! - `tail/raw` vs `tail/sluice`: 128-byte messages through a raw async-nats subscriber loop
//!   and through a Sluice tail into a flow (goal: sluice ≥ 0.9 × raw, ≤ 60 frames/s at the
//!   sink). Besides criterion's figures for each, `tail/paired` runs the two back to back in
//!   alternating order, pair after pair, and prints the median of the per-pair ratios:
//!   both sides of a ratio then see the same load on a shared machine.
//! - `poll/1000-consumers-50-streams`: one full model poll (goal ≤ 1 s).
//!
//! `cargo bench -p sluice-nats --bench nats`

mod tail;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use sluice_nats::{NatsConnection, NatsProfile};
use sluice_testkit::nats::NatsServer;
use tokio::runtime::Runtime;

use tail::{raw_once, sluice_once, Run, MESSAGES};

/// Time and frames of every sluice run, for frames per second at the sink.
#[derive(Default)]
struct FrameTally {
    busy: Duration,
    frames: u64,
}

impl FrameTally {
    fn add(tally: &Mutex<Self>, took: Duration, frames: u64) {
        let mut t = lock(tally);
        t.busy += took;
        t.frames += frames;
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn tail(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let server = rt.block_on(NatsServer::start()).expect("nats-server");
    let url = server.url();
    let conn = rt
        .block_on(NatsConnection::connect(NatsProfile::new(
            "bench",
            vec![url.clone()],
        )))
        .expect("connect");
    let publisher = rt.block_on(async_nats::connect(&url)).expect("publisher");
    let tally = Arc::new(Mutex::new(FrameTally::default()));

    let mut group = c.benchmark_group("tail");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(MESSAGES));
    group.bench_function("raw", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (client, publisher) = (conn.client().clone(), publisher.clone());
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += raw_once(&client, &publisher).await.took;
                }
                total
            }
        });
    });
    group.bench_function("sluice", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (conn, publisher, tally) = (conn.clone(), publisher.clone(), Arc::clone(&tally));
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let run = sluice_once(&conn, &publisher).await;
                    FrameTally::add(&tally, run.took, run.frames);
                    total += run.took;
                }
                total
            }
        });
    });
    // Paired: raw and sluice back to back, the order alternating each pair. Criterion's
    // figure here is the time of one pair; the ratios are what counts.
    let pairs = Arc::new(Mutex::new(Vec::<(Run, Run)>::new()));
    group
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Elements(2 * MESSAGES));
    group.bench_function("paired", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let (conn, publisher) = (conn.clone(), publisher.clone());
            let (tally, pairs) = (Arc::clone(&tally), Arc::clone(&pairs));
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let raw_first = lock(&pairs).len() % 2 == 0;
                    let (raw, sluice) = if raw_first {
                        let raw = raw_once(conn.client(), &publisher).await;
                        (raw, sluice_once(&conn, &publisher).await)
                    } else {
                        let sluice = sluice_once(&conn, &publisher).await;
                        (raw_once(conn.client(), &publisher).await, sluice)
                    };
                    FrameTally::add(&tally, sluice.took, sluice.frames);
                    lock(&pairs).push((raw, sluice));
                    total += raw.took + sluice.took;
                }
                total
            }
        });
    });
    group.finish();
    report_pairs(&lock(&pairs));
    let t = lock(&tally);
    let secs = t.busy.as_secs_f64();
    if secs > 0.0 {
        eprintln!(
            "tail/sluice: {:.1} frames/s at the sink",
            t.frames as f64 / secs
        );
    }
}

/// Prints the median of the per-pair throughput ratios (sluice/raw = raw time / sluice
/// time) and, where measured, the median CPU time per message of each side.
fn report_pairs(pairs: &[(Run, Run)]) {
    if pairs.is_empty() {
        return;
    }
    let mut ratios: Vec<f64> = pairs
        .iter()
        .map(|(raw, sluice)| raw.took.as_secs_f64() / sluice.took.as_secs_f64().max(1e-9))
        .collect();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let ratio = median(&mut ratios);
    let list: Vec<String> = ratios.iter().map(|r| format!("{r:.3}")).collect();
    eprintln!(
        "tail/paired: sluice/raw throughput ratio median {ratio:.3} over {} pairs (sorted: {})",
        pairs.len(),
        list.join(" ")
    );
    let ns_per_msg = |r: &Run| r.cpu.map(|c| c.as_nanos() as f64 / MESSAGES as f64);
    let raw_cpu: Option<Vec<f64>> = pairs.iter().map(|(r, _)| ns_per_msg(r)).collect();
    let sluice_cpu: Option<Vec<f64>> = pairs.iter().map(|(_, s)| ns_per_msg(s)).collect();
    if let (Some(mut raw), Some(mut sluice)) = (raw_cpu, sluice_cpu) {
        eprintln!(
            "tail/paired: CPU of this process per message, median: raw {:.0} ns, sluice {:.0} ns",
            median(&mut raw),
            median(&mut sluice)
        );
    }
}

fn poll(c: &mut Criterion) {
    let rt = Runtime::new().expect("runtime");
    let server = rt.block_on(NatsServer::start()).expect("nats-server");
    let conn = rt
        .block_on(NatsConnection::connect(NatsProfile::new(
            "bench",
            vec![server.url()],
        )))
        .expect("connect");
    rt.block_on(async {
        let js = conn.jetstream();
        for s in 0..50 {
            let stream = js
                .create_stream(async_nats::jetstream::stream::Config {
                    name: format!("S{s:02}"),
                    subjects: vec![format!("s{s:02}.>")],
                    ..Default::default()
                })
                .await
                .expect("stream");
            for c in 0..20 {
                stream
                    .create_consumer(async_nats::jetstream::consumer::pull::Config {
                        durable_name: Some(format!("c{c:02}")),
                        filter_subject: format!("s{s:02}.{c}"),
                        ..Default::default()
                    })
                    .await
                    .expect("consumer");
            }
        }
    });
    let mut group = c.benchmark_group("poll");
    group.sample_size(10);
    group.bench_function("1000-consumers-50-streams", |b| {
        b.to_async(&rt).iter(|| async {
            let (model, _) = sluice_nats::poll_once(&conn, 1, true).await;
            assert_eq!(model.consumers.len(), 1000);
            model
        });
    });
    group.finish();
}

criterion_group!(benches, tail, poll);
criterion_main!(benches);
