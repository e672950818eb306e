use serde::Serialize;

/// What a missing piece blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Running the desktop app.
    App,
    /// Running the test suite.
    Tests,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// Works, but with a caveat worth knowing (e.g. no display, Xvfb will be used).
    Warn,
    Missing,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub need: Need,
    pub status: Status,
    /// What was found (version, path) or what is wrong.
    pub detail: String,
    /// How to fix it; empty when nothing needs doing.
    pub fix: String,
}

pub fn render(checks: &[Check]) -> String {
    let mut out = String::new();
    for c in checks {
        let mark = match c.status {
            Status::Ok => "ok  ",
            Status::Warn => "warn",
            Status::Missing => "MISS",
        };
        let need = match c.need {
            Need::App => "app",
            Need::Tests => "tests",
        };
        out.push_str(&format!(
            "[{mark}] {:<16} ({need:<5}) {}\n",
            c.name, c.detail
        ));
        if !c.fix.is_empty() {
            out.push_str(&format!("       fix: {}\n", c.fix));
        }
    }
    let missing = checks
        .iter()
        .filter(|c| c.status == Status::Missing)
        .count();
    if missing == 0 {
        out.push_str("Everything Sluice needs is here.\n");
    } else {
        out.push_str(&format!(
            "{missing} missing. scripts/run and scripts/test install these on Debian/Ubuntu.\n"
        ));
    }
    out
}
