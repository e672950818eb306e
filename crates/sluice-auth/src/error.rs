//! Every way sign-in can fail, as enums callers can match on.

/// Why a callback (custom-scheme link or loopback request) was refused. No variant ever
/// leads to a token request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("the link is {len} bytes, more than the {max} allowed")]
    TooLong { len: usize, max: usize },
    #[error("the link is malformed: {0}")]
    Malformed(String),
    #[error("the link does not point at the sign-in callback: {0}")]
    UnexpectedTarget(String),
    #[error("parameter `{0}` appears more than once")]
    DuplicateParameter(String),
    #[error("parameter `{0}` is too long")]
    ParameterTooLong(String),
    #[error("parameter `{0}` holds characters that are not allowed")]
    BadCharacters(String),
    #[error("the link carries no state")]
    MissingState,
    #[error("the link carries no code")]
    MissingCode,
    #[error("the state does not belong to any sign-in started here")]
    UnknownState,
    #[error("the state was already used")]
    ReplayedState,
    #[error("the sign-in expired before the callback arrived")]
    Expired,
    #[error("the link is for a different redirect than the sign-in it names")]
    RedirectMismatch,
    #[error("the provider refused: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Provider {
        error: String,
        description: Option<String>,
    },
}

/// Everything else: configuration, discovery, the token endpoint, storage.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    #[error("no sign-in provider is configured")]
    NotConfigured,
    #[error("the provider configuration is invalid: {0}")]
    InvalidConfig(String),
    #[error("provider discovery failed: {0}")]
    Discovery(String),
    #[error("callback refused: {0}")]
    Callback(#[from] CallbackError),
    #[error("the token endpoint refused ({status}): {error}")]
    TokenRefused { status: u16, error: String },
    #[error("the token response is invalid: {0}")]
    BadTokenResponse(String),
    #[error("the provider could not be reached: {0}")]
    Network(String),
    #[error("not signed in")]
    NotSignedIn,
    #[error("the session has no refresh token")]
    NoRefreshToken,
    #[error("the loopback redirect failed: {0}")]
    Loopback(String),
    #[error("the token store failed: {0}")]
    Store(String),
}

impl AuthError {
    /// True when the provider rejected the grant itself (expired, revoked, reused, PKCE
    /// mismatch): retrying the same request cannot succeed.
    pub fn is_grant_rejected(&self) -> bool {
        matches!(self, AuthError::TokenRefused { error, .. } if error == "invalid_grant")
    }
}
