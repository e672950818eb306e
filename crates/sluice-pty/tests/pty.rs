//! Real pseudo-terminals and real child processes. Time bounds are failure limits only.
#![cfg(unix)]

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use sluice_flow::CollectingSink;
use sluice_pty::{
    output_channel, tail_events, tail_raw, PtyLimits, PtyManager, PtyMessage, PtySession,
    Utf8Decoder,
};
use sluice_wire::{ErrorCode, IpcError, PtyEvent, PtyId, PtyOpenOptions, PtySize, SubId};

const LIMIT: Duration = Duration::from_secs(20);

fn cmd(args: &[&str]) -> PtyOpenOptions {
    PtyOpenOptions {
        command: args.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// An interactive bash with a known prompt and no rc files.
fn bash() -> PtyOpenOptions {
    let mut opts = cmd(&["bash", "--norc", "--noprofile", "-i"]);
    opts.env.insert("PS1".into(), "READY$ ".into());
    opts
}

/// Everything a session said until it exited: (chunks, exit status).
fn drain(rx: &Receiver<PtyMessage>) -> (Vec<Vec<u8>>, sluice_wire::PtyExitStatus) {
    let deadline = Instant::now() + LIMIT;
    let mut chunks = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(PtyMessage::Data(bytes)) => chunks.push(bytes),
            Ok(PtyMessage::Exit(status)) => return (chunks, status),
            Err(e) => panic!("no exit within {LIMIT:?}: {e:?}"),
        }
    }
}

/// Reads (acking as it goes, when a session is given) until `needle` shows up in the
/// output received after the call; returns that output.
fn wait_for(rx: &Receiver<PtyMessage>, ack: Option<&PtySession>, needle: &str) -> String {
    let deadline = Instant::now() + LIMIT;
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains(needle) {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(PtyMessage::Data(bytes)) => {
                if let Some(s) = ack {
                    s.ack(bytes.len() as u64);
                }
                seen.extend_from_slice(&bytes);
            }
            Ok(PtyMessage::Exit(st)) => panic!("exited ({st:?}) before {needle:?}"),
            Err(e) => panic!(
                "{needle:?} not seen within {LIMIT:?} ({e:?}); tail: {:?}",
                String::from_utf8_lossy(&seen[seen.len().saturating_sub(300)..])
            ),
        }
    }
    String::from_utf8_lossy(&seen).into_owned()
}

#[test]
fn utf8_split_across_reads_arrives_intact() {
    let (out, rx) = output_channel(1024);
    let script = r"printf '\342'; sleep .05; printf '\200\224'";
    let _s = PtySession::spawn(
        PtyId(1),
        &cmd(&["sh", "-c", script]),
        PtyLimits::default(),
        out.auto_ack(),
    )
    .expect("spawn");
    let (chunks, status) = drain(&rx);
    assert!(status.success, "{status:?}");
    let all: Vec<u8> = chunks.concat();
    assert_eq!(all, "\u{2014}".as_bytes(), "bytes passed through untouched");
    let mut decoder = Utf8Decoder::new();
    let text: String = chunks.iter().map(|c| decoder.decode(c)).collect();
    assert_eq!(text, "\u{2014}");
}

#[test]
fn binary_garbage_neither_panics_nor_stalls() {
    let (out, rx) = output_channel(1024);
    let s = PtySession::spawn(
        PtyId(1),
        &cmd(&["sh", "-c", "head -c 1048576 /dev/urandom"]),
        PtyLimits::default(),
        out,
    )
    .expect("spawn");
    let deadline = Instant::now() + LIMIT;
    let mut total = 0usize;
    let status = loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(PtyMessage::Data(bytes)) => {
                total += bytes.len();
                s.ack(bytes.len() as u64);
            }
            Ok(PtyMessage::Exit(status)) => break status,
            Err(e) => panic!("stalled after {total} bytes: {e:?}"),
        }
    };
    assert!(status.success, "{status:?}");
    // The terminal's output processing may expand newlines, never drop bytes.
    assert!(total >= 1 << 20, "got {total} bytes");
    assert_eq!(s.stats().delivered, total as u64);
}

