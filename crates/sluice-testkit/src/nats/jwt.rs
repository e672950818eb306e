//! Decentralized (operator mode) auth for tests: an operator, a JetStream-enabled account, a
//! system account and one user, each as a signed JWT, plus the user's creds file text.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use nkeys::KeyPair;
use serde_json::{json, Value};

/// Keys and JWTs of a one-account operator setup.
#[derive(Clone)]
pub struct Operator {
    operator_jwt: String,
    account_public: String,
    account_jwt: String,
    system_public: String,
    system_jwt: String,
    user_jwt: String,
    user_seed: String,
}

impl Operator {
    pub fn generate() -> std::io::Result<Self> {
        let op = KeyPair::new_operator();
        let acc = KeyPair::new_account();
        let sys = KeyPair::new_account();
        let user = KeyPair::new_user();
        let unlimited = json!({
            "subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1,
            "wildcards": true, "conn": -1, "leaf": -1,
        });
        let mut js_limits = unlimited.clone();
        if let Value::Object(m) = &mut js_limits {
            for k in ["mem_storage", "disk_storage", "streams", "consumer"] {
                m.insert(k.into(), json!(-1));
            }
        }
        let operator_jwt = sign(
            &op,
            &op.public_key(),
            "sluice-op",
            json!({"type": "operator", "version": 2, "system_account": sys.public_key()}),
        )?;
        let account_jwt = sign(
            &op,
            &acc.public_key(),
            "APP",
            json!({"type": "account", "version": 2, "limits": js_limits}),
        )?;
        let system_jwt = sign(
            &op,
            &sys.public_key(),
            "SYS",
            json!({"type": "account", "version": 2, "limits": unlimited}),
        )?;
        let user_jwt = sign(
            &acc,
            &user.public_key(),
            "sluice-user",
            json!({"type": "user", "version": 2, "pub": {}, "sub": {},
                   "subs": -1, "data": -1, "payload": -1}),
        )?;
        Ok(Self {
            operator_jwt,
            account_public: acc.public_key(),
            account_jwt,
            system_public: sys.public_key(),
            system_jwt,
            user_jwt,
            user_seed: user
                .seed()
                .map_err(|e| std::io::Error::other(e.to_string()))?,
        })
    }

    pub fn user_jwt(&self) -> &str {
        &self.user_jwt
    }

    pub fn user_seed(&self) -> &str {
        &self.user_seed
    }

    /// The user's `.creds` file, in the format `nsc` writes.
    pub fn creds(&self) -> String {
        format!(
            "-----BEGIN NATS USER JWT-----\n{}\n------END NATS USER JWT------\n\n\
             ************************* IMPORTANT *************************\n\
             NKEY Seed printed below can be used to sign and prove identity.\n\
             NKEYs are sensitive and should be treated as secrets.\n\n\
             -----BEGIN USER NKEY SEED-----\n{}\n------END USER NKEY SEED------\n\n\
             *************************************************************\n",
            self.user_jwt, self.user_seed
        )
    }

    pub(crate) fn server_conf(&self) -> String {
        format!(
            "operator: {:?}\nsystem_account: {:?}\nresolver: MEMORY\n\
             resolver_preload: {{\n  {}: {:?}\n  {}: {:?}\n}}\n",
            self.operator_jwt,
            self.system_public,
            self.account_public,
            self.account_jwt,
            self.system_public,
            self.system_jwt,
        )
    }
}

fn sign(issuer: &KeyPair, subject: &str, name: &str, nats: Value) -> std::io::Result<String> {
    let iat = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let claims = json!({
        // Unique per token; the server does not recompute it.
        "jti": format!("{}{iat}", &subject[..subject.len().min(20)]),
        "iat": iat,
        "iss": issuer.public_key(),
        "name": name,
        "sub": subject,
        "nats": nats,
    });
    let header = URL_SAFE_NO_PAD.encode(br#"{"typ":"JWT","alg":"ed25519-nkey"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{body}");
    let sig = issuer
        .sign(signing_input.as_bytes())
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig)))
}
