//! NATS CLI contexts (`~/.config/nats/context/*.json`) as connection profiles, kept live:
//! a debounced watcher on the config folder re-reads them when files are added, edited or
//! removed, and when the selection (`context.txt`) changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use serde::Deserialize;
use sluice_wire::NatsProfileSource;
use tokio::sync::{mpsc, watch};

use crate::error::{NatsError, Result};
use crate::profile::{NatsAuth, NatsProfile, TlsSettings};

/// Most context files read; a folder with more is not a NATS config folder.
const MAX_CONTEXTS: usize = 1_000;
const DEBOUNCE: Duration = Duration::from_millis(200);

/// `$XDG_CONFIG_HOME/nats` or `~/.config/nats`.
pub fn default_nats_config_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(x).join("nats"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config").join("nats"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ContextFile {
    description: String,
    url: String,
    token: String,
    user: String,
    password: String,
    creds: String,
    nkey: String,
    user_jwt: String,
    cert: String,
    key: String,
    ca: String,
    jetstream_domain: String,
    inbox_prefix: String,
    tls_first: bool,
}

fn expand(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_owned())
}

/// One context file as a profile; a file that does not parse becomes a profile with a
/// `problem`, so the UI can say what is wrong with it.
pub fn context_profile(name: &str, text: &str) -> NatsProfile {
    let mut p = NatsProfile::new(name, Vec::new());
    p.id = format!("context:{name}");
    p.source = NatsProfileSource::Context;
    let c: ContextFile = match serde_json::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            p.problem = Some(format!("the context file is not valid JSON: {e}"));
            return p;
        }
    };
    p.description = non_empty(&c.description);
    p.servers = c.url.split(',').filter_map(non_empty).collect::<Vec<_>>();
    if p.servers.is_empty() {
        p.servers.push("nats://127.0.0.1:4222".into());
    }
    p.auth = if let Some(creds) = non_empty(&c.creds) {
        NatsAuth::CredsFile {
            path: expand(&creds),
        }
    } else if let (Some(jwt), Some(seed)) = (non_empty(&c.user_jwt), non_empty(&c.nkey)) {
        NatsAuth::Jwt {
            jwt: jwt.as_str().into(),
            seed: seed.as_str().into(),
        }
    } else if let Some(nkey) = non_empty(&c.nkey) {
        NatsAuth::NkeyFile {
            path: expand(&nkey),
        }
    } else if let Some(token) = non_empty(&c.token) {
        NatsAuth::Token {
            token: token.as_str().into(),
        }
    } else if let Some(user) = non_empty(&c.user) {
        NatsAuth::UserPassword {
            user,
            password: c.password.as_str().into(),
        }
    } else {
        NatsAuth::None
    };
    p.tls = TlsSettings {
        ca: non_empty(&c.ca).map(|s| expand(&s)),
        cert: non_empty(&c.cert).map(|s| expand(&s)),
        key: non_empty(&c.key).map(|s| expand(&s)),
        tls_first: c.tls_first,
        required: false,
    };
    p.js_domain = non_empty(&c.jetstream_domain);
    p.inbox_prefix = non_empty(&c.inbox_prefix);
    p
}

/// The selected context: `NATS_CONTEXT` if set, else `context.txt` in the config folder.
pub fn selected_context(config_dir: &Path) -> Option<String> {
    if let Some(v) = std::env::var_os("NATS_CONTEXT").and_then(|v| v.into_string().ok()) {
        if !v.trim().is_empty() {
            return Some(v.trim().to_owned());
        }
    }
    std::fs::read_to_string(config_dir.join("context.txt"))
        .ok()
        .and_then(|t| non_empty(&t))
}

