import { useState } from "react";
import type { NatsReply } from "../../../bindings/wire";
import { toIpcError } from "../../../ipc/errors";
import { natsData } from "../dataClient";
import { nats, textToB64 } from "../natsClient";
import { PayloadView } from "../PayloadView";
import { describeRequestError, parseHeaders, subjectProblem } from "./requestForm";

type Outcome = { kind: "reply"; reply: NatsReply } | { kind: "published"; subject: string } | { kind: "error"; message: string };

/** Publish a message or send a request and show the reply with its round-trip time. */
export function RequestPanel({ profileId }: { profileId: string }) {
  const [subject, setSubject] = useState("demo.echo");
  const [headers, setHeaders] = useState("");
  const [payload, setPayload] = useState('{"hello":"sluice"}');
  const [timeoutMs, setTimeoutMs] = useState(2000);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const send = async (kind: "request" | "publish") => {
    const problem = subjectProblem(subject);
    const parsed = parseHeaders(headers);
    if (problem || typeof parsed === "string") return setOutcome({ kind: "error", message: problem ?? (parsed as string) });
    const req = { subject: subject.trim(), payloadB64: textToB64(payload), headers: parsed, reply: null };
    setBusy(true);
    setOutcome(null);
    try {
      if (kind === "request") setOutcome({ kind: "reply", reply: await natsData.request(profileId, req, timeoutMs) });
      else {
        await nats.publish(profileId, req);
        setOutcome({ kind: "published", subject: req.subject });
      }
    } catch (err) {
      setOutcome({ kind: "error", message: describeRequestError(toIpcError(err), req.subject, timeoutMs) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="nats-data" data-testid="nats-request">
      <form
        aria-label="Request or publish"
        onSubmit={(e) => {
          e.preventDefault();
          void send("request");
        }}
      >
        <div className="row">
          <label className="num-field grow-field">
            Subject
            <input data-testid="nats-req-subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
          </label>
          <label className="num-field">
            Timeout (ms)
            <input type="number" min={1} max={60000} value={timeoutMs} onChange={(e) => setTimeoutMs(Number(e.target.value) || 2000)} />
          </label>
        </div>
        <div className="row">
          <label className="num-field grow-field">
            Headers (Name: value per line)
            <textarea rows={3} data-testid="nats-req-headers" value={headers} onChange={(e) => setHeaders(e.target.value)} />
          </label>
          <label className="num-field grow-field">
            Payload
            <textarea rows={3} data-testid="nats-req-payload" value={payload} onChange={(e) => setPayload(e.target.value)} />
          </label>
        </div>
        <div className="row">
          <button type="submit" className="button" data-testid="nats-req-send" disabled={busy}>
            Request
          </button>
          <button type="button" className="button button-quiet" data-testid="nats-req-publish" disabled={busy} onClick={() => void send("publish")}>
            Publish
          </button>
          {busy && <span className="muted" role="status">Waiting for a reply…</span>}
        </div>
      </form>
      {outcome?.kind === "error" && (
        <p className="notice notice-error" role="alert" data-testid="nats-req-error">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === "published" && (
        <p className="muted" role="status" data-testid="nats-req-published">
          Published to {outcome.subject}
        </p>
      )}
      {outcome?.kind === "reply" && (
        <div className="nats-detail" data-testid="nats-req-reply">
          <div className="nats-msg-head">
            <span className="nats-subject">Reply</span>
            <span className="muted" data-testid="nats-req-timing">
              {outcome.reply.elapsedMs} ms · {outcome.reply.size} B
            </span>
          </div>
          {outcome.reply.headers.length > 0 && (
            <div className="nats-headers">{outcome.reply.headers.map((h) => `${h.name}: ${h.value}`).join("\n")}</div>
          )}
          <PayloadView payloadB64={outcome.reply.payloadB64} testId="nats-req-reply-payload" />
        </div>
      )}
    </div>
  );
}