#[test]
fn a_flood_stays_bounded_and_ctrl_c_returns_the_prompt() {
    let limits = PtyLimits::default();
    let bound = (limits.high_watermark + limits.read_chunk) as u64;
    let (out, rx) = output_channel(4096);
    let s = PtySession::spawn(PtyId(1), &bash(), limits.clone(), out).expect("spawn");
    wait_for(&rx, Some(&s), "READY$ ");
    s.write("yes\r").expect("write");

    // A consumer that never acks: reading stops at the watermark.
    std::thread::sleep(Duration::from_millis(700));
    let stalled = s.stats();
    assert!(stalled.paused, "reading paused: {stalled:?}");
    assert!(stalled.read - stalled.acked <= bound, "{stalled:?}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(s.stats().read, stalled.read, "nothing read while paused");

    // A consumer that keeps up for a while: the flood flows, still bounded.
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(PtyMessage::Data(bytes)) => s.ack(bytes.len() as u64),
            Ok(PtyMessage::Exit(st)) => panic!("bash exited: {st:?}"),
            Err(RecvTimeoutError::Timeout) => {}
            Err(e) => panic!("{e:?}"),
        }
    }
    let flowing = s.stats();
    assert!(flowing.read > stalled.read + 1_000_000, "{flowing:?}");
    assert!(flowing.peak_outstanding as u64 <= bound, "{flowing:?}");

    s.write("\x03").expect("ctrl-c");
    s.write("echo back-$((40+2))\r").expect("write");
    wait_for(&rx, Some(&s), "back-42");
    assert!(s.stats().peak_outstanding as u64 <= bound);
    s.close();
}

#[test]
fn resize_is_seen_by_the_child() {
    let (out, rx) = output_channel(1024);
    let s =
        PtySession::spawn(PtyId(1), &bash(), PtyLimits::default(), out.auto_ack()).expect("spawn");
    wait_for(&rx, None, "READY$ ");
    s.resize(PtySize {
        rows: 41,
        cols: 123,
    })
    .expect("resize");
    s.write("stty size\r").expect("write");
    wait_for(&rx, None, "41 123");
    assert_eq!(
        s.info().size,
        PtySize {
            rows: 41,
            cols: 123
        }
    );
    assert!(
        matches!(s.resize(PtySize { rows: 0, cols: 5 }), Err(e) if e.code() == ErrorCode::InvalidInput)
    );
}

#[test]
fn exit_status_comes_from_wait_after_the_output() {
    let (out, rx) = output_channel(1024);
    let _s = PtySession::spawn(
        PtyId(1),
        &cmd(&["sh", "-c", "echo bye; exit 3"]),
        PtyLimits::default(),
        out.auto_ack(),
    )
    .expect("spawn");
    let (chunks, status) = drain(&rx);
    assert!(String::from_utf8_lossy(&chunks.concat()).contains("bye"));
    assert_eq!(
        (status.code, status.success, status.signal.as_deref()),
        (3, false, None)
    );
}

/// Output of `a`, a pause longer than the batch interval, then `b` and soon `c`: the
/// chunks each kind of consumer receives.
fn chunks_after_a_pause(acking: bool) -> Vec<String> {
    let limits = PtyLimits {
        batch_interval: Duration::from_millis(250),
        ..PtyLimits::default()
    };
    let (out, rx) = output_channel(1024);
    let out = if acking { out.auto_ack() } else { out };
    let _s = PtySession::spawn(
        PtyId(1),
        &cmd(&[
            "sh",
            "-c",
            "printf a; sleep 0.6; printf b; sleep 0.05; printf c",
        ]),
        limits,
        out,
    )
    .expect("spawn");
    let (chunks, _) = drain(&rx);
    chunks
        .iter()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect()
}

#[test]
fn output_waits_for_the_batch_only_while_the_consumer_is_busy() {
    // Nothing unacked: the first bytes after a pause go at once, alone.
    assert_eq!(chunks_after_a_pause(true), ["a", "b", "c"]);
    // `a` never acked (the view is still busy): `b` waits to travel with `c`.
    assert_eq!(chunks_after_a_pause(false), ["a", "bc"]);
}

