//! Live tail of a subject (wildcards allowed) through a flow.
//!
//! Messages go into the flow as they arrive (the flow counts, batches and drops). The
//! subscription survives reconnects (the client re-subscribes); an outage is reported as a
//! gap. Core NATS has no sequence numbers, so the number of messages missed is counted from
//! a JetStream stream that captures the tailed subject, when there is one.

use std::time::Duration;

use futures_util::{FutureExt, StreamExt};
use serde_json::json;
use sluice_flow::Producer;
use sluice_wire::{NatsConnStatus, NatsGap};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::browse::{next_message, seq_at_time, stream_info};
use crate::error::{NatsError, Result};
use crate::events::TailEvent;
use crate::jsapi::{self, NamesPage};
use crate::util::{now_ms, subject_covers, subject_matches};
use crate::NatsConnection;

/// Most stream messages walked to count one gap; a longer outage reports "at least".
const MAX_GAP_WALK: u64 = 20_000;
/// Messages taken per wake-up before other events (state, gaps, close) get a look.
const DRAIN_BATCH: usize = 1024;
/// Receive times kept after a resume until the gap count arrives.
const MAX_EARLY: usize = 100_000;

/// Starts tailing `subject` into `producer` and returns the task; it ends when the flow is
/// closed or the connection is closed for good.
pub async fn start_tail(
    conn: &NatsConnection,
    subject: &str,
    producer: Producer<TailEvent>,
) -> Result<JoinHandle<()>> {
    let subject = subject.trim().to_owned();
    if subject.is_empty() || subject.contains(char::is_whitespace) {
        return Err(NatsError::InvalidInput(format!(
            "{subject:?} is not a subject"
        )));
    }
    let sub = conn
        .client()
        .subscribe(subject.clone())
        .await
        .map_err(|e| NatsError::InvalidInput(format!("cannot subscribe to {subject}: {e}")))?;
    // Make sure the server has the subscription before the caller publishes.
    let _ = conn.client().flush().await;
    let counter = covering_stream(conn, &subject).await;
    Ok(tokio::spawn(run(
        conn.clone(),
        subject,
        counter,
        sub,
        producer,
    )))
}

/// A stream whose subjects cover everything `subject` can match.
async fn covering_stream(conn: &NatsConnection, subject: &str) -> Option<String> {
    let mut reqs = 0;
    let names = jsapi::all_pages(
        conn,
        "STREAM.NAMES",
        &json!({ "subject": subject }),
        |p: NamesPage| (p.page, p.streams.unwrap_or_default()),
        &mut reqs,
    )
    .await
    .ok()?;
    for name in names {
        let Ok(info) = stream_info(conn, &name).await else {
            continue;
        };
        if info
            .config
            .subjects
            .iter()
            .any(|s| subject_covers(s, subject))
        {
            return Some(name);
        }
    }
    None
}

struct Outage {
    /// Receive time of the last message before the outage (or the tail's start).
    from_ms: u64,
    disconnected_at_ms: u64,
    reason: Option<String>,
}

struct GapCount {
    outage: Outage,
    resumed_at_ms: u64,
    in_window: Option<u64>,
    capped: bool,
}

