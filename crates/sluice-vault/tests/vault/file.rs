use std::path::Path;

use sluice_vault::{FileVault, KdfParams, Secret, SecretStore, VaultError, VaultFileState};

use crate::{light, PASSWORD};

const API_KEY: &str = "sk-live-0123456789abcdefPLAINTEXT";
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.plaintext-token-body";

fn pw() -> Secret {
    Secret::from(PASSWORD)
}

fn filled(path: &Path) -> FileVault {
    let vault = FileVault::create(path, &pw(), light()).expect("create");
    vault.put("chat/api-key", API_KEY.into()).expect("put key");
    vault
        .put("oauth/demo/access", TOKEN.into())
        .expect("put token");
    vault
}

/// Every byte under `dir`, searched for `needle` as plain bytes.
fn folder_contains(dir: &Path, needle: &str) -> bool {
    std::fs::read_dir(dir).expect("read dir").any(|entry| {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            return folder_contains(&path, needle);
        }
        let bytes = std::fs::read(&path).expect("read file");
        bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
    })
}

#[test]
fn secrets_survive_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("data").join("vault.sluice");
    assert_eq!(
        FileVault::state(&path).expect("state"),
        VaultFileState::Absent
    );
    drop(filled(&path));
    assert_eq!(
        FileVault::state(&path).expect("state"),
        VaultFileState::Present
    );

    let again = FileVault::open(&path, &pw()).expect("reopen");
    let key = again.get("chat/api-key").expect("get").expect("present");
    assert_eq!(key.expose(), API_KEY);
    let names: Vec<_> = again
        .list()
        .expect("list")
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["chat/api-key", "oauth/demo/access"]);

    assert!(again.delete("chat/api-key").expect("delete"));
    assert!(!again.delete("chat/api-key").expect("delete twice"));
    drop(again);
    let third = FileVault::open(&path, &pw()).expect("reopen after delete");
    assert_eq!(third.get("chat/api-key").expect("get"), None);
    assert_eq!(
        third
            .get("oauth/demo/access")
            .expect("get")
            .map(|s| s.expose().to_owned()),
        Some(TOKEN.to_owned())
    );
}

#[test]
fn the_folder_holds_no_plaintext_and_only_owner_can_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.sluice");
    let vault = filled(&path);
    vault
        .put("nats/prod/token", "s3cr3t-nats-token-value".into())
        .expect("put");
    for needle in [
        API_KEY,
        TOKEN,
        "s3cr3t-nats-token-value",
        PASSWORD,
        "sk-live",
    ] {
        assert!(
            !folder_contains(dir.path(), needle),
            "{needle:?} found in plain text"
        );
    }
    // The names are inside the ciphertext as well.
    assert!(!folder_contains(dir.path(), "chat/api-key"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // No temporary file is left behind by the atomic writes.
    let files: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn a_wrong_password_is_told_apart_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.sluice");
    drop(filled(&path));
    let before = std::fs::read(&path).expect("read");
    let err = FileVault::open(&path, &Secret::from("not the password")).err();
    let err = err.expect("a wrong password must be refused");
    assert!(matches!(err, VaultError::WrongPassword), "{err:?}");
    assert!(err.recovery().contains("create a new vault"));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    FileVault::open(&path, &pw()).expect("the right password still opens it");
}

#[test]
fn create_never_overwrites_and_refuses_short_passwords() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.sluice");
    let short = FileVault::create(&path, &Secret::from("short"), light()).err();
    assert!(matches!(short, Some(VaultError::WeakPassword)), "{short:?}");
    drop(filled(&path));
    let again = FileVault::create(&path, &pw(), light()).err();
    assert!(matches!(again, Some(VaultError::Exists(_))), "{again:?}");
    let absent = FileVault::open(&dir.path().join("none"), &pw()).err();
    assert!(matches!(absent, Some(VaultError::Absent(_))), "{absent:?}");
}

#[test]
fn each_vault_gets_its_own_salt_and_each_write_its_own_nonce() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let va = FileVault::create(&a, &pw(), light()).expect("a");
    drop(FileVault::create(&b, &pw(), light()).expect("b"));
    let (fa, fb) = (std::fs::read(&a).expect("a"), std::fs::read(&b).expect("b"));
    assert_ne!(fa[24..40], fb[24..40], "salts must differ");
    va.put("x", "value-one".into()).expect("put");
    let first = std::fs::read(&a).expect("a");
    va.put("x", "value-one".into()).expect("put again");
    let second = std::fs::read(&a).expect("a");
    assert_ne!(first[72..96], second[72..96], "nonces must differ");
    assert_ne!(first[128..], second[128..]);
}

#[test]
fn default_cost_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vault.sluice");
    let vault = FileVault::create(&path, &pw(), KdfParams::default()).expect("create");
    vault.put("chat/api-key", API_KEY.into()).expect("put");
    drop(vault);
    let again = FileVault::open(&path, &pw()).expect("open");
    assert_eq!(again.kdf_params(), KdfParams::default());
    assert_eq!(
        again
            .get("chat/api-key")
            .expect("get")
            .expect("some")
            .expose(),
        API_KEY
    );
}
