//! The loopback redirect: a one-shot listener on 127.0.0.1 receives the browser's redirect.

use std::time::Duration;

use sluice_auth::{AuthError, CallbackError};

use crate::common::{follow, rig};

#[tokio::test]
async fn the_loopback_redirect_signs_in_end_to_end() {
    let r = rig().await;
    let (req, listener) = r.signin.begin_loopback().await.expect("bind");
    assert!(
        req.redirect_uri.starts_with("http://127.0.0.1:"),
        "{}",
        req.redirect_uri
    );
    let base = req
        .redirect_uri
        .trim_end_matches("/oauth/callback")
        .to_owned();
    let waiting = tokio::spawn(listener.accept_callback(Duration::from_secs(20)));
    // A stray request (the browser's favicon) is answered 404 and does not end the wait.
    let stray = reqwest::get(format!("{base}/favicon.ico"))
        .await
        .expect("stray");
    assert_eq!(stray.status().as_u16(), 404);
    // The browser follows the authorization page's redirect to the listener.
    let callback = follow(&req.url).await;
    assert!(callback.starts_with(&req.redirect_uri), "{callback}");
    let page = reqwest::get(&callback).await.expect("callback page");
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.expect("body").contains("close this tab"));
    let received = waiting.await.expect("task").expect("callback received");
    assert_eq!(received, callback);
    r.signin.complete(&received).await.expect("signed in");
    assert!(r.signin.bearer().is_some());
    // The listener is gone after one callback.
    assert!(
        reqwest::get(&callback).await.is_err(),
        "the port no longer answers"
    );
}

#[tokio::test]
async fn a_loopback_callback_cannot_complete_a_custom_scheme_flow() {
    let r = rig().await;
    let custom = r.signin.begin().expect("begin");
    let (_loop_req, listener) = r.signin.begin_loopback().await.expect("bind");
    let forged = format!("{}?code=x&state={}", listener.redirect_uri, custom.state);
    let err = r.signin.complete(&forged).await.expect_err("mismatch");
    assert_eq!(err, AuthError::Callback(CallbackError::RedirectMismatch));
    assert_eq!(r.server.state().exchanges, 0);
}
