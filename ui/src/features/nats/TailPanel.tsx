import { useEffect, useRef, useState } from "react";
import type { FlowStats, IpcError, NatsTailEntry } from "../../bindings/wire";
import { toIpcError } from "../../ipc/errors";
import type { Subscription } from "../../ipc/subscribe";
import { nats, textToB64 } from "./natsClient";
import { PAYLOAD_MODES, renderPayload, type PayloadMode } from "./payload";

/** Entries kept on screen; the counters count everything. */
const KEEP = 200;

/** A live tail of one subject; payloads and headers are rendered as text only. */
export function TailPanel({ profileId }: { profileId: string }) {
  const [subject, setSubject] = useState("orders.>");
  const [mode, setMode] = useState<PayloadMode>("text");
  const [entries, setEntries] = useState<NatsTailEntry[]>([]);
  const [stats, setStats] = useState<FlowStats | null>(null);
  const [rate, setRate] = useState(0);
  const [error, setError] = useState<IpcError | null>(null);
  const [publishText, setPublishText] = useState("");
  const sub = useRef<Subscription | null>(null);
  const received = useRef(0);
  const lastReceived = useRef<{ at: number; received: number } | null>(null);

  useEffect(() => () => void sub.current?.close(), []);
  // Messages per second, from the flow's running totals; a timer so it falls to 0 when idle.
  useEffect(() => {
    const timer = setInterval(() => {
      const now = performance.now();
      const prev = lastReceived.current;
      if (prev) setRate(Math.max(0, Math.round(((received.current - prev.received) * 1000) / Math.max(1, now - prev.at))));
      lastReceived.current = { at: now, received: received.current };
    }, 1000);
    return () => clearInterval(timer);
  }, []);

  const start = async () => {
    await sub.current?.close();
    sub.current = null;
    setEntries([]);
    setError(null);
    received.current = 0;
    lastReceived.current = null;
    try {
      sub.current = await nats.tail(profileId, subject, (frame) => {
        received.current = frame.stats.received;
        setStats(frame.stats);
        setEntries((prev) => [...frame.entries.slice().reverse(), ...prev].slice(0, KEEP));
      });
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  const publish = async () => {
    const target = subject.replace(/\.>$|\.\*$/, ".ui");
    try {
      await nats.publish(profileId, { subject: target, payloadB64: textToB64(publishText), headers: [], reply: null });
    } catch (err) {
      setError(toIpcError(err));
    }
  };

  return (
    <section className="nats-tail" aria-label="Tail">
      <h3>Tail</h3>
      <div className="row">
        <label className="num-field grow-field">
          Subject
          <input data-testid="nats-tail-subject" aria-label="Tail subject" value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <button type="button" className="button" data-testid="nats-tail-start" onClick={() => void start()}>
          Tail
        </button>
        <label className="num-field">
          Payload as
          <select aria-label="Payload as" value={mode} onChange={(e) => setMode(e.target.value as PayloadMode)}>
            {PAYLOAD_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="num-field grow-field">
          Publish text
          <input data-testid="nats-publish-text" aria-label="Publish text" value={publishText} onChange={(e) => setPublishText(e.target.value)} />
        </label>
        <button type="button" className="button button-quiet" data-testid="nats-publish" onClick={() => void publish()}>
          Publish
        </button>
      </div>
      {error && (
        <p className="notice notice-error" data-testid="nats-tail-error">
          {error.message}
        </p>
      )}
      <div className="stream-status" aria-label="Tail counters">
        <span>{rate} msg/s</span>
        <span>
          received <span data-testid="nats-received">{stats?.received ?? 0}</span>
        </span>
        <span>
          dropped <span data-testid="nats-dropped">{stats?.dropped ?? 0}</span>
        </span>
        <span>frames {stats?.frames ?? 0}</span>
      </div>
      <ol className="nats-tail-log" data-testid="nats-tail-log" aria-label="Tail messages">
        {entries.map((e) =>
          e.kind === "gap" ? (
            <li key={`gap-${e.resumedAtMs}`} className="nats-gap">
              Gap: {e.missed === null ? "unknown number of" : e.missed} messages missed
              {e.reason ? ` (${e.reason})` : ""}
            </li>
          ) : (
            <li key={e.index} className="nats-msg">
              <div className="nats-msg-head">
                <span className="nats-subject">{e.subject}</span>
                <span className="muted">
                  #{e.index} · {e.size} B{e.reply ? ` · reply ${e.reply}` : ""}
                </span>
              </div>
              {e.headers.length > 0 && (
                <div className="nats-headers">{e.headers.map((h) => `${h.name}: ${h.value}`).join("\n")}</div>
              )}
              <pre className="nats-payload">{renderPayload(e.payloadB64, mode)}</pre>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
