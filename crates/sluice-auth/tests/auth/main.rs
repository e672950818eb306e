//! Sign-in against a real authorization server on 127.0.0.1 (sluice-testkit's OAuth fixture).

mod common;
mod flow;
mod hostile;
mod loopback;
mod provider;
mod refresh;
mod restore;
mod vault;
