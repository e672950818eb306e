//! The parser against the WHATWG EventSource rules, fed whole and in pieces.

use sluice_sse::{Parsed, Parser};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    Ev(String, String, String),
    Retry(u64),
}

/// Parses `chunks` in order and returns what came out, or the cap error.
pub fn parse_chunks(
    p: &mut Parser,
    chunks: &[&[u8]],
) -> Result<Vec<Out>, sluice_sse::EventTooLarge> {
    let mut out = Vec::new();
    for c in chunks {
        p.feed(c, &mut |x: Parsed<'_>| match x {
            Parsed::Event(e) => out.push(Out::Ev(
                e.event.into_owned(),
                e.data.into_owned(),
                e.id.into_owned(),
            )),
            Parsed::Retry(ms) => out.push(Out::Retry(ms)),
        })?;
    }
    Ok(out)
}

fn parse(bytes: &[u8]) -> Vec<Out> {
    parse_chunks(&mut Parser::default(), &[bytes]).unwrap()
}

/// Parses one byte at a time, the worst split there is.
fn parse_bytewise(bytes: &[u8]) -> Vec<Out> {
    let chunks: Vec<&[u8]> = bytes.chunks(1).collect();
    parse_chunks(&mut Parser::default(), &chunks).unwrap()
}

fn ev(event: &str, data: &str, id: &str) -> Out {
    Out::Ev(event.into(), data.into(), id.into())
}

#[test]
fn data_lines_join_with_newlines() {
    let input = b"data: YHOO\ndata: +2\ndata: 10\n\n";
    assert_eq!(parse(input), vec![ev("message", "YHOO\n+2\n10", "")]);
    assert_eq!(parse_bytewise(input), parse(input));
}

#[test]
fn spec_example_with_empty_data_and_unterminated_tail() {
    // From the spec: the first block dispatches "", the second "\n", the last is never
    // terminated and is discarded.
    let input = b"data\n\ndata\ndata\n\ndata:";
    assert_eq!(
        parse(input),
        vec![ev("message", "", ""), ev("message", "\n", "")]
    );
}

#[test]
fn one_leading_space_is_stripped_and_no_more() {
    let input = b"data:test\n\ndata: test\n\ndata:  two\n\n";
    assert_eq!(
        parse(input),
        vec![
            ev("message", "test", ""),
            ev("message", "test", ""),
            ev("message", " two", "")
        ]
    );
}

#[test]
fn comments_unknown_fields_and_bare_names() {
    let input = b": a comment\nfoo: bar\nevent\ndata\n\n:only a comment\n\n";
    // `event` with no colon sets an empty name, which reads as "message".
    assert_eq!(parse(input), vec![ev("message", "", "")]);
}

#[test]
fn event_names_reset_after_each_dispatch() {
    let input = b"event: add\ndata: 1\n\ndata: 2\n\nevent: gone\n\n";
    assert_eq!(
        parse(input),
        vec![ev("add", "1", ""), ev("message", "2", "")]
    );
}

#[test]
fn ids_persist_and_ids_with_nul_are_ignored() {
    let input = b"id: 7\ndata: a\n\ndata: b\n\nid: 8\0x\ndata: c\n\nid\ndata: d\n\n";
    assert_eq!(
        parse(input),
        vec![
            ev("message", "a", "7"),
            ev("message", "b", "7"),
            ev("message", "c", "7"),
            ev("message", "d", "")
        ]
    );
}

#[test]
fn id_only_blocks_commit_the_id_for_resume() {
    let mut p = Parser::default();
    parse_chunks(&mut p, &[b"data: a\nid: 1\n\nid: 2\n\n"]).unwrap();
    assert_eq!(p.last_event_id(), "2");
    // An id whose block has not ended yet is not committed.
    parse_chunks(&mut p, &[b"id: 3\n"]).unwrap();
    assert_eq!(p.last_event_id(), "2");
}

#[test]
fn retry_takes_digits_only() {
    let input = b"retry: 1500\n\nretry: 12a\nretry:\nretry: -1\nretry: 99999999999999999999999\n\n";
    assert_eq!(parse(input), vec![Out::Retry(1500), Out::Retry(u64::MAX)]);
}

#[test]
fn cr_lf_and_crlf_all_end_lines() {
    let lf = parse(b"data: a\n\n");
    assert_eq!(parse(b"data: a\r\r"), lf);
    assert_eq!(parse(b"data: a\r\n\r\n"), lf);
    assert_eq!(parse(b"data: a\r\n\n"), lf);
    assert_eq!(parse_bytewise(b"data: a\r\n\r\n"), lf);
}

