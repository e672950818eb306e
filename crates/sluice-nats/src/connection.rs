//! One open connection: the async-nats client, its JetStream context, and its state as a
//! latest-state value (`tokio::sync::watch`) that views and tails follow.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use async_nats::{Client, ConnectErrorKind, ConnectOptions, Event};
use sluice_wire::{NatsConnState, NatsConnStatus};
use tokio::sync::watch;

use crate::error::{NatsError, Result};
use crate::profile::{NatsAuth, NatsProfile};
use crate::util::now_ms;

/// Reconnect quickly (the goal is a tail back within 2 s of the server's return) but not in
/// a hot loop while the server stays down.
fn reconnect_delay(attempts: usize) -> Duration {
    Duration::from_millis((attempts as u64 * 100).min(1_000))
}

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(5);

/// An open connection. Cheap to clone; the connection closes when the last clone is dropped.
#[derive(Clone)]
pub struct NatsConnection {
    profile: Arc<NatsProfile>,
    client: Client,
    js: async_nats::jetstream::Context,
    state: watch::Receiver<NatsConnState>,
    state_tx: Arc<watch::Sender<NatsConnState>>,
}

impl NatsConnection {
    /// Connects once (no retry): a wrong password, a bad creds file or a server that is not
    /// there fail here with a clear error. Later outages are survived by reconnecting.
    pub async fn connect(profile: NatsProfile) -> Result<Self> {
        if let Some(problem) = &profile.problem {
            return Err(NatsError::InvalidProfile(problem.clone()));
        }
        if profile.servers.is_empty() {
            return Err(NatsError::InvalidProfile("no server URL given".into()));
        }
        let initial = NatsConnState {
            profile_id: profile.id.clone(),
            status: NatsConnStatus::Connecting,
            server: None,
            server_name: None,
            server_version: None,
            reason: None,
            reconnects: 0,
            since_ms: now_ms(),
            lame_duck: false,
        };
        let (tx, rx) = watch::channel(initial);
        let tx = Arc::new(tx);
        let cell: Arc<OnceLock<Client>> = Arc::new(OnceLock::new());
        let opts = options(&profile, Arc::clone(&tx), Arc::clone(&cell)).await?;
        let client = opts
            .connect(profile.servers.clone())
            .await
            .map_err(|e| connect_error(&profile, &e))?;
        let _ = cell.set(client.clone());
        mark_connected(&tx, &client, false);
        let js = match &profile.js_domain {
            Some(domain) => async_nats::jetstream::with_domain(client.clone(), domain),
            None => async_nats::jetstream::new(client.clone()),
        };
        Ok(Self {
            profile: Arc::new(profile),
            client,
            js,
            state: rx,
            state_tx: tx,
        })
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn jetstream(&self) -> &async_nats::jetstream::Context {
        &self.js
    }

    pub fn profile(&self) -> &NatsProfile {
        &self.profile
    }

    /// Latest connection state; `changed()` wakes on every transition.
    pub fn state(&self) -> watch::Receiver<NatsConnState> {
        self.state.clone()
    }

    pub fn current_state(&self) -> NatsConnState {
        self.state.borrow().clone()
    }

    /// JetStream API prefix (`$JS.API` or `$JS.<domain>.API`).
    pub fn js_prefix(&self) -> String {
        match &self.profile.js_domain {
            Some(d) => format!("$JS.{d}.API"),
            None => "$JS.API".into(),
        }
    }

    /// Feeds the connection state into a flow (`Policy::LatestPerKey`): the current state
    /// at once, then every transition.
    pub fn feed_state(
        &self,
        producer: sluice_flow::Producer<crate::ConnStateEvent>,
    ) -> tokio::task::JoinHandle<()> {
        let mut rx = self.state.clone();
        tokio::spawn(async move {
            let first = rx.borrow_and_update().clone();
            producer.push(crate::ConnStateEvent(first));
            loop {
                tokio::select! {
                    changed = rx.changed() => if changed.is_err() { break },
                    () = producer.closed() => break,
                }
                let st = rx.borrow_and_update().clone();
                producer.push(crate::ConnStateEvent(st));
            }
        })
    }

    /// Flushes pending publishes and closes the connection for every clone.
    pub async fn close(&self) {
        let _ = self.client.drain().await;
        // Say so at once: the client's own `Closed` event may come later or not at all.
        self.state_tx.send_modify(|s| {
            if s.status != NatsConnStatus::Closed {
                s.status = NatsConnStatus::Closed;
                s.reason = Some("closed by the user".into());
                s.since_ms = now_ms();
            }
        });
    }
}

async fn options(
    profile: &NatsProfile,
    tx: Arc<watch::Sender<NatsConnState>>,
    cell: Arc<OnceLock<Client>>,
) -> Result<ConnectOptions> {
    let mut opts = match &profile.auth {
        NatsAuth::None => ConnectOptions::new(),
        NatsAuth::Token { token } => ConnectOptions::with_token(token.0.clone()),
        NatsAuth::UserPassword { user, password } => {
            ConnectOptions::with_user_and_password(user.clone(), password.0.clone())
        }
        NatsAuth::NkeySeed { seed } => ConnectOptions::with_nkey(check_seed(&seed.0, "seed")?),
        NatsAuth::NkeyFile { path } => {
            let text = tokio::fs::read_to_string(path)
                .await
                .map_err(|e| NatsError::BadFile {
                    what: "the NKey seed file",
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })?;
            let seed = text
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("SU"))
                .unwrap_or_default();
            ConnectOptions::with_nkey(check_seed(seed, &path.display().to_string())?)
        }
        NatsAuth::CredsFile { path } => crate::creds::load(path).await?,
        NatsAuth::Jwt { jwt, seed } => crate::creds::from_parts(&jwt.0, &seed.0)?,
    };
    for (what, p) in [
        ("the CA file", &profile.tls.ca),
        ("the client certificate", &profile.tls.cert),
        ("the client key", &profile.tls.key),
    ] {
        if let Some(p) = p {
            if let Err(e) = std::fs::metadata(p) {
                return Err(NatsError::BadFile {
                    what,
                    path: p.display().to_string(),
                    reason: e.to_string(),
                });
            }
        }
    }
    if let Some(ca) = &profile.tls.ca {
        opts = opts.add_root_certificates(ca.clone());
    }
    match (&profile.tls.cert, &profile.tls.key) {
        (Some(cert), Some(key)) => opts = opts.add_client_certificate(cert.clone(), key.clone()),
        (None, None) => {}
        _ => {
            return Err(NatsError::InvalidProfile(
                "a client certificate needs both the certificate and its key".into(),
            ))
        }
    }
    if profile.tls.required || profile.servers.iter().any(|s| s.starts_with("tls://")) {
        opts = opts.require_tls(true);
    }
    if profile.tls.tls_first {
        opts = opts.tls_first();
    }
    if let Some(prefix) = &profile.inbox_prefix {
        opts = opts.custom_inbox_prefix(prefix);
    }
    Ok(opts
        .name(format!("sluice {}", profile.name))
        .connection_timeout(CONNECT_TIMEOUT)
        .request_timeout(Some(REQUEST_TIMEOUT))
        .ping_interval(Duration::from_secs(10))
        .reconnect_delay_callback(reconnect_delay)
        .event_callback(move |event| {
            let tx = Arc::clone(&tx);
            let cell = Arc::clone(&cell);
            async move { on_event(&tx, &cell, event) }
        }))
}

