//! Unlock time of the vault with the default Argon2id cost (goal: under 1 s in release).
//! `cargo bench -p sluice-vault --bench unlock`

use std::time::Instant;

use sluice_vault::{FileVault, KdfParams, Secret, SecretStore};

fn main() {
    let dir = std::env::temp_dir().join(format!("sluice-vault-bench-{}", std::process::id()));
    let path = dir.join("vault.sluice");
    let password = Secret::from("a password for the benchmark");
    let params = KdfParams::default();
    let vault = match FileVault::create(&path, &password, params) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("cannot create the vault: {e}");
            std::process::exit(1);
        }
    };
    for i in 0..20 {
        let _ = vault.put(
            &format!("bench/{i}"),
            Secret::new(format!("secret-value-{i:032}")),
        );
    }
    drop(vault);
    let mut times = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let opened = FileVault::open(&path, &password);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(opened.is_ok(), "unlock failed");
    }
    times.sort_by(f64::total_cmp);
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "vault unlock, Argon2id m={} MiB t={} p={}: median {:.0} ms, min {:.0} ms, max {:.0} ms (goal < 1000 ms)",
        params.memory_kib / 1024,
        params.passes,
        params.lanes,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}
