use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::{Event, Producer};

/// Forwards a latest-state source (`tokio::sync::watch`) into a flow: the current value at
/// once, then every change, until the sender is dropped or the subscription closes. Use
/// `Policy::LatestPerKey` so a burst of changes costs one entry per key.
pub fn watch_source<T: Event + Clone + Sync>(
    mut rx: watch::Receiver<T>,
    producer: Producer<T>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let first = rx.borrow_and_update().clone();
        producer.push(first);
        loop {
            tokio::select! {
                changed = rx.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
                () = producer.closed() => break,
            }
            let value = rx.borrow_and_update().clone();
            producer.push(value);
        }
    })
}
