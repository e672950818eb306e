//! Provider configuration: discovery, explicit endpoints, and what is refused.

use sluice_auth::{resolve, AuthError, ProviderConfig};
use sluice_testkit::oauth::{OAuthConfig, OAuthServer};

#[tokio::test]
async fn discovery_and_explicit_endpoints_resolve_alike() {
    let server = OAuthServer::start(OAuthConfig::default())
        .await
        .expect("fixture");
    let http = reqwest::Client::new();
    let issuer = server.issuer();
    let discovered = resolve(
        &http,
        &ProviderConfig {
            issuer: Some(format!("{issuer}/")),
            client_id: "sluice-test".into(),
            ..ProviderConfig::default()
        },
    )
    .await
    .expect("discovery");
    assert_eq!(discovered.token.as_str(), format!("{issuer}/token"));
    assert_eq!(
        discovered.revocation.as_ref().map(|u| u.to_string()),
        Some(format!("{issuer}/revoke"))
    );
    let explicit = resolve(
        &http,
        &ProviderConfig {
            authorization_endpoint: Some(format!("{issuer}/authorize")),
            token_endpoint: Some(format!("{issuer}/token")),
            revocation_endpoint: Some(format!("{issuer}/revoke")),
            client_id: "sluice-test".into(),
            ..ProviderConfig::default()
        },
    )
    .await
    .expect("explicit");
    assert_eq!(
        (explicit.authorization, explicit.token),
        (discovered.authorization, discovered.token)
    );
}

#[tokio::test]
async fn bad_configurations_are_refused() {
    let server = OAuthServer::start(OAuthConfig::default())
        .await
        .expect("fixture");
    let http = reqwest::Client::new();
    let port = server.issuer().rsplit(':').next().expect("port").to_owned();
    let cases = [
        // The document names 127.0.0.1, not localhost: an issuer mismatch.
        (
            Some(format!("http://localhost:{port}")),
            None,
            "sluice-test",
        ),
        (
            None,
            Some("http://auth.example/token".to_owned()),
            "sluice-test",
        ),
        (Some(server.issuer()), None, " "),
        (Some("http://127.0.0.1:1".to_owned()), None, "sluice-test"),
    ];
    for (issuer, token, client_id) in cases {
        let config = ProviderConfig {
            issuer: issuer.clone(),
            authorization_endpoint: token
                .as_ref()
                .map(|_| "https://auth.example/authorize".to_owned()),
            token_endpoint: token.clone(),
            client_id: client_id.into(),
            ..ProviderConfig::default()
        };
        let err = resolve(&http, &config).await.expect_err("refused");
        assert!(
            matches!(
                err,
                AuthError::Discovery(_) | AuthError::InvalidConfig(_) | AuthError::Network(_)
            ),
            "{issuer:?} {token:?}: {err:?}"
        );
    }
}
