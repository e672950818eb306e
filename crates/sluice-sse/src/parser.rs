//! Incremental parser for the WHATWG `text/event-stream` format.
//!
//! Bytes are fed as they arrive; a partial line is carried over and only the new bytes are
//! scanned, so one huge line arriving in many chunks costs linear time (re-parsing the
//! buffer from the start on every chunk is quadratic). Every buffer is bounded by the event
//! size cap.

use std::borrow::Cow;

use memchr::{memchr, memchr2};

/// Default cap on one event: its data, its event name and the line being read.
pub const DEFAULT_MAX_EVENT_BYTES: usize = 8 * 1024 * 1024;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// An event grew past the size cap. The parser has dropped what it held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTooLarge {
    pub limit: usize,
}

impl std::fmt::Display for EventTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "an event exceeded the size cap of {} bytes", self.limit)
    }
}

impl std::error::Error for EventTooLarge {}

/// One dispatched event, borrowed from the parser's buffers. Invalid UTF-8 reads as U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEvent<'a> {
    /// The `event:` field, `"message"` when absent.
    pub event: Cow<'a, str>,
    /// The `data:` lines joined with `\n`.
    pub data: Cow<'a, str>,
    /// The last event id at dispatch (it persists across events, as in EventSource).
    pub id: Cow<'a, str>,
}

/// What the parser reports, in stream order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed<'a> {
    Event(ParsedEvent<'a>),
    /// A valid `retry:` field: the server's reconnection time in milliseconds.
    Retry(u64),
}

/// Whether the stream start (where a BOM may sit) has been passed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Holds this many bytes that match the start of a BOM so far.
    Pending(usize),
    Done,
}

/// Incremental `text/event-stream` parser. See the module docs.
#[derive(Debug)]
pub struct Parser {
    max: usize,
    start: Start,
    /// A line whose end has not arrived yet.
    line: Vec<u8>,
    /// The previous chunk ended in CR: a LF at the start of the next one belongs to it.
    skip_lf: bool,
    data: Vec<u8>,
    event: Vec<u8>,
    /// The last event id buffer (set by `id:` fields).
    last_id: Vec<u8>,
    /// The last event id as of the last dispatch; this is what a reconnect sends.
    committed_id: Vec<u8>,
}

impl Default for Parser {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_EVENT_BYTES)
    }
}

impl Parser {
    /// A parser that fails once one event (or one line) exceeds `max_event_bytes`.
    pub fn new(max_event_bytes: usize) -> Self {
        Self {
            max: max_event_bytes.max(1),
            start: Start::Pending(0),
            line: Vec::new(),
            skip_lf: false,
            data: Vec::new(),
            event: Vec::new(),
            last_id: Vec::new(),
            committed_id: Vec::new(),
        }
    }

    /// Starts a new stream (a reconnect): partial lines and events are forgotten, the last
    /// event id is kept, and a BOM is accepted again.
    pub fn reset_stream(&mut self) {
        self.start = Start::Pending(0);
        self.line.clear();
        self.skip_lf = false;
        self.data.clear();
        self.event.clear();
        self.last_id.clone_from(&self.committed_id);
    }

