//! Saved profiles: the form's input validated field by field, the file never holding a
//! secret, edits keeping secrets, a broken file set aside, and a saved profile connecting
//! to a server that demands its password.

use std::sync::Arc;

use sluice_nats::{NatsConnection, ProfileStore, SecretKeeper, SessionSecrets};
use sluice_testkit::nats::{Auth, NatsOptions, NatsServer};
use sluice_wire::{NatsAuthKind, NatsConnStatus, NatsProfileInput};

fn input(name: &str, servers: &[&str]) -> NatsProfileInput {
    NatsProfileInput {
        name: name.into(),
        servers: servers.iter().map(|s| (*s).to_owned()).collect(),
        ..NatsProfileInput::default()
    }
}

fn store(dir: &tempfile::TempDir, keeper: &Arc<SessionSecrets>) -> ProfileStore {
    let keeper: Arc<dyn SecretKeeper> = keeper.clone();
    ProfileStore::open(dir.path().join("nats-profiles.json"), keeper)
}

#[tokio::test]
async fn saved_profile_with_password_connects_and_file_has_no_secret() {
    let server = NatsServer::with_options(NatsOptions {
        auth: Auth::UserPassword {
            user: "ops".into(),
            password: "s3cret-pw".into(),
        },
        ..NatsOptions::default()
    })
    .await
    .expect("server starts");
    let dir = tempfile::tempdir().expect("tempdir");
    let keeper = Arc::new(SessionSecrets::default());
    let profiles = store(&dir, &keeper);
    let mut rx = profiles.subscribe();
    let url = server.url();
    let saved = profiles
        .save(&NatsProfileInput {
            auth: Some(NatsAuthKind::UserPassword),
            user: Some("ops".into()),
            secret: Some("s3cret-pw".into()),
            js_domain: None,
            ..input("prod", &[url.as_str()])
        })
        .expect("saves");
    assert_eq!(saved.id, "saved:prod");
    assert!(rx.has_changed().expect("open"));
    assert_eq!(rx.borrow_and_update().len(), 1);

    let text = std::fs::read_to_string(profiles.path()).expect("file written");
    assert!(!text.contains("s3cret-pw"), "{text}");
    assert!(text.contains("\"ops\""), "{text}");

    let conn = NatsConnection::connect(
        profiles
            .get("saved:prod")
            .expect("keeper answers")
            .expect("listed"),
    )
    .await
    .expect("connects with the stored password");
    assert_eq!(conn.current_state().status, NatsConnStatus::Connected);
    conn.close().await;
    assert_eq!(conn.current_state().status, NatsConnStatus::Closed);

    // Editing without re-entering the password keeps it; renaming changes the id.
    let edited = profiles
        .save(&NatsProfileInput {
            original_id: Some("saved:prod".into()),
            auth: Some(NatsAuthKind::UserPassword),
            user: Some("ops".into()),
            description: Some("renamed".into()),
            ..input("production", &[url.as_str()])
        })
        .expect("edits");
    assert_eq!(edited.id, "saved:production");
    assert!(edited.view().has_secret);
    assert!(profiles
        .get("saved:prod")
        .expect("keeper answers")
        .is_none());
    assert!(
        keeper.get("nats/prod/password").expect("keeper").is_none(),
        "old name's secret moved"
    );
    let ready = profiles
        .get("saved:production")
        .expect("keeper answers")
        .expect("listed");
    NatsConnection::connect(ready)
        .await
        .expect("still connects");

    // Editing with a new wrong password replaces it: the server now refuses.
    profiles
        .save(&NatsProfileInput {
            original_id: Some("saved:production".into()),
            auth: Some(NatsAuthKind::UserPassword),
            user: Some("ops".into()),
            secret: Some("wrong".into()),
            ..input("production", &[url.as_str()])
        })
        .expect("edits");
    let wrong = profiles
        .get("saved:production")
        .expect("keeper")
        .expect("listed");
    let err = NatsConnection::connect(wrong).await.err().expect("refused");
    assert!(err.to_string().contains("refused the credentials"), "{err}");
    profiles
        .save(&NatsProfileInput {
            original_id: Some("saved:production".into()),
            auth: Some(NatsAuthKind::UserPassword),
            user: Some("ops".into()),
            secret: Some("s3cret-pw".into()),
            description: Some("renamed".into()),
            ..input("production", &[url.as_str()])
        })
        .expect("edits back");

    // A restart with the same keeper reads the secret back; a fresh keeper says it is gone.
    let again = store(&dir, &keeper);
    let p = again
        .get("saved:production")
        .expect("keeper")
        .expect("kept");
    assert_eq!(p.view().description.as_deref(), Some("renamed"));
    NatsConnection::connect(p)
        .await
        .expect("connects after a restart");
    let fresh = store(&dir, &Arc::new(SessionSecrets::default()));
    let gone = fresh.get("saved:production").expect_err("secret missing");
    assert!(gone.to_string().contains("not stored any more"), "{gone}");

    again.delete("saved:production").expect("deletes");
    assert!(again.list().is_empty());
    assert!(keeper
        .get("nats/production/password")
        .expect("keeper")
        .is_none());
    assert!(again.delete("saved:production").is_err());
}

