//! A real `nats-server` on a random 127.0.0.1 port with JetStream and a temp store, killed
//! on drop. The binary comes from `SLUICE_NATS_SERVER` (a path) or `nats-server` on PATH, so
//! one suite runs against several server versions.

mod cluster;
mod jwt;
mod tls;

use std::io;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};
use tokio::time::{sleep, Instant};

pub use cluster::NatsCluster;
pub use jwt::Operator;
pub use tls::TestCerts;

use crate::net::{free_ports, retry_port_clash};

/// Environment variable naming the `nats-server` binary the tests run.
pub const BINARY_ENV: &str = "SLUICE_NATS_SERVER";

/// How long a server gets to become healthy (JetStream clusters elect a meta leader first).
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// The binary tests run: `$SLUICE_NATS_SERVER`, else `nats-server` from PATH.
pub fn server_binary() -> PathBuf {
    std::env::var_os(BINARY_ENV)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("nats-server"), PathBuf::from)
}

/// `(major, minor, patch)` of a server binary, from `nats-server --version`.
pub async fn server_version(binary: &Path) -> io::Result<(u32, u32, u32)> {
    let out = Command::new(binary).arg("--version").output().await?;
    let text = String::from_utf8_lossy(&out.stdout);
    let ver = text
        .split_whitespace()
        .find_map(|w| w.strip_prefix('v'))
        .ok_or_else(|| io::Error::other(format!("no version in {text:?}")))?;
    let mut parts = ver.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    Ok((
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    ))
}

/// How clients must authenticate.
#[derive(Clone, Default)]
pub enum Auth {
    #[default]
    None,
    Token(String),
    UserPassword {
        user: String,
        password: String,
    },
    /// A user identified by its NKey public key (`U...`).
    Nkey(String),
    /// Decentralized auth: operator, accounts and users as JWTs (creds files).
    Operator(Box<Operator>),
}

/// What to start. `Default` is a plain JetStream server with no auth and no TLS.
#[derive(Clone)]
pub struct NatsOptions {
    pub binary: PathBuf,
    pub jetstream: bool,
    pub auth: Auth,
    pub tls: Option<TestCerts>,
    /// Require client certificates (mutual TLS).
    pub verify_clients: bool,
    /// TLS handshake before the INFO line (servers 2.10.4 and later).
    pub tls_first: bool,
    /// Server name, shown in INFO and used for JetStream placement.
    pub name: String,
    /// Raw config lines appended as they are.
    pub extra: String,
}

impl Default for NatsOptions {
    fn default() -> Self {
        Self {
            binary: server_binary(),
            jetstream: true,
            auth: Auth::None,
            tls: None,
            verify_clients: false,
            tls_first: false,
            name: "sluice-test".into(),
            extra: String::new(),
        }
    }
}

/// A running (or stopped, between `stop` and `restart`) nats-server.
pub struct NatsServer {
    // Fields drop in order: the server is killed before its folder is removed, so it cannot
    // write its JetStream store back into a folder already deleted.
    child: Option<Child>,
    dir: TempDir,
    opts: NatsOptions,
    port: u16,
    monitor_port: u16,
}

impl NatsServer {
    /// A JetStream server with default options.
    pub async fn start() -> io::Result<Self> {
        Self::with_options(NatsOptions::default()).await
    }

    pub async fn with_options(opts: NatsOptions) -> io::Result<Self> {
        retry_port_clash(|| async {
            let ports = free_ports(2)?;
            Self::start_with(opts.clone(), ports[0], ports[1], String::new()).await
        })
        .await
    }

    /// Starts with fixed ports and extra config (used by the cluster helper for routes).
    pub(crate) async fn start_with(
        opts: NatsOptions,
        port: u16,
        monitor_port: u16,
        cluster_conf: String,
    ) -> io::Result<Self> {
        let dir = tempfile::Builder::new().prefix("sluice-nats-").tempdir()?;
        let conf = render_conf(&opts, port, monitor_port, dir.path(), &cluster_conf);
        tokio::fs::write(dir.path().join("server.conf"), conf).await?;
        let mut server = Self {
            opts,
            port,
            monitor_port,
            dir,
            child: None,
        };
        server.launch().await?;
        Ok(server)
    }

