//! How the wire contract's event types coalesce. These impls live here because the orphan
//! rule allows them only in the crate of the trait or of the type.

use sluice_wire::HealthSample;

use crate::Event;

/// Health is one latest-state value: a newer sample supersedes an unsent one.
impl Event for HealthSample {
    type Key = ();

    fn key(&self) -> &Self::Key {
        &()
    }

    fn weight(&self) -> usize {
        // Five numbers of at most 20 digits, field names, and the version string.
        160 + self.version.len()
    }
}
