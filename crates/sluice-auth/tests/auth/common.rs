use std::sync::Arc;
use std::time::Duration;

use sluice_auth::{MemoryTokenStore, Options, ProviderConfig, SignIn, TokenStore};
use sluice_testkit::oauth::{OAuthConfig, OAuthServer};

pub struct Rig {
    pub server: OAuthServer,
    pub signin: Arc<SignIn>,
    pub store: Arc<MemoryTokenStore>,
}

pub fn provider(server: &OAuthServer) -> ProviderConfig {
    ProviderConfig {
        issuer: Some(server.issuer()),
        client_id: "sluice-test".into(),
        scopes: vec!["openid".into(), "profile".into()],
        ..ProviderConfig::default()
    }
}

pub async fn rig_with(config: OAuthConfig, options: Options) -> Rig {
    let server = OAuthServer::start(config).await.expect("fixture starts");
    let store = Arc::new(MemoryTokenStore::default());
    let signin = SignIn::new(store.clone() as Arc<dyn TokenStore>, options).expect("client");
    signin
        .configure(&provider(&server))
        .await
        .expect("discovery");
    Rig {
        server,
        signin,
        store,
    }
}

pub async fn rig() -> Rig {
    rig_with(OAuthConfig::default(), Options::default()).await
}

/// What a browser does with the authorization URL: the fixture approves at once and
/// redirects; the `Location` is the callback.
pub async fn follow(url: &str) -> String {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let resp = http.get(url).send().await.expect("authorize");
    assert_eq!(resp.status().as_u16(), 302, "authorize redirects");
    resp.headers()
        .get("location")
        .expect("Location")
        .to_str()
        .expect("ascii")
        .to_owned()
}

/// Replaces one query parameter's value in a callback URL.
pub fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut u = url::Url::parse(url).expect("url");
    let pairs: Vec<(String, String)> = u
        .query_pairs()
        .map(|(n, v)| {
            let v = if n == name {
                value.to_owned()
            } else {
                v.into_owned()
            };
            (n.into_owned(), v)
        })
        .collect();
    u.query_pairs_mut().clear().extend_pairs(pairs);
    u.to_string()
}

pub async fn wait_for<F: Fn(&sluice_auth::Status) -> bool>(signin: &SignIn, what: &str, ok: F) {
    let mut rx = signin.status();
    tokio::time::timeout(Duration::from_secs(20), rx.wait_for(|s| ok(s)))
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
        .expect("status channel open");
}
