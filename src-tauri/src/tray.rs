//! The tray icon: overall health as its colour, counts in its tooltip, and a menu with the
//! current alerts, "Pause monitoring", "Open Sluice" and "Quit".

use sluice_wire::{MonitorSeverity, TrayStatus};
use tauri::image::Image;
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIcon, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Wry};

use crate::monitor_bg::Background;

const OK_ICON: &[u8] = include_bytes!("../icons/tray-ok.png");
const WARNING_ICON: &[u8] = include_bytes!("../icons/tray-warning.png");
const ALERT_ICON: &[u8] = include_bytes!("../icons/tray-alert.png");
/// Menu entries for alerts beyond this are summarised in one disabled line.
const MENU_ALERTS: usize = 10;

const ID_OPEN: &str = "open";
const ID_PAUSE: &str = "pause";
const ID_QUIT: &str = "quit";
const ALERT_PREFIX: &str = "alert:";
/// Between the profile id and the consumer id of an alert item's id.
const SEP: char = '\u{1f}';

pub struct Tray {
    icon: TrayIcon,
    /// What the icon and menu show now, so an unchanged poll costs nothing.
    shown: Option<TrayStatus>,
}

impl Tray {
    /// Creates the tray icon; `None` (logged) where the desktop offers none.
    pub fn create(app: &AppHandle) -> Option<Self> {
        let built = icon_for(MonitorSeverity::Ok).and_then(|icon| {
            TrayIconBuilder::with_id("sluice")
                .icon(icon)
                .tooltip("Sluice")
                .show_menu_on_left_click(false)
                .on_menu_event(on_menu)
                .on_tray_icon_event(|tray, event| {
                    if let TrayIconEvent::Click {
                        button: MouseButton::Left,
                        button_state: MouseButtonState::Up,
                        ..
                    } = event
                    {
                        crate::monitor_bg::show_window(tray.app_handle());
                    }
                })
                .build(app)
        });
        match built {
            Ok(icon) => Some(Self { icon, shown: None }),
            Err(e) => {
                eprintln!("sluice: no tray icon: {e}");
                None
            }
        }
    }

    /// Brings the icon, tooltip and menu up to `status`.
    pub fn show(&mut self, app: &AppHandle, status: &TrayStatus) {
        let old = self.shown.as_ref();
        if old.map(|s| (s.severity, s.paused)) != Some((status.severity, status.paused)) {
            let shown = if status.paused {
                MonitorSeverity::Ok
            } else {
                status.severity
            };
            if let Err(e) = icon_for(shown).and_then(|i| self.icon.set_icon(Some(i))) {
                eprintln!("sluice: tray icon not updated: {e}");
            }
        }
        if old.map(|s| &s.tooltip) != Some(&status.tooltip) {
            let _ = self.icon.set_tooltip(Some(&status.tooltip));
        }
        if old.map(|s| (&s.alerts, s.paused)) != Some((&status.alerts, status.paused)) {
            match menu(app, status) {
                Ok(m) => {
                    let _ = self.icon.set_menu(Some(m));
                }
                Err(e) => eprintln!("sluice: tray menu not updated: {e}"),
            }
        }
        self.shown = Some(status.clone());
    }
}

fn icon_for(severity: MonitorSeverity) -> tauri::Result<Image<'static>> {
    Image::from_bytes(match severity {
        MonitorSeverity::Ok => OK_ICON,
        MonitorSeverity::Warning => WARNING_ICON,
        MonitorSeverity::Alert => ALERT_ICON,
    })
}

fn menu(app: &AppHandle, status: &TrayStatus) -> tauri::Result<Menu<Wry>> {
    let mut alerts: Vec<MenuItem<Wry>> = Vec::new();
    for a in status.alerts.iter().take(MENU_ALERTS) {
        // The target is in the id itself, so a click still finds it after the list changed.
        let id = format!("{ALERT_PREFIX}{}{SEP}{}", a.profile_id, a.consumer_id);
        alerts.push(MenuItem::with_id(app, id, &a.label, true, None::<&str>)?);
    }
    if status.alerts.len() > MENU_ALERTS {
        let more = status.alerts.len() - MENU_ALERTS;
        let text = format!("…and {more} more (open Sluice)");
        alerts.push(MenuItem::with_id(app, ID_OPEN, text, true, None::<&str>)?);
    }
    if status.alerts.is_empty() {
        let text = if status.paused {
            "Monitoring paused"
        } else {
            "No alerts"
        };
        alerts.push(MenuItem::new(app, text, false, None::<&str>)?);
    }
    let sep = PredefinedMenuItem::separator(app)?;
    let pause = CheckMenuItem::with_id(
        app,
        ID_PAUSE,
        "Pause monitoring",
        true,
        status.paused,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(app, ID_OPEN, "Open Sluice", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, ID_QUIT, "Quit", true, None::<&str>)?;
    let mut items: Vec<&dyn IsMenuItem<Wry>> = Vec::new();
    items.extend(alerts.iter().map(|a| a as &dyn IsMenuItem<Wry>));
    items.extend([&sep as &dyn IsMenuItem<Wry>, &pause, &open, &quit]);
    Menu::with_items(app, &items)
}

fn on_menu(app: &AppHandle, event: MenuEvent) {
    let id = event.id().as_ref();
    let bg = app.state::<Background>();
    match id {
        ID_OPEN => crate::monitor_bg::show_window(app),
        ID_PAUSE => bg.toggle_pause(app),
        // Held while a sign-in waits for the vault; else exits through RunEvent::Exit.
        ID_QUIT => crate::quit::request(app),
        _ => {
            let target = id
                .strip_prefix(ALERT_PREFIX)
                .and_then(|t| t.split_once(SEP));
            if let Some((profile, consumer)) = target {
                bg.open_consumer(app, profile, consumer);
            }
        }
    }
}
