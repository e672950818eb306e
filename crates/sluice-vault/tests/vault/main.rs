//! Integration tests of the secret stores against real files and a real Secret Service.

mod file;
mod hostile;
mod keychain;
mod secret;

use sluice_vault::KdfParams;

/// Real Argon2id, with a cost small enough for debug builds; the default cost is
/// exercised by `file::default_cost_round_trips` and measured by the `unlock` bench.
pub fn light() -> KdfParams {
    KdfParams {
        memory_kib: 1024,
        passes: 1,
        lanes: 1,
    }
}

pub const PASSWORD: &str = "correct horse battery";
