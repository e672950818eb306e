use std::collections::VecDeque;

/// The last `capacity` bytes of a session's output, replayed when a view re-attaches.
pub(crate) struct Scrollback {
    bytes: VecDeque<u8>,
    capacity: usize,
}

impl Scrollback {
    pub(crate) fn new(capacity: usize) -> Self {
        Self {
            bytes: VecDeque::new(),
            capacity,
        }
    }

    pub(crate) fn push(&mut self, chunk: &[u8]) {
        if self.capacity == 0 {
            return;
        }
        let chunk = &chunk[chunk.len().saturating_sub(self.capacity)..];
        let excess = (self.bytes.len() + chunk.len()).saturating_sub(self.capacity);
        self.bytes.drain(..excess);
        self.bytes.extend(chunk);
    }

    /// The kept bytes, starting at a character boundary: a replay that began inside a
    /// UTF-8 sequence would show a replacement character first.
    pub(crate) fn snapshot(&self) -> Vec<u8> {
        let skip = self
            .bytes
            .iter()
            .take(3)
            .take_while(|b| (0x80..0xC0).contains(*b))
            .count();
        self.bytes.iter().skip(skip).copied().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_newest_bytes() {
        let mut sb = Scrollback::new(4);
        sb.push(b"abc");
        sb.push(b"def");
        assert_eq!(sb.snapshot(), b"cdef");
        sb.push(b"0123456789");
        assert_eq!(sb.snapshot(), b"6789");
    }

    #[test]
    fn replay_starts_at_a_character_boundary() {
        let mut sb = Scrollback::new(3);
        sb.push("a—".as_bytes());
        assert_eq!(sb.snapshot(), "—".as_bytes());
        sb.push(b"x");
        assert_eq!(sb.snapshot(), b"x");
    }
}
