//! Verdict evaluation for 10,000 consumers with an hour of history each (720 samples at the
//! model's default 5 s interval). Goal: one poll's evaluation ≤ 50 ms.
//!
//! Baseline in the same run: `ClusterModel::diff` of the same two models, the per-poll work
//! the app already does to feed the model views.
//!
//! `cargo bench -p sluice-monitor --bench monitor`

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, BatchSize, Bencher, Criterion};
use sluice_monitor::{MonitorSettings, MonitorState, Sample};
use sluice_nats::ClusterModel;
use sluice_wire::{NatsConsumerView, NatsPollSummary};

const CONSUMERS: u64 = 10_000;
const HOUR_OF_POLLS: u64 = 720;
const T0: u64 = 1_700_000_000_000;

/// Consumer `i`'s counters at poll `poll`.
fn counters(v: &mut NatsConsumerView, i: u64, poll: u64) {
    let at = T0 + poll * 5_000;
    let flow = match i % 5 {
        0 => 0,        // idle / stuck: nothing moves
        _ => poll * 3, // delivering
    };
    v.num_pending = if i.is_multiple_of(3) { poll } else { 0 };
    v.num_ack_pending = i % 4;
    v.num_redelivered = u64::from(i.is_multiple_of(9)) * poll;
    v.num_waiting = i % 2;
    v.delivered_stream_seq = flow;
    v.delivered_consumer_seq = flow;
    v.ack_floor_stream_seq = flow.saturating_sub(2);
    v.ack_floor_consumer_seq = flow.saturating_sub(2);
    v.last_delivered_ms = Some(at - 100);
    v.last_ack_ms = Some(at - 200);
    v.sampled_at_ms = at;
}

/// Poll `poll` of a cluster where consumers work, idle, stall, lag or have thresholds.
fn model(poll: u64) -> Arc<ClusterModel> {
    let at = T0 + poll * 5_000;
    let consumers = (0..CONSUMERS)
        .map(|i| {
            let mut metadata = BTreeMap::new();
            if i % 7 == 0 {
                metadata.insert(
                    "io.nats.monitor.outstanding-ack-critical".into(),
                    "500".into(),
                );
                metadata.insert("io.nats.monitor.last-ack-critical".into(), "5m".into());
            }
            let mut v = NatsConsumerView {
                stream: format!("S{}", i % 12),
                name: format!("c{i}"),
                durable: true,
                description: None,
                filter_subjects: vec![format!("s.{i}.>")],
                ack_policy: "explicit".into(),
                deliver_policy: "all".into(),
                deliver_subject: None,
                push_bound: false,
                max_ack_pending: 1000,
                max_deliver: -1,
                max_waiting: 512,
                ack_wait_ms: 30_000,
                num_pending: 0,
                num_ack_pending: 0,
                num_redelivered: 0,
                num_waiting: 0,
                delivered_stream_seq: 0,
                delivered_consumer_seq: 0,
                ack_floor_stream_seq: 0,
                ack_floor_consumer_seq: 0,
                last_delivered_ms: None,
                last_ack_ms: None,
                paused: false,
                pause_until_ms: None,
                metadata,
                cluster: None,
                created_ms: T0,
                sampled_at_ms: 0,
            };
            counters(&mut v, i, poll);
            v
        })
        .collect();
    Arc::new(ClusterModel {
        poll: Some(NatsPollSummary {
            poll,
            polled_at_ms: at,
            duration_ms: 1,
            requests: 1,
            errors: vec![],
        }),
        consumers,
        ..ClusterModel::default()
    })
}

/// Runs `f` on each next poll's model, recording each call's time in `times` as well.
fn per_poll<O>(
    b: &mut Bencher,
    poll: &mut u64,
    times: &mut Vec<Duration>,
    mut f: impl FnMut(&Arc<ClusterModel>) -> O,
) {
    b.iter_batched(
        || {
            *poll += 1;
            model(*poll)
        },
        |m| {
            let t = Instant::now();
            let out = f(&m);
            times.push(t.elapsed());
            out
        },
        BatchSize::PerIteration,
    );
}

fn bench(c: &mut Criterion) {
    let settings = MonitorSettings {
        max_total_samples: (CONSUMERS * (HOUR_OF_POLLS + 10)) as usize,
        max_samples_per_consumer: (HOUR_OF_POLLS + 10) as usize,
        ..MonitorSettings::default()
    };
    let mut state = MonitorState::new(settings);
    let started = Instant::now();
    // The first and last polls go through `observe`; the hour between is appended
    // directly (the same samples those polls would give), so filling takes seconds.
    let first = model(1);
    state.observe(&first);
    let mut views = first.consumers.clone();
    for (i, v) in (0..CONSUMERS).zip(views.iter_mut()) {
        let id = format!("{}/{}", v.stream, v.name);
        let samples = (2..HOUR_OF_POLLS).map(|p| {
            counters(v, i, p);
            Sample::of(v, 0)
        });
        state.preload_history(&id, samples.collect::<Vec<_>>());
    }
    let mut poll = HOUR_OF_POLLS;
    state.observe(&model(poll));
    println!(
        "filled an hour of history: {} samples for {CONSUMERS} consumers in {:.1} s",
        state.samples_held(),
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("evaluate");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    let mut times = Vec::new();
    group.bench_function("10000-consumers-1h-history", |b| {
        per_poll(b, &mut poll, &mut times, |m| state.observe(m));
    });
    let prev = model(poll);
    let mut base = Vec::new();
    group.bench_function("baseline-model-diff-10000-consumers", |b| {
        per_poll(b, &mut poll, &mut base, |m| m.diff(&prev));
    });
    group.finish();

    let median = |t: &mut Vec<Duration>| {
        t.sort();
        t[(t.len() - 1) / 2].as_secs_f64() * 1000.0
    };
    let (eval, diff) = (median(&mut times), median(&mut base));
    let max = times.last().map_or(0.0, |t| t.as_secs_f64() * 1000.0);
    println!(
        "evaluate 10000 consumers (1 h history, {} samples held): median {eval:.1} ms, max {max:.1} ms per poll (goal <= 50 ms); baseline ClusterModel::diff median {diff:.1} ms; ratio {:.2}x baseline",
        state.samples_held(),
        eval / diff
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
