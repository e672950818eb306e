//! The task that turns a subscription's ring into frames: at once after idle, on a timer
//! under load, never past its credits.

use std::sync::Arc;

use tokio::time::{sleep_until, Instant};

use crate::flow::{Next, Shared};
use crate::{Event, Sink};

pub(crate) async fn run<T: Event, S: Sink<T>>(shared: Arc<Shared<T>>, mut sink: S) {
    // The pacing deadline under load counts from the last frame. It is awaited inside
    // select!, so a continuous producer (which never leaves an idle gap) still gets frames
    // on time.
    let mut last_sent: Option<Instant> = None;
    'run: loop {
        match shared.next() {
            Next::Finish => break,
            Next::Wait => {
                // Idle or out of credits: nothing to do until a push, ack or close.
                shared.wake.notified().await;
                continue;
            }
            Next::Send => {}
        }
        let due = last_sent.map(|t| shared.due(t));
        if let Some(due) = due.filter(|d| *d > Instant::now()) {
            tokio::select! {
                () = sleep_until(due) => {}
                // An ack or close while pacing: re-check from the top.
                () = shared.wake.notified() => continue,
            }
        }
        // One flush: as many frames as the backlog needs, within the burst and the credits.
        let mut sent = 0;
        while sent < shared.max_frames_per_flush {
            let Some(frame) = shared.take_frame() else {
                break;
            };
            let seq = frame.seq;
            if sink.send(frame).is_err() {
                break 'run;
            }
            if sink.acks_on_send() {
                shared.record_ack(seq);
            }
            sent += 1;
        }
        if sent > 0 {
            last_sent = Some(Instant::now());
        }
    }
    drop(sink);
    shared.finish();
}
