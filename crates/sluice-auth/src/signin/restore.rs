//! Taking up a kept session once its store can be read (the app's vault is unlocked later
//! than sign-in starts).

use super::{blocking, lock, SignIn};
use crate::tokens::now_ms;
use crate::AuthError;

/// What [`SignIn::restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restored {
    /// A change made while the store was unavailable was written to it.
    Saved,
    /// The session in use was written to the store again.
    Kept,
    /// The store holds no session.
    Nothing,
    /// The kept session is in use (refreshed first when it had expired).
    SignedIn { refreshed: bool },
    /// The kept session could not be used and was removed; the reason, for people.
    SignedOut(String),
}

impl SignIn {
    /// The store became usable (a locked vault was unlocked): writes what was held back
    /// while it was not, or takes up the session it kept, refreshing it first when it has
    /// expired. A kept session that cannot be used is removed, and the reason published.
    pub async fn restore(&self) -> Result<Restored, AuthError> {
        let store = self.store.clone();
        if blocking(move || store.flush()).await? {
            return Ok(Restored::Saved);
        }
        let current = lock(&self.tokens).clone();
        if let Some(current) = current {
            // Signed in already (e.g. the vault was replaced): the store gets this session.
            let store = self.store.clone();
            blocking(move || store.save(&current)).await?;
            return Ok(Restored::Kept);
        }
        let store = self.store.clone();
        let Some(kept) = blocking(move || store.load()).await? else {
            return Ok(Restored::Nothing);
        };
        let provider = self.endpoints().map(|e| e.key());
        if provider.is_some() && kept.granted_by.is_some() && provider != kept.granted_by {
            return self
                .drop_kept("it was granted by a different provider")
                .await;
        }
        let expired = kept.expires_at_ms.is_some_and(|at| at <= now_ms());
        *lock(&self.tokens) = Some(kept);
        self.publish(None);
        if !expired {
            self.wake.notify_one();
            return Ok(Restored::SignedIn { refreshed: false });
        }
        match self.refresh().await {
            Ok(()) => {
                self.wake.notify_one();
                Ok(Restored::SignedIn { refreshed: true })
            }
            Err(e) if e.is_grant_rejected() || e == AuthError::NoRefreshToken => {
                self.drop_kept(&format!("it expired and could not be renewed: {e}"))
                    .await
            }
            // Unreachable provider: kept, and the refresher tries again.
            Err(e) => {
                self.wake.notify_one();
                Err(e)
            }
        }
    }

    async fn drop_kept(&self, why: &str) -> Result<Restored, AuthError> {
        self.forget().await?;
        let reason = format!("The saved sign-in was removed: {why}. Sign in again.");
        self.publish(Some(reason.clone()));
        self.wake.notify_one();
        Ok(Restored::SignedOut(reason))
    }
}
