//! Refresh before expiry, sign-out, and a refresh the provider rejects.

use std::time::Duration;

use sluice_auth::{revoke, AuthError, Options, TokenStore};
use sluice_testkit::oauth::OAuthConfig;

use crate::common::{follow, rig, rig_with, wait_for};

#[tokio::test]
async fn tokens_refresh_before_they_expire() {
    let config = OAuthConfig {
        token_lifetime: Duration::from_secs(3),
        ..OAuthConfig::default()
    };
    let options = Options {
        refresh_margin: Duration::from_secs(2),
        ..Options::default()
    };
    let r = rig_with(config, options).await;
    let refresher = r.signin.spawn_refresher();
    r.signin
        .complete(&follow(&r.signin.begin().expect("begin").url).await)
        .await
        .expect("sign in");
    let first = r.signin.bearer().expect("bearer");
    wait_for(&r.signin, "a refresh", |s| s.refreshes >= 1).await;
    let seen = r.server.state();
    assert!(!seen.refreshes.is_empty());
    assert!(
        seen.refreshes[0].before_expiry,
        "the refresh arrived while the old token was valid"
    );
    let second = r.signin.bearer().expect("bearer after refresh");
    assert_ne!(first, second);
    assert!(seen.access_token_active(&second));
    refresher.abort();
}

#[tokio::test]
async fn signing_out_forgets_and_revokes() {
    let r = rig().await;
    r.signin
        .complete(&follow(&r.signin.begin().expect("begin").url).await)
        .await
        .expect("sign in");
    let bearer = r.signin.bearer().expect("bearer");
    r.signin.sign_out().await.expect("sign out");
    assert!(r.signin.bearer().is_none());
    assert!(
        r.store.load().expect("load").is_none(),
        "the store forgot them"
    );
    let status = r.signin.status().borrow().clone();
    assert!(
        !status.signed_in && status.masked_token.is_none(),
        "{status:?}"
    );
    let seen = r.server.state();
    assert_eq!(seen.revoked.len(), 2, "refresh and access token revoked");
    assert!(!seen.access_token_active(&bearer));
    assert_eq!(r.signin.refresh().await, Err(AuthError::NotSignedIn));
}

#[tokio::test]
async fn a_rejected_refresh_signs_out() {
    let r = rig().await;
    r.signin
        .complete(&follow(&r.signin.begin().expect("begin").url).await)
        .await
        .expect("sign in");
    let tokens = r.store.load().expect("load").expect("tokens");
    let endpoints = r.signin.endpoints().expect("endpoints");
    let refresh_token = tokens.refresh_token.expect("refresh token");
    revoke(r.signin.http(), &endpoints, &refresh_token, "refresh_token")
        .await
        .expect("revoke");
    let err = r.signin.refresh().await.expect_err("rejected");
    assert!(err.is_grant_rejected(), "{err:?}");
    assert!(r.signin.bearer().is_none());
    assert!(!r.signin.status().borrow().signed_in);
}
