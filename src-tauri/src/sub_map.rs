//! Per-subscription handles a command needs after the subscribe call (a WebSocket's
//! sender, a chat answer's cancel token), by subscription id.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use sluice_wire::SubId;

pub struct SubMap<T: Clone> {
    map: Mutex<HashMap<SubId, T>>,
}

impl<T: Clone> Default for SubMap<T> {
    fn default() -> Self {
        Self {
            map: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> SubMap<T> {
    fn lock(&self) -> MutexGuard<'_, HashMap<SubId, T>> {
        // The map stays consistent even if a holder panicked: every operation is one call.
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn insert(&self, sub: SubId, value: T) {
        self.lock().insert(sub, value);
    }

    pub fn get(&self, sub: SubId) -> Option<T> {
        self.lock().get(&sub).cloned()
    }

    pub fn remove(&self, sub: SubId) -> Option<T> {
        self.lock().remove(&sub)
    }
}