#[test]
fn bad_input_is_refused_field_by_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profiles = store(&dir, &Arc::new(SessionSecrets::default()));
    let err = |i: NatsProfileInput| match profiles.save(&i) {
        Ok(p) => panic!("saved {p:?}"),
        Err(e) => e.to_string(),
    };
    assert!(err(input("", &["nats://a:4222"])).contains("name: give the profile a name"));
    assert!(err(input("x", &[])).contains("servers: give at least one server URL"));
    assert!(err(input("x", &["nats://a:99999"])).contains("port must be a number"));
    assert!(err(input("x", &["http://a:4222"])).contains("scheme must be"));
    assert!(err(input("x", &["nats://:4222"])).contains("has no host"));
    let m = err(NatsProfileInput {
        auth: Some(NatsAuthKind::UserPassword),
        ..input("x", &["a:4222"])
    });
    assert!(
        m.contains("user: enter the user name") && m.contains("secret: enter the password"),
        "{m}"
    );
    let m = err(NatsProfileInput {
        auth: Some(NatsAuthKind::Nkey),
        secret: Some("SUnot-a-seed".into()),
        ..input("x", &["a:4222"])
    });
    assert!(m.contains("not a valid NKey user seed"), "{m}");
    let m = err(NatsProfileInput {
        auth: Some(NatsAuthKind::CredsFile),
        secret_file: Some("/nonexistent/user.creds".into()),
        ..input("x", &["a:4222"])
    });
    assert!(
        m.contains("secretFile: the creds file /nonexistent/user.creds"),
        "{m}"
    );
    let m = err(NatsProfileInput {
        auth: Some(NatsAuthKind::Jwt),
        secret: Some("not-a-jwt".into()),
        ..input("x", &["a:4222"])
    });
    assert!(
        m.contains("not a JWT") && m.contains("seed: enter the NKey seed"),
        "{m}"
    );
    let m = err(NatsProfileInput {
        tls_cert: Some(dir.path().display().to_string()),
        js_domain: Some("a.b".into()),
        ..input("x", &["a:4222"])
    });
    assert!(
        m.contains("is not a file") && m.contains("needs its key"),
        "{m}"
    );
    assert!(m.contains("jsDomain"), "{m}");

    // A valid NKey seed and two servers in one comma-separated field are fine.
    let seed = nkeys::KeyPair::new_user().seed().expect("seed");
    let p = profiles
        .save(&NatsProfileInput {
            auth: Some(NatsAuthKind::Nkey),
            secret: Some(seed.clone()),
            tls_first: true,
            js_domain: Some("hub".into()),
            ..input("edge", &["nats://a:4222, tls://b:4443"])
        })
        .expect("saves");
    assert_eq!(p.servers, vec!["nats://a:4222", "tls://b:4443"]);
    assert!(p.tls.tls_first);
    let text = std::fs::read_to_string(profiles.path()).expect("file");
    assert!(!text.contains(&seed));
    // Names are unique.
    assert!(err(input("edge", &["a:1"])).contains("a profile named \"edge\" exists"));
}

#[test]
fn broken_file_is_set_aside_not_lost() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nats-profiles.json");
    for hostile in [
        "{not json",
        "[1,2,3]",
        "{\"version\":1,\"profiles\":[{\"name\":7}]}",
    ] {
        std::fs::write(&path, hostile).expect("write");
        let s = store(&dir, &Arc::new(SessionSecrets::default()));
        assert!(s.list().is_empty());
        assert!(
            s.problem().is_some_and(|p| p.contains("moved to")),
            "{:?}",
            s.problem()
        );
        let aside = std::fs::read_to_string(dir.path().join("nats-profiles.json.broken"))
            .expect("kept aside");
        assert_eq!(aside, hostile);
    }
}

/// A keeper that refuses everything, as a locked vault does.
struct Locked;

impl SecretKeeper for Locked {
    fn get(&self, _: &str) -> sluice_nats::Result<Option<String>> {
        Err(sluice_nats::NatsError::Other("the vault is locked".into()))
    }
    fn set(&self, _: &str, _: &str) -> sluice_nats::Result<()> {
        Err(sluice_nats::NatsError::Other("the vault is locked".into()))
    }
    fn remove(&self, _: &str) -> sluice_nats::Result<()> {
        Err(sluice_nats::NatsError::Other("the vault is locked".into()))
    }
    fn persistent(&self) -> bool {
        true
    }
}

#[test]
fn a_locked_vault_changes_nothing_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let profiles = ProfileStore::open(dir.path().join("p.json"), Arc::new(Locked));
    let err = profiles
        .save(&NatsProfileInput {
            auth: Some(NatsAuthKind::Token),
            secret: Some("tok".into()),
            ..input("t", &["a:4222"])
        })
        .expect_err("refused");
    assert!(err.to_string().contains("locked"), "{err}");
    assert!(profiles.list().is_empty());
    assert!(!dir.path().join("p.json").exists());
    // Profiles without secrets do not need the vault.
    profiles.save(&input("open", &["a:4222"])).expect("saves");
    assert!(profiles
        .get("saved:open")
        .expect("no vault needed")
        .is_some());
    // Names with characters vault names do not allow are encoded, not refused.
    assert_eq!(
        sluice_nats::secret_key("prod eu", "token"),
        "nats/x-70726f64206575/token"
    );
    assert_eq!(
        sluice_nats::secret_key("prod-eu.1", "token"),
        "nats/prod-eu.1/token"
    );
}
