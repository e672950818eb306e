//! Sign-ins in progress, keyed by their `state`. A state is taken at most once; used and
//! expired states are remembered (bounded) so a replay is named as such.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use crate::CallbackError;

/// Most sign-ins pending at once; starting another drops the oldest.
const MAX_PENDING: usize = 8;
/// How many used states are remembered to recognise replays.
const MAX_USED: usize = 256;

#[derive(Debug, Clone)]
pub struct Pending {
    pub verifier: String,
    pub redirect_uri: String,
    pub started: Instant,
}

#[derive(Debug, Default)]
pub struct Flows {
    pending: HashMap<String, Pending>,
    order: VecDeque<String>,
    used: VecDeque<String>,
}

impl Flows {
    pub fn insert(&mut self, state: String, flow: Pending) {
        while self.pending.len() >= MAX_PENDING {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            self.pending.remove(&oldest);
        }
        self.order.push_back(state.clone());
        self.pending.insert(state, flow);
    }

    /// Redirect URIs of the sign-ins in progress.
    pub fn targets(&self) -> Vec<String> {
        let mut t: Vec<String> = self
            .pending
            .values()
            .map(|p| p.redirect_uri.clone())
            .collect();
        t.dedup();
        t
    }

    /// Removes and returns the flow for `state`: refused when unknown, used or expired.
    pub fn take(&mut self, state: &str, ttl: Duration) -> Result<Pending, CallbackError> {
        let Some(flow) = self.pending.remove(state) else {
            return Err(if self.used.iter().any(|u| u == state) {
                CallbackError::ReplayedState
            } else {
                CallbackError::UnknownState
            });
        };
        self.order.retain(|s| s != state);
        if self.used.len() >= MAX_USED {
            self.used.pop_front();
        }
        self.used.push_back(state.to_owned());
        if flow.started.elapsed() > ttl {
            return Err(CallbackError::Expired);
        }
        Ok(flow)
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    pub fn clear(&mut self) {
        self.pending.clear();
        self.order.clear();
    }
}
