//! Turns what the connection form sends into a profile, refusing bad input field by field
//! with words an operator can act on.

use std::path::{Path, PathBuf};

use sluice_wire::{NatsAuthKind, NatsFieldProblem, NatsProfileInput, NatsProfileSource};

use crate::profile::{NatsAuth, NatsProfile, Secret, TlsSettings};

const MAX_NAME: usize = 64;
const MAX_SERVERS: usize = 64;

fn trimmed(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Problems with one server URL, if any. Accepts `host:port`, `nats://`, `tls://`, `ws://`,
/// `wss://`, optional `user:pass@`.
pub fn check_server_url(url: &str) -> Option<String> {
    if url.chars().any(char::is_whitespace) {
        return Some(format!("{url:?} contains spaces"));
    }
    let rest = match url.split_once("://") {
        Some((scheme, rest)) => {
            if !matches!(scheme, "nats" | "tls" | "ws" | "wss") {
                return Some(format!(
                    "{url:?}: the scheme must be nats://, tls://, ws:// or wss://"
                ));
            }
            rest
        }
        None => url,
    };
    let hostport = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let hostport = hostport.split('/').next().unwrap_or_default();
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (h, Some(p)),
        _ => (hostport, None),
    };
    if host.is_empty() || host == "[]" {
        return Some(format!("{url:?} has no host"));
    }
    if let Some(p) = port {
        match p.parse::<u16>() {
            Ok(n) if n > 0 => {}
            _ => {
                return Some(format!(
                    "{url:?}: the port must be a number from 1 to 65535"
                ))
            }
        }
    }
    None
}

fn file_problem(field: &str, label: &str, path: &Path, out: &mut Vec<NatsFieldProblem>) {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => push(
            out,
            field,
            format!("{label} {} is not a file", path.display()),
        ),
        Err(e) => push(out, field, format!("{label} {}: {e}", path.display())),
    }
}

fn push(out: &mut Vec<NatsFieldProblem>, field: &str, message: String) {
    out.push(NatsFieldProblem {
        field: field.into(),
        message,
    });
}

fn valid_seed(seed: &str) -> bool {
    seed.starts_with("SU") && nkeys::KeyPair::from_seed(seed).is_ok()
}