#[test]
fn crlf_split_across_chunks_is_one_line_end() {
    let mut p = Parser::default();
    // If the LF after a chunk-final CR were read as its own line, "data: b" would be cut
    // off from "data: a" by an extra dispatch.
    let out = parse_chunks(&mut p, &[b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"]).unwrap();
    assert_eq!(out, vec![ev("message", "a\nb", "")]);
}

#[test]
fn bom_is_stripped_once_even_split() {
    let mut p = Parser::default();
    let out = parse_chunks(&mut p, &[b"\xEF", b"\xBB", b"\xBFdata: x\n\n"]).unwrap();
    assert_eq!(out, vec![ev("message", "x", "")]);
    // A second BOM is content: it makes "\u{feff}data" an unknown field name.
    assert_eq!(parse(b"\xEF\xBB\xBF\xEF\xBB\xBFdata: x\n\n"), vec![]);
}

#[test]
fn bytes_that_only_start_like_a_bom_are_content() {
    let mut p = Parser::default();
    let out = parse_chunks(&mut p, &[b"\xEF", b"data: x\n\n"]).unwrap();
    assert_eq!(out, vec![]); // "\u{fffd}data" is an unknown field
    let out = parse_chunks(&mut Parser::default(), &[b"\xEF\xBB", b"\n"]).unwrap();
    assert_eq!(out, vec![]);
}

#[test]
fn invalid_utf8_becomes_replacement_characters() {
    let out = parse(b"event: \xFFx\ndata: a\xC3\ndata: \xE2\x82\n\n");
    assert_eq!(out, vec![ev("\u{FFFD}x", "a\u{FFFD}\n\u{FFFD}", "")]);
}

#[test]
fn reset_keeps_the_committed_id_and_drops_partial_state() {
    let mut p = Parser::default();
    parse_chunks(&mut p, &[b"id: 5\ndata: a\n\nevent: x\ndata: half"]).unwrap();
    p.reset_stream();
    let out = parse_chunks(&mut p, &[b"\xEF\xBB\xBFdata: b\n\n"]).unwrap();
    assert_eq!(out, vec![ev("message", "b", "5")]);
}

#[test]
fn set_last_event_id_refuses_line_breaks() {
    let mut p = Parser::default();
    p.set_last_event_id("41");
    p.set_last_event_id("bad\nid");
    let out = parse_chunks(&mut p, &[b"data: x\n\n"]).unwrap();
    assert_eq!(out, vec![ev("message", "x", "41")]);
}

#[test]
fn an_event_past_the_cap_fails_and_frees_memory() {
    let mut p = Parser::new(1024);
    let line = vec![b'x'; 100];
    let mut result = Ok(Vec::new());
    let mut fed = 0;
    for _ in 0..100 {
        result = parse_chunks(&mut p, &[b"data: ", &line, b"\n"]);
        fed += 1;
        if result.is_err() {
            break;
        }
    }
    assert_eq!(result, Err(sluice_sse::EventTooLarge { limit: 1024 }));
    assert!(fed <= 11, "the cap held after {fed} lines");
    assert_eq!(p.buffered(), 0);
}

#[test]
fn one_long_line_past_the_cap_fails_while_arriving() {
    let mut p = Parser::new(4096);
    let chunk = vec![b'y'; 1000];
    let mut failed_at = None;
    for i in 0..100 {
        if parse_chunks(&mut p, &[&chunk]).is_err() {
            failed_at = Some(i);
            break;
        }
        assert!(p.buffered() <= 4096);
    }
    assert_eq!(failed_at, Some(4));
}

#[test]
fn eight_mb_line_in_1024_chunks_is_one_event() {
    let payload = vec![b'z'; 8 * 1024 * 1024];
    let mut stream = b"data: ".to_vec();
    stream.extend_from_slice(&payload);
    stream.extend_from_slice(b"\n\n");
    let chunks: Vec<&[u8]> = stream.chunks(stream.len().div_ceil(1024)).collect();
    assert!(chunks.len() >= 1024);
    let out = parse_chunks(&mut Parser::new(16 * 1024 * 1024), &chunks).unwrap();
    assert_eq!(out.len(), 1);
    let Out::Ev(_, data, _) = &out[0] else {
        panic!("expected an event")
    };
    assert_eq!(data.len(), payload.len());
}

#[test]
fn entries_serialize_exactly_as_the_wire_type() {
    use sluice_flow::Event as _;
    let event = sluice_wire::SseEvent::Message {
        message: sluice_wire::SseMessage {
            event: "message".into(),
            data: "a\"b\u{1}".into(),
            id: "7".into(),
        },
    };
    let entry = sluice_sse::SseEntry::new(event.clone());
    let json = serde_json::to_string(&entry).unwrap();
    assert_eq!(json, serde_json::to_string(&event).unwrap());
    assert!(
        json.starts_with(r#"{"kind":"message","message":{"#),
        "{json}"
    );
    assert!(entry.weight() >= json.len(), "weight bounds the JSON size");
}