/// Reads every context under `<config_dir>/context/`, sorted by name.
pub fn load_contexts(config_dir: &Path) -> Vec<NatsProfile> {
    let selected = selected_context(config_dir);
    let Ok(dir) = std::fs::read_dir(config_dir.join("context")) else {
        return Vec::new();
    };
    let mut out: Vec<NatsProfile> = dir
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .take(MAX_CONTEXTS)
        .filter_map(|path| {
            let name = path.file_stem()?.to_string_lossy().into_owned();
            let mut p = match std::fs::read_to_string(&path) {
                Ok(text) => context_profile(&name, &text),
                Err(e) => {
                    let mut p = context_profile(&name, "{}");
                    p.problem = Some(format!("cannot read {}: {e}", path.display()));
                    p
                }
            };
            p.selected = selected.as_deref() == Some(name.as_str());
            Some(p)
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The contexts of one config folder, re-read whenever something in it changes.
pub struct ContextWatcher {
    contexts: watch::Receiver<Arc<Vec<NatsProfile>>>,
    _debouncer: Box<dyn std::any::Any + Send>,
    task: tokio::task::JoinHandle<()>,
}

impl ContextWatcher {
    /// Watches `config_dir` (e.g. `~/.config/nats`), creating its `context/` folder if
    /// missing so contexts added later are seen.
    pub fn start(config_dir: PathBuf) -> Result<Self> {
        let ctx_dir = config_dir.join("context");
        std::fs::create_dir_all(&ctx_dir).map_err(|e| NatsError::BadFile {
            what: "the NATS context folder",
            path: ctx_dir.display().to_string(),
            reason: e.to_string(),
        })?;
        // One pending "something changed" is enough: the re-read sees every change.
        let (kick, mut kicked) = mpsc::channel::<()>(1);
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
            if res.is_ok_and(|events| !events.is_empty()) {
                let _ = kick.try_send(());
            }
        })
        .map_err(|e| NatsError::Other(format!("cannot watch {}: {e}", config_dir.display())))?;
        debouncer
            .watch(&config_dir, RecursiveMode::Recursive)
            .map_err(|e| NatsError::Other(format!("cannot watch {}: {e}", config_dir.display())))?;
        let (tx, contexts) = watch::channel(Arc::new(load_contexts(&config_dir)));
        let task = tokio::spawn(async move {
            while kicked.recv().await.is_some() {
                let dir = config_dir.clone();
                let Ok(fresh) = tokio::task::spawn_blocking(move || load_contexts(&dir)).await
                else {
                    continue;
                };
                tx.send_if_modified(|cur| {
                    if **cur == fresh {
                        return false;
                    }
                    *cur = Arc::new(fresh);
                    true
                });
            }
        });
        Ok(Self {
            contexts,
            _debouncer: Box::new(debouncer),
            task,
        })
    }

    /// Current contexts; `changed()` wakes when the folder's contents change them.
    pub fn contexts(&self) -> watch::Receiver<Arc<Vec<NatsProfile>>> {
        self.contexts.clone()
    }

    /// Feeds the contexts, with `extra` profiles (saved ones, the sandbox) listed first, into
    /// a flow (`Policy::LatestPerKey`) as masked views: now, then after every change.
    pub fn feed(
        &self,
        extra: Vec<NatsProfile>,
        producer: sluice_flow::Producer<crate::ProfilesEvent>,
    ) -> tokio::task::JoinHandle<()> {
        let mut rx = self.contexts.clone();
        tokio::spawn(async move {
            let views = |list: &[NatsProfile]| -> Vec<sluice_wire::NatsProfileView> {
                extra
                    .iter()
                    .chain(list.iter())
                    .map(NatsProfile::view)
                    .collect()
            };
            let first = Arc::clone(&rx.borrow_and_update());
            producer.push(crate::ProfilesEvent::new(views(&first)));
            loop {
                tokio::select! {
                    changed = rx.changed() => if changed.is_err() { break },
                    () = producer.closed() => break,
                }
                let next = Arc::clone(&rx.borrow_and_update());
                producer.push(crate::ProfilesEvent::new(views(&next)));
            }
        })
    }
}

impl Drop for ContextWatcher {
    fn drop(&mut self) {
        self.task.abort();
    }
}
