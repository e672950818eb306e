//! Test fixtures that run the real thing: processes and servers bound to 127.0.0.1 on
//! random ports, torn down on drop. One module per kind of peer.

pub mod http;
pub mod nats;
pub mod net;
pub mod oauth;
pub mod ws;
