//! Parser throughput. Run: `cargo bench -p sluice-sse --bench parser`.
//!
//! - `lines/*`: typical events (event, data, id, blank line = 4 lines each) fed in 16 KiB
//!   chunks; the throughput is lines per second on one core. `borrowed` hands out views
//!   into the parser's buffers, `owned` copies each event into Strings as the client does.
//! - `one_8mb_line/*`: a single 8 MiB data line arriving in 1,024 chunks, parsed
//!   incrementally, against a naive baseline that re-parses the whole accumulated buffer
//!   from the start on every chunk (what makes some SSE parsers take seconds here).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sluice_sse::{Parsed, Parser};

const EVENTS: usize = 20_000;
const LINES_PER_EVENT: u64 = 4;
const BIG: usize = 8 * 1024 * 1024;
const CHUNKS: usize = 1024;

fn typical_stream() -> Vec<u8> {
    let mut s = Vec::new();
    for i in 0..EVENTS {
        s.extend_from_slice(
            format!(
                "event: update\ndata: {{\"seq\":{i},\"subject\":\"orders.eu.created\",\"size\":512}}\nid: {i}\n\n"
            )
            .as_bytes(),
        );
    }
    s
}

fn big_line() -> Vec<u8> {
    let mut s = b"data: ".to_vec();
    s.resize(6 + BIG, b'x');
    s.extend_from_slice(b"\n\n");
    s
}

fn bench_lines(c: &mut Criterion) {
    let stream = typical_stream();
    let mut g = c.benchmark_group("lines");
    g.throughput(Throughput::Elements(EVENTS as u64 * LINES_PER_EVENT));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("borrowed", |b| {
        b.iter(|| {
            let mut p = Parser::default();
            let mut n = 0usize;
            for chunk in stream.chunks(16 * 1024) {
                let fed = p.feed(chunk, &mut |x: Parsed<'_>| {
                    if let Parsed::Event(e) = x {
                        n += e.data.len();
                    }
                });
                black_box(fed).ok();
            }
            black_box(n)
        });
    });
    g.bench_function("owned", |b| {
        b.iter(|| {
            let mut p = Parser::default();
            let mut out: Vec<(String, String, String)> = Vec::with_capacity(EVENTS);
            for chunk in stream.chunks(16 * 1024) {
                let fed = p.feed(chunk, &mut |x: Parsed<'_>| {
                    if let Parsed::Event(e) = x {
                        out.push((e.event.into_owned(), e.data.into_owned(), e.id.into_owned()));
                    }
                });
                black_box(fed).ok();
            }
            black_box(out.len())
        });
    });
    g.finish();
}

/// Re-parses everything received so far from the start on each chunk.
fn naive(stream: &[u8], chunk_len: usize) -> usize {
    let mut acc = Vec::new();
    let mut events = 0;
    for chunk in stream.chunks(chunk_len) {
        acc.extend_from_slice(chunk);
        let mut p = Parser::new(usize::MAX);
        events = 0;
        let fed = p.feed(&acc, &mut |x: Parsed<'_>| {
            if matches!(x, Parsed::Event(_)) {
                events += 1;
            }
        });
        black_box(fed).ok();
    }
    events
}

fn incremental(stream: &[u8], chunk_len: usize) -> usize {
    let mut p = Parser::new(2 * BIG);
    let mut events = 0;
    for chunk in stream.chunks(chunk_len) {
        let fed = p.feed(chunk, &mut |x: Parsed<'_>| {
            if matches!(x, Parsed::Event(_)) {
                events += 1;
            }
        });
        black_box(fed).ok();
    }
    events
}

fn bench_big_line(c: &mut Criterion) {
    let stream = big_line();
    let chunk_len = stream.len().div_ceil(CHUNKS);
    assert_eq!(incremental(&stream, chunk_len), 1);
    assert_eq!(naive(&stream, chunk_len), 1);
    let mut g = c.benchmark_group("one_8mb_line");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Bytes(stream.len() as u64));
    g.bench_function("incremental", |b| {
        b.iter(|| black_box(incremental(&stream, chunk_len)));
    });
    g.bench_function("naive_reparse", |b| {
        b.iter(|| black_box(naive(&stream, chunk_len)));
    });
    g.finish();
}

criterion_group!(benches, bench_lines, bench_big_line);
criterion_main!(benches);
