//! Properties of the synchronous ring: ordering, coalescing, exact drop accounting, bounds.

use std::collections::{BTreeSet, HashMap};

use proptest::prelude::*;
use sluice_flow::{FlowConfig, Policy, Ring, FRAME_ENVELOPE_BYTES};
use sluice_wire::{FlowStats, Frame, SubId};

use crate::common::Ev;

#[derive(Debug, Clone)]
enum Op {
    Push(u8, String),
    Take,
    Restart,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..4, "[a-z]{0,24}").prop_map(|(k, t)| Op::Push(k, t)),
        3 => Just(Op::Take),
        1 => Just(Op::Restart),
    ]
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![
        Just(Policy::LatestPerKey),
        Just(Policy::AppendMerge),
        Just(Policy::KeepAll),
    ]
}

fn config(roomy: bool) -> impl Strategy<Value = FlowConfig> {
    let (entries, bytes) = if roomy {
        (10_000usize..10_001, 10_000_000usize..10_000_001)
    } else {
        (1usize..24, 40usize..1_500)
    };
    (policy(), entries, bytes, 20usize..600).prop_map(|(policy, e, b, f)| FlowConfig {
        max_entries: e,
        max_bytes: b,
        max_frame_bytes: f,
        ..FlowConfig::new(policy)
    })
}

/// Everything a run produced, for the checks below.
struct Run {
    cfg: FlowConfig,
    pushed: Vec<Ev>,
    frames: Vec<Frame<Ev>>,
    stats: FlowStats,
}

fn invariant(s: &FlowStats, pending: u64) -> bool {
    s.received == s.delivered + s.merged + s.superseded + s.dropped + pending
}

/// Cuts one frame, checking the stats it carries; false when there was nothing to send.
fn take(ring: &mut Ring<Ev>, frames: &mut Vec<Frame<Ev>>) -> Result<bool, TestCaseError> {
    let Some(frame) = ring.take_frame(SubId(1)) else {
        return Ok(false);
    };
    prop_assert!(invariant(&frame.stats, ring.buffered().events));
    frames.push(frame);
    Ok(true)
}

/// Drives a ring through `ops`, checking the per-step properties, then drains it.
fn drive(cfg: FlowConfig, ops: Vec<Op>) -> Result<Run, TestCaseError> {
    let mut ring = Ring::new(&cfg);
    let mut pushed = Vec::new();
    let mut frames = Vec::new();
    for op in ops {
        match op {
            Op::Push(key, text) => {
                let ev = Ev::new(key, pushed.len() as u64 + 1, text);
                pushed.push(ev.clone());
                ring.push(ev);
                let b = ring.buffered();
                prop_assert!(b.bytes <= cfg.max_bytes, "{} > {}", b.bytes, cfg.max_bytes);
                prop_assert!(b.entries <= cfg.max_entries);
                prop_assert!(b.peak_bytes <= cfg.max_bytes);
                prop_assert!(invariant(&ring.stats(), b.events));
            }
            Op::Take => {
                take(&mut ring, &mut frames)?;
            }
            Op::Restart => {
                ring.restart();
            }
        }
    }
    while take(&mut ring, &mut frames)? {}
    prop_assert_eq!(ring.buffered().events, 0);
    let stats = ring.stats();
    Ok(Run {
        cfg,
        pushed,
        frames,
        stats,
    })
}

fn delivered(run: &Run) -> impl Iterator<Item = &Ev> {
    run.frames.iter().flat_map(|f| f.entries.iter())
}

