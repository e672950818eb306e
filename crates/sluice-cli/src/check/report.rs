//! The verdicts as a table for people or JSON for scripts.

use std::fmt::Write;

use sluice_monitor::MonitorSnapshot;
use sluice_wire::{MonitorSeverity, MonitorVerdictKind};

fn severity(s: MonitorSeverity) -> &'static str {
    match s {
        MonitorSeverity::Ok => "OK",
        MonitorSeverity::Warning => "WARNING",
        MonitorSeverity::Alert => "CRITICAL",
    }
}

fn kind(k: MonitorVerdictKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn table(snap: &MonitorSnapshot) -> String {
    let rows: Vec<[String; 5]> = snap
        .verdicts
        .iter()
        .map(|v| {
            [
                severity(v.severity).to_owned(),
                kind(v.kind),
                v.id.clone(),
                if v.filter_subjects.is_empty() {
                    ">".to_owned()
                } else {
                    v.filter_subjects.join(",")
                },
                v.reason.clone(),
            ]
        })
        .collect();
    let head = ["STATUS", "VERDICT", "CONSUMER", "FILTER", "REASON"];
    let mut widths = head.map(str::len);
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; 5]| {
        let mut l = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i == 4 {
                l.push_str(cell);
            } else {
                let _ = write!(l, "{cell:<w$}  ");
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(head);
    for r in &rows {
        line([&r[0], &r[1], &r[2], &r[3], &r[4]]);
    }
    let s = &snap.summary;
    let _ = write!(
        out,
        "{}: {} consumers, {} ok ({} idle, {} paused), {} warning, {} critical",
        severity(s.severity),
        s.consumers,
        s.ok,
        s.idle,
        s.paused,
        s.warning,
        s.alert
    );
    out
}

pub fn json(snap: &MonitorSnapshot) -> String {
    let value = serde_json::json!({
        "summary": snap.summary,
        "verdicts": *snap.verdicts,
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}
