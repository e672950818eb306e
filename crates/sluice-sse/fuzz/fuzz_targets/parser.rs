//! Fuzzes the SSE parser: any bytes, split anywhere, under any cap. It must never panic,
//! never hold more than its cap, and give the same result however the input is split.
//! Run: `cargo +nightly fuzz run parser` in crates/sluice-sse (the same properties run
//! under proptest in the normal test suite: tests/sse/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sluice_sse::{Parsed, Parser};

type Out = Vec<(String, String, String, Option<u64>)>;

fn run(chunks: &[&[u8]], cap: usize) -> (Result<Out, sluice_sse::EventTooLarge>, usize) {
    let mut p = Parser::new(cap);
    let mut out = Vec::new();
    for c in chunks {
        let fed = p.feed(c, &mut |x: Parsed<'_>| match x {
            Parsed::Event(e) => {
                out.push((e.event.into_owned(), e.data.into_owned(), e.id.into_owned(), None))
            }
            Parsed::Retry(ms) => out.push((String::new(), String::new(), String::new(), Some(ms))),
        });
        assert!(p.buffered() <= cap, "{} buffered over a cap of {cap}", p.buffered());
        if let Err(e) = fed {
            return (Err(e), p.buffered());
        }
    }
    (Ok(out), p.buffered())
}

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    // The first byte picks the cap and the chunk size.
    let cap = 1 + usize::from(head) * 8;
    let step = 1 + usize::from(head % 7);
    let whole = run(&[rest], cap).0;
    let chunks: Vec<&[u8]> = rest.chunks(step).collect();
    let split = run(&chunks, cap).0;
    assert_eq!(whole, split, "the split changed the result");
});
