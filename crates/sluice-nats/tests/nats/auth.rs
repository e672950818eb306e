//! Every auth kind and TLS against a server configured for it, and clear errors for the
//! usual mistakes.

use sluice_nats::{NatsAuth, NatsConnection, NatsError, NatsProfile, TlsSettings};
use sluice_testkit::nats::{
    server_binary, server_version, Auth, NatsOptions, NatsServer, Operator, TestCerts,
};
use sluice_wire::{ErrorCode, IpcError, NatsConnStatus};

use crate::common::profile;

async fn start(auth: Auth) -> NatsServer {
    NatsServer::with_options(NatsOptions {
        auth,
        ..NatsOptions::default()
    })
    .await
    .expect("server starts")
}

async fn connects(p: NatsProfile) -> NatsConnection {
    let conn = NatsConnection::connect(p).await.expect("connects");
    assert_eq!(conn.current_state().status, NatsConnStatus::Connected);
    // Prove the session works, JetStream included.
    sluice_nats::poll_once(&conn, 1, false).await;
    conn
}

#[tokio::test]
async fn token_user_password_and_nkey() {
    let s = start(Auth::Token("t0ken".into())).await;
    connects(profile(vec![s.url()]).with_auth(NatsAuth::Token {
        token: "t0ken".into(),
    }))
    .await;

    let s = start(Auth::UserPassword {
        user: "ops".into(),
        password: "pw".into(),
    })
    .await;
    connects(profile(vec![s.url()]).with_auth(NatsAuth::UserPassword {
        user: "ops".into(),
        password: "pw".into(),
    }))
    .await;

    let kp = nkeys::KeyPair::new_user();
    let seed = kp.seed().expect("seed");
    let s = start(Auth::Nkey(kp.public_key())).await;
    connects(profile(vec![s.url()]).with_auth(NatsAuth::NkeySeed {
        seed: seed.as_str().into(),
    }))
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let seed_file = dir.path().join("user.nk");
    std::fs::write(&seed_file, &seed).expect("write seed");
    connects(profile(vec![s.url()]).with_auth(NatsAuth::NkeyFile { path: seed_file })).await;
}

#[tokio::test]
async fn creds_file_and_jwt() {
    let op = Operator::generate().expect("operator");
    let s = start(Auth::Operator(Box::new(op.clone()))).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let creds = dir.path().join("user.creds");
    std::fs::write(&creds, op.creds()).expect("write creds");
    connects(profile(vec![s.url()]).with_auth(NatsAuth::CredsFile { path: creds })).await;
    connects(profile(vec![s.url()]).with_auth(NatsAuth::Jwt {
        jwt: op.user_jwt().into(),
        seed: op.user_seed().into(),
    }))
    .await;
}

#[tokio::test]
async fn bad_creds_file_wrong_password_and_unreachable_are_clear() {
    let dir = tempfile::tempdir().expect("tempdir");
    let garbage = dir.path().join("broken.creds");
    std::fs::write(&garbage, "this is not a creds file").expect("write");
    let s = start(Auth::UserPassword {
        user: "ops".into(),
        password: "right".into(),
    })
    .await;

    let err = NatsConnection::connect(profile(vec![s.url()]).with_auth(NatsAuth::CredsFile {
        path: garbage.clone(),
    }))
    .await
    .err()
    .expect("garbage creds fail");
    assert!(matches!(err, NatsError::BadCredsFile { .. }), "{err}");
    let ipc = IpcError::from(err);
    assert_eq!(ipc.code, ErrorCode::InvalidInput);
    assert!(ipc.message.contains("broken.creds"), "{}", ipc.message);

    let missing = dir.path().join("missing.creds");
    let err = NatsConnection::connect(
        profile(vec![s.url()]).with_auth(NatsAuth::CredsFile { path: missing }),
    )
    .await
    .err()
    .expect("missing creds fail");
    assert!(err.to_string().contains("missing.creds"), "{err}");

    let err = NatsConnection::connect(profile(vec![s.url()]).with_auth(NatsAuth::UserPassword {
        user: "ops".into(),
        password: "wrong".into(),
    }))
    .await
    .err()
    .expect("wrong password fails");
    let ipc = IpcError::from(err);
    assert_eq!(ipc.code, ErrorCode::Unauthorized, "{}", ipc.message);
    assert!(
        ipc.message.contains("refused the credentials"),
        "{}",
        ipc.message
    );

    let port = sluice_testkit::net::free_port().expect("port");
    let url = format!("nats://127.0.0.1:{port}");
    let err = NatsConnection::connect(profile(vec![url.clone()]))
        .await
        .err()
        .expect("unreachable");
    let ipc = IpcError::from(err);
    assert_eq!(ipc.code, ErrorCode::Unavailable, "{}", ipc.message);
    assert!(
        ipc.message.contains(&format!("cannot reach {url}")),
        "{}",
        ipc.message
    );
}

#[tokio::test]
async fn tls_with_ca_client_cert_and_tls_first() {
    let certs = TestCerts::generate().expect("certs");
    let s = NatsServer::with_options(NatsOptions {
        tls: Some(certs.clone()),
        verify_clients: true,
        ..NatsOptions::default()
    })
    .await
    .expect("tls server");
    let tls = TlsSettings {
        ca: Some(certs.ca.clone()),
        cert: Some(certs.client_cert.clone()),
        key: Some(certs.client_key.clone()),
        ..TlsSettings::default()
    };
    connects(profile(vec![s.url()]).with_tls(tls.clone())).await;

    // Without the client certificate the server refuses the handshake.
    let no_cert = TlsSettings {
        cert: None,
        key: None,
        ..tls.clone()
    };
    assert!(
        NatsConnection::connect(profile(vec![s.url()]).with_tls(no_cert))
            .await
            .is_err()
    );

    // TLS-first needs a 2.10.4+ server.
    let version = server_version(&server_binary()).await.expect("version");
    if version >= (2, 10, 4) {
        let s = NatsServer::with_options(NatsOptions {
            tls: Some(certs.clone()),
            verify_clients: true,
            tls_first: true,
            ..NatsOptions::default()
        })
        .await
        .expect("tls-first server");
        connects(profile(vec![s.url()]).with_tls(TlsSettings {
            tls_first: true,
            ..tls
        }))
        .await;
    } else {
        eprintln!("skipping TLS-first: server {version:?} predates it");
    }
}
