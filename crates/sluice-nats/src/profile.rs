//! Connection profiles: where to connect and how to prove who we are. Secrets live here in
//! the core only; `view()` is what crosses IPC.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sluice_wire::{NatsAuthKind, NatsProfileSource, NatsProfileView};

/// A secret string whose `Debug` never shows the value (profiles end up in logs).
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "\"\"" } else { "\"***\"" })
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum NatsAuth {
    #[default]
    None,
    Token {
        token: Secret,
    },
    UserPassword {
        user: String,
        password: Secret,
    },
    /// An NKey user seed (`SU...`), given inline.
    NkeySeed {
        seed: Secret,
    },
    /// A file holding an NKey user seed.
    NkeyFile {
        path: PathBuf,
    },
    /// A `.creds` file: user JWT plus its seed.
    CredsFile {
        path: PathBuf,
    },
    /// A user JWT and the seed that signs the server's nonce.
    Jwt {
        jwt: Secret,
        seed: Secret,
    },
}

impl NatsAuth {
    pub fn kind(&self) -> NatsAuthKind {
        match self {
            Self::None => NatsAuthKind::None,
            Self::Token { .. } => NatsAuthKind::Token,
            Self::UserPassword { .. } => NatsAuthKind::UserPassword,
            Self::NkeySeed { .. } | Self::NkeyFile { .. } => NatsAuthKind::Nkey,
            Self::CredsFile { .. } => NatsAuthKind::CredsFile,
            Self::Jwt { .. } => NatsAuthKind::Jwt,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsSettings {
    /// CA bundle to trust (PEM).
    pub ca: Option<PathBuf>,
    /// Client certificate and key for mutual TLS (PEM).
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    /// TLS handshake before the server's INFO (servers 2.10.4+ configured for it).
    pub tls_first: bool,
    /// Refuse to talk without TLS even if the URLs say `nats://`.
    pub required: bool,
}

impl TlsSettings {
    pub fn is_used(&self) -> bool {
        self.ca.is_some() || self.cert.is_some() || self.tls_first || self.required
    }
}

/// Everything needed to open one connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NatsProfile {
    /// Stable id: `saved:<name>`, `context:<name>` or `sandbox`.
    pub id: String,
    pub name: String,
    pub source: NatsProfileSource,
    pub description: Option<String>,
    /// `nats://host:port`, `tls://host:port`, or bare `host:port`.
    pub servers: Vec<String>,
    pub auth: NatsAuth,
    pub tls: TlsSettings,
    pub js_domain: Option<String>,
    pub inbox_prefix: Option<String>,
    /// The selected NATS CLI context.
    pub selected: bool,
    /// Why this profile cannot be used as it is (a context file that did not parse).
    pub problem: Option<String>,
}

impl NatsProfile {
    /// A profile with no auth and no TLS.
    pub fn new(name: impl Into<String>, servers: Vec<String>) -> Self {
        let name = name.into();
        Self {
            id: format!("saved:{name}"),
            name,
            source: NatsProfileSource::Saved,
            description: None,
            servers,
            auth: NatsAuth::None,
            tls: TlsSettings::default(),
            js_domain: None,
            inbox_prefix: None,
            selected: false,
            problem: None,
        }
    }

    pub fn with_auth(mut self, auth: NatsAuth) -> Self {
        self.auth = auth;
        self
    }

    pub fn with_tls(mut self, tls: TlsSettings) -> Self {
        self.tls = tls;
        self
    }

    /// Servers joined for messages (`a, b`).
    pub fn servers_label(&self) -> String {
        if self.servers.is_empty() {
            "no server".into()
        } else {
            self.servers.join(", ")
        }
    }

    /// The IPC view: which auth, never the secret.
    pub fn view(&self) -> NatsProfileView {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        let (user, secret_file, has_secret) = match &self.auth {
            NatsAuth::None => (None, None, false),
            NatsAuth::Token { token } => (None, None, !token.0.is_empty()),
            NatsAuth::UserPassword { user, password } => {
                (Some(user.clone()), None, !password.0.is_empty())
            }
            NatsAuth::NkeySeed { seed } => (None, None, !seed.0.is_empty()),
            NatsAuth::NkeyFile { path } | NatsAuth::CredsFile { path } => {
                (None, Some(path.display().to_string()), true)
            }
            NatsAuth::Jwt { jwt, seed } => (None, None, !jwt.0.is_empty() && !seed.0.is_empty()),
        };
        NatsProfileView {
            id: self.id.clone(),
            name: self.name.clone(),
            source: self.source,
            description: self.description.clone(),
            servers: self.servers.clone(),
            auth: self.auth.kind(),
            user,
            secret_file,
            has_secret,
            tls_ca: path(&self.tls.ca),
            tls_cert: path(&self.tls.cert),
            tls_key: path(&self.tls.key),
            tls_first: self.tls.tls_first,
            js_domain: self.js_domain.clone(),
            selected: self.selected,
            problem: self.problem.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_and_debug_never_show_secrets() {
        let p = NatsProfile::new("prod", vec!["nats://a:4222".into()]).with_auth(
            NatsAuth::UserPassword {
                user: "ops".into(),
                password: "hunter2".into(),
            },
        );
        let json = serde_json::to_string(&p.view()).unwrap_or_default();
        assert!(!json.contains("hunter2"), "{json}");
        assert!(json.contains("\"hasSecret\":true"));
        assert!(!format!("{p:?}").contains("hunter2"));
    }
}
