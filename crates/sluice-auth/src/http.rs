//! Small, bounded HTTP helpers: provider responses are read up to a cap.

use serde::de::DeserializeOwned;

use crate::AuthError;

/// Largest response body read from a provider.
pub const MAX_RESPONSE_BYTES: usize = 64 * 1024;

/// Reads a body up to the cap; anything larger is refused rather than buffered.
pub async fn read_capped(mut resp: reqwest::Response) -> Result<Vec<u8>, AuthError> {
    let mut body = Vec::new();
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?
    {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(AuthError::BadTokenResponse(
                "the response is too large".into(),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

pub async fn get_json<T: DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
) -> Result<T, AuthError> {
    let resp = http
        .get(url)
        .send()
        .await
        .map_err(|e| AuthError::Network(e.to_string()))?;
    let status = resp.status();
    let body = read_capped(resp).await?;
    if !status.is_success() {
        return Err(AuthError::Network(format!("{url} answered {status}")));
    }
    serde_json::from_slice(&body).map_err(|e| AuthError::Discovery(format!("invalid JSON: {e}")))
}
