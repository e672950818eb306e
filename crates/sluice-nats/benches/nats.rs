//! NATS benchmarks against a real nats-server (`SLUICE_NATS_SERVER` picks the binary).
//!
//! - `tail/raw` vs `tail/sluice`: 128-byte messages through a raw async-nats subscriber loop
//!   and through a Sluice tail into a flow, in the same run (goal: sluice ≥ 0.9 × raw). The
//!   frames per second reaching the sink are printed (goal ≤ 60).
//! - `poll/1000-consumers-50-streams`: one full model poll (goal ≤ 1 s).
//!
//! `cargo bench -p sluice-nats --bench nats`

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures_util::StreamExt;
use sluice_flow::{Policy, Sink, SinkClosed};
use sluice_nats::{NatsConnection, NatsProfile, TailEvent};
use sluice_testkit::nats::NatsServer;
use sluice_wire::{Frame, SubId};
use tokio::runtime::Runtime;

const MESSAGES: u64 = 50_000;
const PAYLOAD: [u8; 128] = [b'x'; 128];
/// Failure bound for one iteration; never reached when the server keeps up.
const ITER_BOUND: Duration = Duration::from_secs(10);

/// Counts frames, like a webview that keeps up (each frame counts as acked).
#[derive(Clone, Default)]
struct CountingSink {
    frames: Arc<AtomicU64>,
}

impl Sink<TailEvent> for CountingSink {
    fn send(&mut self, _frame: Frame<TailEvent>) -> Result<(), SinkClosed> {
        self.frames.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
    fn acks_on_send(&self) -> bool {
        true
    }
}

/// Most messages in flight between publisher and subscriber. Both sides are measured
/// sustained: the publisher never runs so far ahead that the client's subscription buffer
/// (64 Ki messages) overflows and drops.
const WINDOW: u64 = 16 * 1024;

/// Publishes `MESSAGES`, staying at most `WINDOW` ahead of `received()`.
async fn publish_all(publisher: &async_nats::Client, subject: &str, received: impl Fn() -> u64) {
    let mut sent = 0u64;
    while sent < MESSAGES {
        if sent.saturating_sub(received()) >= WINDOW {
            let _ = publisher.flush().await;
            tokio::time::sleep(Duration::from_micros(100)).await;
            continue;
        }
        for _ in 0..1024.min(MESSAGES - sent) {
            let _ = publisher
                .publish(subject.to_owned(), PAYLOAD.as_slice().into())
                .await;
            sent += 1;
        }
    }
    let _ = publisher.flush().await;
}

/// Publishes 1-byte probes until `seen()` says the subscriber got one: proof that the
/// server routes the subject to it before the clock starts.
async fn until_routed(publisher: &async_nats::Client, subject: &str, seen: impl Fn() -> bool) {
    for _ in 0..100 {
        let _ = publisher.publish(subject.to_owned(), "p".into()).await;
        let _ = publisher.flush().await;
        tokio::time::sleep(Duration::from_millis(20)).await;
        if seen() {
            return;
        }
    }
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
                    let mut sub = client.subscribe("bench.raw").await.expect("sub");
                    let _ = client.flush().await;
                    // Probes count as 0 (payload shorter than 128 bytes).
                    let probe = async {
                        let _ = sub.next().await;
                    };
                    let routed = AtomicBool::new(false);
                    futures_util::future::join(
                        async {
                            probe.await;
                            routed.store(true, Ordering::Relaxed);
                        },
                        until_routed(&publisher, "bench.raw", || routed.load(Ordering::Relaxed)),
                    )
                    .await;
                    let start = Instant::now();
                    let n = AtomicU64::new(0);
                    let count = async {
                        while n.load(Ordering::Relaxed) < MESSAGES {
                            match sub.next().await {
                                Some(m) => {
                                    let one = std::hint::black_box(m.payload.len() as u64 / 128);
                                    n.fetch_add(one, Ordering::Relaxed);
                                }
                                None => break,
                            }
                        }
                    };
                    let done = tokio::time::timeout(
                        ITER_BOUND,
                        futures_util::future::join(
                            count,
                            publish_all(&publisher, "bench.raw", || n.load(Ordering::Relaxed)),
                        ),
                    )
                    .await;
                    if done.is_err() {
                        eprintln!(
                            "tail/raw: iteration stalled at {} of {MESSAGES} (client stats {:?})",
                            n.load(Ordering::Relaxed),
                            client.statistics()
                        );
                    }
                    total += start.elapsed();
                    let _ = sub.unsubscribe().await;
                }
                total
            }
        });
    });

    let frames = Arc::new(AtomicU64::new(0));
    let busy = Arc::new(std::sync::Mutex::new(Duration::ZERO));
    group.bench_function("sluice", |b| {
        let (frames, busy) = (Arc::clone(&frames), Arc::clone(&busy));
        let (conn, publisher) = (conn.clone(), publisher.clone());
        b.to_async(&rt).iter_custom(move |iters| {
            let (conn, publisher) = (conn.clone(), publisher.clone());
            let (frames, busy) = (Arc::clone(&frames), Arc::clone(&busy));
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let sink = CountingSink::default();
                    let (producer, handle) = sluice_flow::spawn(
                        SubId(1),
                        sluice_nats::flow_config(Policy::KeepAll),
                        sink,
                    );
                    sluice_nats::start_tail(&conn, "bench.sluice", producer)
                        .await
                        .expect("tail");
                    until_routed(&publisher, "bench.sluice", || handle.stats().received > 0).await;
                    let base = handle.stats().received;
                    let frames_before = handle.stats().frames;
                    let start = Instant::now();
                    let wait = async {
                        while handle.stats().received - base < MESSAGES {
                            tokio::time::sleep(Duration::from_micros(200)).await;
                        }
                    };
                    let _ = tokio::time::timeout(
                        ITER_BOUND,
                        futures_util::future::join(
                            wait,
                            publish_all(&publisher, "bench.sluice", || {
                                handle.stats().received - base
                            }),
                        ),
                    )
                    .await;
                    let took = start.elapsed();
                    total += took;
                    // Frames sent while the clock ran (not the drain after it).
                    frames.fetch_add(handle.stats().frames - frames_before, Ordering::Relaxed);
                    if let Ok(mut b) = busy.lock() {
                        *b += took;
                    }
                    handle.close();
                }
                total
            }
        });
    });
    group.finish();
    let secs = busy.lock().map(|b| b.as_secs_f64()).unwrap_or(0.0);
    if secs > 0.0 {
        eprintln!(
            "tail/sluice: {:.1} frames/s at the sink",
            frames.load(Ordering::Relaxed) as f64 / secs
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
