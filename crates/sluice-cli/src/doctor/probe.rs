use std::path::PathBuf;
use std::process::Command;

/// Where checks look at the machine. Kept behind a trait so the checks can be tested
/// against a described machine as well as this one.
pub trait Probe {
    fn env(&self, name: &str) -> Option<String>;
    fn which(&self, program: &str) -> Option<PathBuf>;
    /// First line of a program's combined output, if it ran and exited successfully.
    fn output(&self, program: &str, args: &[&str]) -> Option<String>;
}

pub struct SystemProbe;

impl Probe for SystemProbe {
    fn env(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }

    fn which(&self, program: &str) -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| {
                let plain = dir.join(program);
                let exe = dir.join(format!("{program}.exe"));
                [plain, exe]
            })
            .find(|p| p.is_file())
    }

    fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = Command::new(program).args(args).output().ok()?;
        if !out.status.success() {
            return None;
        }
        let text = if out.stdout.is_empty() {
            out.stderr
        } else {
            out.stdout
        };
        String::from_utf8_lossy(&text)
            .lines()
            .next()
            .map(|l| l.trim().to_owned())
    }
}
