//! Tokens kept in a SecretStore under the documented names, and nowhere in plain sight.

use std::sync::Arc;

use sluice_auth::{Options, SignIn, TokenStore, VaultTokenStore};
use sluice_testkit::oauth::{OAuthConfig, OAuthServer};
use sluice_vault::{MemoryStore, SecretStore};

use crate::common::{follow, provider};

#[tokio::test]
async fn tokens_live_in_the_secret_store_and_survive_a_restart() {
    let server = OAuthServer::start(OAuthConfig::default())
        .await
        .expect("fixture");
    let vault: Arc<dyn SecretStore> = Arc::new(MemoryStore::new());
    let store = Arc::new(VaultTokenStore::new(vault.clone(), "default"));
    let signin = SignIn::new(store.clone(), Options::default()).expect("client");
    signin
        .configure(&provider(&server))
        .await
        .expect("configure");
    signin
        .complete(&follow(&signin.begin().expect("begin").url).await)
        .await
        .expect("sign in");
    let bearer = signin.bearer().expect("bearer");
    let names: Vec<String> = vault
        .list()
        .expect("list")
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(
        names,
        [
            "oauth/default/access",
            "oauth/default/meta",
            "oauth/default/refresh"
        ]
    );
    for entry in vault.list().expect("list") {
        assert!(
            !entry.masked.contains(&bearer),
            "{} shows the token",
            entry.name
        );
    }
    // A new session over the same store (an app restart) is signed in with the same token.
    let again = SignIn::new(store.clone(), Options::default()).expect("client");
    assert_eq!(again.bearer().as_deref(), Some(bearer.as_str()));
    signin.sign_out().await.expect("sign out");
    assert!(
        vault.list().expect("list").is_empty(),
        "sign-out removed every secret"
    );
    assert!(store.load().expect("load").is_none());
}
