//! The keychain store against a real Secret Service: a private D-Bus session bus with
//! gnome-keyring-daemon on it, started by the test (packages `dbus`, `gnome-keyring`).

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sluice_vault::{KeychainStore, SecretStore, VaultError};

/// Kills the bus and the keyring daemon when the test ends, pass or fail.
struct Session {
    children: Vec<Child>,
    _home: tempfile::TempDir,
}

impl Drop for Session {
    fn drop(&mut self) {
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

const BUS_CONFIG: &str = r#"<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#;

fn start_secret_service() -> Session {
    let home = tempfile::tempdir().expect("tempdir");
    // A bus without service activation: otherwise the first call could auto-start a
    // second, locked keyring daemon that wins the name.
    let config = home.path().join("bus.conf");
    std::fs::write(&config, BUS_CONFIG).expect("bus config");
    let mut bus = Command::new("dbus-daemon")
        .arg(format!("--config-file={}", config.display()))
        .args(["--nofork", "--print-address=1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon (apt package dbus) must be installed for this test");
    let mut address = String::new();
    let stdout = bus.stdout.take().expect("stdout");
    BufReader::new(stdout)
        .read_line(&mut address)
        .expect("bus address");
    let address = address.trim().to_owned();
    assert!(address.starts_with("unix:"), "bus address {address:?}");
    let mut keyring = Command::new("gnome-keyring-daemon")
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("DBUS_SESSION_BUS_ADDRESS", &address)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("gnome-keyring-daemon (apt package gnome-keyring) must be installed");
    // The login keyring's password, then end of input.
    let mut stdin = keyring.stdin.take().expect("stdin");
    stdin
        .write_all(b"keyring-test-password")
        .expect("unlock password");
    drop(stdin);
    // This test binary talks to no other bus.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
    Session {
        children: vec![keyring, bus],
        _home: home,
    }
}

/// Ready once an item can be written: the daemon unlocks its login keyring shortly after
/// it answers on the bus.
fn wait_ready() {
    let store = KeychainStore::new("dev.sluice.app.ready");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match store
            .probe()
            .and_then(|()| store.put("ready", "yes".into()))
        {
            Ok(()) => return,
            Err(e) if Instant::now() > deadline => panic!("no Secret Service: {e}"),
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

#[test]
fn keychain_stores_lists_and_forgets_through_a_real_secret_service() {
    let session = start_secret_service();
    wait_ready();
    let store = KeychainStore::new("dev.sluice.app.test");

    store
        .put("chat/api-key", "sk-keychain-0123456789abcdef".into())
        .expect("put");
    store
        .put("oauth/demo/refresh", "refresh-token-value".into())
        .expect("put");
    store
        .put("chat/api-key", "sk-keychain-replaced-0123456789".into())
        .expect("replace");
    let got = store.get("chat/api-key").expect("get").expect("present");
    assert_eq!(got.expose(), "sk-keychain-replaced-0123456789");

    // Another store object (as after a restart) sees the same entries, masked in lists.
    let again = KeychainStore::new("dev.sluice.app.test");
    let listed = again.list().expect("list");
    let names: Vec<_> = listed.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["chat/api-key", "oauth/demo/refresh"]);
    assert!(listed
        .iter()
        .all(|e| !e.masked.contains("keychain") && !e.masked.contains("token")));

    // Another service name is another namespace.
    let other = KeychainStore::new("dev.sluice.app.other");
    assert_eq!(other.get("chat/api-key").expect("get"), None);
    assert!(other.list().expect("list").is_empty());

    assert!(again.delete("chat/api-key").expect("delete"));
    assert!(!again.delete("chat/api-key").expect("delete twice"));
    assert_eq!(store.get("chat/api-key").expect("get"), None);
    assert_eq!(store.list().expect("list").len(), 1);
    assert!(matches!(
        store.put("bad name", "x".into()),
        Err(VaultError::InvalidName(_))
    ));

    // With the service gone, calls fail with a typed error rather than hanging or panicking.
    drop(session);
    let gone = KeychainStore::new("dev.sluice.app.test");
    match gone.get("oauth/demo/refresh") {
        Err(e @ VaultError::Keychain(_)) => assert!(e.recovery().contains("keychain")),
        other => panic!("expected a keychain error, got {other:?}"),
    }
}
