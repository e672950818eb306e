//! One timed run of 128-byte messages through a raw async-nats subscriber loop, and one
//! through a Sluice tail into a flow, measured the same way.
//!
//! Both receivers are spawned tasks on the same runtime, fed by the same publisher from the
//! bench's own task, so the only difference is what they do per message. The clock starts
//! once the server routes the subject to the receiver (subscription, flow and tail setup are
//! outside it) and stops when the receiver has taken the last message: the raw loop stamps
//! that moment itself; the tail's count lives in the flow, so a poller thread watches it
//! (its lag, well under a millisecond, counts against the tail).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use sluice_flow::{FlowHandle, Policy, Sink, SinkClosed};
use sluice_nats::{NatsConnection, TailEvent};
use sluice_wire::{Frame, SubId};
use tokio::sync::oneshot;

pub const MESSAGES: u64 = 50_000;
const PAYLOAD: [u8; 128] = [b'x'; 128];
/// Failure bound for one run; never reached when the server keeps up.
const RUN_BOUND: Duration = Duration::from_secs(10);
/// Most messages in flight between publisher and receiver. Both sides are measured
/// sustained: the publisher never runs so far ahead that the client's subscription buffer
/// (64 Ki messages) overflows and drops.
const WINDOW: u64 = 16 * 1024;

/// What one timed run took: wall time, CPU time of this process (all threads, when the
/// platform tells), and frames at the sink.
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub took: Duration,
    pub cpu: Option<Duration>,
    pub frames: u64,
}

/// CPU time used so far by every live thread of this process (Linux); the threads that do
/// the work (runtime workers, the poller) live through a whole run.
fn process_cpu() -> Option<Duration> {
    let mut ns = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        ns += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(ns))
}

fn cpu_since(before: Option<Duration>) -> Option<Duration> {
    Some(process_cpu()?.saturating_sub(before?))
}

/// Counts frames, like a webview that keeps up (each frame counts as acked).
#[derive(Clone, Default)]
struct CountingSink;

impl Sink<TailEvent> for CountingSink {
    fn send(&mut self, _frame: Frame<TailEvent>) -> Result<(), SinkClosed> {
        Ok(())
    }
    fn acks_on_send(&self) -> bool {
        true
    }
}

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

/// Publishes 1-byte probes until `seen()` says the receiver got one: proof that the server
/// routes the subject to it before the clock starts.
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

/// One run through a raw subscriber loop: every message is taken from async-nats and its
/// payload length read. The time runs from the first publish to the last message.
pub async fn raw_once(client: &async_nats::Client, publisher: &async_nats::Client) -> Run {
    let mut sub = client.subscribe("bench.raw").await.expect("sub");
    let _ = client.flush().await;
    let n = Arc::new(AtomicU64::new(0));
    let routed = Arc::new(AtomicBool::new(false));
    let (done_tx, done_rx) = oneshot::channel::<Instant>();
    let task = {
        let (n, routed) = (Arc::clone(&n), Arc::clone(&routed));
        tokio::spawn(async move {
            let mut done_tx = Some(done_tx);
            while let Some(m) = sub.next().await {
                // Probes count as 0 (payload shorter than 128 bytes).
                let one = std::hint::black_box(m.payload.len() as u64 / 128);
                if one == 0 {
                    routed.store(true, Ordering::Relaxed);
                }
                if n.fetch_add(one, Ordering::Relaxed) + one >= MESSAGES {
                    if let Some(tx) = done_tx.take() {
                        let _ = tx.send(Instant::now());
                    }
                    break;
                }
            }
            let _ = sub.unsubscribe().await;
        })
    };
    until_routed(publisher, "bench.raw", || routed.load(Ordering::Relaxed)).await;
    let cpu = process_cpu();
    let start = Instant::now();
    let (end, ()) = futures_util::future::join(
        tokio::time::timeout(RUN_BOUND, done_rx),
        publish_all(publisher, "bench.raw", || n.load(Ordering::Relaxed)),
    )
    .await;
    let cpu = cpu_since(cpu);
    let took = match end {
        Ok(Ok(at)) => at - start,
        _ => {
            eprintln!(
                "tail/raw: run stalled at {} of {MESSAGES} (client stats {:?})",
                n.load(Ordering::Relaxed),
                client.statistics()
            );
            start.elapsed()
        }
    };
    task.abort();
    Run {
        took,
        cpu,
        frames: 0,
    }
}

/// One run through a Sluice tail. The time runs from the first publish to the last message
/// in the flow; the frames are those the sink got in that time.
pub async fn sluice_once(conn: &NatsConnection, publisher: &async_nats::Client) -> Run {
    let (producer, handle) = sluice_flow::spawn(
        SubId(1),
        sluice_nats::flow_config(Policy::KeepAll),
        CountingSink,
    );
    sluice_nats::start_tail(conn, "bench.sluice", producer)
        .await
        .expect("tail");
    until_routed(publisher, "bench.sluice", || handle.stats().received > 0).await;
    let base = handle.stats();
    let cpu = process_cpu();
    let start = Instant::now();
    let poller = {
        let handle = handle.clone();
        tokio::task::spawn_blocking(move || watch_until_received(&handle, base.received, start))
    };
    let (polled, ()) = futures_util::future::join(
        poller,
        publish_all(publisher, "bench.sluice", || {
            handle.stats().received - base.received
        }),
    )
    .await;
    let cpu = cpu_since(cpu);
    handle.close();
    let (took, frames) = match polled {
        Ok(Some((at, frames))) => (at - start, frames),
        _ => {
            eprintln!(
                "tail/sluice: run stalled at {} of {MESSAGES}",
                handle.stats().received - base.received
            );
            (start.elapsed(), handle.stats().frames)
        }
    };
    Run {
        took,
        cpu,
        frames: frames - base.frames,
    }
}

/// Blocks until the flow has received `MESSAGES` past `base`; returns when (and the frame
/// count then), or `None` after `RUN_BOUND`. Naps shrink as the end nears (a quarter of a
/// microsecond per message still to come, 50 µs to 1 ms), so it neither steals CPU from the
/// tail nor stops the clock late.
fn watch_until_received(handle: &FlowHandle, base: u64, start: Instant) -> Option<(Instant, u64)> {
    loop {
        let stats = handle.stats();
        let got = stats.received - base;
        if got >= MESSAGES {
            return Some((Instant::now(), stats.frames));
        }
        if start.elapsed() > RUN_BOUND {
            return None;
        }
        let nap = ((MESSAGES - got) / 4).clamp(50, 1000);
        std::thread::sleep(Duration::from_micros(nap));
    }
}
