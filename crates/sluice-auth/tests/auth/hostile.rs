//! Hostile callbacks, table-driven: each is refused with its reason, none reaches the token
//! endpoint, and the pending sign-in still completes afterwards.

use sluice_auth::{AuthError, CallbackError, MAX_CALLBACK_LEN};

use crate::common::{follow, rig, with_param};

const CB: &str = "dev.sluice.app:/oauth/callback";
const S: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

#[tokio::test]
async fn hostile_callbacks_are_refused_with_a_reason() {
    let r = rig().await;
    let good = follow(&r.signin.begin().expect("begin").url).await;
    let real_state = url::Url::parse(&good)
        .expect("url")
        .query_pairs()
        .find(|(n, _)| n == "state")
        .map(|(_, v)| v.into_owned())
        .expect("state");
    let long = "a".repeat(MAX_CALLBACK_LEN);
    let long_param = "a".repeat(3000);
    type Check = fn(&CallbackError) -> bool;
    let table: Vec<(String, Check)> = vec![
        (
            format!("https://evil.example/oauth/callback?code=a&state={S}"),
            |e| matches!(e, CallbackError::UnexpectedTarget(_)),
        ),
        (format!("dev.sluice.app:/other?code=a&state={S}"), |e| {
            matches!(e, CallbackError::UnexpectedTarget(_))
        }),
        (
            format!("dev.sluice.app://evil/oauth/callback?code=a&state={S}"),
            |e| matches!(e, CallbackError::UnexpectedTarget(_)),
        ),
        (format!("other.app:/oauth/callback?code=a&state={S}"), |e| {
            matches!(e, CallbackError::UnexpectedTarget(_))
        }),
        (
            format!("http://u:p@127.0.0.1/oauth/callback?code=a&state={S}"),
            |e| matches!(e, CallbackError::UnexpectedTarget(_)),
        ),
        (format!("{CB}?code={long}&state={S}"), |e| {
            matches!(e, CallbackError::TooLong { .. })
        }),
        (
            format!("{CB}?code={long_param}&state={S}"),
            |e| matches!(e, CallbackError::ParameterTooLong(p) if p == "code"),
        ),
        (
            format!("{CB}?code=a&state={S}&state={S}"),
            |e| matches!(e, CallbackError::DuplicateParameter(p) if p == "state"),
        ),
        (
            format!("{CB}?code=a&code=b&state={S}"),
            |e| matches!(e, CallbackError::DuplicateParameter(p) if p == "code"),
        ),
        (
            format!("{CB}?code=a%0A&state={S}"),
            |e| matches!(e, CallbackError::BadCharacters(p) if p == "code"),
        ),
        (
            format!("{CB}?code=a&state=%3Cscript%3E"),
            |e| matches!(e, CallbackError::BadCharacters(p) if p == "state"),
        ),
        (format!("{CB}?code=a&state=%FF%FE"), |e| {
            matches!(e, CallbackError::BadCharacters(_))
        }),
        (format!("{CB}?code=a"), |e| {
            matches!(e, CallbackError::MissingState)
        }),
        (format!("{CB}?code=a&state="), |e| {
            matches!(e, CallbackError::MissingState)
        }),
        (format!("{CB}?state={S}"), |e| {
            matches!(e, CallbackError::MissingCode)
        }),
        (format!("{CB}?code=&state={S}"), |e| {
            matches!(e, CallbackError::MissingCode)
        }),
        (format!("{CB}?code=a&state={S}"), |e| {
            matches!(e, CallbackError::UnknownState)
        }),
        (format!("{CB}?error=access_denied&state={S}"), |e| {
            matches!(e, CallbackError::UnknownState)
        }),
        (format!("{CB}?code=a&state={S}#x"), |e| {
            matches!(e, CallbackError::Malformed(_))
        }),
        ("not a url".to_owned(), |e| {
            matches!(e, CallbackError::Malformed(_))
        }),
        ("dev.sluice.app:/oauth/call\u{0}back".to_owned(), |e| {
            matches!(e, CallbackError::Malformed(_))
        }),
        (String::new(), |e| matches!(e, CallbackError::Malformed(_))),
        (
            format!("http://127.0.0.1:1/oauth/callback?code=a&state={real_state}"),
            |e| matches!(e, CallbackError::UnexpectedTarget(_)),
        ),
    ];
    for (raw, check) in &table {
        match r.signin.complete(raw).await {
            Err(AuthError::Callback(e)) if check(&e) => {}
            other => panic!(
                "{}: unexpected {other:?}",
                raw.chars().take(100).collect::<String>()
            ),
        }
    }
    let seen = r.server.state();
    assert_eq!(
        (seen.exchanges, seen.refusals.len()),
        (0, 0),
        "nothing reached the token endpoint"
    );
    assert!(
        r.signin.status().borrow().pending,
        "the real sign-in is still pending"
    );
    // A lookalike with the real state but an extra path segment does not consume it either.
    let lookalike = good.replace("/oauth/callback", "/oauth/callback/x");
    assert!(r.signin.complete(&lookalike).await.is_err());
    r.signin
        .complete(&good)
        .await
        .expect("the genuine callback still signs in");
    let again = r
        .signin
        .complete(&with_param(&good, "code", "other"))
        .await
        .expect_err("replay");
    assert_eq!(again, AuthError::Callback(CallbackError::ReplayedState));
}
