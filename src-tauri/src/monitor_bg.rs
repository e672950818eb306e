//! Background monitoring: what the monitor's evaluations mean for the tray and for
//! notifications, the close-to-tray behaviour, and opening the window at a consumer.
//! The evaluations themselves run in the core (`sluice-monitor`), window or not.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use sluice_wire::{
    BackgroundPrefs, MonitorSeverity, MonitorSummary, MonitorVerdict, NavRequest, TrayAlert,
    TrayStatus,
};
use tauri::{AppHandle, Manager, Window, WindowEvent};

use crate::nav::Navigator;
use crate::notify::Notifier;
use crate::notify_policy::NotifyPolicy;
use crate::tray::Tray;

const PREFS_FILE: &str = "background.json";
const MAIN_WINDOW: &str = "main";

/// One connection's latest evaluation: its summary and the verdicts worth listing.
#[derive(Default)]
struct ProfileHealth {
    summary: MonitorSummary,
    attention: Vec<MonitorVerdict>,
}

#[derive(Default)]
pub struct Background {
    prefs: Mutex<BackgroundPrefs>,
    prefs_path: OnceLock<PathBuf>,
    paused: AtomicBool,
    profiles: Mutex<BTreeMap<String, ProfileHealth>>,
    policies: Mutex<HashMap<String, NotifyPolicy>>,
    status: Mutex<TrayStatus>,
    /// Touched on the main thread only, so no lock is held while the tray waits for it.
    tray: Mutex<Option<Tray>>,
    tray_present: AtomicBool,
    pub notifier: Notifier,
    pub nav: Navigator,
}

impl Background {
    /// Reads the saved preferences and creates the tray icon.
    pub fn setup(&self, app: &AppHandle) {
        if let Ok(dir) = app.path().app_config_dir() {
            let path = dir.join(PREFS_FILE);
            if let Some(prefs) = std::fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<BackgroundPrefs>(&b).ok())
            {
                *lock(&self.prefs) = prefs;
            }
            let _ = self.prefs_path.set(path);
        }
        let tray = Tray::create(app);
        self.tray_present.store(tray.is_some(), Ordering::Relaxed);
        *lock(&self.tray) = tray;
        self.refresh(app);
    }

    pub fn prefs(&self) -> BackgroundPrefs {
        lock(&self.prefs).clone()
    }

    /// Stores `prefs` (in memory at once, then on disk).
    pub async fn set_prefs(&self, prefs: BackgroundPrefs) -> std::io::Result<()> {
        *lock(&self.prefs) = prefs.clone();
        let Some(path) = self.prefs_path.get() else {
            return Ok(());
        };
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        let json = serde_json::to_vec_pretty(&prefs).map_err(std::io::Error::other)?;
        tokio::fs::write(path, json).await
    }

    pub fn paused(&self) -> bool {
        self.paused.load(Ordering::Relaxed)
    }

    pub fn set_paused(&self, app: &AppHandle, paused: bool) {
        self.paused.store(paused, Ordering::Relaxed);
        if let Some(monitors) = app.try_state::<crate::monitors::Monitors>() {
            monitors.set_paused(paused);
        }
        self.refresh(app);
    }

    pub fn toggle_pause(&self, app: &AppHandle) {
        self.set_paused(app, !self.paused());
    }

    pub fn status(&self) -> TrayStatus {
        lock(&self.status).clone()
    }

    /// Takes one evaluation of connection `profile_id`: updates the tray and raises the
    /// notifications the policy lets through (none while paused).
    pub fn on_evaluation(
        &self,
        app: &AppHandle,
        profile_id: &str,
        summary: MonitorSummary,
        verdicts: &[MonitorVerdict],
    ) {
        let mut attention: Vec<MonitorVerdict> = verdicts
            .iter()
            .filter(|v| v.severity != MonitorSeverity::Ok)
            .cloned()
            .collect();
        attention.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.id.cmp(&b.id)));
        let now = summary.at_ms.max(crate::notify::now_ms());
        lock(&self.profiles).insert(profile_id.to_owned(), ProfileHealth { summary, attention });
        let prefs = self.prefs();
        if !self.paused() {
            let out = {
                let mut policies = lock(&self.policies);
                let max = usize::try_from(prefs.max_notifications_per_minute).unwrap_or(1);
                let policy = policies
                    .entry(profile_id.to_owned())
                    .or_insert_with(|| NotifyPolicy::new(max, 60_000));
                policy.offer(now, verdicts)
            };
            if prefs.notify {
                for o in &out {
                    self.notifier.raise(app, profile_id, o);
                }
            }
        }
        self.refresh(app);
    }

    /// Forgets a connection that closed.
    pub fn remove_profile(&self, app: &AppHandle, profile_id: &str) {
        lock(&self.profiles).remove(profile_id);
        lock(&self.policies).remove(profile_id);
        self.refresh(app);
    }

    /// Shows the window at `consumer_id` in the Health view.
    pub fn open_consumer(&self, app: &AppHandle, profile_id: &str, consumer_id: &str) {
        self.open(
            app,
            NavRequest {
                section: "monitor".into(),
                profile_id: Some(profile_id.to_owned()),
                consumer_id: Some(consumer_id.to_owned()),
                reason: None,
            },
        );
    }

    pub fn open(&self, app: &AppHandle, req: NavRequest) {
        show_window(app);
        self.nav.send(req);
    }

    /// Recomputes the tray status from every connection's latest evaluation.
    pub fn refresh(&self, app: &AppHandle) {
        let visible = window_visible(app);
        let status = build_status(
            &lock(&self.profiles),
            self.paused(),
            self.tray_present.load(Ordering::Relaxed),
            visible,
        );
        *lock(&self.status) = status;
        let handle = app.clone();
        let _ = app.run_on_main_thread(move || {
            let bg = handle.state::<Background>();
            let status = bg.status();
            if let Some(tray) = lock(&bg.tray).as_mut() {
                tray.show(&handle, &status);
            };
        });
    }

    /// Close-to-tray: the main window hides instead of closing while a tray icon exists.
    pub fn on_window_event(&self, window: &Window, event: &WindowEvent) {
        if let WindowEvent::CloseRequested { api, .. } = event {
            let has_tray = self.tray_present.load(Ordering::Relaxed);
            if window.label() != MAIN_WINDOW {
                return;
            }
            if has_tray && self.prefs().close_to_tray {
                api.prevent_close();
                let _ = window.hide();
                self.refresh(window.app_handle());
            } else if crate::quit::must_hold(window.app_handle()) {
                // Closing the main window ends the app: held like File → Quit.
                api.prevent_close();
                crate::quit::hold(window.app_handle());
            }
        }
    }
}

