use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use sluice_wire::{PtyExitStatus, PtyId, PtyOpenOptions, PtySessionInfo, PtySize};

use crate::{PtyError, PtyLimits, PtyOutput, PtySession, PtyStats};

/// Live terminal sessions by id. Each method maps to one app command (`pty_open`,
/// `pty_write`, `pty_resize`, `pty_ack`, `pty_kill`, `pty_close`, ...).
#[derive(Default)]
pub struct PtyManager {
    next: AtomicU32,
    limits: PtyLimits,
    sessions: Mutex<HashMap<PtyId, Arc<PtySession>>>,
}

impl PtyManager {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_limits(limits: PtyLimits) -> Self {
        Self {
            limits,
            ..Self::default()
        }
    }

    /// Starts a session whose output goes to `output`; ids start at 1.
    pub fn open(
        &self,
        opts: &PtyOpenOptions,
        output: impl PtyOutput,
    ) -> Result<PtySessionInfo, PtyError> {
        let id = PtyId(self.next.fetch_add(1, Ordering::Relaxed).wrapping_add(1));
        let session = PtySession::spawn(id, opts, self.limits.clone(), output)?;
        let info = session.info();
        self.lock().insert(id, Arc::new(session));
        Ok(info)
    }

    pub fn get(&self, id: PtyId) -> Result<Arc<PtySession>, PtyError> {
        self.lock().get(&id).cloned().ok_or(PtyError::NotFound(id))
    }

    pub fn write(&self, id: PtyId, bytes: impl Into<Vec<u8>>) -> Result<(), PtyError> {
        self.get(id)?.write(bytes)
    }

    pub fn paste(&self, id: PtyId, text: &str, bracketed: bool) -> Result<(), PtyError> {
        self.get(id)?.paste(text, bracketed)
    }

    pub fn resize(&self, id: PtyId, size: PtySize) -> Result<(), PtyError> {
        self.get(id)?.resize(size)
    }

    pub fn ack(&self, id: PtyId, bytes: u64) -> Result<(), PtyError> {
        self.get(id)?.ack(bytes);
        Ok(())
    }

    /// Re-attaches a view: the scrollback is replayed into `output`, then live output.
    pub fn attach(&self, id: PtyId, output: impl PtyOutput) -> Result<(), PtyError> {
        self.get(id)?.attach(output);
        Ok(())
    }

    pub fn detach(&self, id: PtyId) -> Result<(), PtyError> {
        self.get(id)?.detach();
        Ok(())
    }

    /// Signals the child; the session stays listed until `close` so its exit is seen.
    pub fn kill(&self, id: PtyId) -> Result<(), PtyError> {
        self.get(id)?.kill()
    }

    /// Kills the child if needed and forgets the session.
    pub fn close(&self, id: PtyId) -> Result<(), PtyError> {
        let session = self.lock().remove(&id).ok_or(PtyError::NotFound(id))?;
        session.close();
        Ok(())
    }

    /// Closes every session (window closed, app quitting).
    pub fn close_all(&self) {
        let sessions: Vec<_> = self.lock().drain().map(|(_, s)| s).collect();
        for session in sessions {
            session.close();
        }
    }

    pub fn exit_status(&self, id: PtyId) -> Result<Option<PtyExitStatus>, PtyError> {
        Ok(self.get(id)?.exit_status())
    }

    pub fn stats(&self, id: PtyId) -> Result<PtyStats, PtyError> {
        Ok(self.get(id)?.stats())
    }

    /// Sessions, oldest first.
    pub fn list(&self) -> Vec<PtySessionInfo> {
        let mut list: Vec<_> = self.lock().values().map(|s| s.info()).collect();
        list.sort_by_key(|i| i.id);
        list
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<PtyId, Arc<PtySession>>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