    async fn launch(&mut self) -> io::Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join("server.log"))?;
        let child = Command::new(&self.opts.binary)
            .arg("-c")
            .arg(self.dir.path().join("server.conf"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!("cannot run {}: {e}", self.opts.binary.display()),
                )
            })?;
        self.child = Some(child);
        self.wait_ready().await
    }

    /// Waits until `/healthz` answers 200 (JetStream up), bounded by `READY_TIMEOUT`.
    pub async fn wait_ready(&mut self) -> io::Result<()> {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Some(status) = child.try_wait()? {
                    self.child = None;
                    return Err(io::Error::other(format!(
                        "nats-server exited with {status}: {}",
                        self.log()
                    )));
                }
            }
            if http_get(self.monitor_port, "/healthz")
                .await
                .is_ok_and(|(code, _)| code == 200)
            {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("nats-server not healthy in time: {}", self.log()),
                ));
            }
            sleep(Duration::from_millis(50)).await;
        }
    }

    /// Client URL: `nats://127.0.0.1:PORT`, or `tls://` when TLS is on.
    pub fn url(&self) -> String {
        let scheme = if self.opts.tls.is_some() {
            "tls"
        } else {
            "nats"
        };
        format!("{scheme}://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn monitor_port(&self) -> u16 {
        self.monitor_port
    }

    pub fn name(&self) -> &str {
        &self.opts.name
    }

    pub fn options(&self) -> &NatsOptions {
        &self.opts
    }

    /// The folder holding the config, the log and the JetStream store.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().and_then(Child::id)
    }

    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// The server's log so far (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Graceful shutdown (SIGTERM), falling back to a kill after 10 s.
    pub async fn stop(&mut self) -> io::Result<()> {
        if let Some(pid) = self.pid() {
            signal(pid, "TERM").await?;
        }
        if let Some(mut child) = self.child.take() {
            if tokio::time::timeout(Duration::from_secs(10), child.wait())
                .await
                .is_err()
            {
                child.kill().await?;
            }
        }
        Ok(())
    }

    /// Sudden death (SIGKILL), as a crash or a pulled plug.
    pub async fn kill(&mut self) -> io::Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill().await?;
        }
        Ok(())
    }

    /// Starts again on the same port with the same config and store.
    pub async fn restart(&mut self) -> io::Result<()> {
        if self.child.is_some() {
            self.stop().await?;
        }
        self.launch().await
    }

    /// Enters lame-duck mode (SIGUSR2): stop accepting clients, tell connected ones to leave.
    pub async fn enter_lame_duck(&self) -> io::Result<()> {
        match self.pid() {
            Some(pid) => signal(pid, "USR2").await,
            None => Err(io::Error::other("server is not running")),
        }
    }

    /// GET on the monitoring port, e.g. `/jsz?streams=true`; returns the body.
    pub async fn monitor(&self, path: &str) -> io::Result<String> {
        http_get(self.monitor_port, path)
            .await
            .map(|(_, body)| body)
    }
}

async fn signal(pid: u32, name: &str) -> io::Result<()> {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .await?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("kill -{name} {pid} failed")))
    }
}

fn render_conf(
    opts: &NatsOptions,
    port: u16,
    monitor_port: u16,
    dir: &Path,
    cluster_conf: &str,
) -> String {
    let mut c = format!(
        "server_name: {:?}\nlisten: \"127.0.0.1:{port}\"\nhttp: \"127.0.0.1:{monitor_port}\"\n\
         max_payload: 16MB\nlame_duck_grace_period: \"1s\"\n",
        opts.name
    );
    if opts.jetstream {
        c.push_str(&format!(
            "jetstream {{ store_dir: {:?} }}\n",
            dir.join("js").display().to_string()
        ));
    }
    match &opts.auth {
        Auth::None => {}
        Auth::Token(t) => c.push_str(&format!("authorization {{ token: {t:?} }}\n")),
        Auth::UserPassword { user, password } => c.push_str(&format!(
            "authorization {{ users: [ {{ user: {user:?}, password: {password:?} }} ] }}\n"
        )),
        Auth::Nkey(public) => {
            c.push_str(&format!(
                "authorization {{ users: [ {{ nkey: {public:?} }} ] }}\n"
            ));
        }
        Auth::Operator(op) => c.push_str(&op.server_conf()),
    }
    if let Some(certs) = &opts.tls {
        c.push_str(&certs.server_conf(opts.verify_clients, opts.tls_first));
    }
    c.push_str(cluster_conf);
    c.push_str(&opts.extra);
    c.push('\n');
    c
}

/// A minimal HTTP/1.0 GET against 127.0.0.1, enough for the monitoring endpoints.
async fn http_get(port: u16, path: &str) -> io::Result<(u16, String)> {
    let fut = async {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
        let req = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
        stream.write_all(req.as_bytes()).await?;
        let mut buf = Vec::new();
        stream.read_to_end(&mut buf).await?;
        let text = String::from_utf8_lossy(&buf).into_owned();
        let code = text
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        Ok((code, body))
    };
    tokio::time::timeout(Duration::from_secs(5), fut)
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "monitor request timed out"))?
}