async fn run(
    conn: NatsConnection,
    subject: String,
    counter: Option<String>,
    mut sub: async_nats::Subscriber,
    producer: Producer<TailEvent>,
) {
    let mut state = conn.state();
    let mut index = 0u64;
    let mut last_rx_ms = now_ms();
    let mut outage: Option<Outage> = None;
    // Receive times since the resume, until the gap count says where the window ended.
    let mut early: Option<Vec<u64>> = None;
    let (gap_tx, mut gap_rx) = mpsc::channel::<GapCount>(4);
    state.borrow_and_update();
    let closed = producer.closed();
    tokio::pin!(closed);
    loop {
        tokio::select! {
            msg = sub.next() => {
                let Some(mut msg) = msg else { break };
                // Take what is already buffered without going back through `select!`: at
                // high rates this is most of the per-message cost saved. One clock read per
                // batch: it drains within microseconds.
                last_rx_ms = now_ms();
                for _ in 0..DRAIN_BATCH {
                    index += 1;
                    if let Some(times) = early.as_mut() {
                        if times.len() < MAX_EARLY {
                            times.push(last_rx_ms);
                        }
                    }
                    producer.push(TailEvent::message(msg, index, last_rx_ms));
                    match sub.next().now_or_never() {
                        Some(Some(next)) => msg = next,
                        _ => break,
                    }
                }
            }
            changed = state.changed() => {
                if changed.is_err() { break }
                let st = state.borrow_and_update().clone();
                match st.status {
                    NatsConnStatus::Reconnecting if outage.is_none() => {
                        outage = Some(Outage {
                            from_ms: last_rx_ms,
                            disconnected_at_ms: now_ms(),
                            reason: st.reason.clone(),
                        });
                    }
                    NatsConnStatus::Connected => {
                        if let Some(o) = outage.take() {
                            early = Some(Vec::new());
                            tokio::spawn(count_gap(conn.clone(), subject.clone(), counter.clone(), o, gap_tx.clone()));
                        }
                    }
                    NatsConnStatus::Closed => break,
                    _ => {}
                }
            }
            Some(g) = gap_rx.recv() => {
                let early_n = early.take().map_or(0, |t| t.iter().filter(|ms| **ms <= g.resumed_at_ms).count() as u64);
                producer.push(TailEvent::gap(gap_entry(g, counter.as_deref(), early_n)));
            }
            () = &mut closed => break,
        }
    }
    let _ = sub.unsubscribe().await;
}

fn gap_entry(g: GapCount, counter: Option<&str>, early: u64) -> NatsGap {
    let mut reason = g.outage.reason;
    if g.capped {
        reason = Some(format!(
            "{}; more than {MAX_GAP_WALK} messages missed, count stops there",
            reason.unwrap_or_default()
        ));
    }
    NatsGap {
        disconnected_at_ms: g.outage.disconnected_at_ms,
        resumed_at_ms: g.resumed_at_ms,
        missed: g.in_window.map(|n| n.saturating_sub(early)),
        counted_by: g.in_window.and(counter.map(str::to_owned)),
        reason,
    }
}

/// Once the subscription is confirmed again (flush after the reconnect), counts the stream
/// messages on the tailed subject between the last message seen and that moment. Messages
/// that arrived in that moment are subtracted by the caller.
async fn count_gap(
    conn: NatsConnection,
    subject: String,
    counter: Option<String>,
    outage: Outage,
    tx: mpsc::Sender<GapCount>,
) {
    let _ = tokio::time::timeout(Duration::from_secs(5), conn.client().flush()).await;
    let resumed_at_ms = now_ms();
    let mut capped = false;
    let mut in_window = None;
    if let Some(stream) = &counter {
        let count = async {
            let info = stream_info(&conn, stream).await?;
            let (first, last) = (info.state.first_seq, info.state.last_seq);
            let mut seq = seq_at_time(&conn, stream, first, last, outage.from_ms + 1).await?;
            let mut n = 0u64;
            for _ in 0..MAX_GAP_WALK {
                match next_message(&conn, stream, seq, &subject).await? {
                    Some(m) if m.time_ms <= resumed_at_ms => {
                        if subject_matches(&subject, &m.subject) {
                            n += 1;
                        }
                        seq = m.seq + 1;
                    }
                    _ => return Ok::<_, NatsError>((n, false)),
                }
            }
            Ok((n, true))
        };
        if let Ok((n, c)) = count.await {
            in_window = Some(n);
            capped = c;
        }
    }
    let _ = tx
        .send(GapCount {
            outage,
            resumed_at_ms,
            in_window,
            capped,
        })
        .await;
}