#[test]
fn kill_ends_the_child_and_escalates_when_hangup_is_ignored() {
    let (out, rx) = output_channel(1024);
    let s = PtySession::spawn(
        PtyId(1),
        &cmd(&["sleep", "60"]),
        PtyLimits::default(),
        out.auto_ack(),
    )
    .expect("spawn");
    s.kill().expect("kill");
    let (_, status) = drain(&rx);
    assert!(!status.success && status.signal.is_some(), "{status:?}");

    // The shell ignores SIGHUP and its background job keeps the terminal open: the exit
    // still comes from wait(), not from the end of output.
    let (out, rx) = output_channel(1024);
    let script = "trap '' HUP; sleep 4 & echo started; wait";
    let s = PtySession::spawn(
        PtyId(2),
        &cmd(&["sh", "-c", script]),
        PtyLimits::default(),
        out.auto_ack(),
    )
    .expect("spawn");
    wait_for(&rx, None, "started");
    s.kill().expect("kill");
    let (_, status) = drain(&rx);
    assert_eq!(
        status.signal.as_deref().map(|s| s.contains("Kill")),
        Some(true),
        "{status:?}"
    );
}

#[test]
fn login_shell_cwd_and_env() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cwd = dir.path().canonicalize().expect("canonical");
    let mut opts = cmd(&["sh", "-c", "pwd; echo \"foo=$FOO term=$TERM\""]);
    opts.cwd = Some(cwd.display().to_string());
    opts.env.insert("FOO".into(), "bar baz".into());
    let (out, rx) = output_channel(1024);
    let _s =
        PtySession::spawn(PtyId(1), &opts, PtyLimits::default(), out.auto_ack()).expect("spawn");
    let text = String::from_utf8_lossy(&drain(&rx).0.concat()).into_owned();
    assert!(text.contains(&cwd.display().to_string()), "{text}");
    assert!(text.contains("foo=bar baz term=xterm-256color"), "{text}");

    let (out, rx) = output_channel(1024);
    let s = PtySession::spawn(
        PtyId(2),
        &PtyOpenOptions::default(),
        PtyLimits::default(),
        out.auto_ack(),
    )
    .expect("login shell");
    assert!(!s.info().command.is_empty());
    s.write("exit 7\r").expect("write");
    assert_eq!(drain(&rx).1.code, 7);
}

#[test]
fn manager_maps_calls_by_id_and_reattach_replays_scrollback() {
    let m = PtyManager::new();
    let (out, rx) = output_channel(1024);
    let info = m.open(&bash(), out.auto_ack()).expect("open");
    assert_eq!(m.list(), vec![info.clone()]);
    wait_for(&rx, None, "READY$ ");
    m.paste(info.id, "echo first-$((1+1))\n", false)
        .expect("paste");
    wait_for(&rx, None, "first-2");

    let (out2, rx2) = output_channel(1024);
    m.attach(info.id, out2.auto_ack()).expect("attach");
    wait_for(&rx2, None, "first-2");
    m.write(info.id, "echo second-$((2+1))\r").expect("write");
    wait_for(&rx2, None, "second-3");
    assert!(rx.try_iter().all(|msg| !matches!(msg, PtyMessage::Data(d) if String::from_utf8_lossy(&d).contains("second-3"))));

    m.close(info.id).expect("close");
    let err: IpcError = m.write(info.id, "x").expect_err("gone").into();
    assert_eq!(err.code, ErrorCode::NotFound);
    let mut bad = bash();
    bad.cwd = Some("/definitely/not/here".into());
    let err: IpcError = m
        .open(&bad, |_: Vec<u8>| Ok(()))
        .expect_err("bad cwd")
        .into();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[test]
fn tail_raw_copies_bytes_and_reports_exit() {
    let mut out = Vec::new();
    let status = tail_raw(
        &cmd(&["sh", "-c", r"printf 'a\342\200\224b'; exit 4"]),
        &mut out,
    )
    .expect("tail");
    assert_eq!(out, "a\u{2014}b".as_bytes());
    assert_eq!(status.code, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tail_events_streams_text_then_exit_through_the_flow_engine() {
    let sink = CollectingSink::new();
    let opts = cmd(&["sh", "-c", r"printf 'x\342'; sleep .05; printf '\200\224y'"]);
    let status = tail_events(SubId(9), &opts, sink.clone())
        .await
        .expect("tail");
    assert!(status.success);
    let events: Vec<PtyEvent> = sink
        .frames()
        .into_iter()
        .flat_map(|f| f.entries)
        .map(|e| e.event().clone())
        .collect();
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            PtyEvent::Output { data } => Some(data.as_str()),
            PtyEvent::Exit { .. } => None,
        })
        .collect();
    assert_eq!(text, "x\u{2014}y");
    assert!(matches!(events.last(), Some(PtyEvent::Exit { status }) if status.success));
}
