//! `sluice tail pty -- <command>`: a command's terminal output as raw bytes or JSON lines.

use std::io::Write;

use serde::Serialize;
use sluice_flow::{Event, FlowConfig, Policy, Producer, Sink};
use sluice_wire::{PtyEvent, PtyExitStatus, PtyId, PtyOpenOptions, SubId};
use tokio::sync::oneshot;

use crate::{output_channel, OutputClosed, PtyError, PtyLimits, PtyMessage, PtyOutput};
use crate::{PtySession, Utf8Decoder};

/// Most text bytes in one output event, so an entry stays well inside a frame.
const TEXT_PIECE: usize = 2048;
/// JSON around the text of an output event: `{"kind":"output","data":""}`.
const OUTPUT_ENVELOPE: usize = 28;

/// Runs a command on a terminal and copies its output, byte for byte, to `out` until it
/// exits. Blocks the calling thread.
pub fn tail_raw(opts: &PtyOpenOptions, out: &mut dyn Write) -> Result<PtyExitStatus, PtyError> {
    let (output, rx) = output_channel(16);
    let session = PtySession::spawn(PtyId(0), opts, PtyLimits::default(), output.auto_ack())?;
    for msg in rx {
        match msg {
            PtyMessage::Data(bytes) => {
                if let Err(err) = out.write_all(&bytes).and_then(|()| out.flush()) {
                    session.close();
                    return Err(PtyError::Output(err));
                }
            }
            PtyMessage::Exit(status) => return Ok(status),
        }
    }
    Err(PtyError::Ended(session.id()))
}

/// Runs a command on a terminal and streams its output through the flow engine as
/// [`PtyEvent`]s (append-merged text, then the exit), e.g. into a `JsonLinesSink`.
/// If the sink goes away first the child is killed.
pub async fn tail_events<S: Sink<PtyEventItem>>(
    sub: SubId,
    opts: &PtyOpenOptions,
    sink: S,
) -> Result<PtyExitStatus, PtyError> {
    let (producer, handle) = sluice_flow::spawn(sub, FlowConfig::new(Policy::AppendMerge), sink);
    let (status_tx, mut status_rx) = oneshot::channel();
    let output = FlowOutput {
        producer: Some(producer),
        decoder: Utf8Decoder::new(),
        status: Some(status_tx),
    };
    let session = PtySession::spawn(PtyId(sub.0), opts, PtyLimits::default(), output)?;
    tokio::select! {
        biased;
        status = &mut status_rx => {
            // The producer is gone: the flow sends what is pending, then ends.
            handle.closed().await;
            status.map_err(|_| PtyError::Ended(session.id()))
        }
        () = handle.closed() => {
            // The flow also ends right after a normal exit; only without one did the
            // receiver go away first.
            if let Ok(status) = status_rx.try_recv() {
                return Ok(status);
            }
            session.close();
            Err(PtyError::Output(std::io::ErrorKind::BrokenPipe.into()))
        }
    }
}

/// Terminal output as a flow event: a [`PtyEvent`] plus its precomputed JSON size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PtyEventItem {
    event: PtyEvent,
    #[serde(skip)]
    weight: usize,
}

impl PtyEventItem {
    pub fn output(data: String) -> Self {
        let weight = OUTPUT_ENVELOPE + json_len(&data);
        Self {
            event: PtyEvent::Output { data },
            weight,
        }
    }

    pub fn exit(status: PtyExitStatus) -> Self {
        let weight = 96 + status.signal.as_deref().map_or(0, json_len);
        Self {
            event: PtyEvent::Exit { status },
            weight,
        }
    }

    pub fn event(&self) -> &PtyEvent {
        &self.event
    }
}

impl Event for PtyEventItem {
    type Key = ();

    fn key(&self) -> &Self::Key {
        &()
    }

    fn weight(&self) -> usize {
        self.weight
    }

    fn merge(&mut self, next: Self) -> Result<(), Self> {
        match (&mut self.event, next.event) {
            (PtyEvent::Output { data }, PtyEvent::Output { data: more }) => {
                data.push_str(&more);
                self.weight += next.weight - OUTPUT_ENVELOPE;
                Ok(())
            }
            (_, event) => Err(Self {
                event,
                weight: next.weight,
            }),
        }
    }
}

/// Bytes `s` takes inside a JSON string: terminal output is full of escapes, so the
/// worst case (six bytes per byte) would waste most of each frame.
fn json_len(s: &str) -> usize {
    s.bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum()
}

/// Feeds a flow: decodes bytes to text without splitting characters; the ring absorbs
/// bursts (counted drops), so bytes count as consumed on delivery.
struct FlowOutput {
    producer: Option<Producer<PtyEventItem>>,
    decoder: Utf8Decoder,
    status: Option<oneshot::Sender<PtyExitStatus>>,
}

impl FlowOutput {
    fn push_text(&self, text: &str) -> Result<(), OutputClosed> {
        let producer = self.producer.as_ref().ok_or(OutputClosed)?;
        if producer.is_closed() {
            return Err(OutputClosed);
        }
        let mut rest = text;
        while !rest.is_empty() {
            let mut cut = rest.len().min(TEXT_PIECE);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (piece, tail) = rest.split_at(cut);
            producer.push(PtyEventItem::output(piece.to_owned()));
            rest = tail;
        }
        Ok(())
    }
}

impl PtyOutput for FlowOutput {
    fn data(&mut self, bytes: Vec<u8>) -> Result<(), OutputClosed> {
        let text = self.decoder.decode(&bytes);
        self.push_text(&text)
    }

    fn exit(&mut self, status: &PtyExitStatus) {
        let rest = self.decoder.finish();
        let _ = self.push_text(&rest);
        // The status goes first: dropping the producer below lets the flow end.
        if let Some(tx) = self.status.take() {
            let _ = tx.send(status.clone());
        }
        if let Some(producer) = self.producer.take() {
            producer.push(PtyEventItem::exit(status.clone()));
        }
    }

    fn acks_on_delivery(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weight_bounds_the_serialized_size() {
        let item = PtyEventItem::output("a\u{1b}[1m\"—\"\r\n\u{7}".to_owned());
        let json = serde_json::to_string(&item).unwrap_or_default();
        assert!(
            json.len() <= item.weight(),
            "{} > {}",
            json.len(),
            item.weight()
        );
        let exit = PtyEventItem::exit(PtyExitStatus {
            code: u32::MAX,
            signal: Some("Terminated".into()),
            success: false,
        });
        let json = serde_json::to_string(&exit).unwrap_or_default();
        assert!(json.len() <= exit.weight(), "{json}");
    }

    #[test]
    fn output_merges_but_exit_does_not() {
        let mut a = PtyEventItem::output("ab".into());
        assert!(a.merge(PtyEventItem::output("c\n".into())).is_ok());
        assert_eq!(a.weight(), OUTPUT_ENVELOPE + 5);
        let exit = PtyEventItem::exit(PtyExitStatus {
            code: 0,
            signal: None,
            success: true,
        });
        assert!(a.merge(exit).is_err());
        assert_eq!(
            a.event(),
            &PtyEvent::Output {
                data: "abc\n".into()
            }
        );
    }
}
