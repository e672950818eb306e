//! Damaged and hostile vault files: always a typed error with a way out, never a panic,
//! never a secret.

use std::path::Path;

use sha2::{Digest, Sha256};
use sluice_vault::{FileVault, Secret, SecretStore, VaultError, VaultFileState};

use crate::{light, PASSWORD};

fn made(dir: &Path) -> (std::path::PathBuf, Vec<u8>) {
    let path = dir.join("vault.sluice");
    let vault = FileVault::create(&path, &Secret::from(PASSWORD), light()).expect("create");
    vault
        .put("chat/api-key", "sk-abcdefghijklmnopqrstuvwxyz".into())
        .expect("put");
    drop(vault);
    let bytes = std::fs::read(&path).expect("read");
    (path, bytes)
}

fn open_with(path: &Path, bytes: &[u8]) -> Result<FileVault, VaultError> {
    std::fs::write(path, bytes).expect("write");
    FileVault::open(path, &Secret::from(PASSWORD))
}

fn assert_corrupt(result: Result<FileVault, VaultError>, what: &str) -> String {
    match result {
        Err(e @ VaultError::Corrupt { .. }) => {
            assert!(e.recovery().contains("aside"), "{what}: {}", e.recovery());
            e.to_string()
        }
        Err(e) => panic!("{what}: expected Corrupt, got {e:?}"),
        Ok(_) => panic!("{what}: a damaged vault opened"),
    }
}

/// Rewrites the header checksum, as a bug or an attacker that knows the format would.
fn rehash(bytes: &mut [u8]) {
    let digest = Sha256::digest(&bytes[..96]);
    bytes[96..128].copy_from_slice(&digest);
}

#[test]
fn every_truncation_is_reported_as_damage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = made(dir.path());
    for len in 0..bytes.len() {
        let message = assert_corrupt(open_with(&path, &bytes[..len]), &format!("len {len}"));
        assert!(!message.contains("sk-"), "{message}");
    }
}

#[test]
fn every_flipped_byte_is_reported_as_damage_not_as_a_wrong_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = made(dir.path());
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0x01;
        match open_with(&path, &bad) {
            Err(VaultError::UnsupportedVersion { version: 0, .. }) if at == 8 => {}
            other => {
                assert_corrupt(other, &format!("byte {at}"));
            }
        }
    }
    // Appended garbage too.
    let mut longer = bytes.clone();
    longer.push(0);
    assert_corrupt(open_with(&path, &longer), "appended byte");
}

#[test]
fn a_zeroed_salt_is_refused_even_with_a_valid_checksum() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = made(dir.path());
    let mut zeroed = bytes.clone();
    zeroed[24..40].fill(0);
    assert_corrupt(open_with(&path, &zeroed), "zeroed salt");
    rehash(&mut zeroed);
    let message = assert_corrupt(open_with(&path, &zeroed), "zeroed salt, rehashed");
    assert!(message.contains("salt"), "{message}");
}

#[test]
fn hostile_key_derivation_parameters_are_refused_before_deriving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = made(dir.path());
    // 4 GiB of memory, 0 passes, 0 lanes, 200 lanes.
    for (at, value) in [(12, u32::MAX), (16, 0), (20, 0), (20, 200)] {
        let mut bad = bytes.clone();
        bad[at..at + 4].copy_from_slice(&value.to_le_bytes());
        rehash(&mut bad);
        assert_corrupt(open_with(&path, &bad), &format!("param at {at} = {value}"));
    }
}

#[test]
fn other_files_and_newer_formats_get_their_own_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = made(dir.path());
    assert_corrupt(open_with(&path, b"{\"not\": \"a vault\"}"), "json");
    assert_corrupt(open_with(&path, &[]), "empty");
    let mut newer = bytes.clone();
    newer[8] = 2;
    match open_with(&path, &newer) {
        Err(e @ VaultError::UnsupportedVersion { version: 2, .. }) => {
            assert!(e.recovery().contains("aside"));
        }
        other => panic!("expected UnsupportedVersion, got {:?}", other.err()),
    }
    let folder = FileVault::open(dir.path(), &Secret::from(PASSWORD)).err();
    assert!(matches!(folder, Some(VaultError::Io { .. })), "{folder:?}");
}

#[test]
fn a_damaged_header_is_seen_without_a_password_and_can_be_moved_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, bytes) = made(dir.path());
    assert_eq!(
        FileVault::inspect(&path).expect("intact"),
        VaultFileState::Present
    );
    std::fs::write(&path, &bytes[..100]).expect("truncate");
    let err = FileVault::inspect(&path).err();
    assert!(matches!(err, Some(VaultError::Corrupt { .. })), "{err:?}");
    let aside = FileVault::move_aside(&path).expect("move aside");
    assert!(aside.to_string_lossy().contains("vault.sluice.damaged-"));
    assert_eq!(std::fs::read(&aside).expect("kept"), &bytes[..100]);
    assert_eq!(
        FileVault::inspect(&path).expect("absent"),
        VaultFileState::Absent
    );
    FileVault::create(&path, &Secret::from(PASSWORD), light()).expect("a new vault");
}