    /// The last event id as of the last dispatched event, as EventSource keeps it.
    pub fn last_event_id(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.committed_id)
    }

    /// Resumes from `id` (a reconnect's `Last-Event-ID`) until the stream sets another. An
    /// id a stream could not have set (NUL, CR, LF) is ignored.
    pub fn set_last_event_id(&mut self, id: &str) {
        if id.bytes().any(|b| matches!(b, 0 | b'\r' | b'\n')) {
            return;
        }
        self.last_id.clear();
        self.last_id.extend_from_slice(id.as_bytes());
        self.committed_id.clone_from(&self.last_id);
    }

    /// Bytes buffered for the event in progress (bounded by the cap).
    pub fn buffered(&self) -> usize {
        self.line.len() + self.data.len() + self.event.len()
    }

    /// Feeds the next chunk; `out` sees each event and retry as soon as it is complete.
    pub fn feed<F>(&mut self, chunk: &[u8], out: &mut F) -> Result<(), EventTooLarge>
    where
        F: FnMut(Parsed<'_>),
    {
        let mut chunk = chunk;
        if let Start::Pending(seen) = self.start {
            // Match the chunk against the rest of the BOM, which may be split across chunks.
            let want = &BOM[seen..];
            let n = want.len().min(chunk.len());
            if chunk[..n] == want[..n] {
                if n < want.len() {
                    self.start = Start::Pending(seen + n);
                    return Ok(());
                }
                self.start = Start::Done;
                chunk = &chunk[n..];
            } else {
                self.start = Start::Done;
                // The held bytes were not a BOM after all: they are content.
                let held = &BOM[..seen];
                self.feed_lines(held, out)?;
            }
        }
        self.feed_lines(chunk, out)
    }

    fn feed_lines<F>(&mut self, chunk: &[u8], out: &mut F) -> Result<(), EventTooLarge>
    where
        F: FnMut(Parsed<'_>),
    {
        let mut rest = chunk;
        if self.skip_lf && !rest.is_empty() {
            self.skip_lf = false;
            if rest[0] == b'\n' {
                rest = &rest[1..];
            }
        }
        while !rest.is_empty() {
            let Some(end) = memchr2(b'\n', b'\r', rest) else {
                self.check(self.line.len() + rest.len())?;
                self.line.extend_from_slice(rest);
                break;
            };
            if self.line.is_empty() {
                self.check(end)?;
                self.line_done(&rest[..end], out)?;
            } else {
                self.check(self.line.len() + end)?;
                self.line.extend_from_slice(&rest[..end]);
                let line = std::mem::take(&mut self.line);
                let done = self.line_done(&line, out);
                if done.is_ok() {
                    // Keep the allocation for the next partial line.
                    self.line = line;
                    self.line.clear();
                }
                done?;
            }
            let cr = rest[end] == b'\r';
            rest = &rest[end + 1..];
            if cr {
                match rest.first() {
                    Some(b'\n') => rest = &rest[1..],
                    Some(_) => {}
                    None => self.skip_lf = true,
                }
            }
        }
        Ok(())
    }

    /// Fails (and frees the buffers) when the event in progress would pass the cap.
    fn check(&mut self, line_len: usize) -> Result<(), EventTooLarge> {
        if line_len + self.data.len() + self.event.len() <= self.max {
            return Ok(());
        }
        self.line = Vec::new();
        self.data = Vec::new();
        self.event = Vec::new();
        Err(EventTooLarge { limit: self.max })
    }

    fn line_done<F>(&mut self, line: &[u8], out: &mut F) -> Result<(), EventTooLarge>
    where
        F: FnMut(Parsed<'_>),
    {
        let Some(&first) = line.first() else {
            self.dispatch(out);
            return Ok(());
        };
        if first == b':' {
            return Ok(());
        }
        let (name, value) = match memchr(b':', line) {
            Some(colon) => {
                let value = &line[colon + 1..];
                let value = value.strip_prefix(b" ").unwrap_or(value);
                (&line[..colon], value)
            }
            None => (line, &[][..]),
        };
        match name {
            b"data" => {
                // The joining newline counts towards the cap too.
                self.check(value.len() + 1)?;
                self.data.extend_from_slice(value);
                self.data.push(b'\n');
            }
            b"event" => {
                self.event.clear();
                self.event.extend_from_slice(value);
            }
            // An id with NUL is ignored.
            b"id" if memchr(0, value).is_none() => {
                self.last_id.clear();
                self.last_id.extend_from_slice(value);
            }
            // Only ASCII digits make a valid retry.
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                let ms = value.iter().fold(0u64, |acc, d| {
                    acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
                });
                out(Parsed::Retry(ms));
            }
            _ => {}
        }
        Ok(())
    }

    fn dispatch<F>(&mut self, out: &mut F)
    where
        F: FnMut(Parsed<'_>),
    {
        if self.committed_id != self.last_id {
            self.committed_id.clone_from(&self.last_id);
        }
        if self.data.is_empty() {
            self.event.clear();
            return;
        }
        self.data.pop();
        let event = if self.event.is_empty() {
            Cow::Borrowed("message")
        } else {
            String::from_utf8_lossy(&self.event)
        };
        out(Parsed::Event(ParsedEvent {
            event,
            data: String::from_utf8_lossy(&self.data),
            id: String::from_utf8_lossy(&self.committed_id),
        }));
        self.data.clear();
        self.event.clear();
    }
}
