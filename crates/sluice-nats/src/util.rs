//! Small conversions shared by the modules: clocks, payload encoding, headers, timestamps.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sluice_wire::NatsHeader;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub fn unb64(text: &str) -> Result<Vec<u8>, crate::NatsError> {
    STANDARD
        .decode(text)
        .map_err(|e| crate::NatsError::InvalidInput(format!("payload is not base64: {e}")))
}

/// RFC 3339 (as the server writes it) to ms since the Unix epoch; 0 for Go's zero time.
pub fn rfc3339_ms(text: &str) -> u64 {
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .and_then(|t| u64::try_from(t.unix_timestamp_nanos() / 1_000_000).ok())
        .unwrap_or(0)
}

pub fn headers_of(map: Option<&async_nats::HeaderMap>) -> Vec<NatsHeader> {
    let Some(map) = map else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, values) in map.iter() {
        for v in values {
            out.push(NatsHeader {
                name: name.to_string(),
                value: v.to_string(),
            });
        }
    }
    out
}

/// Parses the `NATS/1.0` header block stored with a JetStream message.
pub fn parse_header_block(raw: &[u8]) -> Vec<NatsHeader> {
    let text = String::from_utf8_lossy(raw);
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| NatsHeader {
            name: n.trim().to_owned(),
            value: v.trim().to_owned(),
        })
        .collect()
}

pub fn header_map(headers: &[NatsHeader]) -> async_nats::HeaderMap {
    let mut map = async_nats::HeaderMap::new();
    for h in headers {
        map.append(h.name.as_str(), h.value.as_str());
    }
    map
}

/// NATS subject matching: `*` matches one token, `>` the rest (one or more tokens).
pub fn subject_matches(filter: &str, subject: &str) -> bool {
    let mut f = filter.split('.');
    let mut s = subject.split('.');
    loop {
        match (f.next(), s.next()) {
            (Some(">"), Some(_)) => return true,
            (Some("*"), Some(_)) => {}
            (Some(a), Some(b)) if a == b => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

/// True when every subject `inner` can match is also matched by `outer`.
pub fn subject_covers(outer: &str, inner: &str) -> bool {
    let o: Vec<&str> = outer.split('.').collect();
    let i: Vec<&str> = inner.split('.').collect();
    for (k, tok) in o.iter().enumerate() {
        match (*tok, i.get(k)) {
            (">", Some(_)) => return true,
            ("*", Some(t)) if *t != ">" => {}
            (a, Some(b)) if a == *b && a != "*" && a != ">" => {}
            _ => return false,
        }
    }
    o.len() == i.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_match_and_cover() {
        assert!(subject_matches("a.*.c", "a.b.c"));
        assert!(subject_matches("a.>", "a.b.c"));
        assert!(!subject_matches("a.>", "a"));
        assert!(subject_covers("a.>", "a.*.c"));
        assert!(subject_covers("a.*", "a.b"));
        assert!(!subject_covers("a.b", "a.*"));
        assert!(!subject_covers("a.*", "a.>"));
        assert_eq!(rfc3339_ms("1970-01-01T00:00:01.5Z"), 1500);
        assert_eq!(rfc3339_ms("0001-01-01T00:00:00Z"), 0);
    }
}