/// Builds the saved profile for `input`. `existing` is the profile being edited: an empty
/// secret keeps its stored one. `taken` says whether a profile name is used by another
/// saved profile.
pub fn profile_from_input(
    input: &NatsProfileInput,
    existing: Option<&NatsProfile>,
    taken: impl Fn(&str) -> bool,
) -> Result<NatsProfile, Vec<NatsFieldProblem>> {
    let mut bad = Vec::new();
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        push(&mut bad, "name", "give the profile a name".into());
    } else if name.chars().count() > MAX_NAME {
        push(&mut bad, "name", format!("at most {MAX_NAME} characters"));
    } else if name.chars().any(char::is_control) {
        push(&mut bad, "name", "no control characters".into());
    } else if taken(&name) {
        push(&mut bad, "name", format!("a profile named {name:?} exists"));
    }
    let servers: Vec<String> = input
        .servers
        .iter()
        .flat_map(|s| s.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if servers.is_empty() {
        push(&mut bad, "servers", "give at least one server URL".into());
    } else if servers.len() > MAX_SERVERS {
        push(
            &mut bad,
            "servers",
            format!("at most {MAX_SERVERS} servers"),
        );
    }
    for url in &servers {
        if let Some(p) = check_server_url(url) {
            push(&mut bad, "servers", p);
        }
    }
    let old = existing.map(|p| &p.auth);
    let secret = trimmed(&input.secret);
    let kept = |pick: fn(&NatsAuth) -> Option<&Secret>| old.and_then(pick).cloned();
    let secret_or =
        |pick: fn(&NatsAuth) -> Option<&Secret>| secret.clone().map(Secret).or_else(|| kept(pick));
    let auth = match input.auth.unwrap_or(NatsAuthKind::None) {
        NatsAuthKind::None => NatsAuth::None,
        NatsAuthKind::Token => {
            let token = secret_or(|a| match a {
                NatsAuth::Token { token } => Some(token),
                _ => None,
            });
            if token.is_none() {
                push(&mut bad, "secret", "enter the token".into());
            }
            NatsAuth::Token {
                token: token.unwrap_or_default(),
            }
        }
        NatsAuthKind::UserPassword => {
            let user = trimmed(&input.user).unwrap_or_default();
            if user.is_empty() {
                push(&mut bad, "user", "enter the user name".into());
            }
            let password = secret_or(|a| match a {
                NatsAuth::UserPassword { password, .. } => Some(password),
                _ => None,
            });
            if password.is_none() {
                push(&mut bad, "secret", "enter the password".into());
            }
            NatsAuth::UserPassword {
                user,
                password: password.unwrap_or_default(),
            }
        }
        NatsAuthKind::Nkey => match trimmed(&input.secret_file) {
            Some(path) if secret.is_none() => {
                file_problem(
                    "secretFile",
                    "the NKey seed file",
                    Path::new(&path),
                    &mut bad,
                );
                NatsAuth::NkeyFile {
                    path: PathBuf::from(path),
                }
            }
            _ => {
                let seed = secret_or(|a| match a {
                    NatsAuth::NkeySeed { seed } => Some(seed),
                    _ => None,
                });
                // Only a newly typed seed is checked: a kept one was checked when saved.
                match (&seed, secret.as_deref()) {
                    (None, _) => push(
                        &mut bad,
                        "secret",
                        "enter an NKey user seed (SU…) or a seed file".into(),
                    ),
                    (_, Some(s)) if !valid_seed(s) => push(
                        &mut bad,
                        "secret",
                        "not a valid NKey user seed (it starts with SU)".into(),
                    ),
                    _ => {}
                }
                NatsAuth::NkeySeed {
                    seed: seed.unwrap_or_default(),
                }
            }
        },
        NatsAuthKind::CredsFile => {
            let path = trimmed(&input.secret_file).unwrap_or_default();
            if path.is_empty() {
                push(&mut bad, "secretFile", "choose the .creds file".into());
            } else {
                file_problem("secretFile", "the creds file", Path::new(&path), &mut bad);
            }
            NatsAuth::CredsFile {
                path: PathBuf::from(path),
            }
        }
        NatsAuthKind::Jwt => {
            let (old_jwt, old_seed) = match old {
                Some(NatsAuth::Jwt { jwt, seed }) => (Some(jwt.clone()), Some(seed.clone())),
                _ => (None, None),
            };
            let new_seed = trimmed(&input.seed);
            let jwt = secret.clone().map(Secret).or(old_jwt);
            let seed = new_seed.clone().map(Secret).or(old_seed);
            match (&jwt, secret.as_deref()) {
                (None, _) => push(&mut bad, "secret", "paste the user JWT".into()),
                (_, Some(j)) if j.split('.').count() != 3 => push(
                    &mut bad,
                    "secret",
                    "not a JWT (three dot-separated parts)".into(),
                ),
                _ => {}
            }
            match (&seed, new_seed.as_deref()) {
                (None, _) => push(
                    &mut bad,
                    "seed",
                    "enter the NKey seed that signs for the JWT".into(),
                ),
                (_, Some(s)) if !valid_seed(s) => push(
                    &mut bad,
                    "seed",
                    "not a valid NKey user seed (it starts with SU)".into(),
                ),
                _ => {}
            }
            NatsAuth::Jwt {
                jwt: jwt.unwrap_or_default(),
                seed: seed.unwrap_or_default(),
            }
        }
    };
    let tls = TlsSettings {
        ca: trimmed(&input.tls_ca).map(PathBuf::from),
        cert: trimmed(&input.tls_cert).map(PathBuf::from),
        key: trimmed(&input.tls_key).map(PathBuf::from),
        tls_first: input.tls_first,
        required: false,
    };
    for (field, label, path) in [
        ("tlsCa", "the CA file", &tls.ca),
        ("tlsCert", "the client certificate", &tls.cert),
        ("tlsKey", "the client key", &tls.key),
    ] {
        if let Some(p) = path {
            file_problem(field, label, p, &mut bad);
        }
    }
    match (&tls.cert, &tls.key) {
        (Some(_), None) => push(
            &mut bad,
            "tlsKey",
            "a client certificate needs its key".into(),
        ),
        (None, Some(_)) => push(
            &mut bad,
            "tlsCert",
            "a client key needs its certificate".into(),
        ),
        _ => {}
    }
    let js_domain = trimmed(&input.js_domain);
    if let Some(d) = &js_domain {
        if d.chars()
            .any(|c| c.is_whitespace() || matches!(c, '.' | '*' | '>'))
        {
            push(
                &mut bad,
                "jsDomain",
                "a JetStream domain has no spaces, dots, * or >".into(),
            );
        }
    }
    if !bad.is_empty() {
        return Err(bad);
    }
    let mut p = NatsProfile::new(name, servers);
    p.source = NatsProfileSource::Saved;
    p.description = trimmed(&input.description);
    p.auth = auth;
    p.tls = tls;
    p.js_domain = js_domain;
    Ok(p)
}

/// The problems joined into one message (for an `invalid_input` error).
pub fn problems_message(problems: &[NatsFieldProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect::<Vec<_>>()
        .join("; ")
}
