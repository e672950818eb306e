//! Random and hostile bytes: the parser never panics, stays within its cap, and gives the
//! same result however the input is split. The same checks run as the cargo-fuzz target.

use proptest::prelude::*;
use sluice_sse::Parser;

use crate::parser::{parse_chunks, Out};

/// Bytes biased towards what matters to the parser: field names, separators, line ends,
/// NUL, BOM pieces and invalid UTF-8.
fn sse_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"data".to_vec()),
        Just(b"event".to_vec()),
        Just(b"id".to_vec()),
        Just(b"retry".to_vec()),
        Just(b": ".to_vec()),
        Just(b":".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\xFF\xC3".to_vec()),
        Just(b"123".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..16),
    ];
    proptest::collection::vec(piece, 0..64).prop_map(|v| v.concat())
}

fn split_at(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    points.sort_unstable();
    let mut out = Vec::new();
    let mut last = 0;
    for p in points {
        out.push(bytes[last..p].to_vec());
        last = p;
    }
    out.push(bytes[last..].to_vec());
    out
}

fn run(bytes: &[u8], cap: usize) -> (Result<Vec<Out>, sluice_sse::EventTooLarge>, usize) {
    let mut p = Parser::new(cap);
    let r = parse_chunks(&mut p, &[bytes]);
    (r, p.buffered())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_split_gives_the_same_events(bytes in sse_bytes(), cuts in proptest::collection::vec(any::<usize>(), 0..12)) {
        let (whole, _) = run(&bytes, 1 << 20);
        let chunks = split_at(&bytes, &cuts);
        let refs: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
        let mut p = Parser::new(1 << 20);
        let split = parse_chunks(&mut p, &refs);
        prop_assert_eq!(whole, split);
    }

    #[test]
    fn random_bytes_stay_within_the_cap(bytes in proptest::collection::vec(any::<u8>(), 0..4096), cap in 1usize..512) {
        let (result, buffered) = run(&bytes, cap);
        prop_assert!(buffered <= cap, "{} bytes buffered over a cap of {}", buffered, cap);
        if let Ok(events) = result {
            for e in events {
                if let Out::Ev(name, data, id) = e {
                    prop_assert!(name.len() + data.len() <= cap * 3 + 3);
                    prop_assert!(!id.contains('\0'));
                }
            }
        }
    }

    #[test]
    fn structured_hostile_input_never_panics(bytes in sse_bytes(), cap in 1usize..256) {
        let (_, buffered) = run(&bytes, cap);
        prop_assert!(buffered <= cap);
    }
}
