//! Terminal output path benches.
//!
//! - `cat` of a large file (100 MB; `SLUICE_PTY_BENCH_MB` to change) through a session to a
//!   consumer that acks at once, against the same bytes read straight off a PTY and thrown
//!   away (the limit). Prints the ratio.
//! - Ctrl-C under `yes`: time from writing `\x03` to the shell's prompt, p50/p95.
//!
//! Run: `cargo bench -p sluice-pty --bench pty`
#![allow(clippy::unwrap_used)]

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use portable_pty::{native_pty_system, CommandBuilder, PtySize as NativeSize};
use sluice_pty::{output_channel, PtyLimits, PtyMessage, PtySession};
use sluice_wire::{PtyId, PtyOpenOptions};

fn file_mb() -> u64 {
    std::env::var("SLUICE_PTY_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100)
}

/// Log-like text lines, `mb` MiB of them.
fn make_file(path: &Path, mb: u64) {
    let mut out = BufWriter::new(std::fs::File::create(path).unwrap());
    let target = mb << 20;
    let mut written = 0u64;
    let mut i = 0u64;
    while written < target {
        let line = format!(
            "{i:010} INFO sluice::bench request served in 0.{:03}s path=/api/v1/items/{}\n",
            i % 997,
            i % 10_007
        );
        out.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
        i += 1;
    }
    out.flush().unwrap();
}

/// Bytes of `cat file` through a session, the consumer acking each chunk at once.
fn through_session(file: &Path) -> (u64, Duration) {
    let opts = PtyOpenOptions {
        command: vec!["cat".into(), file.display().to_string()],
        ..Default::default()
    };
    let (out, rx) = output_channel(64);
    let start = Instant::now();
    let s = PtySession::spawn(PtyId(1), &opts, PtyLimits::default(), out).unwrap();
    let mut total = 0u64;
    for msg in rx {
        match msg {
            PtyMessage::Data(bytes) => {
                total += bytes.len() as u64;
                s.ack(bytes.len() as u64);
            }
            PtyMessage::Exit(_) => break,
        }
    }
    (total, start.elapsed())
}

/// The limit: the same `cat` on a PTY whose master is read in a tight loop and discarded.
fn through_bare_pty(file: &Path) -> (u64, Duration) {
    let start = Instant::now();
    let pair = native_pty_system()
        .openpty(NativeSize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new("cat");
    cmd.arg(file);
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    child.wait().unwrap();
    (total, start.elapsed())
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn cat_throughput(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.log");
    let mb = file_mb();
    make_file(&file, mb);
    let (bytes, _) = through_bare_pty(&file);
    let rates: Arc<Mutex<[Vec<f64>; 2]>> = Arc::default();

    let mut g = c.benchmark_group("pty_cat");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(bytes));
    for (i, name) in ["bare_pty_to_null", "session_acking_consumer"]
        .into_iter()
        .enumerate()
    {
        let rates = Arc::clone(&rates);
        let file = file.clone();
        g.bench_function(name, move |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let (n, t) = if i == 0 {
                        through_bare_pty(&file)
                    } else {
                        through_session(&file)
                    };
                    spent += t;
                    rates.lock().unwrap()[i].push(n as f64 / t.as_secs_f64() / 1e6);
                }
                spent
            });
        });
    }
    g.finish();
    let mut r = rates.lock().unwrap();
    let bare = median(&mut r[0]);
    let session = median(&mut r[1]);
    println!(
        "pty_cat: {mb} MiB file ({bytes} bytes through the tty): session {session:.0} MB/s, bare PTY {bare:.0} MB/s, ratio {:.2} (median of {} and {} runs)",
        session / bare,
        r[1].len(),
        r[0].len()
    );
}

/// Waits until `needle` appears in output received from now on, acking as it reads.
fn read_until(
    rx: &std::sync::mpsc::Receiver<PtyMessage>,
    s: &PtySession,
    needle: &[u8],
    min_bytes: usize,
) {
    let mut seen = Vec::new();
    let mut total = 0usize;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let msg = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap();
        if let PtyMessage::Data(bytes) = msg {
            s.ack(bytes.len() as u64);
            total += bytes.len();
            seen.extend_from_slice(&bytes);
            if total >= min_bytes && seen.windows(needle.len()).any(|w| w == needle) {
                return;
            }
            // Only the tail can still hold the start of the needle.
            let keep = seen.len().saturating_sub(needle.len());
            seen.drain(..keep);
        }
    }
}

fn ctrl_c_latency(c: &mut Criterion) {
    let mut opts = PtyOpenOptions {
        command: vec![
            "bash".into(),
            "--norc".into(),
            "--noprofile".into(),
            "-i".into(),
        ],
        ..Default::default()
    };
    opts.env.insert("PS1".into(), "SLUICE-READY$ ".into());
    let (out, rx) = output_channel(1024);
    let s = PtySession::spawn(PtyId(1), &opts, PtyLimits::default(), out).unwrap();
    read_until(&rx, &s, b"SLUICE-READY$ ", 0);
    let latencies: Arc<Mutex<Vec<Duration>>> = Arc::default();

    let mut g = c.benchmark_group("pty_ctrl_c");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(10));
    let lat = Arc::clone(&latencies);
    g.bench_function("yes_then_ctrl_c_to_prompt", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                s.write("yes\r").unwrap();
                // Let the flood fill every buffer on the way first.
                read_until(&rx, &s, b"y\r\n", 512 * 1024);
                let t0 = Instant::now();
                s.write("\x03").unwrap();
                read_until(&rx, &s, b"SLUICE-READY$ ", 0);
                let t = t0.elapsed();
                spent += t;
                lat.lock().unwrap().push(t);
            }
            spent
        });
    });
    g.finish();
    let mut v = latencies.lock().unwrap();
    v.sort();
    let pct = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "pty_ctrl_c: {} runs, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        v.len(),
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.95).as_secs_f64() * 1e3,
        pct(1.0).as_secs_f64() * 1e3
    );
    s.close();
}

criterion_group!(benches, cat_throughput, ctrl_c_latency);
criterion_main!(benches);
