//! Typed failures, each with the way out shown to the user.

use std::path::PathBuf;

/// What went wrong. [`VaultError::recovery`] says what the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("no vault exists yet at {0}")]
    Absent(PathBuf),
    #[error("a vault already exists at {0}")]
    Exists(PathBuf),
    #[error("the vault is locked")]
    Locked,
    #[error("wrong password")]
    WrongPassword,
    #[error("the vault file {path} is damaged: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("the vault file {path} was written by a newer Sluice (format {version})")]
    UnsupportedVersion { path: PathBuf, version: u8 },
    #[error("{0:?} is not a valid secret name (1–128 of A-Z a-z 0-9 . _ - / :)")]
    InvalidName(String),
    #[error("a secret must be 1 byte to 64 KiB long (got {0} bytes)")]
    InvalidValue(usize),
    #[error("the password must be at least 8 characters")]
    WeakPassword,
    #[error("vault file {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("OS keychain: {0}")]
    Keychain(String),
}

impl VaultError {
    /// The way out, in words for the person at the screen.
    pub fn recovery(&self) -> String {
        match self {
            Self::Absent(_) => "Create a vault with a password.".into(),
            Self::Exists(_) => "Unlock the existing vault instead.".into(),
            Self::Locked => "Unlock the vault with its password.".into(),
            Self::WrongPassword => "Try the password again. If it is lost, the secrets cannot \
                be recovered: move the vault file aside and create a new vault."
                .into(),
            Self::Corrupt { path, .. } | Self::UnsupportedVersion { path, .. } => format!(
                "Move {} aside (keep it in case a backup or a newer Sluice can read it) and \
                 create a new vault; then enter the secrets again.",
                path.display()
            ),
            Self::InvalidName(_) | Self::InvalidValue(_) | Self::WeakPassword => {
                "Correct the input and try again.".into()
            }
            Self::Io { path, .. } => format!(
                "Check that {} is readable and writable by you and the disk is not full.",
                path.display()
            ),
            Self::Keychain(_) => "Check that the OS keychain (Secret Service on Linux) is \
                running and unlocked, or use the encrypted vault."
                .into(),
        }
    }

    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_owned(),
            source,
        }
    }
}
