//! The keychain store against a real Secret Service: a private D-Bus session bus with
//! gnome-keyring-daemon on it, started by the test (packages `dbus`, `gnome-keyring`).

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Write};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sluice_vault::{KeychainStore, SecretStore, VaultError};

/// A private session bus with a keyring daemon on it; both are killed when the test ends,
/// pass or fail.
struct Session {
    bus: Child,
    address: String,
    keyring: Child,
    /// Which daemon this is (1, 2): each gets its own keyring folder and log.
    generation: u32,
    /// Set once the test stops the service itself, so that is not taken for a crash.
    stopped: bool,
    home: tempfile::TempDir,
}

impl Session {
    fn start() -> Self {
        let home = tempfile::tempdir().expect("tempdir");
        // A bus without service activation: otherwise the first call could auto-start a
        // second, locked keyring daemon that wins the name.
        // The socket lives in the test's folder, so a killed bus leaves nothing in /tmp.
        let config = home.path().join("bus.conf");
        let listen = format!("unix:dir={}", home.path().display());
        std::fs::write(&config, BUS_CONFIG.replace("LISTEN", &listen)).expect("bus config");
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
        // This test binary talks to no other bus. libdbus reads the address once per
        // process, so a replacement daemon must join this same bus.
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
        let keyring = start_keyring(home.path(), &address, 1);
        Self {
            bus,
            address,
            keyring,
            generation: 1,
            stopped: false,
            home,
        }
    }

    /// A fresh daemon, with an empty keyring, on the same bus.
    fn replace_keyring(&mut self) {
        let _ = self.keyring.kill();
        let _ = self.keyring.wait();
        self.generation += 1;
        self.keyring = start_keyring(self.home.path(), &self.address, self.generation);
    }

    fn stop(&mut self) {
        self.stopped = true;
        for child in [&mut self.keyring, &mut self.bus] {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// How the keyring daemon ended, with the end of its log, if it ended by itself.
    fn keyring_died(&mut self) -> Option<String> {
        if self.stopped {
            return None;
        }
        let status = self.keyring.try_wait().ok().flatten()?;
        let log_path = self
            .home
            .path()
            .join(format!("keyring-{}.log", self.generation));
        let log = std::fs::read(log_path).unwrap_or_default();
        let tail = String::from_utf8_lossy(&log[log.len().saturating_sub(2000)..]);
        Some(format!("{status}; its log ends:\n{tail}"))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.stop();
    }
}

const BUS_CONFIG: &str = r#"<busconfig>
  <type>session</type>
  <listen>LISTEN</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#;

fn start_keyring(home: &Path, address: &str, generation: u32) -> Child {
    let log =
        std::fs::File::create(home.join(format!("keyring-{generation}.log"))).expect("keyring log");
    let mut keyring = Command::new("gnome-keyring-daemon")
        .args(["--foreground", "--unlock", "--components=secrets"])
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join(format!("data-{generation}")))
        .env("XDG_RUNTIME_DIR", home)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("gnome-keyring-daemon (apt package gnome-keyring) must be installed");
    // The login keyring's password, then end of input.
    let mut stdin = keyring.stdin.take().expect("stdin");
    stdin
        .write_all(b"keyring-test-password")
        .expect("unlock password");
    drop(stdin);
    keyring
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

/// gnome-keyring-daemon itself once died in the middle of this test on a loaded CI machine
/// ("recipient disconnected from message bus without replying"). A daemon that exits on its
/// own is not the store's fault, so that case alone gets one fresh daemon; any failure while
/// the daemon lives, or a second death, fails the test with the daemon's log.
#[test]
fn keychain_stores_lists_and_forgets_through_a_real_secret_service() {
    let mut session = Session::start();
    for attempt in 1..=2 {
        let run = std::panic::catch_unwind(AssertUnwindSafe(|| scenario(&mut session)));
        let Err(panic) = run else { return };
        match session.keyring_died() {
            Some(how) if attempt == 1 => {
                eprintln!("gnome-keyring-daemon exited during the test ({how}); once more with a fresh one");
                session.replace_keyring();
            }
            Some(how) => {
                eprintln!("gnome-keyring-daemon exited again ({how})");
                std::panic::resume_unwind(panic);
            }
            None => std::panic::resume_unwind(panic),
        }
    }
}

fn scenario(session: &mut Session) {
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
    session.stop();
    let gone = KeychainStore::new("dev.sluice.app.test");
    match gone.get("oauth/demo/refresh") {
        Err(e @ VaultError::Keychain(_)) => assert!(e.recovery().contains("keychain")),
        other => panic!("expected a keychain error, got {other:?}"),
    }
}
