use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, ChildKiller, CommandBuilder, MasterPty};
use sluice_wire::{PtyExitStatus, PtyId, PtyOpenOptions, PtySessionInfo, PtySize};

use crate::host_env;
use crate::pump::Pump;
use crate::{PtyError, PtyLimits, PtyOutput, PtyStats};

/// Input writes queued and not yet written to the terminal; past this `write` refuses.
const INPUT_QUEUE: usize = 256;
/// How long a child may take to go after SIGHUP before it gets SIGKILL.
#[cfg(unix)]
const KILL_GRACE: Duration = Duration::from_secs(2);

/// One terminal: a child process on a pseudo-terminal, its output path and its input.
/// Dropping it closes it (the child is signalled and delivery stops).
pub struct PtySession {
    id: PtyId,
    info: Mutex<PtySessionInfo>,
    master: Mutex<Box<dyn MasterPty + Send>>,
    input: std::sync::mpsc::SyncSender<Vec<u8>>,
    killer: Mutex<Box<dyn ChildKiller + Send + Sync>>,
    pump: Arc<Pump>,
    exit: Arc<ExitCell>,
}

/// The exit status once `wait()` returned, with a condvar for waiters.
#[derive(Default)]
struct ExitCell {
    status: Mutex<Option<PtyExitStatus>>,
    set: Condvar,
}

impl ExitCell {
    fn lock(&self) -> MutexGuard<'_, Option<PtyExitStatus>> {
        self.status.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait(&self, timeout: Duration) -> Option<PtyExitStatus> {
        let deadline = Instant::now() + timeout;
        let mut status = self.lock();
        while status.is_none() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            status = self
                .set
                .wait_timeout(status, left)
                .map(|(g, _)| g)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        status.clone()
    }
}

