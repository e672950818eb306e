//! Saving a connection profile: what the form sends. Secrets travel one way only, from the
//! form to the core; what comes back is always a `NatsProfileView` (secrets masked).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::NatsAuthKind;

/// A profile as the connection form submits it (new or edited).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NatsProfileInput {
    /// Id of the saved profile being edited; `None` for a new one.
    pub original_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    /// `nats://host:port`, `tls://host:port` or `host:port`.
    pub servers: Vec<String>,
    pub auth: Option<NatsAuthKind>,
    /// User name for user/password auth.
    pub user: Option<String>,
    /// Token, password, inline NKey seed or user JWT, by `auth`. Empty when editing keeps
    /// the stored one.
    pub secret: Option<String>,
    /// The NKey seed that signs for a user JWT (`auth = jwt`). Empty keeps the stored one.
    pub seed: Option<String>,
    /// Creds file, or NKey seed file (`auth = nkey` without an inline seed).
    pub secret_file: Option<String>,
    pub tls_ca: Option<String>,
    pub tls_cert: Option<String>,
    pub tls_key: Option<String>,
    pub tls_first: bool,
    pub js_domain: Option<String>,
}

/// One field the core refused, and why, in words for the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsFieldProblem {
    /// The input field: `name`, `servers`, `user`, `secret`, `seed`, `secretFile`, `tlsCa`,
    /// `tlsCert`, `tlsKey`, `jsDomain`.
    pub field: String,
    pub message: String,
}

/// Facts about the saved profiles as a whole, for the connections panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NatsProfilesStatus {
    /// The file saved profiles live in.
    pub file: String,
    /// The NATS CLI config folder watched for contexts, if there is one.
    pub contexts_dir: Option<String>,
    /// True when secrets outlive the app; false means they are kept for this run only.
    pub secrets_persist: bool,
    /// Why the saved file or the contexts folder could not be used, if so.
    pub problems: Vec<String>,
}