fn build_status(
    profiles: &BTreeMap<String, ProfileHealth>,
    paused: bool,
    tray_present: bool,
    window_visible: bool,
) -> TrayStatus {
    let (mut alert, mut warning, mut consumers) = (0, 0, 0);
    let mut worst = MonitorSeverity::Ok;
    let mut alerts = Vec::new();
    for (profile_id, p) in profiles {
        alert += p.summary.alert;
        warning += p.summary.warning;
        consumers += p.summary.consumers;
        worst = worst.max(p.summary.severity);
        alerts.extend(p.attention.iter().map(|v| TrayAlert {
            profile_id: profile_id.clone(),
            consumer_id: v.id.clone(),
            kind: v.kind,
            label: alert_label(v),
        }));
    }
    alerts.sort_by_key(|a| a.label.starts_with('⚠'));
    let tooltip = if paused {
        format!("Sluice: monitoring paused ({consumers} consumers)")
    } else if alert + warning == 0 {
        format!("Sluice: all {consumers} consumers healthy")
    } else {
        format!("Sluice: {alert} alerting, {warning} warning, of {consumers} consumers")
    };
    TrayStatus {
        severity: if paused { MonitorSeverity::Ok } else { worst },
        paused,
        tooltip,
        alerts: if paused { Vec::new() } else { alerts },
        tray_present,
        window_visible,
    }
}

fn alert_label(v: &MonitorVerdict) -> String {
    let mark = if v.severity == MonitorSeverity::Alert {
        "●"
    } else {
        "⚠"
    };
    format!("{mark} {}: {}", v.id, crate::notify::kind_words(v.kind))
}

fn window_visible(app: &AppHandle) -> bool {
    app.get_webview_window(MAIN_WINDOW)
        .and_then(|w| w.is_visible().ok())
        .unwrap_or(false)
}

/// Shows the main window (also when hidden in the tray) at the view `req` names.
pub fn open_view(app: &AppHandle, req: NavRequest) {
    match app.try_state::<Background>() {
        Some(bg) => bg.open(app, req),
        None => show_window(app),
    }
}

/// Shows, unminimizes and focuses the main window.
pub fn show_window(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(MAIN_WINDOW) {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if let Some(bg) = app.try_state::<Background>() {
        bg.refresh(app);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Registers the background state, creates the tray icon, and makes a click on one of our
/// notifications open its consumer.
pub fn install(app: &AppHandle) {
    use tauri_plugin_notification::NotificationExt;
    app.manage(Background::default());
    app.manage(crate::monitors::Monitors::default());
    app.state::<Background>().setup(app);
    crate::monitors::spawn_follower(app);
    let handle = app.clone();
    let registered = app.notification().on_action(move |action| {
        let bg = handle.state::<Background>();
        let target = action.notification().and_then(|n| {
            let seq = n.extra().get("seq").and_then(serde_json::Value::as_i64);
            let id = seq.and_then(|s| i32::try_from(s).ok()).unwrap_or(n.id());
            bg.notifier.target(id)
        });
        match target {
            Some(req) => bg.open(&handle, req),
            None => show_window(&handle),
        }
    });
    if let Err(e) = registered {
        eprintln!("sluice: notification clicks will not open the app: {e}");
    }
}

/// For `Builder::on_window_event`.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let Some(bg) = window.try_state::<Background>() {
        bg.on_window_event(window, event);
    }
}
