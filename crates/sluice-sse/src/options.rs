//! Options of an SSE stream: what to request and how to keep it alive.

use std::time::Duration;

use sluice_wire::{HttpMethod, KeepaliveRule, RetrySettings, SseSettings};

use crate::DEFAULT_MAX_EVENT_BYTES;

/// How a stream reconnects. See [`RetryPolicy::delay`].
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub initial_delay: Duration,
    pub max_delay: Duration,
    /// Consecutive failures allowed before giving up; `None` retries forever. Reset once a
    /// connection delivers an event.
    pub max_retries: Option<u32>,
    /// Retry HTTP 5xx/408/429 too (EventSource gives up on any non-200).
    pub retry_http_errors: bool,
    /// Fraction of the delay taken off at random, so many clients do not return in step.
    pub jitter: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self::from(&RetrySettings::default())
    }
}

impl From<&RetrySettings> for RetryPolicy {
    fn from(s: &RetrySettings) -> Self {
        Self {
            initial_delay: Duration::from_millis(s.initial_delay_ms),
            max_delay: Duration::from_millis(s.max_delay_ms),
            max_retries: s.max_retries,
            retry_http_errors: s.retry_http_errors,
            jitter: 0.2,
        }
    }
}

impl RetryPolicy {
    /// Delay before attempt `attempt` (1 for the first retry): the base (the server's
    /// `retry:` when it sent one) doubled per consecutive failure, capped, minus jitter. The
    /// cap never cuts below the server's own value.
    pub fn delay(&self, attempt: u32, server_retry: Option<Duration>) -> Duration {
        let base = server_retry.unwrap_or(self.initial_delay);
        let cap = self.max_delay.max(base);
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(20));
        let full = base.saturating_mul(factor).min(cap);
        let jitter = self.jitter.clamp(0.0, 1.0) * fastrand::f64();
        full.mul_f64(1.0 - jitter)
    }
}

/// Everything one SSE stream needs. Build with [`SseOptions::new`] and adjust the fields.
#[derive(Debug, Clone)]
pub struct SseOptions {
    pub url: String,
    pub method: HttpMethod,
    pub headers: Vec<(String, String)>,
    /// Sent as `Authorization: Bearer …`; never logged or sent to the UI.
    pub bearer: Option<String>,
    pub body: Option<String>,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    /// No bytes (not even comments) for this long: the connection is dead, reconnect.
    pub idle_timeout: Duration,
    pub max_event_bytes: usize,
    pub keepalive: Option<KeepaliveRule>,
    /// Sent as `Last-Event-ID` on the first connection.
    pub last_event_id: Option<String>,
}

impl SseOptions {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            method: HttpMethod::Get,
            headers: Vec::new(),
            bearer: None,
            body: None,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_event_bytes: DEFAULT_MAX_EVENT_BYTES,
            keepalive: None,
            last_event_id: None,
        }
    }

    /// Options from the UI's settings; `bearer` is the secret `authRef` names, resolved by
    /// the caller.
    pub fn from_settings(settings: &SseSettings, bearer: Option<String>) -> Self {
        Self {
            url: settings.url.clone(),
            method: settings.method,
            headers: settings
                .headers
                .iter()
                .map(|h| (h.name.clone(), h.value.clone()))
                .collect(),
            bearer,
            body: settings.body.clone(),
            retry: RetryPolicy::from(&settings.retry),
            idle_timeout: Duration::from_millis(settings.idle_timeout_ms.max(1)),
            max_event_bytes: usize::try_from(settings.max_event_bytes)
                .unwrap_or(usize::MAX)
                .max(1),
            keepalive: settings.keepalive.clone(),
            last_event_id: settings.last_event_id.clone(),
            ..Self::new(settings.url.clone())
        }
    }
}
