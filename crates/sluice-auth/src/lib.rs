//! Sign-in for Sluice: OAuth 2 / OIDC authorization code with PKCE (S256) as RFC 8252
//! describes for native apps. The provider is configured by issuer (discovery) or by explicit
//! endpoints; the callback arrives on the app's reverse-DNS custom scheme or, where that
//! cannot be registered, on a one-shot loopback listener. Every callback is hostile input
//! until proven otherwise: it is bounded, parsed and matched to a pending `state` exactly once.

mod callback;
mod error;
mod flows;
mod http;
mod loopback;
mod pkce;
mod provider;
mod signin;
mod tokens;
mod vault_store;

pub use callback::{parse as parse_callback, Callback, Outcome, MAX_CALLBACK_LEN, MAX_PARAM_LEN};
pub use error::{AuthError, CallbackError};
pub use loopback::{Loopback, CALLBACK_PATH};
pub use pkce::{challenge_s256, random_token, Pkce};
pub use provider::{endpoint, resolve, Endpoints, ProviderConfig};
pub use signin::{authorize_url, AuthRequest, Options, Restored, SignIn, Status, CUSTOM_REDIRECT};
pub use tokens::{exchange_code, refresh, revoke, MemoryTokenStore, TokenSet, TokenStore};
pub use vault_store::VaultTokenStore;