fn check_common(run: &Run) -> Result<(), TestCaseError> {
    // Frames: continuous sequence, generations never go back, size within budget.
    for (i, f) in run.frames.iter().enumerate() {
        prop_assert_eq!(f.seq, i as u64 + 1);
        if i > 0 {
            prop_assert!(f.generation >= run.frames[i - 1].generation);
        }
        if f.entries.len() > 1 {
            let entries = serde_json::to_vec(&f.entries).unwrap().len();
            prop_assert!(entries <= run.cfg.max_frame_bytes + 1);
            let whole = serde_json::to_vec(f).unwrap().len();
            prop_assert!(whole < run.cfg.max_frame_bytes + FRAME_ENVELOPE_BYTES);
        }
    }
    // Merging stops before an entry outgrows a frame; only a single event may be bigger.
    for ev in delivered(run) {
        if ev.seqs.len() > 1 {
            prop_assert!(serde_json::to_vec(ev).unwrap().len() <= run.cfg.max_frame_bytes);
        }
    }
    // Per-key order: the sequences of a key only ever grow, across entries and frames.
    let mut last: HashMap<u8, u64> = HashMap::new();
    for ev in delivered(run) {
        for &seq in &ev.seqs {
            let prev = last.insert(ev.key, seq).unwrap_or(0);
            prop_assert!(
                seq > prev,
                "key {} went back from {} to {}",
                ev.key,
                prev,
                seq
            );
        }
    }
    // Drop accounting: what never arrived is exactly what was counted as lost.
    let seen: BTreeSet<u64> = delivered(run)
        .flat_map(|e| e.seqs.iter().copied())
        .collect();
    let missing: Vec<u64> = (1..=run.pushed.len() as u64)
        .filter(|s| !seen.contains(s))
        .collect();
    let s = run.stats;
    prop_assert!(invariant(&s, 0));
    prop_assert_eq!(s.received, run.pushed.len() as u64);
    prop_assert_eq!(s.frames, run.frames.len() as u64);
    let reports: Vec<_> = run.frames.iter().filter_map(|f| f.dropped).collect();
    prop_assert_eq!(reports.iter().map(|r| r.count).sum::<u64>(), s.dropped);
    prop_assert_eq!(missing.len() as u64, s.dropped + s.superseded);
    if run.cfg.policy != Policy::LatestPerKey {
        prop_assert_eq!(s.superseded, 0);
        // Every missing sequence lies in a drop report of a frame.
        for seq in &missing {
            prop_assert!(reports
                .iter()
                .any(|r| (r.first_seq..=r.last_seq).contains(seq)));
        }
    }
    Ok(())
}

/// Coalescing never changes what the receiver reconstructs when nothing is dropped.
fn check_reconstruction(run: &Run) -> Result<(), TestCaseError> {
    prop_assert_eq!(run.stats.dropped, 0);
    match run.cfg.policy {
        Policy::LatestPerKey => {
            let mut want = HashMap::new();
            let mut got = HashMap::new();
            for ev in &run.pushed {
                want.insert(ev.key, ev.text.clone());
            }
            for ev in delivered(run) {
                got.insert(ev.key, ev.text.clone());
            }
            prop_assert_eq!(got, want);
        }
        Policy::AppendMerge => {
            let mut want: HashMap<u8, String> = HashMap::new();
            let mut got: HashMap<u8, String> = HashMap::new();
            for ev in &run.pushed {
                want.entry(ev.key).or_default().push_str(&ev.text);
            }
            for ev in delivered(run) {
                got.entry(ev.key).or_default().push_str(&ev.text);
            }
            prop_assert_eq!(got, want);
        }
        Policy::KeepAll => {
            let got: Vec<&Ev> = delivered(run).collect();
            let want: Vec<&Ev> = run.pushed.iter().collect();
            prop_assert_eq!(got, want);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn bounded_rings_account_for_every_event(
        cfg in config(false),
        ops in prop::collection::vec(op(), 0..300),
    ) {
        let run = drive(cfg, ops)?;
        check_common(&run)?;
    }

    #[test]
    fn coalescing_keeps_the_reconstructed_state(
        cfg in config(true),
        ops in prop::collection::vec(op(), 0..300),
    ) {
        let run = drive(cfg, ops)?;
        check_common(&run)?;
        check_reconstruction(&run)?;
    }
}
