//! The secret value type, its mask, and the rules for names.

use std::fmt;

use zeroize::Zeroizing;

use crate::VaultError;

/// Longest name accepted.
pub const MAX_NAME_LEN: usize = 128;
/// Largest value accepted (a NATS creds file is ~1 KiB; a JWT a few KiB).
pub const MAX_SECRET_LEN: usize = 64 * 1024;

/// A secret text. Its memory is zeroed on drop; `Debug` and `Display` print the mask.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret itself. Call only where it is sent to its destination.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What a UI may show: see [`mask`].
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.masked())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A name and the masked form of its value: all a UI ever gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretEntry {
    pub name: String,
    pub masked: String,
}

/// Eight bullets, plus the last four characters when the value is long enough (≥ 20
/// characters) that four reveal little; the length is not revealed.
pub fn mask(value: &str) -> String {
    const DOTS: &str = "••••••••";
    let chars = value.chars().count();
    if chars < 20 {
        return DOTS.to_owned();
    }
    let tail: String = value.chars().skip(chars - 4).collect();
    format!("{DOTS}{tail}")
}

/// Names are 1–128 characters of `A-Z a-z 0-9 . _ - / :` (e.g. `chat/api-key`,
/// `oauth/github/refresh`), so they are safe in file listings, logs and keychain entries.
pub fn check_name(name: &str) -> Result<(), VaultError> {
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':');
    if name.is_empty() || name.len() > MAX_NAME_LEN || !name.chars().all(ok_char) {
        return Err(VaultError::InvalidName(name.chars().take(40).collect()));
    }
    Ok(())
}

pub(crate) fn check_value(value: &Secret) -> Result<(), VaultError> {
    if value.is_empty() || value.len() > MAX_SECRET_LEN {
        return Err(VaultError::InvalidValue(value.len()));
    }
    Ok(())
}

pub(crate) fn entries(items: &std::collections::BTreeMap<String, Secret>) -> Vec<SecretEntry> {
    items
        .iter()
        .map(|(name, value)| SecretEntry {
            name: name.clone(),
            masked: value.masked(),
        })
        .collect()
}
