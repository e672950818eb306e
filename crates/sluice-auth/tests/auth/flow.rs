//! The authorization code flow end to end, and every way it must be refused.

use std::time::Duration;

use sluice_auth::{authorize_url, exchange_code, AuthError, CallbackError, Options, Pkce};
use sluice_testkit::oauth::OAuthConfig;

use crate::common::{follow, rig, rig_with, with_param};

#[tokio::test]
async fn a_good_callback_signs_in() {
    let r = rig().await;
    let req = r.signin.begin().expect("begin");
    assert!(
        req.url.contains("code_challenge_method=S256"),
        "{}",
        req.url
    );
    assert!(r.signin.status().borrow().pending);
    let callback = follow(&req.url).await;
    assert!(
        callback.starts_with("dev.sluice.app:/oauth/callback?"),
        "{callback}"
    );
    r.signin.complete(&callback).await.expect("signed in");
    let status = r.signin.status().borrow().clone();
    assert!(status.signed_in && !status.pending, "{status:?}");
    let bearer = r.signin.bearer().expect("a bearer token");
    assert!(r.server.state().access_token_active(&bearer));
    let masked = status.masked_token.expect("masked");
    assert!(!masked.contains(&bearer) && masked.len() < bearer.len());
    assert!(
        sluice_auth::TokenStore::load(r.store.as_ref())
            .expect("load")
            .is_some(),
        "tokens stored"
    );
}

#[tokio::test]
async fn a_wrong_state_is_refused_and_the_flow_survives() {
    let r = rig().await;
    let callback = follow(&r.signin.begin().expect("begin").url).await;
    let forged = with_param(
        &callback,
        "state",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    );
    let err = r.signin.complete(&forged).await.expect_err("refused");
    assert_eq!(err, AuthError::Callback(CallbackError::UnknownState));
    assert_eq!(r.server.state().exchanges, 0, "no code exchange happened");
    assert!(r.signin.bearer().is_none());
    r.signin
        .complete(&callback)
        .await
        .expect("the real callback still works");
}

#[tokio::test]
async fn a_missing_state_is_refused() {
    let r = rig().await;
    let callback = follow(&r.signin.begin().expect("begin").url).await;
    let mut u = url::Url::parse(&callback).expect("url");
    let code: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(n, _)| n == "code")
        .map(|(n, v)| (n.into(), v.into()))
        .collect();
    u.query_pairs_mut().clear().extend_pairs(code);
    let err = r.signin.complete(u.as_str()).await.expect_err("refused");
    assert_eq!(err, AuthError::Callback(CallbackError::MissingState));
    assert_eq!(r.server.state().exchanges, 0);
}

#[tokio::test]
async fn a_replayed_callback_is_refused() {
    let r = rig().await;
    let callback = follow(&r.signin.begin().expect("begin").url).await;
    r.signin.complete(&callback).await.expect("first use");
    let err = r.signin.complete(&callback).await.expect_err("second use");
    assert_eq!(err, AuthError::Callback(CallbackError::ReplayedState));
    assert_eq!(r.server.state().exchanges, 1, "exchanged exactly once");
}

#[tokio::test]
async fn a_reused_code_is_refused_by_the_server() {
    let r = rig().await;
    let first = follow(&r.signin.begin().expect("begin").url).await;
    r.signin.complete(&first).await.expect("first sign-in");
    let old_code = url::Url::parse(&first)
        .expect("url")
        .query_pairs()
        .find(|(n, _)| n == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    let second = follow(&r.signin.begin().expect("begin").url).await;
    let err = r
        .signin
        .complete(&with_param(&second, "code", &old_code))
        .await
        .expect_err("reuse");
    assert!(err.is_grant_rejected(), "{err:?}");
    assert!(r
        .server
        .state()
        .refusals
        .iter()
        .any(|x| x.contains("unknown or used code")));
    assert_eq!(r.server.state().exchanges, 1);
}

#[tokio::test]
async fn an_expired_flow_is_refused() {
    let options = Options {
        flow_ttl: Duration::from_millis(50),
        ..Options::default()
    };
    let r = rig_with(OAuthConfig::default(), options).await;
    let callback = follow(&r.signin.begin().expect("begin").url).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let err = r.signin.complete(&callback).await.expect_err("expired");
    assert_eq!(err, AuthError::Callback(CallbackError::Expired));
    assert_eq!(r.server.state().exchanges, 0);
    // Expired states count as used: the same link again is a replay.
    let again = r.signin.complete(&callback).await.expect_err("replay");
    assert_eq!(again, AuthError::Callback(CallbackError::ReplayedState));
}

#[tokio::test]
async fn a_tampered_pkce_verifier_is_refused() {
    let r = rig().await;
    let endpoints = r.signin.endpoints().expect("configured");
    let redirect = sluice_auth::CUSTOM_REDIRECT;
    let code_for = |pkce: &Pkce| {
        let url = authorize_url(&endpoints, redirect, "s1", &pkce.challenge).to_string();
        async move {
            let cb = follow(&url).await;
            url::Url::parse(&cb)
                .expect("url")
                .query_pairs()
                .find(|(n, _)| n == "code")
                .map(|(_, v)| v.into_owned())
                .expect("code")
        }
    };
    let pkce = Pkce::generate().expect("pkce");
    let code = code_for(&pkce).await;
    let mut tampered = pkce.verifier.clone();
    let last = if tampered.ends_with('A') { "B" } else { "A" };
    tampered.replace_range(tampered.len() - 1.., last);
    let err = exchange_code(r.signin.http(), &endpoints, &code, &tampered, redirect)
        .await
        .expect_err("tampered verifier");
    assert!(err.is_grant_rejected(), "{err:?}");
    assert!(r.server.state().refusals.iter().any(|x| x.contains("PKCE")));
    // The untampered verifier on a fresh code is accepted, so the refusal was the tampering.
    let pkce = Pkce::generate().expect("pkce");
    let code = code_for(&pkce).await;
    exchange_code(r.signin.http(), &endpoints, &code, &pkce.verifier, redirect)
        .await
        .expect("genuine verifier");
}

#[tokio::test]
async fn a_denial_from_the_provider_is_reported() {
    let r = rig().await;
    r.server.configure(|c| c.deny = true);
    let callback = follow(&r.signin.begin().expect("begin").url).await;
    let err = r.signin.complete(&callback).await.expect_err("denied");
    assert!(
        matches!(err, AuthError::Callback(CallbackError::Provider { ref error, .. }) if error == "access_denied"),
        "{err:?}"
    );
    assert!(r.signin.bearer().is_none());
    assert!(r.signin.status().borrow().last_error.is_some());
}