impl PtySession {
    /// Starts `opts.command` (or the user's login shell) on a new pseudo-terminal and
    /// starts delivering its output to `output`.
    pub fn spawn(
        id: PtyId,
        opts: &PtyOpenOptions,
        limits: PtyLimits,
        output: impl PtyOutput,
    ) -> Result<Self, PtyError> {
        let size = opts.size.unwrap_or_default();
        if size.rows == 0 || size.cols == 0 {
            return Err(PtyError::BadSize);
        }
        if let Some(cwd) = &opts.cwd {
            if !Path::new(cwd).is_dir() {
                return Err(PtyError::BadCwd(cwd.clone()));
            }
        }
        let pair = native_pty_system()
            .openpty(to_native(size))
            .map_err(|e| PtyError::Open(format!("{e:#}")))?;
        let mut cmd = if opts.command.is_empty() {
            CommandBuilder::new_default_prog()
        } else {
            CommandBuilder::from_argv(opts.command.iter().map(OsString::from).collect())
        };
        // Started from an AppImage: the shell gets the environment the user had.
        for change in host_env::scrub(std::env::vars_os()) {
            match change {
                host_env::Change::Remove(key) => cmd.env_remove(key),
                host_env::Change::Set(key, value) => cmd.env(key, value),
            }
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("COLORTERM", "truecolor");
        for (key, value) in &opts.env {
            cmd.env(key, value);
        }
        if let Some(cwd) = &opts.cwd {
            cmd.cwd(cwd);
        }
        let command = if opts.command.is_empty() {
            vec![cmd.get_shell()]
        } else {
            opts.command.clone()
        };
        let mut child = pair.slave.spawn_command(cmd).map_err(|e| PtyError::Spawn {
            command: command.join(" "),
            reason: format!("{e:#}"),
        })?;
        // Our copy of the child's end must go, or the reader never sees the end of output.
        drop(pair.slave);
        let mut killer = child.clone_killer();
        let pid = child.process_id();
        let io = pair
            .master
            .try_clone_reader()
            .and_then(|r| Ok((r, pair.master.take_writer()?)));
        let (reader, writer) = match io {
            Ok(io) => io,
            Err(e) => {
                let _ = killer.kill();
                return Err(PtyError::Open(format!("{e:#}")));
            }
        };
        let pump = Pump::new(limits, Box::new(output));
        let exit = Arc::new(ExitCell::default());
        let (input, input_rx) = sync_channel(INPUT_QUEUE);
        if let Err(err) = start_threads(id, &pump, reader, writer, input_rx) {
            let _ = killer.kill();
            pump.close();
            return Err(err);
        }
        spawn_thread(format!("pty-{id}-wait"), {
            let (pump, exit) = (Arc::clone(&pump), Arc::clone(&exit));
            move || {
                let status = match child.wait() {
                    Ok(s) => PtyExitStatus {
                        code: s.exit_code(),
                        signal: s.signal().map(str::to_owned),
                        success: s.success(),
                    },
                    Err(e) => PtyExitStatus {
                        code: 1,
                        signal: Some(format!("wait failed: {e}")),
                        success: false,
                    },
                };
                *exit.lock() = Some(status.clone());
                exit.set.notify_all();
                pump.set_exit(status);
            }
        })
        .inspect_err(|_| {
            let _ = killer.kill();
            pump.close();
        })?;
        let info = PtySessionInfo {
            id,
            pid,
            command,
            cwd: opts.cwd.clone(),
            size,
        };
        Ok(Self {
            id,
            info: Mutex::new(info),
            master: Mutex::new(pair.master),
            input,
            killer: Mutex::new(killer),
            pump,
            exit,
        })
    }

    pub fn id(&self) -> PtyId {
        self.id
    }

    pub fn info(&self) -> PtySessionInfo {
        lock(&self.info).clone()
    }

    /// Queues input for the child (keys, or a paste already prepared by the terminal view).
    /// Never blocks: a child that stopped reading its input makes this fail with
    /// `InputBusy` once the queue is full.
    pub fn write(&self, bytes: impl Into<Vec<u8>>) -> Result<(), PtyError> {
        let bytes = bytes.into();
        if bytes.is_empty() {
            return Ok(());
        }
        self.input.try_send(bytes).map_err(|e| match e {
            TrySendError::Full(_) => PtyError::InputBusy(self.id),
            TrySendError::Disconnected(_) => PtyError::Ended(self.id),
        })
    }

    /// Pastes text as a terminal does: line breaks become carriage returns, and with
    /// `bracketed` (the application enabled bracketed paste) the text is wrapped so the
    /// shell does not run it line by line. Escape bytes inside are dropped so a paste
    /// cannot end the bracket early.
    pub fn paste(&self, text: &str, bracketed: bool) -> Result<(), PtyError> {
        let body = text.replace("\r\n", "\r").replace('\n', "\r");
        let mut bytes = Vec::with_capacity(body.len() + 12);
        if bracketed {
            bytes.extend_from_slice(b"\x1b[200~");
            bytes.extend(body.bytes().filter(|b| *b != 0x1b));
            bytes.extend_from_slice(b"\x1b[201~");
        } else {
            bytes.extend_from_slice(body.as_bytes());
        }
        self.write(bytes)
    }

    /// Resizes the terminal; the child gets SIGWINCH and sees the new size.
    pub fn resize(&self, size: PtySize) -> Result<(), PtyError> {
        if size.rows == 0 || size.cols == 0 {
            return Err(PtyError::BadSize);
        }
        lock(&self.master)
            .resize(to_native(size))
            .map_err(|e| PtyError::Resize {
                id: self.id,
                reason: format!("{e:#}"),
            })?;
        lock(&self.info).size = size;
        Ok(())
    }

    /// The output consumer processed `bytes` more bytes (xterm.js `write` callbacks).
    pub fn ack(&self, bytes: u64) {
        self.pump.ack(bytes);
    }

    /// Replaces the output (a view re-attached): it gets the scrollback replay first.
    pub fn attach(&self, output: impl PtyOutput) {
        self.pump.attach(Box::new(output));
    }

    /// Drops the output; the child keeps running and its output feeds the scrollback.
    pub fn detach(&self) {
        self.pump.detach();
    }

    /// Asks the child to end (SIGHUP, as when a terminal closes), then forces it (SIGKILL)
    /// if it is still there after a grace period. Returns at once.
    pub fn kill(&self) -> Result<(), PtyError> {
        if self.exit_status().is_some() {
            return Ok(());
        }
        lock(&self.killer).kill().map_err(|e| PtyError::Kill {
            id: self.id,
            reason: e.to_string(),
        })?;
        #[cfg(unix)]
        if let Some(pid) = self.pid() {
            let exit = Arc::clone(&self.exit);
            let _ = spawn_thread(format!("pty-{}-kill", self.id), move || {
                if exit.wait(KILL_GRACE).is_none() {
                    let pid = nix::unistd::Pid::from_raw(pid);
                    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
                }
            });
        }
        Ok(())
    }

    /// Kills the child if it still runs and stops delivering output. Idempotent.
    pub fn close(&self) {
        let _ = self.kill();
        self.pump.close();
    }

    /// The exit status, once the child has exited.
    pub fn exit_status(&self) -> Option<PtyExitStatus> {
        lock(&self.exit.status).clone()
    }

    /// Waits up to `timeout` for the child to exit.
    pub fn wait_exit(&self, timeout: Duration) -> Option<PtyExitStatus> {
        self.exit.wait(timeout)
    }

    pub fn stats(&self) -> PtyStats {
        self.pump.stats()
    }

    pub fn pid(&self) -> Option<i32> {
        lock(&self.info).pid.and_then(|p| i32::try_from(p).ok())
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        self.close();
    }
}

/// The reader, delivery and input threads of a session.
fn start_threads(
    id: PtyId,
    pump: &Arc<Pump>,
    reader: Box<dyn std::io::Read + Send>,
    mut writer: Box<dyn Write + Send>,
    input_rx: Receiver<Vec<u8>>,
) -> Result<(), PtyError> {
    let p = Arc::clone(pump);
    spawn_thread(format!("pty-{id}-read"), move || p.read_loop(reader))?;
    let p = Arc::clone(pump);
    spawn_thread(format!("pty-{id}-deliver"), move || p.deliver_loop())?;
    spawn_thread(format!("pty-{id}-input"), move || {
        for bytes in input_rx {
            if writer
                .write_all(&bytes)
                .and_then(|()| writer.flush())
                .is_err()
            {
                break;
            }
        }
    })?;
    Ok(())
}

fn spawn_thread(name: String, f: impl FnOnce() + Send + 'static) -> Result<(), PtyError> {
    std::thread::Builder::new()
        .name(name)
        .spawn(f)
        .map(drop)
        .map_err(PtyError::Thread)
}

fn to_native(size: PtySize) -> portable_pty::PtySize {
    portable_pty::PtySize {
        rows: size.rows,
        cols: size.cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
