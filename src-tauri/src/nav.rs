//! Requests to open a view (a clicked notification, a tray alert), delivered to the window
//! over its own channel subscription rather than a global event.

use std::sync::Mutex;

use serde::Serialize;
use sluice_flow::{Event, Producer};
use sluice_wire::NavRequest;

/// One request as a flow event: only the latest unsent one matters.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct NavEvent(pub NavRequest);

impl Event for NavEvent {
    type Key = ();

    fn key(&self) -> &Self::Key {
        &()
    }

    fn weight(&self) -> usize {
        let r = &self.0;
        96 + r.section.len()
            + r.profile_id.as_ref().map_or(0, String::len)
            + r.consumer_id.as_ref().map_or(0, String::len) * 2
    }
}

/// The window's subscriptions, and a request that arrived while none was open (the window
/// was hidden and its page not loaded yet): the next subscriber gets it first.
#[derive(Default)]
pub struct Navigator {
    subscribers: Mutex<Vec<Producer<NavEvent>>>,
    waiting: Mutex<Option<NavRequest>>,
}

impl Navigator {
    pub fn subscribe(&self, producer: Producer<NavEvent>) {
        if let Some(req) = lock(&self.waiting).take() {
            producer.push(NavEvent(req));
        }
        lock(&self.subscribers).push(producer);
    }

    pub fn send(&self, req: NavRequest) {
        let mut subs = lock(&self.subscribers);
        subs.retain(|p| !p.is_closed());
        if subs.is_empty() {
            *lock(&self.waiting) = Some(req);
            return;
        }
        for p in subs.iter() {
            p.push(NavEvent(req.clone()));
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
