//! Creds files and JWTs, checked up front so a broken file says what is wrong with it
//! instead of surfacing later as a vague handshake failure.

use std::path::Path;

use async_nats::{AuthError, ConnectOptions};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::error::{NatsError, Result};

/// Reads and checks a `.creds` file (user JWT plus NKey seed).
pub(crate) async fn load(path: &Path) -> Result<ConnectOptions> {
    let bad = |reason: String| NatsError::BadCredsFile {
        path: path.display().to_string(),
        reason,
    };
    let text = tokio::fs::read_to_string(path)
        .await
        .map_err(|e| bad(e.to_string()))?;
    let jwt = block(&text, "JWT").ok_or_else(|| bad("no user JWT block in it".into()))?;
    check_jwt(jwt).map_err(bad)?;
    let seed = block(&text, "SEED").ok_or_else(|| bad("no NKey seed block in it".into()))?;
    if nkeys::KeyPair::from_seed(seed).is_err() {
        return Err(bad("the NKey seed in it is not valid".into()));
    }
    ConnectOptions::with_credentials(&text).map_err(|e| bad(e.to_string()))
}

/// A user JWT plus the seed that signs the server's nonce.
pub(crate) fn from_parts(jwt: &str, seed: &str) -> Result<ConnectOptions> {
    let jwt = jwt.trim();
    check_jwt(jwt).map_err(|r| NatsError::InvalidProfile(format!("the JWT {r}")))?;
    let kp = nkeys::KeyPair::from_seed(seed.trim())
        .map_err(|_| NatsError::InvalidProfile("the NKey seed is not valid".into()))?;
    let kp = std::sync::Arc::new(kp);
    Ok(ConnectOptions::with_jwt(jwt.to_owned(), move |nonce| {
        let kp = std::sync::Arc::clone(&kp);
        async move { kp.sign(&nonce).map_err(AuthError::new) }
    }))
}

/// The first line inside the `-----BEGIN ...<marker>-----` block.
fn block<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let mut lines = text.lines().map(str::trim);
    lines.find(|l| l.starts_with("-----BEGIN") && l.contains(marker))?;
    lines
        .find(|l| !l.is_empty())
        .filter(|l| !l.starts_with("--"))
}

/// A JWT is three base64url parts whose middle one is JSON claims.
fn check_jwt(jwt: &str) -> std::result::Result<(), String> {
    let parts: Vec<&str> = jwt.split('.').collect();
    if parts.len() != 3 {
        return Err("is not a JWT (expected three dot-separated parts)".into());
    }
    let claims = URL_SAFE_NO_PAD
        .decode(parts[1].trim_end_matches('='))
        .map_err(|_| "has claims that are not base64url".to_string())?;
    serde_json::from_slice::<serde_json::Value>(&claims)
        .map(|_| ())
        .map_err(|_| "has claims that are not JSON".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_found_and_garbage_is_named() {
        let text = "-----BEGIN NATS USER JWT-----\nabc.def.ghi\n------END NATS USER JWT------\n";
        assert_eq!(block(text, "JWT"), Some("abc.def.ghi"));
        assert_eq!(block(text, "SEED"), None);
        assert!(check_jwt("nope").is_err());
    }
}
