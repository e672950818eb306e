//! The CLI's sink: one parseable JSON line per frame; a broken writer closes cleanly.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use sluice_flow::{spawn, FlowConfig, JsonLinesSink, Policy};
use sluice_wire::{Frame, SubId};
use tokio::time::timeout;

use crate::common::{Ev, PATIENCE};

#[derive(Clone, Default)]
struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Accepts `budget` bytes, then fails like a closed pipe.
struct BrokenPipe {
    budget: usize,
}

impl Write for BrokenPipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() > self.budget {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        self.budget -= buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn json_lines_are_parseable_frames() {
    let buf = SharedBuf::default();
    let sink = JsonLinesSink::new(buf.clone());
    let (producer, handle) = spawn(SubId(2), FlowConfig::new(Policy::KeepAll), sink);
    for seq in 1..=2_000 {
        producer.push(Ev::new(
            (seq % 3) as u8,
            seq,
            format!("line {seq} \"quoted\"\n"),
        ));
    }
    drop(producer);
    // The sink acks as it writes, so more frames than the credits get out.
    timeout(PATIENCE, handle.closed()).await.expect("flow ends");

    let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    let frames: Vec<Frame<Ev>> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one frame per line"))
        .collect();
    assert!(frames.len() > 4);
    let seqs: Vec<u64> = frames.iter().map(|f| f.seq).collect();
    assert_eq!(seqs, (1..=frames.len() as u64).collect::<Vec<_>>());
    let events: Vec<u64> = frames
        .iter()
        .flat_map(|f| f.entries.iter().flat_map(|e| e.seqs.clone()))
        .collect();
    assert_eq!(events, (1..=2_000).collect::<Vec<_>>());
}

#[tokio::test(start_paused = true)]
async fn a_broken_writer_closes_the_subscription() {
    let sink = JsonLinesSink::new(BrokenPipe { budget: 2_000 });
    let (producer, handle) = spawn(SubId(2), FlowConfig::new(Policy::KeepAll), sink);
    for seq in 1..=500 {
        producer.push(Ev::new(0, seq, "some output"));
    }
    timeout(PATIENCE, handle.closed())
        .await
        .expect("closes itself");
    assert!(producer.is_closed());
    producer.push(Ev::new(0, 501, "after the pipe broke"));
    let s = handle.stats();
    assert_eq!(s.received, 500);
    assert_eq!(
        s.received,
        s.delivered + s.merged + s.superseded + s.dropped
    );
}
