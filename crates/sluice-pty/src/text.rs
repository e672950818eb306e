/// Turns a byte stream into text without breaking characters split across chunks: an
/// incomplete sequence at the end of a chunk waits for the next one, and only bytes that
/// can never be UTF-8 become U+FFFD.
#[derive(Debug, Default)]
pub struct Utf8Decoder {
    carry: Vec<u8>,
}

impl Utf8Decoder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn decode(&mut self, chunk: &[u8]) -> String {
        let mut input = std::mem::take(&mut self.carry);
        input.extend_from_slice(chunk);
        let mut out = String::with_capacity(input.len());
        let mut rest = input.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    out.push_str(valid);
                    break;
                }
                Err(err) => {
                    let (valid, after) = rest.split_at(err.valid_up_to());
                    // Safe by construction: `valid_up_to` bytes are valid UTF-8.
                    out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                    match err.error_len() {
                        Some(bad) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            rest = &after[bad..];
                        }
                        None => {
                            self.carry = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        out
    }

    /// End of stream: a sequence still incomplete is invalid.
    pub fn finish(&mut self) -> String {
        if self.carry.is_empty() {
            String::new()
        } else {
            self.carry.clear();
            char::REPLACEMENT_CHARACTER.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_split_across_chunks_is_kept_whole() {
        let mut d = Utf8Decoder::new();
        assert_eq!(d.decode(b"a\xe2"), "a");
        assert_eq!(d.decode(b"\x80"), "");
        assert_eq!(d.decode(b"\x94b"), "\u{2014}b");
        assert_eq!(d.finish(), "");
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        let mut d = Utf8Decoder::new();
        assert_eq!(d.decode(b"a\xffb\xe2x"), "a\u{fffd}b\u{fffd}x");
        assert_eq!(d.decode(b"\xe2\x80"), "");
        assert_eq!(d.finish(), "\u{fffd}");
    }
}