fn check_seed(seed: &str, origin: &str) -> Result<String> {
    let seed = seed.trim();
    if nkeys::KeyPair::from_seed(seed).is_err() {
        return Err(NatsError::InvalidProfile(format!(
            "{origin} is not a valid NKey user seed"
        )));
    }
    Ok(seed.to_owned())
}

fn on_event(tx: &watch::Sender<NatsConnState>, cell: &OnceLock<Client>, event: Event) {
    match event {
        Event::Connected => {
            if let Some(client) = cell.get() {
                mark_connected(tx, client, true);
            }
        }
        Event::Disconnected => tx.send_modify(|s| {
            s.status = NatsConnStatus::Reconnecting;
            s.since_ms = now_ms();
            s.lame_duck = false;
            if s.reason.is_none() {
                s.reason = Some("lost the connection to the server".into());
            }
        }),
        Event::Closed => tx.send_modify(|s| {
            s.status = NatsConnStatus::Closed;
            s.since_ms = now_ms();
        }),
        Event::LameDuckMode => {
            tx.send_modify(|s| {
                s.lame_duck = true;
                s.reason = Some("the server is shutting down (lame-duck mode)".into());
            });
            // Move to another server now instead of waiting to be cut off.
            if let Some(client) = cell.get() {
                if client.server_info().connect_urls.len() > 1 {
                    let client = client.clone();
                    tokio::spawn(async move {
                        let _ = client.force_reconnect().await;
                    });
                }
            }
        }
        Event::ServerError(err) => tx.send_modify(|s| s.reason = Some(err.to_string())),
        Event::ClientError(err) => tx.send_modify(|s| s.reason = Some(err.to_string())),
        Event::Draining | Event::SlowConsumer(_) => {}
    }
}

fn mark_connected(tx: &watch::Sender<NatsConnState>, client: &Client, reconnected: bool) {
    let info = client.server_info();
    tx.send_modify(|s| {
        s.status = NatsConnStatus::Connected;
        s.server = Some(format!("{}:{}", info.host, info.port));
        s.server_name = Some(info.server_name.clone());
        s.server_version = Some(info.version.clone());
        s.reason = None;
        s.lame_duck = info.lame_duck_mode;
        s.since_ms = now_ms();
        if reconnected {
            s.reconnects += 1;
        }
    });
}

fn connect_error(profile: &NatsProfile, err: &async_nats::ConnectError) -> NatsError {
    let servers = profile.servers_label();
    let detail =
        std::error::Error::source(err).map_or_else(|| err.to_string(), |s| format!("{err}: {s}"));
    match err.kind() {
        ConnectErrorKind::AuthorizationViolation => NatsError::AuthFailed {
            servers,
            detail: "authorization violation (wrong user, password, token or key)".into(),
        },
        ConnectErrorKind::Authentication => NatsError::AuthFailed { servers, detail },
        ConnectErrorKind::Tls => NatsError::Tls { servers, detail },
        ConnectErrorKind::ServerParse => {
            NatsError::InvalidProfile(format!("bad server URL in {servers}: {detail}"))
        }
        ConnectErrorKind::Dns
        | ConnectErrorKind::TimedOut
        | ConnectErrorKind::Io
        | ConnectErrorKind::MaxReconnects => NatsError::Unreachable { servers, detail },
    }
}
